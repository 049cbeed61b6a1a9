/* release_cell.c - a release manifest's cell and the wheels that fill
 * it: Python tag held, ABI tag set equal as a set, platform held. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "os/os.h"
#include "packaging/platform_floor.h"
#include "packaging/tag_set.h"
#include "util/strbuf.h"
#include "wheels/release_cell.h"

static int is_tag_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '.';
}

static int valid_tag(const char *s)
{
    if (!s[0] || s[0] == '.' || s[strlen(s) - 1] == '.' || strstr(s, ".."))
        return 0;
    for (; *s; s++)
        if (!is_tag_char(*s))
            return 0;
    return 1;
}

/* One platform tag (length bytes), lower case with the legacy manylinux
 * names spelled out (PEP 600); NULL on out of memory. */
static char *platform_key(const char *tag, size_t length)
{
    char *key = strndup(tag, length);
    if (!key)
        return NULL;
    pp_lower_ascii(key);
    pp_platform_floor floor;
    if (strncmp(key, "manylinux_", 10) != 0 &&
        pp_platform_floor_read(key, length, &floor) &&
        strcmp(floor.family, "glibc") == 0) {
        char *spelled = pp_format("manylinux_%d_%d_%s", floor.major,
                                  floor.minor, floor.arch);
        free(key);
        return spelled;
    }
    return key;
}

/* A platform a "<=" cell can hold: one with a C library version. */
static int c_library_floor(const char *key, pp_platform_floor *floor)
{
    return pp_platform_floor_read(key, strlen(key), floor) &&
           strcmp(floor->family, "macos") != 0;
}

/* "cp314t" -> python cp314, abi cp314t; "cp315-abi3.abi3t" -> cp315,
 * abi3.abi3t. 1 when done, 0 for a bad field, -1 on out of memory. */
static int parse_abi_field(const char *field, pp_release_cell *c)
{
    const char *dash = strchr(field, '-'), *abi = field;
    size_t python_length;
    if (dash) {
        if (strchr(dash + 1, '-'))
            return 0;
        python_length = (size_t)(dash - field);
        abi = dash + 1;
    } else {
        if (strncasecmp(field, "cp", 2) != 0)
            return 0;
        size_t digits = strspn(field + 2, "0123456789");
        if (digits < 2)
            return 0;
        python_length = 2 + digits;
    }
    c->python = strndup(field, python_length);
    c->abi = strdup(abi);
    if (!c->python || !c->abi)
        return -1;
    return valid_tag(c->python) && !strchr(c->python, '.') &&
           valid_tag(c->abi);
}

int pp_release_cell_parse(pp_release_cell *c, const char *abi_field,
                          const char *platform_field)
{
    memset(c, 0, sizeof *c);
    c->text = pp_format("%s %s", abi_field, platform_field);
    if (!c->text)
        return -1;
    if (strncmp(platform_field, "<=", 2) == 0) {
        c->at_most = 1;
        platform_field += 2;
    }
    if (!valid_tag(platform_field) || strchr(platform_field, '.'))
        return 2;
    c->platform = platform_key(platform_field, strlen(platform_field));
    if (!c->platform)
        return -1;
    pp_platform_floor floor;
    if (c->at_most && !c_library_floor(c->platform, &floor))
        return 3;
    int parsed = parse_abi_field(abi_field, c);
    return parsed == 1 ? 0 : parsed == 0 ? 1 : -1;
}

void pp_release_cell_clear(pp_release_cell *c)
{
    free(c->python);
    free(c->abi);
    free(c->platform);
    free(c->text);
    memset(c, 0, sizeof *c);
}

int pp_release_cell_same(const pp_release_cell *a, const pp_release_cell *b)
{
    return strcasecmp(a->python, b->python) == 0 &&
           pp_tag_set_subset(a->abi, b->abi) &&
           pp_tag_set_subset(b->abi, a->abi) &&
           strcmp(a->platform, b->platform) == 0 && a->at_most == b->at_most;
}

/* 1 if the wheel's platform tag key fills the cell's platform. */
static int platform_fills(const pp_release_cell *c, const char *key)
{
    if (!c->at_most)
        return strcmp(key, c->platform) == 0;
    pp_platform_floor cell, wheel;
    return c_library_floor(c->platform, &cell) &&
           c_library_floor(key, &wheel) &&
           strcmp(wheel.family, cell.family) == 0 &&
           strcmp(wheel.arch, cell.arch) == 0 &&
           (wheel.major < cell.major ||
            (wheel.major == cell.major && wheel.minor <= cell.minor));
}

/* 1 if any of the wheel's platform tags fills the cell's, -1 on out of
 * memory (taken as "differs": the caller's check is then incomplete, so
 * it is not used for anything). */
static int platform_held(const pp_release_cell *c, const char *tags)
{
    for (const char *p = tags; *p;) {
        size_t n = strcspn(p, ".");
        char *key = platform_key(p, n);
        if (!key)
            return -1;
        int fills = platform_fills(c, key);
        free(key);
        if (fills)
            return 1;
        p += n;
        if (*p)
            p++;
    }
    return 0;
}

unsigned pp_release_cell_differs(const pp_release_cell *c,
                                 const pyprobe_wheel *wheel)
{
    const char *abi = pyprobe_wheel_abi_tags(wheel);
    unsigned differs = 0;
    if (!pyprobe_wheel_has_tags(wheel, 0, c->python))
        differs |= PP_CELL_PYTHON;
    if (!pp_tag_set_subset(abi, c->abi) || !pp_tag_set_subset(c->abi, abi))
        differs |= PP_CELL_ABI;
    if (platform_held(c, pyprobe_wheel_platform_tags(wheel)) != 1)
        differs |= PP_CELL_PLATFORM;
    return differs;
}
