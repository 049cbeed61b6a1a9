/* report.h - facts + policy -> the value of every public name
 * (internal view of pyprobe_report). */
#ifndef PP_REPORT_H
#define PP_REPORT_H

#include <jansson.h>

#include "decide/names.h"
#include "decide/policy.h"
#include "pyprobe.h"

struct pyprobe_report {
    char *values[PP_NAME_COUNT];  /* every name, as text */
    pyprobe_policy policy;        /* copy of the policy used */
    json_t *probe;                /* the raw answer, for --json; NULL
                                     when JSON cannot carry it */
};

/* The build decisions (decide.c): fills the decision names of report
 * from facts and policy. */
pyprobe_status pp_decide(const pyprobe_facts *facts,
                         const pyprobe_policy *policy,
                         pyprobe_report *report, pyprobe_error *error);

/* Set a value (copied); 0 on out of memory. */
int pp_report_set(pyprobe_report *report, pp_name_id id, const char *value);
int pp_report_set_bool(pyprobe_report *report, pp_name_id id, int value);

#endif
