/* probe_script.h - data/probe.py, embedded at build time (internal).
 * The definition is generated into probe_script.c by gen-probe-script.sh,
 * so an installed pyprobe needs no file beside it. */
#ifndef PP_PROBE_SCRIPT_H
#define PP_PROBE_SCRIPT_H

#include <stddef.h>

extern const char pp_probe_script[];   /* NUL-terminated Python source */
extern const size_t pp_probe_script_length;
extern const char pp_probe_script_id[];  /* "CRC-SIZE", for cache keys */

#endif
