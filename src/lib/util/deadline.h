/* deadline.h - one time limit for everything done with an interpreter
 * (internal).
 *
 * --timeout bounds running an interpreter and reading its answer
 * together: both steps get the same pp_deadline, set before the
 * interpreter starts, so the time one step takes is gone for the next.
 * The clock is monotonic: setting the wall clock moves no limit. The
 * functions are a few lines each and the parser calls them on its hot
 * path, hence inline. */
#ifndef PP_DEADLINE_H
#define PP_DEADLINE_H

#include <limits.h>
#include <time.h>

#include "util/error.h"

typedef struct pp_deadline {
    long long at_ms;          /* on pp_clock_ms()'s clock */
    unsigned long limit_ms;   /* the whole limit, for messages */
} pp_deadline;

/* Milliseconds on a clock that only goes forward. */
static inline long long pp_clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The deadline limit_ms from now. A limit too large for the clock's
 * range (ULONG_MAX through the library: "no limit") is never reached,
 * rather than wrapping round to one already passed. */
static inline pp_deadline pp_deadline_in(unsigned long limit_ms)
{
    long long now = pp_clock_ms();
    pp_deadline deadline = {LLONG_MAX, limit_ms};
    if (limit_ms < (unsigned long long)(LLONG_MAX - now))
        deadline.at_ms = now + (long long)limit_ms;
    return deadline;
}

/* Milliseconds left: 0 or less once the deadline has passed. */
static inline long long pp_deadline_left_ms(const pp_deadline *deadline)
{
    return deadline->at_ms - pp_clock_ms();
}

/* The error for a job that ran out of time, in whichever step: "did not
 * finish within 1.500 s; WHAT", with a hint naming --timeout after
 * QUESTION (or alone, for NULL). The status is PYPROBE_ERR_INTERPRETER
 * (exit 4) either way: the interpreter took the time, or gave us that
 * much to read. Returns the status. */
static inline pyprobe_status pp_deadline_error(pyprobe_error *error,
                                               const char *context,
                                               const pp_deadline *deadline,
                                               const char *what,
                                               const char *question)
{
    pp_error_set(error, PYPROBE_ERR_INTERPRETER, context,
                 "did not finish within %lu.%03lu s; %s",
                 deadline->limit_ms / 1000, deadline->limit_ms % 1000, what);
    pp_error_hint(error, "%s%s--timeout sets the limit",
                  question ? question : "", question ? " " : "");
    return PYPROBE_ERR_INTERPRETER;
}

#endif
