/* ci.c - every name for a CI system.
 *
 * GitHub Actions reads the files named by $GITHUB_OUTPUT and $GITHUB_ENV
 * line by line: NAME=value takes the rest of the line as it is, and
 * NAME<<DELIMITER takes the lines up to one that is exactly DELIMITER,
 * without the last newline. Values with a newline use the second form,
 * with a delimiter that occurs nowhere in the value, so no value can end
 * its block early or inject a name. The runner decodes the file as UTF-8
 * and, on Windows, takes CR LF as a newline, so values that are not
 * UTF-8 or hold a control character other than tab and newline are
 * refused.
 *
 * The plain env file is one NAME=value line per name for readers that
 * take the rest of the line literally; it cannot carry a newline, so a
 * value with one is refused rather than cut. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "decide/report.h"
#include "util/error.h"
#include "util/strbuf.h"

/* Bytes that are valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
static int is_utf8(const unsigned char *p)
{
    while (*p) {
        unsigned c = *p;
        size_t n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1
                 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3
                 : (size_t)-1;
        if (n == (size_t)-1)
            return 0;
        for (size_t i = 1; i <= n; i++)
            if ((p[i] & 0xc0) != 0x80)
                return 0;
        if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] >= 0xa0) ||
            (c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] >= 0x90))
            return 0;
        p += n + 1;
    }
    return 1;
}

/* Control characters other than tab (and newline, where allowed). */
static int has_control(const char *value, int newline_ok)
{
    for (const unsigned char *p = (const unsigned char *)value; *p; p++)
        if ((*p < 0x20 && *p != '\t' && !(newline_ok && *p == '\n')) ||
            *p == 0x7f)
            return 1;
    return 0;
}

/* NAME<<PYPROBE_EOF, or _1, _2 ... until it is not in the value. */
static void put_heredoc(pp_strbuf *buf, const char *name, const char *value)
{
    char delimiter[32] = "PYPROBE_EOF";
    for (unsigned n = 1; strstr(value, delimiter); n++)
        snprintf(delimiter, sizeof delimiter, "PYPROBE_EOF_%u", n);
    pp_strbuf_printf(buf, "%s<<%s\n%s\n%s\n", name, delimiter, value,
                     delimiter);
}

pyprobe_status pyprobe_report_ci(const pyprobe_report *report,
                                 pyprobe_ci_format format, char **text,
                                 pyprobe_error *error)
{
    static const char *const option[] = {"--github-output", "--github-env",
                                         "--env-file"};
    *text = NULL;
    if ((unsigned)format > PYPROBE_CI_ENV_FILE)
        return pp_error_set(error, PYPROBE_ERR_USAGE, "CI output",
                            "unknown format %d", (int)format);
    int github = format != PYPROBE_CI_ENV_FILE;
    for (size_t i = 0; i < PP_NAME_COUNT; i++) {
        const char *value = report->values[i];
        if (has_control(value, github))
            return pp_error_set(error, PYPROBE_ERR_UNSUPPORTED,
                                option[format],
                                "the value of PYPROBE_%s holds %s, which "
                                "this format cannot carry", pp_names[i].name,
                                strchr(value, '\n') ? "a newline"
                                                    : "a control character");
        if (github && !is_utf8((const unsigned char *)value))
            return pp_error_set(error, PYPROBE_ERR_UNSUPPORTED,
                                option[format],
                                "the value of PYPROBE_%s is not valid UTF-8, "
                                "which GitHub Actions cannot carry",
                                pp_names[i].name);
    }

    pp_strbuf buf = PP_STRBUF_INIT;
    char name[64];
    for (size_t i = 0; i < PP_NAME_COUNT; i++) {
        const char *value = report->values[i];
        if (format == PYPROBE_CI_GITHUB_OUTPUT)
            snprintf(name, sizeof name, "%s", pp_names[i].key);
        else
            snprintf(name, sizeof name, "PYPROBE_%s", pp_names[i].name);
        if (github && strchr(value, '\n'))
            put_heredoc(&buf, name, value);
        else
            pp_strbuf_printf(&buf, "%s=%s\n", name, value);
    }
    *text = pp_strbuf_take(&buf);
    return *text ? PYPROBE_OK : pp_error_nomem(error);
}
