/* error.c - filling a pyprobe_error. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"

/* Keep messages on one line: an interpreter's stderr or a hostile path
 * may hold newlines or escape sequences. */
static void make_single_line(char *text)
{
    for (unsigned char *p = (unsigned char *)text; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            *p = ' ';
}

static void copy_text(char *dest, const char *src)
{
    if (!src)
        src = "";
    snprintf(dest, PYPROBE_ERROR_TEXT, "%s", src);
    make_single_line(dest);
}

pyprobe_status pp_error_set(pyprobe_error *error, pyprobe_status status,
                            const char *context, const char *format, ...)
{
    if (!error)
        return status;
    error->status = status;
    copy_text(error->context, context);
    va_list args;
    va_start(args, format);
    vsnprintf(error->message, sizeof error->message, format, args);
    va_end(args);
    make_single_line(error->message);
    error->hint[0] = '\0';
    return status;
}

void pp_error_hint(pyprobe_error *error, const char *format, ...)
{
    if (!error)
        return;
    va_list args;
    va_start(args, format);
    vsnprintf(error->hint, sizeof error->hint, format, args);
    va_end(args);
    make_single_line(error->hint);
}

pyprobe_status pp_error_reframe(pyprobe_error *error, pyprobe_status status,
                                const char *context)
{
    if (!error)
        return status;
    error->status = status;
    copy_text(error->context, context);
    return status;
}

pyprobe_status pp_error_nomem(pyprobe_error *error)
{
    return pp_error_set(error, PYPROBE_ERR_INTERNAL, "pyprobe",
                        "out of memory");
}

const char *pyprobe_status_name(pyprobe_status status)
{
    switch (status) {
    case PYPROBE_OK: return "success";
    case PYPROBE_ERR_NEGATIVE: return "check failed";
    case PYPROBE_ERR_USAGE: return "usage error";
    case PYPROBE_ERR_NOT_FOUND: return "interpreter not found";
    case PYPROBE_ERR_INTERPRETER: return "interpreter failed";
    case PYPROBE_ERR_PROTOCOL: return "invalid answer";
    case PYPROBE_ERR_UNSUPPORTED: return "unsupported";
    case PYPROBE_ERR_IO: return "input/output error";
    case PYPROBE_ERR_POLICY: return "policy cannot be met";
    case PYPROBE_ERR_INTERNAL: return "internal error";
    }
    return "unknown status";
}

void pyprobe_free(void *ptr)
{
    free(ptr);
}

const char *pyprobe_version(void)
{
    return PYPROBE_VERSION_STRING;
}
