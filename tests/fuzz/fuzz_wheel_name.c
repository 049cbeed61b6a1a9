/* fuzz_wheel_name.c - wheel file names: parsed, then ranked against a
 * small tag list (the ranking walks every tag the name expands to). */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"
#include "packaging/wheelname.h"
#include "util/strindex.h"
#include "util/strlist.h"

static const char *const tags[] = {
    "cp314-cp314t-manylinux_2_28_x86_64", "cp314-cp314t-linux_x86_64",
    "cp314-abi3t-manylinux_2_28_x86_64", "cp313-abi3-manylinux_2_17_x86_64",
    "cp314-none-manylinux_2_28_x86_64", "py314-none-any", "py3-none-any",
    "py2.py3-none-any", "cp311-cp311-win_amd64",
    "cp312-cp312-macosx_11_0_arm64", "pp311-pypy311_pp73-manylinux_2_17_x86_64",
};

/* The index borrows the list's strings, so both live for good. */
static const pp_strindex *index_once(void)
{
    static pp_strlist list = PP_STRLIST_INIT;
    static pp_strindex *index;
    if (!index) {
        for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
            if (!pp_strlist_push(&list, tags[i]))
                abort();
        if (pp_strindex_build(&list, &index, NULL) != PYPROBE_OK)
            abort();
    }
    return index;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *name = fuzz_string(data, size);
    pp_wheel_name wheel;
    pyprobe_error error;
    pyprobe_status status = pp_wheel_name_parse(name, &wheel, &error);
    fuzz_outcome(status, &error);
    if (status == PYPROBE_OK) {
        size_t rank;
        (void)pp_wheel_rank(&wheel, index_once(), &rank);
        pp_wheel_name_clear(&wheel);
    }
    free(name);
    return 0;
}
