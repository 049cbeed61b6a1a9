/* json.h - JSON documents as text (internal; see json.c). */
#ifndef PP_RENDER_JSON_H
#define PP_RENDER_JSON_H

#include <jansson.h>

#include "pyprobe.h"

/* root as pretty-printed JSON text with a final newline, in memory the
 * caller frees with pyprobe_free. */
pyprobe_status pp_json_text(const json_t *root, char **text,
                            pyprobe_error *error);

#endif
