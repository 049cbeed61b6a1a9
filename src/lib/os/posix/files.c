/* files.c - replacing a file (POSIX). */
#include "config.h"

#include <stdio.h>

#include "os/os.h"

/* rename(2) replaces the target atomically, open or not. */
int pp_os_replace(const char *from, const char *to)
{
    return rename(from, to);
}
