/* wheelname.h - wheel filename parsing (internal; the public API wraps
 * it). Follows the binary distribution format specification and
 * packaging.utils.parse_wheel_filename() of packaging 26.3. */
#ifndef PP_WHEELNAME_H
#define PP_WHEELNAME_H

#include <stddef.h>

#include "pyprobe.h"
#include "util/strindex.h"
#include "util/strlist.h"

typedef struct pp_wheel_name {
    char *name;          /* as written in the file name */
    char *version;       /* as written */
    char *build;         /* build tag, or NULL */
    char *python_tags;   /* compressed tag sets as written: "cp315" */
    char *abi_tags;      /* "abi3.abi3t" */
    char *platform_tags; /* "manylinux_2_28_x86_64.manylinux_2_34_x86_64" */
    pp_strlist tags;     /* the expanded, lower-cased tag triples, each
                            once, in the order written (python tags
                            outermost, platform tags innermost) */
} pp_wheel_name;

/* Parse a wheel file name (a path is allowed; only its last component is
 * parsed). On failure returns PYPROBE_ERR_PROTOCOL with the reason in
 * error->message, and *wheel holds nothing to free. */
pyprobe_status pp_wheel_name_parse(const char *filename, pp_wheel_name *wheel,
                                   pyprobe_error *error);
void pp_wheel_name_clear(pp_wheel_name *wheel);

/* Where the wheel ranks on an interpreter whose compatible tags (most
 * preferred first, e.g. from pp_sys_tags) were indexed into index: the
 * smallest position of any of the wheel's tags. Returns 1 and sets *rank
 * when the wheel installs there, 0 when none of its tags is in the list.
 * O(number of wheel tags). */
int pp_wheel_rank(const pp_wheel_name *wheel, const pp_strindex *index,
                  size_t *rank);

#endif
