/* tags.c - compatible wheel tags, most preferred first, identical to
 * packaging.tags.sys_tags() of packaging 26.3.
 *
 * The order of the list is part of the answer (installers take the
 * first match), so each function below produces its part in exactly the
 * order packaging yields it:
 *
 *   CPython:  cpXY-<abi>-<platform>        for each ABI, then each platform
 *             cpXY-abi3|abi3t-<platform>   the stable ABI of this build
 *             cpXY-none-<platform>
 *             cpXW-abi3|abi3t-<platform>   older minors, down to 3.2
 *   others:   <impl><ver>-<abi>-<platform>, then -none-<platform>
 *   all:      pyXY-none-<platform>, pyX-none-..., pyXW-none-...,
 *             cpXY-none-any (pp3-none-any on PyPy), py*-none-any
 *
 * Platforms come from the macOS version ladder, the Linux ladder (the
 * native linux_<arch> first, then manylinux, then musllinux: packaging
 * 26.3 moved linux_<arch> to the front), or sysconfig.get_platform()
 * elsewhere.
 * Everything is lower-cased at the end as packaging.tags.Tag does (ASCII
 * only; Python's str.lower() would also fold non-ASCII letters, which do
 * not occur in real tags). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "packaging/platform_floor.h"
#include "packaging/tag_set.h"
#include "packaging/tags.h"
#include "util/error.h"
#include "util/strbuf.h"

#define CONTEXT "wheel tags"

/* packaging assumes this last minor for a glibc major older than the
 * running one (_LAST_GLIBC_MINOR). */
#define LAST_GLIBC_MINOR 50

/* Bounds on version numbers. Far above anything real, they only keep a
 * garbage value from asking for millions of tags. */
#define MAX_VERSION_PART 1000
#define MAX_GLIBC_MAJOR 100
#define MAX_NODOT_LENGTH 32

/* ---- small helpers ------------------------------------------------------ */

static int starts_with(const char *text, const char *prefix)
{
    return strncmp(text, prefix, strlen(prefix)) == 0;
}

#if defined(__GNUC__)
__attribute__((format(PP_PRINTF, 2, 3)))
#endif
static int push_format(pp_strlist *list, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *text = pp_vformat(format, args);
    va_end(args);
    return text && pp_strlist_push_owned(list, text);
}

/* packaging's _normalize_string: '.', '-' and ' ' become '_'. */
static char *normalize(const char *text)
{
    size_t length = strlen(text);
    char *copy = malloc(length + 1);
    if (!copy)
        return NULL;
    for (size_t i = 0; i <= length; i++)
        copy[i] = (text[i] == '.' || text[i] == '-' || text[i] == ' ')
                      ? '_' : text[i];
    return copy;
}

static int emit_each_platform(pp_strlist *out, const char *interpreter,
                              const char *abi, const pp_strlist *platforms)
{
    for (size_t i = 0; i < platforms->count; i++)
        if (!pp_tag_push(out, interpreter, abi, platforms->items[i]))
            return 0;
    return 1;
}

/* Compare the version (major, minor) with (a, b) as Python compares
 * tuples; minor < 0 stands for a one-part version (major,), which sorts
 * before (major, anything). */
static int version_cmp(int major, int minor, int a, int b)
{
    if (major != a)
        return major < a ? -1 : 1;
    if (minor < 0)
        return -1;
    return (minor > b) - (minor < b);
}

/* ---- macOS ---------------------------------------------------------------- */

/* _mac_binary_formats: the binary formats a build for macOS
 * major.minor on cpu can use, most specific first. packaging 26.3 spells
 * the 32-bit fat binary "fat3" (26.2 and older said "fat32"). */
static int mac_binary_formats(pp_strlist *out, int major, int minor,
                              const char *cpu)
{
    const char *formats[6];
    size_t n = 0;
    int old = version_cmp(major, minor, 10, 4) < 0;
    formats[n++] = cpu;
    if (strcmp(cpu, "x86_64") == 0) {
        if (old)
            return 1;
        formats[n++] = "intel";
        formats[n++] = "fat64";
        formats[n++] = "fat3";
    } else if (strcmp(cpu, "i386") == 0) {
        if (old)
            return 1;
        formats[n++] = "intel";
        formats[n++] = "fat3";
        formats[n++] = "fat";
    } else if (strcmp(cpu, "ppc64") == 0) {
        if (version_cmp(major, minor, 10, 5) > 0 || old)
            return 1;
        formats[n++] = "fat64";
    } else if (strcmp(cpu, "ppc") == 0) {
        if (version_cmp(major, minor, 10, 6) > 0)
            return 1;
        formats[n++] = "fat3";
        formats[n++] = "fat";
    }
    if (strcmp(cpu, "arm64") == 0 || strcmp(cpu, "x86_64") == 0)
        formats[n++] = "universal2";
    if (strcmp(cpu, "x86_64") == 0 || strcmp(cpu, "i386") == 0 ||
        strcmp(cpu, "ppc64") == 0 || strcmp(cpu, "ppc") == 0 ||
        strcmp(cpu, "intel") == 0)
        formats[n++] = "universal";
    for (size_t i = 0; i < n; i++)
        if (!push_format(out, "macosx_%d_%d_%s", major, minor, formats[i]))
            return 0;
    return 1;
}

/* mac_platforms(). The version must be the real one: a Python built
 * against an old SDK reports 10.16 on macOS 11 and later, and packaging
 * then asks the interpreter again with SYSTEM_VERSION_COMPAT=0. Whoever
 * fills the inputs does that; a 10.16 that remains is used as 10.16, as
 * packaging does when the second answer is 10.16 too. */
static pyprobe_status mac_platforms(const pp_tag_inputs *in, pp_strlist *out,
                                    pyprobe_error *error)
{
    int major = in->mac_major, minor = in->mac_minor;
    if (major < 0)
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, CONTEXT,
                            "the macOS version (platform.mac_ver) is unknown");
    const char *cpu = in->mac_machine ? in->mac_machine : "";
    if (in->is_32bit) /* _mac_arch */
        cpu = starts_with(cpu, "ppc") ? "ppc" : "i386";

    int ok = 1;
    /* Up to 10.15 each yearly release bumped the minor version. */
    if (version_cmp(major, minor, 10, 0) >= 0 &&
        version_cmp(major, minor, 11, 0) < 0) {
        /* A bare "11" sorts here, as (11,) < (11, 0) in Python, and then
         * has no minor to count down from: packaging fails too. */
        if (minor < 0)
            return pp_error_set(error, PYPROBE_ERR_PROTOCOL, CONTEXT,
                                "macOS version %d has no minor version",
                                major);
        for (int m = minor; ok && m >= 0; m--)
            ok = mac_binary_formats(out, 10, m, cpu);
    }
    if (version_cmp(major, minor, 11, 0) >= 0) {
        /* From 11 on it bumps the major; minors are midyear updates. */
        for (int m = major; ok && m > 10; m--)
            ok = mac_binary_formats(out, m, 0, cpu);
        /* x86_64 runs binaries for older releases; arm64 only exists
         * since 11, but a universal2 binary may name an older release
         * for its x86_64 half. */
        for (int m = 16; ok && m > 3; m--) {
            if (strcmp(cpu, "x86_64") == 0)
                ok = mac_binary_formats(out, 10, m, cpu);
            else
                ok = push_format(out, "macosx_10_%d_universal2", m);
        }
    }
    return ok ? PYPROBE_OK : pp_error_nomem(error);
}

/* ---- Linux ---------------------------------------------------------------- */

static int contains_arch(const char *const *archs, size_t count,
                         const char *arch)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(archs[i], arch) == 0)
            return 1;
    return 0;
}

/* _have_compatible_abi: 32-bit ARM must be hard-float EABI5 and i686 a
 * 32-bit little-endian i386 executable (from sys.executable's ELF
 * header); other architectures need only be ones manylinux defines. */
static int have_compatible_abi(const pp_tag_inputs *in,
                               const char *const *archs, size_t count)
{
    static const char *const allowed[] = {"x86_64", "aarch64", "ppc64",
                                          "ppc64le", "s390x", "loongarch64",
                                          "riscv64"};
    if (contains_arch(archs, count, "armv7l"))
        return in->elf_known && in->elf_class == 1 && in->elf_data == 1 &&
               in->elf_machine == 40 &&
               (in->elf_flags & 0xFF000000UL) == 0x05000000UL &&
               (in->elf_flags & 0x400UL) == 0x400UL;
    if (contains_arch(archs, count, "i686"))
        return in->elf_known && in->elf_class == 1 && in->elf_data == 1 &&
               in->elf_machine == 3;
    for (size_t i = 0; i < count; i++)
        if (contains_arch(allowed, sizeof allowed / sizeof *allowed, archs[i]))
            return 1;
    return 0;
}

/* _manylinux.platform_tags: every glibc from the running one down to the
 * oldest manylinux supports for the architecture (2.17, or 2.5 on
 * x86), each older major assumed to have ended at 2.50. The
 * _manylinux override module is not consulted: pyprobe runs Python with
 * -I -S, where site-packages (its usual home) is not on the path. */
static int manylinux_platforms(const pp_tag_inputs *in,
                               const char *const *archs, size_t count,
                               pp_strlist *out)
{
    if (!have_compatible_abi(in, archs, count))
        return 1;
    int too_old_major = 2, too_old_minor = 16;
    if (contains_arch(archs, count, "x86_64") ||
        contains_arch(archs, count, "i686"))
        too_old_minor = 4;
    int current_major = in->glibc_major, current_minor = in->glibc_minor;
    for (size_t a = 0; a < count; a++) {
        /* The running glibc first, then each older major's last minor. */
        for (int major = current_major; major == current_major || major > 1;
             major--) {
            int max_minor = major == current_major ? current_minor
                                                   : LAST_GLIBC_MINOR;
            int min_minor = major == too_old_major ? too_old_minor : -1;
            for (int minor = max_minor; minor > min_minor; minor--) {
                if (version_cmp(current_major, current_minor, major, minor) < 0)
                    continue; /* _is_compatible: newer than the system */
                if (!push_format(out, "manylinux_%d_%d_%s", major, minor,
                                 archs[a]))
                    return 0;
                const char *legacy = pp_manylinux_legacy_name(major, minor);
                if (legacy && !push_format(out, "%s_%s", legacy, archs[a]))
                    return 0;
            }
        }
    }
    return 1;
}

/* _musllinux.platform_tags: the running musl's minors down to 0. */
static int musllinux_platforms(const pp_tag_inputs *in,
                               const char *const *archs, size_t count,
                               pp_strlist *out)
{
    if (in->musl_major < 0 || in->musl_minor < 0)
        return 1; /* not linked against musl */
    for (size_t a = 0; a < count; a++)
        for (int minor = in->musl_minor; minor >= 0; minor--)
            if (!push_format(out, "musllinux_%d_%d_%s", in->musl_major, minor,
                             archs[a]))
                return 0;
    return 1;
}

/* _linux_platforms. The checks compare the platform as sysconfig spells
 * it, before lower-casing, as packaging does. */
static pyprobe_status linux_platforms(const pp_tag_inputs *in,
                                      pp_strlist *out, pyprobe_error *error)
{
    char *linux_platform = normalize(in->sysconfig_platform);
    if (!linux_platform)
        return pp_error_nomem(error);
    int ok = 1;
    if (!starts_with(linux_platform, "linux_")) {
        ok = pp_strlist_push(out, linux_platform);
        free(linux_platform);
        return ok ? PYPROBE_OK : pp_error_nomem(error);
    }
    const char *arch = linux_platform + strlen("linux_");
    if (in->is_32bit) {
        /* A 32-bit interpreter on a 64-bit kernel. */
        if (strcmp(arch, "x86_64") == 0)
            arch = "i686";
        else if (strcmp(arch, "aarch64") == 0)
            arch = "armv8l";
    }
    const char *archs[2] = {arch, NULL};
    size_t count = 1;
    if (strcmp(arch, "armv8l") == 0) /* armv8l runs armv7l binaries */
        archs[count++] = "armv7l";
    /* The native platform first (packaging 26.3; 26.2 put it last). */
    for (size_t a = 0; ok && a < count; a++)
        ok = push_format(out, "linux_%s", archs[a]);
    ok = ok && manylinux_platforms(in, archs, count, out) &&
         musllinux_platforms(in, archs, count, out);
    free(linux_platform);
    return ok ? PYPROBE_OK : pp_error_nomem(error);
}

/* ---- platforms ------------------------------------------------------------ */

static pyprobe_status generic_platform(const pp_tag_inputs *in,
                                       pp_strlist *out, pyprobe_error *error)
{
    char *platform = normalize(in->sysconfig_platform);
    if (!platform || !pp_strlist_push_owned(out, platform))
        return pp_error_nomem(error);
    return PYPROBE_OK;
}

/* platform_tags(): by platform.system(). */
static pyprobe_status platform_tags(const pp_tag_inputs *in, pp_strlist *out,
                                    pyprobe_error *error)
{
    const char *system = in->system;
    if (strcmp(system, "Darwin") == 0)
        return mac_platforms(in, out, error);
    /* iPadOS is what platform.system() says on an iPad: the same iOS
     * platform, although packaging only recognises "iOS". */
    if (strcmp(system, "iOS") == 0 || strcmp(system, "iPadOS") == 0 ||
        strcmp(system, "Android") == 0 || strcmp(system, "Emscripten") == 0) {
        pp_error_set(error, PYPROBE_ERR_UNSUPPORTED, CONTEXT,
                     "pyprobe does not compute wheel tags for %s", system);
        pp_error_hint(error, "use packaging.tags.sys_tags() on the target");
        return PYPROBE_ERR_UNSUPPORTED;
    }
    if (strcmp(system, "Linux") == 0)
        return linux_platforms(in, out, error);
    return generic_platform(in, out, error);
}

/* ---- ABIs ----------------------------------------------------------------- */

static int is_debug_build(const pp_tag_inputs *in)
{
    if (in->py_debug != -1)
        return in->py_debug != 0;
    /* Py_DEBUG unset (Windows): a debug build has sys.gettotalrefcount
     * and loads "_d.pyd" extensions. */
    if (in->has_gettotalrefcount)
        return 1;
    for (size_t i = 0; i < in->extension_suffix_count; i++)
        if (strcmp(in->extension_suffixes[i], "_d.pyd") == 0)
            return 1;
    return 0;
}

/* _cpython_abis: "cpXY" + t (free-threaded) + d (debug) + m (pymalloc,
 * before 3.8) + u (UCS-4, before 3.3); a debug build from 3.8 on also
 * loads the extensions of the matching release build. */
static int cpython_abis(const pp_tag_inputs *in, pp_strlist *abis)
{
    int before_38 = version_cmp(in->major, in->minor, 3, 8) < 0;
    int debug = is_debug_build(in);
    const char *threading =
        version_cmp(in->major, in->minor, 3, 13) >= 0 && in->gil_disabled > 0
            ? "t" : "";
    const char *pymalloc = "", *ucs4 = "";
    if (before_38) {
        if (in->with_pymalloc != 0) /* true, or unset */
            pymalloc = "m";
        if (version_cmp(in->major, in->minor, 3, 3) < 0 &&
            (in->unicode_size == 4 ||
             (in->unicode_size == -1 && in->maxunicode == 0x10FFFF)))
            ucs4 = "u";
    }
    if (!push_format(abis, "cp%d%d%s%s%s%s", in->major, in->minor, threading,
                     debug ? "d" : "", pymalloc, ucs4))
        return 0;
    if (!before_38 && debug &&
        !push_format(abis, "cp%d%d%s", in->major, in->minor, threading))
        return 0;
    return 1;
}

/* The length of the first n '-'-separated fields of text, joined
 * ("-".join(text.split("-")[:n])), or of all of it when it has fewer. */
static size_t leading_fields(const char *text, size_t length, int n)
{
    for (size_t i = 0; i < length; i++)
        if (text[i] == '-' && --n == 0)
            return i;
    return length;
}

/* _generic_abi: the ABI part of EXT_SUFFIX for a non-CPython
 * interpreter (".pypy39-pp73-x86_64-linux-gnu.so" -> pypy39_pp73,
 * ".graalpy-38-native-x86_64-darwin.dylib" -> graalpy_38_native). */
static pyprobe_status generic_abis(const pp_tag_inputs *in, pp_strlist *abis,
                                   pyprobe_error *error)
{
    const char *suffix = in->ext_suffix;
    if (!suffix || suffix[0] != '.')
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, CONTEXT,
                            "invalid EXT_SUFFIX '%s': it must start with '.'",
                            suffix ? suffix : "(unset)");
    const char *soabi = suffix + 1;
    const char *dot = strchr(soabi, '.');
    if (!dot) /* ".pyd": CPython 3.7 and older on Windows */
        return cpython_abis(in, abis) ? PYPROBE_OK : pp_error_nomem(error);

    size_t length = (size_t)(dot - soabi);
    const char *prefix = "";
    const char *abi = soabi;
    size_t abi_length = length;
    if (starts_with(soabi, "cpython")) { /* cpython-310-x86_64-linux-gnu */
        size_t first = leading_fields(soabi, length, 1);
        if (first == length)
            return pp_error_set(error, PYPROBE_ERR_PROTOCOL, CONTEXT,
                                "invalid EXT_SUFFIX '%s': no version after "
                                "'cpython'", suffix);
        prefix = "cp";
        abi = soabi + first + 1;
        abi_length = leading_fields(abi, length - first - 1, 1);
        if (abi_length == 0)
            return pp_error_set(error, PYPROBE_ERR_PROTOCOL, CONTEXT,
                                "invalid EXT_SUFFIX '%s': no version after "
                                "'cpython-'", suffix);
    } else if (starts_with(soabi, "cp")) { /* cp310-win_amd64 */
        abi_length = leading_fields(soabi, length, 1);
    } else if (starts_with(soabi, "pypy")) {
        abi_length = leading_fields(soabi, length, 2);
    } else if (starts_with(soabi, "graalpy")) {
        abi_length = leading_fields(soabi, length, 3);
    } else if (length == 0) {
        return PYPROBE_OK; /* no ABI: only "none" */
    }
    /* prefix + abi, then normalized */
    size_t prefix_length = strlen(prefix);
    char *joined = malloc(prefix_length + abi_length + 1);
    if (!joined)
        return pp_error_nomem(error);
    memcpy(joined, prefix, prefix_length);
    memcpy(joined + prefix_length, abi, abi_length);
    joined[prefix_length + abi_length] = '\0';
    char *normalized = normalize(joined);
    free(joined);
    if (!normalized || !pp_strlist_push_owned(abis, normalized))
        return pp_error_nomem(error);
    return PYPROBE_OK;
}

/* ---- interpreter names ---------------------------------------------------- */

/* interpreter_name(): the short name where one is reserved. */
static const char *interpreter_name(const char *implementation)
{
    static const char *const names[][2] = {
        {"python", "py"}, {"cpython", "cp"}, {"pypy", "pp"},
        {"ironpython", "ip"}, {"jython", "jy"}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(implementation, names[i][0]) == 0)
            return names[i][1];
    return implementation;
}

char *pp_tag_interpreter(const pp_tag_inputs *in)
{
    const char *name = interpreter_name(in->implementation);
    if (in->py_version_nodot && in->py_version_nodot[0])
        return pp_format("%s%s", name, in->py_version_nodot);
    return pp_format("%s%d%d", name, in->major, in->minor);
}

pyprobe_status pp_tag_abis(const pp_tag_inputs *in, pp_strlist *abis,
                           pyprobe_error *error)
{
    if (strcmp(interpreter_name(in->implementation), "cp") == 0)
        return cpython_abis(in, abis) ? PYPROBE_OK : pp_error_nomem(error);
    return generic_abis(in, abis, error);
}

/* ---- tag sequences -------------------------------------------------------- */

/* Whether the interpreter ABI is free-threaded: a 't' among the flags
 * after "cpXY" (_is_threaded_cpython). */
static int is_threaded_abi(const char *abi)
{
    if (!starts_with(abi, "cp") || !(abi[2] >= '0' && abi[2] <= '9'))
        return 0;
    const char *flags = abi + 2;
    while (*flags >= '0' && *flags <= '9')
        flags++;
    return strchr(flags, 't') != NULL;
}

/* cpython_tags: the interpreter's own ABIs, then its stable ABI (abi3 for
 * a GIL build, abi3t for a free-threaded one; never both) and "none",
 * then the stable ABI of every older minor down to 3.2. */
static int cpython_tags(const pp_tag_inputs *in, const pp_strlist *abis,
                        const pp_strlist *platforms, pp_strlist *out)
{
    char interpreter[32];
    /* packaging drops "abi3" (and "abi3t") and "none" from the ABI list
     * before this loop; _cpython_abis never returns them, so there is
     * nothing to drop. */
    int ok = 1;
    snprintf(interpreter, sizeof interpreter, "cp%d%d", in->major, in->minor);
    for (size_t i = 0; ok && i < abis->count; i++)
        ok = emit_each_platform(out, interpreter, abis->items[i], platforms);

    int threading = abis->count > 0 && is_threaded_abi(abis->items[0]);
    int stable = version_cmp(in->major, in->minor, 3, 2) >= 0;
    const char *stable_abi = threading ? "abi3t" : "abi3";
    if (ok && stable)
        ok = emit_each_platform(out, interpreter, stable_abi, platforms);
    if (ok)
        ok = emit_each_platform(out, interpreter, "none", platforms);
    for (int minor = in->minor - 1; ok && stable && minor > 1; minor--) {
        snprintf(interpreter, sizeof interpreter, "cp%d%d", in->major, minor);
        ok = emit_each_platform(out, interpreter, stable_abi, platforms);
    }
    return ok;
}

/* generic_tags: each ABI, then "none" unless it was among them. */
static int generic_tags(const char *interpreter, const pp_strlist *abis,
                        const pp_strlist *platforms, pp_strlist *out)
{
    int ok = 1;
    for (size_t i = 0; ok && i < abis->count; i++)
        ok = emit_each_platform(out, interpreter, abis->items[i], platforms);
    if (ok && !pp_strlist_contains(abis, "none"))
        ok = emit_each_platform(out, interpreter, "none", platforms);
    return ok;
}

/* _py_interpreter_range: pyXY, pyX, then pyXW for each older minor W. */
static int python_versions(const pp_tag_inputs *in, pp_strlist *versions)
{
    if (!push_format(versions, "py%d%d", in->major, in->minor) ||
        !push_format(versions, "py%d", in->major))
        return 0;
    for (int minor = in->minor - 1; minor >= 0; minor--)
        if (!push_format(versions, "py%d%d", in->major, minor))
            return 0;
    return 1;
}

/* compatible_tags: the pure-Python tags, newest Python first; each
 * platform before "any". */
static int compatible_tags(const pp_tag_inputs *in, const pp_strlist *platforms,
                           const char *interpreter, pp_strlist *out)
{
    pp_strlist versions = PP_STRLIST_INIT;
    int ok = python_versions(in, &versions);
    for (size_t i = 0; ok && i < versions.count; i++)
        ok = emit_each_platform(out, versions.items[i], "none", platforms);
    if (ok && interpreter)
        ok = pp_tag_push(out, interpreter, "none", "any");
    for (size_t i = 0; ok && i < versions.count; i++)
        ok = pp_tag_push(out, versions.items[i], "none", "any");
    pp_strlist_clear(&versions);
    return ok;
}

/* ---- entry point ---------------------------------------------------------- */

static pyprobe_status check_inputs(const pp_tag_inputs *in,
                                   pyprobe_error *error)
{
    const char *missing = !in->implementation ? "implementation"
                          : !in->system ? "platform.system()"
                          : !in->sysconfig_platform ? "sysconfig.get_platform()"
                          : NULL;
    if (missing)
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, CONTEXT,
                            "%s is unknown", missing);
    if (in->major < 0 || in->minor < 0 || in->major > MAX_VERSION_PART ||
        in->minor > MAX_VERSION_PART)
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, CONTEXT,
                            "implausible Python version %d.%d", in->major,
                            in->minor);
    if (in->glibc_major > MAX_GLIBC_MAJOR || in->glibc_minor > MAX_VERSION_PART ||
        in->musl_major > MAX_VERSION_PART || in->musl_minor > MAX_VERSION_PART)
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, CONTEXT,
                            "implausible C library version");
    if (in->mac_major > MAX_VERSION_PART || in->mac_minor > MAX_VERSION_PART)
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, CONTEXT,
                            "implausible macOS version %d.%d", in->mac_major,
                            in->mac_minor);
    /* Real ones are "314" or so; a longer one would make every tag it
     * names absurd. */
    if (in->py_version_nodot && strlen(in->py_version_nodot) > MAX_NODOT_LENGTH)
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, CONTEXT,
                            "implausible py_version_nodot (%zu characters)",
                            strlen(in->py_version_nodot));
    if (in->extension_suffix_count && !in->extension_suffixes)
        return pp_error_set(error, PYPROBE_ERR_INTERNAL, CONTEXT,
                            "extension suffixes missing");
    return PYPROBE_OK;
}

static pyprobe_status all_tags(const pp_tag_inputs *in,
                               const pp_strlist *platforms, pp_strlist *tags,
                               pyprobe_error *error)
{
    pp_strlist abis = PP_STRLIST_INIT;
    pyprobe_status status = pp_tag_abis(in, &abis, error);
    if (status != PYPROBE_OK) {
        pp_strlist_clear(&abis);
        return status;
    }
    const char *name = interpreter_name(in->implementation);
    int cpython = strcmp(name, "cp") == 0;
    char *interpreter = pp_tag_interpreter(in);
    int ok = interpreter != NULL;
    if (ok)
        ok = cpython ? cpython_tags(in, &abis, platforms, tags)
                     : generic_tags(interpreter, &abis, platforms, tags);
    /* The pure-Python tags name the interpreter only for CPython and,
     * as "pp3", for PyPy. */
    const char *named = cpython ? interpreter
                        : strcmp(name, "pp") == 0 ? "pp3" : NULL;
    ok = ok && compatible_tags(in, platforms, named, tags);
    free(interpreter);
    pp_strlist_clear(&abis);
    return ok ? PYPROBE_OK : pp_error_nomem(error);
}

pyprobe_status pp_sys_tags(const pp_tag_inputs *inputs, pp_strlist *tags,
                           pyprobe_error *error)
{
    pyprobe_status status = check_inputs(inputs, error);
    if (status != PYPROBE_OK)
        return status;
    pp_strlist platforms = PP_STRLIST_INIT;
    size_t before = tags->count;
    status = platform_tags(inputs, &platforms, error);
    if (status == PYPROBE_OK)
        status = all_tags(inputs, &platforms, tags, error);
    pp_strlist_clear(&platforms);
    if (status != PYPROBE_OK) {
        /* All or nothing: drop what this call appended. */
        while (tags->count > before)
            free(tags->items[--tags->count]);
    }
    return status;
}
