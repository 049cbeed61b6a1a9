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
"Usage: pyprobe check-release [--sdist] [--json] MANIFEST DIR\n"
"Check the wheels (*.whl) in DIR against MANIFEST, which lists the cells\n"
"a release must have, one per line: PYTHON-ABI PLATFORM, such as\n"
"  cp314                manylinux_2_28_aarch64\n"
"  cp314t               manylinux_2_28_aarch64\n"
"  cp315-abi3.abi3t     manylinux_2_28_x86_64\n"
"  cp311                <=manylinux_2_28_x86_64\n"
"A wheel fills a cell when its Python tags hold the cell's, its ABI tag\n"
"set is exactly the cell's (cp314 is not cp314t) and its platform tags\n"
"hold the cell's platform (manylinux2014 is manylinux_2_17, manylinux2010\n"
"is manylinux_2_12, manylinux1 is manylinux_2_5). '<=' asks for a wheel\n"
"that needs at most that glibc (or musl). The release is one project at\n"
"one version; a wheel of another is 'mixed', two wheels filling one cell\n"
"are 'duplicate'. Prints the ok lines, then the problems sorted by\n"
"verdict, then a summary; exit status 1 if there is any problem, 5 for a\n"
"malformed manifest (a cell given twice too), 7 if a file cannot be read.\n"
"\n"
"  --sdist                the release must have NAME-VERSION.tar.gz in DIR\n"
"  --json                 print the whole result as JSON instead\n"
"  -h, --help             show this help and exit\n";

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir ending with suffix, sorted; NULL and errno set on
 * failure. */
static char **list_files(const char *dir, const char *suffix, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    size_t capacity = 16;
    char **names = malloc(capacity * sizeof *names);
    struct dirent *entry;
    *count = 0;
    while (names && (entry = readdir(d))) {
        size_t n = strlen(entry->d_name), k = strlen(suffix);
        if (n < k || strcmp(entry->d_name + n - k, suffix) != 0)
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

static void free_list(char **names, size_t count)
{
    for (size_t i = 0; names && i < count; i++)
        free(names[i]);
    free(names);
}

static void print_findings(const pyprobe_release_check *check)
{
    for (size_t i = 0; i < pyprobe_release_check_count(check); i++) {
        pyprobe_finding_kind kind = pyprobe_release_check_kind(check, i);
        const char *file = pyprobe_release_check_file(check, i);
        const char *cell = pyprobe_release_check_cell(check, i);
        const char *detail = pyprobe_release_check_detail(check, i);
        printf("%-10s  %s", pyprobe_finding_kind_name(kind),
               file ? file : cell);
        if (kind == PYPROBE_FINDING_OK)
            printf("  (%s)\n", cell);
        else if (file && cell)
            printf(": %s (cell %s)\n", detail, cell);
        else
            printf(": %s\n", detail);
    }
    printf("%s\n", pyprobe_release_check_summary(check));
}

enum { OPT_SDIST = 256, OPT_JSON };

int cmd_check_release(int argc, char **argv)
{
    static const struct option options[] = {
        {"sdist", no_argument, NULL, OPT_SDIST},
        {"json", no_argument, NULL, OPT_JSON},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int opt, want_sdist = 0, json = 0;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        if (opt == OPT_SDIST) {
            want_sdist = 1;
        } else if (opt == OPT_JSON) {
            json = 1;
        } else if (opt == 'h') {
            fputs(usage_text, stdout);
            return cli_close_stdout(0);
        } else {
            return cli_bad_option(opt, argv, options);
        }
    }
    if (argc - optind != 2)
        return cli_usage_error("check-release", "expected MANIFEST DIR");
    const char *manifest = argv[optind], *dir = argv[optind + 1];

    size_t count = 0, sdist_count = 0;
    char **wheels = list_files(dir, ".whl", &count);
    char **sdists = wheels && want_sdist
                        ? list_files(dir, ".tar.gz", &sdist_count) : NULL;
    if (!wheels || (want_sdist && !sdists)) {
        fprintf(stderr, "pyprobe: %s: %s\n", dir, strerror(errno));
        free_list(wheels, count);
        return PYPROBE_ERR_IO;
    }
    pyprobe_release_check *check = NULL;
    pyprobe_error error = {0};
    pyprobe_status status =
        want_sdist ? pyprobe_release_check_new_with_sdist(
                         manifest, (const char *const *)wheels, count,
                         (const char *const *)sdists, sdist_count, &check,
                         &error)
                   : pyprobe_release_check_new(manifest,
                                               (const char *const *)wheels,
                                               count, &check, &error);
    char *text = NULL;
    if (status == PYPROBE_OK && json)
        status = pyprobe_release_check_json(check, &text, &error);
    int code;
    if (status != PYPROBE_OK) {
        code = cli_fail(&error);
    } else {
        if (text)
            fputs(text, stdout);
        else
            print_findings(check);
        code = pyprobe_release_check_problems(check) ? PYPROBE_ERR_NEGATIVE : 0;
    }
    pyprobe_free(text);
    pyprobe_release_check_free(check);
    free_list(wheels, count);
    free_list(sdists, sdist_count);
    return cli_close_stdout(code);
}
