/* decide.h - the build decisions: facts and policy in, what to build
 * out (internal; see decide.c). report.c writes them as public names. */
#ifndef PP_DECIDE_H
#define PP_DECIDE_H

#include "pyprobe.h"

/* One field per decision name (names.h). The strings without a comment
 * are static or point into the facts, which must outlive them; the
 * decisions own the others (pp_decisions_clear frees them). */
#define PP_DECIDE_TEXT 160

typedef struct pp_decisions {
    int limited_api;                  /* LIMITED_API */
    char limited_api_version[32];     /* "3.11"; "" unless limited_api */
    int abi3t;                        /* ABI3T */
    const char *stable_abi_suffix;    /* "" where none applies */
    const char *build_path;           /* "version-specific", "abi3", ... */
    char build_reason[PP_DECIDE_TEXT];           /* why build_path, in one line */
    char warning[PP_DECIDE_TEXT];                /* a policy that cannot apply here
                                         ("--limited-api=3.99 is newer
                                         ..."), or "" */
    const char *build_suffix;         /* NULL when EXT_SUFFIX is unset */
    char *wheel_tag;                  /* owned */
    int mypyc;                        /* MYPYC */
    const char *mypyc_reason;
    char *cppflags;                   /* owned */
    char *build_cppflags;             /* owned */
    char *module_ldflags;             /* owned; for BUILD_PATH */
} pp_decisions;

/* Decide for facts under policy. Fails with PYPROBE_ERR_POLICY when the
 * policy cannot be met here (--mypyc=yes on PyPy); *decisions is then
 * empty. */
pyprobe_status pp_decide(const pyprobe_facts *facts,
                         const pyprobe_policy *policy,
                         pp_decisions *decisions, pyprobe_error *error);

void pp_decisions_clear(pp_decisions *decisions);

#endif
