#!/bin/sh
# fuzz-smoke.sh - make fuzz works: the README's line, run as printed,
# builds every harness with clang and libFuzzer, runs each for a few
# seconds, finds nothing, and prints a row for each in its table.
#
# It works in its own directory (FUZZ_WORK), so a fuzzing session in
# fuzz-build/ is left alone.
. "$(dirname "$0")/../lib.sh"

# What make fuzz needs; the Quick start installs all of it.
top_srcdir=$top_srcdir sh "$top_srcdir/tests/tools/sanitized-build.sh" \
    --check 2>"$T/why" || skip "no second build here: $(cat "$T/why")"
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)\n{ return 0; }\n' \
    >"$T/probe.c"
clang -fsanitize=fuzzer "$T/probe.c" -o "$T/probe" 2>/dev/null ||
    skip "clang cannot link a libFuzzer program (install clang and libclang-rt-14-dev)"

recipe=$(sed -n 's/^ *\(make fuzz .*\)$/\1/p' "$top_srcdir/README")
[ "$(printf '%s\n' "$recipe" | grep -c .)" -eq 1 ] ||
    fatal "the README should have one 'make fuzz' line to run, not: $recipe"
note "running: $recipe"

# A busy machine may take longer than the usual 1 s over an input.
FUZZ_WORK=$T/fuzz FUZZ_TIMEOUT=10
export FUZZ_WORK FUZZ_TIMEOUT
RUN_LIMIT=900
(cd "$top_builddir" && run sh -c "$recipe"; echo "$RC" >"$T/rc")
RC=$(cat "$T/rc")
if [ "$RC" -eq 0 ]; then
    pass "make fuzz ran and found nothing"
else
    fail "make fuzz ended with status $RC"
    tail -n 30 "$T/err"
    for finding in "$FUZZ_WORK"/findings/*; do
        [ -e "$finding" ] && note "finding: $finding"
    done
fi

table=$FUZZ_WORK/table
for h in $(cd "$top_srcdir/tests/fuzz" && ls fuzz_*.c | sed 's/^fuzz_\(.*\)\.c$/\1/') pyprobe_env; do
    row=$(grep "^$h " "$table" 2>/dev/null)
    runs=$(printf '%s\n' "$row" | awk '{print $2}')
    findings=$(printf '%s\n' "$row" | awk '{print $NF}')
    if [ -n "$row" ] && [ "$runs" -gt 0 ] 2>/dev/null && [ "$findings" = 0 ]; then
        pass "$h: $runs runs"
    else
        fail "$h: no clean row in the table: '$row'"
    fi
done
[ -f "$table" ] && sed 's/^/# /' "$table"
finish
