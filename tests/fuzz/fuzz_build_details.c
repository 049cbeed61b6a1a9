/* fuzz_build_details.c - build-details.json (PEP 739) files, as
 * --build-details reads them, placed where a 3.14 install keeps it. */
#include "config.h"

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_path("usr/lib/python3.14/build-details.json");
    fuzz_write(path, data, size);
    pyprobe_facts *facts = NULL;
    pyprobe_error error;
    pyprobe_status status = pyprobe_facts_from_build_details(
        path, fuzz_target(), &facts, &error);
    fuzz_outcome(status, &error);
    if (status == PYPROBE_OK) {
        fuzz_use_facts(facts);
        pyprobe_facts_free(facts);
    }
    return 0;
}
