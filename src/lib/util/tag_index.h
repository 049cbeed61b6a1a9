/* tag_index.h - a hash map from tag string to its first position in a
 * tag list (internal).
 *
 * Ranking a wheel asks "where is this tag in sys_tags()?" for each of
 * the wheel's tags; a linear search per question would make checking
 * many wheels against a ~1200-entry list quadratic. The index is built
 * once per tag list and answers each question in O(1) on average. */
#ifndef PP_TAG_INDEX_H
#define PP_TAG_INDEX_H

#include <stddef.h>

#include "pyprobe.h"
#include "util/strlist.h"

typedef struct pp_tag_index pp_tag_index;

/* Index the strings of tags. The index borrows them: tags must stay
 * unchanged and alive until the index is freed. When a string occurs
 * more than once, its first position is kept. On success *index is set
 * (caller frees with pp_tag_index_free); on failure it is NULL. */
pyprobe_status pp_tag_index_build(const pp_strlist *tags, pp_tag_index **index,
                                  pyprobe_error *error);

/* 1 and *position set when tag (length bytes) is in the list, 0 when it
 * is not. */
int pp_tag_index_lookup(const pp_tag_index *index, const char *tag,
                        size_t length, size_t *position);

/* The number of distinct strings indexed. */
size_t pp_tag_index_size(const pp_tag_index *index);

void pp_tag_index_free(pp_tag_index *index);

#endif
