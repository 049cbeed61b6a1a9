/* flags.c - compiler and linker flags that carry a path: -I, -L. */
#include "config.h"

#include <string.h>

#include "decide/flags.h"

static int is_flag_safe(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || strchr("_./,:=+@%-", c) != NULL ||
           c >= 0x80;
}

void pp_append_path_flag(pp_strbuf *buf, const char *flag, const char *path)
{
    pp_strbuf_puts(buf, flag);
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (!is_flag_safe(*p))
            pp_strbuf_putc(buf, '\\');
        pp_strbuf_putc(buf, (char)*p);
    }
}
