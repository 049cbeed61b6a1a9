/* support.c - the helpers in fuzz.h, shared by every harness. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

/* What fuzz_path made, removed in reverse order at exit. */
static char *made[64];
static size_t made_count;
static char *base;

/* Out of memory or a broken temporary directory: no input is to blame,
 * so stop rather than report a finding. */
static void give_up(const char *what)
{
    perror(what);
    exit(2);
}

static void remove_made(void)
{
    while (made_count > 0) {
        char *path = made[--made_count];
        if (remove(path) != 0 && unlink(path) != 0)
            rmdir(path);
        free(path);
    }
}

static void remember(const char *path)
{
    if (made_count == sizeof made / sizeof made[0])
        give_up("fuzz_path: too many paths");
    if (!(made[made_count++] = strdup(path)))
        give_up("strdup");
}

const char *fuzz_dir(void)
{
    if (base)
        return base;
    const char *tmp = getenv("TMPDIR");
    char template[PATH_MAX];
    snprintf(template, sizeof template, "%s/pyprobe-fuzz.XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(template))
        give_up("mkdtemp");
    remember(template);
    base = made[0];
    atexit(remove_made);
    return base;
}

const char *fuzz_path(const char *relative)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", fuzz_dir(), relative);
    for (size_t i = 0; i < made_count; i++)
        if (strcmp(made[i], path) == 0)
            return made[i];
    /* Each missing parent, then the file itself (made when written). */
    for (char *slash = path + strlen(base) + 1; (slash = strchr(slash, '/'));
         slash++) {
        *slash = '\0';
        if (mkdir(path, 0700) == 0)
            remember(path);
        *slash = '/';
    }
    remember(path);
    return made[made_count - 1];
}

int fuzz_try_write(const char *path, const uint8_t *data, size_t size)
{
    FILE *file = fopen(path, "wb");
    if (!file)
        return 0;
    int written = !size || fwrite(data, 1, size, file) == size;
    return fclose(file) == 0 && written;
}

void fuzz_write(const char *path, const uint8_t *data, size_t size)
{
    if (!fuzz_try_write(path, data, size))
        give_up(path);
}

char *fuzz_string(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        give_up("malloc");
    memcpy(text, data, size);
    text[size] = '\0';
    return text;
}

void fuzz_split(const uint8_t *data, size_t size, const char *separator,
                char **head, const char **tail)
{
    *head = fuzz_string(data, size);
    char *at = strstr(*head, separator);
    *tail = NULL;
    if (at) {
        *at = '\0';
        *tail = at + strlen(separator);
    }
}

void fuzz_outcome(pyprobe_status status, const pyprobe_error *error)
{
    static int explain = -1;
    if (explain < 0)
        explain = getenv("FUZZ_EXPLAIN") != NULL;
    if (!explain)
        return;
    if (status == PYPROBE_OK)
        fprintf(stderr, "accepted\n");
    else if (error)
        fprintf(stderr, "refused (%s): %s\n", pyprobe_status_name(status),
                error->message);
    else
        fprintf(stderr, "refused (%s)\n", pyprobe_status_name(status));
}

const pyprobe_target *fuzz_target(void)
{
    static pyprobe_target *target;
    if (!target) {
        target = pyprobe_target_new();
        if (!target ||
            pyprobe_target_set_libc(target, "glibc-2.36", NULL) !=
                PYPROBE_OK ||
            pyprobe_target_set_sysroot(target, fuzz_dir(), NULL) !=
                PYPROBE_OK)
            give_up("fuzz_target");
    }
    return target;
}

/* Valid facts must render, or be refused as a value the format cannot
 * carry (PYPROBE_ERR_UNSUPPORTED). Anything else is a finding: abort,
 * so the fuzzer keeps the input. */
static void rendered(pyprobe_status status, char *text)
{
    if (status != PYPROBE_OK && status != PYPROBE_ERR_UNSUPPORTED)
        abort();
    pyprobe_free(text);
}

void fuzz_use_facts(const pyprobe_facts *facts)
{
    pyprobe_report *report = NULL;
    pyprobe_error error;
    if (pyprobe_report_new(facts, NULL, &report, &error) != PYPROBE_OK)
        return;   /* facts no policy can serve: a refusal */
    char *text = NULL;
    pyprobe_status status = pyprobe_report_json(report, &text, &error);
    rendered(status, text);
    text = NULL;
    status = pyprobe_report_header(report, "PYPROBE_", &text, &error);
    rendered(status, text);
    text = NULL;
    status = pyprobe_report_tags(report, &text, &error);
    rendered(status, text);
    for (size_t i = 0; i < pyprobe_name_count(); i++)
        (void)pyprobe_report_get(report, pyprobe_name_at(i));
    pyprobe_report_free(report);
}
