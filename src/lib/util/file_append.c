/* file_append.c - append a block to a file that others append to too
 * ($GITHUB_OUTPUT, $GITHUB_ENV), all or nothing.
 *
 * Such a file cannot be replaced by rename (the reader holds its name and
 * earlier steps' lines are in it), so the block goes in with O_APPEND.
 * A write can still stop halfway (disk full, file size limit); then the
 * file is cut back to the size it had, so a reader never sees half a
 * block, which could end inside a NAME<<DELIMITER value. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "os/os.h"
#include "pyprobe.h"
#include "util/error.h"

pyprobe_status pyprobe_file_append(const char *path, const char *content,
                                   size_t length, pyprobe_error *error)
{
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0)
        return pp_error_set(error, PYPROBE_ERR_IO, path,
                            "cannot open it to append: %s", strerror(errno));
    struct stat st;
    int regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    off_t size = regular ? st.st_size : 0;
    size_t done = 0;
    int saved = 0;
    while (done < length) {
        ssize_t n = write(fd, content + done, length - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            saved = n < 0 ? errno : ENOSPC;
            break;
        }
        done += (size_t)n;
    }
    int complete = done == length, restored = 1;
    if (!complete && done > 0)
        restored = regular && ftruncate(fd, size) == 0;
    if (close(fd) != 0 && complete) {
        /* NFS may report a failed write only here: cut back by name */
        saved = errno;
        fd = open(path, O_WRONLY | O_CLOEXEC);
        restored = regular && fd >= 0 && ftruncate(fd, size) == 0;
        if (fd >= 0)
            close(fd);
    } else if (complete) {
        return PYPROBE_OK;
    }
    pp_error_set(error, PYPROBE_ERR_IO, path, "cannot append to it: %s",
                 strerror(saved));
    if (!restored)
        pp_error_hint(error, "part of the block may be left at its end");
    return PYPROBE_ERR_IO;
}
