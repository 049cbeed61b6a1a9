#!/bin/sh
# pyprobe list: interpreters found on PATH (and in the usual places),
# probed in parallel, each shown once whatever names it has.
. "$(dirname "$0")/../lib.sh"
tmp=$T

python3 -c 'import sys; sys.exit(sys.version_info < (3, 8))' ||
    fatal "the stand-in needs python3 >= 3.8 on PATH"
real=/usr/bin/python3.11
[ -x $real ] || fatal "$real is missing (apt-get install python3)"

# The stand-ins run wherever PATH points: with absolute paths.
py3=$(python3 -c 'import sys; print(sys.executable)')
sleep=$(command -v sleep)
stand_in() {   # stand_in FILE SHEET [SECONDS]: a recorded interpreter
    printf '#!/bin/sh\n%s %s\nexec "%s" "%s" "%s" "$@"\n' "$sleep" \
        "${3:-0}" "$py3" "$top_srcdir/tests/tools/replay-python.py" \
        "$top_srcdir/tests/fixtures/interpreters/$2.json" > "$1"
    chmod +x "$1"
}
mkdir -p "$tmp/bin1" "$tmp/bin2" "$tmp/home" "$tmp/slow"
ln -s $real "$tmp/bin1/python3"
ln -s $real "$tmp/bin1/python3.11"
ln -s ../bin1/python3.11 "$tmp/bin2/python3.11"
stand_in "$tmp/bin2/python3.14t" cpython-3.14t
stand_in "$tmp/bin2/python3.15" cpython-3.15
printf '#!/bin/sh\necho broken >&2\nexit 3\n' > "$tmp/bin2/python3.99"
chmod +x "$tmp/bin2/python3.99"
# Not interpreters, by name or because they cannot run.
for name in python3-config pythonista python3.11-gdb.py; do
    ln -s $real "$tmp/bin2/$name"
done
cp "$tmp/bin2/python3.99" "$tmp/bin2/python3.9" && chmod -x "$tmp/bin2/python3.9"
# A virtual environment: the same executable, its own prefix.
$real -m venv --without-pip "$tmp/env" 2>/dev/null ||
    fail "cannot create a venv (apt-get install python3-venv)"

# Only these directories, and the fixed system ones, are searched.
list() {
    env -u PYENV_ROOT -u UV_PYTHON_INSTALL_DIR HOME="$tmp/home" \
        XDG_DATA_HOME="$tmp/home/data" \
        PATH="$tmp/bin1:$tmp/bin2:$tmp/env/bin:/usr/bin:/bin" \
        "$PYPROBE" list "$@"
}
list --json > "$tmp/list.json" 2> "$tmp/err" ||
    fail "pyprobe list --json failed: $(cat "$tmp/err")"
list > "$tmp/table" || fail "pyprobe list failed"

python3 - "$tmp/list.json" "$tmp" "$real" > "$tmp/checks" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
tmp, real = sys.argv[2], sys.argv[3]
assert doc['format'] == 'pyprobe-list' and doc['format_version'] == 1
entries = doc['interpreters']
def names(e):
    return [e['path']] + e['aliases']
def check(ok, what):
    print(('ok - ' if ok else 'FAIL - ') + what)
# Each name is in exactly one entry.
all_names = [n for e in entries for n in names(e)]
check(len(all_names) == len(set(all_names)), 'no name is listed twice')
mine = [e for e in entries if tmp + '/bin1/python3' in names(e)]
check(len(mine) == 1 and {tmp + '/bin1/python3.11', tmp + '/bin2/python3.11',
                          real} <= set(names(mine[0])),
      'python3.11 by four names is one entry')
check(mine and mine[0]['path'] == tmp + '/bin1/python3',
      'named by the first name on PATH')
venv = [e for e in entries if tmp + '/env/bin/python' in names(e)]
check(len(venv) == 1 and venv[0]['facts']['venv'] == 1 and
      venv[0]['facts']['prefix'] == tmp + '/env' and venv != mine,
      'the venov is an entry of its own'.replace('venov', 'venv'))
ft = [e for e in entries if e['path'] == tmp + '/bin2/python3.14t']
check(len(ft) == 1 and ft[0]['facts']['abi_tag'] == 'cp314t' and
      ft[0]['facts']['free_threaded'] == 1, 'the recorded 3.14t is probed')
broken = [e for e in entries if e['path'] == tmp + '/bin2/python3.99']
check(len(broken) == 1 and 'broken' in broken[0]['error']['message'] and
      'facts' not in broken[0], 'a failing one is listed with its error')
check(not [n for n in all_names if n.endswith(('-config', 'pythonista',
                                               '.py', '/python3.9'))],
      'files that are not interpreters are not listed')
json.dump(ft[0]['facts'], open(tmp + '/one.json', 'w'))
EOF
relay_checks "$tmp/checks" "the JSON"
got=$("$PYPROBE" --facts "$tmp/one.json" --get abi_tag)
[ "$got" = cp314t ] && pass "each entry's facts are a facts file" ||
    fail "--facts of a listed entry: '$got'"

# The table: one line each, with the columns the issue asks for.
head -n 1 "$tmp/table" | grep -q '^PATH  *VERSION  *ABI TAG  *FT  *ABI3/ABI3T  *EXT_SUFFIX$' &&
    pass "the table has its header" || fail "table header: $(head -n 1 "$tmp/table")"
grep -q "^$tmp/bin2/python3.14t  *3.14.7  *cp314t  *yes  *no/no  *.cpython-314t-x86_64-linux-gnu.so$" \
    "$tmp/table" && pass "a free-threaded row" || fail "no row for python3.14t"
grep -q "^$tmp/bin2/python3.15  *3.15.0rc1  *cp315  *no  *yes/yes " "$tmp/table" &&
    pass "a 3.15 row: abi3 and abi3t" || fail "no row for python3.15"
[ "$(grep -c "^$tmp/bin1/python3 " "$tmp/table")" -eq 1 ] &&
    ! grep -q "^$tmp/bin2/python3.11 " "$tmp/table" &&
    pass "python3.11 is one row" || fail "python3.11 is not one row"
sed -n '/^Not probed:$/,$p' "$tmp/table" | grep -q "^$tmp/bin2/python3.99: " &&
    pass "the failing one follows the table, with why" ||
    fail "the failing one is not after the table"

# Parallel, and bounded: four interpreters that each take a second and
# note how many of them are running at once (a count, not a clock, so a
# loaded machine cannot fail it).
running=$tmp/running
slow_in() {   # slow_in FILE: a stand-in that counts its overlaps
    printf '#!/bin/sh\ntouch "%s/$$"\n%s 1\nls "%s" | wc -l >> "%s"\nrm -f "%s/$$"\nexec "%s" "%s" "%s" "$@"\n' \
        "$running" "$sleep" "$running" "$tmp/overlaps" "$running" "$py3" \
        "$top_srcdir/tests/tools/replay-python.py" \
        "$top_srcdir/tests/fixtures/interpreters/cpython-3.14.json" > "$1"
    chmod +x "$1"
}
for i in 1 2 3 4; do slow_in "$tmp/slow/python3.1$i"; done
most_at_once() {   # most_at_once JOBS: the most stand-ins running together
    rm -rf "$running" "$tmp/overlaps"; mkdir "$running"
    env -u PYENV_ROOT HOME="$tmp/home" PATH="$tmp/slow:/usr/bin:/bin" \
        "$PYPROBE" list -j "$1" > "$tmp/slow.out" 2>&1
    sort -n "$tmp/overlaps" | tail -n 1 | tr -d ' '
}
four=$(most_at_once 4)
rows4=$(grep -c "^$tmp/slow/python3.1[1-4]  *3.14.7 " "$tmp/slow.out")
one=$(most_at_once 1)
rows1=$(grep -c "^$tmp/slow/python3.1[1-4]  *3.14.7 " "$tmp/slow.out")
if [ "$rows4" -eq 4 ] && [ "$rows1" -eq 4 ] && [ "${four:-0}" -ge 2 ] &&
        [ "${four:-0}" -le 4 ] && [ "${one:-0}" -eq 1 ]; then
    pass "4 slow interpreters: up to $four at once with -j 4, $one with -j 1"
else
    fail "parallel probing: up to '$four' at once with -j 4 ($rows4 rows)," \
         "'$one' with -j 1 ($rows1 rows)"
fi

out=$("$PYPROBE" list -j 0 2>&1); [ $? -eq 2 ] &&
    pass "-j 0 is refused: $out" || fail "-j 0: $out"
out=$("$PYPROBE" list extra 2>&1); [ $? -eq 2 ] &&
    pass "an argument is refused: $out" || fail "list extra: $out"
finish
