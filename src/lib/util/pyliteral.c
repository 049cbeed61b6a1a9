/* pyliteral.c - a strict parser for Python literal displays.
 *
 * A hand-written recursive-descent parser over a small, fixed grammar:
 * the subset of Python expressions that ascii(), repr() and pprint emit
 * for plain data. Keeping the grammar this small is what makes it safe
 * to read output from a program we do not trust. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util/deadline.h"
#include "util/error.h"
#include "util/pyliteral.h"
#include "util/strbuf.h"
#include "util/strindex.h"

/* Deeper nesting than this is not data pyprobe reads; refusing it keeps
 * hostile input from exhausting the stack. */
#define MAX_DEPTH 32

/* How many values and pieces of strings to read between two looks at
 * the clock: a few thousand take well under a millisecond, so a parse
 * overruns its deadline by no more than that, and the looks cost
 * nothing measurable. */
#define STEPS_PER_CLOCK_LOOK 4096

typedef struct parser {
    const char *text;
    size_t length;
    size_t pos;
    int brackets;        /* open brackets: newlines are white space inside */
    const char *context;
    pyprobe_error *error;
    const pp_deadline *deadline;   /* NULL: no time limit */
    unsigned long steps;           /* values and pieces of strings read */
    pyprobe_status status;         /* the first failure, or PYPROBE_OK */
} parser;

static int fail(parser *p, const char *what)
{
    if (p->status != PYPROBE_OK)
        return 0;
    size_t line = 1, column = 1;
    for (size_t i = 0; i < p->pos && i < p->length; i++) {
        if (p->text[i] == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
    }
    p->status = pp_error_set(p->error, PYPROBE_ERR_PROTOCOL, p->context,
                             "line %zu, column %zu: %s", line, column, what);
    return 0;
}

static void out_of_memory(parser *p)
{
    if (p->status == PYPROBE_OK)
        p->status = pp_error_nomem(p->error);
}

/* 0, with the error set, once the deadline has passed. The clock is
 * looked at before the first step (a deadline already gone fails at
 * once) and every STEPS_PER_CLOCK_LOOK steps after. */
static int in_time(parser *p)
{
    if (!p->deadline || p->steps++ % STEPS_PER_CLOCK_LOOK != 0 ||
        pp_deadline_left_ms(p->deadline) > 0)
        return 1;
    if (p->status == PYPROBE_OK)
        p->status = pp_deadline_error(p->error, p->context, p->deadline,
                                      "timed out while reading its answer",
                                      NULL);
    return 0;
}

static int peek(const parser *p)
{
    return p->pos < p->length ? (unsigned char)p->text[p->pos] : -1;
}

static int peek_at(const parser *p, size_t ahead)
{
    return p->pos + ahead < p->length
               ? (unsigned char)p->text[p->pos + ahead] : -1;
}

/* White space, comments and line continuations. Newlines only count as
 * white space inside brackets, as in Python. */
static void skip_space(parser *p)
{
    for (;;) {
        int c = peek(p);
        if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
            p->pos++;
        } else if (c == '\n' && p->brackets > 0) {
            p->pos++;
        } else if (c == '\\' && (peek_at(p, 1) == '\n' ||
                                 (peek_at(p, 1) == '\r' &&
                                  peek_at(p, 2) == '\n'))) {
            p->pos += peek_at(p, 1) == '\n' ? 2 : 3;
        } else if (c == '#') {
            while (peek(p) != -1 && peek(p) != '\n')
                p->pos++;
        } else {
            return;
        }
    }
}

static int is_ident_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

static pp_lit *new_lit(parser *p, pp_lit_type type)
{
    pp_lit *lit = calloc(1, sizeof *lit);
    if (!lit)
        out_of_memory(p);
    else
        lit->type = type;
    return lit;
}

/* Append code point cp as UTF-8; U+DC80..U+DCFF become raw bytes. */
static int put_code_point(parser *p, pp_strbuf *out, unsigned long cp)
{
    if (cp == 0)
        return fail(p, "string holds a NUL character");
    if (cp >= 0xDC80 && cp <= 0xDCFF) {
        pp_strbuf_putc(out, (char)(cp - 0xDC00));
        return 1;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return fail(p, "string holds a lone surrogate");
    if (cp > 0x10FFFF)
        return fail(p, "escape is beyond U+10FFFF");
    char bytes[4];
    size_t n;
    if (cp < 0x80) {
        bytes[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        bytes[0] = (char)(0xC0 | (cp >> 6));
        bytes[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        bytes[0] = (char)(0xE0 | (cp >> 12));
        bytes[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        bytes[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        bytes[0] = (char)(0xF0 | (cp >> 18));
        bytes[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        bytes[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        bytes[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    pp_strbuf_append(out, bytes, n);
    return 1;
}

static int hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* After a backslash in a non-raw string. */
static int parse_escape(parser *p, pp_strbuf *out)
{
    int c = peek(p);
    if (c == -1)
        return fail(p, "string ends inside an escape");
    p->pos++;
    switch (c) {
    case '\n': return 1;                       /* line continuation */
    case '\\': pp_strbuf_putc(out, '\\'); return 1;
    case '\'': pp_strbuf_putc(out, '\''); return 1;
    case '"': pp_strbuf_putc(out, '"'); return 1;
    case 'a': pp_strbuf_putc(out, '\a'); return 1;
    case 'b': pp_strbuf_putc(out, '\b'); return 1;
    case 'f': pp_strbuf_putc(out, '\f'); return 1;
    case 'n': pp_strbuf_putc(out, '\n'); return 1;
    case 'r': pp_strbuf_putc(out, '\r'); return 1;
    case 't': pp_strbuf_putc(out, '\t'); return 1;
    case 'v': pp_strbuf_putc(out, '\v'); return 1;
    case 'x': case 'u': case 'U': {
        int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
        unsigned long cp = 0;
        for (int i = 0; i < digits; i++) {
            int h = hex_value(peek(p));
            if (h < 0)
                return fail(p, "malformed \\x, \\u or \\U escape");
            cp = cp * 16 + (unsigned long)h;
            p->pos++;
        }
        return put_code_point(p, out, cp);
    }
    case 'N':
        return fail(p, "\\N{...} escapes are not supported");
    default:
        if (c >= '0' && c <= '7') {
            unsigned long cp = (unsigned long)(c - '0');
            for (int i = 0; i < 2 && peek(p) >= '0' && peek(p) <= '7'; i++)
                cp = cp * 8 + (unsigned long)(peek(p) - '0'), p->pos++;
            return put_code_point(p, out, cp);
        }
        /* Python keeps unknown escapes as written. */
        pp_strbuf_putc(out, '\\');
        pp_strbuf_putc(out, (char)c);
        return 1;
    }
}

/* One string literal, appended to out. */
static int parse_one_string(parser *p, pp_strbuf *out)
{
    int raw = 0;
    int c = peek(p);
    if (c == 'r' || c == 'R' || c == 'u' || c == 'U') {
        raw = c == 'r' || c == 'R';
        p->pos++;
    }
    int quote = peek(p);
    if (quote != '\'' && quote != '"')
        return fail(p, "expected a string");
    int triple = peek_at(p, 1) == quote && peek_at(p, 2) == quote;
    p->pos += triple ? 3 : 1;
    for (;;) {
        if (!in_time(p))
            return 0;
        c = peek(p);
        if (c == -1)
            return fail(p, "string is not terminated");
        if (c == quote && (!triple || (peek_at(p, 1) == quote &&
                                       peek_at(p, 2) == quote))) {
            p->pos += triple ? 3 : 1;
            return 1;
        }
        if (c == '\n' && !triple)
            return fail(p, "newline inside a string");
        p->pos++;
        if (c == '\\' && !raw) {
            if (!parse_escape(p, out))
                return 0;
        } else if (c == '\\') {          /* raw: backslash stays */
            pp_strbuf_putc(out, '\\');
            if (peek(p) != -1 && peek(p) != '\n') {
                pp_strbuf_putc(out, (char)peek(p));
                p->pos++;
            }
        } else if (c == 0) {
            return fail(p, "string holds a NUL byte");
        } else {
            /* The characters up to the next one that needs a look, at
             * once: a probe answer or a sysconfig table is mostly such
             * runs. */
            size_t start = p->pos - 1;
            while ((c = peek(p)) > 0 && c != quote && c != '\\' && c != '\n')
                p->pos++;
            pp_strbuf_append(out, p->text + start, p->pos - start);
        }
    }
}

static int starts_string(const parser *p)
{
    int c = peek(p);
    if (c == '\'' || c == '"')
        return 1;
    if (c == 'r' || c == 'R' || c == 'u' || c == 'U') {
        int next = peek_at(p, 1);
        return next == '\'' || next == '"';
    }
    return 0;
}

/* Adjacent literals concatenate, as in Python: "a" "b" == "ab". */
static pp_lit *parse_string(parser *p)
{
    pp_strbuf buf = PP_STRBUF_INIT;
    do {
        if (!parse_one_string(p, &buf)) {
            pp_strbuf_release(&buf);
            return NULL;
        }
        skip_space(p);
    } while (starts_string(p));
    size_t length = buf.length;
    char *text = pp_strbuf_take(&buf);
    if (!text) {
        out_of_memory(p);
        return NULL;
    }
    pp_lit *lit = new_lit(p, PP_LIT_STR);
    if (!lit) {
        free(text);
        return NULL;
    }
    lit->str = text;
    lit->length = length;
    return lit;
}

static pp_lit *parse_int(parser *p)
{
    int negative = 0;
    if (peek(p) == '-') {
        negative = 1;
        p->pos++;
    }
    size_t start = p->pos;
    unsigned long long value = 0;
    const unsigned long long limit =
        negative ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
    while (peek(p) >= '0' && peek(p) <= '9') {
        unsigned digit = (unsigned)(peek(p) - '0');
        if (value > (limit - digit) / 10) {
            fail(p, "integer out of range");
            return NULL;
        }
        value = value * 10 + digit;
        p->pos++;
    }
    if (p->pos == start) {
        fail(p, "expected a number");
        return NULL;
    }
    if (p->pos - start > 1 && p->text[start] == '0') {
        fail(p, "integer with a leading zero");
        return NULL;
    }
    int c = peek(p);
    if (c == '.' || c == 'e' || c == 'E' || c == 'j' || c == 'J') {
        fail(p, "floating-point and complex numbers are not supported");
        return NULL;
    }
    if (is_ident_char(c)) {
        fail(p, "malformed number");
        return NULL;
    }
    pp_lit *lit = new_lit(p, PP_LIT_INT);
    if (lit)
        lit->integer = negative ? (long long)(0 - value) : (long long)value;
    return lit;
}

static pp_lit *parse_value(parser *p, int depth);

static int grow(parser *p, pp_lit *lit, size_t *capacity, int with_keys)
{
    if (lit->length < *capacity)
        return 1;
    size_t n = *capacity ? *capacity * 2 : 8;
    pp_lit **items = realloc(lit->items, n * sizeof *items);
    if (!items)
        goto nomem;
    lit->items = items;
    if (with_keys) {
        char **keys = realloc(lit->keys, n * sizeof *keys);
        if (!keys)
            goto nomem;
        lit->keys = keys;
    }
    *capacity = n;
    return 1;
nomem:
    out_of_memory(p);
    return 0;
}

/* [a, b] or (a, b): both become PP_LIT_LIST. A parenthesised single
 * value without a trailing comma is that value, as in Python. */
static pp_lit *parse_sequence(parser *p, int depth, int close)
{
    int is_paren = close == ')';
    p->pos++;
    p->brackets++;
    skip_space(p);
    pp_lit *lit = new_lit(p, PP_LIT_LIST);
    if (!lit)
        return NULL;
    size_t capacity = 0;
    int saw_comma = 0;
    while (peek(p) != close) {
        if (!grow(p, lit, &capacity, 0))
            goto error;
        pp_lit *item = parse_value(p, depth + 1);
        if (!item)
            goto error;
        lit->items[lit->length++] = item;
        skip_space(p);
        if (peek(p) == ',') {
            p->pos++;
            saw_comma = 1;
            skip_space(p);
        } else if (peek(p) != close) {
            fail(p, is_paren ? "expected ',' or ')'" : "expected ',' or ']'");
            goto error;
        }
    }
    p->pos++;
    p->brackets--;
    if (is_paren && lit->length == 1 && !saw_comma) {
        pp_lit *inner = lit->items[0];
        lit->length = 0;
        pp_lit_free(lit);
        return inner;
    }
    return lit;
error:
    pp_lit_free(lit);
    return NULL;
}

/* Refuse a dict that names a key twice. One hash index over all the
 * keys, built when the dict is complete, keeps this linear: a check per
 * key against the keys before it made an 80,000-key answer take 43 s. */
static int unique_keys(parser *p, const pp_lit *dict)
{
    pp_strlist keys = {dict->keys, dict->length, dict->length};
    pp_strindex *index;
    if (pp_strindex_build(&keys, &index, NULL) != PYPROBE_OK) {
        out_of_memory(p);
        return 0;
    }
    int unique = pp_strindex_size(index) == dict->length;
    pp_strindex_free(index);
    return unique || fail(p, "duplicate dictionary key");
}

static pp_lit *parse_dict(parser *p, int depth)
{
    p->pos++;
    p->brackets++;
    skip_space(p);
    pp_lit *lit = new_lit(p, PP_LIT_DICT);
    if (!lit)
        return NULL;
    size_t capacity = 0;
    while (peek(p) != '}') {
        if (!grow(p, lit, &capacity, 1))
            goto error;
        if (!starts_string(p)) {
            fail(p, "dictionary keys must be strings");
            goto error;
        }
        pp_lit *key = parse_string(p);
        if (!key)
            goto error;
        skip_space(p);
        if (peek(p) != ':') {
            pp_lit_free(key);
            fail(p, "expected ':'");
            goto error;
        }
        p->pos++;
        skip_space(p);
        pp_lit *value = parse_value(p, depth + 1);
        if (!value) {
            pp_lit_free(key);
            goto error;
        }
        lit->keys[lit->length] = key->str;
        key->str = NULL;
        pp_lit_free(key);
        lit->items[lit->length++] = value;
        skip_space(p);
        if (peek(p) == ',') {
            p->pos++;
            skip_space(p);
        } else if (peek(p) != '}') {
            fail(p, "expected ',' or '}'");
            goto error;
        }
    }
    if (!unique_keys(p, lit))
        goto error;
    p->pos++;
    p->brackets--;
    return lit;
error:
    pp_lit_free(lit);
    return NULL;
}

static int match_word(parser *p, const char *word)
{
    size_t n = strlen(word);
    if (p->length - p->pos < n || memcmp(p->text + p->pos, word, n) != 0)
        return 0;
    if (p->pos + n < p->length &&
        is_ident_char((unsigned char)p->text[p->pos + n]))
        return 0;
    p->pos += n;
    return 1;
}

static pp_lit *parse_value(parser *p, int depth)
{
    if (!in_time(p))
        return NULL;
    if (depth > MAX_DEPTH) {
        fail(p, "nested too deeply");
        return NULL;
    }
    skip_space(p);
    int c = peek(p);
    if (c == '{')
        return parse_dict(p, depth);
    if (c == '[')
        return parse_sequence(p, depth, ']');
    if (c == '(')
        return parse_sequence(p, depth, ')');
    if (starts_string(p))
        return parse_string(p);
    if (c == '-' || (c >= '0' && c <= '9'))
        return parse_int(p);
    if (match_word(p, "None"))
        return new_lit(p, PP_LIT_NONE);
    int truth = match_word(p, "True") ? 1 : match_word(p, "False") ? 0 : -1;
    if (truth >= 0) {
        pp_lit *lit = new_lit(p, PP_LIT_BOOL);
        if (lit)
            lit->integer = truth;
        return lit;
    }
    if (c == -1)
        fail(p, "unexpected end of input");
    else
        fail(p, "expected a literal (string, number, None, True, False, "
                "list, tuple or dict)");
    return NULL;
}

static int check_nul_free(parser *p)
{
    if (memchr(p->text, '\0', p->length)) {
        p->pos = (size_t)((const char *)memchr(p->text, '\0', p->length) -
                          p->text);
        return fail(p, "input holds a NUL byte");
    }
    return 1;
}

pyprobe_status pp_lit_parse(const char *text, size_t length,
                            const char *context, const pp_deadline *deadline,
                            pp_lit **result, pyprobe_error *error)
{
    parser p = {.text = text, .length = length, .context = context,
                .error = error, .deadline = deadline};
    *result = NULL;
    if (!check_nul_free(&p))
        return p.status;
    skip_space(&p);
    while (peek(&p) == '\n') {                 /* blank and comment lines */
        p.pos++;
        skip_space(&p);
    }
    pp_lit *lit = parse_value(&p, 0);
    if (!lit)
        return p.status;
    skip_space(&p);
    while (peek(&p) == '\n') {
        p.pos++;
        skip_space(&p);
    }
    if (p.pos != p.length) {
        fail(&p, "unexpected text after the literal");
        pp_lit_free(lit);
        return p.status;
    }
    *result = lit;
    return PYPROBE_OK;
}

/* Skip blank lines and comment lines at statement level. */
static void skip_statement_space(parser *p)
{
    for (;;) {
        skip_space(p);
        if (peek(p) == '\n')
            p->pos++;
        else if (peek(p) == ';')
            p->pos++;
        else
            return;
    }
}

pyprobe_status pp_lit_parse_assignment(const char *text, size_t length,
                                       const char *name, const char *context,
                                       pp_lit **result, pyprobe_error *error)
{
    parser p = {.text = text, .length = length, .context = context,
                .error = error};
    pp_lit *found = NULL;
    int first = 1;
    *result = NULL;
    if (!check_nul_free(&p))
        return p.status;
    for (;;) {
        skip_statement_space(&p);
        if (peek(&p) == -1)
            break;
        if (first && starts_string(&p)) {           /* module docstring */
            pp_lit *doc = parse_string(&p);
            if (!doc)
                goto error;
            pp_lit_free(doc);
        } else {
            size_t start = p.pos;
            while (is_ident_char(peek(&p)))
                p.pos++;
            if (p.pos == start || (p.text[start] >= '0' &&
                                   p.text[start] <= '9')) {
                fail(&p, "expected an assignment NAME = literal");
                goto error;
            }
            size_t name_length = p.pos - start;
            skip_space(&p);
            if (peek(&p) != '=' || peek_at(&p, 1) == '=') {
                fail(&p, "expected '='");
                goto error;
            }
            p.pos++;
            pp_lit *value = parse_value(&p, 0);
            if (!value)
                goto error;
            if (strlen(name) == name_length &&
                memcmp(name, p.text + start, name_length) == 0) {
                pp_lit_free(found);
                found = value;
            } else {
                pp_lit_free(value);
            }
        }
        first = 0;
        skip_space(&p);
        if (peek(&p) != -1 && peek(&p) != '\n' && peek(&p) != ';') {
            fail(&p, "expected the end of the statement");
            goto error;
        }
    }
    if (!found) {
        pp_error_set(error, PYPROBE_ERR_PROTOCOL, context,
                     "no assignment to %s", name);
        return PYPROBE_ERR_PROTOCOL;
    }
    *result = found;
    return PYPROBE_OK;
error:
    pp_lit_free(found);
    return p.status;
}

void pp_lit_free(pp_lit *lit)
{
    if (!lit)
        return;
    free(lit->str);
    for (size_t i = 0; i < lit->length; i++) {
        if (lit->items)
            pp_lit_free(lit->items[i]);
        if (lit->keys)
            free(lit->keys[i]);
    }
    free(lit->items);
    free(lit->keys);
    free(lit);
}

const pp_lit *pp_lit_get(const pp_lit *dict, const char *key)
{
    if (!dict || dict->type != PP_LIT_DICT)
        return NULL;
    for (size_t i = 0; i < dict->length; i++)
        if (strcmp(dict->keys[i], key) == 0)
            return dict->items[i];
    return NULL;
}

const char *pp_lit_type_name(pp_lit_type type)
{
    switch (type) {
    case PP_LIT_NONE: return "None";
    case PP_LIT_BOOL: return "bool";
    case PP_LIT_INT: return "int";
    case PP_LIT_STR: return "str";
    case PP_LIT_LIST: return "list";
    case PP_LIT_DICT: return "dict";
    }
    return "?";
}
