/* tag_set.c - wheel tags as text: triples, and '.'-separated sets
 * compared tag by tag. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "packaging/tag_set.h"

int pp_tag_set_has(const char *set, const char *tag, size_t length)
{
    for (const char *p = set; *p;) {
        const char *end = strchr(p, '.');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n == length && strncasecmp(p, tag, n) == 0)
            return 1;
        p += n + (end ? 1 : 0);
    }
    return 0;
}

int pp_tag_set_subset(const char *a, const char *b)
{
    if (!a[0])
        return 0;
    for (const char *p = a; *p;) {
        const char *end = strchr(p, '.');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n == 0 || !pp_tag_set_has(b, p, n))
            return 0;
        p += n + (end ? 1 : 0);
    }
    return 1;
}

void pp_lower_ascii(char *text)
{
    for (; *text; text++)
        if (*text >= 'A' && *text <= 'Z')
            *text = (char)(*text + ('a' - 'A'));
}

int pp_tag_push(pp_strlist *tags, const char *interpreter, const char *abi,
                const char *platform)
{
    size_t li = strlen(interpreter), la = strlen(abi), lp = strlen(platform);
    char *tag = malloc(li + la + lp + 3);
    if (!tag)
        return 0;
    memcpy(tag, interpreter, li);
    tag[li] = '-';
    memcpy(tag + li + 1, abi, la);
    tag[li + 1 + la] = '-';
    memcpy(tag + li + la + 2, platform, lp + 1);
    pp_lower_ascii(tag);
    return pp_strlist_push_owned(tags, tag);
}
