#!/bin/sh
# The probe cache: an entry is used while everything its answer depended
# on is unchanged, and never otherwise. A stand-in interpreter that
# counts its runs shows when pyprobe started it; real interpreters (a
# symlink chain to Debian's python3.11, a venv) show that the answers a
# cache hit gives are the live ones.
. "$(dirname "$0")/../lib.sh"
unset PYPROBE_NO_CACHE
tmp=$T

python3 -c 'import sys; sys.exit(sys.version_info < (3, 8))' ||
    fatal "the stand-in needs python3 >= 3.8 on PATH"

# A stand-in for the recorded 3.14t that says it is itself (so it is
# cacheable, unlike a wrapper) and counts its runs in $tmp/runs.
mkdir -p "$tmp/venv/bin"
py=$tmp/venv/bin/python
python3 - "$top_srcdir/tests/fixtures/interpreters/cpython-3.14t.json" \
    "$tmp/sheet.json" "$py" <<'EOF'
import json, sys
sheet = json.load(open(sys.argv[1]))
sheet['sys']['executable'] = sys.argv[3]
json.dump(sheet, open(sys.argv[2], 'w'))
EOF
cat > "$py" <<EOF
#!/bin/sh
echo run >> "$tmp/runs"
exec python3 "$top_srcdir/tests/tools/replay-python.py" "$tmp/sheet.json" "\$@"
EOF
chmod +x "$py"
: > "$tmp/runs"
export PYPROBE_CACHE_DIR="$tmp/cache"

runs() { wc -l < "$tmp/runs" | tr -d ' '; }
# expect_runs N WHAT [pyprobe options]: probing must bring the count to N.
expect_runs() {
    want=$1 what=$2; shift 2
    out=$("$PYPROBE" --python "$py" --get abi_tag "$@") ||
        { fail "$what: pyprobe failed"; return; }
    [ "$out" = cp314t ] || fail "$what: abi_tag is '$out'"
    if [ "$(runs)" = "$want" ]; then pass "$what"
    else fail "$what: the interpreter ran $(runs) times, expected $want"; fi
}

expect_runs 1 "first probe runs the interpreter"
entries=$(ls "$tmp/cache"/*.json | wc -l)
[ "$entries" -eq 1 ] || fail "expected one cache entry, found $entries"
expect_runs 1 "second probe is answered from the cache"
expect_runs 2 "--no-cache runs it" --no-cache
PYPROBE_NO_CACHE=1 expect_runs 3 "PYPROBE_NO_CACHE=1 runs it"
expect_runs 3 "the entry is still used after --no-cache"

# The environment variables that change the answer are in the key.
for var in _PYTHON_HOST_PLATFORM _PYTHON_SYSCONFIGDATA_NAME \
           _PYTHON_SYSCONFIGDATA_PATH _PYTHON_PROJECT_BASE \
           SYSTEM_VERSION_COMPAT MACOSX_DEPLOYMENT_TARGET LD_LIBRARY_PATH \
           LD_PRELOAD ARCHFLAGS; do
    before=$(runs)
    value=/nonexistent
    [ $var = LD_PRELOAD ] && value=    # set, but loading nothing
    env "$var=$value" "$PYPROBE" --python "$py" --get abi_tag \
        > /dev/null || fail "$var: pyprobe failed"
    [ "$(runs)" -eq $((before + 1)) ] || fail "$var set: cache not missed"
    env "$var=$value" "$PYPROBE" --python "$py" --get abi_tag \
        > /dev/null
    [ "$(runs)" -eq $((before + 1)) ] || fail "$var set: no entry kept"
done
expect_runs "$(runs)" "environment variables: each its own entry"
before=$(runs)
PYTHONPATH=/elsewhere PYTHONHOME=/elsewhere "$PYPROBE" --python "$py" \
    --get abi_tag > /dev/null
[ "$(runs)" -eq "$before" ] && pass "PYTHON* variables (ignored by -I) share the entry" ||
    fail "PYTHONPATH missed the cache, though python -I ignores it"

# What the answer depended on.
n=$(runs)
touch -d '2001-01-01' "$py"
expect_runs $((n + 1)) "a changed interpreter (its mtime) is probed again"
echo 'home = /usr/bin' > "$tmp/venv/pyvenv.cfg"
expect_runs $((n + 2)) "a pyvenv.cfg that appears is noticed"
rm "$tmp/venv/pyvenv.cfg"
expect_runs $((n + 3)) "a pyvenv.cfg that goes away is noticed"
expect_runs $((n + 3)) "and the new entry is used"

# Broken entries are ignored and replaced.
entry=$(ls -t "$tmp/cache"/*.json | head -n 1)
head -c 100 "$entry" > "$tmp/cut" && cat "$tmp/cut" > "$entry"
expect_runs $((n + 4)) "a truncated entry is ignored"
expect_runs $((n + 4)) "and replaced"
python3 - "$entry" <<'EOF'
import json, sys
entry = json.load(open(sys.argv[1]))
entry['key'] = entry['key'].replace('pyprobe ', 'pyprobe 99.', 1)
json.dump(entry, open(sys.argv[1], 'w'))
EOF
expect_runs $((n + 5)) "an entry with another key (another pyprobe) is ignored"
python3 - "$entry" <<'EOF'
import json, sys
entry = json.load(open(sys.argv[1]))
entry['probe']['config']['Py_GIL_DISABLED'] = 7
json.dump(entry, open(sys.argv[1], 'w'))
EOF
expect_runs $((n + 6)) "an entry whose answer is invalid is ignored"
echo 'not json' > "$entry"
expect_runs $((n + 7)) "garbage is ignored"
expect_runs $((n + 7)) "and replaced by a good entry"
# Reproducer F1: valid JSON, a valid key, no "probe" (pyprobe 0.1 then
# crashed on every run). The reproducer with this entry's identity.
python3 - "$entry" "$top_srcdir/tests/data/reproducers/cache-entry-without-probe.json" <<'EOF'
import json, sys
entry = json.load(open(sys.argv[1]))
bad = json.load(open(sys.argv[2]))
assert "probe" not in bad
for field in ("key", "interpreter", "files"):
    bad[field] = entry[field]
json.dump(bad, open(sys.argv[1], 'w'))
EOF
expect_runs $((n + 8)) "an entry without its probe answer is a miss, not a crash"
expect_runs $((n + 8)) "and replaced by a good entry"
n=$((n + 1))

# A cache directory others may write to is not trusted, nor written.
chmod 777 "$tmp/cache"
expect_runs $((n + 8)) "a world-writable cache directory is not used"
expect_runs $((n + 9)) "(each time)"
chmod 700 "$tmp/cache"
expect_runs $((n + 9)) "the entry is used again once the directory is private"

# An unusable cache location is not an error.
for dir in /proc/no-such-dir "$tmp/runs" /dev/null/x; do
    PYPROBE_CACHE_DIR=$dir "$PYPROBE" --python "$py" --get abi_tag \
        > /dev/null 2> "$tmp/err" && [ ! -s "$tmp/err" ] &&
        pass "cache in $dir: works without it, silently" ||
        fail "cache in $dir: $(cat "$tmp/err")"
done
mkdir "$tmp/ro" && chmod 500 "$tmp/ro"
PYPROBE_CACHE_DIR=$tmp/ro/cache "$PYPROBE" --python "$py" --get abi_tag \
    > /dev/null 2> "$tmp/err" && [ ! -s "$tmp/err" ] &&
    pass "an unwritable cache location is not an error" ||
    fail "unwritable cache location: $(cat "$tmp/err")"

# The default locations: $XDG_CACHE_HOME/pyprobe, else ~/.cache/pyprobe,
# created private.
(unset PYPROBE_CACHE_DIR; XDG_CACHE_HOME=$tmp/xdg "$PYPROBE" --python "$py" \
    --get abi_tag > /dev/null)
ls "$tmp/xdg/pyprobe"/*.json > /dev/null 2>&1 &&
    pass "XDG_CACHE_HOME/pyprobe is the default" ||
    fail "no entry under \$XDG_CACHE_HOME/pyprobe"
mkdir "$tmp/home"
(unset PYPROBE_CACHE_DIR XDG_CACHE_HOME; HOME=$tmp/home "$PYPROBE" \
    --python "$py" --get abi_tag > /dev/null)
mode=$(ls -ld "$tmp/home/.cache/pyprobe" 2>/dev/null | cut -c1-10)
[ "$mode" = drwx------ ] && ls "$tmp/home/.cache/pyprobe"/*.json >/dev/null &&
    pass "else ~/.cache/pyprobe, private" ||
    fail "~/.cache/pyprobe: mode '$mode'"

# Many pyprobe processes at once (make -j): all agree, one whole entry,
# no temporary file left behind.
rm -rf "$tmp/cache"
i=0
while [ $i -lt 16 ]; do
    "$PYPROBE" --python "$py" --json > "$tmp/par$i.json" 2>&1 &
    i=$((i + 1))
done
wait
i=0 same=1
while [ $i -lt 16 ]; do
    cmp -s "$tmp/par0.json" "$tmp/par$i.json" || same=0
    i=$((i + 1))
done
[ $same = 1 ] && grep -q cp314t "$tmp/par0.json" &&
    pass "16 concurrent probes agree" || fail "concurrent probes differ"
[ -z "$(find "$tmp/cache" -name '.tmp*')" ] &&
    [ "$(ls "$tmp/cache"/*.json | wc -l)" -eq 1 ] &&
    pass "one entry, no temporary files" ||
    fail "cache after concurrent runs: $(find "$tmp/cache")"
n=$(runs)
expect_runs "$n" "the entry written under contention is valid"

# A wrapper (a script that runs an interpreter, as pyenv's shims do) may
# pick a different interpreter each time: not cached. This one reports
# an executable that exists but is not itself.
sed "s|$py|$tmp/bin-other|" "$tmp/sheet.json" > "$tmp/sheet-other.json"
: > "$tmp/bin-other"
printf '#!/bin/sh\nexec python3 "%s" "%s" "$@"\n' \
    "$top_srcdir/tests/tools/replay-python.py" "$tmp/sheet-other.json" \
    > "$tmp/wrapper"
chmod +x "$tmp/wrapper"
rm -rf "$tmp/cache"
"$PYPROBE" --python "$tmp/wrapper" --get abi_tag > /dev/null
[ -z "$(find "$tmp/cache" -name '*.json')" ] &&
    pass "a wrapper's answer is not cached" || fail "a wrapper was cached"

# An interpreter that changes while it is being probed (an upgrade in
# the middle of the run) is not cached: the answer may be the old one's.
up=$tmp/venv/bin/upgrading
sed "s|$py|$up|" "$tmp/sheet.json" > "$tmp/sheet-up.json"
{
    echo '#!/bin/sh'
    echo "echo run >> '$tmp/runs'"
    echo 'touch "$0"'
    echo "exec python3 '$top_srcdir/tests/tools/replay-python.py' '$tmp/sheet-up.json' \"\$@\""
} > "$up"
chmod +x "$up"
n=$(runs)
"$PYPROBE" --python "$up" --get abi_tag > /dev/null
"$PYPROBE" --python "$up" --get abi_tag > /dev/null
[ "$(runs)" -eq $((n + 2)) ] &&
    pass "an interpreter that changed during its probe is not cached" ||
    fail "an interpreter that changed during its probe was cached"

# Real interpreters: a symlink chain to Debian's python3.11. A hit must
# not rewrite the entry, and must give the live answer.
real=/usr/bin/python3.11
[ -x $real ] || fatal "$real is missing (apt-get install python3)"
mkdir "$tmp/bin"
ln -s $real "$tmp/bin/link1"
ln -s link1 "$tmp/bin/python"
live=$("$PYPROBE" --no-cache --python "$tmp/bin/python" --json)
rm -rf "$tmp/cache"
first=$("$PYPROBE" --python "$tmp/bin/python" --json)
entry=$(ls "$tmp/cache"/*.json)
before=$(ls -i "$entry")
second=$("$PYPROBE" --python "$tmp/bin/python" --json)
[ "$before" = "$(ls -i "$entry")" ] && pass "$real: the entry is reused" ||
    fail "$real: the entry was written again"
[ "$live" = "$first" ] && [ "$live" = "$second" ] &&
    pass "$real: cached and live answers are identical" ||
    fail "$real: cached answer differs from the live one"
# Retarget the middle link of the chain: the answer must follow.
if [ -x /usr/bin/pypy3 ]; then
    ln -sf /usr/bin/pypy3 "$tmp/bin/link1"
    got=$("$PYPROBE" --python "$tmp/bin/python" --get implementation)
    [ "$got" = pypy ] && pass "a retargeted link in the chain is noticed" ||
        fail "retargeted link: implementation is '$got'"
    ln -sf $real "$tmp/bin/link1"
    got=$("$PYPROBE" --python "$tmp/bin/python" --get implementation)
    [ "$got" = cpython ] || fail "link back: implementation is '$got'"
else
    fail "/usr/bin/pypy3 is missing (apt-get install pypy3)"
fi

# A shared libpython is part of the interpreter: pypy3 loads libpypy, and
# its entry watches the file the dynamic loader picked (and the loader's
# cache); Debian's python3.11 is linked statically, and has none.
mkdir "$tmp/shared"
PYPROBE_CACHE_DIR=$tmp/shared "$PYPROBE" --python /usr/bin/pypy3 \
    --get abi_tag > /dev/null
PYPROBE_CACHE_DIR=$tmp/shared "$PYPROBE" --python $real --get abi_tag \
    > /dev/null
pypy_entry=$(grep -l '"real": *"[^"]*pypy' "$tmp/shared"/*.json)
py_entry=$(grep -l '"real": *"/usr/bin/python3.11"' "$tmp/shared"/*.json)
if [ -n "$pypy_entry" ] && [ -n "$py_entry" ] &&
   grep -q '"path": *"[^"]*/libpypy3[^"]*\.so' "$pypy_entry" &&
   grep -q '"path": *"/etc/ld.so.cache"' "$pypy_entry" &&
   ! grep -q '"path": *"[^"]*libpython' "$py_entry"; then
    pass "a shared libpython (libpypy) is a dependency; a static build has none"
else
    fail "shared libpython dependencies: $(cat "$tmp/shared"/*.json | head -c 600)"
fi

# The probe script's bytecode: the script goes into the cache as a module,
# which python3.11 compiles once into its __pycache__. Damage there must
# never change an answer or fail a probe.
script_dir=$(ls -d "$tmp/cache"/probe-*)
cmp -s "$script_dir/_pyprobe_probe.py" "$top_srcdir/data/probe.py" &&
    pass "the script is cached as a module" ||
    fail "no copy of data/probe.py in the cache: $(ls -A "$tmp/cache")"
pyc=$(ls "$script_dir"/__pycache__/_pyprobe_probe.cpython-311*.pyc 2>/dev/null)
[ -n "$pyc" ] && pass "python3.11 keeps its bytecode" ||
    fail "no bytecode for python3.11 in $script_dir"
want=$(PYPROBE_CACHE_DIR=/dev/null/none "$PYPROBE" --python $real \
    --get abi_tag --get version --get ext_suffix)
echo 'print("pyprobe-probe 1")' > "$script_dir/_pyprobe_probe.py"
got=$("$PYPROBE" --no-cache --python $real --get abi_tag --get version \
    --get ext_suffix)
[ "$got" = "$want" ] &&
    cmp -s "$script_dir/_pyprobe_probe.py" "$top_srcdir/data/probe.py" &&
    pass "a changed script module is put right" ||
    fail "a changed script module was used or kept: '$got'"
for damage in truncated other-code; do
    pyc=$(ls "$script_dir"/__pycache__/_pyprobe_probe.cpython-311*.pyc)
    # The header stays valid, so Python trusts the file and loads it.
    $real -c '
import marshal, sys
path, damage = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
body = data[16:40] if damage == "truncated" else marshal.dumps(
    compile("raise SystemExit(3)", "x", "exec"))
open(path, "wb").write(data[:16] + body)' "$pyc" $damage
    got=$("$PYPROBE" --no-cache --python $real --get abi_tag --get version \
        --get ext_suffix)
    [ "$got" = "$want" ] && pass "bytecode $damage: the probe still answers" ||
        fail "bytecode $damage: got '$got'"
done
# Not where another user could swap the directory: under a directory
# anyone may write to (and not sticky), the script is not cached there.
mkdir -m 777 "$tmp/open"
PYPROBE_CACHE_DIR=$tmp/open/cache "$PYPROBE" --no-cache --python $real \
    --get abi_tag > /dev/null
[ -z "$(ls -d "$tmp/open/cache"/probe-* 2>/dev/null)" ] &&
    pass "no script cache below a directory others may write to" ||
    fail "the script was cached below a world-writable directory"

# A virtual environment: its pyvenv.cfg is part of the answer.
if python3 -c 'import venv' 2>/dev/null && $real -m venv --without-pip \
        "$tmp/env" 2>/dev/null; then
    a=$("$PYPROBE" --python "$tmp/env/bin/python" --get venv --get prefix)
    b=$("$PYPROBE" --python "$tmp/env/bin/python" --get venv --get prefix)
    [ "$a" = "$(printf '1\n%s' "$tmp/env")" ] && [ "$a" = "$b" ] &&
        pass "venv: probed and cached" || fail "venv: '$a' then '$b'"
    mv "$tmp/env/pyvenv.cfg" "$tmp/env/pyvenv.cfg.off"
    c=$("$PYPROBE" --python "$tmp/env/bin/python" --get venv)
    [ "$c" = 0 ] && pass "venv: removing pyvenv.cfg invalidates the entry" ||
        fail "venv: without pyvenv.cfg, venv is '$c'"
else
    fail "cannot create a virtual environment (apt-get install python3-venv)"
fi
finish
