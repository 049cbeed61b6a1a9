/* probe.c - run an interpreter with the embedded probe script and turn
 * its answer into facts. */
#include "config.h"

#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "facts/facts.h"
#include "facts/validate.h"
#include "os/os.h"
#include "probe/cache.h"
#include "probe/elf.h"
#include "probe/macho.h"
#include "probe/locate.h"
#include "probe/probe.h"
#include "probe/probe_script.h"
#include "probe/run.h"
#include "probe/script_cache.h"
#include "util/error.h"

const pyprobe_probe_options pp_probe_defaults = {30000, 1024 * 1024, 0, 0,
                                                 NULL};

pyprobe_probe_options *pyprobe_probe_options_new(void)
{
    pyprobe_probe_options *options = malloc(sizeof *options);
    if (options)
        *options = pp_probe_defaults;
    return options;
}

void pyprobe_probe_options_free(pyprobe_probe_options *options)
{
    if (options)
        free(options->cache_dir);
    free(options);
}

pyprobe_status pyprobe_probe_options_set_cache(pyprobe_probe_options *options,
                                               unsigned what, const char *dir)
{
    char *copy = dir ? strdup(dir) : NULL;
    if (dir && !copy)
        return PYPROBE_ERR_INTERNAL;
    free(options->cache_dir);
    options->cache_dir = copy;
    options->cache = what & (PYPROBE_CACHE_ANSWERS | PYPROBE_CACHE_SCRIPT);
    return PYPROBE_OK;
}

void pyprobe_probe_options_set_timeout_ms(pyprobe_probe_options *options,
                                          unsigned long timeout_ms)
{
    options->timeout_ms = timeout_ms;
}

void pyprobe_probe_options_set_max_output(pyprobe_probe_options *options,
                                          size_t bytes)
{
    options->max_output = bytes;
}

void pyprobe_probe_options_set_use_sysconfig(pyprobe_probe_options *options,
                                             int use_sysconfig)
{
    options->use_sysconfig = use_sysconfig != 0;
}

/* The line of standard error that says what went wrong: in a Python
 * traceback the last one, which names the exception; in anything else
 * the first one, as a wrapper's message starts with it ("pyenv:
 * python3.12: command not found", then advice). */
static void error_line(const char *text, size_t length, const char **line,
                       int *line_length)
{
    static const char traceback[] = "Traceback (most recent call last):";
    size_t start = 0, end = length;
    int is_traceback = 0;
    for (size_t i = 0; i + sizeof traceback - 1 <= length && !is_traceback;
         i++)
        is_traceback = memcmp(text + i, traceback, sizeof traceback - 1) == 0;
    if (is_traceback) {
        while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == '\r' ||
                           text[end - 1] == ' '))
            end--;
        start = end;
        while (start > 0 && text[start - 1] != '\n')
            start--;
    } else {
        while (start < length && (text[start] == '\n' ||
                                  text[start] == '\r' || text[start] == ' '))
            start++;
        end = start;
        while (end < length && text[end] != '\n' && text[end] != '\r')
            end++;
        while (end > start && text[end - 1] == ' ')
            end--;
    }
    *line = text + start;
    *line_length = (int)(end - start > 300 ? 300 : end - start);
}

pyprobe_status pp_explain_failure(const char *python,
                                  const pp_run_result *run,
                                  pyprobe_error *error)
{
    if (run->signaled) {
        const char *name = strsignal(run->term_signal);
        pp_error_set(error, PYPROBE_ERR_INTERPRETER, python,
                     "crashed: killed by signal %d (%s)", run->term_signal,
                     name ? name : "unknown signal");
        return PYPROBE_ERR_INTERPRETER;
    }
    if (run->exit_status == 2 && run->err &&
        strstr(run->err, "Unknown option: -I")) {
        pp_error_set(error, PYPROBE_ERR_UNSUPPORTED, python,
                     "rejected option -I: this is Python 2 (or older), "
                     "which pyprobe does not support");
        pp_error_hint(error, "pyprobe needs CPython 3.6 or newer, or PyPy 3");
        return PYPROBE_ERR_UNSUPPORTED;
    }
    const char *line;
    int line_length;
    error_line(run->err ? run->err : "", run->err_length, &line,
               &line_length);
    if (line_length > 0)
        pp_error_set(error, PYPROBE_ERR_INTERPRETER, python,
                     "exited with status %d: %.*s", run->exit_status,
                     line_length, line);
    else
        pp_error_set(error, PYPROBE_ERR_INTERPRETER, python,
                     "exited with status %d", run->exit_status);
    return PYPROBE_ERR_INTERPRETER;
}

/* Run the interpreter once with program as its -c argument and read
 * its answer, both by deadline. *status_out is its exit status when it
 * ran to its end and exited, -2 when it died of a signal of its own, -1
 * otherwise (stopped by a limit, or not started). */
static pyprobe_status run_program(const char *path, const char *program,
                                  const pyprobe_probe_options *options,
                                  const pp_deadline *deadline,
                                  pyprobe_facts **facts, pyprobe_error *error,
                                  int *status_out)
{
    /* Ask for the shared libpython the interpreter loads (a dependency
     * of its answer) where its ELF or Mach-O header does not rule one
     * out: macOS interpreters load it from a framework. */
    static const char *const shared[] = {"libpython", "libpypy", NULL};
    static const char *const macho_shared[] = {
        "libpython", "libpypy", "Python.framework/", "PythonT.framework/",
        NULL,
    };
    int loads_libpython = pp_elf_needs(path, shared);
    if (loads_libpython < 0)
        loads_libpython = pp_macho_needs(path, macho_shared);
    char *argv[] = {
        (char *)path, "-I", "-S", "-c", (char *)program,
        options->use_sysconfig ? "sysconfig" : "auto",
        loads_libpython != 0 ? "shared" : NULL, NULL,
    };
    pp_run_result run;
    *status_out = -1;
    pyprobe_status status = pp_run(argv, deadline, options->max_output,
                                   &run, error);
    if (status != PYPROBE_OK)
        return status;
    *status_out = run.signaled ? -2 : run.exit_status;
    if (run.signaled || run.exit_status != 0)
        status = pp_explain_failure(path, &run, error);
    else
        status = pp_facts_from_output(run.out, run.out_length, path,
                                      deadline, facts, error);
    pp_run_result_clear(&run);
    return status;
}

pyprobe_status pp_probe_path(const char *path,
                             const pyprobe_probe_options *options,
                             pyprobe_facts **facts, pyprobe_error *error)
{
    if (!options)
        options = &pp_probe_defaults;
    /* One deadline for the probe, a second run included: --timeout is
     * how long the caller waits at most. */
    pp_deadline deadline = pp_deadline_in(options->timeout_ms);
    char *loader = NULL;
    if (options->cache & PYPROBE_CACHE_SCRIPT) {
        char *dir = pp_cache_dir(options->cache_dir);
        loader = dir ? pp_script_loader(dir) : NULL;
        free(dir);
    }
    int exit_status;
    if (loader) {
        pyprobe_status status = run_program(path, loader, options,
                                            &deadline, facts, error,
                                            &exit_status);
        free(loader);
        /* Only a loader that could not use the cached script, or a
         * crash (damaged bytecode can crash CPython), earns a second
         * run; an interpreter that failed on its own would fail again,
         * after as long a wait. The second run has what time is left;
         * with none left, the first failure is the answer. */
        if ((exit_status != PP_SCRIPT_LOADER_FAILED && exit_status != -2) ||
            pp_deadline_left_ms(&deadline) <= 0)
            return status;
    }
    return run_program(path, pp_probe_script, options, &deadline, facts,
                       error, &exit_status);
}

pyprobe_status pyprobe_probe(const char *python,
                             const pyprobe_probe_options *options,
                             pyprobe_facts **facts, pyprobe_error *error)
{
    char *path = NULL;
    *facts = NULL;
    pyprobe_status status = pp_locate_python(python, &path, error);
    if (status != PYPROBE_OK)
        return status;
    char *cache_dir = NULL;
    const char *mode = options && options->use_sysconfig ? "sysconfig"
                                                         : "auto";
    if (options && (options->cache & PYPROBE_CACHE_ANSWERS))
        cache_dir = pp_cache_dir(options->cache_dir);
    if (cache_dir && (*facts = pp_cache_lookup(cache_dir, path, mode))) {
        free(cache_dir);
        free(path);
        return PYPROBE_OK;
    }
    /* The interpreter's identity before it runs: an entry is written
     * only if it is the same afterwards. */
    char real[PATH_MAX];
    pp_file_id before;
    int identified = cache_dir && realpath(path, real) &&
                     pp_file_id_get(real, &before) && before.present;
    status = pp_probe_path(path, options, facts, error);
    if (status == PYPROBE_OK && identified)
        pp_cache_store(cache_dir, path, mode, &before, *facts);
    free(cache_dir);
    free(path);
    return status;
}
