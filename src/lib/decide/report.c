/* report.c - the value of every public name, from facts and policy:
 * the facts as they are, the decisions (decide.c) written as text. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decide/decide.h"
#include "decide/link.h"
#include "decide/report.h"
#include "facts/answer_json.h"
#include "facts/facts.h"
#include "util/error.h"
#include "util/strbuf.h"

/* Set a value (copied; NULL is ""); 0 on out of memory. */
static int set_value(char **values, pp_name_id id, const char *value)
{
    char *copy = strdup(value ? value : "");
    if (!copy)
        return 0;
    free(values[id]);
    values[id] = copy;
    return 1;
}

static int set_bool(char **values, pp_name_id id, int value)
{
    return set_value(values, id, value ? "1" : "0");
}

static void join(pp_strbuf *buf, const pp_strlist *list)
{
    for (size_t i = 0; i < list->count; i++) {
        if (i)
            pp_strbuf_putc(buf, ' ');
        pp_strbuf_puts(buf, list->items[i]);
    }
}

static int set_facts(char **values, const pyprobe_facts *f)
{
    const pp_raw_facts *raw = &f->raw;
    char text[128];
    pp_strbuf buf = PP_STRBUF_INIT;
    int ok = 1;
#define SET(id, value) (ok = ok && set_value(values, PP_NAME_##id, (value)))
#define SET_BOOL(id, value) \
    (ok = ok && set_bool(values, PP_NAME_##id, (value)))
#define SET_NUMBER(id, value) \
    (snprintf(text, sizeof text, "%ld", (long)(value)), SET(id, text))
    SET(PYTHON, f->python);
    SET(EXECUTABLE, raw->executable);
    SET(IMPLEMENTATION, raw->implementation);
    SET(IMPLEMENTATION_VERSION, f->implementation_version);
    SET(VERSION, f->version);
    SET_NUMBER(VERSION_MAJOR, raw->version.major);
    SET_NUMBER(VERSION_MINOR, raw->version.minor);
    SET(VERSION_HEX, f->version_hex);
    SET(ABIFLAGS, raw->abiflags ? raw->abiflags : "");
    SET(ABI_TAG, f->abi_tag);
    SET(INTERPRETER_TAG, f->interpreter_tag);
    SET(PLATFORM, raw->platform);
    SET(PLATFORM_TAG, f->platform_tag);
    SET(SOABI, pp_facts_config_str(f, "SOABI"));
    SET(EXT_SUFFIX, pp_facts_config_str(f, "EXT_SUFFIX"));
    join(&buf, &raw->extension_suffixes);
    SET(EXTENSION_SUFFIXES, buf.data);
    pp_strbuf_release(&buf);
    join(&buf, &f->abi3_suffixes);
    for (size_t i = 0; i < f->abi3t_suffixes.count; i++)
        if (!pp_strlist_contains(&f->abi3_suffixes, f->abi3t_suffixes.items[i]))
            pp_strbuf_printf(&buf, "%s%s", buf.length ? " " : "",
                             f->abi3t_suffixes.items[i]);
    SET(STABLE_ABI_SUFFIXES, buf.data);
    pp_strbuf_release(&buf);
    SET_BOOL(FREE_THREADED, f->free_threaded);
    /* Before 3.13 (and on PyPy) the GIL cannot be switched off. */
    SET_BOOL(GIL_ENABLED, raw->gil_enabled != 0);
    SET_BOOL(DEBUG, f->debug);
    SET_NUMBER(POINTER_SIZE, f->pointer_size);
    if (f->glibc_major >= 0)
        snprintf(text, sizeof text, "glibc %d.%d", f->glibc_major,
                 f->glibc_minor);
    else if (f->musl_major >= 0)
        snprintf(text, sizeof text, "musl %d.%d", f->musl_major,
                 f->musl_minor);
    else
        text[0] = '\0';
    SET(LIBC, text);
    SET(PREFIX, raw->prefix);
    SET(BASE_PREFIX, raw->base_prefix);
    SET_BOOL(VENV, strcmp(raw->prefix, raw->base_prefix) != 0);
    SET(PLATLIB, raw->platlib);
    SET(PURELIB, raw->purelib);
    SET(PLATLIB_REL, raw->platlib_rel);
    SET(PURELIB_REL, raw->purelib_rel);
    SET(INCLUDEDIR, raw->include);
    SET(LIBDIR, pp_facts_config_str(f, "LIBDIR"));
    SET(LIBPYTHON, f->libpython);
    SET_BOOL(SHARED, f->shared);
    /* What a description file could not say is empty, and named. */
    int no_libdir = pp_facts_unknown(f, PP_UNKNOWN_LIBDIR);
    int no_link = no_libdir || pp_facts_unknown(f, PP_UNKNOWN_LINK);
    if (!no_link)
        pp_embed_libs(f, &buf);
    SET(EMBED_LIBS, buf.data);
    ok = ok && !buf.failed;
    pp_strbuf_release(&buf);
    /* The install directories: absent from description files and
     * from facts files of an older pyprobe, None where sysconfig could
     * not say. */
    pp_strbuf_printf(&buf, "%s%s%s%s%s%s%s",
                     pp_facts_unknown(f, PP_UNKNOWN_LIBC) ? " libc" : "",
                     no_libdir ? " libdir" : "", no_link ? " embed_libs" : "",
                     raw->platlib ? "" : " platlib",
                     raw->purelib ? "" : " purelib",
                     raw->platlib_rel ? "" : " platlib_rel",
                     raw->purelib_rel ? "" : " purelib_rel");
    SET(UNKNOWN, buf.length ? buf.data + 1 : "");
    ok = ok && !buf.failed;
    pp_strbuf_release(&buf);
#undef SET
#undef SET_BOOL
#undef SET_NUMBER
    return ok;
}

static int set_decisions(char **values, const pp_decisions *d)
{
    return set_bool(values, PP_NAME_LIMITED_API, d->limited_api) &&
           set_value(values, PP_NAME_LIMITED_API_VERSION,
                     d->limited_api_version) &&
           set_bool(values, PP_NAME_ABI3T, d->abi3t) &&
           set_value(values, PP_NAME_STABLE_ABI_SUFFIX,
                     d->stable_abi_suffix) &&
           set_value(values, PP_NAME_BUILD_PATH, d->build_path) &&
           set_value(values, PP_NAME_BUILD_REASON, d->build_reason) &&
           set_value(values, PP_NAME_BUILD_SUFFIX, d->build_suffix) &&
           set_value(values, PP_NAME_WHEEL_TAG, d->wheel_tag) &&
           set_bool(values, PP_NAME_MYPYC, d->mypyc) &&
           set_value(values, PP_NAME_MYPYC_REASON, d->mypyc_reason) &&
           set_value(values, PP_NAME_CPPFLAGS, d->cppflags) &&
           set_value(values, PP_NAME_BUILD_CPPFLAGS, d->build_cppflags) &&
           set_value(values, PP_NAME_MODULE_LDFLAGS, d->module_ldflags);
}

pyprobe_status pp_report_values(char *values[PP_NAME_COUNT],
                                const pyprobe_facts *facts,
                                const pyprobe_policy *policy,
                                char warning[PP_DECIDE_TEXT],
                                pyprobe_error *error)
{
    pp_decisions decisions;
    if (!set_facts(values, facts))
        return pp_error_nomem(error);
    pyprobe_status status = pp_decide(facts, policy, &decisions, error);
    if (status != PYPROBE_OK)
        return status;
    int ok = set_decisions(values, &decisions);
    if (warning)
        snprintf(warning, PP_DECIDE_TEXT, "%s", decisions.warning);
    pp_decisions_clear(&decisions);
    if (!ok)
        return pp_error_nomem(error);
    for (size_t i = 0; i < PP_NAME_COUNT; i++)
        if (!values[i])
            return pp_error_set(error, PYPROBE_ERR_INTERNAL, "pyprobe",
                                "no value for %s", pp_names[i].name);
    return PYPROBE_OK;
}

void pp_report_values_free(char *values[PP_NAME_COUNT])
{
    for (size_t i = 0; i < PP_NAME_COUNT; i++) {
        free(values[i]);
        values[i] = NULL;
    }
}

pyprobe_status pyprobe_report_new(const pyprobe_facts *facts,
                                  const pyprobe_policy *policy,
                                  pyprobe_report **result,
                                  pyprobe_error *error)
{
    static const pyprobe_policy defaults;
    *result = NULL;
    if (!policy)
        policy = &defaults;
    pyprobe_report *report = calloc(1, sizeof *report);
    if (!report)
        return pp_error_nomem(error);
    report->policy = *policy;
    pyprobe_status status = pp_report_values(report->values, facts, policy,
                                             report->warning, error);
    if (status != PYPROBE_OK)
        goto fail;
    /* Only --json needs the answer as JSON; a path that is not UTF-8
     * must not stop the header or the tag file. */
    pyprobe_error json_error;
    status = pp_facts_probe_to_json(facts, &report->probe, &json_error);
    if (status == PYPROBE_ERR_INTERNAL) {
        *error = json_error;
        goto fail;
    }
    *result = report;
    return PYPROBE_OK;
fail:
    pyprobe_report_free(report);
    return status;
}

void pyprobe_report_free(pyprobe_report *report)
{
    if (!report)
        return;
    pp_report_values_free(report->values);
    json_decref(report->probe);
    free(report);
}

const char *pyprobe_report_warning(const pyprobe_report *report)
{
    return report->warning[0] ? report->warning : NULL;
}

const char *pyprobe_report_get(const pyprobe_report *report, const char *name)
{
    int id = pp_name_lookup(name);
    return id < 0 ? NULL : report->values[id];
}
