/* platform_floor.h - the C library or macOS version a platform tag
 * needs (internal): manylinux_X_Y (PEP 600) and its legacy names
 * manylinux1, manylinux2010 and manylinux2014 (PEP 513/571/599),
 * musllinux_X_Y (PEP 656), macosx_X_Y. The one place those names and
 * their versions are spelled. */
#ifndef PP_PLATFORM_FLOOR_H
#define PP_PLATFORM_FLOOR_H

#include <stddef.h>

typedef struct pp_platform_floor {
    const char *family;   /* "glibc", "musl" or "macos" */
    int major, minor;
    char arch[64];        /* "x86_64", "universal2" ... */
} pp_platform_floor;

/* Read PLATFORM (length bytes, lower case as in a wheel name): 1 and
 * *floor filled for a platform with a version floor, else 0. */
int pp_platform_floor_read(const char *platform, size_t length,
                           pp_platform_floor *floor);

/* The legacy name of manylinux_MAJOR_MINOR ("manylinux2014" for 2.17),
 * or NULL when it has none. */
const char *pp_manylinux_legacy_name(int major, int minor);

#endif
