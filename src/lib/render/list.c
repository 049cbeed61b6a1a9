/* list.c - the interpreters of pyprobe_interpreters_find as JSON:
 * each one's facts as pyprobe --json gives them (so each is a facts file
 * too), or why it could not be probed. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "pyprobe.h"
#include "render/json.h"
#include "util/error.h"

#define LIST_FORMAT "pyprobe-list"
#define LIST_FORMAT_VERSION 1

/* The facts document of one interpreter under the default policy. */
static json_t *facts_json(const pyprobe_facts *facts, pyprobe_error *error)
{
    pyprobe_report *report = NULL;
    char *text = NULL;
    json_t *doc = NULL;
    if (pyprobe_report_new(facts, NULL, &report, error) == PYPROBE_OK &&
        pyprobe_report_json(report, &text, error) == PYPROBE_OK)
        doc = json_loads(text, 0, NULL);
    pyprobe_free(text);
    pyprobe_report_free(report);
    return doc;
}

pyprobe_status pyprobe_interpreters_json(const pyprobe_interpreters *list,
                                         char **text, pyprobe_error *error)
{
    *text = NULL;
    json_t *all = json_array();
    json_t *root = json_pack("{s:s, s:i, s:o}", "format", LIST_FORMAT,
                             "format_version", LIST_FORMAT_VERSION,
                             "interpreters", all);
    if (!root)
        return pp_error_nomem(error);
    for (size_t i = 0; i < pyprobe_interpreters_count(list); i++) {
        json_t *aliases = json_array();
        for (size_t k = 0; k < pyprobe_interpreters_alias_count(list, i); k++)
            json_array_append_new(aliases, json_string(
                pyprobe_interpreters_alias(list, i, k)));
        json_t *item = json_pack("{s:s?, s:o}", "path",
                                 pyprobe_interpreters_path(list, i),
                                 "aliases", aliases);
        const pyprobe_facts *facts = pyprobe_interpreters_facts(list, i);
        json_t *doc = NULL;
        pyprobe_error why;
        if (facts && !(doc = facts_json(facts, &why)))
            facts = NULL;           /* a value JSON cannot carry */
        const pyprobe_error *e = facts ? NULL
                                 : doc ? NULL
                                 : pyprobe_interpreters_error(list, i);
        if (!facts && !e)
            e = &why;
        if (!item || json_array_append_new(all, item) != 0) {
            json_decref(doc);
            json_decref(root);
            return pp_error_nomem(error);
        }
        if (doc)
            json_object_set_new(item, "facts", doc);
        else
            json_object_set_new(item, "error", json_pack(
                "{s:i, s:s?, s:s?}", "status", (int)e->status,
                "context", e->context, "message", e->message));
    }
    pyprobe_status status = pp_json_text(root, text, error);
    json_decref(root);
    return status;
}
