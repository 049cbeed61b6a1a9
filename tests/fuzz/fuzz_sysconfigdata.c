/* fuzz_sysconfigdata.c - _sysconfigdata files, as --sysconfigdata reads
 * them, and the patchlevel.h in the headers that gives the full version.
 *
 * The input is the sysconfigdata module, optionally followed by the
 * separator line below and the patchlevel.h to place in the directory
 * the module's INCLUDEPY names (under the private directory, which is
 * the target's sysroot). */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

#define PATCHLEVEL_SEPARATOR "\n#### patchlevel.h\n"
#define MAX_DEPTH 16

/* The module's INCLUDEPY when it is a plain absolute path (letters,
 * digits, ._-/ and no ..), as a path under the sysroot; else 0. */
static int include_dir(const char *module, char *dir, size_t size)
{
    static const char key[] = "'INCLUDEPY': '";
    static const char plain[] = "abcdefghijklmnopqrstuvwxyz"
                                "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/";
    const char *at = strstr(module, key);
    if (!at)
        return 0;
    at += strlen(key);
    size_t length = strspn(at, plain);
    const char *dots = strstr(at, "..");
    if (length == 0 || at[0] != '/' || at[length] != '\'' ||
        (dots && dots < at + length))
        return 0;
    return snprintf(dir, size, "%s%.*s", fuzz_dir(), (int)length, at) <
           (int)size;
}

/* The headers placed for one input, and taken away after it. */
typedef struct headers {
    char made[MAX_DEPTH][PATH_MAX];   /* directories made, outermost first */
    size_t count;
    char file[PATH_MAX];              /* "" when none was written */
} headers;

static void place(headers *h, const char *module, const char *patchlevel)
{
    char dir[PATH_MAX];
    h->count = 0;
    h->file[0] = '\0';
    if (!patchlevel || !include_dir(module, dir, sizeof dir))
        return;
    for (char *slash = dir + strlen(fuzz_dir()) + 1;; slash++) {
        slash = strchr(slash, '/');
        if (slash)
            *slash = '\0';
        if (mkdir(dir, 0700) == 0 && h->count < MAX_DEPTH)
            snprintf(h->made[h->count++], PATH_MAX, "%s", dir);
        if (!slash)
            break;
        *slash = '/';
    }
    if (snprintf(h->file, sizeof h->file, "%s/patchlevel.h", dir) >=
        (int)sizeof h->file) {
        h->file[0] = '\0';
        return;
    }
    fuzz_write(h->file, (const uint8_t *)patchlevel, strlen(patchlevel));
}

static void take_away(headers *h)
{
    if (h->file[0])
        unlink(h->file);
    while (h->count > 0)
        rmdir(h->made[--h->count]);
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
