/* fuzz_pep440.c - PEP 440 version strings (the validator that
 * check-wheel and the wheel-name parser use for a wheel's version). */
#include "config.h"

#include "fuzz.h"
#include "packaging/pep440.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_outcome(pp_pep440_is_valid((const char *)data, size)
                     ? PYPROBE_OK
                     : PYPROBE_ERR_PROTOCOL,
                 NULL);
    return 0;
}
