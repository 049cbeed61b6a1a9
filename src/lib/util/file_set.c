/* file_set.c - write several files all or nothing.
 *
 * Each file is written to a temporary file in its own directory (so the
 * final rename stays on one file system and is atomic), and the renames
 * happen only once every temporary file is complete. A file whose
 * content would not change is left alone, as config.status does for
 * config.h, so make does not rebuild what depends on it.
 *
 * Only regular files are replaced. What a path names decides how it is
 * written (one rule for every output):
 *   "-"                          standard output, written through;
 *   /dev/stdout, /dev/fd/N, /proc/PID/fd/N and the like name a file
 *                                descriptor: written through (appended
 *                                to, when it is a regular file);
 *   a device, FIFO or socket     opened and written through, never
 *                                renamed over (as root, renaming over
 *                                /dev/null would replace it);
 *   a symbolic link              followed: its final target is written
 *                                by these rules, so the link stays a link;
 *   a directory                  an error;
 *   a regular file, or nothing   replaced atomically.
 * Written-through outputs cannot be atomic: they are written after every
 * temporary file is ready and before any rename, so a failure still
 * leaves every replaced file as it was. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "os/os.h"
#include "pyprobe.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/write_all.h"

/* How many symbolic links a path may pass through (Linux's own limit). */
#define MAX_LINK_HOPS 40

typedef struct entry {
    char *path;        /* as the caller named it */
    char *target;      /* what is written: path with its links followed */
    char *content;
    size_t length;
    char *temp;        /* temporary file, while it exists */
    int unchanged;
    int through;       /* write through target (see above), no rename */
    int own_fd;        /* with through: our descriptor to write, or -1 */
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
        free(set->entries[i].target);
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

/* The last directory separator in path, or NULL. */
static const char *last_separator(const char *path)
{
    const char *last = NULL;
    for (const char *p = path; *p; p++)
        if (pp_os_directory_separator(*p))
            last = p;
    return last;
}

/* Create "DIR/.NAME.XXXXXX" with O_EXCL and mode 0666 (the umask then
 * applies, as for any new file). */
static int create_temp(const char *path, char **temp)
{
    const char *slash = last_separator(path);
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

/* 1 if path names an open file descriptor rather than a file: the
 * standard streams and the fd directories of /dev and /proc. Such a
 * path is never renamed over. *own is the descriptor's number when it is
 * one of this process's (/dev/stdout, /dev/fd/N, /proc/self/fd/N,
 * /proc/OUR-PID/fd/N), else -1: ours are written to as they are, as the
 * shell does, since opened anew one would get an offset of its own and
 * writes through the descriptor itself would overwrite the output. */
static int names_descriptor(const char *path, int *own)
{
    static const char *const streams[] = {"/dev/stdin", "/dev/stdout",
                                          "/dev/stderr"};
    *own = -1;
    for (int i = 0; i < 3; i++)
        if (strcmp(path, streams[i]) == 0) {
            *own = i;
            return 1;
        }
    const char *number = NULL;
    if (strncmp(path, "/dev/fd/", 8) == 0) {
        number = path + 8;
    } else if (strncmp(path, "/proc/", 6) == 0) {
        const char *process = path + 6;       /* self, thread-self, PID */
        size_t length = strcspn(process, "/");
        if (strncmp(process + length, "/fd/", 4) != 0)
            return 0;
        char mine[24];
        snprintf(mine, sizeof mine, "%ld", (long)getpid());
        if (strncmp(process, "self/", 5) == 0 ||
            strncmp(process, "thread-self/", 12) == 0 ||
            (length == strlen(mine) && strncmp(process, mine, length) == 0))
            number = process + length + 4;
    } else {
        return 0;
    }
    if (number && *number && strlen(number) <= 9 &&
        strspn(number, "0123456789") == strlen(number))
        *own = atoi(number);
    return 1;
}

/* The path a symbolic link at link_path points to: its text, taken
 * relative to the link's directory. Caller frees; NULL with errno set. */
static char *link_target(const char *link_path)
{
    char text[PATH_MAX];
    ssize_t n = readlink(link_path, text, sizeof text - 1);
    if (n < 0)
        return NULL;
    text[n] = '\0';
    const char *slash = strrchr(link_path, '/');
    char *target = text[0] == '/' || !slash
                       ? pp_format("%s", text)
                       : pp_format("%.*s%s", (int)(slash - link_path) + 1,
                                   link_path, text);
    if (!target)
        errno = ENOMEM;
    return target;
}

/* Follow path's symbolic links to what is really written: set
 * e->target, and e->through for a descriptor, device, FIFO or socket. */
static pyprobe_status resolve(entry *e, pyprobe_error *error)
{
    e->through = 0;
    e->own_fd = -1;
    if (strcmp(e->path, "-") == 0) {
        e->through = 1;
        e->own_fd = STDOUT_FILENO;
        return PYPROBE_OK;
    }
    char *path = strdup(e->path);
    struct stat st;
    for (int hops = 0; path; hops++) {
        if (names_descriptor(path, &e->own_fd)) {
            e->through = 1;
            break;
        }
        if (lstat(path, &st) != 0) {
            if (errno == ENOENT)
                break;                  /* a new file (or a dangling link) */
            int saved = errno;
            free(path);
            return pp_error_set(error, PYPROBE_ERR_IO, e->path,
                                "cannot use it: %s", strerror(saved));
        }
        if (S_ISDIR(st.st_mode)) {
            free(path);
            return pp_error_set(error, PYPROBE_ERR_IO, e->path,
                                "is a directory");
        }
        if (!S_ISLNK(st.st_mode)) {
            e->through = !S_ISREG(st.st_mode);
            break;
        }
        if (hops == MAX_LINK_HOPS) {
            free(path);
            return pp_error_set(error, PYPROBE_ERR_IO, e->path,
                                "cannot use it: %s", strerror(ELOOP));
        }
        char *next = link_target(path);
        if (!next && errno != ENOMEM) {
            int saved = errno;
            free(path);
            return pp_error_set(error, PYPROBE_ERR_IO, e->path,
                                "cannot read the link: %s", strerror(saved));
        }
        free(path);
        path = next;
    }
    if (!path)
        return pp_error_nomem(error);
    e->target = path;
    return PYPROBE_OK;
}

/* Write e's content to fd, then close fd if close_fd says so; a
 * failure of either is reported. */
static pyprobe_status write_content(const entry *e, int fd, int close_fd,
                                    pyprobe_error *error)
{
    int ok = pp_write_all(fd, e->content, e->length);
    int saved = errno;
    if (close_fd && close(fd) != 0 && ok) {
        ok = 0;
        saved = errno;
    }
    if (!ok)
        return pp_error_set(error, PYPROBE_ERR_IO, e->path,
                            "cannot write it: %s", strerror(saved));
    return PYPROBE_OK;
}

/* Write a resolved entry's temporary file (not for outputs written
 * through). */
static pyprobe_status prepare(entry *e, pyprobe_error *error)
{
    if (e->through)
        return PYPROBE_OK;
    struct stat st;
    int exists = stat(e->target, &st) == 0;
    if (exists && same_content(e->target, e->content, e->length, &st)) {
        e->unchanged = 1;
        return PYPROBE_OK;
    }
    int fd = create_temp(e->target, &e->temp);
    if (fd < 0)
        return pp_error_set(error, PYPROBE_ERR_IO, e->path,
                            "cannot create it: %s", strerror(errno));
    if (exists && S_ISREG(st.st_mode))
        fchmod(fd, st.st_mode & 07777);        /* keep the file's mode */
    return write_content(e, fd, 1, error);
}

/* Write a written-through output: to one of our own descriptors as it
 * is, or to the target opened without O_CREAT or O_TRUNC (it exists: a
 * device, FIFO, socket or another process's descriptor), with O_APPEND
 * so what a regular file behind a descriptor held stays. A FIFO's open
 * waits for a reader, as the shell's "> FIFO" does. */
static pyprobe_status write_through(const entry *e, pyprobe_error *error)
{
    int fd = e->own_fd;
    if (fd < 0) {
        fd = open(e->target, O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC);
        if (fd < 0)
            return pp_error_set(error, PYPROBE_ERR_IO, e->path,
                                "cannot open it: %s", strerror(errno));
    }
    return write_content(e, fd, e->own_fd < 0, error);
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

/* The directory entry that renaming onto target replaces: the identity
 * of target's directory in *dir and its last component in *name. 0 when
 * the directory cannot be looked at. */
static int directory_entry(const char *target, struct stat *dir,
                           const char **name)
{
    const char *slash = last_separator(target);
    *name = slash ? slash + 1 : target;
    if (!slash)
        return stat(".", dir) == 0;
    char *parent = slash == target
                       ? pp_format("/")
                       : pp_format("%.*s", (int)(slash - target), target);
    int ok = parent && stat(parent, dir) == 0;
    free(parent);
    return ok;
}

/* The file an output written through writes, when it is a regular one
 * (standard output or /dev/fd/N redirected to a file): 1 and *st. */
static int through_regular_file(const entry *e, struct stat *st)
{
    if (!e->through)
        return 0;
    int found = e->own_fd >= 0 ? fstat(e->own_fd, st) == 0
                               : stat(e->target, st) == 0;
    return found && S_ISREG(st->st_mode);
}

/* 1 if one of a and b is written through to a regular file and the
 * other replaces that same file: the rename would leave what was
 * written through in the old file, which nobody would see. The
 * descriptor holds the file, so its inode number cannot pass to another
 * file meanwhile. */
static int through_and_replaced(const entry *a, const entry *b)
{
    struct stat written, replaced;
    if (!through_regular_file(a, &written)) {
        const entry *swap = a;
        a = b;
        b = swap;
        if (!through_regular_file(a, &written))
            return 0;
    }
    return !b->through && stat(b->target, &replaced) == 0 &&
           replaced.st_dev == written.st_dev &&
           replaced.st_ino == written.st_ino;
}

/* 1 if an entry before e replaces the same directory entry (a link and
 * the file it points to, one file spelled two ways): one rename would
 * silently undo the other (two hard links are two entries, each
 * replaced on its own). Directory entries are compared, not the files
 * in them: under make -j other pyprobes replace those files between our
 * stat calls, and the inode number a rename frees is soon given to a new
 * file (ext4 reuses it at once), so two outputs could look like one.
 * Outputs written through may share a target (--tags /dev/null
 * --header /dev/null), but not with one that replaces it (see
 * through_and_replaced). */
static int target_taken(const pyprobe_file_set *set, const entry *e)
{
    for (const entry *before = set->entries; before < e; before++)
        if (through_and_replaced(before, e))
            return 1;
    if (e->through)
        return 0;
    struct stat mine, theirs;
    const char *my_name, *their_name;
    int known = directory_entry(e->target, &mine, &my_name);
    for (const entry *before = set->entries; before < e; before++) {
        if (before->through)
            continue;
        if (known && directory_entry(before->target, &theirs, &their_name)
                ? theirs.st_dev == mine.st_dev &&
                      theirs.st_ino == mine.st_ino &&
                      strcmp(their_name, my_name) == 0
                : strcmp(before->target, e->target) == 0)
            return 1;
    }
    return 0;
}

pyprobe_status pyprobe_file_set_commit(pyprobe_file_set *set,
                                       pyprobe_error *error)
{
    for (size_t i = 0; i < set->count; i++) {
        entry *e = &set->entries[i];
        free(e->target);
        e->target = NULL;
        pyprobe_status status = resolve(e, error);
        if (status == PYPROBE_OK && target_taken(set, e))
            status = pp_error_set(error, PYPROBE_ERR_USAGE, e->path,
                                  "names the same file as another output");
        if (status == PYPROBE_OK)
            status = prepare(e, error);
        if (status != PYPROBE_OK) {
            remove_temps(set);
            return status;
        }
    }
    for (size_t i = 0; i < set->count; i++) {
        if (!set->entries[i].through)
            continue;
        pyprobe_status status = write_through(&set->entries[i], error);
        if (status != PYPROBE_OK) {
            remove_temps(set);
            return status;
        }
    }
    for (size_t i = 0; i < set->count; i++) {
        entry *e = &set->entries[i];
        if (!e->temp)
            continue;
        if (pp_os_replace(e->temp, e->target) != 0) {
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
