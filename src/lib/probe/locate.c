/* locate.c - find the interpreter to run. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "os/os.h"
#include "probe/locate.h"
#include "util/error.h"
#include "util/strbuf.h"

/* A file we can run: a regular file (after links) with execute
 * permission for us. */
static int check_runnable(const char *path, int *saved_errno)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        *saved_errno = errno;
        return 0;
    }
    if (S_ISDIR(st.st_mode)) {
        *saved_errno = EISDIR;
        return 0;
    }
    if (access(path, X_OK) != 0) {
        *saved_errno = errno;
        return 0;
    }
    return 1;
}

static pyprobe_status not_runnable(const char *name, int err,
                                   pyprobe_error *error)
{
    pp_error_set(error, PYPROBE_ERR_NOT_FOUND, name, "%s",
                 err == ENOENT ? "no such file"
                 : err == EACCES ? "not executable (permission denied)"
                 : err == EISDIR ? "is a directory"
                 : strerror(err));
    return PYPROBE_ERR_NOT_FOUND;
}

pyprobe_status pp_locate_program(const char *name, char **path,
                                 pyprobe_error *error)
{
    *path = NULL;
    if (!name[0])
        return pp_error_set(error, PYPROBE_ERR_NOT_FOUND, "--python",
                            "empty interpreter name");
    int err = 0;
    if (pp_os_names_file(name)) {
        if (!check_runnable(name, &err))
            return not_runnable(name, err, error);
        if (!(*path = pp_os_absolute_path(name)))
            return pp_error_set(error, PYPROBE_ERR_IO, name,
                                "cannot make the path absolute: %s",
                                strerror(errno));
        return PYPROBE_OK;
    }
    const char *search = getenv("PATH");
    if (!search)
        search = "/usr/bin:/bin";
    char **names = pp_os_program_names(name);
    if (!names)
        return pp_error_nomem(error);
    int first_err = 0;
    for (const char *dir = search; !*path; ) {
        const char *end = strchr(dir, pp_os_path_list_separator);
        size_t length = end ? (size_t)(end - dir) : strlen(dir);
        for (char **try = names; *try && !*path; try++) {
            pp_strbuf candidate = PP_STRBUF_INIT;
            if (length == 0)
                pp_strbuf_puts(&candidate, ".");      /* empty entry: cwd */
            else
                pp_strbuf_append(&candidate, dir, length);
            pp_strbuf_putc(&candidate, '/');
            pp_strbuf_puts(&candidate, *try);
            char *full = pp_strbuf_take(&candidate);
            if (!full) {
                first_err = ENOMEM;
                break;
            }
            if (check_runnable(full, &err)) {
                if (!(*path = pp_os_absolute_path(full)))
                    first_err = ENOMEM;
            } else if (err != ENOENT && err != ENOTDIR && !first_err) {
                first_err = err;
            }
            free(full);
        }
        if (!end || first_err == ENOMEM)
            break;
        dir = end + 1;
    }
    for (char **try = names; *try; try++)
        free(*try);
    free(names);
    if (*path)
        return PYPROBE_OK;
    if (first_err == ENOMEM)
        return pp_error_nomem(error);
    if (first_err)
        return not_runnable(name, first_err, error);
    pp_error_set(error, PYPROBE_ERR_NOT_FOUND, name, "not found on PATH");
    return PYPROBE_ERR_NOT_FOUND;
}

pyprobe_status pp_locate_python(const char *python, char **path,
                                pyprobe_error *error)
{
    if (python)
        return pp_locate_program(python, path, error);
    const char *from_env = getenv("PYTHON");
    if (from_env && from_env[0]) {
        pyprobe_status status = pp_locate_program(from_env, path, error);
        if (status != PYPROBE_OK)
            pp_error_hint(error, "$PYTHON names this interpreter; fix or "
                                 "unset it, or pass --python");
        return status;
    }
    if (pp_locate_program("python3", path, error) == PYPROBE_OK)
        return PYPROBE_OK;
    if (pp_locate_program("python", path, error) == PYPROBE_OK)
        return PYPROBE_OK;
    pp_error_set(error, PYPROBE_ERR_NOT_FOUND, "python3",
                 "no python3 or python on PATH");
    pp_error_hint(error, "install Python 3, or name one with --python or "
                         "$PYTHON");
    return PYPROBE_ERR_NOT_FOUND;
}
