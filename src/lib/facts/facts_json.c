/* facts_json.c - facts to and from JSON.
 *
 * A facts file is what pyprobe --json prints. Reading one back takes
 * only the raw answer ("probe") and the interpreter path, and runs them
 * through the same validation as a live probe; every other field is
 * recomputed and must agree with what the file says, so a file that was
 * edited by hand (or written by another pyprobe that decides
 * differently) is refused instead of silently half-used. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decide/names.h"
#include "decide/policy.h"
#include "decide/report.h"
#include "facts/facts.h"
#include "facts/facts_json.h"
#include "facts/validate.h"
#include "util/error.h"

static json_t *lit_to_json(const pp_lit *lit, const char **bad_string)
{
    switch (lit->type) {
    case PP_LIT_NONE:
        return json_null();
    case PP_LIT_BOOL:
        return json_boolean(lit->integer);
    case PP_LIT_INT:
        return json_integer(lit->integer);
    case PP_LIT_STR: {
        json_t *s = json_stringn(lit->str, lit->length);
        if (!s)
            *bad_string = lit->str;
        return s;
    }
    case PP_LIT_LIST: {
        json_t *array = json_array();
        for (size_t i = 0; array && i < lit->length; i++) {
            json_t *item = lit_to_json(lit->items[i], bad_string);
            if (!item || json_array_append_new(array, item) != 0) {
                json_decref(array);
                return NULL;
            }
        }
        return array;
    }
    case PP_LIT_DICT: {
        json_t *object = json_object();
        for (size_t i = 0; object && i < lit->length; i++) {
            json_t *item = lit_to_json(lit->items[i], bad_string);
            if (!item || json_object_set_new(object, lit->keys[i], item)) {
                if (!item || !*bad_string)
                    *bad_string = *bad_string ? *bad_string : lit->keys[i];
                json_decref(object);
                return NULL;
            }
        }
        return object;
    }
    }
    return NULL;
}

pyprobe_status pp_facts_probe_to_json(const pyprobe_facts *facts,
                                      json_t **json, pyprobe_error *error)
{
    const char *bad = NULL;
    *json = lit_to_json(facts->probe, &bad);
    if (*json)
        return PYPROBE_OK;
    if (bad)
        return pp_error_set(error, PYPROBE_ERR_UNSUPPORTED, facts->python,
                            "a value is not valid UTF-8, which JSON cannot "
                            "carry");
    return pp_error_nomem(error);
}

static pp_lit *json_to_lit(const json_t *json, const char **problem)
{
    pp_lit *lit = calloc(1, sizeof *lit);
    if (!lit) {
        *problem = "out of memory";
        return NULL;
    }
    switch (json_typeof(json)) {
    case JSON_NULL:
        lit->type = PP_LIT_NONE;
        return lit;
    case JSON_TRUE:
    case JSON_FALSE:
        lit->type = PP_LIT_BOOL;
        lit->integer = json_is_true(json);
        return lit;
    case JSON_INTEGER:
        lit->type = PP_LIT_INT;
        lit->integer = json_integer_value(json);
        return lit;
    case JSON_STRING:
        lit->type = PP_LIT_STR;
        lit->length = json_string_length(json);
        if (memchr(json_string_value(json), '\0', lit->length)) {
            *problem = "a string holds a NUL character";
            break;
        }
        if (!(lit->str = strdup(json_string_value(json)))) {
            *problem = "out of memory";
            break;
        }
        return lit;
    case JSON_ARRAY:
    case JSON_OBJECT: {
        int object = json_is_object(json);
        size_t n = object ? json_object_size(json) : json_array_size(json);
        lit->type = object ? PP_LIT_DICT : PP_LIT_LIST;
        lit->items = calloc(n ? n : 1, sizeof *lit->items);
        lit->keys = object ? calloc(n ? n : 1, sizeof *lit->keys) : NULL;
        if (!lit->items || (object && !lit->keys)) {
            *problem = "out of memory";
            break;
        }
        if (object) {
            const char *key;
            json_t *value;
            json_object_foreach((json_t *)json, key, value) {
                if (!(lit->keys[lit->length] = strdup(key)) ||
                    !(lit->items[lit->length] = json_to_lit(value, problem))) {
                    free(lit->keys[lit->length]);
                    if (!*problem)
                        *problem = "out of memory";
                    pp_lit_free(lit);
                    return NULL;
                }
                lit->length++;
            }
        } else {
            for (size_t i = 0; i < n; i++) {
                if (!(lit->items[i] = json_to_lit(json_array_get(json, i),
                                                  problem))) {
                    pp_lit_free(lit);
                    return NULL;
                }
                lit->length++;
            }
        }
        return lit;
    }
    case JSON_REAL:
        *problem = "a number is not an integer";
        break;
    }
    pp_lit_free(lit);
    return NULL;
}

static pyprobe_status policy_from_json(const json_t *json, const char *path,
                                       pyprobe_policy *policy,
                                       pyprobe_error *error)
{
    memset(policy, 0, sizeof *policy);
    const char *mypyc = json_string_value(json_object_get(json, "mypyc"));
    const char *abi3t = json_string_value(json_object_get(json, "abi3t"));
    json_t *limited = json_object_get(json, "limited_api");
    json_t *allow = json_object_get(json, "mypyc_free_threaded");
    if (!json_is_object(json) || !mypyc || !abi3t || !json_is_integer(allow) ||
        !(json_is_null(limited) || json_is_string(limited)))
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, path,
                            "field 'policy' is missing or malformed");
    static const char *const mypyc_modes[] = {"auto", "yes", "no"};
    static const char *const abi3t_modes[] = {"no", "yes", "only"};
    int found = 0;
    for (int i = 0; i < 3; i++) {
        if (strcmp(mypyc, mypyc_modes[i]) == 0)
            policy->mypyc = (pyprobe_mypyc_mode)i, found |= 1;
        if (strcmp(abi3t, abi3t_modes[i]) == 0)
            policy->abi3t = (pyprobe_abi3t_mode)i, found |= 2;
    }
    if (found != 3)
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, path,
                            "field 'policy' has an unknown mode");
    policy->mypyc_free_threaded = json_integer_value(allow) != 0;
    if (json_is_string(limited) &&
        pyprobe_policy_set_limited_api(policy, json_string_value(limited),
                                       error) != PYPROBE_OK)
        return pp_error_reframe(error, PYPROBE_ERR_PROTOCOL, path);
    return PYPROBE_OK;
}

/* Every public name in the file must equal what the facts give. */
static pyprobe_status check_recorded(const json_t *root,
                                     const pyprobe_facts *facts,
                                     const pyprobe_policy *policy,
                                     const char *path, pyprobe_error *error)
{
    pyprobe_report *report = NULL;
    pyprobe_status status = pyprobe_report_new(facts, policy, &report, error);
    if (status != PYPROBE_OK)
        return status;
    for (size_t i = 0; i < PP_NAME_COUNT && status == PYPROBE_OK; i++) {
        const json_t *value = json_object_get(root, pp_names[i].key);
        char number[32];
        const char *text = json_string_value(value);
        if (json_is_integer(value)) {
            snprintf(number, sizeof number, "%" JSON_INTEGER_FORMAT,
                     json_integer_value(value));
            text = number;
        }
        if (!text)
            status = pp_error_set(error, PYPROBE_ERR_PROTOCOL, path,
                                  "field '%s' is missing", pp_names[i].key);
        else if (strcmp(text, report->values[i]) != 0)
            status = pp_error_set(error, PYPROBE_ERR_PROTOCOL, path,
                                  "field '%s' is '%s' but its probe data "
                                  "gives '%s': was the file edited, or "
                                  "written by another pyprobe version?",
                                  pp_names[i].key, text, report->values[i]);
    }
    pyprobe_report_free(report);
    return status;
}

pyprobe_status pp_facts_from_json_probe(const json_t *probe,
                                        const char *python,
                                        const char *context,
                                        pyprobe_facts **facts,
                                        pyprobe_error *error)
{
    const char *problem = NULL;
    *facts = NULL;
    /* A cache entry or facts file without it is damaged, not a crash. */
    if (!json_is_object(probe))
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, context,
                            "field 'probe' is missing or not an object");
    pp_lit *answer = json_to_lit(probe, &problem);
    if (!answer)
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, context,
                            "field 'probe': %s", problem);
    return pp_facts_from_answer(answer, python, context, facts, error);
}

pyprobe_status pyprobe_facts_load_json(const char *path,
                                       pyprobe_facts **facts,
                                       pyprobe_error *error)
{
    json_error_t json_error;
    *facts = NULL;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &json_error);
    if (!root) {
        FILE *probe = fopen(path, "r");
        if (!probe)
            return pp_error_set(error, PYPROBE_ERR_IO, path, "%s",
                                strerror(errno));
        fclose(probe);
        return pp_error_set(error, PYPROBE_ERR_PROTOCOL, path,
                            "not valid JSON: line %d: %s", json_error.line,
                            json_error.text);
    }
    pyprobe_status status = PYPROBE_OK;
    const char *format = json_string_value(json_object_get(root, "format"));
    json_t *version = json_object_get(root, "format_version");
    const char *python = json_string_value(json_object_get(root, "python"));
    json_t *probe = json_object_get(root, "probe");
    if (!format || strcmp(format, PP_JSON_FORMAT) != 0) {
        status = pp_error_set(error, PYPROBE_ERR_PROTOCOL, path,
                              "not a pyprobe facts file (no \"format\": \"%s\")",
                              PP_JSON_FORMAT);
        pp_error_hint(error, "write one with pyprobe --json");
        goto done;
    }
    if (!json_is_integer(version) ||
        json_integer_value(version) != PP_JSON_FORMAT_VERSION) {
        status = pp_error_set(error, PYPROBE_ERR_PROTOCOL, path,
                              "facts format version is not %d",
                              PP_JSON_FORMAT_VERSION);
        goto done;
    }
    if (!python || !json_is_object(probe)) {
        status = pp_error_set(error, PYPROBE_ERR_PROTOCOL, path,
                              "field 'python' or 'probe' is missing");
        goto done;
    }
    pyprobe_policy policy;
    status = policy_from_json(json_object_get(root, "policy"), path, &policy,
                              error);
    if (status != PYPROBE_OK)
        goto done;
    status = pp_facts_from_json_probe(probe, python, path, facts, error);
    if (status == PYPROBE_OK)
        status = check_recorded(root, *facts, &policy, path, error);
    if (status != PYPROBE_OK) {
        pyprobe_facts_free(*facts);
        *facts = NULL;
    }
done:
    json_decref(root);
    return status;
}
