/* replay.c - run a fuzz harness over files, without libFuzzer.
 *
 * replay-HARNESS FILE|DIR...: each file (each regular file in a
 * directory, not recursively) is given to LLVMFuzzerTestOneInput once.
 * This is how make check replays the committed corpora and every input
 * that ever crashed, with whatever compiler and sanitizers the build
 * uses. Exit 0 when all ran, 2 when one could not be read; a crash is
 * a crash. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "util/read_file.h"

/* Inputs larger than any parser accepts are still worth replaying. */
#define REPLAY_MAX_BYTES (64 * 1024 * 1024)

static int replay_file(const char *path)
{
    pyprobe_error error;
    size_t length;
    char *data = pp_read_file(path, REPLAY_MAX_BYTES, &length, &error);
    if (!data) {
        fprintf(stderr, "replay: %s: %s\n", path, error.message);
        return 0;
    }
    LLVMFuzzerTestOneInput((const uint8_t *)data, length);
    free(data);
    return 1;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The directory's regular files, in name order (so runs are alike). */
static int replay_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
        return 0;
    }
    char **names = NULL;
    size_t n = 0, capacity = 0;
    int ok = 1;
    for (struct dirent *entry; (entry = readdir(d));) {
        if (entry->d_name[0] == '.')
            continue;
        if (n == capacity) {
            capacity = capacity ? 2 * capacity : 64;
            char **grown = realloc(names, capacity * sizeof *names);
            if (!grown)
                abort();
            names = grown;
        }
        size_t size = strlen(dir) + strlen(entry->d_name) + 2;
        if (!(names[n] = malloc(size)))
            abort();
        snprintf(names[n++], size, "%s/%s", dir, entry->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
            ok &= replay_file(names[i]);
            (*count)++;
        }
        free(names[i]);
    }
    free(names);
    return ok;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int ok = 1;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            ok &= replay_dir(argv[i], &count);
        } else {
            ok &= replay_file(argv[i]);
            count++;
        }
    }
    printf("%s: %zu inputs replayed\n", argv[0], count);
    return ok ? 0 : 2;
}
