/* tag_set.c - '.'-separated tag sets, compared tag by tag. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "tag_set.h"

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
