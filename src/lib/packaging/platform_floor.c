/* platform_floor.c - the version floor in a platform tag (see
 * platform_floor.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "packaging/platform_floor.h"

/* PEP 600: the legacy manylinux names and the glibc 2.N they stand for. */
static const struct {
    const char *name;
    int minor;
} legacy[] = {
    {"manylinux1", 5},
    {"manylinux2010", 12},
    {"manylinux2014", 17},
};

/* The tag families whose name carries the version: NAME_X_Y_ARCH. */
static const struct {
    const char *prefix, *family;
} versioned[] = {
    {"manylinux_", "glibc"},
    {"musllinux_", "musl"},
    {"macosx_", "macos"},
};

const char *pp_manylinux_legacy_name(int major, int minor)
{
    for (size_t i = 0; major == 2 && i < sizeof legacy / sizeof *legacy; i++)
        if (legacy[i].minor == minor)
            return legacy[i].name;
    return NULL;
}

/* Digits at *p, then '_': the number, *p past the '_'; -1 otherwise. */
static int read_number(const char **p)
{
    int n = 0;
    const char *s = *p;
    if (*s < '0' || *s > '9')
        return -1;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (n > 99999)
            return -1;
        n = n * 10 + (*s - '0');
    }
    if (*s != '_')
        return -1;
    *p = s + 1;
    return n;
}

static int set_arch(pp_platform_floor *floor, const char *arch)
{
    size_t n = strlen(arch);
    if (!n || n >= sizeof floor->arch)
        return 0;
    memcpy(floor->arch, arch, n + 1);
    return 1;
}

int pp_platform_floor_read(const char *platform, size_t length,
                           pp_platform_floor *floor)
{
    char text[128];
    if (length >= sizeof text)
        return 0;
    memcpy(text, platform, length);
    text[length] = '\0';
    for (size_t i = 0; i < sizeof legacy / sizeof *legacy; i++) {
        size_t n = strlen(legacy[i].name);
        if (strncmp(text, legacy[i].name, n) == 0 && text[n] == '_') {
            floor->family = "glibc";
            floor->major = 2;
            floor->minor = legacy[i].minor;
            return set_arch(floor, text + n + 1);
        }
    }
    for (size_t i = 0; i < sizeof versioned / sizeof *versioned; i++) {
        size_t n = strlen(versioned[i].prefix);
        if (strncmp(text, versioned[i].prefix, n) != 0)
            continue;
        const char *p = text + n;
        floor->family = versioned[i].family;
        floor->major = read_number(&p);
        floor->minor = floor->major < 0 ? -1 : read_number(&p);
        return floor->minor >= 0 && set_arch(floor, p);
    }
    return 0;
}
