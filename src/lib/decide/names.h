/* names.h - the public names (internal).
 *
 * One vocabulary everywhere: each name is a header macro (with the
 * prefix), a tag-file key (PYPROBE_ + name), a JSON field and a --get key
 * (lower case). This table is the single list; adding a name here adds
 * it to every output and to the documentation checks in the tests. */
#ifndef PP_NAMES_H
#define PP_NAMES_H

#include <stddef.h>

/* How a value is written: STRING and WORDS quoted in C, BOOL as 0/1,
 * NUMBER and HEX unquoted in C; in JSON BOOL and NUMBER are numbers, HEX
 * a string, WORDS an array of strings (the words never hold a space:
 * they are checked file-name suffixes). */
typedef enum pp_name_kind {
    PP_KIND_STRING,
    PP_KIND_BOOL,
    PP_KIND_NUMBER,
    PP_KIND_HEX,
    PP_KIND_WORDS      /* a list: space-separated text, a JSON array */
} pp_name_kind;

#define PP_NAMES(X) \
    X(PYTHON, python, STRING, "the interpreter that was probed (absolute path)") \
    X(EXECUTABLE, executable, STRING, "sys.executable as the interpreter reports it") \
    X(IMPLEMENTATION, implementation, STRING, "implementation: cpython, pypy, graalpy, ...") \
    X(IMPLEMENTATION_VERSION, implementation_version, STRING, "the implementation's own version (PyPy's 7.3.11)") \
    X(VERSION, version, STRING, "language version, as platform.python_version()") \
    X(VERSION_MAJOR, version_major, NUMBER, "language major version") \
    X(VERSION_MINOR, version_minor, NUMBER, "language minor version") \
    X(VERSION_HEX, version_hex, HEX, "language version as PY_VERSION_HEX") \
    X(ABIFLAGS, abiflags, STRING, "sys.abiflags: t free-threaded, d debug, m and u legacy") \
    X(ABI_TAG, abi_tag, STRING, "the interpreter's own wheel ABI tag (cp314t, cp311d, pypy39_pp73)") \
    X(INTERPRETER_TAG, interpreter_tag, STRING, "wheel interpreter tag (cp314, pp39)") \
    X(PLATFORM, platform, STRING, "sysconfig.get_platform()") \
    X(PLATFORM_TAG, platform_tag, STRING, "platform part of a freshly built wheel's name") \
    X(SOABI, soabi, STRING, "SOABI config variable") \
    X(EXT_SUFFIX, ext_suffix, STRING, "file name suffix of a version-specific extension module") \
    X(EXTENSION_SUFFIXES, extension_suffixes, WORDS, "importlib.machinery.EXTENSION_SUFFIXES, space-separated (a JSON array)") \
    X(STABLE_ABI_SUFFIXES, stable_abi_suffixes, WORDS, "stable-ABI suffixes this interpreter really loads, space-separated (a JSON array)") \
    X(FREE_THREADED, free_threaded, BOOL, "1 if the build has the GIL disabled (build configuration, Py_GIL_DISABLED)") \
    X(GIL_ENABLED, gil_enabled, BOOL, "GIL state of the probing process at run time; not for build decisions") \
    X(DEBUG, debug, BOOL, "1 for a debug build (Py_DEBUG)") \
    X(POINTER_SIZE, pointer_size, NUMBER, "size of a pointer in bytes") \
    X(LIBC, libc, STRING, "C library and version the interpreter runs on (glibc 2.36, musl 1.2), or empty") \
    X(PREFIX, prefix, STRING, "sys.prefix") \
    X(BASE_PREFIX, base_prefix, STRING, "sys.base_prefix (differs from PREFIX in a virtual environment)") \
    X(VENV, venv, BOOL, "1 inside a virtual environment") \
    X(PLATLIB, platlib, STRING, "where this interpreter installs extension modules (sysconfig platlib)") \
    X(PURELIB, purelib, STRING, "where this interpreter installs pure-Python modules (sysconfig purelib)") \
    X(PLATLIB_REL, platlib_rel, STRING, "PLATLIB's place below an install prefix, as AM_PATH_PYTHON's pyexecdir") \
    X(PURELIB_REL, purelib_rel, STRING, "PURELIB's place below an install prefix, as AM_PATH_PYTHON's pythondir") \
    X(INCLUDEDIR, includedir, STRING, "directory holding Python.h for this interpreter") \
    X(LIBDIR, libdir, STRING, "directory of libpython, for embedding") \
    X(LIBPYTHON, libpython, STRING, "libpython name for -l (python3.11), for embedding") \
    X(SHARED, shared, BOOL, "1 if libpython is a shared library") \
    X(LIMITED_API, limited_api, BOOL, "1 if an abi3 extension can be built for and loaded by this interpreter") \
    X(LIMITED_API_VERSION, limited_api_version, STRING, "Python version an abi3 build targets here (--limited-api, else this one), empty if LIMITED_API is 0") \
    X(ABI3T, abi3t, BOOL, "1 if an abi3t extension (PEP 803) can be built for and loaded by it") \
    X(STABLE_ABI_SUFFIX, stable_abi_suffix, STRING, "suffix to name a stable-ABI extension with, empty where none applies") \
    X(BUILD_PATH, build_path, STRING, "extension build chosen by the policy: version-specific, abi3, abi3.abi3t or abi3t") \
    X(BUILD_REASON, build_reason, STRING, "why BUILD_PATH is what it is, in one line") \
    X(BUILD_SUFFIX, build_suffix, STRING, "suffix to name the extension built on BUILD_PATH") \
    X(WHEEL_TAG, wheel_tag, STRING, "tag of a wheel built on BUILD_PATH (cp311-abi3-linux_x86_64)") \
    X(MYPYC, mypyc, BOOL, "1 if the policy says: compile with mypyc") \
    X(MYPYC_REASON, mypyc_reason, STRING, "why MYPYC is what it is, in one line") \
    X(CPPFLAGS, cppflags, STRING, "preprocessor flags for an extension (-I..., -DPy_GIL_DISABLED=1 where needed)") \
    X(BUILD_CPPFLAGS, build_cppflags, STRING, "CPPFLAGS plus the stable-ABI macros for BUILD_PATH") \
    X(MODULE_LDFLAGS, module_ldflags, STRING, "extra linker flags for an extension built on BUILD_PATH (Windows: its import library, python3.lib for abi3)") \
    X(EMBED_LIBS, embed_libs, STRING, "linker flags and libraries to embed the interpreter (Windows: its import library)") \
    X(UNKNOWN, unknown, STRING, "names whose facts a description file or an older facts file lacks (their values are empty), space-separated")

#define PP_NAME_ENUM(name, key, kind, text) PP_NAME_##name,
typedef enum pp_name_id { PP_NAMES(PP_NAME_ENUM) PP_NAME_COUNT } pp_name_id;
#undef PP_NAME_ENUM

typedef struct pp_name_info {
    const char *name;        /* "FREE_THREADED" */
    const char *key;         /* "free_threaded" */
    pp_name_kind kind;
    const char *description;
} pp_name_info;

extern const pp_name_info pp_names[PP_NAME_COUNT];

/* The id for a name in any case, with or without the PYPROBE_ prefix
 * ("free_threaded", "FREE_THREADED", "PYPROBE_FREE_THREADED"); -1 if
 * unknown. */
int pp_name_lookup(const char *name);

#endif
