# tests/lib.sh - shared helpers for pyprobe's integration tests.
#
# Sourced by every test script, tests/KIND/NAME.sh, as
# . "$(dirname "$0")/../lib.sh" (POSIX sh: they must run under dash).
# The Automake harness exports PYPROBE, LIBTOOL, CC, top_srcdir and
# top_builddir (AM_TESTS_ENVIRONMENT); run by hand, the defaults below
# point at the build tree the script lives in.
#
# Conventions: each check prints "ok - ..." or "FAIL - ..." and goes on;
# `finish` exits 1 if anything failed, else 0. A skip (exit 77) always
# prints its reason. Set PYPROBE_TEST_KEEP=1 to keep the temporary
# directory for a post-mortem.

set -u
LC_ALL=C
export LC_ALL
# pyprobe falls back to $PYTHON without --python; every test names its
# interpreter, so an inherited PYTHON must not change anything.
unset PYTHON 2>/dev/null || :

test_name=$(basename "$0" .sh)
# Run by hand: the tree is the first directory above the script that
# holds tests/lib.sh.
if [ -z "${top_srcdir:-}" ]; then
    top_srcdir=$(cd "$(dirname "$0")" && pwd)
    while [ ! -f "$top_srcdir/tests/lib.sh" ] && [ "$top_srcdir" != / ]; do
        top_srcdir=$(dirname "$top_srcdir")
    done
fi
lib_dir=$top_srcdir/tests
: "${top_builddir:=$top_srcdir}"
: "${PYPROBE:=$top_builddir/src/pyprobe}"
: "${LIBTOOL:=$top_builddir/libtool}"
: "${CC:=cc}"

FAILED=0
CHECKS=0

fail() {
    FAILED=$((FAILED + 1))
    CHECKS=$((CHECKS + 1))
    printf 'FAIL - %s\n' "$*"
}

pass() {
    CHECKS=$((CHECKS + 1))
    printf 'ok - %s\n' "$*"
}

note() {
    printf '# %s\n' "$*"
}

# count_failure: a check that printed its own FAIL line (a Python
# helper, a subshell) failed; count it for finish.
count_failure() {
    FAILED=$((FAILED + 1))
    CHECKS=$((CHECKS + 1))
}

# A problem with the test set-up itself: stop here.
fatal() {
    printf 'ERROR - %s\n' "$*"
    exit 1
}

# skip REASON: the whole test cannot run here.
skip() {
    printf 'SKIP - %s\n' "$*"
    exit 77
}

# check DESCRIPTION COMMAND...: pass if COMMAND succeeds.
check() {
    check_desc=$1
    shift
    if "$@"; then
        pass "$check_desc"
        return 0
    fi
    fail "$check_desc"
    return 1
}

# relay_checks FILE WHAT: a pass or a fail for each line a checker (a
# Python script, say) wrote to FILE, "ok - ..." or "FAIL - ..."; a fail
# if it wrote none (it did not run).
relay_checks() {
    [ -s "$1" ] || fail "the checks of $2 did not run"
    [ -f "$1" ] || return 0
    while IFS= read -r rc_line; do
        case $rc_line in
        "ok - "*) pass "${rc_line#ok - }" ;;
        *) fail "${rc_line#FAIL - }" ;;
        esac
    done <"$1"
}

finish() {
    if [ "$FAILED" -gt 0 ]; then
        printf '%s: %d of %d checks FAILED\n' "$test_name" "$FAILED" "$CHECKS"
        exit 1
    fi
    printf '%s: all %d checks passed\n' "$test_name" "$CHECKS"
    exit 0
}

# --- Temporary directory ------------------------------------------------

T=$(mktemp -d "${TMPDIR:-/tmp}/pyprobe-$test_name.XXXXXX") ||
    fatal "cannot create a temporary directory under ${TMPDIR:-/tmp}"
# Background processes the tests start (the "hanging interpreter"
# scripts) append their pids here, so that cleanup can end exactly those.
: >"$T/pids"

cleanup() {
    if [ -s "$T/pids" ]; then
        while read -r pid; do
            kill -9 "$pid" 2>/dev/null || :
        done <"$T/pids"
    fi
    if [ "${PYPROBE_TEST_KEEP:-0}" = 1 ]; then
        note "kept $T"
    else
        chmod -R u+rwx "$T" 2>/dev/null || :
        rm -rf "$T"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# No core files from the "crashing interpreter" cases.
ulimit -c 0 2>/dev/null || :

# --- Running commands ---------------------------------------------------

# run COMMAND...: run with a time limit (RUN_LIMIT seconds, default 120)
# and no input; standard output goes to $T/out, standard error to $T/err,
# the exit status to $RC.
run() {
    RC=0
    timeout -k 5 "${RUN_LIMIT:-120}" "$@" </dev/null >"$T/out" 2>"$T/err" ||
        RC=$?
}

# Show what the last run printed (indented), for a failure report.
show_output() {
    if [ -s "$T/out" ]; then
        echo "  stdout:"
        head -c 2000 "$T/out" | sed 's/^/    /'
        echo
    fi
    if [ -s "$T/err" ]; then
        echo "  stderr:"
        head -c 2000 "$T/err" | sed 's/^/    /'
        echo
    fi
}

# expect_exit CODE [--] COMMAND...: run COMMAND (see run) and fail unless
# it exits with CODE. Returns 0 when it did. A run that hit the time limit
# counts as a hang.
expect_exit() {
    ee_want=$1
    shift
    [ "${1:-}" = -- ] && shift
    run "$@"
    if [ "$RC" -eq 124 ] || [ "$RC" -eq 137 ]; then
        fail "hung (killed after ${RUN_LIMIT:-120} s): $*"
        return 1
    fi
    if [ "$RC" -ne "$ee_want" ]; then
        fail "exit status $RC, expected $ee_want: $*"
        show_output
        return 1
    fi
    return 0
}

# pyprobe ARGS...: shorthand for run "$PYPROBE" ARGS...
pyprobe() {
    run "$PYPROBE" "$@"
}

# Milliseconds since the epoch (GNU date).
now_ms() {
    echo $(($(date +%s%N) / 1000000))
}

# mtime FILE: modification time in seconds.
mtime() {
    stat -c %Y "$1"
}

# The modification time `touch -d "$OLD_DATE"` gives, to spot rewrites.
OLD_DATE='2020-01-01 00:00:00'

# --- Refusals -------------------------------------------------------------

# What a refusal must look like (bad-input.sh, hostile-interpreters.sh):
# the documented exit code, one line on stderr starting "pyprobe: ",
# nothing on stdout, and the outputs that were there before untouched.

OUT=$T/outdir
SAVED=$T/saved
OLD_EPOCH=$(date -d "$OLD_DATE" +%s)

# A directory with two existing outputs, both with an old mtime.
reset_outdir() {
    rm -rf "$OUT" "$SAVED"
    mkdir "$OUT" "$SAVED"
    printf '/* an existing header */\n' >"$OUT/existing.h"
    printf 'EXISTING=1\n' >"$OUT/existing.env"
    touch -d "$OLD_DATE" "$OUT/existing.h" "$OUT/existing.env"
    cp -p "$OUT/existing.h" "$OUT/existing.env" "$SAVED/"
}

# outdir_problems: print what changed in $OUT since reset_outdir.
outdir_problems() {
    op_list=$(ls -A "$OUT" | tr '\n' ' ')
    if [ "$op_list" != "existing.env existing.h " ]; then
        echo "directory now holds: $op_list"
    fi
    for op_f in existing.h existing.env; do
        [ -f "$OUT/$op_f" ] || continue
        cmp -s "$OUT/$op_f" "$SAVED/$op_f" || echo "$op_f was modified"
        [ "$(mtime "$OUT/$op_f")" = "$OLD_EPOCH" ] ||
            echo "$op_f got a new mtime"
    done
}

# refusal_problems CODE PATTERN: print what is wrong with the last run
# for a refusal with exit CODE and a message matching PATTERN (a grep
# regular expression; empty: any message).
refusal_problems() {
    if [ "$RC" -eq 124 ] || [ "$RC" -eq 137 ]; then
        echo "hung: killed after ${RUN_LIMIT:-120} s"
    elif [ "$RC" -ge 128 ]; then
        echo "crashed: exit $RC (signal $((RC - 128)))"
    elif [ "$RC" -ne "$1" ]; then
        echo "exit $RC, expected $1"
    fi
    [ -s "$T/out" ] && echo "printed $(wc -c <"$T/out") bytes on stdout"
    rp_lines=$(wc -l <"$T/err")
    [ "$rp_lines" -eq 1 ] || echo "$rp_lines lines on stderr, expected 1"
    [ "$(head -c 9 "$T/err")" = "pyprobe: " ] ||
        echo "stderr does not start with 'pyprobe: '"
    [ "$(tail -c 1 "$T/err" | od -An -tx1 | tr -d ' ')" = 0a ] ||
        echo "stderr does not end with a newline"
    if [ -n "$2" ] && ! grep -q -e "$2" "$T/err"; then
        echo "the message does not match '$2'"
    fi
}

# report DESCRIPTION PROBLEMS: one ok/FAIL line.
report() {
    if [ -z "$2" ]; then
        pass "$1: exit $RC, $(head -n 1 "$T/err" | cut -c 1-150)"
    else
        fail "$1: $(echo "$2" | tr '\n' ';')"
        show_output
    fi
}

# --- The README ---------------------------------------------------------

# readme_block PATH: the README code block that starts "# PATH" (alone
# or followed by a space), without that line and the four-space
# indentation.
readme_block() {
    awk -v marker="    # $1" '
        !inside && (index($0, marker) == 1) &&
            (length($0) == length(marker) ||
             substr($0, length(marker) + 1, 1) == " ") { inside = 1; next }
        !inside { next }
        /^$/ { blank = blank "\n"; next }
        /^    / { printf "%s%s\n", blank, substr($0, 5); blank = ""; next }
        { exit }
    ' "$top_srcdir/README"
}

# same_as_readme PATH FILE: the README block for PATH is FILE's content.
same_as_readme() {
    readme_block "$1" > "$T/readme-block"
    if [ ! -s "$T/readme-block" ]; then
        fail "README has no block starting '# $1'"
    elif cmp -s "$T/readme-block" "$2"; then
        pass "the README shows $1 as it is"
    else
        fail "the README's copy of $1 differs from the file:"
        diff "$2" "$T/readme-block" | sed 's/^/  /'
    fi
}

# --- Interpreters -------------------------------------------------------

# The Debian interpreter every test uses as "a normal Python".
DEBIAN_PY=/usr/bin/python3.11
# A Python to decode JSON and generate expectations with (not probed).
TOOL_PY=
for candidate in /usr/bin/python3.11 /usr/bin/python3; do
    if [ -x "$candidate" ]; then
        TOOL_PY=$candidate
        break
    fi
done

# still_running PIDFILE: the pids in PIDFILE that are still there (a
# zombie is dead), with their state, after up to 2 s for a killed one
# to go.
still_running() {
    for sr_try in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
        sr_left=
        while read -r sr_pid; do
            sr_state=$(ps -o stat= -p "$sr_pid" 2>/dev/null) || continue
            case $sr_state in Z*) continue ;; esac
            sr_left="$sr_left $sr_pid ($sr_state)"
        done <"$1"
        [ -z "$sr_left" ] && return 0
        sleep 0.1
    done
    echo "$sr_left"
}

# require_debian_python: skip the test (with the reason) without it.
require_debian_python() {
    [ -x "$DEBIAN_PY" ] ||
        skip "$DEBIAN_PY is missing (install the python3.11 package)"
    [ -n "$TOOL_PY" ] || skip "no python3 to decode JSON with"
}

# tool_py ARGS...: the helper Python, isolated from the environment.
tool_py() {
    "$TOOL_PY" -I "$@"
}

# pyenv_root, pyenv_pythons, all_pythons, free_threaded_python,
# reference_pythons: see interpreters.sh.
. "$lib_dir/interpreters.sh"

# stand_in SHEET: a stand-in interpreter for the recorded sheet SHEET
# (tests/fixtures/interpreters/SHEET.json, or a path): pyprobe runs it
# like a real one and tests/tools/replay-python.py executes the real
# probe script on the recorded facts. Prints its path.
stand_in() {
    case $1 in
    */*) si_sheet=$1 ;;
    *) si_sheet=$top_srcdir/tests/fixtures/interpreters/$1.json ;;
    esac
    si_path=$T/stand-in-$(basename "$si_sheet" .json)
    printf '#!/bin/sh\nexec python3 "%s" "%s" "$@"\n' \
        "$top_srcdir/tests/tools/replay-python.py" "$si_sheet" >"$si_path"
    chmod +x "$si_path"
    echo "$si_path"
}

# --- Fake interpreters --------------------------------------------------

# fake_python NAME BODY: write an executable sh script $T/NAME with BODY
# (pyprobe passes it -I -S -c SCRIPT MODE, which it ignores) and print
# its path.
fake_python() {
    printf '#!/bin/sh\n%s\n' "$2" >"$T/$1"
    chmod +x "$T/$1"
    echo "$T/$1"
}

# real_answer FILE: save the probe answer of $DEBIAN_PY (what pyprobe
# reads from the interpreter's standard output) in FILE, by probing it
# through a wrapper that keeps a copy.
real_answer() {
    ra_wrapper=$(fake_python tee-python \
        "\"$DEBIAN_PY\" \"\$@\" >\"$1\"; ra_status=\$?; cat \"$1\"; exit \$ra_status")
    "$PYPROBE" --python "$ra_wrapper" --get version >/dev/null ||
        fatal "cannot probe $DEBIAN_PY through $ra_wrapper"
    [ -s "$1" ] || fatal "the wrapper did not record the answer"
}

# --- The hostile path -----------------------------------------------------

# make_hostile_python: create a directory whose name holds everything a
# sh, make or C reader could trip on, link $DEBIAN_PY into it, and set
# HOSTILE_PY to the link. The name holds a space, ' and ", $(...),
# backticks and make's $(shell ...) that would create a file named
# INJECTED if anything ran them, a backslash (also right before the
# newline), #, $$, ${...}, %, *, ;, &, C trigraphs (??= ??!), a newline,
# and ends with a space.
make_hostile_python() {
    mh_nl='
'
    HOSTILE_DIR="$T/hostile a'b\"c\$(touch INJECTED)d\`touch INJECTED\`\$(shell touch INJECTED)e\\f#g\$\$h\${PATH}i%*;&??=??!j\\${mh_nl}k "
    mkdir -p "$HOSTILE_DIR" || fatal "cannot create the hostile directory"
    ln -s "$DEBIAN_PY" "$HOSTILE_DIR/python3.11" ||
        fatal "cannot link $DEBIAN_PY into the hostile directory"
    HOSTILE_PY="$HOSTILE_DIR/python3.11"
}

# no_injection WHERE...: fail if a file named INJECTED* appeared.
no_injection() {
    ni_found=$(find "$@" -name 'INJECTED*' 2>/dev/null | head -n 5)
    if [ -n "$ni_found" ]; then
        fail "something executed text from a value: found $ni_found"
        return 1
    fi
    pass "nothing was executed (no INJECTED file)"
}

# names: the upper-case public names, one per line (pyprobe --list-names).
names() {
    "$PYPROBE" --list-names | awk '{ print toupper($1) }'
}

# all_values OUT PYPROBE-ARGS...: every public name, as "name=value"
# lines in OUT, from one run of pyprobe.
all_values() {
    av_out=$1
    shift
    av_gets=
    for av_n in $("$PYPROBE" --list-names | cut -d' ' -f1); do
        av_gets="$av_gets --get $av_n"
    done
    "$PYPROBE" "$@" $av_gets >"$av_out.raw" || return 1
    for av_n in $("$PYPROBE" --list-names | cut -d' ' -f1); do
        IFS= read -r av_v && printf '%s=%s\n' "$av_n" "$av_v"
    done <"$av_out.raw" >"$av_out"
}

# same_values WHAT A B [NAME...]: pass if the all_values files A and B
# agree on every name but PYTHON, EXECUTABLE (a description file names
# the installed interpreter, not the name it was called by) and NAMEs.
# The install directories are not compared either, nor named in UNKNOWN:
# a description file does not hold them (tests/install-dirs.sh).
same_values() {
    sv_what=$1 sv_a=$2 sv_b=$3
    shift 3
    sv_pattern='^(python|executable|platlib|purelib|platlib_rel|purelib_rel'
    for sv_n in "$@"; do sv_pattern="$sv_pattern|$sv_n"; done
    sv_dirs='s/^(unknown=.*)\b(platlib|purelib|platlib_rel|purelib_rel)\b/\1/'
    grep -Ev "$sv_pattern)=" "$sv_a" |
        sed -E -e ":again" -e "$sv_dirs" -e "t again" \
            -e 's/^unknown= +/unknown=/; s/ +$//; s/  +/ /g' >"$sv_a.cmp"
    grep -Ev "$sv_pattern)=" "$sv_b" |
        sed -E -e ":again" -e "$sv_dirs" -e "t again" \
            -e 's/^unknown= +/unknown=/; s/ +$//; s/  +/ /g' >"$sv_b.cmp"
    if diff "$sv_a.cmp" "$sv_b.cmp" >"$T/same.diff"; then
        pass "$sv_what"
    else
        fail "$sv_what:"
        sed 's/^/  /' "$T/same.diff"
    fi
}
