/* strbuf.c - a growable byte string. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

static int reserve(pp_strbuf *buf, size_t extra)
{
    if (buf->failed)
        return 0;
    if (extra >= (size_t)-1 / 2 - buf->length) {
        buf->failed = 1;
        return 0;
    }
    size_t needed = buf->length + extra + 1;
    if (needed <= buf->capacity)
        return 1;
    size_t capacity = buf->capacity ? buf->capacity : 256;
    while (capacity < needed)
        capacity *= 2;
    char *data = realloc(buf->data, capacity);
    if (!data) {
        buf->failed = 1;
        return 0;
    }
    buf->data = data;
    buf->capacity = capacity;
    return 1;
}

void pp_strbuf_append(pp_strbuf *buf, const char *bytes, size_t length)
{
    if (!reserve(buf, length))
        return;
    if (length)
        memcpy(buf->data + buf->length, bytes, length);
    buf->length += length;
    buf->data[buf->length] = '\0';
}

void pp_strbuf_puts(pp_strbuf *buf, const char *text)
{
    pp_strbuf_append(buf, text, strlen(text));
}

void pp_strbuf_putc(pp_strbuf *buf, char c)
{
    pp_strbuf_append(buf, &c, 1);
}

void pp_strbuf_vprintf(pp_strbuf *buf, const char *format, va_list args)
{
    va_list again;
    va_copy(again, args);
    int needed = vsnprintf(NULL, 0, format, args);
    if (needed < 0)
        buf->failed = 1;
    else if (reserve(buf, (size_t)needed)) {
        vsnprintf(buf->data + buf->length, (size_t)needed + 1, format, again);
        buf->length += (size_t)needed;
    }
    va_end(again);
}

void pp_strbuf_printf(pp_strbuf *buf, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    pp_strbuf_vprintf(buf, format, args);
    va_end(args);
}

char *pp_vformat(const char *format, va_list args)
{
    pp_strbuf buf = PP_STRBUF_INIT;
    pp_strbuf_vprintf(&buf, format, args);
    return pp_strbuf_take(&buf);
}

char *pp_format(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *text = pp_vformat(format, args);
    va_end(args);
    return text;
}

char *pp_strbuf_take(pp_strbuf *buf)
{
    if (buf->failed) {
        pp_strbuf_release(buf);
        return NULL;
    }
    if (!buf->data) {
        /* nothing was appended: hand out an empty string */
        if (!reserve(buf, 0))
            return NULL;
        buf->data[0] = '\0';
    }
    char *data = buf->data;
    buf->data = NULL;
    buf->length = buf->capacity = 0;
    return data;
}

void pp_strbuf_release(pp_strbuf *buf)
{
    free(buf->data);
    buf->data = NULL;
    buf->length = buf->capacity = 0;
    buf->failed = 0;
}
