/* strlist.c - an owned list of strings. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "util/strlist.h"

int pp_strlist_push_owned(pp_strlist *list, char *text)
{
    if (!text)
        return 0;
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 8;
        char **items = realloc(list->items, capacity * sizeof *items);
        if (!items) {
            free(text);
            return 0;
        }
        list->items = items;
        list->capacity = capacity;
    }
    list->items[list->count++] = text;
    return 1;
}

int pp_strlist_append(pp_strlist *list, const char *text, size_t length)
{
    char *copy = malloc(length + 1);
    if (!copy)
        return 0;
    memcpy(copy, text, length);
    copy[length] = '\0';
    return pp_strlist_push_owned(list, copy);
}

int pp_strlist_push(pp_strlist *list, const char *text)
{
    return pp_strlist_append(list, text, strlen(text));
}

int pp_strlist_contains(const pp_strlist *list, const char *text)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->items[i], text) == 0)
            return 1;
    return 0;
}

void pp_strlist_clear(pp_strlist *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = list->capacity = 0;
}
