/* tag_set.h - wheel tags as text (internal): the "interp-abi-platform"
 * triples, lower case as packaging's Tag keeps them, and the
 * '.'-separated sets wheel names write ("abi3.abi3t"). Tags in a set are
 * compared whole and without regard to case, never as substrings:
 * "cp314" is not in "cp314t". */
#ifndef PP_TAG_SET_H
#define PP_TAG_SET_H

#include <stddef.h>

#include "util/strlist.h"

/* Lower-case the ASCII letters of text (tags are ASCII). */
void pp_lower_ascii(char *text);

/* Append "interpreter-abi-platform", lower-cased. It runs for every tag
 * of a list (over a thousand), so it is one malloc. 0 on out of memory. */
int pp_tag_push(pp_strlist *tags, const char *interpreter, const char *abi,
                const char *platform);

/* 1 if set holds tag (length bytes). */
int pp_tag_set_has(const char *set, const char *tag, size_t length);

/* 1 if every tag of a is in b (a must not be empty). */
int pp_tag_set_subset(const char *a, const char *b);

#endif
