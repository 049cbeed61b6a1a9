#!/bin/sh
# fuzz-replay.sh - every fuzz harness, built normally (no libFuzzer),
# replays its committed corpus (tests/fuzz/corpus/NAME), the inputs that
# crashed it once (tests/fuzz/crashes/NAME, if any) and the reproducers
# of the reliability issue (tests/data/reproducers) that belong to its
# parser. A replay must end normally, within RUN_LIMIT seconds; under
# tests/fuzz/sanitizers.sh the same replays run with ASan and UBSan. The
# Python tag-file reader's corpus goes through its own driver.
. "$(dirname "$0")/../lib.sh"
require_debian_python

fuzz=$top_srcdir/tests/fuzz
R=$top_srcdir/tests/data/reproducers
# Every fuzz_NAME.c.
harnesses=$(cd "$fuzz" && ls fuzz_*.c | sed 's/^fuzz_\(.*\)\.c$/\1/')

# The reproducers, as inputs of the harness for their parser.
mkdir -p "$T/answer" "$T/build_details" "$T/facts_json" "$T/sysconfigdata"
cp "$R"/build-details-* "$T/build_details/"
cp "$R/facts-bad-limited-api.json" "$T/facts_json/"
gzip -dc "$R/sysconfigdata-100k-keys.py.gz" >"$T/sysconfigdata/100k-keys.py"
# The quadratic answer is printed by a script posing as an interpreter;
# the harness reads what it prints, at the 80 000 keys that took 43 s.
sed 's/^n = 20000$/n = 80000/' "$R/quadratic_dict-interpreter.py" >"$T/80k.py"
grep -q '^n = 80000$' "$T/80k.py" || fatal "the quadratic reproducer changed"
"$DEBIAN_PY" "$T/80k.py" >"$T/answer/80k-keys" ||
    fatal "the quadratic reproducer did not run"
# (cache-entry-without-probe.json names another machine's interpreter, so
# the corpus holds it with the harness's placeholders instead:
# tests/fuzz/corpus/cache_entry/seed-reproducer-without-probe.)

RUN_LIMIT=${RUN_LIMIT:-120}
for h in $harnesses; do
    program=$top_builddir/tests/fuzz/fuzz_$h
    if [ ! -x "$program" ]; then
        fail "$h: $program was not built (make check builds it)"
        continue
    fi
    inputs="$fuzz/corpus/$h"
    [ -d "$fuzz/crashes/$h" ] && inputs="$inputs $fuzz/crashes/$h"
    [ -d "$T/$h" ] && inputs="$inputs $T/$h"
    # shellcheck disable=SC2086
    run "$program" $inputs
    if [ "$RC" -eq 0 ]; then
        pass "$h: $(sed 's|.*: ||' "$T/out")"
    else
        fail "$h: the replay ended with status $RC (124: over $RUN_LIMIT s)"
        show_output
    fi
done

run python3 -B "$fuzz/pyprobe_env_fuzz.py" replay "$fuzz/corpus/pyprobe_env"
if [ "$RC" -eq 0 ]; then
    pass "pyprobe_env: $(sed 's|.*: ||' "$T/out")"
else
    fail "pyprobe_env: the replay ended with status $RC"
    show_output
fi
finish
