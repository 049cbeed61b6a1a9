/* verify_script.h - data/verify_import.py, embedded at build time
 * (internal; generated into verify_script.c by gen-probe-script.sh). */
#ifndef PP_VERIFY_SCRIPT_H
#define PP_VERIFY_SCRIPT_H

#include <stddef.h>

extern const char pp_verify_script[];   /* NUL-terminated Python source */
extern const size_t pp_verify_script_length;

#endif
