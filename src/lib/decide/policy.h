/* policy.h - the user's build policy (internal view). */
#ifndef PP_POLICY_H
#define PP_POLICY_H

#include "pyprobe.h"

struct pyprobe_policy {
    pyprobe_mypyc_mode mypyc;
    int mypyc_free_threaded;
    pyprobe_abi3t_mode abi3t;
    int limited_api;          /* 1 when a minimum was given */
    long limited_api_minor;   /* 3.<minor> */
};

/* How a facts file writes each mode (render/json.c, decide/facts_file.c),
 * indexed by the mode's value. */
#define PP_POLICY_MODES 3
extern const char *const pp_mypyc_mode_names[PP_POLICY_MODES];
extern const char *const pp_abi3t_mode_names[PP_POLICY_MODES];

#endif
