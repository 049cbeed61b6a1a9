/* answer_json.c - an interpreter's answer as JSON, and back.
 *
 * Facts files (--json, --facts), cache entries and the answers built
 * from description files carry the raw answer as a JSON object; read
 * back, it goes through the same validation as a live probe's. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "facts/answer_json.h"
#include "facts/facts.h"
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
