/* cache.c - probe answers kept between runs (see cache.h).
 *
 * One JSON file per interpreter and environment, named by a hash of its
 * key and holding the key itself (so a hash collision or another
 * pyprobe's entry is a miss, not a wrong answer). Entries are written to
 * a temporary file and renamed into place, so a reader, however many
 * run at once under make -j, sees a whole entry or none. The directory
 * must belong to the user and be writable by nobody else, because an
 * entry is trusted as the interpreter's own answer; files are opened
 * relative to the directory once checked, never by path again. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "facts/answer_json.h"
#include "facts/facts.h"
#include "os/os.h"
#include "probe/cache.h"
#include "probe/probe_script.h"
#include "util/strbuf.h"
#include "util/write_all.h"

#define CACHE_FORMAT "pyprobe-cache"
#define CACHE_FORMAT_VERSION 1
#define MAX_ENTRY (1024 * 1024)

extern char **environ;

/* ---- file identities ---------------------------------------------------- */

static long long nanoseconds(const struct stat *st, int which)
{
#if defined(HAVE_STRUCT_STAT_ST_MTIM_TV_NSEC)
    const struct timespec *t = which ? &st->st_ctim : &st->st_mtim;
    return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
#elif defined(HAVE_STRUCT_STAT_ST_MTIMESPEC_TV_NSEC)
    const struct timespec *t = which ? &st->st_ctimespec : &st->st_mtimespec;
    return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
#else
    return (long long)(which ? st->st_ctime : st->st_mtime) * 1000000000LL;
#endif
}

int pp_file_id_get(const char *path, pp_file_id *id)
{
    struct stat st;
    memset(id, 0, sizeof *id);
    if (stat(path, &st) != 0)
        return errno == ENOENT || errno == ENOTDIR;
    id->present = 1;
    id->dev = (unsigned long long)st.st_dev;
    id->ino = (unsigned long long)st.st_ino;
    id->mode = (unsigned long long)st.st_mode;
    id->size = (unsigned long long)st.st_size;
    id->mtime_ns = nanoseconds(&st, 0);
    id->ctime_ns = nanoseconds(&st, 1);
    return 1;
}

int pp_file_id_equal(const pp_file_id *a, const pp_file_id *b)
{
    return a->present == b->present && a->dev == b->dev && a->ino == b->ino &&
           a->mode == b->mode && a->size == b->size &&
           a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns;
}

/* Compared as a string, so no number has to fit a JSON integer. */
void pp_file_id_format(const pp_file_id *id, char *text, size_t size)
{
    if (!id->present)
        snprintf(text, size, "-");
    else
        snprintf(text, size, "%llu:%llu:%llo:%llu:%lld:%lld", id->dev,
                 id->ino, id->mode, id->size, id->mtime_ns, id->ctime_ns);
}

/* ---- the key ------------------------------------------------------------ */

/* Environment variables that change what the probe script sees: the
 * sysconfig overrides (_PYTHON_*), the dynamic loader's (LD_*, DYLD_*:
 * which libpython loads), macOS version and architecture switches,
 * Debian's install layout, and the locale (how paths decode). -I makes
 * Python ignore every PYTHON* variable, so those do not matter. */
static int relevant_variable(const char *entry)
{
    static const char *const prefixes[] = {"_PYTHON_", "LD_", "DYLD_"};
    static const char *const names[] = {
        "SYSTEM_VERSION_COMPAT", "MACOSX_DEPLOYMENT_TARGET", "ARCHFLAGS",
        "DEB_PYTHON_INSTALL_LAYOUT", "LANG", "LC_ALL", "LC_CTYPE",
    };
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (strncmp(entry, prefixes[i], strlen(prefixes[i])) == 0)
            return 1;
    const char *equals = strchr(entry, '=');
    size_t length = equals ? (size_t)(equals - entry) : strlen(entry);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == length && strncmp(entry, names[i], length) == 0)
            return 1;
    return 0;
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

unsigned long long pp_fnv1a(const char *bytes, size_t length)
{
    unsigned long long hash = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < length; i++) {
        hash ^= (unsigned char)bytes[i];
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

/* Everything the answer depends on that is not a file. Each value is
 * length-prefixed, so no value can pose as another line. */
char *pp_cache_entry_key(const char *python, const char *mode)
{
    pp_strbuf key = PP_STRBUF_INIT;
    pp_strbuf_printf(&key, "pyprobe %s\nscript %s\n", PYPROBE_VERSION_STRING,
                     pp_probe_script_id);
    pp_strbuf_printf(&key, "python %zu %s\nmode %s\n", strlen(python), python,
                     mode);
    char *machine = pp_os_machine();
    if (machine)
        pp_strbuf_printf(&key, "machine %s\n", machine);
    free(machine);
    char *libc = pp_os_libc();
    if (libc)
        pp_strbuf_printf(&key, "libc %s\n", libc);
    free(libc);
    size_t count = 0;
    for (char **e = environ; *e; e++)
        count += relevant_variable(*e);
    const char **vars = malloc((count ? count : 1) * sizeof *vars);
    if (!vars) {
        pp_strbuf_release(&key);
        return NULL;
    }
    count = 0;
    for (char **e = environ; *e; e++)
        if (relevant_variable(*e))
            vars[count++] = *e;
    qsort(vars, count, sizeof *vars, by_string);
    for (size_t i = 0; i < count; i++)
        pp_strbuf_printf(&key, "env %zu %s\n", strlen(vars[i]), vars[i]);
    free(vars);
    return pp_strbuf_take(&key);
}

/* ---- the directory ------------------------------------------------------ */

char *pp_cache_dir(const char *dir)
{
    pp_strbuf path = PP_STRBUF_INIT;
    const char *env = getenv("PYPROBE_CACHE_DIR");
    if (dir && dir[0])
        pp_strbuf_puts(&path, dir);
    else if (env && env[0])
        pp_strbuf_puts(&path, env);
    else
        return pp_os_cache_home();
    return pp_strbuf_take(&path);
}

/* An open directory we may trust: ours, and nobody else may write in it. */
static int open_trusted_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISDIR(st.st_mode) ||
        st.st_uid != geteuid() || (st.st_mode & (S_IWGRP | S_IWOTH))) {
        close(fd);
        return -1;
    }
    return fd;
}

/* mkdir -p, each new directory private (mode 0700, as the XDG base
 * directory specification asks of the cache home). */
static void make_dirs(const char *dir)
{
    char *path = strdup(dir);
    if (!path)
        return;
    for (char *p = path + 1; ; p++) {
        if (*p == '/' || *p == '\0') {
            char saved = *p;
            *p = '\0';
            if (mkdir(path, 0700) != 0 && errno != EEXIST) {
                free(path);
                return;
            }
            *p = saved;
            if (!saved)
                break;
        }
    }
    free(path);
}

int pp_cache_open_dir(const char *dir, int create)
{
    if (create)
        make_dirs(dir);
    return open_trusted_dir(dir);
}

int pp_cache_open_subdir(int dirfd, const char *name)
{
    if (mkdirat(dirfd, name, 0700) != 0 && errno != EEXIST)
        return -1;
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
                                     O_CLOEXEC);
    struct stat st;
    if (fd >= 0 && (fstat(fd, &st) != 0 || st.st_uid != geteuid() ||
                    (st.st_mode & (S_IWGRP | S_IWOTH)))) {
        close(fd);
        fd = -1;
    }
    return fd;
}

int pp_cache_write(int dirfd, const char *name, const char *text,
                   size_t length)
{
    /* Unique among the writers of this process (pyprobe list probes in
     * threads) and, with the pid, of all others. */
    static atomic_uint counter;
    char temp[96];
    snprintf(temp, sizeof temp, ".tmp-%ld-%u-%.60s", (long)getpid(),
             atomic_fetch_add(&counter, 1), name);
    int fd = openat(dirfd, temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
                                     O_CLOEXEC, 0600);
    if (fd < 0)
        return 0;
    int ok = pp_write_all(fd, text, length);
    ok = close(fd) == 0 && ok;
    if (!ok || renameat(dirfd, temp, dirfd, name) != 0) {
        unlinkat(dirfd, temp, 0);
        return 0;
    }
    return 1;
}

/* ---- lookup ------------------------------------------------------------- */

char *pp_cache_entry_name(const char *key)
{
    char *name = malloc(32);
    if (name)
        snprintf(name, 32, "%016llx.json", pp_fnv1a(key, strlen(key)));
    return name;
}

static json_t *read_entry(int dirfd, const char *name)
{
    int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    json_t *root = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_uid == geteuid() && st.st_size > 0 && st.st_size < MAX_ENTRY) {
        size_t size = (size_t)st.st_size, got = 0;
        char *text = malloc(size);
        while (text && got < size) {
            ssize_t n = read(fd, text + got, size - got);
            if (n <= 0 && !(n < 0 && errno == EINTR))
                break;
            if (n > 0)
                got += (size_t)n;
        }
        if (text && got == size)
            root = json_loadb(text, size, JSON_REJECT_DUPLICATES, NULL);
        free(text);
    }
    close(fd);
    return root;
}

/* 1 if path still has the identity recorded as text. */
static int unchanged(const char *path, const char *recorded)
{
    pp_file_id id;
    char now[160];
    if (!path || !recorded || !pp_file_id_get(path, &id))
        return 0;
    pp_file_id_format(&id, now, sizeof now);
    return strcmp(now, recorded) == 0;
}

static int entry_valid(const json_t *root, const char *key,
                       const char *python)
{
    const char *format = json_string_value(json_object_get(root, "format"));
    const char *recorded = json_string_value(json_object_get(root, "key"));
    json_t *version = json_object_get(root, "format_version");
    json_t *interpreter = json_object_get(root, "interpreter");
    json_t *files = json_object_get(root, "files");
    if (!format || strcmp(format, CACHE_FORMAT) != 0 || !recorded ||
        strcmp(recorded, key) != 0 || !json_is_integer(version) ||
        json_integer_value(version) != CACHE_FORMAT_VERSION ||
        !json_is_array(files))
        return 0;
    /* The named path must still lead to the same real file. */
    const char *real = json_string_value(json_object_get(interpreter, "real"));
    char resolved[PATH_MAX];
    if (!real || !realpath(python, resolved) || strcmp(resolved, real) != 0 ||
        !unchanged(real, json_string_value(json_object_get(interpreter,
                                                           "id"))))
        return 0;
    size_t i;
    json_t *file;
    json_array_foreach(files, i, file) {
        if (!unchanged(json_string_value(json_object_get(file, "path")),
                       json_string_value(json_object_get(file, "id"))))
            return 0;
    }
    return 1;
}

pyprobe_facts *pp_cache_lookup(const char *dir, const char *python,
                               const char *mode)
{
    char *key = pp_cache_entry_key(python, mode);
    char *name = key ? pp_cache_entry_name(key) : NULL;
    int dirfd = name ? pp_cache_open_dir(dir, 0) : -1;
    json_t *root = dirfd >= 0 ? read_entry(dirfd, name) : NULL;
    pyprobe_facts *facts = NULL;
    if (root && entry_valid(root, key, python) &&
        pp_facts_from_json_probe(json_object_get(root, "probe"), python,
                                 python, &facts, NULL) != PYPROBE_OK)
        facts = NULL;
    json_decref(root);
    if (dirfd >= 0)
        close(dirfd);
    free(name);
    free(key);
    return facts;
}

/* ---- store -------------------------------------------------------------- */

/* {NAME: path, "id": identity}; NULL when path is not UTF-8, which
 * JSON cannot carry (such an answer is simply not cached). */
static json_t *file_json(const char *name, const char *path,
                         const pp_file_id *id)
{
    char text[160];
    pp_file_id_format(id, text, sizeof text);
    json_t *path_json = json_string(path);
    if (!path_json)
        return NULL;
    return json_pack("{s:o, s:s}", name, path_json, "id", text);
}

/* The entry, or NULL when the answer cannot be cached. */
static json_t *make_entry(const char *key, const char *python,
                          const pp_file_id *before,
                          const pyprobe_facts *facts)
{
    char real[PATH_MAX];
    pp_file_id now, exe;
    /* The named path must be the interpreter itself, unchanged since
     * before the run: not a wrapper or a shim that chose one. */
    if (!realpath(python, real) || !pp_file_id_get(real, &now) ||
        !now.present || !pp_file_id_equal(before, &now) ||
        !pp_file_id_get(facts->raw.executable, &exe) || !exe.present ||
        exe.dev != now.dev || exe.ino != now.ino)
        return NULL;
    json_t *files = json_array();
    const pp_strlist *depends = &facts->raw.depends;
    for (size_t i = 0; files && i < depends->count; i++) {
        pp_file_id id;
        json_t *file = NULL;
        if (pp_file_id_get(depends->items[i], &id))
            file = file_json("path", depends->items[i], &id);
        if (!file || json_array_append_new(files, file) != 0) {
            json_decref(files);
            return NULL;
        }
    }
    json_t *probe = NULL, *interpreter = file_json("real", real, &now);
    json_t *key_json = json_string(key);
    if (!files || !interpreter || !key_json ||
        pp_facts_probe_to_json(facts, &probe, NULL) != PYPROBE_OK) {
        json_decref(files);
        json_decref(interpreter);
        json_decref(key_json);
        return NULL;
    }
    return json_pack("{s:s, s:i, s:o, s:o, s:o, s:o}", "format", CACHE_FORMAT,
                     "format_version", CACHE_FORMAT_VERSION, "key", key_json,
                     "interpreter", interpreter, "files", files,
                     "probe", probe);
}

void pp_cache_store(const char *dir, const char *python, const char *mode,
                    const pp_file_id *before, const pyprobe_facts *facts)
{
    char *key = pp_cache_entry_key(python, mode);
    char *name = key ? pp_cache_entry_name(key) : NULL;
    json_t *entry = name ? make_entry(key, python, before, facts) : NULL;
    char *text = entry ? json_dumps(entry, JSON_COMPACT) : NULL;
    int dirfd = text ? pp_cache_open_dir(dir, 1) : -1;
    if (dirfd >= 0) {
        pp_cache_write(dirfd, name, text, strlen(text));
        close(dirfd);
    }
    free(text);
    json_decref(entry);
    free(name);
    free(key);
}
