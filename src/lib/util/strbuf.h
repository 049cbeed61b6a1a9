/* strbuf.h - a growable byte string (internal).
 *
 * Appending never fails loudly: on out of memory the buffer remembers it
 * (failed = 1) and ignores further appends, so writers can append freely
 * and check once at the end. */
#ifndef PP_STRBUF_H
#define PP_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct pp_strbuf {
    char *data;    /* NUL-terminated when not NULL */
    size_t length;
    size_t capacity;
    int failed;
} pp_strbuf;

#define PP_STRBUF_INIT {NULL, 0, 0, 0}

void pp_strbuf_append(pp_strbuf *buf, const char *bytes, size_t length);
void pp_strbuf_puts(pp_strbuf *buf, const char *text);
void pp_strbuf_putc(pp_strbuf *buf, char c);
void pp_strbuf_printf(pp_strbuf *buf, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(PP_PRINTF, 2, 3)))
#endif
    ;
/* The format attribute (0: arguments in a va_list) also keeps clang
 * quiet where the C library's vsnprintf is a fortified macro (macOS). */
void pp_strbuf_vprintf(pp_strbuf *buf, const char *format, va_list args)
#if defined(__GNUC__)
    __attribute__((format(PP_PRINTF, 2, 0)))
#endif
    ;

/* A new string formatted as printf does (caller frees), or NULL when out
 * of memory. The one printf to a new string: use it, not a strbuf of
 * one printf. */
char *pp_format(const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(PP_PRINTF, 1, 2)))
#endif
    ;
char *pp_vformat(const char *format, va_list args)
#if defined(__GNUC__)
    __attribute__((format(PP_PRINTF, 1, 0)))
#endif
    ;

/* Hand the text to the caller (caller frees) and reset the buffer.
 * Returns NULL if an append failed; the buffer is released either way. */
char *pp_strbuf_take(pp_strbuf *buf);
void pp_strbuf_release(pp_strbuf *buf);

#endif
