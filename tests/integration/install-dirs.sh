#!/bin/sh
# install-dirs.sh - PLATLIB, PURELIB, PLATLIB_REL and PURELIB_REL: where
# an interpreter installs packages, and the same below an install prefix
# as AM_PATH_PYTHON computes pyexecdir and pythondir. Debian's python3.11
# (its own scheme installs to /usr/local/.../dist-packages, automake's
# to lib/python3.11/site-packages below a prefix), pypy3
# (lib/pypy3.9/...), the recorded free-threaded 3.14t (lib/python3.14t/;
# its sheet records sysconfig.get_paths() only, so the relative
# directories are unknown there) and a real free-threaded CPython when
# $PYPROBE_TEST_FREE_THREADED names one (.ci/run builds it). Then: the
# names in the tag file and the header; a facts file from a pyprobe
# without them still loads; malformed install_dirs are refused;
# pyprobe.m4 substitutes pyexecdir and pythondir.
. "$(dirname "$0")/../lib.sh"
require_debian_python
pypy=/usr/bin/pypy3
[ -x "$pypy" ] || fatal "$pypy is missing (apt-get install pypy3 pypy3-dev)"

# install_dirs WHAT OPTION... -- WANT...: --get of the four names (and
# UNKNOWN) with OPTIONs prints the WANT lines.
install_dirs() {
    d_what=$1
    shift
    d_options=
    while [ "$1" != -- ]; do d_options="$d_options $1"; shift; done
    shift
    printf '%s\n' "$@" >"$T/want"
    # shellcheck disable=SC2086 # the options, one word each
    pyprobe $d_options --get platlib --get purelib \
        --get platlib_rel --get purelib_rel --get unknown
    if [ "$RC" -eq 0 ] && cmp -s "$T/want" "$T/out"; then
        pass "$d_what: $(sed -n "1p;3p" "$T/out" | tr "\n" " ")"
    else
        fail "$d_what: exit status $RC, or not these install directories:"
        diff "$T/want" "$T/out" | sed 's/^/    /'
        show_output
    fi
}

install_dirs "Debian's python3.11" --python "$DEBIAN_PY" -- \
    /usr/local/lib/python3.11/dist-packages \
    /usr/local/lib/python3.11/dist-packages \
    lib/python3.11/site-packages lib/python3.11/site-packages ""
install_dirs "Debian's python3.11, through sysconfig" --python "$DEBIAN_PY" \
    --use-sysconfig -- \
    /usr/local/lib/python3.11/dist-packages \
    /usr/local/lib/python3.11/dist-packages \
    lib/python3.11/site-packages lib/python3.11/site-packages ""
install_dirs "PyPy" --python "$pypy" -- \
    /usr/local/lib/pypy3.9/dist-packages /usr/local/lib/pypy3.9/dist-packages \
    lib/pypy3.9/site-packages lib/pypy3.9/site-packages ""
sheet314t=$(stand_in cpython-3.14t)
install_dirs "the recorded free-threaded 3.14t" --python "$sheet314t" -- \
    /opt/python-cpython-3.14t/lib/python3.14t/site-packages \
    /opt/python-cpython-3.14t/lib/python3.14t/site-packages \
    "" "" "platlib_rel purelib_rel"
ft=$(free_threaded_python)
if [ -n "$ft" ]; then
    minor=$("$PYPROBE" --python "$ft" --get version_minor) ||
        fatal "$ft: pyprobe --get version_minor failed"
    ft_prefix=$("$PYPROBE" --python "$ft" --get prefix) ||
        fatal "$ft: pyprobe --get prefix failed"
    install_dirs "a real free-threaded 3.$minor" --python "$ft" -- \
        "$ft_prefix/lib/python3.${minor}t/site-packages" \
        "$ft_prefix/lib/python3.${minor}t/site-packages" \
        "lib/python3.${minor}t/site-packages" \
        "lib/python3.${minor}t/site-packages" ""
else
    note "no real free-threaded CPython: only its recorded sheet was checked"
fi

# --- In every output ----------------------------------------------------------
pyprobe --python "$DEBIAN_PY" --tags "$T/python.env" --header "$T/python.h" \
    --json
check "--json has platlib_rel" grep -q \
    '"platlib_rel": "lib/python3.11/site-packages"' "$T/out"
cp "$T/out" "$T/new.json"
check "the tag file has PYPROBE_PURELIB_REL" grep -qx \
    'PYPROBE_PURELIB_REL=lib/python3.11/site-packages' "$T/python.env"
check "the header has PYPROBE_PLATLIB" grep -qx \
    '#define PYPROBE_PLATLIB "/usr/local/lib/python3.11/dist-packages"' \
    "$T/python.h"

# --- Facts files --------------------------------------------------------------
# edit_facts PYTHON-CODE: $T/new.json changed by PYTHON-CODE (on doc, the
# parsed file) into $T/edited.json.
edit_facts() {
    tool_py -c 'import json, sys
doc = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(doc, open(sys.argv[2], "w"), indent=2)' \
        "$T/new.json" "$T/edited.json" "$1" || fatal "cannot edit a facts file"
}
# As a pyprobe without the install directories wrote it: no names, no
# install_dirs in the interpreter's answer. It loads; the names are
# empty and UNKNOWN lists them.
edit_facts 'for key in ("platlib", "purelib", "platlib_rel", "purelib_rel"):
    del doc[key]
del doc["probe"]["install_dirs"]'
install_dirs "a facts file from a pyprobe without install directories" \
    --facts "$T/edited.json" -- \
    "" "" "" "" "platlib purelib platlib_rel purelib_rel"
if expect_exit 0 "$PYPROBE" --facts "$T/edited.json" --tags "$T/old.env"; then
    check "its tag file has PYPROBE_PLATLIB empty" grep -qx \
        'PYPROBE_PLATLIB=' "$T/old.env"
fi
# A file whose answer has them but whose names were removed was edited.
edit_facts 'del doc["platlib"]'
if expect_exit 5 "$PYPROBE" --facts "$T/edited.json" --get platlib; then
    check "a facts file missing only the name is refused" grep -qxF \
        "pyprobe: $T/edited.json: field 'platlib' is missing" "$T/err"
fi
# refused WHAT INSTALL_DIRS MESSAGE: install_dirs set to INSTALL_DIRS (a
# Python expression) is refused with exit status 5 and MESSAGE.
refused() {
    edit_facts "doc['probe']['install_dirs'] = $2"
    if expect_exit 5 "$PYPROBE" --facts "$T/edited.json" --get platlib; then
        if grep -qF "invalid answer: field 'install_dirs' $3" "$T/err"; then
            pass "refused: $1"
        else
            fail "$1: not the message '$3'"
            show_output
        fi
    fi
}
refused "a relative path that leaves its prefix" \
    '["/usr/lib", "/usr/lib", "../lib", "lib"]' \
    "holds a relative path that is empty, absolute or leaves its prefix"
refused "an absolute path for a relative one" \
    '["/usr/lib", "/usr/lib", "lib", "/usr/lib"]' \
    "holds a relative path that is empty, absolute or leaves its prefix"
refused "a relative PLATLIB" '["lib", "/usr/lib", "lib", "lib"]' \
    "holds a path that is not absolute"
refused "three items" '["/usr/lib", "/usr/lib", "lib"]' \
    "is not a 4-item list"
refused "a number" '["/usr/lib", "/usr/lib", "lib", 3]' \
    "is int, expected str or None"

# --- pyprobe.m4: pyexecdir and pythondir -------------------------------------
. "$top_srcdir/tests/m4/m4-project.sh"
m4_project "$T/m4" <<'EOF' || fatal "cannot make the m4 project"
PYPROBE_CHECK
AC_CONFIG_FILES([dirs])
EOF
printf '%s=@%s@\n' pythondir pythondir pyexecdir pyexecdir \
    pkgpythondir pkgpythondir pkgpyexecdir pkgpyexecdir PYTHON PYTHON \
    >"$T/m4/dirs.in"
# configured WHAT WANT-PURE WANT-PLAT WANT-PYTHON [ARG]...: configure with
# ARGs gives these pythondir, pyexecdir and PYTHON.
configured() {
    c_what=$1
    printf '%s\n' "pythondir=$2" "pyexecdir=$3" \
        "pkgpythondir=\${pythondir}/m4-test" \
        "pkgpyexecdir=\${pyexecdir}/m4-test" "PYTHON=$4" >"$T/want"
    shift 4
    if run_configure "$T/m4" "$@" && cmp -s "$T/want" "$T/m4/dirs"; then
        pass "pyprobe.m4, $c_what: $(sed -n 2p "$T/m4/dirs")"
    else
        fail "pyprobe.m4, $c_what:"
        diff "$T/want" "$T/m4/dirs" | sed 's/^/    /'
        tail -n 5 "$T/m4/out" | sed 's/^/    /'
    fi
}
configured "Debian's python3.11" '${prefix}/lib/python3.11/site-packages' \
    '${exec_prefix}/lib/python3.11/site-packages' "$DEBIAN_PY" \
    PYTHON="$DEBIAN_PY"
configured "PyPy" '${prefix}/lib/pypy3.9/site-packages' \
    '${exec_prefix}/lib/pypy3.9/site-packages' pypy3 PYTHON=pypy3
configured "a pyexecdir given to configure" \
    '${prefix}/lib/python3.11/site-packages' /opt/mine "$DEBIAN_PY" \
    PYTHON="$DEBIAN_PY" pyexecdir=/opt/mine
if [ -n "$ft" ]; then
    configured "a real free-threaded 3.$minor" \
        "\${prefix}/lib/python3.${minor}t/site-packages" \
        "\${exec_prefix}/lib/python3.${minor}t/site-packages" "$ft" \
        PYTHON="$ft"
fi
# An unset PYTHON becomes the interpreter probed (python3 on PATH).
python3_path=$("$pyprobe_bin" --python python3 --get python) ||
    fatal "pyprobe --python python3 failed"
python3_rel=$("$pyprobe_bin" --python python3 --get purelib_rel)
python3_plat=$("$pyprobe_bin" --python python3 --get platlib_rel)
configured "no PYTHON" "\${prefix}/$python3_rel" \
    "\${exec_prefix}/$python3_plat" "$python3_path"
finish
