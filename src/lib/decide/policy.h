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

#endif
