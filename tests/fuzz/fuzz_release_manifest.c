/* fuzz_release_manifest.c - release manifests (pyprobe check-release)
 * and the wheel names checked against them.
 *
 * The input is the manifest, optionally followed by the separator line
 * below and wheel file names, one per line. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#define WHEELS_SEPARATOR "\n#### wheels\n"
#define MAX_WHEELS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *manifest;
    const char *tail;
    fuzz_split(data, size, WHEELS_SEPARATOR, &manifest, &tail);
    const char *path = fuzz_path("manifest");
    fuzz_write(path, (const uint8_t *)manifest, strlen(manifest));

    char *names = fuzz_string((const uint8_t *)(tail ? tail : ""),
                              tail ? strlen(tail) : 0);
    const char *wheels[MAX_WHEELS];
    size_t count = 0;
    for (char *line = names; line && *line && count < MAX_WHEELS;) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        wheels[count++] = line;
        line = next;
    }

    pyprobe_release_check *check = NULL;
    pyprobe_error error;
    pyprobe_status status =
        pyprobe_release_check_new(path, wheels, count, &check, &error);
    fuzz_outcome(status, &error);
    if (status == PYPROBE_OK) {
        for (size_t i = 0; i < pyprobe_release_check_count(check); i++) {
            (void)pyprobe_release_check_kind(check, i);
            (void)pyprobe_release_check_file(check, i);
            (void)pyprobe_release_check_cell(check, i);
            (void)pyprobe_release_check_detail(check, i);
        }
        pyprobe_release_check_free(check);
    }
    free(names);
    free(manifest);
    return 0;
}
