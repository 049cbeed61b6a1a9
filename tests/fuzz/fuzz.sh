#!/bin/sh
# tests/fuzz/fuzz.sh - make fuzz: run every fuzz harness with libFuzzer.
#
# Builds a copy of the tree with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (tests/tools/sanitized-build.sh) in
# $top_builddir/fuzz-build (FUZZ_WORK), links each harness with libFuzzer, and runs
# it for FUZZ_SECONDS (default 60) on a working corpus seeded from
# tests/fuzz/corpus/NAME. Inputs slower than 1 s, over 2 GB, leaking or
# crashing are findings, saved as fuzz-build/findings/NAME-*. The
# Python tag-file reader is fuzzed by its own driver for as long.
#
#   FUZZ_HARNESSES="answer pep440"  only these (names as in corpus/)
#   FUZZ_RUNS=N                     stop each after N runs instead (with
#                                   FUZZ_SECONDS too: whichever is first)
#   FUZZ_MERGE=1                    add what increased coverage to the
#                                   committed corpora (then commit them)
#   FUZZ_PARALLEL=2                 run two harnesses at a time
#   FUZZ_WORK=DIR                   build and work there instead
#   FUZZ_TIMEOUT=S                  an input slower than S seconds is a
#                                   finding (default 1)
#
# Ends with a table: harness, runs, coverage (edges) and features as
# libFuzzer counts them (lines of parse and _decode for the Python
# reader), corpus size, the slowest input, findings. Exit 1 on any finding.
set -eu
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
runs=${FUZZ_RUNS:-}
# A time limit unless only a number of runs is asked for (both: the
# first one reached ends the harness).
seconds=${FUZZ_SECONDS:-}
[ -z "$seconds" ] && [ -z "$runs" ] && seconds=60
corpora=$top_srcdir/tests/fuzz/corpus
work=${FUZZ_WORK:-$top_builddir/fuzz-build}
# Every fuzz_NAME.c, and the Python reader's driver.
all="$(cd "$top_srcdir/tests/fuzz" && ls fuzz_*.c | sed 's/^fuzz_\(.*\)\.c$/\1/') pyprobe_env"
harnesses=${FUZZ_HARNESSES:-$all}
# An input slower than this (seconds) is a finding.
timeout=${FUZZ_TIMEOUT:-1}

say() { printf 'fuzz.sh: %s\n' "$*" >&2; }

# libFuzzer comes with clang's runtime libraries.
mkdir -p "$work"
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)\n{ return 0; }\n' \
    >"$work/probe.c"
if ! clang -fsanitize=fuzzer,address,undefined "$work/probe.c" \
        -o "$work/probe" 2>"$work/probe.log"; then
    say "cannot link a libFuzzer program with clang: install clang and" \
        "libclang-rt-14-dev (Debian/Ubuntu), clang and compiler-rt" \
        "(RHEL/Alma/Fedora, Alpine)"
    cat "$work/probe.log" >&2
    exit 2
fi

sanitize="-fsanitize=address,undefined -fno-sanitize-recover=all"
c_programs=
for h in $harnesses; do
    [ "$h" = pyprobe_env ] || c_programs="$c_programs tests/fuzz/fuzz_$h"
done
if [ -n "$c_programs" ]; then
    say "building with clang, libFuzzer, ASan and UBSan in $work/build"
    build=$(top_srcdir=$top_srcdir sh "$top_srcdir/tests/tools/sanitized-build.sh" \
        "$work" CC=clang \
        CFLAGS="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link $sanitize")
    # shellcheck disable=SC2086
    make -C "$build" FUZZ_DRIVER= FUZZ_ENGINE="-fsanitize=fuzzer $sanitize" \
        $c_programs >"$work/harnesses.log" 2>&1 || {
        say "linking the harnesses failed:"; tail -n 30 "$work/harnesses.log" >&2
        exit 1
    }
fi

limits="-timeout=$timeout -rss_limit_mb=2048 -print_final_stats=1"
[ -n "$runs" ] && limits="$limits -runs=$runs"
[ -n "$seconds" ] && limits="$limits -max_total_time=$seconds"

mkdir -p "$work/findings"
rm -f "$work"/row-* "$work"/failed-*

# row NAME RUNS COV FT CORPUS SLOWEST: NAME's line of the table, in
# row-NAME, with the number of its findings.
row() {
    printf '%-18s %12s %8s %8s %8s %8s %9s\n' "$1" "${2:-?}" "${3:-?}" \
        "${4:-?}" "${5:-?}" "${6:-?}s" \
        "$(ls "$work/findings" | grep -c "^$1-")" >"$work/row-$1"
}

# fuzz_c NAME: run one libFuzzer harness, with a temporary directory of
# its own that goes with it (a harness that crashes cannot clean up).
fuzz_c() {
    h=$1 live=$work/corpus/$1 log=$work/$1.log tmp=$scratch/pyprobe-fuzz-$1.$$
    mkdir -p "$tmp"
    # shellcheck disable=SC2086
    TMPDIR=$tmp "$build/tests/fuzz/fuzz_$h" $limits \
        -artifact_prefix="$work/findings/$h-" "$live" "$corpora/$h" \
        >"$log" 2>&1 || : >"$work/failed-$h"
    n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    done_line=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -n 1)
    slowest=$(sed -n 's/^stat::slowest_unit_time_sec: *//p' "$log" | tail -n 1)
    cov=$(printf '%s\n' "$done_line" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
    ft=$(printf '%s\n' "$done_line" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
    size=$(printf '%s\n' "$done_line" | sed -n 's/.*corp: \([0-9]*\).*/\1/p')
    row "$h" "$n" "$cov" "$ft" "$size" "$slowest"
    if [ "${FUZZ_MERGE:-}" = 1 ]; then
        TMPDIR=$tmp "$build/tests/fuzz/fuzz_$h" -merge=1 -timeout="$timeout" \
            -rss_limit_mb=2048 "$corpora/$h" "$live" >"$log.merge" 2>&1 ||
            : >"$work/failed-$h"
    fi
    rm -rf "$tmp"
}

# fuzz_python: the tag-file reader, by its own driver.
fuzz_python() {
    h=pyprobe_env live=$work/corpus/pyprobe_env log=$work/pyprobe_env.log
    bound=
    [ -n "$runs" ] && bound="--runs $runs"
    [ -n "$seconds" ] && bound="$bound --seconds $seconds"
    # shellcheck disable=SC2086
    python3 "$top_srcdir/tests/fuzz/pyprobe_env_fuzz.py" fuzz $bound \
        "$corpora/$h" "$live" >"$log" 2>&1 || : >"$work/failed-$h"
    for crash in "$live"/crash-*; do
        [ -e "$crash" ] && mv "$crash" "$work/findings/$h-${crash##*/}"
    done
    line=$(tail -n 1 "$log")
    n=$(printf '%s\n' "$line" | sed -n 's/^pyprobe_env: \([0-9]*\) runs.*/\1/p')
    lines=$(printf '%s\n' "$line" | sed -n 's/.*lines \([0-9]*\) of \([0-9]*\).*/\1\/\2/p')
    size=$(printf '%s\n' "$line" | sed -n 's/.*corpus \([0-9]*\).*/\1/p')
    slowest=$(printf '%s\n' "$line" | sed -n 's/.*slowest \([0-9.]*\) s.*/\1/p')
    row "$h" "$n" lines "$lines" "$size" "$slowest"
    if [ "${FUZZ_MERGE:-}" = 1 ]; then
        cp "$live"/new-* "$corpora/$h/" 2>/dev/null || :
    fi
}

# The harnesses are dealt round-robin to FUZZ_PARALLEL lanes (default
# 1), each running its share one after the other.
scratch=/tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && scratch=/dev/shm   # files are rewritten per input
lanes=${FUZZ_PARALLEL:-1}
lane=0
while [ "$lane" -lt "$lanes" ]; do
    (
        i=0
        for h in $harnesses; do
            if [ $((i % lanes)) -eq "$lane" ]; then
                say "$h: running (log in $work/$h.log)"
                mkdir -p "$work/corpus/$h"
                if [ "$h" = pyprobe_env ]; then fuzz_python; else fuzz_c "$h"; fi
            fi
            i=$((i + 1))
        done
    ) &
    lane=$((lane + 1))
done
wait

table=$work/table
printf '%-18s %12s %8s %8s %8s %8s %9s\n' harness runs cov ft corpus slowest \
    findings >"$table"
for h in $harnesses; do
    cat "$work/row-$h" >>"$table"
done
status=0
ls "$work"/failed-* >/dev/null 2>&1 && status=1
cat "$table"
# Runs add up over sessions: keep each table, with what was fuzzed.
{
    printf '\n%s, %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" \
        "$(git -C "$top_srcdir" describe --always --dirty 2>/dev/null || echo 'not git')"
    cat "$table"
} >>"$work/history"
if [ "$status" -ne 0 ] || [ -n "$(ls "$work/findings")" ]; then
    say "findings (or a failed run): see $work/findings and the logs in $work"
    exit 1
fi
