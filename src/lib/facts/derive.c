/* derive.c - facts that follow from what the interpreter reported.
 *
 * The ABI and interpreter tags come from the wheel tag rules
 * (packaging/tags.c, packaging.tags), so that the tag a build names a
 * wheel with is the tag pip will look for. The stable-ABI suffixes follow what CPython can actually
 * import, which is not what EXTENSION_SUFFIXES lists: free-threaded 3.13
 * and 3.14 list ".abi3.so" but cannot load abi3 extensions. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts/derive.h"
#include "facts/facts.h"
#include "facts/tag_inputs.h"
#include "packaging/tag_set.h"
#include "util/error.h"
#include "util/strbuf.h"

/* packaging's _normalize_string: '.', '-' and ' ' become '_'. */
static void normalize(char *s)
{
    for (; *s; s++)
        if (*s == '.' || *s == '-' || *s == ' ')
            *s = '_';
}

static char *version_string(const pp_version *v)
{
    const char *level = strcmp(v->releaselevel, "alpha") == 0 ? "a"
                        : strcmp(v->releaselevel, "beta") == 0 ? "b"
                        : strcmp(v->releaselevel, "candidate") == 0 ? "rc"
                        : NULL;
    if (level)
        return pp_format("%ld.%ld.%ld%s%ld", v->major, v->minor, v->micro, level,
                      v->serial);
    return pp_format("%ld.%ld.%ld", v->major, v->minor, v->micro);
}

/* ABI_TAG and INTERPRETER_TAG, by the very rules the wheel tag list
 * follows (packaging/tags.c): the ABI of the interpreter's own builds, or
 * "none" for one whose EXT_SUFFIX names no ABI, and packaging's
 * interpreter_name() + interpreter_version(). */
static pyprobe_status own_tags(pyprobe_facts *f, const char *context,
                               pyprobe_error *error)
{
    pp_facts_tag_inputs inputs;
    pp_tag_inputs_from_facts(f, &inputs);
    pp_strlist abis = PP_STRLIST_INIT;
    pyprobe_status status = pp_tag_abis(&inputs.in, &abis, error);
    if (status != PYPROBE_OK) {
        pp_strlist_clear(&abis);
        return pp_error_reframe(error, status, context);
    }
    f->abi_tag = strdup(abis.count ? abis.items[0] : "none");
    f->interpreter_tag = pp_tag_interpreter(&inputs.in);
    pp_strlist_clear(&abis);
    if (!f->abi_tag || !f->interpreter_tag)
        return pp_error_nomem(error);
    /* packaging lower-cases every tag (packaging.tags.Tag). */
    pp_lower_ascii(f->abi_tag);
    pp_lower_ascii(f->interpreter_tag);
    return PYPROBE_OK;
}

/* The platform part of a freshly built wheel's name, as bdist_wheel
 * names it: sysconfig's platform, normalized, with a 32-bit interpreter
 * on a 64-bit Linux kernel named for its own word size. */
static char *platform_tag(const pyprobe_facts *f)
{
    char *tag = strdup(f->raw.platform);
    if (!tag)
        return NULL;
    normalize(tag);
    if (f->pointer_size == 4) {
        const char *fixed = strcmp(tag, "linux_x86_64") == 0 ? "linux_i686"
                            : strcmp(tag, "linux_aarch64") == 0 ? "linux_armv8l"
                            : NULL;
        if (fixed) {
            free(tag);
            tag = strdup(fixed);
        }
    }
    return tag;
}

static int suffix_family(const char *suffix, const char *family)
{
    size_t n = strlen(family);
    return strncmp(suffix, family, n) == 0 &&
           (suffix[n] == '.' || suffix[n] == '-');
}

/* Which stable-ABI suffixes this interpreter really imports. abi3 needs
 * a GIL build of CPython; abi3t needs CPython 3.15 or later (PEP 803),
 * GIL or free-threaded. On Windows both use the plain ".pyd". */
static int stable_suffixes(pyprobe_facts *f)
{
    if (!f->is_cpython)
        return 1;                   /* PyPy & co. have no stable ABI */
    int abi3 = !f->free_threaded;
    int abi3t = f->raw.version.minor >= 15;
    const pp_strlist *all = &f->raw.extension_suffixes;
    for (size_t i = 0; i < all->count; i++) {
        const char *s = all->items[i];
        if (abi3 && suffix_family(s, ".abi3") &&
            !pp_strlist_push(&f->abi3_suffixes, s))
            return 0;
        if (abi3t && suffix_family(s, ".abi3t") &&
            !pp_strlist_push(&f->abi3t_suffixes, s))
            return 0;
        if (f->is_windows && strcmp(s, ".pyd") == 0) {
            if (abi3 && !pp_strlist_push(&f->abi3_suffixes, s))
                return 0;
            if (abi3t && !pp_strlist_push(&f->abi3t_suffixes, s))
                return 0;
        }
    }
    return 1;
}

/* "python3.11" from LDLIBRARY "libpython3.11.so" (or .a, .dylib), else
 * from LDVERSION; "" when neither says. On Windows the import library
 * in <prefix>\libs that CPython's own headers link (PC/pyconfig.h.in,
 * its #pragma comment(lib, ...)): python314, t for a free-threaded
 * build, _d for a debug one (python314t_d). */
static char *libpython_name(const pyprobe_facts *f)
{
    if (f->is_windows && f->is_cpython)
        return pp_format("python3%ld%s%s", f->raw.version.minor,
                         f->free_threaded ? "t" : "", f->debug ? "_d" : "");
    const char *ld = pp_facts_config_str(f, "LDLIBRARY");
    if (ld && strncmp(ld, "lib", 3) == 0 && !strchr(ld, '/')) {
        static const char *const endings[] = {".so", ".a", ".dylib", ".dll"};
        for (size_t i = 0; i < sizeof endings / sizeof endings[0]; i++) {
            const char *end = strstr(ld + 3, endings[i]);
            while (end) {
                const char *after = end + strlen(endings[i]);
                if (*after == '\0' || *after == '.')
                    return pp_format("%.*s", (int)(end - (ld + 3)), ld + 3);
                end = strstr(end + 1, endings[i]);
            }
        }
    }
    const char *ldversion = pp_facts_config_str(f, "LDVERSION");
    if (ldversion)
        return pp_format("python%s", ldversion);
    return strdup("");
}

/* packaging reads glibc's "glibc 2.36" as two words, then major.minor
 * from the start of the second; anything else means "not glibc". */
static void parse_libc(pyprobe_facts *f)
{
    f->glibc_major = f->glibc_minor = -1;
    f->musl_major = f->musl_minor = -1;
    const char *libc = f->raw.libc;
    if (libc) {
        const char *space = strchr(libc, ' ');
        if (space && space != libc && space[1] && !strchr(space + 1, ' ')) {
            int major, minor, used = 0;
            if (sscanf(space + 1, "%d.%d%n", &major, &minor, &used) == 2 &&
                used > 0 && space[1] >= '0' && space[1] <= '9') {
                f->glibc_major = major;
                f->glibc_minor = minor;
            }
        }
    }
    int major, minor;
    if (f->raw.musl_version &&
        sscanf(f->raw.musl_version, "%d.%d", &major, &minor) == 2) {
        f->musl_major = major;
        f->musl_minor = minor;
    }
}

pyprobe_status pp_facts_derive(pyprobe_facts *f, const char *context,
                               pyprobe_error *error)
{
    pp_raw_facts *raw = &f->raw;
    f->is_cpython = strcmp(raw->implementation, "cpython") == 0;
    f->is_windows = strcmp(raw->sys_platform, "win32") == 0;
    f->pointer_size = raw->maxsize > 0x7fffffffLL ? 8 : 4;
    f->free_threaded = pp_config_flag(pp_facts_config(f, "Py_GIL_DISABLED"))
                       == 1;
    int debug = pp_config_flag(pp_facts_config(f, "Py_DEBUG"));
    if (debug < 0)
        debug = raw->gettotalrefcount ||
                pp_strlist_contains(&raw->extension_suffixes, "_d.pyd");
    f->debug = debug;
    if (raw->abiflags && (strchr(raw->abiflags, 'd') != NULL) != f->debug)
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, context,
                            "inconsistent build: Py_DEBUG is %d but "
                            "sys.abiflags is '%s'", f->debug, raw->abiflags);
    parse_libc(f);
    f->version = version_string(&raw->version);
    f->implementation_version = version_string(&raw->impl_version);
    f->version_short = pp_format("%ld.%ld", raw->version.major,
                              raw->version.minor);
    f->version_hex = pp_format("0x%08llX", raw->hexversion);
    f->platform_tag = platform_tag(f);
    f->libpython = libpython_name(f);
    /* Windows' sysconfig has no Py_ENABLE_SHARED, but its CPython is a
     * DLL: PC/pyconfig.h.in defines Py_ENABLE_SHARED 1 unless
     * Py_NO_ENABLE_SHARED (lines 305-310 of commit 018aae3d). */
    int shared = pp_config_flag(pp_facts_config(f, "Py_ENABLE_SHARED"));
    f->shared = shared == 1 || (shared < 0 && f->is_windows && f->is_cpython);
    if (!f->version || !f->implementation_version || !f->version_short || !f->version_hex ||
        !f->platform_tag || !f->libpython ||
        !stable_suffixes(f))
        return pp_error_nomem(error);
    return own_tags(f, context, error);
}
