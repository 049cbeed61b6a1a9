/* pep440.c - PEP 440 version validation, mirroring packaging 26.3.
 *
 * packaging matches this regular expression (re.VERBOSE|re.IGNORECASE;
 * the (?a:...) groups make letters match ASCII-case-insensitively only):
 *
 *   \s* v?+ (?a: (?:[0-9]+!)?+                        epoch
 *                [0-9]+ (?:\.[0-9]+)*+                release
 *                ([._-]?+ (alpha|a|beta|b|preview|pre|c|rc)
 *                 [._-]?+ [0-9]*)?+                   pre
 *                (-[0-9]+ | [._-]? (post|rev|r) [._-]? [0-9]*)?+  post
 *                ([._-]?+ dev [._-]?+ [0-9]*)?+       dev
 *         ) (?a: \+ [a-z0-9]+ (?:[._-][a-z0-9]+)*+ )?+ \s*
 *
 * Every optional group is possessive, so the match is a fixed sequence of
 * steps: at each step the group's first match (in the regex's own order
 * of preference) is taken or the group is skipped, and nothing is ever
 * given back. Each step below is one group. The pattern never matches
 * white space, so the surrounding \s* amounts to stripping white space
 * from both ends. */
#include "config.h"

#include <string.h>

#include "packaging/pep440.h"

typedef struct cursor {
    const unsigned char *p;
    const unsigned char *end;
} cursor;

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int is_alnum(int c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_separator(int c)
{
    return c == '.' || c == '_' || c == '-';
}

static int lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

static int at(const cursor *c, size_t offset)
{
    return (size_t)(c->end - c->p) > offset ? c->p[offset] : -1;
}

static void skip_digits(cursor *c)
{
    while (c->p < c->end && is_digit(*c->p))
        c->p++;
}

/* The first word of words[] that text starts with (ASCII case-folded),
 * as the regex alternation tries them in order; its length, or 0. */
static size_t match_word(const cursor *c, const char *const *words)
{
    for (; *words; words++) {
        size_t n = strlen(*words);
        if ((size_t)(c->end - c->p) < n)
            continue;
        size_t i = 0;
        while (i < n && lower(c->p[i]) == (*words)[i])
            i++;
        if (i == n)
            return n;
    }
    return 0;
}

/* [._-]? WORD [._-]? [0-9]*  (used for pre, the letter form of post, and
 * dev). The separators are optional but taken whenever present: without
 * the leading one the word cannot match at a separator anyway. */
static void letter_segment(cursor *c, const char *const *words)
{
    cursor q = *c;
    if (q.p < q.end && is_separator(*q.p))
        q.p++;
    size_t n = match_word(&q, words);
    if (!n)
        return;
    q.p += n;
    if (q.p < q.end && is_separator(*q.p))
        q.p++;
    skip_digits(&q);
    *c = q;
}

static void epoch(cursor *c)
{
    cursor q = *c;
    skip_digits(&q);
    if (q.p > c->p && q.p < q.end && *q.p == '!')
        c->p = q.p + 1;
}

static int release(cursor *c)
{
    if (!is_digit(at(c, 0)))
        return 0;
    skip_digits(c);
    while (at(c, 0) == '.' && is_digit(at(c, 1))) {
        c->p++;
        skip_digits(c);
    }
    return 1;
}

static void post(cursor *c)
{
    static const char *const words[] = {"post", "rev", "r", NULL};
    if (at(c, 0) == '-' && is_digit(at(c, 1))) { /* implicit: 1.0-1 */
        c->p++;
        skip_digits(c);
        return;
    }
    letter_segment(c, words);
}

static void local(cursor *c)
{
    if (at(c, 0) != '+' || !is_alnum(at(c, 1)))
        return;
    c->p++;
    while (c->p < c->end && is_alnum(*c->p))
        c->p++;
    while (is_separator(at(c, 0)) && is_alnum(at(c, 1))) {
        c->p++;
        while (c->p < c->end && is_alnum(*c->p))
            c->p++;
    }
}

/* Length of the Unicode white space character (Python's \s, which is
 * str.isspace()) encoded in UTF-8 at s, or 0. */
static size_t space_at(const unsigned char *s, size_t avail)
{
    if (avail >= 1 && ((s[0] >= 0x09 && s[0] <= 0x0d) ||
                       (s[0] >= 0x1c && s[0] <= 0x20)))
        return 1;
    if (avail >= 2 && s[0] == 0xc2 && (s[1] == 0x85 || s[1] == 0xa0))
        return 2;  /* U+0085, U+00A0 */
    if (avail < 3)
        return 0;
    if (s[0] == 0xe1 && s[1] == 0x9a && s[2] == 0x80)
        return 3;  /* U+1680 */
    if (s[0] == 0xe2 && s[1] == 0x80 &&
        ((s[2] >= 0x80 && s[2] <= 0x8a) || s[2] == 0xa8 || s[2] == 0xa9 ||
         s[2] == 0xaf))
        return 3;  /* U+2000..U+200A, U+2028, U+2029, U+202F */
    if (s[0] == 0xe2 && s[1] == 0x81 && s[2] == 0x9f)
        return 3;  /* U+205F */
    if (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80)
        return 3;  /* U+3000 */
    return 0;
}

/* Length of the white space character ending at end, or 0. The lead
 * bytes 0xc2, 0xe1..0xe3 are never continuation bytes, so looking 2 or
 * 3 bytes back cannot land inside another character of the set. */
static size_t space_before(const unsigned char *start, const unsigned char *end)
{
    size_t avail = (size_t)(end - start);
    if (avail >= 1 && space_at(end - 1, 1) == 1)
        return 1;
    if (avail >= 2 && space_at(end - 2, 2) == 2)
        return 2;
    if (avail >= 3 && space_at(end - 3, 3) == 3)
        return 3;
    return 0;
}

/* packaging's fast path: a string of only digits and dots is a release
 * segment, valid unless a part is empty ("", "1..2", ".1", "1."). */
static int only_dotted_digits(const unsigned char *s, size_t length, int *valid)
{
    for (size_t i = 0; i < length; i++)
        if (!is_digit(s[i]) && s[i] != '.')
            return 0;
    *valid = length > 0 && s[0] != '.' && s[length - 1] != '.';
    for (size_t i = 1; i < length; i++)
        if (s[i] == '.' && s[i - 1] == '.')
            *valid = 0;
    return 1;
}

int pp_pep440_is_valid(const char *text, size_t length)
{
    static const char *const pre_words[] = {
        "alpha", "a", "beta", "b", "preview", "pre", "c", "rc", NULL};
    static const char *const dev_words[] = {"dev", NULL};
    const unsigned char *s = (const unsigned char *)text;
    int valid;
    if (only_dotted_digits(s, length, &valid))
        return valid;

    cursor c = {s, s + length};
    size_t n;
    while ((n = space_at(c.p, (size_t)(c.end - c.p))) > 0)
        c.p += n;
    while (c.end > c.p && (n = space_before(c.p, c.end)) > 0)
        c.end -= n;

    if (at(&c, 0) == 'v' || at(&c, 0) == 'V')
        c.p++;
    epoch(&c);
    if (!release(&c))
        return 0;
    letter_segment(&c, pre_words);
    post(&c);
    letter_segment(&c, dev_words);
    local(&c);
    return c.p == c.end;
}
