/* write_all.h - write a whole buffer to a file descriptor (internal). */
#ifndef PP_WRITE_ALL_H
#define PP_WRITE_ALL_H

#include <stddef.h>

/* Write all LENGTH bytes, going on after short writes and EINTR.
 * 1 on success; 0 with errno set otherwise. */
int pp_write_all(int fd, const char *data, size_t length);

#endif
