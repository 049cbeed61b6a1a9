/* read_file.h - read a whole (small) file into memory (internal). */
#ifndef PP_READ_FILE_H
#define PP_READ_FILE_H

#include <stddef.h>

#include "pyprobe.h"

/* The whole content of the regular file at path, NUL-terminated (so
 * text parsers can use it as a string), its size in *length. A file
 * larger than max bytes is refused, so a wrong path cannot make us read
 * a disk image. NULL with error set (error may be NULL); caller frees. */
char *pp_read_file(const char *path, size_t max, size_t *length,
                   pyprobe_error *error);

#endif
