/* release_cell.c - a release manifest's cell and the wheels that fill
 * it: Python tag held, ABI tag set equal as a set, platform held. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "os/os.h"
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

/* PEP 600: the legacy manylinux names are aliases of these. */
static const struct {
    const char *legacy, *pep600;
} aliases[] = {
    {"manylinux1_", "manylinux_2_5_"},
    {"manylinux2010_", "manylinux_2_12_"},
    {"manylinux2014_", "manylinux_2_17_"},
};

/* One platform tag (length bytes), lower case with aliases spelled out;
 * NULL on out of memory. */
static char *platform_key(const char *tag, size_t length)
{
    char *key = strndup(tag, length);
    if (!key)
        return NULL;
    pp_lower_ascii(key);
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        size_t n = strlen(aliases[i].legacy);
        if (strncmp(key, aliases[i].legacy, n) == 0) {
            char *spelled = pp_format("%s%s", aliases[i].pep600, key + n);
            free(key);
            return spelled;
        }
    }
    return key;
}

/* "manylinux_2_28_x86_64" -> family length 9, 2, 28, "x86_64"; 0 for a
 * platform without a C library version. */
static int split_versioned(const char *key, size_t *family, long *major,
                           long *minor, const char **arch)
{
    static const char *const families[] = {"manylinux_", "musllinux_"};
    for (size_t i = 0; i < 2; i++) {
        size_t n = strlen(families[i]);
        if (strncmp(key, families[i], n) != 0)
            continue;
        char *end;
        const char *p = key + n;
        if (*p < '0' || *p > '9')
            return 0;
        *major = strtol(p, &end, 10);
        if (*end != '_' || end[1] < '0' || end[1] > '9')
            return 0;
        *minor = strtol(end + 1, &end, 10);
        if (*end != '_' || !end[1])
            return 0;
        *family = n;
        *arch = end + 1;
        return 1;
    }
    return 0;
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
    size_t family;
    long major, minor;
    const char *arch;
    if (c->at_most &&
        !split_versioned(c->platform, &family, &major, &minor, &arch))
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
    size_t cf, wf;
    long cmaj, cmin, wmaj, wmin;
    const char *carch, *warch;
    split_versioned(c->platform, &cf, &cmaj, &cmin, &carch);
    return split_versioned(key, &wf, &wmaj, &wmin, &warch) && wf == cf &&
           strncmp(key, c->platform, cf) == 0 && strcmp(warch, carch) == 0 &&
           (wmaj < cmaj || (wmaj == cmaj && wmin <= cmin));
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
