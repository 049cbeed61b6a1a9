/* locate.h - find the interpreter to run (internal). */
#ifndef PP_LOCATE_H
#define PP_LOCATE_H

#include "pyprobe.h"

/* Resolve what the user named: a path (anything with a '/') is made
 * absolute without resolving symbolic links (a virtual environment's
 * python is a link, and resolving it would probe the base interpreter);
 * a bare name is looked up on PATH like execvp does. NULL means $PYTHON,
 * then python3, then python; a $PYTHON that is set but not found is an
 * error, not a reason to try something else. *path is set to a string
 * the caller frees. */
pyprobe_status pp_locate_python(const char *python, char **path,
                                pyprobe_error *error);

/* Like pp_locate_python for one explicit name (path or PATH lookup). */
pyprobe_status pp_locate_program(const char *name, char **path,
                                 pyprobe_error *error);

#endif
