/* answer_json.h - an interpreter's answer as JSON, and back (internal;
 * see answer_json.c). */
#ifndef PP_ANSWER_JSON_H
#define PP_ANSWER_JSON_H

#include <jansson.h>

#include "pyprobe.h"

/* The raw probe answer as a JSON object (new reference in *json). Fails
 * with PYPROBE_ERR_UNSUPPORTED if a string is not valid UTF-8, which
 * JSON cannot carry. */
pyprobe_status pp_facts_probe_to_json(const pyprobe_facts *facts,
                                      json_t **json, pyprobe_error *error);

/* Validate a JSON probe answer (the "probe" object of a facts file) as
 * if an interpreter had printed it. */
pyprobe_status pp_facts_from_json_probe(const json_t *probe,
                                        const char *python,
                                        const char *context,
                                        pyprobe_facts **facts,
                                        pyprobe_error *error);

#endif
