/* run.h - run a program with a time limit and an output limit
 * (internal). */
#ifndef PP_RUN_H
#define PP_RUN_H

#include <stddef.h>

#include "pyprobe.h"
#include "util/deadline.h"

typedef struct pp_run_result {
    char *out;             /* standard output, NUL-terminated */
    size_t out_length;
    char *err;             /* standard error (at most max_output bytes) */
    size_t err_length;
    int exited;            /* 1: exit_status is valid */
    int exit_status;
    int signaled;          /* 1: killed by term_signal */
    int term_signal;
} pp_run_result;

/* Run argv[0] (an absolute path) with argv, in a new process group,
 * standard input from /dev/null. Fails with PYPROBE_ERR_INTERPRETER if
 * it does not finish by the deadline or prints more than max_output
 * bytes on either stream: then the whole process group is killed, so
 * nothing it started is left behind. Whatever it exits with is reported
 * in *result, not as an error. Release with pp_run_result_clear. */
pyprobe_status pp_run(char *const argv[], const pp_deadline *deadline,
                      size_t max_output, pp_run_result *result,
                      pyprobe_error *error);

void pp_run_result_clear(pp_run_result *result);

#endif
