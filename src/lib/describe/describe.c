/* describe.c - a probe answer built from a description file (see
 * describe.h), and the target options that fill what files lack. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe/describe.h"
#include "facts/answer_json.h"
#include "facts/facts.h"
#include "os/os.h"
#include "util/error.h"
#include "util/strbuf.h"

/* ---- target options ----------------------------------------------------- */

pyprobe_target *pyprobe_target_new(void)
{
    return calloc(1, sizeof(pyprobe_target));
}

void pyprobe_target_free(pyprobe_target *target)
{
    if (!target)
        return;
    free(target->libc);
    free(target->platform);
    free(target->sysroot);
    free(target->version);
    free(target);
}

static pyprobe_status replace(char **slot, const char *value,
                              pyprobe_error *error)
{
    char *copy = strdup(value);
    if (!copy)
        return pp_error_nomem(error);
    free(*slot);
    *slot = copy;
    return PYPROBE_OK;
}

/* "2.36" -> 2, 36; 0 if it is not MAJOR.MINOR. */
static int parse_major_minor(const char *text, int *major, int *minor)
{
    int used = 0;
    return sscanf(text, "%3d.%4d%n", major, minor, &used) == 2 &&
           text[used] == '\0' && text[0] >= '0' && text[0] <= '9' &&
           *major >= 0 && *minor >= 0;
}

pyprobe_status pyprobe_target_set_libc(pyprobe_target *target,
                                       const char *libc, pyprobe_error *error)
{
    int major = -1, minor = -1;
    const char *kind = NULL;
    if (strcmp(libc, "none") == 0)
        kind = "none";
    else if (strncmp(libc, "glibc-", 6) == 0 &&
             parse_major_minor(libc + 6, &major, &minor))
        kind = "glibc";
    else if (strncmp(libc, "musl-", 5) == 0 &&
             parse_major_minor(libc + 5, &major, &minor))
        kind = "musl";
    if (!kind) {
        pp_error_set(error, PYPROBE_ERR_USAGE, "--libc",
                     "'%s' is not glibc-X.Y, musl-X.Y or none", libc);
        return PYPROBE_ERR_USAGE;
    }
    target->libc_major = major;
    target->libc_minor = minor;
    return replace(&target->libc, kind, error);
}

pyprobe_status pyprobe_target_set_platform(pyprobe_target *target,
                                           const char *platform,
                                           pyprobe_error *error)
{
    for (const char *p = platform; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || strchr("-_.", *p)))
            return pp_error_set(error, PYPROBE_ERR_USAGE, "--platform",
                                "'%s' is not a platform like linux-armv7l",
                                platform);
    if (!platform[0] || !strchr(platform, '-'))
        if (strcmp(platform, "win32") != 0)
            return pp_error_set(error, PYPROBE_ERR_USAGE, "--platform",
                                "'%s' is not a platform like linux-armv7l",
                                platform);
    return replace(&target->platform, platform, error);
}

pyprobe_status pyprobe_target_set_sysroot(pyprobe_target *target,
                                          const char *dir,
                                          pyprobe_error *error)
{
    char real[PATH_MAX];
    if (!realpath(dir, real))
        return pp_error_set(error, PYPROBE_ERR_USAGE, "--sysroot", "%s: %s",
                            dir, strerror(errno));
    return replace(&target->sysroot, strcmp(real, "/") == 0 ? "" : real,
                   error);
}

pyprobe_status pyprobe_target_set_version(pyprobe_target *target,
                                          const char *version,
                                          pyprobe_error *error)
{
    int major, minor, micro, used = 0;
    if (sscanf(version, "%d.%d.%d%n", &major, &minor, &micro, &used) != 3 ||
        major != 3 || minor < 0 || micro < 0 || minor > 255 || micro > 255)
        return pp_error_set(error, PYPROBE_ERR_USAGE, "--python-version",
                            "'%s' is not a Python version like 3.11.2",
                            version);
    const char *rest = version + used;
    int serial;
    if (*rest && !((sscanf(rest, "a%d", &serial) == 1 ||
                    sscanf(rest, "b%d", &serial) == 1 ||
                    sscanf(rest, "rc%d", &serial) == 1) &&
                   strspn(rest + (rest[0] == 'r' ? 2 : 1), "0123456789") ==
                       strlen(rest + (rest[0] == 'r' ? 2 : 1))))
        return pp_error_set(error, PYPROBE_ERR_USAGE, "--python-version",
                            "'%s' is not a Python version like 3.11.2",
                            version);
    return replace(&target->version, version, error);
}

/* ---- paths -------------------------------------------------------------- */

char *pp_path_join(const char *base, const char *path)
{
    pp_strbuf joined = PP_STRBUF_INIT;
    if (path[0] != '/')
        pp_strbuf_printf(&joined, "%s/", base);
    pp_strbuf_puts(&joined, path);
    char *text = pp_strbuf_take(&joined);
    if (!text)
        return NULL;
    /* Normalize in place: segments are copied down over dropped ones. */
    char *out = text;
    const char *p = text;
    while (*p) {
        while (*p == '/')
            p++;
        const char *end = strchr(p, '/');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n == 0)
            break;
        if (n == 1 && p[0] == '.') {
            /* nothing */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            while (out > text && *--out != '/')
                ;
        } else {
            *out++ = '/';
            memmove(out, p, n);
            out += n;
        }
        p += n;
    }
    if (out == text)
        *out++ = '/';
    *out = '\0';
    return text;
}

/* ---- the answer --------------------------------------------------------- */

json_t *pp_describe_str(const char *text)
{
    return text ? json_string(text) : json_null();
}

pyprobe_status pp_describe_begin(pp_describe *d, const char *path,
                                 const pyprobe_target *target,
                                 pyprobe_error *error)
{
    static const pyprobe_target none;
    memset(d, 0, sizeof *d);
    d->target = target ? target : &none;
    d->path = path;
    d->error = error ? error : &d->own_error;
    d->answer = json_object();
    d->config = json_object();
    d->derived = json_object();
    d->unknown = json_array();
    d->depends = json_array();
    char real[PATH_MAX];
    if (!d->answer || !d->config || !d->derived || !d->unknown ||
        !d->depends)
        return pp_error_nomem(d->error);
    /* The file is a dependency (a cache of these facts must notice when
     * it changes), under its real name. */
    if (realpath(path, real) &&
        json_array_append_new(d->depends, pp_describe_str(real)) != 0)
        return pp_error_nomem(d->error);
    return PYPROBE_OK;
}

void pp_describe_end(pp_describe *d)
{
    json_decref(d->answer);
    json_decref(d->config);
    json_decref(d->derived);
    json_decref(d->unknown);
    json_decref(d->depends);
    free(d->sysroot);
    memset(d, 0, sizeof *d);
}

int pp_describe_set(pp_describe *d, const char *key, json_t *value)
{
    if (!value || json_object_set_new(d->answer, key, value) != 0) {
        pp_error_set(d->error, PYPROBE_ERR_PROTOCOL, d->path,
                     "a value for '%s' is not valid UTF-8", key);
        return 0;
    }
    return 1;
}

int pp_describe_config(pp_describe *d, const char *name, json_t *value)
{
    if (!value || json_object_set_new(d->config, name, value) != 0) {
        pp_error_set(d->error, PYPROBE_ERR_PROTOCOL, d->path,
                     "the value of %s is not valid UTF-8", name);
        return 0;
    }
    return 1;
}

void pp_describe_note(pp_describe *d, const char *fact, const char *format,
                      ...)
{
    char how[512];
    va_list args;
    va_start(args, format);
    vsnprintf(how, sizeof how, format, args);
    va_end(args);
    json_t *text = json_string(how);
    if (text)
        json_object_set_new(d->derived, fact, text);
}

void pp_describe_unknown(pp_describe *d, const char *fact)
{
    json_array_append_new(d->unknown, json_string(fact));
}

/* ---- where the files are ------------------------------------------------ */

pyprobe_status pp_describe_locate(pp_describe *d, const char *file_dir,
                                  const char *const *target_dirs,
                                  size_t count, size_t *which)
{
    size_t have = strlen(file_dir);
    *which = 0;
    if (d->target->sysroot) {
        size_t root = strlen(d->target->sysroot);
        for (size_t i = 0; i < count; i++)
            if (have > root &&
                strncmp(file_dir, d->target->sysroot, root) == 0 &&
                strcmp(file_dir + root, target_dirs[i]) == 0)
                *which = i;
        d->sysroot = strdup(d->target->sysroot);
        return d->sysroot ? PYPROBE_OK : pp_error_nomem(d->error);
    }
    for (size_t i = 0; i < count; i++) {
        *which = i;
        const char *want = target_dirs[i];
        size_t n = strlen(want);
        char real[PATH_MAX];
        if (strcmp(file_dir, want) == 0 ||
            (realpath(want, real) && strcmp(real, file_dir) == 0)) {
            d->sysroot = strdup("");            /* where it says it is */
        } else if (n > 1 && have > n && file_dir[have - n - 1] != '/' &&
                   strcmp(file_dir + have - n, want) == 0) {
            d->sysroot = strndup(file_dir, have - n);
            if (d->sysroot)
                pp_describe_note(d, "sysroot", "%s: the file says it is in "
                                 "%s and is found in %s", d->sysroot, want,
                                 file_dir);
        } else {
            continue;
        }
        return d->sysroot ? PYPROBE_OK : pp_error_nomem(d->error);
    }
    pp_error_set(d->error, PYPROBE_ERR_USAGE, d->path,
                 "it says its interpreter's files are in %s, but it is in "
                 "%s: where are they on this machine?",
                 count ? target_dirs[0] : "?", file_dir);
    pp_error_hint(d->error, "give --sysroot DIR, the directory the target's "
                            "files are under (--sysroot / for the paths as "
                            "written)");
    return PYPROBE_ERR_USAGE;
}

char *pp_describe_host_path(const pp_describe *d, const char *target_path)
{
    pp_strbuf path = PP_STRBUF_INIT;
    pp_strbuf_printf(&path, "%s%s", target_path[0] == '/' ? d->sysroot : "",
                     target_path);
    return pp_strbuf_take(&path);
}

/* ---- what the platform says --------------------------------------------- */

/* Pointer size and byte order of a CPU, as named in a multiarch tuple
 * (Debian's, which CPython uses) or by uname. */
static const struct {
    const char *cpu;
    int bits, big;
} cpus[] = {
    {"x86_64", 64, 0}, {"amd64", 64, 0}, {"AMD64", 64, 0},
    {"i386", 32, 0}, {"i486", 32, 0}, {"i586", 32, 0}, {"i686", 32, 0},
    {"x86", 32, 0}, {"aarch64", 64, 0}, {"arm64", 64, 0}, {"ARM64", 64, 0},
    {"arm", 32, 0}, {"armv6l", 32, 0}, {"armv7l", 32, 0}, {"armv8l", 32, 0},
    {"powerpc64le", 64, 0}, {"ppc64le", 64, 0}, {"powerpc64", 64, 1},
    {"ppc64", 64, 1}, {"powerpc", 32, 1}, {"ppc", 32, 1}, {"s390x", 64, 1},
    {"riscv64", 64, 0}, {"loongarch64", 64, 0}, {"mips64el", 64, 0},
    {"mipsel", 32, 0}, {"mips64", 64, 1}, {"mips", 32, 1},
    {"sparc64", 64, 1}, {"alpha", 64, 0}, {"ia64", 64, 0},
};

static int cpu_info(const char *cpu, size_t length, int *bits, int *big)
{
    for (size_t i = 0; i < sizeof cpus / sizeof cpus[0]; i++)
        if (strlen(cpus[i].cpu) == length &&
            strncmp(cpus[i].cpu, cpu, length) == 0) {
            *bits = cpus[i].bits;
            *big = cpus[i].big;
            return 1;
        }
    return 0;
}

/* From a multiarch tuple: its CPU, and the 32-bit ABIs of 64-bit CPUs. */
static int multiarch_info(const char *multiarch, int *bits, int *big)
{
    if (!multiarch || !strchr(multiarch, '-'))
        return 0;
    if (!cpu_info(multiarch, strcspn(multiarch, "-"), bits, big))
        return 0;
    if (strstr(multiarch, "gnux32") || strstr(multiarch, "abin32"))
        *bits = 32;
    return 1;
}

/* What packaging reads of a 32-bit Linux interpreter's ELF header, as
 * the multiarch tuple fixes it; 0 when it does not. */
static json_t *elf_from_multiarch(const char *multiarch)
{
    if (!multiarch)
        return NULL;
    if (strncmp(multiarch, "i386-", 5) == 0 ||
        strncmp(multiarch, "i686-", 5) == 0)
        return json_pack("[i,i,i,i,n]", 1, 1, 3, 0);
    if (strcmp(multiarch, "arm-linux-gnueabihf") == 0)   /* EABI5, hard */
        return json_pack("[i,i,i,i,n]", 1, 1, 40, 0x05000400);
    if (strcmp(multiarch, "arm-linux-gnueabi") == 0)     /* EABI5, soft */
        return json_pack("[i,i,i,i,n]", 1, 1, 40, 0x05000200);
    return NULL;
}

pyprobe_status pp_describe_platform(pp_describe *d, const char *platform,
                                    const char *multiarch, int pointer_size,
                                    int big_endian)
{
    const pyprobe_target *t = d->target;
    const char *system, *sys_platform, *machine;
    if (strncmp(platform, "linux-", 6) == 0) {
        system = "Linux", sys_platform = "linux", machine = platform + 6;
    } else if (strncmp(platform, "macosx-", 7) == 0) {
        system = "Darwin", sys_platform = "darwin";
        machine = strrchr(platform, '-') + 1;
    } else if (strcmp(platform, "win32") == 0) {
        system = "Windows", sys_platform = "win32", machine = "x86";
    } else if (strncmp(platform, "win-", 4) == 0) {
        system = "Windows", sys_platform = "win32";
        machine = strcmp(platform, "win-amd64") == 0 ? "AMD64"
                  : strcmp(platform, "win-arm64") == 0 ? "ARM64"
                                                       : platform + 4;
    } else {
        return pp_error_set(d->error, PYPROBE_ERR_UNSUPPORTED, d->path,
                            "pyprobe cannot describe a target on %s from a file "
                            "(Linux, macOS and Windows only)", platform);
    }
    if (!pp_describe_set(d, "platform", json_string(platform)) ||
        !pp_describe_set(d, "system", json_string(system)) ||
        !pp_describe_set(d, "machine", json_string(machine)) ||
        !pp_describe_set(d, "sys_platform", json_string(sys_platform)))
        return d->error->status;
    pp_describe_note(d, "system", "%s, from the platform %s", system,
                     platform);

    /* Pointer size and byte order: the file's own word, else the CPU the
     * multiarch tuple or the platform names. */
    int bits = -1, big = -1;
    const char *from = "the _sysconfigdata file";
    if (pointer_size > 0)
        bits = pointer_size * 8;
    if (big_endian >= 0)
        big = big_endian;
    if (bits < 0 || big < 0) {
        int cpu_bits, cpu_big;
        if (multiarch_info(multiarch, &cpu_bits, &cpu_big))
            from = "the multiarch tuple";
        else if (cpu_info(machine, strlen(machine), &cpu_bits, &cpu_big) ||
                 (strcmp(system, "Darwin") == 0 &&
                  (cpu_bits = 64, cpu_big = 0, 1)))
            from = "the platform";
        else
            return pp_error_set(d->error, PYPROBE_ERR_UNSUPPORTED, d->path,
                                "cannot tell the pointer size and byte order "
                                "of a %s target", machine);
        if (bits < 0)
            bits = cpu_bits;
        if (big < 0)
            big = cpu_big;
        pp_describe_note(d, "maxsize", "%d-bit, %s-endian: from %s", bits,
                         big ? "big" : "little", from);
    }
    if (!pp_describe_set(d, "maxsize", json_integer(bits == 64
                                                        ? 0x7fffffffffffffffLL
                                                        : 0x7fffffffLL)) ||
        !pp_describe_set(d, "byteorder", json_string(big ? "big" : "little")))
        return d->error->status;

    /* The C library: a file cannot say which one the target has. */
    json_t *libc = json_null(), *musl = json_null(), *elf = NULL;
    int is_linux = strcmp(system, "Linux") == 0;
    if (t->libc && strcmp(t->libc, "none") != 0 && !is_linux)
        return pp_error_set(d->error, PYPROBE_ERR_USAGE, "--libc",
                            "a %s target has no glibc or musl", system);
    if (is_linux && !t->libc) {
        pp_describe_unknown(d, PP_UNKNOWN_LIBC);
    } else if (is_linux && strcmp(t->libc, "glibc") == 0) {
        char text[64];
        snprintf(text, sizeof text, "glibc %d.%d", t->libc_major,
                 t->libc_minor);
        libc = json_string(text);
        pp_describe_note(d, "libc", "from --libc");
    } else if (is_linux && strcmp(t->libc, "musl") == 0) {
        char text[64];
        snprintf(text, sizeof text, "%d.%d", t->libc_major, t->libc_minor);
        musl = json_string(text);
        pp_describe_note(d, "musl_version", "from --libc");
    }
    if (!pp_describe_set(d, "libc", libc) ||
        !pp_describe_set(d, "musl_version", musl))
        return d->error->status;
    /* packaging reads the interpreter's ELF header only for 32-bit ARM
     * and x86 (a live probe of a 64-bit glibc one does not read it). */
    if (is_linux && bits == 32) {
        elf = elf_from_multiarch(multiarch);
        if (elf)
            pp_describe_note(d, "elf", "from the multiarch tuple %s",
                             multiarch);
        else
            pp_describe_unknown(d, PP_UNKNOWN_ELF);
    }
    if (!pp_describe_set(d, "elf", elf ? elf : json_null()))
        return d->error->status;
    if (strcmp(system, "Darwin") == 0)
        pp_describe_unknown(d, PP_UNKNOWN_MAC_VER);
    return pp_describe_set(d, "mac_ver", json_null()) ? PYPROBE_OK
                                                      : d->error->status;
}

pyprobe_status pp_describe_finish(pp_describe *d, const char *python,
                                  pyprobe_facts **facts)
{
    if (!pp_describe_set(d, "config", json_incref(d->config)) ||
        !pp_describe_set(d, "derived", json_incref(d->derived)) ||
        !pp_describe_set(d, "unknown", json_incref(d->unknown)) ||
        !pp_describe_set(d, "depends", json_incref(d->depends)))
        return d->error->status;
    return pp_facts_from_json_probe(d->answer, python, d->path, facts,
                                    d->error);
}

pyprobe_status pp_describe_file(const char *path,
                                const pyprobe_target *target,
                                pp_describe_fill *fill,
                                pyprobe_facts **facts, pyprobe_error *error)
{
    *facts = NULL;
    char real[PATH_MAX];
    if (!realpath(path, real))
        return pp_error_set(error, PYPROBE_ERR_IO, path, "%s",
                            strerror(errno));
    pp_describe d;
    pyprobe_status status = pp_describe_begin(&d, path, target, error);
    if (status == PYPROBE_OK)
        status = fill(&d, real);
    if (status == PYPROBE_OK) {
        const char *exe = json_string_value(json_object_get(d.answer,
                                                            "executable"));
        status = pp_describe_finish(&d, exe, facts);
    }
    pp_describe_end(&d);
    return status;
}
