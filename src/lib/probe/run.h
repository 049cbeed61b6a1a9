/* run.h - run a program with a time limit and an output limit
 * (internal). A part of the operating-system interface (os/os.h): its
 * back ends are os/posix/run.c (posix_spawn, a process group, poll) and
 * os/windows/run.c (CreateProcessW, a job object, pipes peeked). */
#ifndef PP_RUN_H
#define PP_RUN_H

#include <stddef.h>

#include "pyprobe.h"
#include "util/deadline.h"
#include "util/strbuf.h"

typedef struct pp_run_result {
    char *out;             /* standard output, NUL-terminated */
    size_t out_length;
    char *err;             /* standard error (at most max_output bytes) */
    size_t err_length;
    int exited;            /* 1: exit_status is valid */
    int exit_status;
    int signaled;          /* 1: killed by term_signal (POSIX) */
    int term_signal;
} pp_run_result;

/* Run argv[0] (an absolute path) with argv, in a new process group
 * (Windows: a job object), standard input from the null device. On
 * Windows the arguments are quoted into one command line by the MSVCRT
 * rules, so they arrive byte for byte. Fails with PYPROBE_ERR_INTERPRETER if
 * it does not finish by the deadline or prints more than max_output
 * bytes on either stream: then the whole process group is killed, so
 * nothing it started is left behind. Whatever it exits with is reported
 * in *result, not as an error. Release with pp_run_result_clear. */
pyprobe_status pp_run(char *const argv[], const pp_deadline *deadline,
                      size_t max_output, pp_run_result *result,
                      pyprobe_error *error);

void pp_run_result_clear(pp_run_result *result);

/* For the back ends: move what they collected on standard output and
 * standard error into *result (probe/run.c). Fails with
 * PYPROBE_ERR_NOMEM, result cleared, if collecting or moving ran out of
 * memory. */
pyprobe_status pp_run_result_take(pp_run_result *result, pp_strbuf *out,
                                  pp_strbuf *err, pyprobe_error *error);

#endif
