/* facts_file.c - a facts file read back (pyprobe --facts).
 *
 * A facts file is what pyprobe --json prints (render/json.c). Reading
 * one back takes only the raw answer ("probe") and the interpreter path,
 * and runs them through the same validation as a live probe; every
 * other field is recomputed from them and the recorded policy and must
 * agree with what the file says, so a file that was edited by hand (or
 * written by another pyprobe that decides differently) is refused
 * instead of silently half-used. That check needs the decisions, which
 * is why facts files are read here and not with the other facts. */
#include "config.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decide/facts_file.h"
#include "decide/names.h"
#include "decide/policy.h"
#include "decide/report.h"
#include "facts/answer_json.h"
#include "util/error.h"
#include "util/strbuf.h"

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
    int found = 0;
    for (int i = 0; i < PP_POLICY_MODES; i++) {
        if (strcmp(mypyc, pp_mypyc_mode_names[i]) == 0)
            policy->mypyc = (pyprobe_mypyc_mode)i, found |= 1;
        if (strcmp(abi3t, pp_abi3t_mode_names[i]) == 0)
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

/* Names a version 1 file (pyprobe 0.1.0) cannot be held to: added
 * since, or given by another rule since (EMBED_LIBS lost the linker
 * options LINKFORSHARED carries). Their values are recomputed. */
static const char *const v1_unchecked[] = {
    "build_reason",
    "embed_libs",
};

static int unchecked(long version, const char *key)
{
    for (size_t i = 0; version == 1 && i < sizeof v1_unchecked /
                                               sizeof v1_unchecked[0]; i++)
        if (strcmp(key, v1_unchecked[i]) == 0)
            return 1;
    return 0;
}

/* A file written before a name existed lacks the name, and its probe
 * data lacks the facts behind it: the value is empty and UNKNOWN names
 * it. Drop from UNKNOWN (in place) the names the file does not have, so
 * that such a file still loads. */
static void forget_newer_names(const json_t *root, char *unknown)
{
    char *out = unknown;
    for (char *word = unknown; *word;) {
        size_t n = strcspn(word, " ");
        char saved = word[n];
        word[n] = '\0';
        int absent = pp_name_lookup(word) >= 0 && !json_object_get(root, word);
        word[n] = saved;
        if (!absent) {
            if (out != unknown)
                *out++ = ' ';
            memmove(out, word, n);
            out += n;
        }
        word += n;
        while (*word == ' ')
            word++;
    }
    *out = '\0';
}

/* 1 if the space-separated list holds word. */
static int has_word(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; (p = strstr(p, word)); p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
            return 1;
    return 0;
}

/* A list name's array as the space-separated text of the other outputs;
 * NULL unless an array of strings. Caller frees. */
static char *join_words(const json_t *array)
{
    pp_strbuf buf = PP_STRBUF_INIT;
    size_t i;
    const json_t *word;
    if (!json_is_array(array))
        return NULL;
    pp_strbuf_puts(&buf, "");
    json_array_foreach(array, i, word) {
        if (!json_is_string(word)) {
            pp_strbuf_release(&buf);
            return NULL;
        }
        pp_strbuf_printf(&buf, "%s%s", i ? " " : "", json_string_value(word));
    }
    return pp_strbuf_take(&buf);
}

/* Every public name in the file must equal what the facts give; a name
 * newer than the file may be absent (forget_newer_names). */
static pyprobe_status check_recorded(const json_t *root, long version,
                                     const pyprobe_facts *facts,
                                     const pyprobe_policy *policy,
                                     const char *path, pyprobe_error *error)
{
    char *values[PP_NAME_COUNT] = {NULL};
    pyprobe_status status = pp_report_values(values, facts, policy, NULL,
                                              error);
    char *unknown = NULL;   /* UNKNOWN before forget_newer_names */
    if (status == PYPROBE_OK &&
        !(unknown = strdup(values[PP_NAME_UNKNOWN])))
        status = pp_error_nomem(error);
    if (status == PYPROBE_OK)
        forget_newer_names(root, values[PP_NAME_UNKNOWN]);
    for (size_t i = 0; i < PP_NAME_COUNT && status == PYPROBE_OK; i++) {
        if (unchecked(version, pp_names[i].key))
            continue;
        const json_t *value = json_object_get(root, pp_names[i].key);
        if (!value && unknown && has_word(unknown, pp_names[i].key))
            continue;   /* newer than the file */
        char number[32];
        char *words = NULL;
        const char *text = json_string_value(value);
        if (pp_names[i].kind == PP_KIND_WORDS && version >= 2)
            text = words = join_words(value);
        if (json_is_integer(value)) {
            snprintf(number, sizeof number, "%lld",
                     (long long)json_integer_value(value));
            text = number;
        }
        if (!text)
            status = pp_error_set(error, PYPROBE_ERR_PROTOCOL, path,
                                  "field '%s' is %s", pp_names[i].key,
                                  !value ? "missing"
                                  : pp_names[i].kind == PP_KIND_WORDS &&
                                          version >= 2
                                      ? "not a list of strings"
                                      : "not a string or a number");
        else if (strcmp(text, values[i]) != 0)
            status = pp_error_set(error, PYPROBE_ERR_PROTOCOL, path,
                                  "field '%s' is '%s' but its probe data "
                                  "gives '%s': was the file edited, or "
                                  "written by another pyprobe version?",
                                  pp_names[i].key, text, values[i]);
        free(words);
    }
    free(unknown);
    pp_report_values_free(values);
    return status;
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
    if (!json_is_integer(version) || json_integer_value(version) < 1 ||
        json_integer_value(version) > PP_JSON_FORMAT_VERSION) {
        status = pp_error_set(error, PYPROBE_ERR_PROTOCOL, path,
                              "facts format version is not 1 to %d",
                              PP_JSON_FORMAT_VERSION);
        pp_error_hint(error, "write it again with this pyprobe --json");
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
        status = check_recorded(root, (long)json_integer_value(version),
                                *facts, &policy, path, error);
    if (status != PYPROBE_OK) {
        pyprobe_facts_free(*facts);
        *facts = NULL;
    }
done:
    json_decref(root);
    return status;
}
