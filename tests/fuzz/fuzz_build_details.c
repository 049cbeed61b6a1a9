/* fuzz_build_details.c - build-details.json (PEP 739) files, as
 * --build-details reads them, placed where a 3.14 install keeps it. */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"

static const pyprobe_target *target_once(void)
{
    static pyprobe_target *target;
    if (!target) {
        target = pyprobe_target_new();
        /* The libc no file says, and where the target's files are: the
         * private directory, so paths as written are looked for there.
         * Without them most answers would stop early. */
        if (!target ||
            pyprobe_target_set_libc(target, "glibc-2.36", NULL) !=
                PYPROBE_OK ||
            pyprobe_target_set_sysroot(target, fuzz_dir(), NULL) !=
                PYPROBE_OK)
            abort();
    }
    return target;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_path("usr/lib/python3.14/build-details.json");
    fuzz_write(path, data, size);
    pyprobe_facts *facts = NULL;
    pyprobe_error error;
    pyprobe_status status = pyprobe_facts_from_build_details(
        path, target_once(), &facts, &error);
    fuzz_outcome(status, &error);
    if (status == PYPROBE_OK) {
        fuzz_use_facts(facts);
        pyprobe_facts_free(facts);
    }
    return 0;
}
