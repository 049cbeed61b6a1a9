/* json.c - every fact and decision as one JSON document. The
 * same document is a facts file (pyprobe --facts reads it back). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "decide/facts_file.h"
#include "decide/policy.h"
#include "decide/report.h"
#include "render/json.h"
#include "util/error.h"

static json_t *policy_json(const pyprobe_policy *policy)
{
    char version[16];
    json_t *limited = json_null();
    if (policy->limited_api) {
        snprintf(version, sizeof version, "3.%ld", policy->limited_api_minor);
        limited = json_string(version);
    }
    return json_pack("{s:s, s:i, s:o, s:s}",
                     "mypyc", pp_mypyc_mode_names[policy->mypyc],
                     "mypyc_free_threaded", policy->mypyc_free_threaded,
                     "limited_api", limited,
                     "abi3t", pp_abi3t_mode_names[policy->abi3t]);
}

/* "a b" as ["a", "b"]; "" as []. */
static json_t *words_json(const char *value)
{
    json_t *array = json_array();
    for (const char *p = value; array && *p;) {
        size_t length = strcspn(p, " ");
        if (length && json_array_append_new(array,
                                            json_stringn(p, length)) != 0) {
            json_decref(array);
            return NULL;
        }
        p += length + (p[length] == ' ');
    }
    return array;
}

static json_t *value_json(const pp_name_info *info, const char *value)
{
    if (info->kind == PP_KIND_BOOL || info->kind == PP_KIND_NUMBER)
        return json_integer(strtoll(value, NULL, 10));
    if (info->kind == PP_KIND_WORDS)
        return words_json(value);
    return json_string(value);
}

pyprobe_status pyprobe_report_json(const pyprobe_report *report, char **text,
                                   pyprobe_error *error)
{
    *text = NULL;
    if (!report->probe)
        return pp_error_set(error, PYPROBE_ERR_UNSUPPORTED, "--json",
                            "the interpreter's answer holds a value that is "
                            "not valid UTF-8, which JSON cannot carry");
    json_t *root = json_pack("{s:s, s:i, s:s}", "format", PP_JSON_FORMAT,
                             "format_version", PP_JSON_FORMAT_VERSION,
                             "pyprobe_version", PYPROBE_VERSION_STRING);
    if (!root)
        return pp_error_nomem(error);
    for (size_t i = 0; i < PP_NAME_COUNT; i++) {
        json_t *value = value_json(&pp_names[i], report->values[i]);
        if (!value) {
            json_decref(root);
            return pp_error_set(error, PYPROBE_ERR_UNSUPPORTED,
                                pp_names[i].key,
                                "the value is not valid UTF-8, which JSON "
                                "cannot carry");
        }
        json_object_set_new(root, pp_names[i].key, value);
    }
    json_object_set_new(root, "policy", policy_json(&report->policy));
    json_object_set(root, "probe", report->probe);
    pyprobe_status status = pp_json_text(root, text, error);
    json_decref(root);
    return status;
}

pyprobe_status pp_json_text(const json_t *root, char **text,
                            pyprobe_error *error)
{
    char *dumped = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    *text = NULL;
    if (!dumped)
        return pp_error_nomem(error);
    /* json_dumps' memory comes from jansson's allocator (malloc unless
     * the application changed it); hand out our own copy with a newline. */
    size_t length = strlen(dumped);
    *text = malloc(length + 2);
    if (*text) {
        memcpy(*text, dumped, length);
        (*text)[length] = '\n';
        (*text)[length + 1] = '\0';
    }
    free(dumped);
    return *text ? PYPROBE_OK : pp_error_nomem(error);
}
