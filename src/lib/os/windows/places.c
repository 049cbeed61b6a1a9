/* places.c - paths, PATH, and where things live (Windows). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "os/os.h"
#include "os/windows/wide.h"

const char pp_os_path_list_separator = ';';

int pp_os_directory_separator(char c)
{
    return c == '/' || c == '\\';
}

int pp_os_names_file(const char *name)
{
    return strchr(name, '/') || strchr(name, '\\') ||
           (name[0] && name[1] == ':');
}

/* C:\x, C:/x, \\server\share, \\?\C:\x */
int pp_os_absolute(const char *path)
{
    if (((path[0] >= 'A' && path[0] <= 'Z') ||
         (path[0] >= 'a' && path[0] <= 'z')) &&
        path[1] == ':' && pp_os_directory_separator(path[2]))
        return 1;
    return pp_os_directory_separator(path[0]) &&
           pp_os_directory_separator(path[1]);
}

/* GetFullPathNameW: relative to the current directory, or to the
 * current drive for \x (and /x: Wine's Z: drive maps these onto its
 * host's root). */
char *pp_os_absolute_path(const char *path)
{
    wchar_t *wide = pp_win_wide(path);
    DWORD n = wide ? GetFullPathNameW(wide, 0, NULL, NULL) : 0;
    wchar_t *full = n ? malloc(n * sizeof *full) : NULL;
    char *text = NULL;
    if (full && GetFullPathNameW(wide, n, full, NULL) < n)
        text = pp_win_narrow(full);
    free(full);
    free(wide);
    if (!text)
        errno = ENOMEM;
    return text;
}

/* ".exe" ending name, in any case: its length, else 0. */
static size_t exe_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && _stricmp(name + n - 4, ".exe") == 0 ? 4 : 0;
}

size_t pp_os_command_length(const char *file_name)
{
    return strlen(file_name) - exe_suffix(file_name);
}

static char *joined(const char *a, const char *b)
{
    size_t size = strlen(a) + strlen(b) + 1;
    char *text = malloc(size);
    if (text)
        snprintf(text, size, "%s%s", a, b);
    return text;
}

/* As CreateProcess and cmd do for a bare name: name, and name.exe when
 * it has no extension (python3.13t has one, ".13t": both are tried). */
char **pp_os_program_names(const char *name)
{
    char **names = calloc(3, sizeof *names);
    if (!names)
        return NULL;
    names[0] = strdup(name);
    if (names[0] && !exe_suffix(name) && !(names[1] = joined(name, ".exe"))) {
        free(names[0]);
        names[0] = NULL;
    }
    if (!names[0]) {
        free(names);
        return NULL;
    }
    return names;
}

/* %LOCALAPPDATA%, where per-user caches go (not roamed). */
char *pp_os_cache_home(void)
{
    const char *local = getenv("LOCALAPPDATA");
    if (local && pp_os_absolute(local))
        return joined(local, "\\pyprobe");
    return NULL;
}

/* The InstallPath of each PythonCore\TAG key under root (PEP 514), the
 * entries the py launcher reads. */
static int scan_registry(HKEY root, REGSAM view,
                         int (*scan)(void *, const char *), void *context)
{
    HKEY core;
    if (RegOpenKeyExW(root, L"Software\\Python\\PythonCore", 0,
                      KEY_READ | view, &core) != ERROR_SUCCESS)
        return 1;
    int ok = 1;
    for (DWORD i = 0; ok; i++) {
        wchar_t tag[256], install[32768];
        DWORD tag_length = 256, size = sizeof install;
        if (RegEnumKeyExW(core, i, tag, &tag_length, NULL, NULL, NULL,
                          NULL) != ERROR_SUCCESS)
            break;
        wchar_t sub[300];
        _snwprintf(sub, 300, L"%ls\\InstallPath", tag);
        sub[299] = L'\0';
        if (RegGetValueW(core, sub, NULL, RRF_RT_REG_SZ, NULL, install,
                         &size) != ERROR_SUCCESS)
            continue;
        char *dir = pp_win_narrow(install);
        ok = dir && scan(context, dir);
        free(dir);
    }
    RegCloseKey(core);
    return ok;
}

/* %LOCALAPPDATA%\Programs\Python\Python*: where the python.org
 * installer puts per-user installs. */
static int scan_local_programs(int (*scan)(void *, const char *),
                               void *context)
{
    const char *local = getenv("LOCALAPPDATA");
    if (!local || !pp_os_absolute(local))
        return 1;
    char *base = joined(local, "\\Programs\\Python\\");
    char *pattern = base ? joined(base, "Python*") : NULL;
    wchar_t *wide = pattern ? pp_win_wide(pattern) : NULL;
    int ok = wide != NULL;
    WIN32_FIND_DATAW found;
    HANDLE h = ok ? FindFirstFileW(wide, &found) : INVALID_HANDLE_VALUE;
    /* FindFirstFile's order is the file system's: sort, as POSIX does. */
    char **dirs = NULL;
    size_t count = 0;
    if (h != INVALID_HANDLE_VALUE) {
        do {
            if (!(found.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY))
                continue;
            char *name = pp_win_narrow(found.cFileName);
            char *dir = name ? joined(base, name) : NULL;
            char **more = dir ? realloc(dirs, (count + 1) * sizeof *dirs)
                              : NULL;
            free(name);
            if (!more) {
                free(dir);
                ok = 0;
                break;
            }
            dirs = more;
            dirs[count++] = dir;
        } while (FindNextFileW(h, &found));
        FindClose(h);
    }
    for (size_t i = 1; i < count; i++)         /* insertion sort: few */
        for (size_t j = i; j > 0 && strcmp(dirs[j - 1], dirs[j]) > 0; j--) {
            char *swap = dirs[j];
            dirs[j] = dirs[j - 1];
            dirs[j - 1] = swap;
        }
    for (size_t i = 0; i < count; i++) {
        ok = ok && scan(context, dirs[i]);
        free(dirs[i]);
    }
    free(dirs);
    free(wide);
    free(pattern);
    free(base);
    return ok;
}

int pp_os_interpreter_places(int (*scan)(void *context, const char *dir),
                             void *context)
{
    return scan_registry(HKEY_CURRENT_USER, 0, scan, context) &&
           scan_registry(HKEY_LOCAL_MACHINE, KEY_WOW64_64KEY, scan,
                         context) &&
           scan_registry(HKEY_LOCAL_MACHINE, KEY_WOW64_32KEY, scan,
                         context) &&
           scan_local_programs(scan, context);
}

/* pyenv's shims are shell scripts that exec $PYENV_ROOT/libexec/pyenv;
 * pyenv-win's are batch files, which discover.c does not take for shims,
 * so no root ever comes here. */
int pp_os_pyenv_versions(int (*scan)(void *context, const char *dir),
                         void *context, const char *root)
{
    (void)scan;
    (void)context;
    (void)root;
    return 1;
}
