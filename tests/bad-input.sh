#!/bin/sh
# bad-input.sh - pyprobe refuses bad interpreters, bad answers, bad output
# paths and bad options cleanly.
#
# Every refusal must: exit with the documented code (2 usage, 3 not
# found, 4 interpreter failed/crashed/timed out, 5 invalid answer,
# 6 unsupported, 7 file I/O, 8 policy cannot be met), print exactly one
# line on stderr starting "pyprobe: ", print nothing on stdout, not crash
# or hang, and - when --tags/--header were given - leave the output
# directory exactly as it was: no new file, existing files byte-identical
# with their old mtime, no .NAME.xxxxxx temporary file.

. "$(dirname "$0")/lib.sh"
require_debian_python
RUN_LIMIT=60
cd "$T" || fatal "cannot cd to $T"

# --- The machinery -------------------------------------------------------

# reset_outdir, outdir_problems, refusal_problems and report: see lib.sh.

# refuse CODE PATTERN DESCRIPTION -- ARG...: run pyprobe ARG... twice,
# alone and with --tags (a new file) and --header (an existing file) in
# front, and check both refusals. Sets RUN_MS to the duration of the
# last run.
refuse() {
    rf_code=$1 rf_pattern=$2 rf_desc=$3
    shift 3
    [ "${1:-}" = -- ] && shift
    rf_start=$(now_ms)
    pyprobe "$@"
    RUN_MS=$(($(now_ms) - rf_start))
    report "$rf_desc" "$(refusal_problems "$rf_code" "$rf_pattern")"

    reset_outdir
    rf_start=$(now_ms)
    pyprobe --tags "$OUT/new.env" --header "$OUT/existing.h" "$@"
    RUN_MS=$(($(now_ms) - rf_start))
    report "$rf_desc, with --tags and --header" \
        "$(refusal_problems "$rf_code" "$rf_pattern"; outdir_problems)"
}

# refuse_writing CODE PATTERN DESCRIPTION -- ARG...: run pyprobe ARG...
# (which name their own outputs) once, check the refusal and that $OUT
# is untouched.
refuse_writing() {
    rw_code=$1 rw_pattern=$2 rw_desc=$3
    shift 3
    [ "${1:-}" = -- ] && shift
    reset_outdir
    pyprobe --python "$DEBIAN_PY" "$@"
    report "$rw_desc" \
        "$(refusal_problems "$rw_code" "$rw_pattern"; outdir_problems)"
}

# --- Interpreters that cannot be run ---------------------------------------

# A path that does not exist, and a bare name that is not on PATH.
refuse 3 'no such file' "missing interpreter path" \
    -- --python "$T/no/such/python3"
refuse 3 'not found on PATH' "bare name not on PATH" \
    -- --python "pyprobe-no-such-python-$$"

# A file without the x bit (even root cannot exec that).
printf '#!/bin/sh\nexit 0\n' >"$T/not-executable"
chmod 644 "$T/not-executable"
refuse 3 'not executable' "file without execute permission" \
    -- --python "$T/not-executable"

# A directory.
mkdir "$T/a-directory"
refuse 3 'directory' "a directory as interpreter" -- --python "$T/a-directory"

# --- Programs that are not Python -----------------------------------------

# /bin/true prints nothing; /bin/sh rejects -I.
refuse 5 'printed nothing' "/bin/true" -- --python /bin/true
refuse 4 'exited with status' "/bin/sh" -- --python /bin/sh

# Junk instead of the answer.
junk=$(fake_python junk 'echo "Hello, I am not Python"; echo "more junk"')
refuse 5 'not a Python interpreter' "script printing junk" -- --python "$junk"

# The right first line, then junk (without and with an end marker).
junk1=$(fake_python junk1 'printf "pyprobe-probe 1\nsome { junk\n"')
refuse 5 'truncated' "'pyprobe-probe 1' then junk" -- --python "$junk1"
junk2=$(fake_python junk2 'printf "pyprobe-probe 1\nsome { junk\nend\n"')
refuse 5 '' "'pyprobe-probe 1', junk and 'end'" -- --python "$junk2"

# A valid-looking answer in protocol 99.
real_answer "$T/answer"
sed '1s/^pyprobe-probe 1$/pyprobe-probe 99/' "$T/answer" >"$T/answer99"
proto99=$(fake_python proto99 "cat \"$T/answer99\"")
refuse 5 'protocol' "valid-looking answer in protocol 99" -- --python "$proto99"

# --- Python 2 -------------------------------------------------------------

# Python 2.7 is refused as unsupported (it rejects -I).
if root=$(pyenv_root); then
    py27=
    for candidate in "$root"/versions/2.7.18/bin/python2.7 \
                     "$root"/versions/2.7*/bin/python2.7; do
        if [ -x "$candidate" ]; then
            py27=$candidate
            break
        fi
    done
    if [ -n "$py27" ]; then
        refuse 6 'Python 2' "Python 2.7 ($py27)" -- --python "$py27"
    else
        note "no Python 2.7 under $root/versions; the Python 2 case is not run"
    fi
else
    note "the Python 2.7 case is not run: $(pyenv_root 2>&1)"
fi

# --- An interpreter that hangs --------------------------------------------

# It starts a background sleep, then sleeps itself; both carry a unique
# marker in their argv (a link to sleep named after the marker) and
# record their pids for the cleanup. --timeout 1 must end it within a
# few seconds and kill the whole process group.
marker=pyprobe-hang-marker-$$-$(date +%s%N)
ln -s "$(command -v sleep)" "$T/$marker" || fatal "cannot link sleep"
hang=$(fake_python hang "echo \$\$ | tee -a \"$T/hang.pids\" >>\"$T/pids\"
\"$T/$marker\" 300 &
echo \$! | tee -a \"$T/hang.pids\" >>\"$T/pids\"
echo started >\"$T/hang-started\"
exec \"$T/$marker\" 301")
for variant in plain with-files; do
    rm -f "$T/hang-started"
    if [ "$variant" = plain ]; then
        rf_start=$(now_ms)
        pyprobe --timeout 1 --python "$hang"
    else
        reset_outdir
        rf_start=$(now_ms)
        pyprobe --tags "$OUT/new.env" --header "$OUT/existing.h" \
            --timeout 1 --python "$hang"
    fi
    RUN_MS=$(($(now_ms) - rf_start))
    report "hanging interpreter, --timeout 1 ($variant)" \
        "$(refusal_problems 4 'did not finish'
           [ "$variant" = plain ] || outdir_problems)"
    check "hanging interpreter ($variant): it really started" \
        test -f "$T/hang-started"
    check "hanging interpreter ($variant): returned in ${RUN_MS} ms (< 5 s)" \
        test "$RUN_MS" -lt 5000
    survivors=$(still_running "$T/hang.pids")
    check "hanging interpreter ($variant): no process of its group survives${survivors:+ (left: $survivors)}" \
        test -z "$survivors"
done

# It closes its output and then hangs: still a time-out.
hang2=$(fake_python hang-closed "echo \$\$ | tee -a \"$T/hang.pids\" >>\"$T/pids\"
exec >/dev/null 2>&1
exec \"$T/$marker\" 302")
refuse 4 'did not finish' "interpreter that closes its output and hangs" \
    -- --timeout 1 --python "$hang2"
check "closed-output hang: returned in ${RUN_MS} ms (< 5 s)" \
    test "$RUN_MS" -lt 5000
survivors=$(still_running "$T/hang.pids")
check "no hanging process survives${survivors:+ (left: $survivors)}" \
    test -z "$survivors"

# --- Interpreters that crash ----------------------------------------------

segv=$(fake_python segv 'kill -SEGV $$')
refuse 4 'signal 11' "interpreter killed by SIGSEGV" -- --python "$segv"
killed=$(fake_python killed 'kill -KILL $$')
refuse 4 'signal 9' "interpreter killed by SIGKILL" -- --python "$killed"
# A real CPython that dereferences NULL.
realsegv=$(fake_python real-segv \
    "exec \"$DEBIAN_PY\" -I -c 'import ctypes; ctypes.string_at(0)'")
refuse 4 'crashed' "real CPython crashing with SIGSEGV" -- --python "$realsegv"

# --- Interpreters that print too much --------------------------------------

# Endless or 50 MB output, on stdout and on stderr: pyprobe must stop
# reading early (well within --timeout 20) and kill the interpreter.
for stream in stdout stderr; do
    redirect=
    [ "$stream" = stderr ] && redirect='>&2'
    yes_py=$(fake_python "yes-$stream" "exec yes $redirect")
    refuse 4 'more than' "endless output on $stream (yes)" \
        -- --timeout 20 --python "$yes_py"
    check "endless output on $stream: stopped after ${RUN_MS} ms (< 5 s)" \
        test "$RUN_MS" -lt 5000
    zero_py=$(fake_python "zero-$stream" "head -c 50M /dev/zero $redirect")
    refuse 4 'more than' "50 MB of NUL bytes on $stream" \
        -- --timeout 20 --python "$zero_py"
    check "50 MB on $stream: stopped after ${RUN_MS} ms (< 5 s)" \
        test "$RUN_MS" -lt 5000
done

# --- Malformed answers ----------------------------------------------------

# A fake interpreter replays $T/replay.answer, made from the real answer of
# $DEBIAN_PY by mutate.py (never eval: plain byte surgery).
cat >"$T/mutate.py" <<'EOF'
import re, sys
def arg(text):
    # backslash escapes (\x00, \n) in arguments become bytes
    return text.encode('latin-1').decode('unicode_escape').encode('latin-1')
data = open(sys.argv[1], 'rb').read()
out = sys.argv[2]
del sys.argv[2]
mode = sys.argv[2]
if mode == 'cut':                 # the first N bytes
    data = data[:int(sys.argv[3])]
elif mode == 'cutbody':           # cut the literal at a fraction, keep 'end'
    head, body, tail = data.split(b'\n', 2)
    data = head + b'\n' + body[:int(len(body) * float(sys.argv[3]))] + b'\nend\n'
elif mode == 'flip':              # xor one byte of the first NEEDLE
    needle, offset, mask = arg(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5], 0)
    at = data.index(needle) + offset
    data = data[:at] + bytes([data[at] ^ mask]) + data[at + 1:]
elif mode == 'rflip':             # xor one byte of the last NEEDLE
    needle, offset, mask = arg(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5], 0)
    at = data.rindex(needle) + offset
    data = data[:at] + bytes([data[at] ^ mask]) + data[at + 1:]
elif mode == 'replace':           # the first OLD by NEW
    old, new = arg(sys.argv[3]), arg(sys.argv[4])
    if old not in data:
        sys.exit('mutate.py: %r is not in the answer' % old)
    data = data.replace(old, new, 1)
elif mode == 'sub':               # regular expression, first match
    pattern, replacement = (a.encode('latin-1') for a in sys.argv[3:5])
    new = re.sub(pattern, replacement, data, count=1)
    if new == data:
        sys.exit('mutate.py: %r does not match' % sys.argv[3])
    data = new
elif mode == 'append':
    data += arg(sys.argv[3])
else:
    sys.exit('mutate.py: unknown mode ' + mode)
open(out, 'wb').write(data)
EOF
replay=$(fake_python replay-python "cat \"$T/replay.answer\"")

# refuse_answer CODE PATTERN DESCRIPTION MUTATION...: replay the mutated
# answer and check the refusal.
refuse_answer() {
    ra_code=$1 ra_pattern=$2 ra_desc=$3
    shift 3
    tool_py "$T/mutate.py" "$T/answer" "$T/replay.answer" "$@" || fatal "mutate.py $* failed"
    refuse "$ra_code" "$ra_pattern" "answer $ra_desc" -- --python "$replay"
}

# The unchanged replay is accepted: the cases below fail for the reason
# they are about, not because replaying does not work.
cp "$T/answer" "$T/replay.answer"
expect_exit 0 -- "$PYPROBE" --python "$replay" --get abi_tag &&
    check "unchanged replayed answer is accepted" grep -q '^cp311$' "$T/out"

# Truncated at various points: in the first line, right after it, in the
# literal, in and before the end marker, without the final newline.
size=$(wc -c <"$T/answer")
for n in 1 10 14 15 16 17 $((size / 4)) $((size / 2)) $((size * 3 / 4)) \
         $((size - 6)) $((size - 5)) $((size - 4)) $((size - 2)) \
         $((size - 1)); do
    refuse_answer 5 '' "truncated to $n of $size bytes" cut "$n"
done
# The literal cut short, but the end marker present.
for fraction in 0.1 0.33 0.5 0.9 0.999; do
    refuse_answer 5 '' "literal cut at $fraction, end marker kept" \
        cutbody "$fraction"
done

# One byte flipped (xor 1, or the high bit) where it breaks the syntax,
# the header, the end marker, or a number the answer checks itself with.
refuse_answer 5 'not a Python interpreter' "header byte flipped" \
    flip 'pyprobe-probe' 6 1
refuse_answer 5 '' "opening brace flipped" flip '{' 0 1
refuse_answer 5 '' "closing brace flipped" rflip '}' 0 1
refuse_answer 5 '' "a colon flipped" flip ':' 0 1
refuse_answer 5 '' "a comma flipped" flip ',' 0 1
refuse_answer 5 '' "a quote flipped" flip "'" 0 1
refuse_answer 5 '' "None flipped to Nond" flip 'None' 3 1
refuse_answer 5 '' "a digit of hexversion flipped" flip "'hexversion': " 14 1
refuse_answer 5 'truncated' "end marker flipped" rflip 'end' 2 1
refuse_answer 5 '' "the high bit of a byte in a string flipped" \
    flip "'glibc" 1 0x80

# Fields: unknown, missing, of the wrong type.
refuse_answer 5 'unknown field' "with an unknown field" \
    replace "{'source'" "{'pyprobe_extra': 1, 'source'"
refuse_answer 5 'missing' "without the libc field" \
    sub "'libc': [^,]*, " ""
refuse_answer 5 'hexversion' "with hexversion as a str" \
    sub "'hexversion': ([0-9]+)" "'hexversion': '\\1'"
refuse_answer 5 'gettotalrefcount' "with gettotalrefcount as an int" \
    sub "'gettotalrefcount': (True|False)" "'gettotalrefcount': 0"
refuse_answer 5 'version_info' "with a str in version_info" \
    sub "'version_info': \\[3," "'version_info': ['3',"
refuse_answer 5 'config' "with config as a list" \
    sub "'config': \\{[^}]*\\}" "'config': []"
refuse_answer 5 '' "with a duplicate field" \
    replace "{'source'" "{'libc': None, 'source'"

# NUL bytes: raw in the literal, escaped in a string, in the first line,
# after the end marker.
refuse_answer 5 'NUL' "with a raw NUL byte in the literal" \
    replace "'glibc" "'gl\\x00ibc"
refuse_answer 5 'NUL' "with an escaped NUL in a string" \
    replace "'glibc" "'gl\\\\x00ibc"
refuse_answer 5 '' "with a NUL in the first line" \
    replace "pyprobe-probe 1" "pyprobe-probe\\x001"
refuse_answer 5 '' "with a NUL after the end marker" append '\x00'

# Py_GIL_DISABLED must be 0 or 1 (int or str); '2' is not "true".
refuse_answer 5 'Py_GIL_DISABLED' "with Py_GIL_DISABLED = '2'" \
    sub "'Py_GIL_DISABLED': [^,]*," "'Py_GIL_DISABLED': '2',"
refuse_answer 5 'Py_GIL_DISABLED' "with Py_GIL_DISABLED = 2" \
    sub "'Py_GIL_DISABLED': [^,]*," "'Py_GIL_DISABLED': 2,"
refuse_answer 5 'Py_GIL_DISABLED' "with Py_GIL_DISABLED = 'yes'" \
    sub "'Py_GIL_DISABLED': [^,]*," "'Py_GIL_DISABLED': 'yes',"

# Code where a value belongs is refused, and never run: no PWNED file.
for code in "__import__('os').system('touch PWNED')" \
            "eval('__import__(\"os\").system(\"touch PWNED\")')" \
            "f'{__import__(\"os\").system(\"touch PWNED\")}'" \
            "(lambda: __import__('os').system('touch PWNED'))()" \
            "'glibc' + '2.36'"; do
    refuse_answer 5 '' "with code as the libc value: $code" \
        sub "'libc': [^,]*," "'libc': $code,"
done
pwned=$(find "$T" "$(pwd)" -name PWNED 2>/dev/null)
check "no code from the answer ran (no PWNED file)" test -z "$pwned"

# --- An interpreter that fails with a traceback ---------------------------

# The message shows the exception line (the last line of stderr).
traceback=$(fake_python traceback "exec \"$DEBIAN_PY\" -I -c 'def probe():
    raise RuntimeError(\"pyprobe test: the probe exploded\")
probe()'")
refuse 4 'exited with status 1: RuntimeError: pyprobe test: the probe exploded' \
    "interpreter exiting with a traceback" -- --python "$traceback"

# --- Output paths that cannot be written -----------------------------------

# In each case one output is fine and the other cannot be written: the
# fine one must not be written or replaced either (all or nothing).
missing=$T/missing-dir
for bad in "$missing/python.env" "$OUT/existing.h/python.env" \
           "/proc/pyprobe-test-$$.env"; do
    refuse_writing 7 '' "--tags $bad, --header existing" \
        --tags "$bad" --header "$OUT/existing.h"
    refuse_writing 7 '' "--header $bad, --tags existing" \
        --header "$bad" --tags "$OUT/existing.env"
    refuse_writing 7 '' "--tags $bad, --header new" \
        --tags "$bad" --header "$OUT/new.h"
done
check "the missing directory was not created" test ! -e "$missing"

# A read-only directory. Root ignores permission bits, so as root use
# /sys, where even root cannot create files.
readonly_dir=$T/read-only
mkdir "$readonly_dir"
chmod 555 "$readonly_dir"
if touch "$readonly_dir/probe" 2>/dev/null; then
    rm -f "$readonly_dir/probe"
    note "running as root: chmod 555 does not stop us; using /sys instead"
    readonly_dir=/sys
fi
for order in tags header; do
    if [ "$order" = tags ]; then
        refuse_writing 7 '' "--tags in read-only $readonly_dir, --header existing" \
            --tags "$readonly_dir/pyprobe-test.env" --header "$OUT/existing.h"
    else
        refuse_writing 7 '' "--header in read-only $readonly_dir, --tags existing" \
            --header "$readonly_dir/pyprobe-test.h" --tags "$OUT/existing.env"
    fi
done
check "nothing was created in $readonly_dir" \
    test ! -e "$readonly_dir/pyprobe-test.env" -a \
         ! -e "$readonly_dir/pyprobe-test.h"

# An existing directory as the target.
refuse_writing 7 'directory' "--tags naming a directory" \
    --tags "$T/a-directory" --header "$OUT/existing.h"
# The same file for both outputs.
refuse_writing 2 '' "--tags and --header naming the same file" \
    --tags "$OUT/existing.env" --header "$OUT/existing.env"

# --- Bad options ----------------------------------------------------------

# Each names a working interpreter, so only the option can be the cause.
P="--python $DEBIAN_PY"
refuse 2 'unknown option' "unknown long option" -- $P --no-such-option
refuse 2 '' "unknown short option" -- $P -x
refuse 2 'needs a value' "--python without its value" -- --python
refuse 2 'needs a value' "--get without its value" -- $P --get
refuse 2 'nosuchname' "--get nosuchname" -- $P --get nosuchname
refuse 2 'limited-api' "--limited-api=3.x" -- $P --limited-api=3.x
refuse 2 'limited-api' "--limited-api=2.7" -- $P --limited-api=2.7
refuse 2 'limited-api' "--limited-api=3" -- $P --limited-api=3
refuse 2 "'maybe' is not one of: auto, yes, no" "--mypyc=maybe" -- $P --mypyc=maybe
refuse 2 "'all' is not one of: no, yes, only" "--abi3t=all" -- $P \
    --limited-api=3.11 --abi3t=all
# The closest valid word is suggested; a command after options is named.
refuse 2 'unknown option; did you mean --python?' "--pyhton" -- --pyhton "$DEBIAN_PY"
refuse 2 'ambiguous: --python, --python-version' "--py" -- --py "$DEBIAN_PY"
refuse 2 'unknown option; did you mean --limited-api?' "--limited-abi=3.11" -- \
    $P --limited-abi=3.11
refuse 2 "unknown name 'ABI_TG'; did you mean abi_tag?" "--get ABI_TG" -- $P --get ABI_TG
refuse 2 "unknown name 'PYPROBE_PYTHN'; did you mean python?" \
    "--get PYPROBE_PYTHN" -- $P --get PYPROBE_PYTHN
refuse 2 'tgas: unknown command or argument; did you mean tags?' "tgas" -- tgas $P
refuse 2 'tags: the command comes first: pyprobe tags' "a command after --facts" -- \
    --facts "$T/f.json" tags
refuse 2 'timeout' "--timeout=0" -- $P --timeout=0
refuse 2 'timeout' "--timeout=abc" -- $P --timeout=abc
refuse 2 'timeout' "--timeout=-1" -- $P --timeout=-1
refuse 2 'timeout' "--timeout= (empty)" -- $P --timeout=
refuse 2 'timeout' "--timeout=99999999999999999999" \
    -- $P --timeout=99999999999999999999
"$PYPROBE" --python "$DEBIAN_PY" --json >"$T/facts.json" ||
    fatal "cannot write a facts file"
refuse 2 'facts' "--python with --facts" -- $P --facts "$T/facts.json"
refuse 2 'get' "--json with --get" -- $P --json --get version
refuse 2 'extra-argument' "an extra positional argument" -- $P extra-argument
refuse 2 'abi3t' "--abi3t=yes without --limited-api" -- $P --abi3t=yes

# --mypyc=yes where mypyc cannot be used (PyPy): policy cannot be met.
if [ -x /usr/bin/pypy3 ]; then
    refuse 8 'mypyc' "--mypyc=yes on pypy3" -- --python /usr/bin/pypy3 --mypyc=yes
else
    note "pypy3 is not installed: the --mypyc=yes on PyPy case is not run"
fi

finish
