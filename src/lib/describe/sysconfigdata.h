/* sysconfigdata.h - _sysconfigdata_*.py files, read without running them
 * (internal). */
#ifndef PP_SYSCONFIGDATA_H
#define PP_SYSCONFIGDATA_H

#include "describe/describe.h"
#include "util/pyliteral.h"

/* The build_time_vars dict of the file at path, parsed as a plain
 * literal. Fails with PYPROBE_ERR_IO if the file cannot be read and
 * PYPROBE_ERR_PROTOCOL if it is anything but comments and NAME = literal
 * assignments, or build_time_vars is not a dict. Caller frees *vars. */
pyprobe_status pp_sysconfigdata_load(const char *path, pp_lit **vars,
                                     pyprobe_error *error);

/* The probe's config variables from vars, as its fast path takes them
 * from the same table (py_version_nodot, which sysconfig adds, from
 * VERSION). 0 with the error set on a value of another type. */
int pp_sysconfigdata_config(pp_describe *d, const pp_lit *vars);

/* A variable as text, or NULL if it is missing or not a str. */
const char *pp_sysconfigdata_str(const pp_lit *vars, const char *name);
/* A 0/1 (or "0"/"1") variable: 0, 1, or -1 when missing or other. */
int pp_sysconfigdata_flag(const pp_lit *vars, const char *name);

#endif
