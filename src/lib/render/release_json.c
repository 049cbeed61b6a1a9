/* release_json.c - a release check as one JSON document, for CI. */
#include "config.h"

#include <jansson.h>

#include "pyprobe.h"
#include "render/json.h"
#include "util/error.h"

/* 1 if JSON can carry s (NULL too): file names need not be UTF-8. */
static int carried(const char *s)
{
    json_t *value = s ? json_string(s) : NULL;
    json_decref(value);
    return !s || value;
}

static pyprobe_status not_carried(const char *name, pyprobe_error *error)
{
    return pp_error_set(error, PYPROBE_ERR_UNSUPPORTED, name,
                        "the file name is not valid UTF-8, which JSON "
                        "cannot carry");
}

pyprobe_status pyprobe_release_check_json(const pyprobe_release_check *check,
                                          char **text, pyprobe_error *error)
{
    *text = NULL;
    size_t filled;
    size_t cells = pyprobe_release_check_cells(check, &filled);
    json_t *findings = json_array();
    json_t *root = json_pack(
        "{s:s?, s:s?, s:s?, s:I, s:I, s:I, s:I, s:s, s:o}",
        "project", pyprobe_release_check_project(check),
        "version", pyprobe_release_check_version(check),
        "sdist", pyprobe_release_check_sdist(check),
        "wheels", (json_int_t)pyprobe_release_check_wheels(check),
        "cells", (json_int_t)cells, "cells_filled", (json_int_t)filled,
        "problems", (json_int_t)pyprobe_release_check_problems(check),
        "summary", pyprobe_release_check_summary(check),
        "findings", findings);
    const char *project = pyprobe_release_check_project(check);
    const char *sdist = pyprobe_release_check_sdist(check);
    if (!root && !carried(project))
        return not_carried(project, error);
    if (!root && !carried(sdist))
        return not_carried(sdist, error);
    if (!root)
        return pp_error_nomem(error);
    for (size_t i = 0; i < pyprobe_release_check_count(check); i++) {
        json_t *item = json_pack(
            "{s:s, s:s?, s:s?, s:s}", "verdict",
            pyprobe_finding_kind_name(pyprobe_release_check_kind(check, i)),
            "file", pyprobe_release_check_file(check, i),
            "cell", pyprobe_release_check_cell(check, i),
            "detail", pyprobe_release_check_detail(check, i));
        if (!item || json_array_append_new(findings, item) != 0) {
            const char *file = pyprobe_release_check_file(check, i);
            json_decref(root);
            return carried(file) ? pp_error_nomem(error)
                                 : not_carried(file, error);
        }
    }
    pyprobe_status status = pp_json_text(root, text, error);
    json_decref(root);
    return status;
}
