/* render_tags.c - the KEY=value tag file.
 *
 * One file, three readers: POSIX sh sources it (`. python.env`), GNU
 * make includes it, and CI systems read KEY=value lines. When every value
 * is plain (letters, digits and _ . / - + , : = @ %), the file is just
 * KEY=value lines, which all three read the same.
 *
 * A value that needs quoting (a path with a space, a quote, $, a
 * backslash or a newline) cannot be written so that a line-oriented CI
 * reader gets it back, but sh and make must still get it byte for byte.
 * For those values the file becomes a sh/make polyglot:
 *
 *   PYPROBE_X='sh quoting'            sh: the value. make: a junk value,
 *                                     replaced below.
 *   PYPROBE__="                       sh: opens a string it then ignores;
 *   PYPROBE__SQ := '                  make: defines helper variables
 *   PYPROBE__="                       sh: closes it
 *   PYPROBE__='                       sh: opens another ignored string;
 *   define PYPROBE__NL ...            make: sees these lines, which set
 *   PYPROBE_X := make escaping        each value again with make's own
 *   PYPROBE__='                       escaping. sh: closes the string.
 *
 * The make part never contains a single quote (it uses $(PYPROBE__SQ)),
 * so sh cannot be tricked out of its string; the sh part is one physical
 * line per value (newlines come from $PYPROBE__NL), so make never sees a
 * continuation line. Variables named PYPROBE__* are internal. Control
 * characters other than tab and newline are refused: no reader can be
 * trusted with them. */
#include "config.h"

#include <string.h>

#include "error.h"
#include "report.h"
#include "strbuf.h"

static int is_plain_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || strchr("_./-+,:=@%", c) != NULL ||
           c >= 0x80;
}

static int is_plain(const char *value)
{
    for (const unsigned char *p = (const unsigned char *)value; *p; p++)
        if (!is_plain_byte(*p))
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

/* sh: single quotes; ' as '\'' and newline as "$PYPROBE__NL". */
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

/* make: $ as $$, and the characters make or the sh wrapper would act on
 * through helper variables. Empty references at both ends keep leading
 * and trailing white space. */
static void put_make_value(pp_strbuf *buf, const char *value)
{
    pp_strbuf_puts(buf, "$(PYPROBE__EMPTY)");
    for (const char *p = value; *p; p++) {
        switch (*p) {
        case '$': pp_strbuf_puts(buf, "$$"); break;
        case '\'': pp_strbuf_puts(buf, "$(PYPROBE__SQ)"); break;
        case '\n': pp_strbuf_puts(buf, "$(PYPROBE__NL)"); break;
        case '#': pp_strbuf_puts(buf, "$(PYPROBE__HASH)"); break;
        case '\\': pp_strbuf_puts(buf, "$(PYPROBE__BS)"); break;
        default: pp_strbuf_putc(buf, *p);
        }
    }
    pp_strbuf_puts(buf, "$(PYPROBE__EMPTY)");
}

pyprobe_status pyprobe_report_tags(const pyprobe_report *report, char **text,
                                   pyprobe_error *error)
{
    *text = NULL;
    int quoted = 0, newline = 0;
    for (size_t i = 0; i < PP_NAME_COUNT; i++) {
        const char *value = report->values[i];
        if (!is_carriable(value)) {
            pp_error_set(error, PYPROBE_ERR_UNSUPPORTED, "--tags",
                         "the value of PYPROBE_%s holds a control character "
                         "that sh, make and CI files cannot all carry safely",
                         pp_names[i].name);
            return PYPROBE_ERR_UNSUPPORTED;
        }
        quoted |= !is_plain(value);
        newline |= strchr(value, '\n') != NULL;
    }

    pp_strbuf buf = PP_STRBUF_INIT;
    for (size_t i = 0; i < PP_NAME_COUNT; i++)
        if (is_plain(report->values[i]))
            pp_strbuf_printf(&buf, "PYPROBE_%s=%s\n", pp_names[i].name,
                             report->values[i]);
    if (quoted) {
        if (newline)
            pp_strbuf_puts(&buf, "PYPROBE__NL=$(printf '\\n.');"
                                 "PYPROBE__NL=${PYPROBE__NL%.}\n");
        for (size_t i = 0; i < PP_NAME_COUNT; i++) {
            if (is_plain(report->values[i]))
                continue;
            pp_strbuf_printf(&buf, "PYPROBE_%s=", pp_names[i].name);
            put_sh_value(&buf, report->values[i]);
            pp_strbuf_putc(&buf, '\n');
        }
        pp_strbuf_puts(&buf,
                       "PYPROBE__=\"\n"
                       "PYPROBE__SQ := '\n"
                       "PYPROBE__=\"\n"
                       "PYPROBE__='\n"
                       "PYPROBE__EMPTY :=\n"
                       "PYPROBE__HASH := \\#\n"
                       "PYPROBE__BS := \\$(PYPROBE__EMPTY)\n"
                       "define PYPROBE__NL\n\n\nendef\n");
        for (size_t i = 0; i < PP_NAME_COUNT; i++) {
            if (is_plain(report->values[i]))
                continue;
            pp_strbuf_printf(&buf, "PYPROBE_%s := ", pp_names[i].name);
            put_make_value(&buf, report->values[i]);
            pp_strbuf_putc(&buf, '\n');
        }
        pp_strbuf_puts(&buf, "PYPROBE__='\n");
    }
    *text = pp_strbuf_take(&buf);
    return *text ? PYPROBE_OK : pp_error_nomem(error);
}
