/* tag_index.c - a hash map from tag string to its first position in a
 * tag list: open addressing with linear probing, FNV-1a hashing, and a
 * table kept at most half full so probe runs stay short. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "tag_index.h"

typedef struct slot {
    const char *text;  /* borrowed from the list; NULL = empty slot */
    size_t length;
    size_t position;
    uint32_t hash;
} slot;

struct pp_tag_index {
    slot *slots;
    size_t mask;       /* table size - 1; the size is a power of two */
    size_t size;       /* distinct strings stored */
};

static uint32_t hash_bytes(const char *text, size_t length)
{
    uint32_t hash = 2166136261u;
    for (size_t i = 0; i < length; i++) {
        hash ^= (unsigned char)text[i];
        hash *= 16777619u;
    }
    return hash;
}

/* The slot holding text, or the empty slot where it belongs. */
static slot *find_slot(const pp_tag_index *index, const char *text,
                       size_t length, uint32_t hash)
{
    size_t i = hash & index->mask;
    for (;;) {
        slot *s = &index->slots[i];
        if (!s->text)
            return s;
        if (s->hash == hash && s->length == length &&
            memcmp(s->text, text, length) == 0)
            return s;
        i = (i + 1) & index->mask;
    }
}

pyprobe_status pp_tag_index_build(const pp_strlist *tags, pp_tag_index **index,
                                  pyprobe_error *error)
{
    *index = NULL;
    size_t table = 16;
    while (table / 2 < tags->count) {
        if (table > (size_t)-1 / (2 * sizeof(slot)))
            return pp_error_nomem(error);
        table *= 2;
    }
    pp_tag_index *result = malloc(sizeof *result);
    if (!result)
        return pp_error_nomem(error);
    result->slots = calloc(table, sizeof *result->slots);
    if (!result->slots) {
        free(result);
        return pp_error_nomem(error);
    }
    result->mask = table - 1;
    result->size = 0;
    for (size_t i = 0; i < tags->count; i++) {
        const char *text = tags->items[i];
        size_t length = strlen(text);
        uint32_t hash = hash_bytes(text, length);
        slot *s = find_slot(result, text, length, hash);
        if (s->text)
            continue; /* a repeat: the first position wins */
        s->text = text;
        s->length = length;
        s->position = i;
        s->hash = hash;
        result->size++;
    }
    *index = result;
    return PYPROBE_OK;
}

int pp_tag_index_lookup(const pp_tag_index *index, const char *tag,
                        size_t length, size_t *position)
{
    const slot *s = find_slot(index, tag, length, hash_bytes(tag, length));
    if (!s->text)
        return 0;
    *position = s->position;
    return 1;
}

size_t pp_tag_index_size(const pp_tag_index *index)
{
    return index->size;
}

void pp_tag_index_free(pp_tag_index *index)
{
    if (!index)
        return;
    free(index->slots);
    free(index);
}
