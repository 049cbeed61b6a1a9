/* decide.c - the build decisions: pure functions of facts and policy.
 *
 * The rules, checked against PEP 703, PEP 803 and CPython:
 *  - free-threaded comes from the build configuration (Py_GIL_DISABLED),
 *    never from the GIL state at run time;
 *  - abi3 needs a GIL build of CPython at least as new as the limited-API
 *    minimum; free-threaded 3.13 and 3.14 have no stable ABI at all;
 *  - abi3t needs CPython 3.15 or later and a minimum of 3.15 or later;
 *    a dual build is tagged abi3.abi3t, an abi3t-only build abi3t, and
 *    the Python tag never carries the t (cp315-abi3t, not cp315t-abi3t);
 *  - mypyc: GIL CPython; free-threaded only when the policy allows it
 *    (experimental upstream); never PyPy;
 *  - on Windows pyconfig.h does not define Py_GIL_DISABLED, so a
 *    free-threaded extension must define it itself. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decide/decide.h"
#include "decide/flags.h"
#include "decide/link.h"
#include "decide/policy.h"
#include "facts/facts.h"
#include "util/error.h"
#include "util/strbuf.h"

/* The first suffix in list that has no platform triplet (".abi3.so"
 * rather than ".abi3-x86_64-linux-gnu.so"), for the widest loading. */
static const char *plain_suffix(const pp_strlist *list)
{
    for (size_t i = 0; i < list->count; i++)
        if (!strchr(list->items[i] + 1, '-'))
            return list->items[i];
    return list->count ? list->items[0] : "";
}

typedef struct build_choice {
    const char *path;      /* BUILD_PATH */
    const char *abi;       /* ABI part of the wheel tag */
    long python_minor;     /* Python tag cp3<minor>; 0 = interpreter tag */
    const char *suffix;    /* BUILD_SUFFIX */
    long limited_hex;      /* Py_LIMITED_API, or 0 */
    long abi3t_hex;        /* Py_TARGET_ABI3T, or 0 */
} build_choice;

static long pack_version(long minor)
{
    return (3L << 24) | (minor << 16);
}

/* Where abi3t is available: PEP 803's minimum is 3.15. */
static long abi3t_minor(const pyprobe_policy *policy)
{
    return policy->limited_api_minor > 15 ? policy->limited_api_minor : 15;
}

static build_choice choose_build(const pyprobe_facts *f,
                                 const pyprobe_policy *policy,
                                 int limited_api, int abi3t)
{
    build_choice c = {"version-specific", f->abi_tag, 0,
                      pp_facts_config_str(f, "EXT_SUFFIX"), 0, 0};
    if (!policy->limited_api)
        return c;
    int want_abi3t = policy->abi3t != PYPROBE_ABI3T_NO && abi3t;
    if (want_abi3t) {
        long minor = abi3t_minor(policy);
        int only = policy->abi3t == PYPROBE_ABI3T_ONLY;
        c.path = only ? "abi3t" : "abi3.abi3t";
        c.abi = c.path;
        c.python_minor = minor;
        c.suffix = plain_suffix(&f->abi3t_suffixes);
        c.abi3t_hex = pack_version(minor);
        c.limited_hex = only ? 0 : pack_version(minor);
        return c;
    }
    if (limited_api) {
        c.path = "abi3";
        c.abi = "abi3";
        c.python_minor = policy->limited_api_minor;
        c.suffix = plain_suffix(&f->abi3_suffixes);
        c.limited_hex = pack_version(policy->limited_api_minor);
    }
    return c;
}

/* BUILD_REASON: why the build is on the path it is, in one line. The
 * checks follow pp_decide's conditions, most fundamental first. */
static void explain_build(const pyprobe_facts *f, const pyprobe_policy *policy,
                          const char *path, char *out, size_t size)
{
    long minor = f->raw.version.minor, wanted = policy->limited_api_minor;
    int abi3t_wanted = policy->abi3t != PYPROBE_ABI3T_NO;
    if (!policy->limited_api)
        snprintf(out, size, "no --limited-api: a build for this "
                 "interpreter only");
    else if (strcmp(path, "abi3t") == 0)
        snprintf(out, size, "--abi3t=only: CPython 3.%ld loads abi3t "
                 "extensions (PEP 803)", minor);
    else if (strcmp(path, "abi3.abi3t") == 0)
        snprintf(out, size, "--abi3t=yes: CPython 3.%ld loads abi3 and "
                 "abi3t extensions", minor);
    else if (strcmp(path, "abi3") == 0 && abi3t_wanted)
        snprintf(out, size, "abi3t needs 3.15 (this is 3.%ld): abi3 alone, "
                 "for 3.%ld and later", minor, wanted);
    else if (strcmp(path, "abi3") == 0)
        snprintf(out, size, "--limited-api=3.%ld: a GIL build of CPython "
                 "3.%ld loads abi3 extensions", wanted, minor);
    else if (!f->is_cpython)
        snprintf(out, size, "the stable ABI is CPython's: %s has none",
                 f->raw.implementation);
    else if (f->free_threaded && minor < 15)
        snprintf(out, size, "free-threaded 3.%ld has no stable ABI%s", minor,
                 abi3t_wanted ? " (abi3t needs 3.15)" : "");
    else if (wanted > minor)
        snprintf(out, size, "--limited-api=3.%ld is newer than this "
                 "interpreter (3.%ld)", wanted, minor);
    else if (f->free_threaded && !abi3t_wanted)
        snprintf(out, size, "free-threaded 3.%ld loads abi3t, not abi3: "
                 "add --abi3t=yes", minor);
    else
        snprintf(out, size, "this interpreter lists no stable-ABI "
                 "extension suffix");
}

static int decide_mypyc(const pyprobe_facts *f, const pyprobe_policy *policy,
                        const char **reason)
{
    if (policy->mypyc == PYPROBE_MYPYC_NO) {
        *reason = "mypyc disabled by policy (--mypyc=no)";
        return 0;
    }
    if (!f->is_cpython) {
        *reason = "mypyc supports CPython only";
        return 0;
    }
    if (f->free_threaded && !policy->mypyc_free_threaded) {
        *reason = "free-threaded build: mypyc support there is experimental; "
                  "allow it with --mypyc-free-threaded";
        return 0;
    }
    *reason = f->free_threaded
                  ? "free-threaded CPython, allowed by --mypyc-free-threaded"
                  : "GIL build of CPython";
    return 1;
}

static void put_hex_define(pp_strbuf *buf, const char *macro, long value)
{
    if (value)
        pp_strbuf_printf(buf, " -D%s=0x%08lX", macro, value);
}

pyprobe_status pp_decide(const pyprobe_facts *f, const pyprobe_policy *policy,
                         pp_decisions *d, pyprobe_error *error)
{
    const pp_raw_facts *raw = &f->raw;
    long minor = raw->version.minor;
    memset(d, 0, sizeof *d);
    d->limited_api = f->is_cpython && !f->free_threaded &&
                     f->abi3_suffixes.count > 0 &&
                     (!policy->limited_api ||
                      minor >= policy->limited_api_minor);
    d->abi3t = f->is_cpython && minor >= 15 && f->abi3t_suffixes.count > 0 &&
               (!policy->limited_api || minor >= abi3t_minor(policy));
    build_choice build = choose_build(f, policy, d->limited_api, d->abi3t);
    d->build_path = build.path;
    explain_build(f, policy, build.path, d->build_reason,
                  sizeof d->build_reason);
    if (policy->limited_api && policy->limited_api_minor > minor)
        snprintf(d->warning, sizeof d->warning, "--limited-api=3.%ld is "
                 "newer than this interpreter (3.%ld): no stable-ABI build",
                 policy->limited_api_minor, minor);
    d->build_suffix = build.suffix;

    d->mypyc = decide_mypyc(f, policy, &d->mypyc_reason);
    if (policy->mypyc == PYPROBE_MYPYC_YES && !d->mypyc) {
        pp_error_set(error, PYPROBE_ERR_POLICY, f->python,
                     "--mypyc=yes, but %s", d->mypyc_reason);
        pp_error_hint(error, "use --mypyc=auto to build without mypyc here");
        return PYPROBE_ERR_POLICY;
    }

    if (d->limited_api)
        snprintf(d->limited_api_version, sizeof d->limited_api_version,
                 "3.%ld",
                 policy->limited_api ? policy->limited_api_minor : minor);

    /* The stable-ABI suffix: the one the chosen build uses, else the one
     * a stable-ABI build would use here (abi3 on GIL builds, abi3t on
     * free-threaded 3.15+). */
    d->stable_abi_suffix = "";
    if (strcmp(build.path, "version-specific") != 0)
        d->stable_abi_suffix = build.suffix;
    else if (d->limited_api)
        d->stable_abi_suffix = plain_suffix(&f->abi3_suffixes);
    else if (d->abi3t && f->free_threaded)
        d->stable_abi_suffix = plain_suffix(&f->abi3t_suffixes);

    pp_strbuf tag = PP_STRBUF_INIT;
    if (build.python_minor)
        pp_strbuf_printf(&tag, "cp3%ld", build.python_minor);
    else
        pp_strbuf_puts(&tag, f->interpreter_tag);
    pp_strbuf_printf(&tag, "-%s-%s", build.abi, f->platform_tag);

    pp_strbuf cppflags = PP_STRBUF_INIT;
    pp_append_path_flag(&cppflags, "-I", raw->include);
    if (strcmp(raw->platinclude, raw->include) != 0) {
        pp_strbuf_putc(&cppflags, ' ');
        pp_append_path_flag(&cppflags, "-I", raw->platinclude);
    }
    if (f->is_windows && f->free_threaded)
        pp_strbuf_puts(&cppflags, " -DPy_GIL_DISABLED=1");
    pp_strbuf build_cppflags = PP_STRBUF_INIT;
    pp_strbuf_puts(&build_cppflags, cppflags.data ? cppflags.data : "");
    put_hex_define(&build_cppflags, "Py_LIMITED_API", build.limited_hex);
    put_hex_define(&build_cppflags, "Py_TARGET_ABI3T", build.abi3t_hex);

    /* Linked as the macros of BUILD_CPPFLAGS make the headers ask. */
    pp_strbuf ldflags = PP_STRBUF_INIT;
    pp_module_ldflags(f, build.limited_hex != 0, build.abi3t_hex != 0,
                      &ldflags);

    d->wheel_tag = pp_strbuf_take(&tag);
    d->cppflags = pp_strbuf_take(&cppflags);
    d->build_cppflags = pp_strbuf_take(&build_cppflags);
    d->module_ldflags = pp_strbuf_take(&ldflags);
    if (!d->wheel_tag || !d->cppflags || !d->build_cppflags ||
        !d->module_ldflags) {
        pp_decisions_clear(d);
        return pp_error_nomem(error);
    }
    return PYPROBE_OK;
}

void pp_decisions_clear(pp_decisions *d)
{
    free(d->wheel_tag);
    free(d->cppflags);
    free(d->build_cppflags);
    free(d->module_ldflags);
    memset(d, 0, sizeof *d);
}
