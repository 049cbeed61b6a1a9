#!/bin/sh
# data/pyprobe_env.py, the tag-file reader for Python build hooks: on
# every Python 3 here (3.6 and up, PyPy), it reads back exactly the values
# that sh gets by sourcing the same tag file, hostile paths included
# (quotes, $(...), #, a backslash, a newline, bytes that are not UTF-8);
# its booleans are the BOOL names of src/lib/decide/names.h; every recorded
# interpreter's tag file gives the values of pyprobe --json; malformed
# files, unknown names and missing files fail with pyprobe's exit codes.
set -u
: "${PYPROBE:?run me through make check}" "${top_srcdir:?}"
helper=$top_srcdir/data/pyprobe_env.py
status=0
fail() { echo "FAIL: $*"; status=1; }
ok() { echo "ok: $*"; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
unset PYTHONPATH PYTHONHOME
# Nothing may write into the sources (__pycache__ beside pyprobe_env.py).
PYTHONDONTWRITEBYTECODE=1; export PYTHONDONTWRITEBYTECODE

pythons=/usr/bin/python3.11
[ -x /usr/bin/pypy3 ] && pythons="$pythons /usr/bin/pypy3"
if command -v pyenv >/dev/null 2>&1; then
    root=$(pyenv root)
    for py in "$root"/versions/3.*/bin/python3.[0-9] \
              "$root"/versions/3.*/bin/python3.[0-9][0-9]; do
        [ -x "$py" ] && pythons="$pythons $py"
    done
fi
[ -x /usr/bin/python3.11 ] || { echo "FAIL: no /usr/bin/python3.11"; exit 1; }

# --- the booleans are names.h's BOOL names --------------------------------
want=$(sed -n 's/^ *X(\([A-Z0-9_]*\), [a-z0-9_]*, BOOL,.*/PYPROBE_\1/p' \
       "$top_srcdir/src/lib/decide/names.h" | sort)
got=$(/usr/bin/python3.11 -c 'import sys; sys.path.insert(0, sys.argv[1])
import pyprobe_env; print("\n".join(sorted(pyprobe_env.BOOLEANS)))' \
      "$top_srcdir/data")
[ -n "$want" ] && [ "$want" = "$got" ] &&
    ok "BOOLEANS are the $(echo $want | wc -w) BOOL names of names.h" ||
    fail "BOOLEANS differ from names.h: want $(echo $want), got $(echo $got)"

# --- hostile values: the helper reads what sh reads ------------------------
# dump_sh TAGS DIR: each value as sh gets it, one file per name.
dump_sh() {
    mkdir -p "$2"
    (. "$1" && for name in $(LC_ALL=C sed -n 's/^\(PYPROBE_[A-Z0-9_]*\)=.*/\1/p' "$1" |
                             grep -v '^PYPROBE__'); do
         eval "printf '%s' \"\$$name\"" > "$2/$name"
     done)
}
# dump_py PYTHON TAGS DIR: each value as the helper gives it (booleans as
# 1/0, text as the bytes it stands for), and the types it has.
dump_py() {
    mkdir -p "$3"
    "$1" -I - "$helper" "$2" "$3" <<'PY'
import os, sys
sys.path.insert(0, os.path.dirname(sys.argv[1]))
import pyprobe_env
env = pyprobe_env.load(sys.argv[2])
for name, value in env.items():
    if isinstance(value, bool):
        assert name in pyprobe_env.BOOLEANS, name
        data = b"1" if value else b"0"
    else:
        assert isinstance(value, str) and name not in pyprobe_env.BOOLEANS
        data = os.fsencode(value)
    with open(os.path.join(sys.argv[3], name), "wb") as out:
        out.write(data)
PY
}

hostile=$(printf '%s\n%s' "a b'c\"\$(x)#\\d \$HOME" "tab	end ")
latin1=$(printf 'latin1-\351')
n=0
for dir in "$hostile" "$latin1" plain; do
    n=$((n + 1))
    mkdir -p "$tmp/$dir" && ln -s /usr/bin/python3.11 "$tmp/$dir/python" ||
        exit 99
    "$PYPROBE" --python "$tmp/$dir/python" --tags "$tmp/tags$n.env" ||
        { fail "pyprobe --tags for directory $n"; continue; }
    dump_sh "$tmp/tags$n.env" "$tmp/sh$n"
    for py in $pythons; do
        rm -rf "$tmp/py"
        if ! dump_py "$py" "$tmp/tags$n.env" "$tmp/py"; then
            fail "$py: cannot read the tag file of directory $n"
        elif ! diff -r "$tmp/sh$n" "$tmp/py" > "$tmp/diff"; then
            fail "$py: the helper and sh disagree (directory $n):"
            sed 's/^/  /' "$tmp/diff"
        fi
    done
    [ $status = 0 ] &&
        ok "directory $n: $(ls "$tmp/sh$n" | wc -l) values as sh reads them, on $(echo $pythons | wc -w) interpreters"
done
grep -q 'PYPROBE__NL' "$tmp/tags1.env" ||
    fail "the hostile tag file does not use make's newline escape"

# --- every recorded interpreter: the values of --json ----------------------
sheets=$top_srcdir/tests/fixtures/interpreters
checked=0
for sheet in "$sheets"/*.json; do
    name=$(basename "$sheet" .json)
    printf '#!/bin/sh\nexec python3 "%s" "%s" "$@"\n' \
        "$top_srcdir/tests/replay-python.py" "$sheet" > "$tmp/$name"
    chmod +x "$tmp/$name"
    "$PYPROBE" --python "$tmp/$name" --limited-api=3.9 --tags "$tmp/s.env" &&
        "$PYPROBE" --python "$tmp/$name" --limited-api=3.9 --json \
            > "$tmp/s.json" || { fail "$name: pyprobe failed"; continue; }
    /usr/bin/python3.11 -I - "$helper" "$tmp/s.env" "$tmp/s.json" <<'PY' ||
import json, os, sys
sys.path.insert(0, os.path.dirname(sys.argv[1]))
import pyprobe_env
env = pyprobe_env.load(sys.argv[2])
report = json.load(open(sys.argv[3]))
want = {"PYPROBE_" + k.upper(): (bool(v) if "PYPROBE_" + k.upper()
                                  in pyprobe_env.BOOLEANS else
                                  " ".join(v) if isinstance(v, list)
                                  else str(v))
        for k, v in report.items()
        if k not in ("format", "format_version", "pyprobe_version",
                     "policy", "probe")}
if env != want:
    bad = sorted(k for k in want if env.get(k) != want[k])
    print("FAIL: %s: %s" % (sys.argv[2], bad or sorted(set(env) - set(want))))
    sys.exit(1)
PY
        { fail "$name: the helper and --json disagree"; continue; }
    checked=$((checked + 1))
done
ok "$checked recorded interpreters: the helper gives the values of --json"

# --- as a script -------------------------------------------------------------
got=$(/usr/bin/python3.11 "$helper" "$tmp/tags3.env" MYPYC python \
      free_threaded)
want=$(printf '1\n%s\n0' "$tmp/plain/python")
[ "$got" = "$want" ] && ok "script: NAME, PYPROBE_NAME and name forms" ||
    fail "script printed '$got'"
/usr/bin/python3.11 "$helper" "$tmp/tags3.env" > "$tmp/all.json" &&
    /usr/bin/python3.11 -c 'import json, sys
env = json.load(open(sys.argv[1]))
assert env["PYPROBE_MYPYC"] is True and env["PYPROBE_DEBUG"] is False
assert env["PYPROBE_ABI_TAG"] == "cp311"' "$tmp/all.json" &&
    ok "script: every value as JSON, booleans as true/false" ||
    fail "script: JSON output"

# expect_exit CODE WHAT FILE [NAME]: the script fails as it should.
expect_exit() {
    code=$1 what=$2; shift 2
    /usr/bin/python3.11 "$helper" "$@" > /dev/null 2> "$tmp/err"
    got=$?
    if [ $got = "$code" ] && [ "$(wc -l < "$tmp/err")" = 1 ]; then
        ok "$what: exit $code: $(cat "$tmp/err")"
    else
        fail "$what: exit $got (expected $code): $(cat "$tmp/err")"
    fi
}
expect_exit 2 "unknown name" "$tmp/tags3.env" no_such_name
expect_exit 7 "missing file" "$tmp/missing.env"
sed '$d' "$tmp/tags1.env" > "$tmp/truncated.env"
expect_exit 5 "truncated file" "$tmp/truncated.env"
printf 'PYPROBE_PYTHON=/usr/bin/python3\n' > "$tmp/not-pyprobe.env"
expect_exit 5 "a KEY=value file pyprobe did not write" "$tmp/not-pyprobe.env"
sed 's/^PYPROBE_ABI_TAG=.*/PYPROBE_ABI_TAG=cp311#x/' "$tmp/tags3.env" \
    > "$tmp/hash.env"
expect_exit 5 "a bare # (make would cut the value)" "$tmp/hash.env"
sed 's/^PYPROBE_MYPYC=.*/PYPROBE_MYPYC=yes/' "$tmp/tags3.env" > "$tmp/bool.env"
expect_exit 5 "a boolean that is not 0 or 1" "$tmp/bool.env"
sed 's/\$(PYPROBE__HASH)/$(PYPROBE__HAS)/' "$tmp/tags1.env" > "$tmp/esc.env"
cmp -s "$tmp/tags1.env" "$tmp/esc.env" &&
    fail "the hostile tag file has no \$(PYPROBE__HASH)"
expect_exit 5 "an unknown make escape" "$tmp/esc.env"
exit $status
