/* cmd_check_release.c - pyprobe check-release MANIFEST DIR: the wheels
 * in DIR against the cells a release must have (see the manifest format
 * in pyprobe.h, the README and the man page). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
"Usage: pyprobe check-release MANIFEST DIR\n"
"Check the wheels (*.whl) in DIR against MANIFEST, which lists the cells\n"
"a release must have, one per line: PYTHON-ABI PLATFORM, such as\n"
"  cp314                manylinux_2_28_aarch64\n"
"  cp314t               manylinux_2_28_aarch64\n"
"  cp315-abi3.abi3t     manylinux_2_28_x86_64\n"
"A wheel fills a cell when its Python tags hold the cell's, its ABI tag\n"
"set is exactly the cell's (cp314 is not cp314t) and its platform tags\n"
"hold the cell's platform. Prints one line per wheel and per missing\n"
"cell; exit status 1 if any cell is missing or any wheel is of the wrong\n"
"ABI, unexpected or malformed.\n"
"\n"
"  -h, --help             show this help and exit\n";

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.whl names in dir, sorted; NULL and errno set on failure. */
static char **list_wheels(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    size_t capacity = 16;
    char **names = malloc(capacity * sizeof *names);
    struct dirent *entry;
    *count = 0;
    while (names && (entry = readdir(d))) {
        size_t n = strlen(entry->d_name);
        if (n < 4 || strcmp(entry->d_name + n - 4, ".whl") != 0)
            continue;
        if (*count == capacity) {
            char **more = realloc(names, (capacity *= 2) * sizeof *names);
            if (!more)
                break;
            names = more;
        }
        if (!(names[*count] = strdup(entry->d_name)))
            break;
        ++*count;
    }
    closedir(d);
    if (names)
        qsort(names, *count, sizeof *names, by_name);
    return names;
}

static const char *const kind_names[] = {
    "ok", "missing", "wrong-abi", "unexpected", "malformed",
};

int cmd_check_release(int argc, char **argv)
{
    static const struct option options[] = {
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        if (opt != 'h')
            return cli_bad_option(opt, argv, options);
        fputs(usage_text, stdout);
        return cli_close_stdout(0);
    }
    if (argc - optind != 2)
        return cli_usage_error("check-release", "expected MANIFEST DIR");
    const char *manifest = argv[optind], *dir = argv[optind + 1];

    size_t count = 0;
    char **wheels = list_wheels(dir, &count);
    if (!wheels) {
        fprintf(stderr, "pyprobe: %s: %s\n", dir, strerror(errno));
        return PYPROBE_ERR_IO;
    }
    pyprobe_release_check *check = NULL;
    pyprobe_error error = {0};
    int code;
    if (pyprobe_release_check_new(manifest, (const char *const *)wheels,
                                  count, &check, &error) != PYPROBE_OK) {
        code = cli_fail(&error);
    } else {
        size_t tally[5] = {0};
        for (size_t i = 0; i < pyprobe_release_check_count(check); i++) {
            pyprobe_finding_kind kind = pyprobe_release_check_kind(check, i);
            const char *file = pyprobe_release_check_file(check, i);
            const char *cell = pyprobe_release_check_cell(check, i);
            const char *detail = pyprobe_release_check_detail(check, i);
            tally[kind]++;
            printf("%-10s  %s", kind_names[kind], file ? file : cell);
            if (kind == PYPROBE_FINDING_OK)
                printf("  (%s)\n", cell);
            else if (file && cell)
                printf(": %s (cell %s)\n", detail, cell);
            else
                printf(": %s\n", detail);
        }
        printf("%zu wheel%s: %zu ok, %zu missing cells, %zu of the wrong ABI, "
               "%zu unexpected, %zu malformed\n", count, count == 1 ? "" : "s",
               tally[PYPROBE_FINDING_OK], tally[PYPROBE_FINDING_MISSING],
               tally[PYPROBE_FINDING_WRONG_ABI],
               tally[PYPROBE_FINDING_UNEXPECTED],
               tally[PYPROBE_FINDING_MALFORMED]);
        code = pyprobe_release_check_problems(check) ? PYPROBE_ERR_NEGATIVE : 0;
    }
    pyprobe_release_check_free(check);
    for (size_t i = 0; i < count; i++)
        free(wheels[i]);
    free(wheels);
    return cli_close_stdout(code);
}
