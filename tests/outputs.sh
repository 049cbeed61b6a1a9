#!/bin/sh
# outputs.sh - stdout outputs and file replacement.
#
# --get prints one value per line in the order asked (a repeated name
# too); --json is valid JSON holding every name of --list-names, with
# booleans as the numbers 0/1; --tags/--header written twice leave the
# files alone (same mtime and inode), a changed policy replaces them
# atomically (new inode, no temporary file left), a read-only target is
# still replaced, the mode of an existing target is kept and a new one
# follows the umask; --help and --version print to stdout and exit 0; a
# closed or broken stdout is reported (exit 7), never a crash.

. "$(dirname "$0")/lib.sh"
require_debian_python
cd "$T" || fatal "cannot cd to $T"
names >"$T/names" || fatal "pyprobe --list-names failed"
P="--python $DEBIAN_PY"

# --- --get ---------------------------------------------------------------

# The order asked, a repeated name, a name not in table order.
expect_exit 0 -- "$PYPROBE" $P --json && cp "$T/out" "$T/facts.json"
tool_py - "$T/facts.json" >"$T/expected-get" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
for key in ('version', 'abi_tag', 'version', 'free_threaded', 'ext_suffix',
            'python', 'abi_tag'):
    print(d[key])
EOF
if expect_exit 0 -- "$PYPROBE" $P --get version --get abi_tag --get version \
        --get free_threaded --get ext_suffix --get python --get abi_tag; then
    if cmp -s "$T/expected-get" "$T/out"; then
        pass "--get prints the values in the order asked, repeats included"
    else
        fail "--get order or values are wrong:"
        diff "$T/expected-get" "$T/out"
    fi
    check "--get prints nothing on stderr" test ! -s "$T/err"
fi
# --get=NAME works as well as --get NAME.
expect_exit 0 -- "$PYPROBE" $P --get=abi_tag &&
    check "--get=NAME form" test "$(cat "$T/out")" = "$(sed -n 2p "$T/expected-get")"
# Any case, with or without the prefix, as pyprobe_env.py reads names.
expect_exit 0 -- "$PYPROBE" $P --get ABI_TAG --get PYPROBE_Abi_Tag \
        --get pyprobe_abi_tag &&
    check "--get ABI_TAG, PYPROBE_Abi_Tag, pyprobe_abi_tag" test \
        "$(cat "$T/out")" = "$(sed -n 2p "$T/expected-get"; sed -n 2p "$T/expected-get"; sed -n 2p "$T/expected-get")"

# A --limited-api newer than the interpreter: a warning, not silence;
# the run succeeds, and BUILD_REASON says the same. A policy that fits
# prints nothing on stderr.
expect_exit 0 -- "$PYPROBE" $P --limited-api=3.99 --get build_path \
        --get build_reason &&
    check "--limited-api=3.99: version-specific, and BUILD_REASON says why" \
        test "$(cat "$T/out")" = "$(printf 'version-specific\n--limited-api=3.99 is newer than this interpreter (3.11)')" &&
    check "--limited-api=3.99: a warning on stderr" test "$(cat "$T/err")" = \
        "pyprobe: warning: --limited-api=3.99 is newer than this interpreter (3.11): no stable-ABI build"
expect_exit 0 -- "$PYPROBE" $P --limited-api=3.11 --get build_path &&
    check "--limited-api=3.11: abi3, no warning" test \
        "$(cat "$T/out")" = abi3 -a ! -s "$T/err"

# --- --json ---------------------------------------------------------------

tool_py - "$T/facts.json" "$T/names" >"$T/json-problems" 2>&1 <<'EOF'
import json, sys
text = open(sys.argv[1], 'rb').read()
try:
    document = json.loads(text.decode('utf-8'),
                          parse_constant=lambda c: sys.exit('constant ' + c))
except ValueError as e:
    sys.exit('not valid JSON: %s' % e)
booleans = {'free_threaded', 'gil_enabled', 'debug', 'venv', 'shared',
            'limited_api', 'abi3t', 'mypyc'}
for line in open(sys.argv[2]):
    key = line.strip().lower()
    if key not in document:
        print('missing: %s' % key)
        continue
    value = document[key]
    if key.endswith('_suffixes'):
        if not isinstance(value, list) or not all(isinstance(v, str)
                                                   for v in value):
            print('%s: %r is not a list of strings' % (key, value))
    elif isinstance(value, bool) or not isinstance(value, (str, int)):
        print('%s: %r is neither a string nor a number' % (key, value))
    elif key in booleans and value not in (0, 1):
        print('%s: boolean %r is not the number 0 or 1' % (key, value))
    elif key in booleans and not isinstance(value, int):
        print('%s: boolean %r is not a number' % (key, value))
if not text.endswith(b'}\n'):
    print('does not end with a newline')
EOF
if [ -s "$T/json-problems" ]; then
    fail "--json:"
    cat "$T/json-problems"
else
    pass "--json is valid JSON with every name, booleans as 0/1 numbers"
fi

# --get and --json agree on every name (booleans and numbers as text).
tool_py -c '
import json, sys
d = json.load(open(sys.argv[1]))
for line in open(sys.argv[2]):
    v = d[line.strip().lower()]
    print(" ".join(v) if isinstance(v, list) else v)' "$T/facts.json" "$T/names" \
    >"$T/json-values"
set --
while read -r name; do
    set -- "$@" --get "$(echo "$name" | tr 'A-Z' 'a-z')"
done <"$T/names"
expect_exit 0 -- "$PYPROBE" $P "$@" &&
    check "--get of every name equals --json" cmp -s "$T/json-values" "$T/out"

# --- Files: unchanged, replaced, modes ---------------------------------

mkdir "$T/files"
H=$T/files/python.h
E=$T/files/python.env

# inode FILE
inode() {
    stat -c %i "$1"
}
# no_temps: no .NAME.xxxxxx file left next to the outputs.
no_temps() {
    check "$1: no temporary file left" \
        test "$(ls -A "$T/files" | tr '\n' ' ')" = "python.env python.h "
}

expect_exit 0 -- "$PYPROBE" $P --tags "$E" --header "$H" &&
    pass "first write of --tags and --header"
check "first write prints nothing" test ! -s "$T/out" -a ! -s "$T/err"
cp "$H" "$T/first.h"
cp "$E" "$T/first.env"
touch -d "$OLD_DATE" "$H" "$E"
inode_h=$(inode "$H")
inode_e=$(inode "$E")

# Same content again: not touched (mtime and inode stay).
expect_exit 0 -- "$PYPROBE" $P --tags "$E" --header "$H"
check "unchanged header keeps its mtime" test "$(mtime "$H")" = "$OLD_EPOCH"
check "unchanged tag file keeps its mtime" test "$(mtime "$E")" = "$OLD_EPOCH"
check "unchanged header keeps its inode" test "$(inode "$H")" = "$inode_h"
check "unchanged tag file keeps its inode" test "$(inode "$E")" = "$inode_e"
no_temps "unchanged outputs"

# A changed policy (--mypyc=no): both replaced by rename.
expect_exit 0 -- "$PYPROBE" $P --mypyc=no --tags "$E" --header "$H"
check "--mypyc=no changes the header" test "$(mtime "$H")" != "$OLD_EPOCH"
check "--mypyc=no changes the tag file" test "$(mtime "$E")" != "$OLD_EPOCH"
check "the new header is a new file (new inode: renamed into place)" \
    test "$(inode "$H")" != "$inode_h"
check "the new tag file is a new file (new inode: renamed into place)" \
    test "$(inode "$E")" != "$inode_e"
check "the new tag file says PYPROBE_MYPYC=0" grep -q '^PYPROBE_MYPYC=0$' "$E"
check "the new header says MYPYC 0" \
    grep -q '^#define PYPROBE_MYPYC 0$' "$H"
no_temps "replaced outputs"

# A read-only target (chmod 444) is still replaced, and keeps its mode;
# so does a file with an unusual mode (640).
chmod 444 "$H"
chmod 640 "$E"
inode_h=$(inode "$H")
inode_e=$(inode "$E")
expect_exit 0 -- "$PYPROBE" $P --mypyc=auto --tags "$E" --header "$H" &&
    pass "read-only target replaced without error"
check "read-only header was replaced" cmp -s "$H" "$T/first.h"
check "tag file was replaced" cmp -s "$E" "$T/first.env"
check "read-only header replaced by rename (new inode)" \
    test "$(inode "$H")" != "$inode_h"
check "the header keeps mode 444 (is $(stat -c %a "$H"))" \
    test "$(stat -c %a "$H")" = 444
check "the tag file keeps mode 640 (is $(stat -c %a "$E"))" \
    test "$(stat -c %a "$E")" = 640
no_temps "read-only target"

# A new file follows the umask.
rm -f "$H" "$E"
(umask 027 && "$PYPROBE" $P --tags "$E" --header "$H") ||
    fail "writing with umask 027 failed"
check "a new header follows umask 027 (mode $(stat -c %a "$H"))" \
    test "$(stat -c %a "$H")" = 640
check "a new tag file follows umask 027 (mode $(stat -c %a "$E"))" \
    test "$(stat -c %a "$E")" = 640
no_temps "new files"

# --- --help, --version, --list-names ---------------------------------------

for option in --help --version --list-names; do
    if expect_exit 0 -- "$PYPROBE" $option; then
        check "$option prints to stdout, nothing to stderr" \
            test -s "$T/out" -a ! -s "$T/err"
    fi
done
expect_exit 0 -- "$PYPROBE" --help &&
    check "--help documents the exit codes" grep -q 'Exit status' "$T/out"
expect_exit 0 -- "$PYPROBE" --version &&
    check "--version names pyprobe" grep -q '^pyprobe ' "$T/out"

# --- A closed or broken stdout ------------------------------------------------

# closed_stdout LABEL ARGS...: stdout closed (>&-): exit 7 with a message.
closed_stdout() {
    cs_label=$1
    shift
    RC=0
    timeout 60 "$PYPROBE" "$@" >&- 2>"$T/err" </dev/null || RC=$?
    check "$cs_label with stdout closed: exit 7 (got $RC)" test "$RC" -eq 7
    check "$cs_label with stdout closed: one error line" \
        test "$(wc -l <"$T/err")" -eq 1
}
closed_stdout "--json" $P --json
closed_stdout "--get" $P --get abi_tag
closed_stdout "--help" --help
closed_stdout "--version" --version

# A pipe whose reader is already gone (its read end closed before
# pyprobe starts). With SIGPIPE ignored (inherited) the write fails with
# EPIPE and must be reported: exit 7.
cat >"$T/broken-pipe.py" <<'EOF'
import os, subprocess, sys
ignore = sys.argv[1] == 'ignore'
read_end, write_end = os.pipe()
os.close(read_end)
child = subprocess.run(sys.argv[2:], stdin=subprocess.DEVNULL,
                       stdout=write_end, stderr=subprocess.PIPE,
                       restore_signals=not ignore, timeout=60)
sys.stderr.buffer.write(child.stderr)
# a death by signal N as the shell reports it: 128 + N
print(child.returncode if child.returncode >= 0 else 128 - child.returncode)
EOF
status=$(tool_py "$T/broken-pipe.py" ignore "$PYPROBE" $P --json 2>"$T/err")
check "--json into a closed pipe (SIGPIPE ignored): exit 7 (got $status)" \
    test "$status" = 7
check "--json into a closed pipe: reported on stderr" \
    grep -q '^pyprobe: ' "$T/err"
status=$(tool_py "$T/broken-pipe.py" default "$PYPROBE" $P --json 2>"$T/err")
case $status in
7|141) pass "--json into a closed pipe (SIGPIPE default): exit $status" ;;
*) fail "--json into a closed pipe (SIGPIPE default): exit $status"
   cat "$T/err" ;;
esac
# `| head -c1`: head may read everything before it leaves (exit 0), or
# pyprobe meets the closed pipe: exit 7, or death by SIGPIPE (141) like
# any Unix tool. Anything else is a crash.
rm -f "$T/status"
sh -c '{ "$@"; echo $? >"$0"; } | head -c1 >/dev/null' \
    "$T/status" "$PYPROBE" $P --json 2>"$T/err"
status=$(cat "$T/status" 2>/dev/null)
case $status in
0|7|141) pass "--json | head -c1: exit $status (no crash)" ;;
*) fail "--json | head -c1: exit $status"; cat "$T/err" ;;
esac

# /dev/full: a write error at the end is reported.
expect_exit 7 -- sh -c 'exec "$@" >/dev/full' sh "$PYPROBE" $P --json &&
    pass "--json to /dev/full: exit 7"

finish
