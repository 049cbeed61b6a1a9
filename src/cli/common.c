/* common.c - error printing and helpers shared by the commands. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_fail(const pyprobe_error *error)
{
    if (error->hint[0])
        fprintf(stderr, "pyprobe: %s: %s (%s)\n", error->context,
                error->message, error->hint);
    else
        fprintf(stderr, "pyprobe: %s: %s\n", error->context, error->message);
    return error->status == PYPROBE_OK ? PYPROBE_ERR_INTERNAL : error->status;
}

int cli_usage_error(const char *context, const char *format, ...)
{
    va_list args;
    fprintf(stderr, "pyprobe: %s: ", context);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputs(" (see pyprobe --help)\n", stderr);
    return PYPROBE_ERR_USAGE;
}

int cli_parse_timeout(const char *text, unsigned long *milliseconds)
{
    unsigned long whole = 0, fraction = 0, scale = 1000;
    const char *p = text;
    if (!*p)
        return 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        whole = whole * 10 + (unsigned long)(*p - '0');
        if (whole > 86400)
            return 0;
    }
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++)
            if (scale > 1) {
                scale /= 10;
                fraction += (unsigned long)(*p - '0') * scale;
            }
    }
    if (*p != '\0' || p == text)
        return 0;
    *milliseconds = whole * 1000 + fraction;
    return *milliseconds > 0;
}

int cli_close_stdout(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        fprintf(stderr, "pyprobe: standard output: write error: %s\n",
                strerror(errno));
        return code ? code : PYPROBE_ERR_IO;
    }
    return code;
}
