/* strindex.c - a hash map from a string to its first position in a
 * list of strings: open addressing with linear probing, FNV-1a hashing from a
 * seed of each index's own, and a table kept at most half full so probe
 * runs stay short. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/error.h"
#include "util/strindex.h"

typedef struct slot {
    const char *text;  /* borrowed from the list; NULL = empty slot */
    size_t length;
    size_t position;
    uint32_t hash;
} slot;

struct pp_strindex {
    slot *slots;
    size_t mask;       /* table size - 1; the size is a power of two */
    size_t size;       /* distinct strings stored */
    uint32_t seed;     /* the hash's start value, see index_seed */
};

/* A start value of each index's own, so that no input can be made in
 * advance whose strings all collide: the index also finds duplicate
 * keys in the answers of interpreters, which may be hostile. */
static uint32_t index_seed(const void *index)
{
    uint64_t noise = (uint64_t)(uintptr_t)index ^ (uint64_t)time(NULL) ^
                     ((uint64_t)getpid() << 20) ^ (uint64_t)clock();
    return 2166136261u ^ (uint32_t)noise ^ (uint32_t)(noise >> 32);
}

static uint32_t hash_bytes(uint32_t seed, const char *text, size_t length)
{
    uint32_t hash = seed;
    for (size_t i = 0; i < length; i++) {
        hash ^= (unsigned char)text[i];
        hash *= 16777619u;
    }
    return hash;
}

/* The slot holding text, or the empty slot where it belongs. */
static slot *find_slot(const pp_strindex *index, const char *text,
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

pyprobe_status pp_strindex_build(const pp_strlist *list, pp_strindex **index,
                                 pyprobe_error *error)
{
    *index = NULL;
    size_t table = 16;
    while (table / 2 < list->count) {
        if (table > (size_t)-1 / (2 * sizeof(slot)))
            return pp_error_nomem(error);
        table *= 2;
    }
    pp_strindex *result = malloc(sizeof *result);
    if (!result)
        return pp_error_nomem(error);
    result->slots = calloc(table, sizeof *result->slots);
    if (!result->slots) {
        free(result);
        return pp_error_nomem(error);
    }
    result->mask = table - 1;
    result->size = 0;
    result->seed = index_seed(result);
    for (size_t i = 0; i < list->count; i++) {
        const char *text = list->items[i];
        size_t length = strlen(text);
        uint32_t hash = hash_bytes(result->seed, text, length);
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

int pp_strindex_lookup(const pp_strindex *index, const char *text,
                       size_t length, size_t *position)
{
    const slot *s = find_slot(index, text, length,
                              hash_bytes(index->seed, text, length));
    if (!s->text)
        return 0;
    *position = s->position;
    return 1;
}

size_t pp_strindex_size(const pp_strindex *index)
{
    return index->size;
}

void pp_strindex_free(pp_strindex *index)
{
    if (!index)
        return;
    free(index->slots);
    free(index);
}
