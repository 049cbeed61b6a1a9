/* verify_import.c - import modules in the target interpreter and find
 * out whether that turned the GIL back on.
 *
 * data/verify_import.py does the importing; this side runs it with the
 * runner every probe uses (time limit, output limit, process group),
 * reads its answer strictly, and starts a fresh interpreter after a
 * module that turned the GIL on (later imports could not be judged in
 * that process) or that killed the interpreter. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/os.h"
#include "probe/locate.h"
#include "probe/probe.h"
#include "probe/run.h"
#include "probe/verify_script.h"
#include "util/error.h"

typedef struct import_entry {
    char *module;
    pyprobe_import_result result;
    char *detail;
} import_entry;

struct pyprobe_import_check {
    char *python;
    int free_threaded;
    size_t count;
    import_entry *entries;
};

/* A line of the answer, without its newline. */
typedef struct line {
    const char *text;
    size_t length;
} line;

/* Next line from *p; 0 at the end or on a line without a newline (a
 * truncated answer). */
static int next_line(const char **p, const char *end, line *out)
{
    const char *newline = memchr(*p, '\n', (size_t)(end - *p));
    if (!newline)
        return 0;
    out->text = *p;
    out->length = (size_t)(newline - *p);
    *p = newline + 1;
    return 1;
}

static int printable(const line *l)
{
    for (size_t i = 0; i < l->length; i++)
        if (l->text[i] < 0x20 || l->text[i] > 0x7e)
            return 0;
    return 1;
}

/* 1 if the line is WORD, or WORD followed by a space and *rest. */
static int line_word(const line *l, const char *word, const char **rest,
                     size_t *rest_length)
{
    size_t n = strlen(word);
    if (l->length < n || memcmp(l->text, word, n) != 0)
        return 0;
    if (l->length == n) {
        *rest = "";
        *rest_length = 0;
        return 1;
    }
    if (l->text[n] != ' ' || l->length == n + 1)
        return 0;
    *rest = l->text + n + 1;
    *rest_length = l->length - n - 1;
    return 1;
}

static pyprobe_status garbage(const pyprobe_import_check *check,
                              const char *what, pyprobe_error *error)
{
    pp_error_set(error, PYPROBE_ERR_PROTOCOL, check->python,
                 "invalid answer from the import script: %s", what);
    pp_error_hint(error, "is it Python? pyprobe --python %s shows what "
                         "it is", check->python);
    return PYPROBE_ERR_PROTOCOL;
}

/* "start FT GIL [CULPRIT]": the build, and the GIL once site has run. */
static pyprobe_status read_start(pyprobe_import_check *check, int first,
                                 const line *l, pyprobe_error *error)
{
    const char *rest;
    size_t length;
    if (!line_word(l, "start", &rest, &length) || length < 3 ||
        (rest[0] != '0' && rest[0] != '1') || rest[1] != ' ' ||
        !strchr("01-", rest[2]) || (length > 3 && rest[3] != ' '))
        return garbage(check, "no start line", error);
    int free_threaded = rest[0] == '1';
    if (!first && free_threaded != check->free_threaded)
        return garbage(check, "the build changed between runs", error);
    check->free_threaded = free_threaded;
    if (!free_threaded || rest[2] == '0')
        return PYPROBE_OK;
    if (rest[2] == '-')
        return garbage(check, "a free-threaded build that cannot say "
                              "whether the GIL is on", error);
    if (length > 4)
        pp_error_set(error, PYPROBE_ERR_NEGATIVE, check->python,
                     "the GIL is on before any import: site (a .pth file "
                     "or sitecustomize) loaded module '%.*s', which has "
                     "not declared that it can run without the GIL",
                     (int)(length - 4), rest + 4);
    else
        pp_error_set(error, PYPROBE_ERR_NEGATIVE, check->python,
                     "the GIL is on before any import (turned on while "
                     "site ran)");
    pp_error_hint(error, "no import can be checked there; run it where "
                         "site imports nothing that needs the GIL");
    return PYPROBE_ERR_NEGATIVE;
}

static pyprobe_status set_result(import_entry *entry,
                                 pyprobe_import_result result,
                                 const char *detail, size_t length,
                                 pyprobe_error *error)
{
    entry->result = result;
    entry->detail = strndup(detail, length);
    return entry->detail ? PYPROBE_OK : pp_error_nomem(error);
}

/* The interpreter died while importing a module: that is the module's
 * result, and the rest go on in a fresh interpreter. */
static pyprobe_status died_importing(import_entry *entry,
                                     const pp_run_result *run,
                                     pyprobe_error *error)
{
    char text[200];
    if (run->signaled) {
        const char *name = strsignal(run->term_signal);
        snprintf(text, sizeof text, "the interpreter crashed while "
                 "importing it: killed by signal %d (%s)", run->term_signal,
                 name ? name : "unknown signal");
    } else {
        snprintf(text, sizeof text, "the interpreter exited with status "
                 "%d while importing it", run->exit_status);
    }
    return set_result(entry, PYPROBE_IMPORT_FAILED, text, strlen(text),
                      error);
}

/* Read one run's answer into the entries from *next on. */
static pyprobe_status read_answer(pyprobe_import_check *check, int first,
                                  const pp_run_result *run, size_t *next,
                                  pyprobe_error *error)
{
    const char *p = run->out, *end = run->out + run->out_length;
    int died = run->signaled || run->exit_status != 0;
    line l;
    if (!next_line(&p, end, &l) || l.length != 23 ||
        memcmp(l.text, "pyprobe-verify-import 1", 23) != 0) {
        if (died)
            return pp_explain_failure(check->python, run, error);
        return garbage(check, "no pyprobe-verify-import 1 line", error);
    }
    if (!next_line(&p, end, &l)) {
        if (died)
            return pp_explain_failure(check->python, run, error);
        return garbage(check, "no start line", error);
    }
    if (!printable(&l))
        return garbage(check, "unprintable text", error);
    pyprobe_status status = read_start(check, first, &l, error);
    if (status != PYPROBE_OK)
        return status;

    size_t answered = 0;
    int ended = 0;
    while (!ended && next_line(&p, end, &l)) {
        const char *rest;
        size_t length;
        if (!printable(&l))
            return garbage(check, "unprintable text", error);
        if (line_word(&l, "end", &rest, &length) && length == 0) {
            ended = 1;
            break;
        }
        if (*next >= check->count)
            return garbage(check, "more answers than modules", error);
        import_entry *entry = &check->entries[*next];
        if (line_word(&l, "ok", &rest, &length) && length == 0)
            status = set_result(entry, PYPROBE_IMPORT_OK, "", 0, error);
        else if (check->free_threaded && line_word(&l, "gil", &rest, &length))
            status = set_result(entry, PYPROBE_IMPORT_GIL_ENABLED, rest,
                                length, error);
        else if (line_word(&l, "error", &rest, &length) && length > 0)
            status = set_result(entry, PYPROBE_IMPORT_FAILED, rest, length,
                                error);
        else
            return garbage(check, "an unknown result line", error);
        if (status != PYPROBE_OK)
            return status;
        (*next)++;
        answered++;
    }
    if (ended) {
        if (p != end)
            return garbage(check, "text after the end line", error);
        /* It stops early only after the GIL went on, so only on a
         * free-threaded build, and never before the first module. */
        if (*next < check->count && (!check->free_threaded || !answered))
            return garbage(check, "it stopped before the last module",
                           error);
        return PYPROBE_OK;
    }
    if (!died || *next >= check->count)
        return garbage(check, "the answer is truncated", error);
    status = died_importing(&check->entries[*next], run, error);
    if (status == PYPROBE_OK)
        (*next)++;
    return status;
}

/* Run the script once for the modules from *next on. */
static pyprobe_status run_once(pyprobe_import_check *check, int first,
                               const pyprobe_probe_options *options,
                               const char *const *paths, size_t path_count,
                               size_t *next, pyprobe_error *error)
{
    size_t argc = 6 + path_count + (check->count - *next);
    char **argv = calloc(argc + 1, sizeof *argv);
    if (!argv)
        return pp_error_nomem(error);
    char count_text[32];
    snprintf(count_text, sizeof count_text, "%zu", path_count);
    size_t n = 0;
    argv[n++] = check->python;
    argv[n++] = "-I";
    argv[n++] = "-S";
    argv[n++] = "-c";
    argv[n++] = (char *)pp_verify_script;
    argv[n++] = count_text;
    for (size_t i = 0; i < path_count; i++)
        argv[n++] = (char *)paths[i];
    for (size_t i = *next; i < check->count; i++)
        argv[n++] = check->entries[i].module;
    argv[n] = NULL;

    pp_run_result run;
    pp_deadline deadline = pp_deadline_in(options->timeout_ms);
    pyprobe_status status = pp_run(argv, &deadline, options->max_output,
                                   &run, error);
    free(argv);
    if (status != PYPROBE_OK)
        return status;
    status = read_answer(check, first, &run, next, error);
    pp_run_result_clear(&run);
    return status;
}

pyprobe_status pyprobe_import_check_new(const char *python,
                                        const pyprobe_probe_options *options,
                                        const char *const *paths,
                                        size_t path_count,
                                        const char *const *modules,
                                        size_t module_count,
                                        pyprobe_import_check **check,
                                        pyprobe_error *error)
{
    *check = NULL;
    if (!options)
        options = &pp_probe_defaults;
    pyprobe_import_check *c = calloc(1, sizeof *c);
    if (!c)
        return pp_error_nomem(error);
    c->entries = calloc(module_count ? module_count : 1, sizeof *c->entries);
    if (!c->entries) {
        pyprobe_import_check_free(c);
        return pp_error_nomem(error);
    }
    for (; c->count < module_count; c->count++) {
        c->entries[c->count].module = strdup(modules[c->count]);
        if (!c->entries[c->count].module) {
            pyprobe_import_check_free(c);
            return pp_error_nomem(error);
        }
    }
    pyprobe_status status = pp_locate_python(python, &c->python, error);
    size_t next = 0;
    /* Every run answers for at least one module, so this ends. */
    for (int first = 1; status == PYPROBE_OK && (first || next < c->count);
         first = 0)
        status = run_once(c, first, options, paths, path_count, &next,
                          error);
    if (status != PYPROBE_OK) {
        pyprobe_import_check_free(c);
        return status;
    }
    *check = c;
    return PYPROBE_OK;
}

void pyprobe_import_check_free(pyprobe_import_check *check)
{
    if (!check)
        return;
    for (size_t i = 0; i < check->count; i++) {
        free(check->entries[i].module);
        free(check->entries[i].detail);
    }
    free(check->entries);
    free(check->python);
    free(check);
}

const char *pyprobe_import_check_python(const pyprobe_import_check *check)
{
    return check->python;
}

int pyprobe_import_check_free_threaded(const pyprobe_import_check *check)
{
    return check->free_threaded;
}

size_t pyprobe_import_check_count(const pyprobe_import_check *check)
{
    return check->count;
}

const char *pyprobe_import_check_module(const pyprobe_import_check *check,
                                        size_t index)
{
    return index < check->count ? check->entries[index].module : NULL;
}

pyprobe_import_result pyprobe_import_check_result(
    const pyprobe_import_check *check, size_t index)
{
    return index < check->count ? check->entries[index].result
                                : PYPROBE_IMPORT_FAILED;
}

const char *pyprobe_import_check_detail(const pyprobe_import_check *check,
                                        size_t index)
{
    return index < check->count ? check->entries[index].detail : NULL;
}

size_t pyprobe_import_check_problems(const pyprobe_import_check *check)
{
    size_t problems = 0;
    for (size_t i = 0; i < check->count; i++)
        problems += check->entries[i].result != PYPROBE_IMPORT_OK;
    return problems;
}
