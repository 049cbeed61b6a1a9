/* read_file.c - read a whole (small) file into memory. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "os/os.h"
#include "util/error.h"
#include "util/read_file.h"

char *pp_read_file(const char *path, size_t max, size_t *length,
                   pyprobe_error *error)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        pp_error_set(error, PYPROBE_ERR_IO, path, "%s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode) || (size_t)st.st_size > max) {
        close(fd);
        pp_error_set(error, PYPROBE_ERR_IO, path, "not a regular file of "
                     "sensible size");
        return NULL;
    }
    char *text = malloc((size_t)st.st_size + 1);
    size_t got = 0;
    while (text && got < (size_t)st.st_size) {
        ssize_t n = read(fd, text + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    if (!text) {
        pp_error_nomem(error);
        return NULL;
    }
    if (got != (size_t)st.st_size) {
        free(text);
        pp_error_set(error, PYPROBE_ERR_IO, path, "short read");
        return NULL;
    }
    text[got] = '\0';
    *length = got;
    return text;
}
