/* fuzz_sysconfigdata.c - _sysconfigdata files, as --sysconfigdata reads
 * them, and the patchlevel.h in the headers that gives the full version.
 *
 * The input is the sysconfigdata module, optionally followed by the
 * separator line below and the patchlevel.h to place in the include
 * directory the module implies (under the private directory, which is
 * the target's sysroot). */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

#define PATCHLEVEL_SEPARATOR "\n#### patchlevel.h\n"
#define MAX_DEPTH 16

/* The value of 'name' in the module when it is plain (letters, digits,
 * ._-/ and no ..), into value; else 0. A plain strstr, not a parse: the
 * harness must not depend on the parser it feeds. */
static int plain_value(const char *module, const char *name, char *value,
                       size_t size)
{
    static const char plain[] = "abcdefghijklmnopqrstuvwxyz"
                                "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/";
    char key[64];
    snprintf(key, sizeof key, "'%s': '", name);
    const char *at = strstr(module, key);
    if (!at)
        return 0;
    at += strlen(key);
    size_t length = strspn(at, plain);
    const char *dots = strstr(at, "..");
    if (at[length] != '\'' || length >= size || (dots && dots < at + length))
        return 0;
    memcpy(value, at, length);
    value[length] = '\0';
    return 1;
}

/* Where pyprobe looks for patchlevel.h, as sysconfig computes the
 * include directory: {prefix}/include/python{VERSION}{ABIFLAGS}, under
 * the sysroot; 0 when the module does not say it plainly. */
static int include_dir(const char *module, char *dir, size_t size)
{
    char prefix[PATH_MAX], version[32], abiflags[32];
    if (!plain_value(module, "prefix", prefix, sizeof prefix) ||
        prefix[0] != '/' ||
        !plain_value(module, "VERSION", version, sizeof version))
        return 0;
    if (!plain_value(module, "ABIFLAGS", abiflags, sizeof abiflags))
        abiflags[0] = '\0';
    return snprintf(dir, size, "%s%s/include/python%s%s", fuzz_dir(), prefix,
                    version, abiflags) < (int)size;
}

/* The headers placed for one input, and taken away after it. */
typedef struct headers {
    char made[MAX_DEPTH][PATH_MAX];   /* directories made, outermost first */
    size_t count;
    char file[PATH_MAX];              /* "" when none was written */
} headers;

static void take_away(headers *h)
{
    if (h->file[0])
        unlink(h->file);
    h->file[0] = '\0';
    while (h->count > 0)
        rmdir(h->made[--h->count]);
}

/* Make dir (under the sysroot) and its missing parents, each recorded
 * in h. 0, with nothing left behind, when it is deeper than MAX_DEPTH
 * new directories or cannot be made (a component too long, a file in
 * the way): the input then simply has no headers. */
static int make_dirs(headers *h, char *dir)
{
    for (char *slash = dir + strlen(fuzz_dir()) + 1;; slash++) {
        slash = strchr(slash, '/');
        if (slash)
            *slash = '\0';
        if (mkdir(dir, 0700) == 0) {
            if (h->count == MAX_DEPTH) {
                rmdir(dir);
                take_away(h);
                return 0;
            }
            snprintf(h->made[h->count++], PATH_MAX, "%s", dir);
        } else if (errno != EEXIST) {
            take_away(h);
            return 0;
        }
        if (!slash)
            return 1;
        *slash = '/';
    }
}

static void place(headers *h, const char *module, const char *patchlevel)
{
    char dir[PATH_MAX];
    h->count = 0;
    h->file[0] = '\0';
    if (!patchlevel || !include_dir(module, dir, sizeof dir) ||
        !make_dirs(h, dir))
        return;
    if (snprintf(h->file, sizeof h->file, "%s/patchlevel.h", dir) >=
            (int)sizeof h->file ||
        !fuzz_try_write(h->file, (const uint8_t *)patchlevel,
                        strlen(patchlevel))) {
        unlink(h->file);
        h->file[0] = '\0';
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *module =
        fuzz_path("usr/lib/python3.11/_sysconfigdata__x86_64-linux-gnu.py");
    char *head;
    const char *tail;
    fuzz_split(data, size, PATCHLEVEL_SEPARATOR, &head, &tail);
    fuzz_write(module, (const uint8_t *)head, strlen(head));
    headers h;
    place(&h, head, tail);
    free(head);

    pyprobe_facts *facts = NULL;
    pyprobe_error error;
    pyprobe_status status = pyprobe_facts_from_sysconfigdata(
        module, fuzz_target(), &facts, &error);
    fuzz_outcome(status, &error);
    if (status == PYPROBE_OK) {
        fuzz_use_facts(facts);
        pyprobe_facts_free(facts);
    }
    take_away(&h);
    return 0;
}
