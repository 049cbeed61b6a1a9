/* build_details.c - facts from a PEP 739 build-details.json, without
 * running the interpreter it describes.
 *
 * The file says most of what a probe asks (version, ABI flags, extension
 * suffixes, platform, prefix, headers, libpython). The rest follows from
 * CPython's own rules, and each such fact is noted in the answer with
 * how it was derived:
 *  - EXT_SUFFIX is EXTENSION_SUFFIXES[0] (dynload lists it first); CPython
 *    writes abi.extension_suffix only for a shared build, so a static
 *    build's file lacks it;
 *  - SOABI is EXT_SUFFIX without its dot and file extension; LDVERSION is
 *    VERSION + ABIFLAGS; Py_GIL_DISABLED and Py_DEBUG are the t and d
 *    flags; LIBDIR, LDLIBRARY and Py_ENABLE_SHARED follow from the
 *    libpython paths, which CPython writes as LIBDIR/LDLIBRARY and
 *    LIBDIR/LIBRARY;
 *  - the GIL at run time is the build's default (a probe runs Python with
 *    -I, which ignores PYTHON_GIL).
 * The compiler and linker variables (LIBS, SYSLIBS, LINKFORSHARED, CC,
 * ...) are not in the file: they come from the _sysconfigdata file
 * beside it, which every CPython installs in the same directory, or are
 * unknown. Which C library the target has is no file's business: it
 * comes from --libc or is unknown. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "describe/describe.h"
#include "describe/sysconfigdata.h"
#include "facts/facts.h"
#include "os/os.h"
#include "util/error.h"
#include "util/strbuf.h"

typedef struct details {
    pp_describe *d;
    json_t *root;
    const char *real;        /* the file's real path */
    /* What it describes, as read_identity() and the steps after it find: */
    const char *platform;    /* sysconfig.get_platform() */
    int windows;
    char version[16];        /* "3.14" */
    char abiflags[8];
    int free_threaded, debug;
    long long hex;           /* PY_VERSION_HEX */
    const char *ext;         /* EXT_SUFFIX */
    char *file_dir;          /* where it is, here */
    char *base;              /* base_prefix, the target's view */
    char *stdlib;            /* the directory it is in, the target's view */
} details;

static pyprobe_status bad(details *b, const char *field, const char *what)
{
    return pp_error_set(b->d->error, PYPROBE_ERR_PROTOCOL, b->d->path,
                        "not a build-details.json pyprobe can use: %s %s",
                        field, what);
}

/* The value at a dotted path ("language.version"), or NULL. */
static json_t *at(const json_t *root, const char *path)
{
    char key[64];
    const json_t *node = root;
    while (node && *path) {
        size_t n = strcspn(path, ".");
        if (n >= sizeof key)
            return NULL;
        memcpy(key, path, n);
        key[n] = '\0';
        node = json_is_object(node) ? json_object_get(node, key) : NULL;
        path += n + (path[n] == '.');
    }
    return (json_t *)node;
}

static const char *string_at(const details *b, const char *path)
{
    return json_string_value(at(b->root, path));
}

/* {major, minor, micro, releaselevel, serial} as the probe's 5-list. */
static json_t *version_list(details *b, const char *path, long long *hex)
{
    static const char *const levels[] = {"alpha", "beta", "candidate",
                                         "final"};
    json_t *v = at(b->root, path);
    json_t *major = json_object_get(v, "major");
    json_t *minor = json_object_get(v, "minor");
    json_t *micro = json_object_get(v, "micro");
    json_t *serial = json_object_get(v, "serial");
    const char *level = json_string_value(json_object_get(v, "releaselevel"));
    if (!json_is_integer(major) || !json_is_integer(minor) ||
        !json_is_integer(micro) || !json_is_integer(serial) || !level) {
        bad(b, path, "is missing or malformed");
        return NULL;
    }
    int code = -1;
    for (int i = 0; i < 4; i++)
        if (strcmp(level, levels[i]) == 0)
            code = 0xA + i + (i == 3 ? 2 : 0);
    if (code < 0) {
        bad(b, path, "has an unknown releaselevel");
        return NULL;
    }
    /* The fields of PY_VERSION_HEX: a byte each, the serial a nibble. */
    const json_t *bytes[] = {major, minor, micro};
    for (int i = 0; i < 3; i++) {
        if (json_integer_value(bytes[i]) < 0 ||
            json_integer_value(bytes[i]) > 255) {
            bad(b, path, "has a version number outside 0..255");
            return NULL;
        }
    }
    if (json_integer_value(serial) < 0 || json_integer_value(serial) > 15) {
        bad(b, path, "has a serial outside 0..15");
        return NULL;
    }
    if (hex)
        *hex = (json_integer_value(major) << 24) |
               (json_integer_value(minor) << 16) |
               (json_integer_value(micro) << 8) | (code << 4) |
               json_integer_value(serial);
    return json_pack("[I,I,I,s,I]", json_integer_value(major),
                     json_integer_value(minor), json_integer_value(micro),
                     level, json_integer_value(serial));
}

static int is_absolute(const details *b, const char *path)
{
    if (b->windows)
        return (path[0] && path[1] == ':') || path[0] == '\\';
    return path[0] == '/';
}

/* A path from the file in the target's view: absolute as written, or
 * relative to base_prefix. */
static char *target_path(details *b, const char *path)
{
    if (b->windows) {
        if (is_absolute(b, path))
            return strdup(path);
        return pp_format("%s\\%s", b->base, path);
    }
    return pp_path_join(b->base, path);
}

static pyprobe_status set_path(details *b, const char *key,
                               const char *target)
{
    char *host = pp_describe_host_path(b->d, target);
    if (!host)
        return pp_error_nomem(b->d->error);
    int ok = pp_describe_set(b->d, key, json_string(host));
    free(host);
    return ok ? PYPROBE_OK : b->d->error->status;
}

static char *dir_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *back = strrchr(path, '\\');
    if (back && (!slash || back > slash))
        slash = back;
    return slash ? strndup(path, (size_t)(slash - path)) : strdup("");
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *back = strrchr(path, '\\');
    if (back && (!slash || back > slash))
        slash = back;
    return slash ? slash + 1 : path;
}

/* Where the interpreter is: base_prefix, absolute or relative to the
 * file's directory, and (for absolute ones) the sysroot. */
static pyprobe_status locate(details *b)
{
    const char *base = string_at(b, "base_prefix");
    if (!base || !base[0])
        return bad(b, "base_prefix", "is missing");
    pp_describe *d = b->d;
    if (b->windows) {
        /* A Windows file is read as written: no sysroot. */
        if (!is_absolute(b, base))
            return bad(b, "base_prefix", "is relative (not supported for "
                                         "Windows targets)");
        b->base = strdup(base);
        b->stdlib = strdup(b->file_dir);
        d->sysroot = strdup("");
        return b->base && b->stdlib && d->sysroot ? PYPROBE_OK
                                                  : pp_error_nomem(d->error);
    }
    if (base[0] != '/') {
        /* Relative: where the file is, is where the installation is. */
        b->base = pp_path_join(b->file_dir, base);
        b->stdlib = strdup(b->file_dir);
        d->sysroot = strdup("");
        if (b->base)
            pp_describe_note(d, "base_prefix", "%s relative to the file",
                             base);
        return b->base && b->stdlib && d->sysroot ? PYPROBE_OK
                                                  : pp_error_nomem(d->error);
    }
    if (!(b->base = pp_path_join("/", base)))
        return pp_error_nomem(d->error);
    /* CPython installs the file in its stdlib: lib/pythonX.Y (X.Yt for a
     * free-threaded build), or lib64/... where platlibdir is lib64. */
    char *dirs[2];
    const char *libs[2] = {"lib", "lib64"};
    for (int i = 0; i < 2; i++)
        dirs[i] = pp_format("%s/%s/python%s%s",
                            strcmp(b->base, "/") == 0 ? "" : b->base, libs[i],
                            b->version, b->free_threaded ? "t" : "");
    size_t which = 0;
    pyprobe_status status =
        dirs[0] && dirs[1]
            ? pp_describe_locate(d, b->file_dir, (const char *const *)dirs, 2,
                                 &which)
            : pp_error_nomem(d->error);
    if (status == PYPROBE_OK) {
        b->stdlib = dirs[which];
        dirs[which] = NULL;
    }
    free(dirs[0]);
    free(dirs[1]);
    return status;
}

/* Config variables from the file itself, for an installation without a
 * _sysconfigdata file beside it. */
static pyprobe_status config_from_details(details *b)
{
    pp_describe *d = b->d;
    const char *ext = b->ext;
    int ok = 1;
#define CONFIG(name, value) (ok = ok && pp_describe_config(d, name, value))
    /* SOABI: EXT_SUFFIX without the dot and the file extension (and the
     * _d that Windows puts first on a debug build). */
    const char *start = ext + (strncmp(ext, "_d.", 3) == 0 ? 3 : 1);
    const char *end = strrchr(ext, '.');
    char soabi[128] = "";
    if (end > start && (size_t)(end - start) < sizeof soabi)
        memcpy(soabi, start, (size_t)(end - start));
    char ldversion[32];
    snprintf(ldversion, sizeof ldversion, "%s%s", b->version, b->abiflags);
    char nodot[16];
    size_t n = 0;
    for (const char *p = b->version; *p && n + 1 < sizeof nodot; p++)
        if (*p != '.')
            nodot[n++] = *p;
    nodot[n] = '\0';
    CONFIG("ABIFLAGS", json_string(b->abiflags));
    CONFIG("ABI_THREAD", json_string(b->free_threaded ? "t" : ""));
    CONFIG("EXT_SUFFIX", json_string(ext));
    CONFIG("SOABI", json_string(soabi));
    CONFIG("VERSION", json_string(b->version));
    CONFIG("py_version_nodot", json_string(nodot));
    CONFIG("LDVERSION", b->windows ? json_null() : json_string(ldversion));
    CONFIG("Py_GIL_DISABLED", json_integer(b->free_threaded));
    CONFIG("Py_DEBUG", json_integer(b->debug));
    CONFIG("MULTIARCH", pp_describe_str(string_at(b, "implementation._multiarch")));
    const char *platform = b->platform;
    CONFIG("MACHDEP", json_string(strncmp(platform, "linux", 5) == 0 ? "linux"
                                  : strncmp(platform, "macosx", 6) == 0
                                      ? "darwin" : "win32"));
    pp_describe_note(d, "config.SOABI", "from EXT_SUFFIX");
    pp_describe_note(d, "config.LDVERSION", "VERSION + ABIFLAGS");
    pp_describe_note(d, "config.Py_GIL_DISABLED", "the t ABI flag");
    pp_describe_note(d, "config.Py_DEBUG", "the d ABI flag");

    /* libpython: CPython writes LIBDIR/LDLIBRARY and LIBDIR/LIBRARY. */
    json_t *lib = at(b->root, "libpython");
    const char *dynamic = json_string_value(json_object_get(lib, "dynamic"));
    const char *stat = json_string_value(json_object_get(lib, "static"));
    char *dynamic_path = dynamic ? target_path(b, dynamic) : NULL;
    char *static_path = stat ? target_path(b, stat) : NULL;
    const char *any = dynamic_path ? dynamic_path : static_path;
    char *libdir = any ? dir_name(any) : NULL;
    CONFIG("LIBDIR", pp_describe_str(libdir));
    CONFIG("LDLIBRARY", pp_describe_str(any ? base_name(any) : NULL));
    CONFIG("LIBRARY", pp_describe_str(static_path ? base_name(static_path)
                                                  : NULL));
    CONFIG("Py_ENABLE_SHARED", json_is_object(lib) ? json_integer(dynamic != NULL)
                                                   : json_null());
    if (any)
        pp_describe_note(d, "config.LIBDIR", "the directory of libpython.%s",
                         dynamic ? "dynamic" : "static");
    else
        pp_describe_unknown(d, PP_UNKNOWN_LIBDIR);
    free(dynamic_path);
    free(static_path);
    free(libdir);

    /* Not in the file at all. */
    static const char *const absent[] = {
        "CC", "CCSHARED", "HOST_GNU_TYPE", "LDSHARED", "LIBPL", "LIBS",
        "LINKFORSHARED", "MACOSX_DEPLOYMENT_TARGET",
        "PYEMSCRIPTEN_PLATFORM_VERSION", "Py_UNICODE_SIZE", "SIZEOF_VOID_P",
        "SYSLIBS", "WITH_PYMALLOC",
    };
    for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
        CONFIG(absent[i], json_null());
    pp_describe_unknown(d, PP_UNKNOWN_LINK);
    pp_describe_note(d, "config", "from build-details.json; the compiler and "
                     "linker variables are not in it, and no _sysconfigdata "
                     "file is beside it");
#undef CONFIG
    return ok ? PYPROBE_OK : d->error->status;
}

/* The _sysconfigdata file CPython installs beside build-details.json:
 * NULL if there is none (a caller-owned path otherwise). */
static char *sysconfigdata_beside(details *b, const char *sys_platform)
{
    const char *multiarch = string_at(b, "implementation._multiarch");
    char *text = pp_format("%s/_sysconfigdata_%s_%s_%s.py", b->file_dir,
                           b->abiflags, sys_platform,
                           multiarch ? multiarch : "");
    struct stat st;
    if (text && (stat(text, &st) != 0 || !S_ISREG(st.st_mode))) {
        free(text);
        text = NULL;
    }
    return text;
}

/* The config variables from the _sysconfigdata file, which must agree
 * with build-details.json. */
static pyprobe_status config_from_sysconfigdata(details *b, const char *path,
                                                int *bits, int *big)
{
    pp_lit *vars = NULL;
    pp_describe *d = b->d;
    pyprobe_status status = pp_sysconfigdata_load(path, &vars, d->error);
    if (status != PYPROBE_OK)
        return status;
    const char *version = pp_sysconfigdata_str(vars, "VERSION");
    const char *abiflags = pp_sysconfigdata_str(vars, "ABIFLAGS");
    const char *own_ext = pp_sysconfigdata_str(vars, "EXT_SUFFIX");
    if (!version || strcmp(version, b->version) != 0 || !abiflags ||
        strcmp(abiflags, b->abiflags) != 0 || !own_ext ||
        strcmp(own_ext, b->ext) != 0) {
        pp_lit_free(vars);
        return pp_error_set(d->error, PYPROBE_ERR_PROTOCOL, d->path,
                            "%s beside it describes another build (VERSION, "
                            "ABIFLAGS or EXT_SUFFIX differ)", path);
    }
    const pp_lit *size = pp_lit_get(vars, "SIZEOF_VOID_P");
    if (size && size->type == PP_LIT_INT)
        *bits = (int)size->integer * 8;
    *big = pp_sysconfigdata_flag(vars, "WORDS_BIGENDIAN");
    if (!pp_sysconfigdata_config(d, vars))
        status = d->error->status;
    else if (json_array_append_new(d->depends, json_string(path)) != 0)
        status = pp_error_nomem(d->error);
    pp_lit_free(vars);
    pp_describe_note(d, "config", "from %s, beside build-details.json", path);
    return status;
}

/* What the file describes: CPython, its version, platform, ABI flags
 * and extension suffixes, all present. */
static pyprobe_status read_identity(details *b)
{
    pp_describe *d = b->d;
    const char *schema = string_at(b, "schema_version");
    if (!schema || strncmp(schema, "1.", 2) != 0)
        return bad(b, "schema_version", "is not 1.x");
    const char *name = string_at(b, "implementation.name");
    const char *version = string_at(b, "language.version");
    const char *platform = string_at(b, "platform");
    json_t *flags = at(b->root, "abi.flags");
    json_t *extensions = at(b->root, "suffixes.extensions");
    if (!name)
        return bad(b, "implementation.name", "is missing");
    if (strcmp(name, "cpython") != 0)
        return pp_error_set(d->error, PYPROBE_ERR_UNSUPPORTED, d->path,
                            "describes %s: pyprobe reads the build-details."
                            "json of CPython only", name);
    if (!version || strlen(version) >= sizeof b->version)
        return bad(b, "language.version", "is missing");
    if (!platform || !platform[0])
        return bad(b, "platform", "is missing");
    if (!json_is_array(flags) || json_array_size(flags) >= sizeof b->abiflags)
        return bad(b, "abi.flags", "is missing");
    if (!json_is_array(extensions) || json_array_size(extensions) == 0)
        return bad(b, "suffixes.extensions", "is missing");
    if (d->target->platform && strcmp(d->target->platform, platform) != 0)
        return pp_error_set(d->error, PYPROBE_ERR_USAGE, "--platform",
                            "'%s' contradicts the file, which says '%s'",
                            d->target->platform, platform);
    strcpy(b->version, version);
    b->platform = platform;
    b->windows = strncmp(platform, "win", 3) == 0;
    size_t i;
    json_t *flag;
    json_array_foreach(flags, i, flag) {
        const char *f = json_string_value(flag);
        if (!f || strlen(f) != 1)
            return bad(b, "abi.flags", "holds something other than letters");
        b->abiflags[i] = f[0];
    }
    b->free_threaded = strchr(b->abiflags, 't') != NULL;
    b->debug = strchr(b->abiflags, 'd') != NULL;
    return PYPROBE_OK;
}

/* The version, as language.version_info says it, which must agree with
 * language.version, implementation.hexversion and
 * implementation.version. */
static pyprobe_status set_version(details *b)
{
    pp_describe *d = b->d;
    json_t *lang = version_list(b, "language.version_info", &b->hex);
    json_t *impl = lang ? version_list(b, "implementation.version", NULL)
                        : NULL;
    if (!lang || !impl) {
        json_decref(lang);
        return d->error->status;
    }
    char expected[48];
    snprintf(expected, sizeof expected, "%lld.%lld", b->hex >> 24,
             (b->hex >> 16) & 0xff);
    json_t *recorded_hex = at(b->root, "implementation.hexversion");
    if (strcmp(expected, b->version) != 0 ||
        (recorded_hex && json_integer_value(recorded_hex) != b->hex) ||
        !json_equal(lang, impl)) {
        json_decref(lang);
        json_decref(impl);
        return bad(b, "language.version_info", "disagrees with the version "
                   "and implementation fields");
    }
    if (!pp_describe_set(d, "version_info", lang) ||
        !pp_describe_set(d, "impl_version", impl) ||
        !pp_describe_set(d, "hexversion", json_integer(b->hex)) ||
        !pp_describe_set(d, "implementation", json_string("cpython")) ||
        !pp_describe_set(d, "abiflags", json_string(b->abiflags)))
        return d->error->status;
    return PYPROBE_OK;
}

/* EXT_SUFFIX: written only by shared builds; else EXTENSION_SUFFIXES[0],
 * which is EXT_SUFFIX by CPython's construction. */
static pyprobe_status set_suffixes(details *b)
{
    pp_describe *d = b->d;
    json_t *extensions = at(b->root, "suffixes.extensions");
    const char *first = json_string_value(json_array_get(extensions, 0));
    const char *ext = string_at(b, "abi.extension_suffix");
    if (!first)
        return bad(b, "suffixes.extensions", "holds something not a string");
    if (ext && strcmp(ext, first) != 0)
        return bad(b, "abi.extension_suffix", "is not the first of "
                   "suffixes.extensions");
    if (!ext) {
        ext = first;
        pp_describe_note(d, "config.EXT_SUFFIX", "suffixes.extensions[0] "
                         "(the file has no abi.extension_suffix)");
    }
    b->ext = ext;
    if (!pp_describe_set(d, "extension_suffixes", json_incref(extensions)))
        return d->error->status;
    return PYPROBE_OK;
}

/* Paths: the base prefix, the interpreter and the headers, where they
 * are on this machine; the config variables keep the target's view, as
 * they do in a relocated installation. */
static pyprobe_status set_paths(details *b)
{
    pp_describe *d = b->d;
    const char *interpreter = string_at(b, "base_interpreter");
    const char *headers = string_at(b, "c_api.headers");
    char *exe = NULL, *include = NULL;
    if (interpreter) {
        exe = target_path(b, interpreter);
    } else {
        exe = b->windows ? pp_format("%s\\python.exe", b->base)
                         : pp_format("%s/bin/python%s", b->base, b->version);
        pp_describe_note(d, "executable", "the file has no base_interpreter: "
                         "where CPython installs it");
    }
    if (headers) {
        include = target_path(b, headers);
    } else {
        include = b->windows ? pp_format("%s\\Include", b->base)
                             : pp_format("%s/include/python%s%s", b->base,
                                         b->version, b->abiflags);
        pp_describe_note(d, "include", "the file has no c_api.headers: "
                         "where sysconfig puts them");
    }
    if (!exe || !include) {
        free(exe);
        free(include);
        return pp_error_nomem(d->error);
    }
    static const char *const prefixes[] = {"prefix", "base_prefix",
                                           "exec_prefix", "base_exec_prefix"};
    pyprobe_status status = PYPROBE_OK;
    for (size_t k = 0; status == PYPROBE_OK && k < 4; k++)
        status = set_path(b, prefixes[k], b->base);
    if (status == PYPROBE_OK)
        status = set_path(b, "executable", exe);
    if (status == PYPROBE_OK)
        status = set_path(b, "base_executable", exe);
    if (status == PYPROBE_OK)
        status = set_path(b, "include", include);
    if (status == PYPROBE_OK)
        status = set_path(b, "platinclude", include);
    if (status == PYPROBE_OK &&
        !pp_describe_config(d, "INCLUDEPY", json_string(include)))
        status = d->error->status;
    free(exe);
    free(include);
    if (status != PYPROBE_OK)
        return status;

    if (!pp_describe_config(d, "LIBDEST", json_string(b->stdlib)) ||
        !pp_describe_set(d, "stdlib", json_string(b->file_dir)))
        return d->error->status;
    return PYPROBE_OK;
}

/* The compiler and linker variables, from the _sysconfigdata file beside
 * this one if there is one, and the platform. */
static pyprobe_status set_config(details *b)
{
    pp_describe *d = b->d;
    int bits = -1, big = -1;
    const char *sys_platform = b->windows ? "win32"
                               : strncmp(b->platform, "macosx", 6) == 0
                                   ? "darwin" : "linux";
    char *beside = b->windows ? NULL : sysconfigdata_beside(b, sys_platform);
    pyprobe_status status;
    if (beside) {
        /* It holds INCLUDEPY and LIBDEST too, in the same view. */
        json_object_del(d->config, "INCLUDEPY");
        json_object_del(d->config, "LIBDEST");
        status = config_from_sysconfigdata(b, beside, &bits, &big);
        free(beside);
    } else {
        status = config_from_details(b);
    }
    if (status != PYPROBE_OK)
        return status;
    return pp_describe_platform(d, b->platform,
                                string_at(b, "implementation._multiarch"),
                                bits > 0 ? bits / 8 : -1, big);
}

/* What only a running interpreter could say, as one would. */
static pyprobe_status set_runtime(details *b)
{
    pp_describe *d = b->d;
    char version_text[64];
    snprintf(version_text, sizeof version_text, "%lld.%lld.%lld",
             b->hex >> 24, (b->hex >> 16) & 0xff, (b->hex >> 8) & 0xff);
    const char *cache_tag = string_at(b, "implementation.cache_tag");
    int ok = pp_describe_set(d, "source", json_string("build-details")) &&
         pp_describe_set(d, "sysconfigdata", json_null()) &&
         pp_describe_set(d, "build_details", json_string(b->real)) &&
         pp_describe_set(d, "sys_version", json_string(version_text)) &&
         pp_describe_set(d, "gil_enabled", json_boolean(!b->free_threaded)) &&
         pp_describe_set(d, "gettotalrefcount", json_boolean(b->debug)) &&
         pp_describe_set(d, "maxunicode", json_integer(0x10FFFF)) &&
         pp_describe_set(d, "multiarch", pp_describe_str(string_at(
                                             b, "implementation._multiarch"))) &&
         pp_describe_set(d, "cache_tag", pp_describe_str(cache_tag));
    if (!ok)
        return d->error->status;
    pp_describe_note(d, "gil_enabled", "the build's default: a probe runs "
                     "Python with -I, which ignores PYTHON_GIL");
    pp_describe_note(d, "sys_version", "the version alone; the file has no "
                     "build date or compiler");
    return PYPROBE_OK;
}

static pyprobe_status describe(details *b)
{
    static pyprobe_status (*const steps[])(details *) = {
        read_identity, set_version, set_suffixes, locate, set_paths,
        set_config, set_runtime,
    };
    const size_t count = sizeof steps / sizeof steps[0];
    pyprobe_status status = PYPROBE_OK;
    for (size_t i = 0; status == PYPROBE_OK && i < count; i++)
        status = steps[i](b);
    return status;
}

static pyprobe_status fill(pp_describe *d, const char *real)
{
    json_error_t json_error;
    json_t *root = json_load_file(real, JSON_REJECT_DUPLICATES, &json_error);
    if (!root) {
        FILE *f = fopen(real, "r");
        if (!f)
            return pp_error_set(d->error, PYPROBE_ERR_IO, d->path, "%s",
                                strerror(errno));
        fclose(f);
        return pp_error_set(d->error, PYPROBE_ERR_PROTOCOL, d->path,
                            "not valid JSON: line %d: %s", json_error.line,
                            json_error.text);
    }
    details b = {.d = d, .root = root, .real = real};
    pyprobe_status status = PYPROBE_OK;
    if (!json_is_object(root))
        status = bad(&b, "the document", "is not an object");
    if (status == PYPROBE_OK && !(b.file_dir = dir_name(real)))
        status = pp_error_nomem(d->error);
    if (status == PYPROBE_OK)
        status = describe(&b);
    free(b.file_dir);
    free(b.base);
    free(b.stdlib);
    json_decref(root);
    return status;
}

pyprobe_status pyprobe_facts_from_build_details(const char *path,
                                                const pyprobe_target *target,
                                                pyprobe_facts **facts,
                                                pyprobe_error *error)
{
    return pp_describe_file(path, target, fill, facts, error);
}
