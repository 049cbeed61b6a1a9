/* fixture.h - facts from the recorded fact sheets, for unit tests.
 *
 * Builds the probe answer a sheet's interpreter would give and runs it
 * through the library's validation, so decisions and outputs can be
 * tested without running anything. The end-to-end path (the real probe
 * script on these sheets) is tested by
 * tests/integration/probe-replay.sh. */
#ifndef PYPROBE_FIXTURE_H
#define PYPROBE_FIXTURE_H

#include "pyprobe.h"

/* The directory of the sheets. */
const char *fixture_dir(void);

/* Facts for sheet NAME ("cpython-3.14t"), with PATCH (a JSON object, or
 * NULL) merged into the answer first: top-level keys replace, and the
 * "config" object is merged key by key. Fails the current test on error.
 * Caller frees. */
pyprobe_facts *fixture_facts(const char *name, const char *patch);

/* Like fixture_facts but returns the status, for tests of refusals. */
pyprobe_status fixture_try(const char *name, const char *patch,
                           pyprobe_facts **facts, pyprobe_error *error);

/* A report for NAME under a policy given as CLI-like words
 * ("limited-api=3.11 abi3t=yes mypyc=no mypyc-free-threaded"). */
pyprobe_report *fixture_report(const char *name, const char *patch,
                               const char *policy);

#endif
