/* suggest.c - "did you mean ...?": the valid word closest to a
 * mistyped one, for options, commands and names. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Edits (insert, delete, replace, swap two neighbours) from a to b, or
 * a number above limit once it is certain to exceed it. */
static size_t distance(const char *a, const char *b, size_t limit)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 64 || m > 64 || (n > m ? n - m : m - n) > limit)
        return limit + 1;
    size_t d[65][65];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[n][m];
}

const char *cli_closest(const char *word, const char *const *candidates,
                        size_t count)
{
    /* A third of the word may be wrong, at least one letter of it. */
    size_t limit = strlen(word) / 3 ? strlen(word) / 3 : 1;
    const char *best = NULL;
    size_t best_distance = limit + 1;
    for (size_t i = 0; i < count; i++) {
        size_t d = distance(word, candidates[i], limit);
        if (d < best_distance) {
            best = candidates[i];
            best_distance = d;
        }
    }
    return best;
}

int cli_bad_option(int opt, char **argv, const struct option *options)
{
    const char *given = argv[optind - 1];
    if (opt == ':')
        return cli_usage_error(given, "needs a value");
    if (strncmp(given, "--", 2) != 0)
        return cli_usage_error(given, "unknown option");
    /* --pyhton=x: the name is what comes before the '=' */
    char name[80];
    snprintf(name, sizeof name, "%.*s", (int)strcspn(given + 2, "="),
             given + 2);
    size_t count = 0, starts = 0;
    while (options[count].name)
        count++;
    /* getopt takes an abbreviation that fits one option only */
    char ambiguous[160] = "";
    for (size_t i = 0; i < count; i++)
        if (strncmp(options[i].name, name, strlen(name)) == 0 && name[0] &&
            strlen(ambiguous) + strlen(options[i].name) + 5 < sizeof ambiguous)
            snprintf(ambiguous + strlen(ambiguous),
                     sizeof ambiguous - strlen(ambiguous), "%s--%s",
                     starts++ ? ", " : "", options[i].name);
    if (starts > 1)
        return cli_usage_error(given, "ambiguous: %s", ambiguous);
    const char **names = malloc((count + 1) * sizeof *names);
    const char *closest = NULL;
    if (names) {
        for (size_t i = 0; i < count; i++)
            names[i] = options[i].name;
        closest = cli_closest(name, names, count);
    }
    int code = closest ? cli_usage_error(given, "unknown option; did you "
                                         "mean --%s?", closest)
                       : cli_usage_error(given, "unknown option");
    free(names);
    return code;
}
