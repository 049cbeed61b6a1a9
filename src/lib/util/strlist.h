/* strlist.h - an owned list of strings (internal). */
#ifndef PP_STRLIST_H
#define PP_STRLIST_H

#include <stddef.h>

typedef struct pp_strlist {
    char **items;   /* each owned, NUL-terminated */
    size_t count;
    size_t capacity;
} pp_strlist;

#define PP_STRLIST_INIT {NULL, 0, 0}

/* Append a copy of text (length bytes, no NUL inside). 0 on out of memory. */
int pp_strlist_append(pp_strlist *list, const char *text, size_t length);
int pp_strlist_push(pp_strlist *list, const char *text);
/* Append text, taking ownership of it (freed on failure). */
int pp_strlist_push_owned(pp_strlist *list, char *text);
int pp_strlist_contains(const pp_strlist *list, const char *text);
void pp_strlist_clear(pp_strlist *list);

#endif
