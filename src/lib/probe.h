/* probe.h - running the probe on an already located interpreter
 * (internal; pyprobe_probe locates first). */
#ifndef PP_PROBE_H
#define PP_PROBE_H

#include "pyprobe.h"

pyprobe_status pp_probe_path(const char *path,
                             const pyprobe_probe_options *options,
                             pyprobe_facts **facts, pyprobe_error *error);

#endif
