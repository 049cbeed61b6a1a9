/* check_run.c - running a program: output, status, signals, and the
 * limits that keep a broken interpreter from hanging or flooding us. */
#include "config.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "probe/run.h"
#include "unit.h"

static pyprobe_status run_sh(const char *script, unsigned long timeout_ms,
                             size_t max_output, pp_run_result *result,
                             pyprobe_error *error)
{
    char *argv[] = {"/bin/sh", "-c", (char *)script, NULL};
    pp_deadline deadline = pp_deadline_in(timeout_ms);
    return pp_run(argv, &deadline, max_output, result, error);
}

START_TEST(test_output_and_status)
{
    pp_run_result r;
    pyprobe_error error;
    ck_assert_int_eq(run_sh("printf 'out'; printf 'err' >&2; exit 3", 5000,
                            1024, &r, &error), PYPROBE_OK);
    ck_assert_str_eq(r.out, "out");
    ck_assert_str_eq(r.err, "err");
    ck_assert_int_eq(r.exited, 1);
    ck_assert_int_eq(r.exit_status, 3);
    pp_run_result_clear(&r);
}
END_TEST

START_TEST(test_stdin_is_empty)
{
    pp_run_result r;
    pyprobe_error error;
    ck_assert_int_eq(run_sh("cat; echo done", 5000, 1024, &r, &error),
                     PYPROBE_OK);
    ck_assert_str_eq(r.out, "done\n");
    pp_run_result_clear(&r);
}
END_TEST

START_TEST(test_signal)
{
    pp_run_result r;
    pyprobe_error error;
    ck_assert_int_eq(run_sh("kill -SEGV $$", 5000, 1024, &r, &error),
                     PYPROBE_OK);
    ck_assert_int_eq(r.signaled, 1);
    ck_assert_int_eq(r.term_signal, SIGSEGV);
    pp_run_result_clear(&r);
}
END_TEST

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A hang is killed at the time limit, with everything it started. */
START_TEST(test_timeout_kills_the_group)
{
    pp_run_result r;
    pyprobe_error error;
    char marker[64], script[256], check[128];
    snprintf(marker, sizeof marker, "pyprobe-unit-%ld", (long)getpid());
    snprintf(script, sizeof script,
             "sh -c 'sleep 300; echo %s' & sleep 300", marker);
    double start = seconds();
    ck_assert_int_eq(run_sh(script, 300, 1024, &r, &error),
                     PYPROBE_ERR_INTERPRETER);
    ck_assert(seconds() - start < 3.0);
    ck_assert_ptr_nonnull(strstr(error.message, "did not finish"));
    usleep(100000);
    /* [p] keeps the pattern from matching the shell that runs pgrep */
    snprintf(check, sizeof check, "pgrep -f '[p]%s' >/dev/null", marker + 1);
    ck_assert_msg(system(check) != 0, "a child outlived the time-out");
}
END_TEST

/* Closing stdout is not the end: a child that closes its pipes and then
 * hangs is still timed out. */
START_TEST(test_timeout_after_closing_pipes)
{
    pp_run_result r;
    pyprobe_error error;
    ck_assert_int_eq(run_sh("exec >&- 2>&-; sleep 300", 300, 1024, &r,
                            &error), PYPROBE_ERR_INTERPRETER);
}
END_TEST

START_TEST(test_output_limit)
{
    pp_run_result r;
    pyprobe_error error;
    double start = seconds();
    ck_assert_int_eq(run_sh("while :; do echo yyyyyyyyyyyyyyyy; done", 20000,
                            100000, &r, &error), PYPROBE_ERR_INTERPRETER);
    ck_assert(seconds() - start < 5.0);
    ck_assert_ptr_nonnull(strstr(error.message, "more than 100000 bytes"));
    ck_assert_int_eq(run_sh("while :; do echo y >&2; done", 20000, 1000, &r,
                            &error), PYPROBE_ERR_INTERPRETER);
    ck_assert_ptr_nonnull(strstr(error.message, "standard error"));
}
END_TEST

START_TEST(test_cannot_run)
{
    pp_run_result r;
    pyprobe_error error;
    char *argv[] = {"/nonexistent/python", NULL};
    pp_deadline deadline = pp_deadline_in(1000);
    ck_assert_int_eq(pp_run(argv, &deadline, 1024, &r, &error),
                     PYPROBE_ERR_NOT_FOUND);
    ck_assert_str_eq(error.context, "/nonexistent/python");
}
END_TEST

/* The library takes any unsigned long: one past the clock's range is
 * "no limit", not a deadline already passed. */
START_TEST(test_no_limit_is_never_reached)
{
    pp_deadline never = pp_deadline_in(ULONG_MAX);
    ck_assert(pp_deadline_left_ms(&never) > 1000LL * 86400 * 365);
    pp_deadline soon = pp_deadline_in(1000);
    ck_assert(pp_deadline_left_ms(&soon) > 0);
    ck_assert(pp_deadline_left_ms(&soon) <= 1000);
}
END_TEST

static Suite *run_suite(void)
{
    Suite *suite = suite_create("run");
    TCase *tc = tcase_create("run");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_output_and_status);
    tcase_add_test(tc, test_stdin_is_empty);
    tcase_add_test(tc, test_signal);
    tcase_add_test(tc, test_timeout_kills_the_group);
    tcase_add_test(tc, test_timeout_after_closing_pipes);
    tcase_add_test(tc, test_output_limit);
    tcase_add_test(tc, test_cannot_run);
    tcase_add_test(tc, test_no_limit_is_never_reached);
    suite_add_tcase(suite, tc);
    return suite;
}

UNIT_MAIN(run_suite)
