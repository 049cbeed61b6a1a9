/* file_set.c - write several files all or nothing.
 *
 * Each file is written to a temporary file in its own directory (so the
 * final rename stays on one file system and is atomic), and the renames
 * happen only once every temporary file is complete. A file whose
 * content would not change is left alone, as config.status does for
 * config.h, so make does not rebuild what depends on it. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "pyprobe.h"

typedef struct entry {
    char *path;
    char *content;
    size_t length;
    char *temp;        /* temporary file, while it exists */
    int unchanged;
} entry;

struct pyprobe_file_set {
    entry *entries;
    size_t count, capacity;
};

pyprobe_file_set *pyprobe_file_set_new(void)
{
    return calloc(1, sizeof(pyprobe_file_set));
}

void pyprobe_file_set_free(pyprobe_file_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->count; i++) {
        if (set->entries[i].temp)
            unlink(set->entries[i].temp);
        free(set->entries[i].temp);
        free(set->entries[i].path);
        free(set->entries[i].content);
    }
    free(set->entries);
    free(set);
}

pyprobe_status pyprobe_file_set_add(pyprobe_file_set *set, const char *path,
                                    const char *content, size_t length,
                                    pyprobe_error *error)
{
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->entries[i].path, path) == 0)
            return pp_error_set(error, PYPROBE_ERR_USAGE, path,
                                "named as more than one output");
    if (set->count == set->capacity) {
        size_t capacity = set->capacity ? set->capacity * 2 : 4;
        entry *entries = realloc(set->entries, capacity * sizeof *entries);
        if (!entries)
            return pp_error_nomem(error);
        set->entries = entries;
        set->capacity = capacity;
    }
    entry *e = &set->entries[set->count];
    memset(e, 0, sizeof *e);
    e->path = strdup(path);
    e->content = malloc(length + 1);
    if (!e->path || !e->content) {
        free(e->path);
        free(e->content);
        return pp_error_nomem(error);
    }
    memcpy(e->content, content, length);
    e->content[length] = '\0';
    e->length = length;
    set->count++;
    return PYPROBE_OK;
}

/* 1 if path holds exactly content. */
static int same_content(const char *path, const char *content, size_t length,
                        const struct stat *st)
{
    if (!S_ISREG(st->st_mode) || (size_t)st->st_size != length)
        return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char chunk[8192];
    size_t offset = 0;
    int same = 1;
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            same = n == 0 && offset == length;
            break;
        }
        if (offset + (size_t)n > length ||
            memcmp(chunk, content + offset, (size_t)n) != 0) {
            same = 0;
            break;
        }
        offset += (size_t)n;
    }
    close(fd);
    return same;
}

static int write_all(int fd, const char *data, size_t length)
{
    while (length > 0) {
        ssize_t n = write(fd, data, length);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return 0;
        data += n;
        length -= (size_t)n;
    }
    return 1;
}

/* Create "DIR/.NAME.XXXXXX" with O_EXCL and mode 0666 (the umask then
 * applies, as for any new file). */
static int create_temp(const char *path, char **temp)
{
    const char *slash = strrchr(path, '/');
    size_t dir_length = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = slash ? slash + 1 : path;
    size_t size = dir_length + strlen(base) + 32;
    static unsigned counter;
    for (int attempt = 0; attempt < 100; attempt++) {
        char *name = malloc(size);
        if (!name) {
            errno = ENOMEM;
            return -1;
        }
        unsigned long noise = (unsigned long)getpid() * 2654435761UL ^
                              (unsigned long)time(NULL) ^ (++counter * 40503UL);
        snprintf(name, size, "%.*s.%s.%06lx", (int)dir_length, path, base,
                 noise & 0xffffffUL);
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            *temp = name;
            return fd;
        }
        free(name);
        if (errno != EEXIST)
            return -1;
    }
    errno = EEXIST;
    return -1;
}

static pyprobe_status prepare(entry *e, pyprobe_error *error)
{
    struct stat st;
    int exists = stat(e->path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode))
        return pp_error_set(error, PYPROBE_ERR_IO, e->path, "is a directory");
    if (exists && same_content(e->path, e->content, e->length, &st)) {
        e->unchanged = 1;
        return PYPROBE_OK;
    }
    int fd = create_temp(e->path, &e->temp);
    if (fd < 0)
        return pp_error_set(error, PYPROBE_ERR_IO, e->path,
                            "cannot create it: %s", strerror(errno));
    int ok = write_all(fd, e->content, e->length);
    int saved = errno;
    if (ok && exists && S_ISREG(st.st_mode))
        fchmod(fd, st.st_mode & 07777);        /* keep the file's mode */
    if (close(fd) != 0 && ok) {
        ok = 0;
        saved = errno;
    }
    if (!ok)
        return pp_error_set(error, PYPROBE_ERR_IO, e->path,
                            "cannot write it: %s", strerror(saved));
    return PYPROBE_OK;
}

static void remove_temps(pyprobe_file_set *set)
{
    for (size_t i = 0; i < set->count; i++) {
        if (set->entries[i].temp) {
            unlink(set->entries[i].temp);
            free(set->entries[i].temp);
            set->entries[i].temp = NULL;
        }
    }
}

pyprobe_status pyprobe_file_set_commit(pyprobe_file_set *set,
                                       pyprobe_error *error)
{
    for (size_t i = 0; i < set->count; i++) {
        pyprobe_status status = prepare(&set->entries[i], error);
        if (status != PYPROBE_OK) {
            remove_temps(set);
            return status;
        }
    }
    for (size_t i = 0; i < set->count; i++) {
        entry *e = &set->entries[i];
        if (!e->temp)
            continue;
        if (rename(e->temp, e->path) != 0) {
            pyprobe_status status = pp_error_set(
                error, PYPROBE_ERR_IO, e->path, "cannot replace it: %s",
                strerror(errno));
            remove_temps(set);
            return status;
        }
        free(e->temp);
        e->temp = NULL;
    }
    return PYPROBE_OK;
}
