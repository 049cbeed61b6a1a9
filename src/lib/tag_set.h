/* tag_set.h - '.'-separated tag sets as wheel names write them
 * ("abi3.abi3t") (internal). Tags are compared whole and without regard
 * to case, never as substrings: "cp314" is not in "cp314t". */
#ifndef PP_TAG_SET_H
#define PP_TAG_SET_H

#include <stddef.h>

/* 1 if set holds tag (length bytes). */
int pp_tag_set_has(const char *set, const char *tag, size_t length);

/* 1 if every tag of a is in b (a must not be empty). */
int pp_tag_set_subset(const char *a, const char *b);

#endif
