/* sysconfigdata.c - facts from a _sysconfigdata_*.py file (the table
 * sysconfig loads), for targets older than build-details.json.
 *
 * The file is parsed as data by the strict literal parser: a module of
 * comments and NAME = literal assignments, nothing else, and never run.
 * It holds the build configuration but not everything a probe asks:
 *  - the full version (it has "3.11", not "3.11.2"): from patchlevel.h
 *    in the target's headers, else --python-version, else refused;
 *  - EXTENSION_SUFFIXES: CPython's dynload table, built from the same
 *    configuration ("." SOABI ".so", the debug build's ALT_SOABI, ".abi3.so",
 *    ".so"), for 3.14 and older; 3.15 lists more, and ships
 *    build-details.json, so a 3.15 file is refused;
 *  - sysconfig.get_platform(): "linux-" + what uname says on the target,
 *    which is the CPU for a 64-bit one; a 32-bit one may run on a 64-bit
 *    kernel, so it needs --platform;
 *  - the C library: --libc, or unknown. */
#include "config.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "describe/sysconfigdata.h"
#include "facts/facts.h"
#include "os/os.h"
#include "util/error.h"
#include "util/read_file.h"
#include "util/strbuf.h"

#define MAX_FILE (16 * 1024 * 1024)

pyprobe_status pp_sysconfigdata_load(const char *path, pp_lit **vars,
                                     pyprobe_error *error)
{
    size_t length;
    *vars = NULL;
    char *text = pp_read_file(path, MAX_FILE, &length, error);
    if (!text)
        return error ? error->status : PYPROBE_ERR_IO;
    pyprobe_status status = pp_lit_parse_assignment(
        text, length, "build_time_vars", path, vars, error);
    free(text);
    if (status == PYPROBE_OK && (*vars)->type != PP_LIT_DICT) {
        pp_lit_free(*vars);
        *vars = NULL;
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, path,
                            "build_time_vars is not a dict");
    }
    return status;
}

const char *pp_sysconfigdata_str(const pp_lit *vars, const char *name)
{
    const pp_lit *v = pp_lit_get(vars, name);
    return v && v->type == PP_LIT_STR ? v->str : NULL;
}

int pp_sysconfigdata_flag(const pp_lit *vars, const char *name)
{
    const pp_lit *v = pp_lit_get(vars, name);
    if (v && (v->type == PP_LIT_INT || v->type == PP_LIT_BOOL) &&
        (v->integer == 0 || v->integer == 1))
        return (int)v->integer;
    if (v && v->type == PP_LIT_STR &&
        (strcmp(v->str, "0") == 0 || strcmp(v->str, "1") == 0))
        return v->str[0] == '1';
    return -1;
}

int pp_sysconfigdata_config(pp_describe *d, const pp_lit *vars)
{
    for (size_t i = 0; i < pp_config_var_count; i++) {
        const char *name = pp_config_var_names[i];
        const pp_lit *v = pp_lit_get(vars, name);
        json_t *value;
        if (strcmp(name, "py_version_nodot") == 0) {
            const char *version = pp_sysconfigdata_str(vars, "VERSION");
            char nodot[16] = "";
            for (size_t n = 0; version && *version && n + 1 < sizeof nodot;
                 version++)
                if (*version != '.')
                    nodot[n++] = *version, nodot[n] = '\0';
            value = json_string(nodot);
        } else if (!v || v->type == PP_LIT_NONE) {
            value = json_null();
        } else if (v->type == PP_LIT_INT || v->type == PP_LIT_BOOL) {
            value = json_integer(v->integer);
        } else if (v->type == PP_LIT_STR) {
            value = json_stringn(v->str, v->length);
        } else {
            pp_error_set(d->error, PYPROBE_ERR_PROTOCOL, d->path,
                         "%s is a %s, not a str or int", name,
                         pp_lit_type_name(v->type));
            return 0;
        }
        if (!pp_describe_config(d, name, value))
            return 0;
    }
    return 1;
}

/* ---- the full version: patchlevel.h ------------------------------------- */

/* The value of "#define NAME VALUE" in text, copied to out. */
static int define_value(const char *text, const char *name, char *out,
                        size_t size)
{
    size_t n = strlen(name);
    for (const char *p = text; (p = strstr(p, "#define")); p += 7) {
        const char *q = p + 7;
        while (*q == ' ' || *q == '\t')
            q++;
        if (strncmp(q, name, n) != 0 || (q[n] != ' ' && q[n] != '\t'))
            continue;
        q += n;
        while (*q == ' ' || *q == '\t')
            q++;
        size_t length = strcspn(q, " \t\r\n/");
        if (length == 0 || length >= size)
            return 0;
        memcpy(out, q, length);
        out[length] = '\0';
        return 1;
    }
    return 0;
}

/* "3.11.2" (or "3.13.0rc1") from include/patchlevel.h; 0 if absent. */
static int patchlevel_version(const char *include, char *out, size_t size,
                              char *path_out, size_t path_size)
{
    snprintf(path_out, path_size, "%s/patchlevel.h", include);
    size_t length;
    char *text = pp_read_file(path_out, MAX_FILE, &length, NULL);
    if (!text)
        return 0;
    char major[16], minor[16], micro[16], level[48], serial[16];
    int ok = define_value(text, "PY_MAJOR_VERSION", major, sizeof major) &&
             define_value(text, "PY_MINOR_VERSION", minor, sizeof minor) &&
             define_value(text, "PY_MICRO_VERSION", micro, sizeof micro) &&
             define_value(text, "PY_RELEASE_LEVEL", level, sizeof level) &&
             define_value(text, "PY_RELEASE_SERIAL", serial, sizeof serial);
    free(text);
    if (!ok)
        return 0;
    const char *suffix = strcmp(level, "PY_RELEASE_LEVEL_ALPHA") == 0 ? "a"
                         : strcmp(level, "PY_RELEASE_LEVEL_BETA") == 0 ? "b"
                         : strcmp(level, "PY_RELEASE_LEVEL_GAMMA") == 0 ? "rc"
                         : strcmp(level, "PY_RELEASE_LEVEL_FINAL") == 0 ? ""
                                                                        : NULL;
    if (!suffix)
        return 0;
    snprintf(out, size, "%s.%s.%s%s%s", major, minor, micro, suffix,
             suffix[0] ? serial : "");
    return 1;
}

/* A decimal number of at most max at *text, which moves past it; 0 for
 * no digits or a larger number (no overflow, however long the text). */
static int read_number(const char **text, int max, int *value)
{
    const char *p = *text;
    int n = 0;
    if (*p < '0' || *p > '9')
        return 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        n = n * 10 + (*p - '0');
        if (n > max)
            return 0;
    }
    *value = n;
    *text = p;
    return 1;
}

/* version_info and hexversion from "3.11.2" / "3.13.0rc1": each number
 * must fit its field of PY_VERSION_HEX (a byte, the serial a nibble). */
static json_t *version_info(const char *text, long long *hex)
{
    int major, minor, micro, serial = 0;
    const char *p = text;
    if (!read_number(&p, 255, &major) || *p++ != '.' ||
        !read_number(&p, 255, &minor) || *p++ != '.' ||
        !read_number(&p, 255, &micro))
        return NULL;
    const char *level = "final";
    int code = 0xF;
    if (*p) {
        int skip = strncmp(p, "rc", 2) == 0 ? 2 : 1;
        if (p[0] != 'a' && p[0] != 'b' && skip != 2)
            return NULL;
        level = p[0] == 'a' ? "alpha" : p[0] == 'b' ? "beta" : "candidate";
        code = p[0] == 'a' ? 0xA : p[0] == 'b' ? 0xB : 0xC;
        p += skip;
        if (!read_number(&p, 15, &serial) || *p)
            return NULL;
    }
    *hex = ((long long)major << 24) | ((long long)minor << 16) |
           ((long long)micro << 8) | (code << 4) | serial;
    return json_pack("[i,i,i,s,i]", major, minor, micro, level, serial);
}

/* ---- the facts ---------------------------------------------------------- */

static pyprobe_status refuse(pp_describe *d, const char *why)
{
    return pp_error_set(d->error, PYPROBE_ERR_PROTOCOL, d->path,
                        "cannot describe the interpreter: %s", why);
}

/* EXTENSION_SUFFIXES as _PyImport_DynLoadFiletab builds them. */
static json_t *extension_suffixes(const pp_lit *vars, const char *ext)
{
    json_t *list = json_pack("[s]", ext);
    const char *alt = pp_sysconfigdata_str(vars, "ALT_SOABI");
    if (list && alt && alt[0]) {
        /* The C string the define holds: Debian writes it quoted. */
        size_t n = strlen(alt);
        int quoted = n >= 2 && alt[0] == '"' && alt[n - 1] == '"';
        char text[160];
        snprintf(text, sizeof text, ".%.*s.so", (int)(n - 2 * quoted),
                 alt + quoted);
        json_array_append_new(list, json_string(text));
    }
    json_array_append_new(list, json_string(".abi3.so"));
    json_array_append_new(list, json_string(".so"));
    return list;
}

/* sysconfig.get_platform() on a Linux target, from the CPU a 64-bit
 * multiarch tuple names (the kernel's uname is then the same). */
static const char *linux_machine(const char *tuple)
{
    static const char *const map[][2] = {
        {"x86_64", "x86_64"}, {"aarch64", "aarch64"},
        {"powerpc64le", "ppc64le"}, {"powerpc64", "ppc64"},
        {"s390x", "s390x"}, {"riscv64", "riscv64"},
        {"loongarch64", "loongarch64"}, {"sparc64", "sparc64"},
        {"alpha", "alpha"}, {"ia64", "ia64"},
    };
    if (!tuple)
        return NULL;
    size_t n = strcspn(tuple, "-");
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strlen(map[i][0]) == n && strncmp(tuple, map[i][0], n) == 0)
            return map[i][1];
    return NULL;
}

/* A _sysconfigdata file being described: the variables it holds, and
 * what each step finds for the next. */
typedef struct described {
    pp_describe *d;
    const pp_lit *vars;
    const char *real;            /* the file's real path */
    const char *version;         /* VERSION: "3.11" */
    const char *abiflags;        /* ABIFLAGS, "" when it has none */
    const char *ext, *prefix, *libdest, *machdep, *multiarch, *bindir;
    int major, minor;            /* of VERSION */
    char *file_dir;              /* where the file is, here */
    char *include;               /* where the headers are, here */
    char full_version[96];       /* "3.11.2" */
} described;

/* The variables everything else rests on: present, and of a CPython
 * before 3.15 whose EXT_SUFFIX is .SOABI.so. */
static pyprobe_status check_variables(described *s)
{
    pp_describe *d = s->d;
    const pp_lit *vars = s->vars;
    s->version = pp_sysconfigdata_str(vars, "VERSION");
    s->abiflags = pp_sysconfigdata_str(vars, "ABIFLAGS");
    s->ext = pp_sysconfigdata_str(vars, "EXT_SUFFIX");
    const char *soabi = pp_sysconfigdata_str(vars, "SOABI");
    s->prefix = pp_sysconfigdata_str(vars, "prefix");
    s->libdest = pp_sysconfigdata_str(vars, "LIBDEST");
    s->machdep = pp_sysconfigdata_str(vars, "MACHDEP");
    s->multiarch = pp_sysconfigdata_str(vars, "MULTIARCH");
    s->bindir = pp_sysconfigdata_str(vars, "BINDIR");
    const char *shlib = pp_sysconfigdata_str(vars, "SHLIB_SUFFIX");
    const char *ext = s->ext;
    if (!s->version || !ext || !soabi || !s->prefix || !s->libdest ||
        !s->machdep || !s->bindir || s->prefix[0] != '/' ||
        s->libdest[0] != '/')
        return refuse(d, "VERSION, EXT_SUFFIX, SOABI, prefix, LIBDEST, "
                         "MACHDEP or BINDIR is missing");
    if (strncmp(soabi, "cpython-", 8) != 0)
        return pp_error_set(d->error, PYPROBE_ERR_UNSUPPORTED, d->path,
                            "SOABI is %s: pyprobe reads the _sysconfigdata "
                            "of CPython only", soabi);
    if (!s->abiflags)
        s->abiflags = "";
    if (!shlib || strcmp(shlib, ".so") != 0 || ext[0] != '.' ||
        strncmp(ext + 1, soabi, strlen(soabi)) != 0 ||
        strcmp(ext + 1 + strlen(soabi), ".so") != 0)
        return refuse(d, "EXT_SUFFIX is not .SOABI.so");
    const char *v = s->version;
    if (!read_number(&v, 255, &s->major) || *v++ != '.' ||
        !read_number(&v, 255, &s->minor) || *v)
        return refuse(d, "VERSION is not X.Y");
    if (s->major == 3 && s->minor >= 15) {
        pp_error_set(d->error, PYPROBE_ERR_UNSUPPORTED, d->path,
                     "Python %s lists extension suffixes its _sysconfigdata "
                     "file does not say", s->version);
        pp_error_hint(d->error, "use its build-details.json "
                                "(--build-details)");
        return PYPROBE_ERR_UNSUPPORTED;
    }
    return PYPROBE_OK;
}

/* Where it is on this machine: the file is installed in LIBDEST. */
static pyprobe_status locate(described *s)
{
    if (!(s->file_dir = strdup(s->real)))
        return pp_error_nomem(s->d->error);
    *strrchr(s->file_dir, '/') = '\0';
    const char *const dirs[] = {s->libdest};
    size_t which;
    return pp_describe_locate(s->d, s->file_dir, dirs, 1, &which);
}

/* Paths as sysconfig computes them from the prefix, where they are on
 * this machine; the config variables keep the target's view. */
static pyprobe_status set_paths(described *s)
{
    pp_describe *d = s->d;
    char *base = pp_describe_host_path(d, s->prefix);
    s->include = pp_format("%s/include/python%s%s", base ? base : "",
                           s->version, s->abiflags);
    const char *ldversion = pp_sysconfigdata_str(s->vars, "LDVERSION");
    char *exe = pp_format("%s%s/python%s", d->sysroot, s->bindir,
                          ldversion ? ldversion : s->version);
    int ok = base && s->include && exe;
    static const char *const prefixes[] = {"prefix", "base_prefix",
                                           "exec_prefix", "base_exec_prefix"};
    for (size_t i = 0; ok && i < 4; i++)
        ok = pp_describe_set(d, prefixes[i], json_string(base));
    ok = ok && pp_describe_set(d, "include", json_string(s->include)) &&
         pp_describe_set(d, "platinclude", json_string(s->include)) &&
         pp_describe_set(d, "stdlib", json_string(s->file_dir)) &&
         pp_describe_set(d, "executable", json_string(exe)) &&
         pp_describe_set(d, "base_executable", json_string(exe));
    pp_describe_note(d, "include", "{prefix}/include/python{VERSION}"
                     "{ABIFLAGS}, as sysconfig computes it");
    pp_describe_note(d, "executable", "{BINDIR}/python{LDVERSION}, where "
                     "CPython installs it");
    free(base);
    free(exe);
    return ok ? PYPROBE_OK : d->error->status;
}

/* The full version: from patchlevel.h in the headers, which
 * --python-version must not contradict, else from --python-version. */
static pyprobe_status find_full_version(described *s)
{
    pp_describe *d = s->d;
    char *text = s->full_version, header[PATH_MAX + 16];
    size_t size = sizeof s->full_version;
    text[0] = '\0';
    int from_header = s->include && patchlevel_version(s->include, text,
                                                       size, header,
                                                       sizeof header);
    if (from_header && d->target->version &&
        strcmp(text, d->target->version) != 0)
        return pp_error_set(d->error, PYPROBE_ERR_USAGE, "--python-version",
                            "'%s' contradicts %s, which says %s",
                            d->target->version, header, text);
    if (from_header) {
        pp_describe_note(d, "version_info", "from %s", header);
        if (json_array_append_new(d->depends, json_string(header)) != 0)
            return pp_error_nomem(d->error);
        return PYPROBE_OK;
    }
    if (d->target->version) {
        snprintf(text, size, "%s", d->target->version);
        pp_describe_note(d, "version_info", "from --python-version");
        return PYPROBE_OK;
    }
    pp_error_set(d->error, PYPROBE_ERR_USAGE, d->path,
                 "the full Python version is not in it, and %s is not there "
                 "to say it", header);
    pp_error_hint(d->error, "install the target's headers under the "
                            "sysroot, or give --python-version X.Y.Z");
    return PYPROBE_ERR_USAGE;
}

/* The version and the build as a probe would report them. */
static pyprobe_status set_build(described *s)
{
    pp_describe *d = s->d;
    const pp_lit *vars = s->vars;
    const char *text = s->full_version;
    long long hex = 0;
    json_t *info = version_info(text, &hex);
    char short_version[48];
    snprintf(short_version, sizeof short_version, "%lld.%lld", hex >> 24,
             (hex >> 16) & 0xff);
    if (!info || strcmp(short_version, s->version) != 0) {
        json_decref(info);
        return pp_error_set(d->error, PYPROBE_ERR_USAGE, d->path,
                            "the version %s is not the file's %s", text,
                            s->version);
    }
    int free_threaded = pp_sysconfigdata_flag(vars, "Py_GIL_DISABLED") == 1;
    int debug = pp_sysconfigdata_flag(vars, "Py_DEBUG") == 1 ||
                pp_sysconfigdata_flag(vars, "Py_REF_DEBUG") == 1;
    char cache_tag[32];
    snprintf(cache_tag, sizeof cache_tag, "cpython-%d%d", s->major,
             s->minor);
    int ok = pp_describe_set(d, "version_info", json_incref(info)) &&
         pp_describe_set(d, "impl_version", info) &&
         pp_describe_set(d, "hexversion", json_integer(hex)) &&
         pp_describe_set(d, "sys_version", json_string(text)) &&
         pp_describe_set(d, "implementation", json_string("cpython")) &&
         pp_describe_set(d, "abiflags", json_string(s->abiflags)) &&
         pp_describe_set(d, "extension_suffixes",
                         extension_suffixes(vars, s->ext)) &&
         pp_describe_set(d, "gil_enabled", s->minor >= 13
                                               ? json_boolean(!free_threaded)
                                               : json_null()) &&
         pp_describe_set(d, "gettotalrefcount", json_boolean(debug)) &&
         pp_describe_set(d, "maxunicode", json_integer(0x10FFFF)) &&
         pp_describe_set(d, "multiarch", pp_describe_str(s->multiarch)) &&
         pp_describe_set(d, "cache_tag", json_string(cache_tag)) &&
         pp_describe_set(d, "source", json_string("sysconfigdata")) &&
         pp_describe_set(d, "sysconfigdata", json_null()) &&
         pp_sysconfigdata_config(d, vars);
    if (!ok)
        return d->error->status;
    pp_describe_note(d, "extension_suffixes", "CPython's dynload table for "
                     "this configuration: EXT_SUFFIX%s, .abi3.so, .so",
                     pp_sysconfigdata_str(vars, "ALT_SOABI") ? ", ALT_SOABI"
                                                             : "");
    pp_describe_note(d, "gil_enabled", "the build's default");
    pp_describe_note(d, "sys_version", "the version alone");
    return PYPROBE_OK;
}

/* 3.14 ships build-details.json too: say where, as a live probe does. */
static pyprobe_status set_build_details(described *s)
{
    pp_describe *d = s->d;
    json_t *details = json_null();
    int ok = 1;
    if (s->minor >= 14) {
        char *candidate = pp_format(
            "%s/build-details.json",
            json_string_value(json_object_get(d->answer, "stdlib")));
        if (candidate && access(candidate, F_OK) == 0)
            details = json_string(candidate);
        if (candidate &&
            json_array_append_new(d->depends, json_string(candidate)) != 0)
            ok = 0;
        free(candidate);
    }
    if (!ok || !pp_describe_set(d, "build_details", details))
        return d->error->status;
    return PYPROBE_OK;
}

/* The platform: the file has the build's, not the target's uname. */
static pyprobe_status set_platform(described *s)
{
    pp_describe *d = s->d;
    const pp_lit *vars = s->vars;
    const char *platform = d->target->platform;
    char derived[64];
    if (!platform && strcmp(s->machdep, "linux") == 0) {
        const char *machine = linux_machine(
            s->multiarch ? s->multiarch
                         : pp_sysconfigdata_str(vars, "HOST_GNU_TYPE"));
        const pp_lit *size = pp_lit_get(vars, "SIZEOF_VOID_P");
        if (machine && size && size->type == PP_LIT_INT &&
            size->integer == 8) {
            snprintf(derived, sizeof derived, "linux-%s", machine);
            platform = derived;
            pp_describe_note(d, "platform", "%s: a 64-bit %s build runs on "
                             "a kernel that says %s", platform, machine,
                             machine);
        }
    }
    if (!platform) {
        pp_error_set(d->error, PYPROBE_ERR_USAGE, d->path,
                     "cannot tell the target's platform (what "
                     "sysconfig.get_platform() says there): a 32-bit build "
                     "may run on a 64-bit kernel");
        pp_error_hint(d->error, "give --platform, such as linux-armv7l");
        return PYPROBE_ERR_USAGE;
    }
    if (d->target->platform)
        pp_describe_note(d, "platform", "from --platform");
    const pp_lit *size = pp_lit_get(vars, "SIZEOF_VOID_P");
    return pp_describe_platform(
        d, platform, s->multiarch,
        size && size->type == PP_LIT_INT ? (int)size->integer : -1,
        pp_sysconfigdata_flag(vars, "WORDS_BIGENDIAN"));
}

static pyprobe_status describe(described *s)
{
    pyprobe_status status = check_variables(s);
    if (status == PYPROBE_OK)
        status = locate(s);
    if (status == PYPROBE_OK) {
        /* A path that could not be set is reported after what the full
         * version has to say, as it always was. */
        pyprobe_status paths = set_paths(s);
        status = find_full_version(s);
        if (status == PYPROBE_OK)
            status = paths;
    }
    if (status == PYPROBE_OK)
        status = set_build(s);
    if (status == PYPROBE_OK)
        status = set_build_details(s);
    if (status == PYPROBE_OK)
        status = set_platform(s);
    return status;
}

static pyprobe_status fill(pp_describe *d, const char *real)
{
    pp_lit *vars = NULL;
    pyprobe_status status = pp_sysconfigdata_load(real, &vars, d->error);
    if (status == PYPROBE_OK) {
        described s = {.d = d, .vars = vars, .real = real};
        status = describe(&s);
        free(s.file_dir);
        free(s.include);
    }
    pp_lit_free(vars);
    return status;
}

pyprobe_status pyprobe_facts_from_sysconfigdata(const char *path,
                                                const pyprobe_target *target,
                                                pyprobe_facts **facts,
                                                pyprobe_error *error)
{
    return pp_describe_file(path, target, fill, facts, error);
}
