# pyprobe.m4 - Autoconf macros to build Python extensions with pyprobe.
# serial 1                                               -*- Autoconf -*-
dnl
dnl Copyright (c) 2026 the pyprobe authors.
dnl
dnl This file is free software; the pyprobe authors give unlimited
dnl permission to copy and/or distribute it, with or without
dnl modifications, as long as this notice is preserved. (pyprobe itself
dnl is MIT-licensed; see its COPYING.)
dnl
dnl pyprobe tells a build what a Python interpreter really is (GIL or
dnl free-threaded build, ABI, extension suffixes, headers) and how to
dnl build extensions for it. These macros are to Python extensions what
dnl PKG_CHECK_MODULES is to C libraries:
dnl
dnl   PYPROBE_PROG_PYPROBE([MIN-VERSION])
dnl   PYPROBE_CHECK([ACTION-IF-FOUND], [ACTION-IF-NOT-FOUND], [OPTIONS],
dnl                 [PREFIX])
dnl   PYPROBE_DEFINE_FACTS([MACRO-PREFIX], [PREFIX])
dnl
dnl See pyprobe.m4(7) for the whole story.

dnl Every name in configure that starts with PYPROBE_ is ours: one left
dnl unexpanded (a misspelled macro) stops autoconf. The same line in a
dnl project's configure.ac also covers the case where aclocal did not
dnl find this file at all, which this file cannot see.
m4_pattern_forbid([^_?PYPROBE_])

dnl _PYPROBE_FOREACH_NAME(MACRO)
dnl ----------------------------
dnl Internal. Expand MACRO(NAME, KIND, DESCRIPTION) for every public
dnl name pyprobe reports, in the order of `pyprobe --list-names'. KIND
dnl says how config.h writes the value: string, bool, number or hex.
dnl pyprobe's test suite checks this table against the program.
m4_define([_PYPROBE_FOREACH_NAME],
[dnl
$1([PYTHON], [string],
     [the interpreter that was probed (absolute path)])[]dnl
$1([EXECUTABLE], [string],
     [sys.executable as the interpreter reports it])[]dnl
$1([IMPLEMENTATION], [string],
     [implementation: cpython, pypy, graalpy, ...])[]dnl
$1([IMPLEMENTATION_VERSION], [string],
     [the implementation's own version (PyPy's 7.3.11)])[]dnl
$1([VERSION], [string],
     [language version, as platform.python_version()])[]dnl
$1([VERSION_MAJOR], [number],
     [language major version])[]dnl
$1([VERSION_MINOR], [number],
     [language minor version])[]dnl
$1([VERSION_HEX], [hex],
     [language version as PY_VERSION_HEX])[]dnl
$1([ABIFLAGS], [string],
     [sys.abiflags: t free-threaded, d debug, m and u legacy])[]dnl
$1([ABI_TAG], [string],
     [the interpreter's own wheel ABI tag (cp314t, cp311d, pypy39_pp73)])[]dnl
$1([INTERPRETER_TAG], [string],
     [wheel interpreter tag (cp314, pp39)])[]dnl
$1([PLATFORM], [string],
     [sysconfig.get_platform()])[]dnl
$1([PLATFORM_TAG], [string],
     [platform part of a freshly built wheel's name])[]dnl
$1([SOABI], [string],
     [SOABI config variable])[]dnl
$1([EXT_SUFFIX], [string],
     [file name suffix of a version-specific extension module])[]dnl
$1([EXTENSION_SUFFIXES], [string],
     [importlib.machinery.EXTENSION_SUFFIXES, space-separated (a JSON array)])[]dnl
$1([STABLE_ABI_SUFFIXES], [string],
     [stable-ABI suffixes this interpreter really loads, space-separated (a JSON array)])[]dnl
$1([FREE_THREADED], [bool],
     [1 if the build has the GIL disabled (build configuration, Py_GIL_DISABLED)])[]dnl
$1([GIL_ENABLED], [bool],
     [GIL state of the probing process at run time; not for build decisions])[]dnl
$1([DEBUG], [bool],
     [1 for a debug build (Py_DEBUG)])[]dnl
$1([POINTER_SIZE], [number],
     [size of a pointer in bytes])[]dnl
$1([LIBC], [string],
     [C library and version the interpreter runs on (glibc 2.36, musl 1.2), or empty])[]dnl
$1([PREFIX], [string],
     [sys.prefix])[]dnl
$1([BASE_PREFIX], [string],
     [sys.base_prefix (differs from PREFIX in a virtual environment)])[]dnl
$1([VENV], [bool],
     [1 inside a virtual environment])[]dnl
$1([PLATLIB], [string],
     [where this interpreter installs extension modules (sysconfig platlib)])[]dnl
$1([PURELIB], [string],
     [where this interpreter installs pure-Python modules (sysconfig purelib)])[]dnl
$1([PLATLIB_REL], [string],
     [PLATLIB's place below an install prefix, as AM_PATH_PYTHON's pyexecdir])[]dnl
$1([PURELIB_REL], [string],
     [PURELIB's place below an install prefix, as AM_PATH_PYTHON's pythondir])[]dnl
$1([INCLUDEDIR], [string],
     [directory holding Python.h for this interpreter])[]dnl
$1([LIBDIR], [string],
     [directory of libpython, for embedding])[]dnl
$1([LIBPYTHON], [string],
     [libpython name for -l (python3.11), for embedding])[]dnl
$1([SHARED], [bool],
     [1 if libpython is a shared library])[]dnl
$1([LIMITED_API], [bool],
     [1 if an abi3 extension can be built for and loaded by this interpreter])[]dnl
$1([LIMITED_API_VERSION], [string],
     [Python version an abi3 build targets here (--limited-api, else this one), empty if LIMITED_API is 0])[]dnl
$1([ABI3T], [bool],
     [1 if an abi3t extension (PEP 803) can be built for and loaded by it])[]dnl
$1([STABLE_ABI_SUFFIX], [string],
     [suffix to name a stable-ABI extension with, empty where none applies])[]dnl
$1([BUILD_PATH], [string],
     [extension build chosen by the policy: version-specific, abi3, abi3.abi3t or abi3t])[]dnl
$1([BUILD_REASON], [string],
     [why BUILD_PATH is what it is, in one line])[]dnl
$1([BUILD_SUFFIX], [string],
     [suffix to name the extension built on BUILD_PATH])[]dnl
$1([WHEEL_TAG], [string],
     [tag of a wheel built on BUILD_PATH (cp311-abi3-linux_x86_64)])[]dnl
$1([MYPYC], [bool],
     [1 if the policy says: compile with mypyc])[]dnl
$1([MYPYC_REASON], [string],
     [why MYPYC is what it is, in one line])[]dnl
$1([CPPFLAGS], [string],
     [preprocessor flags for an extension (-I..., -DPy_GIL_DISABLED=1 where needed)])[]dnl
$1([BUILD_CPPFLAGS], [string],
     [CPPFLAGS plus the stable-ABI macros for BUILD_PATH])[]dnl
$1([MODULE_LDFLAGS], [string],
     [extra linker flags for an extension built on BUILD_PATH (Windows: its import library, python3.lib for abi3)])[]dnl
$1([EMBED_LIBS], [string],
     [linker flags and libraries to embed the interpreter (Windows: its import library)])[]dnl
$1([UNKNOWN], [string],
     [names whose facts a description file or an older facts file lacks (their values are empty), space-separated])[]dnl
])

dnl _PYPROBE_KEY(NAME)
dnl ------------------
dnl Internal. The lower-case key of NAME, as `pyprobe --get' takes it.
m4_define([_PYPROBE_KEY], [m4_tolower([$1])])

dnl PYPROBE_PROG_PYPROBE([MIN-VERSION])
dnl -----------------------------------
dnl Find the pyprobe program and set PYPROBE to it, unless the user set
dnl PYPROBE. With MIN-VERSION, a pyprobe older than that is not used.
dnl When no usable pyprobe is found, PYPROBE is empty and
dnl PYPROBE_CHECK reports why; this macro itself never fails.
dnl
dnl PYPROBE_CHECK calls this for you (without a minimum); call it
dnl first yourself to require a version.
AC_DEFUN([PYPROBE_PROG_PYPROBE],
[m4_pattern_allow([^PYPROBE_(FLAGS|ERROR)$])dnl
m4_pattern_allow([^PYPROBE_(FREE_THREADED|LIMITED_API|ABI3T|MYPYC)_(TRUE|FALSE)$])dnl
_PYPROBE_FOREACH_NAME([_PYPROBE_ALLOW_NAME])dnl
AC_ARG_VAR([PYPROBE], [the pyprobe program])dnl
if test "x$ac_cv_env_PYPROBE_set" != xset; then
  AC_PATH_PROG([PYPROBE], [pyprobe])
fi
pyprobe_version=
pyprobe_prog_error=
if test -z "$PYPROBE"; then
  pyprobe_prog_error="pyprobe was not found: install pyprobe, or set PYPROBE to the pyprobe program"
else
  _PYPROBE_PROG_MISSING
fi
if test -n "$pyprobe_prog_error"; then
  PYPROBE=
else
  AC_MSG_CHECKING([the version of $PYPROBE])
  pyprobe_version=`$PYPROBE --version 2>&AS_MESSAGE_LOG_FD | sed -n 's/^pyprobe //p'`
  if test -z "$pyprobe_version"; then
    AC_MSG_RESULT([unknown])
    pyprobe_prog_error="\`$PYPROBE --version' does not say that it is pyprobe: set PYPROBE to the pyprobe program"
    PYPROBE=
  else
    AC_MSG_RESULT([$pyprobe_version])
m4_ifval([$1], [dnl
    AS_VERSION_COMPARE([$pyprobe_version], [$1],
      [pyprobe_prog_error="pyprobe $pyprobe_version ($PYPROBE) is too old, version $1 or later is needed: install a newer pyprobe, or set PYPROBE to one"
       PYPROBE=])
])dnl
  fi
fi[]dnl
])# PYPROBE_PROG_PYPROBE

dnl _PYPROBE_PROG_MISSING
dnl ---------------------
dnl Internal. Set pyprobe_prog_error when the program PYPROBE names (its
dnl first word) is not there, so that the message says so rather than
dnl that its --version did not answer.
m4_define([_PYPROBE_PROG_MISSING],
[set dummy $PYPROBE
pyprobe_prog=$[2]
pyprobe_fix_prog="set PYPROBE to the pyprobe program, or unset it to find pyprobe on PATH"
case $pyprobe_prog in
  */*)
    if test ! -f "$pyprobe_prog"; then
      pyprobe_prog_error="$pyprobe_prog (PYPROBE): no such file: $pyprobe_fix_prog"
    elif AS_EXECUTABLE_P(["$pyprobe_prog"]); then :
    else
      pyprobe_prog_error="$pyprobe_prog (PYPROBE): not executable: $pyprobe_fix_prog"
    fi ;;
  *)
    pyprobe_prog_error="$pyprobe_prog (PYPROBE): not found on PATH: $pyprobe_fix_prog"
    pyprobe_save_IFS=$IFS; IFS=$PATH_SEPARATOR
    for pyprobe_dir in $PATH; do
      IFS=$pyprobe_save_IFS
      test -n "$pyprobe_dir" || pyprobe_dir=.
      AS_EXECUTABLE_P(["$pyprobe_dir/$pyprobe_prog"]) &&
        { pyprobe_prog_error=; break; }
    done
    IFS=$pyprobe_save_IFS ;;
esac[]dnl
])

dnl _PYPROBE_ALLOW_NAME(NAME, KIND, DESCRIPTION)
dnl --------------------------------------------
dnl Internal. PYPROBE_NAME may appear in configure (the forbidden
dnl pattern catches misspelled macro names, not our variables).
m4_define([_PYPROBE_ALLOW_NAME], [m4_pattern_allow([^PYPROBE_$1$])])

dnl PYPROBE_CHECK([ACTION-IF-FOUND], [ACTION-IF-NOT-FOUND], [OPTIONS],
dnl               [PREFIX])
dnl ------------------------------------------------------------------
dnl Ask pyprobe about the Python interpreter to build for: PYTHON (a path
dnl or a command name), else python3, else python. OPTIONS (from
dnl configure.ac) and then PYPROBE_FLAGS (from the user) are passed to
dnl pyprobe; they carry the policy, e.g. --limited-api=3.11, --abi3t=yes,
dnl --mypyc=no.
dnl
dnl Then check that the Python.h the C compiler finds with
dnl PYPROBE_BUILD_CPPFLAGS after the user's CPPFLAGS (and with CC and
dnl CFLAGS) belongs to that interpreter: the same major.minor version,
dnl Py_GIL_DISABLED and Py_DEBUG. A mix-up such as include/python3.14
dnl for python3.14t stops configure with a message naming both sides.
dnl
dnl On success every public name is substituted as PYPROBE_NAME
dnl (PYPROBE_CPPFLAGS, PYPROBE_BUILD_CPPFLAGS, PYPROBE_MODULE_LDFLAGS,
dnl PYPROBE_EMBED_LIBS, PYPROBE_EXT_SUFFIX, PYPROBE_BUILD_SUFFIX, ...;
dnl `pyprobe --list-names' lists them), the Automake conditionals
dnl PYPROBE_FREE_THREADED, PYPROBE_LIMITED_API, PYPROBE_ABI3T and
dnl PYPROBE_MYPYC are set from the names of the same meaning, and
dnl ACTION-IF-FOUND runs.
dnl
dnl On failure (no pyprobe, no Python, no headers, headers of another
dnl ABI) PYPROBE_ERROR says why, in words that say what to install or
dnl set; the names are empty, the conditionals false, and
dnl ACTION-IF-NOT-FOUND runs. Without ACTION-IF-NOT-FOUND, configure
dnl stops with that message (give [:] to go on without Python).
dnl
dnl Results are cached (pyprobe_cv_*) for the interpreter, pyprobe and
dnl options they were found with; with a different PYTHON (or, when
dnl PYTHON is not a path, a different PATH) they are found again.
dnl
dnl PREFIX (default PYPROBE_) replaces PYPROBE_ in the names above
dnl (variables, conditionals, PREFIX ERROR) and the cache variables are
dnl pyprobe_prefix_cv_*: one configure can check two interpreters,
dnl setting PYTHON before each call.
AC_DEFUN([PYPROBE_CHECK],
[AC_REQUIRE([PYPROBE_PROG_PYPROBE])dnl
AC_REQUIRE([AC_PROG_CC])dnl
AC_ARG_VAR([PYTHON], [the Python interpreter to build for (a path or a command name; default: python3, then python)])dnl
AC_ARG_VAR([PYPROBE_FLAGS], [options for pyprobe, e.g. the policy: --limited-api=3.11 --mypyc=no])dnl
_PYPROBE_PUSH_PREFIX([$4])dnl
pyprobe_error=
pyprobe_ac_options="m4_normalize([$3])"
pyprobe_options="$pyprobe_ac_options $PYPROBE_FLAGS"
if test -z "$PYPROBE"; then
  pyprobe_error=$pyprobe_prog_error
else
  _PYPROBE_CACHE_KEY
  AC_CACHE_CHECK([for the Python interpreter to build for]_PYPROBE_LABEL,
    _PYPROBE_CV[facts], [_PYPROBE_PROBE])
  if test -z "$pyprobe_error"; then
    _PYPROBE_FOREACH_NAME([_PYPROBE_LOAD_NAME])dnl
AC_CACHE_CHECK([for the Python.h of $pyprobe_v_python],
      _PYPROBE_CV[headers], [_PYPROBE_HEADERS])
  fi
fi
if test -z "$pyprobe_error"; then
  _PYPROBE_CV[]key=$pyprobe_key
  _PYPROBE_FOREACH_NAME([_PYPROBE_SET_NAME])dnl
else
  # Failures are not cached: the user may fix them and run again.
  AS_UNSET(_PYPROBE_CV[facts])
  AS_UNSET(_PYPROBE_CV[headers])
  _PYPROBE_FOREACH_NAME([_PYPROBE_CLEAR_NAME])dnl
fi
_PYPROBE_V[]ERROR=$pyprobe_error
_PYPROBE_FOREACH_NAME([_PYPROBE_SUBST_NAME])dnl
m4_if(_PYPROBE_V, [PYPROBE_], [_PYPROBE_INSTALL_DIRS
])dnl
m4_ifdef([AM_CONDITIONAL], [dnl
_PYPROBE_CONDITIONAL([FREE_THREADED])
_PYPROBE_CONDITIONAL([LIMITED_API])
_PYPROBE_CONDITIONAL([ABI3T])
_PYPROBE_CONDITIONAL([MYPYC])
])dnl
AS_IF([test -z "$pyprobe_error"], [$1],
  [m4_default([$2], [AC_MSG_ERROR([$pyprobe_error])])])[]dnl
_PYPROBE_POP_PREFIX[]dnl
])# PYPROBE_CHECK

dnl _PYPROBE_INSTALL_DIRS
dnl ---------------------
dnl Internal, for the check without a PREFIX. As AM_PATH_PYTHON does,
dnl substitute pythondir and pyexecdir, and pkgpythondir and
dnl pkgpyexecdir (the package's directory below them: $PACKAGE, or the
dnl tarname without automake), so that python_PYTHON and
dnl pyexec_LTLIBRARIES install where the interpreter looks below the
dnl install prefix: ${prefix}/PURELIB_REL and ${exec_prefix}/PLATLIB_REL
dnl (lib/python3.14t/site-packages, lib/pypy3.9/site-packages). A value
dnl the user gave (./configure pyexecdir=DIR) is kept. An unset PYTHON
dnl becomes the interpreter probed, which py-compile runs.
m4_define([_PYPROBE_INSTALL_DIRS],
[if test -z "$pyprobe_error"; then
  test -n "$PYTHON" || PYTHON=$PYPROBE_PYTHON
  if test -n "$PYPROBE_PURELIB_REL" && test -n "$PYPROBE_PLATLIB_REL"; then
    test -n "$pythondir" || pythondir="\${prefix}/$PYPROBE_PURELIB_REL"
    test -n "$pyexecdir" || pyexecdir="\${exec_prefix}/$PYPROBE_PLATLIB_REL"
  elif test -z "$pythondir" || test -z "$pyexecdir"; then
    AC_MSG_WARN([pyprobe cannot tell where $PYPROBE_PYTHON installs modules below a prefix (unknown: $PYPROBE_UNKNOWN): set pythondir and pyexecdir])
  fi
fi
AC_SUBST([pythondir])
AC_SUBST([pkgpythondir], ["\${pythondir}/${PACKAGE:-$PACKAGE_TARNAME}"])
AC_SUBST([pyexecdir])
AC_SUBST([pkgpyexecdir], ["\${pyexecdir}/${PACKAGE:-$PACKAGE_TARNAME}"])[]dnl
])

dnl _PYPROBE_PUSH_PREFIX(PREFIX)
dnl _PYPROBE_POP_PREFIX
dnl ----------------------------
dnl Internal. For one PYPROBE_CHECK: _PYPROBE_V, the prefix of its
dnl variables (PREFIX, default PYPROBE_); _PYPROBE_CV, the prefix of its
dnl cache variables (pyprobe_cv_ for PYPROBE_, pyprobe_prefix_cv_ for
dnl PREFIX, so that two checks keep apart in config.cache); and
dnl _PYPROBE_LABEL, what the messages add to say which check it is.
m4_define([_PYPROBE_PUSH_PREFIX],
[m4_pushdef([_PYPROBE_V], m4_default([$1], [PYPROBE_]))dnl
m4_bmatch(_PYPROBE_V, [^[A-Za-z_][A-Za-z0-9_]*$], [],
  [m4_fatal([pyprobe.m4: the prefix ']_PYPROBE_V[' is not the start of a shell variable name])])dnl
m4_if(_PYPROBE_V, [PYPROBE_],
  [m4_pushdef([_PYPROBE_CV], [pyprobe_cv_])m4_pushdef([_PYPROBE_LABEL], [])],
  [m4_pushdef([_PYPROBE_CV], [pyprobe_]m4_tolower(_PYPROBE_V)[cv_])dnl
m4_pushdef([_PYPROBE_LABEL], [ (]_PYPROBE_V[)])])dnl
m4_pattern_allow([^]_PYPROBE_V[ERROR$])dnl
])
m4_define([_PYPROBE_POP_PREFIX],
[m4_popdef([_PYPROBE_V], [_PYPROBE_CV], [_PYPROBE_LABEL])])

dnl _PYPROBE_CONDITIONAL(NAME)
dnl --------------------------
dnl Internal. The Automake conditional PREFIX NAME: true when the
dnl variable PREFIX NAME is 1.
m4_define([_PYPROBE_CONDITIONAL],
[AM_CONDITIONAL(_PYPROBE_V[$1], [test "x$]_PYPROBE_V[$1" = x1])])

dnl _PYPROBE_CACHE_KEY
dnl ------------------
dnl Internal. Set pyprobe_key to what the cached results depend on, and
dnl forget them when it is not what they were found with. A PYTHON that
dnl is not an absolute path is found through PATH (and the directory).
m4_define([_PYPROBE_CACHE_KEY],
[pyprobe_key="$PYPROBE $pyprobe_version|$pyprobe_options|$PYTHON"
case $PYTHON in
  /*) ;;
  *) pyprobe_key="$pyprobe_key|$PATH|`pwd`" ;;
esac
if test "x$[]_PYPROBE_CV[]key" != "x$pyprobe_key"; then
  AS_UNSET(_PYPROBE_CV[facts])
  AS_UNSET(_PYPROBE_CV[headers])
fi[]dnl
])

dnl _PYPROBE_PROBE
dnl --------------
dnl Internal. Run pyprobe once for every name, reading one value per
dnl line into the cache variable of each (_PYPROBE_CV[]KEY) and
dnl pyprobe_v_KEY; set _PYPROBE_CV[]facts to a summary, or to "no" and
dnl pyprobe_error to the reason.
m4_define([_PYPROBE_PROBE],
[set dummy $PYPROBE
shift
if test -n "$PYTHON"; then
  set "$[@]" "--python=$PYTHON"
fi
AS_ECHO(["$as_me:${as_lineno-$LINENO}: $[*] $pyprobe_options --get NAME... (every name)"]) >&AS_MESSAGE_LOG_FD
"$[@]" $pyprobe_options _PYPROBE_FOREACH_NAME([_PYPROBE_GET_ARG]) >conftest.pyprobe 2>conftest.err
pyprobe_status=$?
sed 's/^/pyprobe: | /' conftest.pyprobe >&AS_MESSAGE_LOG_FD
cat conftest.err >&AS_MESSAGE_LOG_FD
AS_ECHO(["$as_me:${as_lineno-$LINENO}: \$? = $pyprobe_status"]) >&AS_MESSAGE_LOG_FD
pyprobe_read=no
if test $pyprobe_status = 0; then
  { _PYPROBE_FOREACH_NAME([_PYPROBE_READ_NAME]) pyprobe_read=yes
    IFS= read -r pyprobe_extra && pyprobe_read=extra; } <conftest.pyprobe
fi
if test $pyprobe_read = yes; then
  _PYPROBE_FOREACH_NAME([_PYPROBE_LOAD_NAME])dnl
_PYPROBE_CV[]facts="$pyprobe_v_python ($pyprobe_v_implementation $pyprobe_v_version, ABI $pyprobe_v_abi_tag)"
else
  _PYPROBE_CV[]facts=no
  pyprobe_message=`sed -n '$p' conftest.err`
  # Advice about PYTHON depends on whether it was given.
  pyprobe_fix_python="correct it, or unset it to build for python3 (or python) from PATH"
  case $pyprobe_status in
    0) pyprobe_error="$PYPROBE gave values pyprobe.m4 cannot read (a value with a newline, or a pyprobe that does not match this pyprobe.m4): see config.log" ;;
    2) _PYPROBE_USAGE_ERROR ;;
    3) AS_IF([test -n "$PYTHON"],
         [pyprobe_error="$pyprobe_message. PYTHON names no interpreter: $pyprobe_fix_python"],
         [pyprobe_error="$pyprobe_message. No Python interpreter to build for: install Python 3 with its development files (Debian/Ubuntu: python3-dev; Fedora: python3-devel), or set PYTHON to the interpreter"]) ;;
    8) pyprobe_error="$pyprobe_message. Change the policy in PYPROBE_FLAGS, or PYTHON" ;;
    *) AS_IF([test -n "$PYTHON"],
         [pyprobe_error="$pyprobe_message. PYTHON is not a working Python 3 interpreter (see config.log): $pyprobe_fix_python"],
         [pyprobe_error="$pyprobe_message. Set PYTHON to a working Python 3 interpreter (see config.log)"]) ;;
  esac
fi
rm -f conftest.pyprobe conftest.err[]dnl
])

dnl _PYPROBE_USAGE_ERROR
dnl --------------------
dnl Internal. pyprobe refused its command line (exit 2): blame a pyprobe
dnl older than this file only if it lacks a name asked for, else the
dnl options, naming where they came from.
m4_define([_PYPROBE_USAGE_ERROR],
[pyprobe_known=" "`$PYPROBE --list-names 2>/dev/null | sed 's/ .*//' | tr '\n' ' '`
pyprobe_unknown=
for pyprobe_key in _PYPROBE_FOREACH_NAME([_PYPROBE_KEY_WORD]); do
  case $pyprobe_known in
    *" $pyprobe_key "*) ;;
    *) pyprobe_unknown="${pyprobe_unknown:+$pyprobe_unknown }$pyprobe_key" ;;
  esac
done
if test -n "$pyprobe_unknown"; then
  pyprobe_error="pyprobe $pyprobe_version ($PYPROBE) lacks names this pyprobe.m4 asks for ($pyprobe_unknown): install a newer pyprobe, or set PYPROBE to one"
elif test -z "$PYPROBE_FLAGS"; then
  pyprobe_error="$pyprobe_message. Check the options configure.ac gives pyprobe ($pyprobe_ac_options)"
elif test -z "$pyprobe_ac_options"; then
  pyprobe_error="$pyprobe_message. Check PYPROBE_FLAGS ($PYPROBE_FLAGS)"
else
  pyprobe_error="$pyprobe_message. Check PYPROBE_FLAGS ($PYPROBE_FLAGS) and the options configure.ac gives pyprobe before them ($pyprobe_ac_options)"
fi[]dnl
])

dnl _PYPROBE_GET_ARG(NAME, KIND, DESCRIPTION)
dnl _PYPROBE_READ_NAME(NAME, KIND, DESCRIPTION)
dnl _PYPROBE_LOAD_NAME(NAME, KIND, DESCRIPTION)
dnl _PYPROBE_SET_NAME(NAME, KIND, DESCRIPTION)
dnl _PYPROBE_CLEAR_NAME(NAME, KIND, DESCRIPTION)
dnl _PYPROBE_SUBST_NAME(NAME, KIND, DESCRIPTION)
dnl ---------------------------------------------
dnl Internal, one name each: ask for it, read its line into its cache
dnl variable, copy that to pyprobe_v_KEY, copy pyprobe_v_KEY to the
dnl output variable (PREFIX NAME) or empty it, substitute it.
m4_define([_PYPROBE_GET_ARG], [ --get _PYPROBE_KEY([$1])])
m4_define([_PYPROBE_KEY_WORD], [ _PYPROBE_KEY([$1])])
m4_define([_PYPROBE_READ_NAME],
[IFS= read -r _PYPROBE_CV[]_PYPROBE_KEY([$1]) &&
     ])
m4_define([_PYPROBE_LOAD_NAME],
[pyprobe_v_[]_PYPROBE_KEY([$1])=$[]_PYPROBE_CV[]_PYPROBE_KEY([$1])
  ])
m4_define([_PYPROBE_SET_NAME],
[_PYPROBE_V[]$1=$pyprobe_v_[]_PYPROBE_KEY([$1])
  ])
m4_define([_PYPROBE_CLEAR_NAME], [_PYPROBE_V[]$1=
  ])
m4_define([_PYPROBE_SUBST_NAME], [AC_SUBST(_PYPROBE_V[$1])])

dnl _PYPROBE_HEADERS
dnl ----------------
dnl Internal. Find which Python.h the preprocessor includes with the
dnl user's CPPFLAGS and then PYPROBE_BUILD_CPPFLAGS, and what it is for;
dnl compare that with the interpreter; then compile with it (CC and
dnl CFLAGS too). Set _PYPROBE_CV[]headers to the Python.h found, or to
dnl "no" and pyprobe_error to the reason.
m4_define([_PYPROBE_HEADERS],
[pyprobe_headers=no
pyprobe_save_CPPFLAGS=$CPPFLAGS
CPPFLAGS="$CPPFLAGS $pyprobe_v_build_cppflags"
pyprobe_seen=
AC_PREPROC_IFELSE([AC_LANG_SOURCE([[#include <Python.h>
pyprobe_seen_major PY_MAJOR_VERSION
pyprobe_seen_minor PY_MINOR_VERSION
#ifdef Py_GIL_DISABLED
pyprobe_seen_free_threaded 1
#else
pyprobe_seen_free_threaded 0
#endif
#ifdef Py_DEBUG
pyprobe_seen_debug 1
#else
pyprobe_seen_debug 0
#endif
]])],
  [pyprobe_seen=`sed -n 's/^pyprobe_seen_[[a-z_]]* *//p' conftest.i | tr '\n' ' '`
   pyprobe_seen_file=`sed -n 's/^@%:@[[ line]]*[[0-9]][[0-9]]* "\(.*Python\.h\)".*/\1/p' conftest.i | sed 1q`])
pyprobe_want="$pyprobe_v_version_major $pyprobe_v_version_minor $pyprobe_v_free_threaded $pyprobe_v_debug "
test -n "$pyprobe_seen_file" || pyprobe_seen_file=Python.h
AS_CASE([$pyprobe_v_implementation],
  [cpython], [pyprobe_dev="python$pyprobe_v_version_major.$pyprobe_v_version_minor-dev (Debian/Ubuntu) or python$pyprobe_v_version_major.$pyprobe_v_version_minor-devel (Fedora)"],
  [pypy], [pyprobe_dev="pypy$pyprobe_v_version_major-dev (Debian/Ubuntu) or pypy$pyprobe_v_version_major-devel (Fedora)"],
  [pyprobe_dev="the development files of $pyprobe_v_implementation"])
if test -z "$pyprobe_seen"; then
  if test -f "$pyprobe_v_includedir/Python.h"; then
    pyprobe_error="the C preprocessor cannot use Python.h of $pyprobe_v_python (ABI $pyprobe_v_abi_tag) with CPPFLAGS $CPPFLAGS: see config.log"
  else
    pyprobe_error="$pyprobe_v_python (ABI $pyprobe_v_abi_tag) has no headers: no Python.h in $pyprobe_v_includedir. Install its development files, $pyprobe_dev, or set PYTHON to an interpreter that has them"
  fi
elif test "x$pyprobe_seen" != "x$pyprobe_want"; then
  set dummy $pyprobe_seen
  _PYPROBE_YES_NO([pyprobe_seen_ft], [$[4]])
  _PYPROBE_YES_NO([pyprobe_seen_debug], [$[5]])
  _PYPROBE_YES_NO([pyprobe_want_ft], [$pyprobe_v_free_threaded])
  _PYPROBE_YES_NO([pyprobe_want_debug], [$pyprobe_v_debug])
  pyprobe_error="the Python.h the C compiler sees is not that of the interpreter: $pyprobe_seen_file is for Python $[2].$[3] with free-threading (Py_GIL_DISABLED) $pyprobe_seen_ft and debug (Py_DEBUG) $pyprobe_seen_debug, but $pyprobe_v_python (ABI $pyprobe_v_abi_tag) is Python $pyprobe_v_version_major.$pyprobe_v_version_minor with free-threading $pyprobe_want_ft and debug $pyprobe_want_debug. Remove the -I options for another Python's headers from CPPFLAGS, CFLAGS or CC (pyprobe's own are: $pyprobe_v_cppflags), or set PYTHON to the interpreter those headers belong to"
else
  AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[#include <Python.h>
#if PY_MAJOR_VERSION != $pyprobe_v_version_major || PY_MINOR_VERSION != $pyprobe_v_version_minor
#  error "Python.h is for another Python version"
#endif
#if defined(Py_GIL_DISABLED) != $pyprobe_v_free_threaded
#  error "Python.h is for another build (free-threaded or not)"
#endif
#if defined(Py_DEBUG) != $pyprobe_v_debug
#  error "Python.h is for another build (debug or not)"
#endif
]], [[return Py_IsInitialized();]])],
    [pyprobe_headers=$pyprobe_seen_file],
    [pyprobe_error="cannot compile with the Python.h of $pyprobe_v_python (ABI $pyprobe_v_abi_tag) and $pyprobe_v_build_cppflags: it does not compile, or CC or CFLAGS point at another Python's headers (see config.log)"])
fi
CPPFLAGS=$pyprobe_save_CPPFLAGS
_PYPROBE_CV[]headers=$pyprobe_headers[]dnl
])

dnl _PYPROBE_YES_NO(VARIABLE, VALUE)
dnl --------------------------------
dnl Internal. Set VARIABLE to yes when VALUE is 1, else to no.
m4_define([_PYPROBE_YES_NO], [AS_IF([test "x$2" = x1], [$1=yes], [$1=no])])

dnl PYPROBE_DEFINE_FACTS([MACRO-PREFIX], [PREFIX])
dnl ----------------------------------------------
dnl Put every name into config.h (AC_DEFINE), as `pyprobe --header'
dnl would: MACRO-PREFIX (default PYPROBE_) and the name, booleans and
dnl numbers bare, everything else a C string, the values of the
dnl PYPROBE_CHECK with PREFIX (default PYPROBE_). Every macro is defined,
dnl so #if works: after a failed PYPROBE_CHECK, as 0 or "". Call it after
dnl PYPROBE_CHECK (without PREFIX it calls PYPROBE_CHECK itself
dnl otherwise).
AC_DEFUN([PYPROBE_DEFINE_FACTS],
[m4_ifval([$2], [], [AC_REQUIRE([PYPROBE_CHECK])])dnl
m4_pushdef([_PYPROBE_PREFIX], m4_default([$1], [PYPROBE_]))dnl
m4_pushdef([_PYPROBE_V], m4_default([$2], [PYPROBE_]))dnl
pyprobe_c_escape='s/[[\\"?]]/\\&/g'
_PYPROBE_FOREACH_NAME([_PYPROBE_DEFINE_NAME])dnl
m4_popdef([_PYPROBE_PREFIX], [_PYPROBE_V])[]dnl
])# PYPROBE_DEFINE_FACTS

dnl _PYPROBE_DEFINE_NAME(NAME, KIND, DESCRIPTION)
dnl ---------------------------------------------
dnl Internal. One AC_DEFINE_UNQUOTED; strings get \ " and ? escaped.
m4_define([_PYPROBE_DEFINE_NAME],
[m4_if([$2], [string],
[pyprobe_c=`AS_ECHO(["$]_PYPROBE_V[$1"]) | sed "$pyprobe_c_escape"`
AC_DEFINE_UNQUOTED(_PYPROBE_PREFIX[$1], ["$pyprobe_c"], [Python: $3])],
[AC_DEFINE_UNQUOTED(_PYPROBE_PREFIX[$1], [${]_PYPROBE_V[$1:-0}], [Python: $3])])
])
