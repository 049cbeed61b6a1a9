/* probe.h - running the probe on an already located interpreter
 * (internal; pyprobe_probe locates first). */
#ifndef PP_PROBE_H
#define PP_PROBE_H

#include "probe/run.h"
#include "pyprobe.h"

/* How to run an interpreter; shared by everything that runs one. */
struct pyprobe_probe_options {
    unsigned long timeout_ms;
    size_t max_output;
    int use_sysconfig;
    unsigned cache;         /* PYPROBE_CACHE_* flags */
    char *cache_dir;        /* NULL: the default (pp_cache_dir); owned */
};

/* What a NULL pyprobe_probe_options means. */
extern const pyprobe_probe_options pp_probe_defaults;

/* Turn a run that crashed or exited non-zero into an error that says
 * why (the signal, Python 2's "Unknown option: -I", the last line of
 * standard error). Returns the status set. */
pyprobe_status pp_explain_failure(const char *python,
                                  const pp_run_result *run,
                                  pyprobe_error *error);

pyprobe_status pp_probe_path(const char *path,
                             const pyprobe_probe_options *options,
                             pyprobe_facts **facts, pyprobe_error *error);

#endif
