#!/bin/sh
# concurrent-writers.sh - make -j: many pyprobes on the same outputs and
# the same cache at once.
#
# 8 writers, 100 rounds each, all write one --header, one --tags file
# and one --env-file, print --json, and share one cache directory that
# does not exist when they start. Even writers probe Debian's python3.11,
# odd ones python3.11d, so every output flips between two complete
# variants, captured one at a time before the race; a quarter of the
# runs use --no-cache, and two writers now and then delete their
# interpreter's cache entry, so that stores race with lookups.
#
# Meanwhile two readers check every file they see while the writers run:
#   - a shell reader sources the tag file in sh (set -e) and compares
#     what it defines with the variants, includes it in GNU make the same
#     way, and compiles the header;
#   - a Python reader compares the three files, byte for byte, with the
#     variants, parses every cache entry it finds, and compares the
#     cached probe script with the one pyprobe writes.
# A file that is absent, torn or mixed fails. Each writer compares its
# --json with its variant; every run must exit 0 and print nothing on
# stderr. Afterwards: no temporary file is left in the output directory
# or anywhere in the cache (whose every file must be one pyprobe or
# Python's bytecode cache writes), no entry was lost, and each entry is
# used by the next run (a hit leaves it untouched).
#
# CONCURRENT_WRITERS and CONCURRENT_ROUNDS change the size of the race.

. "$(dirname "$0")/../lib.sh"
require_debian_python
unset PYPROBE_NO_CACHE
cd "$T" || fatal "cannot cd to $T"

WRITERS=${CONCURRENT_WRITERS:-8}
ROUNDS=${CONCURRENT_ROUNDS:-100}
C=$T/cache
O=$T/out
H=$O/pyconfig-probe.h
F=$O/python.env
E=$O/python.plain
export PYPROBE_CACHE_DIR="$C"
# A make that runs this test must not hand its jobserver to ours.
unset MAKEFLAGS MFLAGS MAKELEVEL 2>/dev/null || :
make --version 2>/dev/null | grep -q 'GNU Make' || skip "no GNU make"
"$CC" -E -x c /dev/null >/dev/null 2>&1 || skip "the C compiler '$CC' does not work"

# The two variants: a different interpreter, so that every output differs.
PY_a=$DEBIAN_PY
POLICY_a=
if [ -x /usr/bin/python3.11d ]; then
    PY_b=/usr/bin/python3.11d
    POLICY_b=
else
    note "/usr/bin/python3.11d is missing (python3.11-dbg): the second" \
         "variant is python3.11 with --mypyc=no"
    PY_b=$DEBIAN_PY
    POLICY_b=--mypyc=no
fi

# --- Readers of one file, as a build reads it ---------------------------

# sh_values FILE: the PYPROBE_ variables FILE defines, sourced by sh with
# set -e in a subshell; fails if sourcing fails.
sh_values() {
    (set -e; . "$1"; set) >"$T/sh.set" 2>"$T/sh.err" || return 1
    test ! -s "$T/sh.err" && grep '^PYPROBE_' "$T/sh.set"
}

cat >"$T/reader.mk" <<'EOF'
include $(TAGS)
$(foreach v,$(sort $(filter PYPROBE_%,$(.VARIABLES))),$(info $(v)=$(value $(v))))
all: ;
EOF
# make_values FILE: the PYPROBE_ variables GNU make's include of FILE
# defines.
make_values() {
    (cd "$T/empty" && make -s -f "$T/reader.mk" TAGS="$1") 2>"$T/make.err" &&
        test ! -s "$T/make.err"
}
mkdir "$T/empty"

# The header must hold everything up to its last macro and its end.
cat >"$T/use-header.c" <<'EOF'
#include "pyconfig-probe.h"
#if !defined(PYPROBE_CONFIG_H) || !defined(PYPROBE_UNKNOWN)
#error "incomplete header"
#endif
static const char abi_tag[] = PYPROBE_ABI_TAG;
static const char build_path[] = PYPROBE_BUILD_PATH;
int use(void) { return (int)sizeof abi_tag + (int)sizeof build_path +
                       PYPROBE_FREE_THREADED + PYPROBE_VERSION_MINOR; }
EOF
# compiles DIR: the header DIR/pyconfig-probe.h compiles.
compiles() {
    "$CC" -fsyntax-only -Wall -Werror -I"$1" "$T/use-header.c" \
        2>"$T/cc.err" >/dev/null
}

# --- The variants, one run at a time ------------------------------------

mkdir "$T/want"
# capture VARIANT TAG OPTIONS...: write VARIANT's outputs to want/VARIANT.TAG.*
capture() {
    ca_v=$1 ca_tag=$2
    shift 2
    eval "ca_py=\$PY_$ca_v ca_policy=\$POLICY_$ca_v"
    ca_out=$T/want/$ca_v.$ca_tag
    "$PYPROBE" --python "$ca_py" $ca_policy "$@" --header "$ca_out.h" \
        --tags "$ca_out.env" --env-file "$ca_out.plain" --json \
        >"$ca_out.json" 2>"$T/capture.err" && test ! -s "$T/capture.err" ||
        fatal "pyprobe --python $ca_py $ca_policy $* failed:" \
              "$(cat "$T/capture.err")"
}
ENTRY_a= ENTRY_b=
for v in a b; do
    ls "$C"/*.json >"$T/entries.before" 2>/dev/null
    capture $v live --no-cache
    capture $v stored
    capture $v hit
    same=1
    for ext in h env plain json; do
        cmp -s "$T/want/$v.live.$ext" "$T/want/$v.stored.$ext" &&
            cmp -s "$T/want/$v.live.$ext" "$T/want/$v.hit.$ext" || same=0
        cp "$T/want/$v.live.$ext" "$T/want/$v.$ext"
    done
    check "variant $v: a cache hit writes what a live probe writes" test $same = 1
    # The name of the entry this variant stored (none new when b probes
    # a's interpreter: then a's).
    ls "$C"/*.json | grep -vxF -f "$T/entries.before" >"$T/entry" || :
    entry=$(sed 's|.*/||' "$T/entry")
    eval "ENTRY_$v=\${entry:-\$ENTRY_a}"
done
check "two cache entries, or one when both variants probe one interpreter" \
    test -n "$ENTRY_a" -a -n "$ENTRY_b"
script_dir=$(cd "$C" && ls -d probe-*) ||
    fatal "no cached probe script in $C"
cp "$C/$script_dir/_pyprobe_probe.py" "$T/want/script.py"

# Each variant is complete and valid, and the two differ in every file:
# then a file equal to one of them is a complete, valid file.
for v in a b; do
    sh_values "$T/want/$v.env" >"$T/want/$v.sh-values" ||
        fatal "variant $v: sh cannot source its tag file: $(cat "$T/sh.err")"
    make_values "$T/want/$v.env" >"$T/want/$v.make-values" ||
        fatal "variant $v: make cannot include its tag file: $(cat "$T/make.err")"
    mkdir "$T/want/$v.inc"
    cp "$T/want/$v.h" "$T/want/$v.inc/pyconfig-probe.h"
    compiles "$T/want/$v.inc" ||
        fatal "variant $v: its header does not compile: $(cat "$T/cc.err")"
    tool_py -c 'import json, sys; json.load(open(sys.argv[1]))' \
        "$T/want/$v.json" || fatal "variant $v: its JSON does not parse"
done
differ=
for ext in h env plain json sh-values make-values; do
    cmp -s "$T/want/a.$ext" "$T/want/b.$ext" && differ="$differ $ext"
done
[ -z "$differ" ] || fatal "the two variants agree on:$differ"
grep -q '^PYPROBE_ABI_TAG=' "$T/want/a.sh-values" ||
    fatal "sh sees no PYPROBE_ABI_TAG in the tag file"
pass "two complete variants that differ in every output"

# --- The race -------------------------------------------------------------

# The outputs exist from the start (a reader must never find them
# absent); the cache does not (its directories are created in the race).
mkdir "$O"
cp "$T/want/a.h" "$H"
cp "$T/want/a.env" "$F"
cp "$T/want/a.plain" "$E"
rm -rf "$C"

# writer N: ROUNDS runs; logs failures to w.N/fails, one line each.
writer() {
    w=$1
    wd=$T/w.$w
    if [ $((w % 2)) = 0 ]; then v=a; else v=b; fi
    eval "wpy=\$PY_$v wpolicy=\$POLICY_$v wentry=\$ENTRY_$v"
    r=0
    while [ "$r" -lt "$ROUNDS" ]; do
        r=$((r + 1))
        cache_option=
        [ $(((w + r) % 4)) = 0 ] && cache_option=--no-cache
        # Writers 0 and 1 delete their interpreter's entry now and then,
        # and store it again.
        if [ "$w" -lt 2 ] && [ $((r % 10)) = 5 ]; then
            rm -f "$C/$wentry"
            cache_option=
        fi
        rc=0
        timeout -k 5 60 "$PYPROBE" --python "$wpy" $wpolicy $cache_option \
            --header "$H" --tags "$F" --env-file "$E" --json \
            >"$wd/json" 2>"$wd/err" </dev/null || rc=$?
        if [ "$rc" != 0 ] || [ -s "$wd/err" ]; then
            printf 'writer %s round %s %s: exit %s: %s\n' "$w" "$r" \
                "${cache_option:-(cache)}" "$rc" "$(head -c 300 "$wd/err" | tr "\n" " ")" \
                >>"$wd/fails"
        elif ! cmp -s "$wd/json" "$T/want/$v.json"; then
            printf 'writer %s round %s: --json is not variant %s\n' \
                "$w" "$r" "$v" >>"$wd/fails"
            cp "$wd/json" "$wd/bad-json.$r"
        fi
        echo "$r" >"$wd/rounds"
    done
}

# read_as sh|make: read the tag file as that reader does (sh_values,
# make_values); unless it gives one whole variant, count it bad and say
# why in $sd/fails.
read_as() {
    if ! "${1}_values" "$F" >"$sd/values"; then
        bad=$((bad + 1))
        echo "$1 cannot read the tag file: $(head -c 300 "$T/$1.err" | tr "\n" " ")" >>"$sd/fails"
    elif ! cmp -s "$sd/values" "$T/want/a.$1-values" &&
         ! cmp -s "$sd/values" "$T/want/b.$1-values"; then
        bad=$((bad + 1))
        echo "$1 read a tag file that is neither variant" >>"$sd/fails"
        cp "$sd/values" "$sd/bad-$1-values.$reads"
    fi
}

# sh_reader: until the stop file appears, reads the tag file as sh (each
# time) and make (every 4th time) read it, and compiles the header (every
# 4th time, from a directory linked to the outputs').
sh_reader() {
    sd=$T/sh-reader
    reads=0 makes=0 compiles=0 bad=0
    mkdir "$sd/inc"
    ln -s "$H" "$sd/inc/pyconfig-probe.h"
    while [ ! -e "$T/stop" ]; do
        reads=$((reads + 1))
        read_as sh
        if [ $((reads % 4)) = 1 ]; then
            makes=$((makes + 1))
            read_as make
        fi
        if [ $((reads % 4)) = 3 ]; then
            compiles=$((compiles + 1))
            if ! compiles "$sd/inc"; then
                bad=$((bad + 1))
                echo "the header does not compile: $(grep -m 1 error: "$T/cc.err")" >>"$sd/fails"
            fi
        fi
    done
    echo "$reads $makes $compiles $bad" >"$sd/counts"
}

cat >"$T/py-reader.py" <<'EOF'
import json, os, sys, time
stop, want, cache, script_dir, result = sys.argv[1:6]
outputs = sys.argv[6:]
exts = {'pyconfig-probe.h': 'h', 'python.env': 'env', 'python.plain': 'plain'}
def read(path):
    with open(path, 'rb') as f:
        return f.read()
variants = {}
for path in outputs:
    ext = exts[os.path.basename(path)]
    variants[path] = {read(os.path.join(want, v + '.' + ext)): v
                      for v in ('a', 'b')}
script = read(os.path.join(want, 'script.py'))
script_path = os.path.join(cache, script_dir, '_pyprobe_probe.py')
reads = entries = scripts = flips = 0
last = {}
problems = []
def problem(text, data=None):
    if len(problems) < 20:
        problems.append(text)
        if data is not None:
            with open('%s.bad%d' % (result, len(problems)), 'wb') as f:
                f.write(data)
while not os.path.exists(stop):
    reads += 1
    for path in outputs:
        try:
            data = read(path)
        except OSError as e:
            problem('%s: %s' % (os.path.basename(path), e))
            continue
        if data not in variants[path]:
            problem('%s: %d bytes, neither variant' %
                    (os.path.basename(path), len(data)), data)
        elif last.setdefault(path, data) != data:
            flips += 1              # replaced by the other variant
            last[path] = data
    try:
        names = os.listdir(cache)
    except FileNotFoundError:
        names = []
    for name in names:
        if name.startswith('.') or not name.endswith('.json'):
            continue
        try:
            data = read(os.path.join(cache, name))
        except FileNotFoundError:
            continue                # deleted by a writer meanwhile
        entries += 1
        try:
            if json.loads(data.decode())['format'] != 'pyprobe-cache':
                raise ValueError('not a cache entry')
        except (ValueError, KeyError, TypeError) as e:
            problem('cache entry %s: %s' % (name, e), data)
    try:
        data = read(script_path)
    except FileNotFoundError:
        data = None
    if data is not None:
        scripts += 1
        if data != script:
            problem('the cached probe script: %d bytes, not the script'
                    % len(data), data)
    time.sleep(0.001)
with open(result, 'w') as f:
    f.write('%d %d %d %d\n' % (reads, flips, entries, scripts))
    for p in problems:
        f.write(p + '\n')
EOF

mkdir "$T/sh-reader"
sh_reader &
echo $! >>"$T/pids"
sh_reader_pid=$!
tool_py "$T/py-reader.py" "$T/stop" "$T/want" "$C" "$script_dir" \
    "$T/py-reader.result" "$H" "$F" "$E" &
echo $! >>"$T/pids"
py_reader_pid=$!

start=$(now_ms)
w=0
writer_pids=
while [ $w -lt "$WRITERS" ]; do
    mkdir "$T/w.$w"
    writer $w &
    echo $! >>"$T/pids"
    writer_pids="$writer_pids $!"
    w=$((w + 1))
done
for pid in $writer_pids; do
    wait "$pid"
done
elapsed=$(($(now_ms) - start))
: >"$T/stop"
wait "$sh_reader_pid"
wait "$py_reader_pid"

# --- What the writers saw -------------------------------------------------

runs=$(cat "$T"/w.*/rounds 2>/dev/null | awk '{ n += $1 } END { print n + 0 }')
cat "$T"/w.*/fails >"$T/writer-fails" 2>/dev/null || :
failed_runs=$(wc -l <"$T/writer-fails")
note "$runs runs by $WRITERS writers in $elapsed ms on" \
     "$(nproc 2>/dev/null || echo '?') CPUs"
check "every writer did its $ROUNDS rounds" test "$runs" -eq $((WRITERS * ROUNDS))
if [ "$failed_runs" -eq 0 ]; then
    pass "every run exited 0, printed nothing on stderr, and its --json was whole"
else
    fail "$failed_runs of $runs runs failed or printed a wrong --json; the first:"
    head -n 10 "$T/writer-fails" | sed 's/^/  /'
fi

# --- What the readers saw -------------------------------------------------

read -r sh_reads sh_makes sh_compiles sh_bad <"$T/sh-reader/counts" ||
    fatal "the shell reader gave no counts"
note "shell reader: $sh_reads tag files sourced by sh, $sh_makes included" \
     "by make, $sh_compiles headers compiled"
check "the shell reader read while the writers ran" test "$sh_reads" -ge 10
if [ "$sh_bad" -eq 0 ]; then
    pass "every tag file sourced in sh and included in make was a whole variant; every header compiled"
else
    fail "the shell reader found $sh_bad bad reads; the first:"
    sort "$T/sh-reader/fails" | uniq -c | sort -rn | head -n 10 | sed 's/^/  /'
fi

read -r py_reads py_flips py_entries py_scripts <"$T/py-reader.result" ||
    fatal "the Python reader gave no counts"
note "Python reader: $py_reads reads of the 3 outputs, which it saw" \
     "change variant $py_flips times; $py_entries cache entries parsed," \
     "$py_scripts cached probe scripts compared"
check "the Python reader read while the writers ran" test "$py_reads" -ge 10
check "the Python reader saw the outputs replaced while it read" \
    test "$py_flips" -ge 10
if [ "$(wc -l <"$T/py-reader.result")" -eq 1 ]; then
    pass "every output read was one whole variant, byte for byte; every cache entry parsed"
else
    fail "the Python reader found:"
    sed -n '2,11p' "$T/py-reader.result" | sed 's/^/  /'
fi

# --- What is left -----------------------------------------------------------

ls -A "$O" | grep -vxE 'pyconfig-probe\.h|python\.env|python\.plain' \
    >"$T/out-extra" || :
if [ -s "$T/out-extra" ]; then
    fail "files left beside the outputs ($(wc -l <"$T/out-extra")):"
    head -n 5 "$T/out-extra" | sed 's/^/  /'
else
    pass "nothing beside the outputs (no temporary file)"
fi
for pair in "H h" "F env" "E plain"; do
    set -- $pair
    eval "file=\$$1"
    if cmp -s "$file" "$T/want/a.$2" || cmp -s "$file" "$T/want/b.$2"; then
        pass "$(basename "$file") is a whole variant at the end"
    else
        fail "$(basename "$file") is neither variant at the end"
    fi
done

# Every file in the cache is one pyprobe or Python's bytecode cache
# writes: entries, the probe script, its bytecode. Anything else (.tmp-*,
# a .pyc.NNN temporary) is left over.
(cd "$C" && find . -mindepth 1) | grep -Ev \
    '^\./([0-9a-f]{16}\.json|probe-[0-9]+-[0-9]+|probe-[0-9]+-[0-9]+/_pyprobe_probe\.py|probe-[0-9]+-[0-9]+/__pycache__|probe-[0-9]+-[0-9]+/__pycache__/_pyprobe_probe\.[A-Za-z0-9_-]+\.pyc)$' \
    >"$T/cache-extra" || :
if [ -s "$T/cache-extra" ]; then
    fail "files left in the cache:"
    head -n 10 "$T/cache-extra" | sed 's/^/  /'
else
    pass "nothing in the cache but entries, the probe script and its bytecode"
fi
check "the cached probe script is whole" \
    cmp -s "$C/$script_dir/_pyprobe_probe.py" "$T/want/script.py"

# No entry lost: the deleting writers stored theirs again.
ls "$C" | grep '\.json$' >"$T/entries.after" || :
printf '%s\n' "$ENTRY_a" "$ENTRY_b" | sort -u >"$T/entries.want"
check "the cache holds exactly the entries of both interpreters" \
    cmp -s "$T/entries.want" "$T/entries.after"
tool_py - "$C" "$T/entries.after" >"$T/entry-problems" 2>&1 <<'EOF'
import json, os, sys
for name in open(sys.argv[2]).read().split():
    try:
        entry = json.load(open(os.path.join(sys.argv[1], name)))
        assert entry['format'] == 'pyprobe-cache', 'format'
        assert os.path.isfile(entry['interpreter']['real']), 'interpreter'
    except Exception as e:
        print('%s: %r' % (name, e))
EOF
if [ -s "$T/entry-problems" ]; then
    fail "cache entries:"
    sed 's/^/  /' "$T/entry-problems"
else
    pass "every cache entry is valid JSON"
fi
# A hit leaves the entry alone; a miss would store a new one (a new inode).
inodes() {
    for e in $(cat "$T/entries.want"); do stat -c %i "$C/$e"; done
}
before=$(inodes)
for v in a b; do
    eval "py=\$PY_$v"
    "$PYPROBE" --python "$py" --get abi_tag >/dev/null ||
        fail "variant $v: pyprobe failed after the race"
done
check "the entries written in the race are used (not stored again)" \
    test "$(inodes)" = "$before"

finish
