/* write_all.c - write a whole buffer to a file descriptor. */
#include "config.h"

#include <errno.h>
#include <unistd.h>

#include "os/os.h"
#include "util/write_all.h"

int pp_write_all(int fd, const char *data, size_t length)
{
    while (length > 0) {
        ssize_t n = write(fd, data, length);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return 0;
        if (n == 0) {
            errno = EIO;
            return 0;
        }
        data += n;
        length -= (size_t)n;
    }
    return 1;
}
