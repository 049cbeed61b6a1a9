/* fuzz_facts_json.c - facts files (pyprobe --json output, read back
 * with --facts), through the public API with no error record: a
 * malformed file must be refused even when nobody asks why (F4). */
#include "config.h"

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_path("facts.json");
    fuzz_write(path, data, size);
    pyprobe_facts *facts = NULL;
    pyprobe_status status = pyprobe_facts_load_json(path, &facts, NULL);
    fuzz_outcome(status, NULL);
    if (status == PYPROBE_OK) {
        fuzz_use_facts(facts);
        pyprobe_facts_free(facts);
    }
    return 0;
}
