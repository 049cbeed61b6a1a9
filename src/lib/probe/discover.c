/* discover.c - the interpreters on a machine, probed in parallel.
 *
 * Candidates are the files named like an interpreter in each PATH
 * directory, then in the places installers put them. The same
 * interpreter is often found under many names (python3 -> python3.11,
 * /bin -> /usr/bin, a pyenv shim that runs it): names whose files are one
 * (device and inode) are merged before probing, and names whose probes
 * report one real executable and prefix are merged after, so that a
 * virtual environment, which shares its interpreter's executable but not
 * its prefix, stays an entry of its own.
 *
 * pyenv shims are not run: each run is a few of pyenv's shell scripts
 * (seconds, for every name in the shims directory), and a shim whose
 * command no selected version has only fails. A shim names its pyenv
 * root, and the interpreters are taken from ROOT/versions, as for
 * $PYENV_ROOT. The list ends sorted by implementation and version. */
#include "config.h"

#include <dirent.h>
#include <glob.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "facts/facts.h"
#include "util/error.h"
#include "util/strlist.h"

typedef struct entry {
    char *path;
    pp_strlist aliases;
    dev_t dev;
    ino_t ino;
    pyprobe_facts *facts;
    pyprobe_error error;
    int merged;              /* folded into another entry */
} entry;

struct pyprobe_interpreters {
    entry *entries;
    size_t count, capacity;
    pp_strlist pyenv_roots;    /* named by the shims found on the way */
};

/* python, python3, python3.13, python3.13t, python3.11d, pypy3, pypy3.10,
 * graalpy ...: a name, an optional version, optional ABI letters. */
static int interpreter_name(const char *name)
{
    static const char *const stems[] = {"python", "pypy", "graalpy"};
    const char *p = NULL;
    for (size_t i = 0; i < sizeof stems / sizeof stems[0] && !p; i++)
        if (strncmp(name, stems[i], strlen(stems[i])) == 0)
            p = name + strlen(stems[i]);
    if (!p)
        return 0;
    if (*p >= '0' && *p <= '9') {
        while (*p >= '0' && *p <= '9')
            p++;
        if (*p == '.') {
            p++;
            if (!(*p >= '0' && *p <= '9'))
                return 0;
            while (*p >= '0' && *p <= '9')
                p++;
        }
    }
    static const char *const flags[] = {"", "t", "d", "td", "m", "dm"};
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (strcmp(p, flags[i]) == 0)
            return 1;
    return 0;
}

/* The directory of a virtual environment the program at path is in, ""
 * if none: its pyvenv.cfg is beside it or one level up (as site looks). */
static char *venv_root(const char *path)
{
    char *dir = strdup(path);
    if (!dir)
        return NULL;
    for (int up = 0; up < 2; up++) {
        char *slash = strrchr(dir, '/');
        if (!slash || slash == dir)
            break;
        *slash = '\0';
        size_t n = strlen(dir);
        char *cfg = malloc(n + sizeof "/pyvenv.cfg");
        if (!cfg)
            break;
        memcpy(cfg, dir, n);
        strcpy(cfg + n, "/pyvenv.cfg");
        int found = access(cfg, F_OK) == 0;
        free(cfg);
        if (found)
            return dir;
    }
    dir[0] = '\0';
    return dir;
}

/* The root of the pyenv whose shim path is (the PYENV_ROOT its script
 * exports), or NULL if path is no pyenv shim. A shim is a script of
 * the form pyenv writes (libexec/pyenv-rehash):
 *     export PYENV_ROOT="/root/.pyenv"
 *     ...
 *     exec "/root/.pyenv/libexec/pyenv" exec "$program" "$@"
 * The root is read, never run. Caller frees. */
static char *pyenv_shim_root(const char *path)
{
    static const char marker[] = "export PYENV_ROOT=\"";
    char head[2048];
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    head[n] = '\0';
    if (n < 2 || head[0] != '#' || head[1] != '!' || strlen(head) != n)
        return NULL;                     /* not a script */
    char *root = strstr(head, marker);
    char *end = root ? strchr(root + sizeof marker - 1, '"') : NULL;
    if (!end || !strstr(end, "/libexec/pyenv\" exec "))
        return NULL;
    root += sizeof marker - 1;
    *end = '\0';
    return root[0] == '/' && !strpbrk(root, "\n$`\\") ? strdup(root) : NULL;
}

static int add_candidate(pyprobe_interpreters *list, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
        access(path, X_OK) != 0)
        return 1;
    char *root = pyenv_shim_root(path);
    if (root) {
        int ok = pp_strlist_contains(&list->pyenv_roots, root) ||
                 pp_strlist_push(&list->pyenv_roots, root);
        free(root);
        return ok;
    }
    char *venv = venv_root(path);
    if (!venv)
        return 0;
    /* The same file, in the same environment: another name. */
    for (size_t i = 0; i < list->count; i++) {
        entry *e = &list->entries[i];
        if (e->dev != st.st_dev || e->ino != st.st_ino)
            continue;
        char *other = venv_root(e->path);
        int same = other && strcmp(other, venv) == 0;
        free(other);
        if (!same)
            continue;
        free(venv);
        return strcmp(e->path, path) == 0 ||
               pp_strlist_contains(&e->aliases, path) ||
               pp_strlist_push(&e->aliases, path);
    }
    free(venv);
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 16;
        entry *more = realloc(list->entries, capacity * sizeof *more);
        if (!more)
            return 0;
        list->entries = more;
        list->capacity = capacity;
    }
    entry *e = &list->entries[list->count];
    memset(e, 0, sizeof *e);
    if (!(e->path = strdup(path)))
        return 0;
    e->dev = st.st_dev;
    e->ino = st.st_ino;
    list->count++;
    return 1;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The interpreter-named files of one directory, in name order. */
static int scan_dir(pyprobe_interpreters *list, const char *dir)
{
    DIR *d = opendir(dir[0] ? dir : ".");
    if (!d)
        return 1;
    pp_strlist names = PP_STRLIST_INIT;
    struct dirent *de;
    int ok = 1;
    while (ok && (de = readdir(d)))
        if (interpreter_name(de->d_name))
            ok = pp_strlist_push(&names, de->d_name);
    closedir(d);
    qsort(names.items, names.count, sizeof *names.items, by_name);
    char *real = realpath(dir[0] ? dir : ".", NULL);
    for (size_t i = 0; ok && real && i < names.count; i++) {
        size_t n = strlen(real) + strlen(names.items[i]) + 2;
        char *path = malloc(n);
        ok = path != NULL;
        if (ok) {
            /* The directory as PATH names it, if absolute: that is how
             * people call it (/usr/bin, not /usr/lib/...). */
            snprintf(path, n, "%s/%s", dir[0] == '/' ? dir : real,
                     names.items[i]);
            ok = add_candidate(list, path);
        }
        free(path);
    }
    free(real);
    pp_strlist_clear(&names);
    return ok;
}

static int scan_pattern(pyprobe_interpreters *list, const char *pattern)
{
    glob_t found;
    if (glob(pattern, GLOB_NOSORT, NULL, &found) != 0)
        return 1;
    qsort(found.gl_pathv, found.gl_pathc, sizeof *found.gl_pathv, by_name);
    int ok = 1;
    for (size_t i = 0; ok && i < found.gl_pathc; i++)
        ok = scan_dir(list, found.gl_pathv[i]);
    globfree(&found);
    return ok;
}

/* The places installers put interpreters, beyond PATH. */
static int scan_usual_places(pyprobe_interpreters *list)
{
    const char *home = getenv("HOME");
    const char *pyenv = getenv("PYENV_ROOT");
    const char *uv = getenv("UV_PYTHON_INSTALL_DIR");
    const char *data = getenv("XDG_DATA_HOME");
    char pattern[4096];
    int ok = scan_dir(list, "/usr/local/bin") && scan_dir(list, "/usr/bin") &&
             scan_pattern(list, "/opt/python*/bin") &&
             scan_pattern(list, "/opt/homebrew/bin");
    if (ok && pyenv && pyenv[0] == '/') {
        snprintf(pattern, sizeof pattern, "%s/versions/*/bin", pyenv);
        ok = scan_pattern(list, pattern);
    }
    /* the roots the shims on PATH named (glob metacharacters in a root
     * could match other directories: such a root is not scanned) */
    for (size_t i = 0; ok && i < list->pyenv_roots.count; i++) {
        const char *root = list->pyenv_roots.items[i];
        if (strpbrk(root, "*?[\\"))
            continue;
        snprintf(pattern, sizeof pattern, "%s/versions/*/bin", root);
        ok = scan_pattern(list, pattern);
    }
    if (ok && uv && uv[0] == '/') {
        snprintf(pattern, sizeof pattern, "%s/*/bin", uv);
        ok = scan_pattern(list, pattern);
    } else if (ok && data && data[0] == '/') {
        snprintf(pattern, sizeof pattern, "%s/uv/python/*/bin", data);
        ok = scan_pattern(list, pattern);
    }
    if (ok && home && home[0] == '/') {
        static const char *const places[] = {
            "/.pyenv/versions/*/bin", "/.local/bin",
            "/.local/share/uv/python/*/bin", "/.asdf/installs/python/*/bin",
        };
        for (size_t i = 0; ok && i < sizeof places / sizeof places[0]; i++) {
            snprintf(pattern, sizeof pattern, "%s%s", home, places[i]);
            ok = scan_pattern(list, pattern);
        }
    }
    return ok;
}

/* ---- probing, in parallel ---------------------------------------------- */

typedef struct work {
    pyprobe_interpreters *list;
    const pyprobe_probe_options *options;
    size_t next;
    pthread_mutex_t lock;
} work;

static void *worker(void *arg)
{
    work *w = arg;
    for (;;) {
        pthread_mutex_lock(&w->lock);
        size_t i = w->next++;
        pthread_mutex_unlock(&w->lock);
        if (i >= w->list->count)
            return NULL;
        entry *e = &w->list->entries[i];
        pyprobe_probe(e->path, w->options, &e->facts, &e->error);
    }
}

static void probe_all(pyprobe_interpreters *list,
                      const pyprobe_probe_options *options, unsigned jobs)
{
    if (jobs == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = cpus > 0 ? (unsigned)cpus : 1;
    }
    if (jobs > list->count)
        jobs = (unsigned)list->count;
    work w = {list, options, 0, PTHREAD_MUTEX_INITIALIZER};
    pthread_t *threads = calloc(jobs ? jobs : 1, sizeof *threads);
    unsigned started = 0;
    while (threads && started < jobs &&
           pthread_create(&threads[started], NULL, worker, &w) == 0)
        started++;
    if (started == 0)
        worker(&w);            /* no threads to be had: one at a time */
    for (unsigned i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    free(threads);
}

/* Names whose probes found one interpreter (a shim and what it runs):
 * one entry, named by the interpreter itself where it was found. */
static int merge_probed(pyprobe_interpreters *list)
{
    for (size_t i = 0; i < list->count; i++) {
        entry *a = &list->entries[i];
        struct stat sa;
        if (a->merged || !a->facts ||
            stat(a->facts->raw.executable, &sa) != 0)
            continue;
        for (size_t j = i + 1; j < list->count; j++) {
            entry *b = &list->entries[j];
            struct stat sb;
            if (b->merged || !b->facts ||
                stat(b->facts->raw.executable, &sb) != 0 ||
                sa.st_dev != sb.st_dev || sa.st_ino != sb.st_ino ||
                strcmp(a->facts->raw.prefix, b->facts->raw.prefix) != 0)
                continue;
            /* Keep the name that is the interpreter, not a wrapper. */
            if (!(a->dev == sa.st_dev && a->ino == sa.st_ino) &&
                b->dev == sb.st_dev && b->ino == sb.st_ino) {
                entry swap = *a;
                *a = *b;
                *b = swap;
            }
            if (!pp_strlist_push(&a->aliases, b->path))
                return 0;
            for (size_t k = 0; k < b->aliases.count; k++)
                if (!pp_strlist_push(&a->aliases, b->aliases.items[k]))
                    return 0;
            b->merged = 1;
        }
    }
    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++) {
        entry *e = &list->entries[i];
        if (e->merged) {
            free(e->path);
            pp_strlist_clear(&e->aliases);
            pyprobe_facts_free(e->facts);
        } else {
            list->entries[kept++] = *e;
        }
    }
    list->count = kept;
    return 1;
}

/* Implementation, then version (newest last), then ABI flags and path;
 * the ones that could not be probed at the end, by path. */
static int by_interpreter(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    if (!a->facts || !b->facts)
        return !a->facts != !b->facts ? (a->facts ? -1 : 1)
                                      : strcmp(a->path, b->path);
    const pp_raw_facts *x = &a->facts->raw, *y = &b->facts->raw;
    int c = strcmp(x->implementation, y->implementation);
    long order[][2] = {
        {x->version.major, y->version.major},
        {x->version.minor, y->version.minor},
        {x->version.micro, y->version.micro},
    };
    for (size_t i = 0; !c && i < sizeof order / sizeof order[0]; i++)
        c = (order[i][0] > order[i][1]) - (order[i][0] < order[i][1]);
    if (!c)
        c = strcmp(a->facts->version, b->facts->version);  /* 3.15.0rc1 */
    if (!c)
        c = strcmp(x->abiflags ? x->abiflags : "",
                   y->abiflags ? y->abiflags : "");
    return c ? c : strcmp(a->path, b->path);
}

pyprobe_status pyprobe_interpreters_find(const pyprobe_probe_options *options,
                                         unsigned jobs,
                                         pyprobe_interpreters **result,
                                         pyprobe_error *error)
{
    pyprobe_interpreters *list = calloc(1, sizeof *list);
    *result = NULL;
    if (!list)
        return pp_error_nomem(error);
    int ok = 1;
    const char *path = getenv("PATH");
    char *dirs = strdup(path ? path : "/usr/bin:/bin");
    for (char *dir = dirs, *end; ok && dir; dir = end) {
        end = strchr(dir, ':');
        if (end)
            *end++ = '\0';
        ok = scan_dir(list, dir);
    }
    free(dirs);
    ok = ok && dirs && scan_usual_places(list);
    if (ok) {
        probe_all(list, options, jobs);
        ok = merge_probed(list);
    }
    if (ok && list->count)
        qsort(list->entries, list->count, sizeof *list->entries,
              by_interpreter);
    if (!ok) {
        pyprobe_interpreters_free(list);
        return pp_error_nomem(error);
    }
    *result = list;
    return PYPROBE_OK;
}

void pyprobe_interpreters_free(pyprobe_interpreters *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++) {
        free(list->entries[i].path);
        pp_strlist_clear(&list->entries[i].aliases);
        pyprobe_facts_free(list->entries[i].facts);
    }
    free(list->entries);
    pp_strlist_clear(&list->pyenv_roots);
    free(list);
}

size_t pyprobe_interpreters_count(const pyprobe_interpreters *list)
{
    return list->count;
}

const char *pyprobe_interpreters_path(const pyprobe_interpreters *list,
                                      size_t index)
{
    return index < list->count ? list->entries[index].path : NULL;
}

size_t pyprobe_interpreters_alias_count(const pyprobe_interpreters *list,
                                        size_t index)
{
    return index < list->count ? list->entries[index].aliases.count : 0;
}

const char *pyprobe_interpreters_alias(const pyprobe_interpreters *list,
                                       size_t index, size_t alias)
{
    if (index >= list->count || alias >= list->entries[index].aliases.count)
        return NULL;
    return list->entries[index].aliases.items[alias];
}

const pyprobe_facts *pyprobe_interpreters_facts(
    const pyprobe_interpreters *list, size_t index)
{
    return index < list->count ? list->entries[index].facts : NULL;
}

const pyprobe_error *pyprobe_interpreters_error(
    const pyprobe_interpreters *list, size_t index)
{
    return index < list->count && !list->entries[index].facts
               ? &list->entries[index].error : NULL;
}
