/* strindex.h - a hash map from a string to its first position in a
 * list of strings (internal).
 *
 * Ranking a wheel asks "where is this tag in sys_tags()?" for each of
 * the wheel's tags; a linear search per question would make checking
 * many wheels against a ~1200-entry list quadratic. The index is built
 * once per list and answers each question in O(1) on average. The
 * literal parser asks it whether a dict's keys are unique. */
#ifndef PP_STRINDEX_H
#define PP_STRINDEX_H

#include <stddef.h>

#include "pyprobe.h"
#include "util/strlist.h"

typedef struct pp_strindex pp_strindex;

/* Index the strings of list. The index borrows them: they must stay
 * unchanged and alive until the index is freed. When a string occurs
 * more than once, its first position is kept. On success *index is set
 * (caller frees with pp_strindex_free); on failure it is NULL. */
pyprobe_status pp_strindex_build(const pp_strlist *list, pp_strindex **index,
                                 pyprobe_error *error);

/* 1 and *position set when text (length bytes) is in the list, 0 when
 * it is not. */
int pp_strindex_lookup(const pp_strindex *index, const char *text,
                       size_t length, size_t *position);

/* The number of distinct strings indexed. */
size_t pp_strindex_size(const pp_strindex *index);

void pp_strindex_free(pp_strindex *index);

#endif
