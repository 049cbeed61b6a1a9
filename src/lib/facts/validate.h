/* validate.h - an interpreter's answer, checked field by field, into
 * facts (internal; see validate.c). */
#ifndef PP_VALIDATE_H
#define PP_VALIDATE_H

#include <stddef.h>

#include "pyprobe.h"
#include "util/deadline.h"
#include "util/pyliteral.h"

/* The probe protocol this build speaks (data/probe.py prints it). */
#define PP_PROBE_PROTOCOL 1

/* Validate a parsed probe answer field by field and derive the rest.
 * Takes ownership of answer (freed on failure). python is copied. */
pyprobe_status pp_facts_from_answer(pp_lit *answer, const char *python,
                                    const char *context,
                                    pyprobe_facts **facts,
                                    pyprobe_error *error);

/* Parse the probe script's full output (header, literal, "end"), by
 * deadline (what is left of the run's; NULL: no limit). */
pyprobe_status pp_facts_from_output(const char *output, size_t length,
                                    const char *python,
                                    const pp_deadline *deadline,
                                    pyprobe_facts **facts,
                                    pyprobe_error *error);

#endif
