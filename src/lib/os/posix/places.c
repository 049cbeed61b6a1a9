/* places.c - paths, PATH, and where things live (POSIX). */
#include "config.h"

#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "os/os.h"
#include "os/posix/places.h"

const char pp_os_path_list_separator = ':';

int pp_os_names_file(const char *name)
{
    return strchr(name, '/') != NULL;
}

int pp_os_absolute(const char *path)
{
    return path[0] == '/';
}

char *pp_os_absolute_path(const char *path)
{
    char cwd[PATH_MAX] = "";
    if (path[0] != '/') {
        if (!getcwd(cwd, sizeof cwd))
            return NULL;
        while (path[0] == '.' && path[1] == '/') {   /* drop "./" */
            path += 2;
            while (*path == '/')
                path++;
        }
    }
    size_t length = strlen(cwd);
    int slash = length > 0 && cwd[length - 1] != '/';
    char *full = malloc(length + slash + strlen(path) + 1);
    if (full)
        sprintf(full, "%s%s%s", cwd, slash ? "/" : "", path);
    else
        errno = ENOMEM;
    return full;
}

int pp_os_directory_separator(char c)
{
    return c == '/';
}

char **pp_os_program_names(const char *name)
{
    char **names = calloc(2, sizeof *names);
    if (names && !(names[0] = strdup(name))) {
        free(names);
        return NULL;
    }
    return names;
}

size_t pp_os_command_length(const char *file_name)
{
    return strlen(file_name);
}

/* a followed by b, in new memory. */
static char *joined(const char *a, const char *b)
{
    size_t size = strlen(a) + strlen(b) + 1;
    char *text = malloc(size);
    if (text)
        snprintf(text, size, "%s%s", a, b);
    return text;
}

char *pp_os_cache_home(void)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    if (xdg && xdg[0] == '/')       /* the XDG spec: relative is invalid */
        return joined(xdg, "/pyprobe");
    if (home && home[0] == '/')
        return joined(home, "/.cache/pyprobe");
    return NULL;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int scan_pattern(int (*scan)(void *, const char *), void *context,
                        const char *pattern)
{
    glob_t found;
    if (glob(pattern, GLOB_NOSORT, NULL, &found) != 0)
        return 1;
    qsort(found.gl_pathv, found.gl_pathc, sizeof *found.gl_pathv, by_name);
    int ok = 1;
    for (size_t i = 0; ok && i < found.gl_pathc; i++)
        ok = scan(context, found.gl_pathv[i]);
    globfree(&found);
    return ok;
}

/* The fixed places by system. macOS: Homebrew's prefixes (Apple
 * silicon, then Intel, where python.org's installer also links its
 * commands), then python.org's frameworks, the free-threaded
 * PythonT.framework too, by version ([0-9]*: not the Current link).
 * /opt/homebrew/bin stays on the others' list for Linuxbrew users who
 * chose it. */
static const char *const linux_places[] = {
    "/usr/local/bin", "/usr/bin", "/opt/python*/bin", "/opt/homebrew/bin",
    NULL,
};
static const char *const macos_places[] = {
    "/opt/homebrew/bin", "/usr/local/bin", "/usr/bin",
    "/Library/Frameworks/Python.framework/Versions/[0-9]*/bin",
    "/Library/Frameworks/PythonT.framework/Versions/[0-9]*/bin",
    NULL,
};

const char *const *pp_posix_fixed_places(const char *system)
{
    return strcmp(system, "Darwin") == 0 ? macos_places : linux_places;
}

int pp_os_interpreter_places(int (*scan)(void *context, const char *dir),
                             void *context)
{
    const char *home = getenv("HOME");
    const char *pyenv = getenv("PYENV_ROOT");
    const char *uv = getenv("UV_PYTHON_INSTALL_DIR");
    const char *data = getenv("XDG_DATA_HOME");
    char pattern[4096];
    struct utsname uts;
    const char *const *fixed =
        pp_posix_fixed_places(uname(&uts) == 0 ? uts.sysname : "");
    int ok = 1;
    for (size_t i = 0; ok && fixed[i]; i++)
        ok = strpbrk(fixed[i], "*?[") ? scan_pattern(scan, context, fixed[i])
                                      : scan(context, fixed[i]);
    if (ok && pyenv && pyenv[0] == '/') {
        snprintf(pattern, sizeof pattern, "%s/versions/*/bin", pyenv);
        ok = scan_pattern(scan, context, pattern);
    }
    if (ok && uv && uv[0] == '/') {
        snprintf(pattern, sizeof pattern, "%s/*/bin", uv);
        ok = scan_pattern(scan, context, pattern);
    } else if (ok && data && data[0] == '/') {
        snprintf(pattern, sizeof pattern, "%s/uv/python/*/bin", data);
        ok = scan_pattern(scan, context, pattern);
    }
    if (ok && home && home[0] == '/') {
        static const char *const places[] = {
            "/.pyenv/versions/*/bin", "/.local/bin",
            "/.local/share/uv/python/*/bin", "/.asdf/installs/python/*/bin",
        };
        for (size_t i = 0; ok && i < sizeof places / sizeof places[0]; i++) {
            snprintf(pattern, sizeof pattern, "%s%s", home, places[i]);
            ok = scan_pattern(scan, context, pattern);
        }
    }
    return ok;
}

int pp_os_pyenv_versions(int (*scan)(void *context, const char *dir),
                         void *context, const char *root)
{
    char pattern[4096];
    /* metacharacters in a root could match other directories */
    if (strpbrk(root, "*?[\\"))
        return 1;
    snprintf(pattern, sizeof pattern, "%s/versions/*/bin", root);
    return scan_pattern(scan, context, pattern);
}
