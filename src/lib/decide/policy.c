/* policy.c - the user's build policy. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "decide/policy.h"
#include "util/error.h"

const char *const pp_mypyc_mode_names[PP_POLICY_MODES] = {
    "auto", "yes", "no",
};
const char *const pp_abi3t_mode_names[PP_POLICY_MODES] = {
    "no", "yes", "only",
};

pyprobe_policy *pyprobe_policy_new(void)
{
    return calloc(1, sizeof(pyprobe_policy));   /* all defaults are 0 */
}

void pyprobe_policy_free(pyprobe_policy *policy)
{
    free(policy);
}

void pyprobe_policy_set_mypyc(pyprobe_policy *policy, pyprobe_mypyc_mode mode)
{
    policy->mypyc = mode;
}

void pyprobe_policy_set_mypyc_free_threaded(pyprobe_policy *policy, int allow)
{
    policy->mypyc_free_threaded = allow != 0;
}

void pyprobe_policy_set_abi3t(pyprobe_policy *policy, pyprobe_abi3t_mode mode)
{
    policy->abi3t = mode;
}

pyprobe_status pyprobe_policy_set_limited_api(pyprobe_policy *policy,
                                              const char *version,
                                              pyprobe_error *error)
{
    if (!version) {
        policy->limited_api = 0;
        return PYPROBE_OK;
    }
    /* Exactly "3.Y": the limited API is versioned by minor release. */
    long minor = 0;
    const char *p = version;
    int ok = p[0] == '3' && p[1] == '.' && p[2] >= '0' && p[2] <= '9';
    for (p += 2; ok && *p; p++) {
        if (*p < '0' || *p > '9' || minor > 1000)
            ok = 0;
        else
            minor = minor * 10 + (*p - '0');
    }
    if (ok && (version[2] == '0' && version[3] != '\0'))
        ok = 0;                                   /* "3.011" */
    if (!ok || minor < 2)
        return pp_error_set(error, PYPROBE_ERR_USAGE, "--limited-api",
                            "'%s' is not a limited-API version: expected "
                            "3.Y with Y >= 2, such as 3.11", version);
    policy->limited_api = 1;
    policy->limited_api_minor = minor;
    return PYPROBE_OK;
}
