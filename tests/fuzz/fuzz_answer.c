/* fuzz_answer.c - the interpreter's answer: the probe script's output
 * (header line, Python literal, "end") through the literal parser, the
 * field validation and derivation, then the report and its renderings.
 * No deadline: libFuzzer's -timeout is the limit, and a verdict that
 * hung on the clock would not replay. */
#include "config.h"

#include "facts/facts.h"
#include "facts/validate.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pyprobe_facts *facts = NULL;
    pyprobe_error error;
    pyprobe_status status = pp_facts_from_output(
        (const char *)data, size, "/usr/bin/python3", NULL, &facts, &error);
    fuzz_outcome(status, &error);
    if (status == PYPROBE_OK) {
        fuzz_use_facts(facts);
        pyprobe_facts_free(facts);
    }
    return 0;
}
