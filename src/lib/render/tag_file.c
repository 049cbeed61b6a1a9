/* tag_file.c - the KEY=value tag file.
 *
 * One file, three readers: POSIX sh sources it (`. python.env`), GNU
 * make includes it, and CI systems read KEY=value lines. The layout:
 *
 *   PYPROBE__SH=1; PYPROBE__WRITER='pyprobe 0.1.0'; PYPROBE_A='...'; ...;
 *       unset ...; return 0 2>/dev/null || exit 0
 *   PYPROBE_A=value
 *   ...
 *   PYPROBE__SH=
 *
 * sh runs the first line, which sets every value with sh quoting, and
 * then returns from the sourced file, so it never reads the rest. make
 * and CI readers take the first line as a variable PYPROBE__SH that the
 * last line empties again, and read the values from the KEY=value lines.
 * Those lines carry values as they are whenever make and a line-based
 * reader agree on them: anything but $, #, a backslash, control
 * characters and white space at either end (spaces and quotes are
 * fine). A value outside that is still exact for sh and make: its line
 * uses make's escaping ($$, $(PYPROBE__HASH) ...), which a CI reader
 * would take literally, so CI users get such values from
 * --github-output / --github-env (ci.c) instead. A value with a newline
 * also needs make's `define PYPROBE__NL =` ... `endef # =`, written so
 * that every line still has the KEY=value shape line-based readers
 * expect. Control characters other than tab and newline are refused: no
 * reader can be trusted with them. Variables named PYPROBE__* are
 * internal. */
#include "config.h"

#include <string.h>

#include "decide/report.h"
#include "util/error.h"
#include "util/strbuf.h"

/* Can make and a KEY=value reader both take this value as it is? */
static int is_raw_safe(const char *value)
{
    size_t length = strlen(value);
    if (length && (value[0] == ' ' || value[0] == '\t' ||
                   value[length - 1] == ' ' || value[length - 1] == '\t'))
        return 0;
    for (const unsigned char *p = (const unsigned char *)value; *p; p++)
        if (*p == '$' || *p == '#' || *p == '\\' || *p < 0x20 || *p == 0x7f)
            return 0;
    return 1;
}

static int is_carriable(const char *value)
{
    for (const unsigned char *p = (const unsigned char *)value; *p; p++)
        if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f)
            return 0;
    return 1;
}

/* sh: single quotes; ' as '\'' and a newline as "$PYPROBE__NL", so that
 * the sh line stays one physical line. */
static void put_sh_value(pp_strbuf *buf, const char *value)
{
    pp_strbuf_putc(buf, '\'');
    for (const char *p = value; *p; p++) {
        if (*p == '\'')
            pp_strbuf_puts(buf, "'\\''");
        else if (*p == '\n')
            pp_strbuf_puts(buf, "'\"$PYPROBE__NL\"'");
        else
            pp_strbuf_putc(buf, *p);
    }
    pp_strbuf_putc(buf, '\'');
}

/* make: $ as $$, and #, backslash and newline through helper variables;
 * empty references at both ends keep white space there. */
static void put_make_value(pp_strbuf *buf, const char *value)
{
    pp_strbuf_puts(buf, "$(PYPROBE__EMPTY)");
    for (const char *p = value; *p; p++) {
        switch (*p) {
        case '$': pp_strbuf_puts(buf, "$$"); break;
        case '#': pp_strbuf_puts(buf, "$(PYPROBE__HASH)"); break;
        case '\\': pp_strbuf_puts(buf, "$(PYPROBE__BS)"); break;
        case '\n': pp_strbuf_puts(buf, "$(PYPROBE__NL)"); break;
        default: pp_strbuf_putc(buf, *p);
        }
    }
    pp_strbuf_puts(buf, "$(PYPROBE__EMPTY)");
}

pyprobe_status pyprobe_report_tags(const pyprobe_report *report, char **text,
                                   pyprobe_error *error)
{
    *text = NULL;
    int escaped = 0, newline = 0;
    for (size_t i = 0; i < PP_NAME_COUNT; i++) {
        const char *value = report->values[i];
        if (!is_carriable(value)) {
            pp_error_set(error, PYPROBE_ERR_UNSUPPORTED, "--tags",
                         "the value of PYPROBE_%s holds a control character "
                         "that sh, make and CI files cannot all carry safely",
                         pp_names[i].name);
            return PYPROBE_ERR_UNSUPPORTED;
        }
        escaped |= !is_raw_safe(value);
        newline |= strchr(value, '\n') != NULL;
    }

    pp_strbuf buf = PP_STRBUF_INIT;
    /* Which pyprobe wrote it (pyprobe.require checks it), in the sh line
     * only, so that sh unsets it and make and CI readers never see it. */
    pp_strbuf_puts(&buf, "PYPROBE__SH=1; PYPROBE__WRITER='pyprobe "
                         PYPROBE_VERSION_STRING "';");
    if (newline)
        pp_strbuf_puts(&buf, " PYPROBE__NL=$(printf '\\n.');"
                             " PYPROBE__NL=${PYPROBE__NL%.};");
    for (size_t i = 0; i < PP_NAME_COUNT; i++) {
        pp_strbuf_printf(&buf, " PYPROBE_%s=", pp_names[i].name);
        put_sh_value(&buf, report->values[i]);
        pp_strbuf_putc(&buf, ';');
    }
    pp_strbuf_puts(&buf, newline ? " unset PYPROBE__SH PYPROBE__WRITER"
                                   " PYPROBE__NL;"
                                 : " unset PYPROBE__SH PYPROBE__WRITER;");
    pp_strbuf_puts(&buf, " return 0 2>/dev/null || exit 0\n");

    if (escaped) {
        pp_strbuf_puts(&buf, "PYPROBE__EMPTY=\n"
                             "PYPROBE__HASH=\\#\n"
                             "PYPROBE__BS=\\$(PYPROBE__EMPTY)\n");
        if (newline)
            /* "=" on both lines keeps line-based readers parsing */
            pp_strbuf_puts(&buf, "define PYPROBE__NL =\n\n\nendef # =\n");
    }
    for (size_t i = 0; i < PP_NAME_COUNT; i++) {
        const char *value = report->values[i];
        pp_strbuf_printf(&buf, "PYPROBE_%s=", pp_names[i].name);
        if (is_raw_safe(value))
            pp_strbuf_puts(&buf, value);
        else
            put_make_value(&buf, value);
        pp_strbuf_putc(&buf, '\n');
    }
    pp_strbuf_puts(&buf, "PYPROBE__SH=\n");
    *text = pp_strbuf_take(&buf);
    return *text ? PYPROBE_OK : pp_error_nomem(error);
}
