/* report.h - facts + policy -> the value of every public name
 * (internal view of pyprobe_report). */
#ifndef PP_REPORT_H
#define PP_REPORT_H

#include <jansson.h>

#include "decide/decide.h"
#include "decide/names.h"
#include "decide/policy.h"
#include "pyprobe.h"

struct pyprobe_report {
    char *values[PP_NAME_COUNT];  /* every name, as text */
    pyprobe_policy policy;        /* copy of the policy used */
    char warning[PP_DECIDE_TEXT];  /* pyprobe_report_warning, or "" */
    json_t *probe;                /* the raw answer, for --json; NULL
                                     when JSON cannot carry it */
};

/* Every public name as text, into values (all NULL before): the facts
 * and what pp_decide decides for them under policy; its warning into
 * warning unless that is NULL. Fails as pp_decide
 * does; values may then hold some names: pp_report_values_free frees
 * them either way. */
pyprobe_status pp_report_values(char *values[PP_NAME_COUNT],
                                const pyprobe_facts *facts,
                                const pyprobe_policy *policy,
                                char warning[PP_DECIDE_TEXT],
                                pyprobe_error *error);
void pp_report_values_free(char *values[PP_NAME_COUNT]);

#endif
