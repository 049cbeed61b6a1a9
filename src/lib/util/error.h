/* error.h - filling a pyprobe_error (internal). */
#ifndef PP_ERROR_H
#define PP_ERROR_H

#include "pyprobe.h"

/* Set status, context and a printf-formatted message; the hint is
 * cleared. Returns status, so a caller can `return pp_error_set(...)`.
 * error may be NULL. Control characters in the text are replaced so the
 * message stays on one line whatever an interpreter printed. */
pyprobe_status pp_error_set(pyprobe_error *error, pyprobe_status status,
                            const char *context, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(PP_PRINTF, 4, 5)))
#endif
    ;

/* Add a hint ("install python3-dev") to an error already set. */
void pp_error_hint(pyprobe_error *error, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(PP_PRINTF, 2, 3)))
#endif
    ;

/* Re-attribute an error already set: give it status and context,
 * keeping its message and hint. Returns status. error may be NULL. */
pyprobe_status pp_error_reframe(pyprobe_error *error, pyprobe_status status,
                                const char *context);

/* Shorthand for running out of memory. */
pyprobe_status pp_error_nomem(pyprobe_error *error);

#endif
