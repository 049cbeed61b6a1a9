#!/bin/sh
# sanitizers.sh - the unit tests, the fuzz corpus replays and the
# bad-input suites again, in a second build of this tree with
# AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer:
#   -fsanitize=address,undefined -fno-sanitize-recover=all
# A memory error, a leak or undefined behaviour anywhere in those runs
# fails this test, even where the test that ran it would have passed:
# every report is written to a file (log_path), and there must be none.
#
# The build is a copy of the source tree (tests/tools/sanitized-build.sh)
# made with the compiler of this build ($CC). It costs a few minutes.
. "$(dirname "$0")/../lib.sh"

copier=$top_srcdir/tests/tools/sanitized-build.sh
top_srcdir=$top_srcdir sh "$copier" --check 2>"$T/why" ||
    skip "no second build here: $(cat "$T/why")"

sanitize="-fsanitize=address,undefined -fno-sanitize-recover=all"
start=$(date +%s)
status=0
build=$(top_srcdir=$top_srcdir sh "$copier" \
    "$T/sanitized" CC="$CC" CFLAGS="-g -O1 -fno-omit-frame-pointer $sanitize") ||
    status=$?
[ "$status" -eq 0 ] || fatal "the sanitized build failed (output above)"
built=$(date +%s)
note "built with $CC $sanitize in $((built - start)) s"

# The suites: every unit test, the replays, and the runs of pyprobe on
# bad input (interpreters, answers, files, special files).
unit=$(cd "$top_srcdir" && ls tests/unit/check_*.c | sed 's/\.c$//' | tr '\n' ' ')
suites="tests/fuzz/fuzz-replay.sh tests/integration/bad-input.sh
        tests/integration/reproducers.sh tests/integration/special-files.sh
        tests/integration/hostile-interpreters.sh"

reports=$T/reports
mkdir -p "$reports"
ASAN_OPTIONS="log_path=$reports/asan:exitcode=86:detect_leaks=1:abort_on_error=0"
LSAN_OPTIONS="exitcode=86"
UBSAN_OPTIONS="log_path=$reports/ubsan:exitcode=86:print_stacktrace=1:halt_on_error=1"
export ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS
# ASan makes pyprobe a few times slower: the hostile cases that end on
# their own get more time than in a normal build.
HOSTILE_SLACK=15
export HOSTILE_SLACK

# Its own two jobs: the outer make's jobserver does not reach this far.
unset MAKEFLAGS MFLAGS
# shellcheck disable=SC2086
if make -C "$build" -j2 check TESTS="$unit $suites" >"$T/check.log" 2>&1; then
    pass "unit tests, replays and bad-input suites pass under the sanitizers"
else
    fail "a suite failed under the sanitizers"
    grep -E '^(FAIL|ERROR|XPASS):' "$T/check.log"
    for log in $(grep -rlE --include='*.log' '^FAIL|^ERROR' "$build/tests"); do
        echo "==== $log"
        tail -n 40 "$log"
    done
fi
if [ -n "$(ls "$reports")" ]; then
    fail "the sanitizers reported $(ls "$reports" | wc -l) problem(s):"
    for report in "$reports"/*; do
        echo "==== $report"
        head -n 40 "$report"
    done
else
    pass "no sanitizer report"
fi
note "$(grep -cE '^(PASS|FAIL|ERROR|SKIP):' "$T/check.log") suites ran in $(($(date +%s) - built)) s"
grep -E '^SKIP:' "$T/check.log" | sed 's/^/# /'
finish
