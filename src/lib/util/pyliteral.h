/* pyliteral.h - a strict parser for Python literal displays (internal).
 *
 * It reads what ascii()/repr()/pprint write for dicts, lists, tuples,
 * str, int, bool and None: the probe script's answer and the
 * _sysconfigdata_*.py files of a cross-build sysroot. Nothing is ever
 * evaluated; anything outside that grammar (names, calls, operators,
 * floats, bytes, sets, f-strings) is an error with a line and column.
 *
 * Strings come back as bytes: UTF-8, except that the code points
 * U+DC80..U+DCFF, which Python uses for undecodable bytes in paths
 * (surrogateescape), become those bytes again. A string holding NUL or
 * another lone surrogate is rejected, so every string is a C string. */
#ifndef PP_PYLITERAL_H
#define PP_PYLITERAL_H

#include <stddef.h>

#include "pyprobe.h"
#include "util/deadline.h"

typedef enum pp_lit_type {
    PP_LIT_NONE,
    PP_LIT_BOOL,
    PP_LIT_INT,
    PP_LIT_STR,
    PP_LIT_LIST,   /* list or tuple */
    PP_LIT_DICT    /* keys are strings, unique */
} pp_lit_type;

typedef struct pp_lit pp_lit;
struct pp_lit {
    pp_lit_type type;
    long long integer;   /* PP_LIT_INT, and 0/1 for PP_LIT_BOOL */
    char *str;           /* PP_LIT_STR: NUL-terminated */
    size_t length;       /* PP_LIT_STR: bytes; LIST/DICT: items */
    pp_lit **items;      /* LIST items; DICT values */
    char **keys;         /* DICT keys, parallel to items */
};

/* Parse exactly one literal from text[0..length) (surrounding white
 * space and comments allowed). On failure the message names the line and
 * column; context is copied into the error. Once deadline has passed
 * (NULL: never) the parse stops with pp_deadline_error's
 * PYPROBE_ERR_INTERPRETER: reading an interpreter's answer counts
 * against its --timeout. Caller frees with pp_lit_free. */
pyprobe_status pp_lit_parse(const char *text, size_t length,
                            const char *context, const pp_deadline *deadline,
                            pp_lit **result, pyprobe_error *error);

/* Parse a module made only of comments, an optional docstring and
 * assignments "NAME = literal"; return the value assigned to name.
 * This is the shape of a _sysconfigdata_*.py file. */
pyprobe_status pp_lit_parse_assignment(const char *text, size_t length,
                                       const char *name, const char *context,
                                       pp_lit **result, pyprobe_error *error);

void pp_lit_free(pp_lit *lit);

/* The value under key in a dict, or NULL. */
const pp_lit *pp_lit_get(const pp_lit *dict, const char *key);

const char *pp_lit_type_name(pp_lit_type type);

#endif
