/* derive.h - the facts that follow from the raw ones (internal; see
 * derive.c). */
#ifndef PP_DERIVE_H
#define PP_DERIVE_H

#include "pyprobe.h"

/* Fill the derived fields of facts, whose raw facts are validated.
 * context names the answer in messages. */
pyprobe_status pp_facts_derive(pyprobe_facts *facts, const char *context,
                               pyprobe_error *error);

#endif
