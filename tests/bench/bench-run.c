/* bench-run.c - run competing commands alternately, many times, in one
 * process, and print the median wall-clock and CPU time of each, with
 * ratios to the references. Each round runs every competitor once, in an
 * order rotated from round to round, so a burst of load on the machine
 * spreads over all of them instead of landing on one.
 *
 *   usage: bench-run [-n ROUNDS] [-w WARMUP] [-o TSV] SPEC
 *
 * SPEC holds one block per competitor:
 *
 *     competitor NAME      starts a block; NAME is free text
 *     reference            ratios are given to this one (at most two)
 *     env VAR=VALUE        set in its environment (repeatable)
 *     unset VAR            removed from its environment (repeatable)
 *     arg WORD             the next word of its command line, the first
 *                          being the program's absolute path
 *
 * Blank lines and lines starting with # are ignored. Output goes to
 * /dev/null. A competitor that exits non-zero stops the benchmark: a
 * failing command is not fast. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

typedef struct competitor {
    char *name;
    int reference;
    char **argv, **envp;
    size_t argc, envc;
    double *wall, *cpu;     /* milliseconds, one per round */
} competitor;

static competitor *all;
static size_t count;

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        perror("bench-run");
        exit(2);
    }
    return p;
}

static char *xstrdup(const char *s)
{
    return strcpy(xrealloc(NULL, strlen(s) + 1), s);
}

static void add_env(competitor *c, const char *entry, int remove)
{
    size_t name_length = strcspn(entry, "=");
    for (size_t i = 0; i < c->envc; i++)
        if (strncmp(c->envp[i], entry, name_length) == 0 &&
            c->envp[i][name_length] == '=') {
            if (remove) {
                c->envp[i] = c->envp[--c->envc];
                c->envp[c->envc] = NULL;
            } else {
                c->envp[i] = xstrdup(entry);
            }
            return;
        }
    if (remove)
        return;
    c->envp = xrealloc(c->envp, (c->envc + 2) * sizeof *c->envp);
    c->envp[c->envc++] = xstrdup(entry);
    c->envp[c->envc] = NULL;
}

static void read_spec(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(2);
    }
    char line[8192];
    competitor *c = NULL;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *value = strchr(line, ' ');
        value = value ? value + 1 : line + strlen(line);
        if (strncmp(line, "competitor ", 11) == 0) {
            all = xrealloc(all, (count + 1) * sizeof *all);
            c = &all[count++];
            memset(c, 0, sizeof *c);
            c->name = xstrdup(value);
            for (char **e = environ; *e; e++)
                add_env(c, *e, 0);
            c->argv = xrealloc(NULL, sizeof *c->argv);
            c->argv[0] = NULL;
        } else if (!c) {
            fprintf(stderr, "%s: '%s' before any competitor\n", path, line);
            exit(2);
        } else if (strcmp(line, "reference") == 0) {
            c->reference = 1;
        } else if (strncmp(line, "env ", 4) == 0) {
            add_env(c, value, 0);
        } else if (strncmp(line, "unset ", 6) == 0) {
            add_env(c, value, 1);
        } else if (strncmp(line, "arg ", 4) == 0 || strcmp(line, "arg") == 0) {
            c->argv = xrealloc(c->argv, (c->argc + 2) * sizeof *c->argv);
            c->argv[c->argc++] = xstrdup(value);
            c->argv[c->argc] = NULL;
        } else {
            fprintf(stderr, "%s: cannot read '%s'\n", path, line);
            exit(2);
        }
    }
    fclose(f);
    for (size_t i = 0; i < count; i++)
        if (!all[i].argc) {
            fprintf(stderr, "%s: %s has no command\n", path, all[i].name);
            exit(2);
        }
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Run c once; wall and CPU (user + system of the process and all it
 * waited for) in milliseconds. */
static void run_once(competitor *c, double *wall, double *cpu)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    double start = now_ms();
    int rc = posix_spawn(&pid, c->argv[0], &actions, NULL, c->argv, c->envp);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        fprintf(stderr, "bench-run: %s: cannot run %s: %s\n", c->name,
                c->argv[0], strerror(rc));
        exit(1);
    }
    int status;
    struct rusage usage;
    while (wait4(pid, &status, 0, &usage) < 0)
        if (errno != EINTR) {
            perror("wait4");
            exit(1);
        }
    *wall = now_ms() - start;
    *cpu = (double)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
           (double)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench-run: %s failed (status 0x%x):", c->name,
                status);
        for (size_t i = 0; i < c->argc; i++)
            fprintf(stderr, " %s", c->argv[i]);
        fputc('\n', stderr);
        exit(1);
    }
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *values, size_t n)
{
    qsort(values, n, sizeof *values, by_value);
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

int main(int argc, char **argv)
{
    long rounds = 200, warmup = 10;
    const char *tsv = NULL;
    int opt;
    while ((opt = getopt(argc, argv, "n:w:o:")) != -1) {
        if (opt == 'n')
            rounds = strtol(optarg, NULL, 10);
        else if (opt == 'w')
            warmup = strtol(optarg, NULL, 10);
        else if (opt == 'o')
            tsv = optarg;
        else
            return 2;
    }
    if (optind != argc - 1 || rounds < 1 || warmup < 0) {
        fprintf(stderr, "usage: bench-run [-n ROUNDS] [-w WARMUP] [-o TSV] "
                        "SPEC\n");
        return 2;
    }
    read_spec(argv[optind]);
    if (!count)
        return 2;
    for (size_t i = 0; i < count; i++) {
        all[i].wall = xrealloc(NULL, (size_t)rounds * sizeof(double));
        all[i].cpu = xrealloc(NULL, (size_t)rounds * sizeof(double));
    }
    for (long r = -warmup; r < rounds; r++) {
        for (size_t k = 0; k < count; k++) {
            competitor *c = &all[((size_t)(r + warmup) + k) % count];
            double wall, cpu;
            run_once(c, &wall, &cpu);
            if (r >= 0) {
                c->wall[r] = wall;
                c->cpu[r] = cpu;
            }
        }
    }
    size_t refs[2], nrefs = 0;
    for (size_t i = 0; i < count; i++) {
        all[i].wall[0] = median(all[i].wall, (size_t)rounds);
        all[i].cpu[0] = median(all[i].cpu, (size_t)rounds);
        if (all[i].reference && nrefs < 2)
            refs[nrefs++] = i;
    }
    FILE *out = tsv ? fopen(tsv, "w") : NULL;
    if (tsv && !out) {
        perror(tsv);
        return 1;
    }
    printf("%ld rounds (after %ld warm-up rounds), medians:\n\n", rounds,
           warmup);
    printf("| %-44s | %9s | %8s |", "competitor", "wall (ms)", "CPU (ms)");
    for (size_t j = 0; j < nrefs; j++)
        printf(" x %-20.20s |", all[refs[j]].name);
    printf("\n|-%.44s-|-----------|----------|", "--------------------------------------------------");
    for (size_t j = 0; j < nrefs; j++)
        printf("------------------------|");
    putchar('\n');
    for (size_t i = 0; i < count; i++) {
        printf("| %-44s | %9.2f | %8.2f |", all[i].name, all[i].wall[0],
               all[i].cpu[0]);
        for (size_t j = 0; j < nrefs; j++)
            printf(" %22.2f |", all[i].wall[0] / all[refs[j]].wall[0]);
        putchar('\n');
        if (out)
            fprintf(out, "%s\t%.4f\t%.4f\n", all[i].name, all[i].wall[0],
                    all[i].cpu[0]);
    }
    if (out)
        fclose(out);
    return 0;
}
