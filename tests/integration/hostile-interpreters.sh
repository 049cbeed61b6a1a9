#!/bin/sh
# hostile-interpreters.sh - an interpreter cannot harm the host (issue
# 13). Whatever it does - flood its output, close it and carry on, stop
# itself, leave children holding its pipes, exit without a word, answer
# with monstrous literals, NUL bytes or bytes that are not UTF-8 -
# pyprobe must end on its own or at --timeout (plus slack for a busy
# machine), leave nothing of it running, and either succeed or refuse
# the way bad-input.sh checks: the documented exit code (4 failed,
# crashed or timed out; 5 invalid answer; 6 a value a format cannot
# carry), one line on stderr starting "pyprobe: ", nothing on stdout,
# and the files of an earlier run (--tags, --header) byte-identical with
# their old mtime, no temporary file left beside them.
#
# bad-input.sh has the plainer cases (a hang, a crash, 50 MB of NULs, a
# malformed answer); signals.sh stops pyprobe itself.

. "$(dirname "$0")/../lib.sh"
require_debian_python
command -v ps >/dev/null 2>&1 || skip "ps is missing (procps)"
RUN_LIMIT=60
cd "$T" || fatal "cannot cd to $T"
# A cache directory of its own: with the probe script cached, a crash
# earns a second run (see crash-then-hang).
PYPROBE_CACHE_DIR=$T/cache
export PYPROBE_CACHE_DIR

# Cases that end on their own must do so well within --timeout; the
# others may take this much longer than it on a noisy 2-core machine
# (HOSTILE_SLACK: more for a sanitized build, tests/fuzz/sanitizers.sh).
SLACK=${HOSTILE_SLACK:-5}

# success_problems: print what is wrong with the last run for a success
# that rewrote the files reset_outdir made.
success_problems() {
    [ "$RC" -eq 0 ] || echo "exit $RC, expected 0"
    [ -s "$T/err" ] && echo "printed on stderr: $(head -n 1 "$T/err")"
    sp_list=$(ls -A "$OUT" | tr '\n' ' ')
    [ "$sp_list" = "existing.env existing.h " ] ||
        echo "directory now holds: $sp_list"
    grep -q '^PYPROBE_VERSION=3\.' "$OUT/existing.env" ||
        echo "the tag file was not written"
    grep -q '^#define PYPROBE_VERSION "3\.' "$OUT/existing.h" ||
        echo "the header was not written"
}

# hostile CODE PATTERN TIMEOUT WITHIN NAME DESCRIPTION BODY [ARG...]:
# make the fake interpreter NAME from BODY, run pyprobe ARG... on it
# with --timeout TIMEOUT and --tags and --header naming existing files,
# and check that it ended within WITHIN seconds, with nothing it started
# left running, and that it refused with exit CODE and a message
# matching PATTERN, the files untouched - or, for CODE 0, succeeded and
# wrote them. BODY records each process it starts that pyprobe must
# kill with `started PID`, and one in a session of its own (out of
# pyprobe's reach) with `detached PID`.
hostile() {
    h_code=$1 h_pattern=$2 h_timeout=$3 h_within=$4 h_name=$5 h_desc=$6
    h_body=$7
    shift 7
    : >"$T/$h_name.pids"
    h_python=$(fake_python "$h_name" "started() { echo \"\$1\" >>\"$T/pids\"; echo \"\$1\" >>\"$T/$h_name.pids\"; }
detached() { echo \"\$1\" >>\"$T/pids\"; }
started \$\$
$h_body")
    reset_outdir
    h_start=$(now_ms)
    pyprobe --timeout "$h_timeout" --tags "$OUT/existing.env" \
        --header "$OUT/existing.h" --python "$h_python" "$@"
    RUN_MS=$(($(now_ms) - h_start))
    if [ "$h_code" -eq 0 ]; then
        report "$h_desc" "$(success_problems)"
    else
        report "$h_desc" \
            "$(refusal_problems "$h_code" "$h_pattern"; outdir_problems)"
    fi
    check "$h_desc: ended after $RUN_MS ms (--timeout $h_timeout, bound $h_within s)" \
        test "$RUN_MS" -lt $((h_within * 1000))
    h_left=$(still_running "$T/$h_name.pids")
    check "$h_desc: nothing it started is left${h_left:+ (left:$h_left)}" \
        test -z "$h_left"
}

# What the fakes leave running is sleep under a name of its own, to
# be told apart in ps from any other sleep.
marker=pyprobe-hostile-$$
ln -s "$(command -v sleep)" "$T/$marker" || fatal "cannot link sleep"
real_answer "$T/answer"

# --- Floods ----------------------------------------------------------------

# 100 MB: inside a string of an answer that had started well, and on
# standard error beside a valid answer. pyprobe stops reading at its
# output limit (1 MiB) and kills them.
printf "pyprobe-probe 1\n{'source': '" >"$T/flood.head"
hostile 4 'more than .* standard output' 20 "$SLACK" flood-stdout \
    "100 MB on stdout, in a string of the answer" \
    "cat \"$T/flood.head\"; head -c 100000000 /dev/zero | tr '\\0' x"
hostile 4 'more than .* standard error' 20 "$SLACK" flood-stderr \
    "100 MB on stderr beside a valid answer" \
    "cat \"$T/answer\"; head -c 100000000 /dev/zero | tr '\\0' x >&2"

# --- Interpreters that do not end ------------------------------------------

# Standard output closed, standard error open: not the end.
hostile 4 'did not finish' 1 $((1 + SLACK)) closes-stdout \
    "closes its stdout and keeps running" \
    "exec >&-
exec \"$T/$marker\" 300"
# Nor is a complete answer: it is read when the interpreter exits.
hostile 4 'did not finish' 1 $((1 + SLACK)) answers-and-stays \
    "prints a valid answer, closes its stdout and keeps running" \
    "cat \"$T/answer\"
exec >&-
exec \"$T/$marker\" 300"

# SIGSTOP: the interpreter and a child stop themselves. SIGKILL ends
# stopped processes too; none may be left stopped.
hostile 4 'did not finish' 1 $((1 + SLACK)) stops-itself \
    "stops itself and a child with SIGSTOP" \
    "sh -c 'kill -STOP \$\$' &
started \$!
kill -STOP \$\$"
hostile 4 'did not finish' 1 $((1 + SLACK)) answers-and-stops \
    "prints a valid answer, then stops itself with SIGSTOP" \
    "cat \"$T/answer\"
kill -STOP \$\$"

# A crash earns a second run (damaged bytecode in the cache can crash
# CPython), but within the same --timeout: this one crashes near its end,
# and hangs when it is run again. Run twice on a time limit each, it
# would take almost twice --timeout (so the bound here is tighter).
hostile 4 'did not finish within 4' 4 $((4 + 2)) crash-then-hang \
    "crashes near --timeout, then hangs when run again" \
    "echo run >>\"$T/crash-runs\"
if [ -e \"$T/crashed\" ]; then exec \"$T/$marker\" 300; fi
: >\"$T/crashed\"
sleep 3.5
kill -SEGV \$\$"
check "crash-then-hang: it was run twice ($(wc -l <"$T/crash-runs") runs)" \
    test "$(wc -l <"$T/crash-runs")" -eq 2

# --- Children that hold the pipes after the interpreter exits -------------

# The answer is complete when the interpreter exits: a valid one is
# used at once, whoever still holds the pipes, and the child left in its
# process group is killed.
hostile 0 '' 20 "$SLACK" child-keeps-pipes \
    "exits 0 after a valid answer, a child holding its pipes" \
    "\"$T/$marker\" 300 &
started \$!
cat \"$T/answer\""
# A child in a session of its own is out of reach (it is the caller's
# to clean up, as a daemon would be), but it must not hold pyprobe.
if command -v setsid >/dev/null 2>&1; then
    hostile 0 '' 20 "$SLACK" daemon-keeps-pipes \
        "exits 0 after a valid answer, a daemon holding its pipes" \
        "setsid \"$T/$marker\" 300 &
detached \$!
cat \"$T/answer\""
else
    note "setsid is missing: the daemon case is not run"
fi
hostile 5 'not a Python interpreter' 20 "$SLACK" child-garbage \
    "exits 0 after garbage, a child holding its pipes" \
    "\"$T/$marker\" 300 &
started \$!
echo 'garbage, not an answer'"
hostile 5 'printed nothing' 20 "$SLACK" child-silent \
    "exits 0 without a word, a child holding its pipes" \
    "\"$T/$marker\" 300 &
started \$!
exit 0"
hostile 5 'printed nothing' 20 "$SLACK" silent \
    "exits 0 without a word" "exit 0"

# --- Monstrous literals in a valid frame -----------------------------------

# make-answer.py OUT MODE ARG...: the real answer of $DEBIAN_PY, changed
# as bytes (nothing is evaluated).
cat >"$T/make-answer.py" <<'EOF'
import re, sys
head, body, tail = open(sys.argv[1], 'rb').read().split(b'\n', 2)
out, mode, args = sys.argv[2], sys.argv[3], sys.argv[4:]
def arg(text):
    # backslash escapes (\x00, \xff) in arguments become bytes
    return text.encode('latin-1').decode('unicode_escape').encode('latin-1')
def field(name, value):
    global body
    body, n = re.subn(b"'" + name + b"': '[^']*'",
                      lambda m: b"'" + name + b"': " + value, body, count=1)
    if n != 1:
        sys.exit('make-answer.py: no field ' + name.decode())
if mode == 'nest':          # N levels of OPEN around 0, closed by CLOSE
    n, opening, closing = int(args[0]), arg(args[1]), arg(args[2])
    field(b'source', opening * n + b'0' + closing * n)
elif mode == 'open':        # N levels of OPEN, never closed
    field(b'source', arg(args[1]) * int(args[0]))
elif mode == 'size':        # the whole answer exactly N bytes long
    field(b'sys_version', b"''")
    grow = int(args[0]) - (len(head) + len(body) + len(tail) + 2)
    field(b'sys_version', b"'" + b'x' * grow + b"'")
elif mode == 'keys':        # N more keys in config, the first again if dup
    chars = b'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
    keys = [bytes([chars[i // 3844], chars[i // 62 % 62], chars[i % 62]])
            for i in range(int(args[0]))]
    if args[1:] == ['dup']:
        keys.append(keys[0])
    extra = b''.join(b"'" + k + b"':0," for k in keys)
    body = body.replace(b"'config': {", b"'config': {" + extra, 1)
elif mode == 'string':      # the value of field NAME is the literal VALUE
    field(arg(args[0]), arg(args[1]))
else:
    sys.exit('make-answer.py: unknown mode ' + mode)
open(out, 'wb').write(head + b'\n' + body + b'\n' + tail)
EOF

# make_answer NAME MODE ARG...: $T/NAME.answer, made by make-answer.py.
make_answer() {
    ma_name=$1
    shift
    tool_py "$T/make-answer.py" "$T/answer" "$T/$ma_name.answer" "$@" ||
        fatal "make-answer.py $* failed"
}

# replay CODE PATTERN NAME DESCRIPTION [PYPROBE-ARG...]: hostile, with
# a fake interpreter that prints $T/NAME.answer.
replay() {
    rp_code=$1 rp_pattern=$2 rp_name=$3 rp_desc=$4
    shift 4
    hostile "$rp_code" "$rp_pattern" 20 "$SLACK" "$rp_name" "$rp_desc" \
        "cat \"$T/$rp_name.answer\"" "$@"
}

# literal CODE PATTERN NAME DESCRIPTION MODE ARG...: replay the answer
# that make-answer.py MODE ARG... makes.
literal() {
    li_code=$1 li_pattern=$2 li_name=$3 li_desc=$4
    shift 4
    make_answer "$li_name" "$@"
    replay "$li_code" "$li_pattern" "$li_name" "$li_desc"
}

# Deep nesting is refused at a fixed depth, before it can exhaust the
# stack.
literal 5 'nested too deeply' nest-list "100000 nested lists" \
    nest 100000 '[' ']'
literal 5 'nested too deeply' nest-open "100000 '[' never closed" \
    open 100000 '['
literal 5 'nested too deeply' nest-dict "100000 nested dicts" \
    nest 100000 "{'a': " '}'
literal 5 'nested too deeply' nest-tuple "100000 nested parentheses" \
    nest 100000 '(' ')'

# A string that makes the answer exactly as long as the output limit
# allows is read (it is only text); one byte more is refused unread.
literal 0 '' size-at-limit "a string filling the answer to 1 MiB" \
    size 1048576
literal 4 'more than 1048576 bytes' size-over-limit \
    "a string filling the answer to 1 MiB + 1 byte" size 1048577

# 100 000 keys: read in linear time, then refused for what they are.
literal 5 'does not hold exactly the expected variables' many-keys \
    "100000 keys in config" keys 100000
literal 5 'duplicate dictionary key' many-keys-dup \
    "100000 keys in config, the first again last" keys 100000 dup

# --- NUL bytes and bytes that are not UTF-8 ----------------------------------

literal 5 'NUL' nul-raw "a raw NUL byte in a string" \
    string prefix "'/u\\x00sr'"
literal 5 'NUL' nul-octal "a NUL escaped as \\0 in a string" \
    string prefix "'/u\\\\0sr'"
literal 5 'NUL' nul-u32 "a NUL escaped as \\U00000000 in a string" \
    string prefix "'/u\\\\U00000000sr'"
literal 5 'byte (0xff)' utf8-raw "a raw 0xff byte in a string" \
    string prefix "'/u\\xffsr'"
literal 5 'byte (0xc0)' utf8-overlong "a raw overlong NUL (c0 80) in a string" \
    string prefix "'/u\\xc0\\x80sr'"
literal 5 'lone surrogate' surrogate "a lone surrogate in a string" \
    string prefix "'/u\\\\ud800sr'"
# What Python writes for a path byte that is not UTF-8 (surrogateescape)
# is that byte: a header or tag file carries it, JSON cannot, and then
# no file is written either (all or nothing).
literal 0 '' not-utf8 "a path byte that is not UTF-8 (\\udcff)" \
    string prefix "'/u\\\\udcffsr'"
check "the header carries the byte 0xff as \\377" \
    grep -q '^#define PYPROBE_PREFIX "/u\\377sr"$' "$OUT/existing.h"
make_answer not-utf8-json string prefix "'/u\\\\udcffsr'"
replay 6 'not valid UTF-8' not-utf8-json \
    "a path byte that is not UTF-8 (\\udcff), with --json" --json
make_answer overlong-json string prefix "'/u\\\\udcc0\\\\udc80sr'"
replay 6 'not valid UTF-8' overlong-json \
    "an overlong NUL through surrogateescape (\\udcc0\\udc80), with --json" \
    --json

finish
