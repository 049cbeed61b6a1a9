#!/bin/sh
# --build-details: the facts, decisions and wheel tags of an interpreter
# read from its PEP 739 build-details.json must be those of probing it
# live. For every recorded sheet that ships one (3.14, 3.14t, 3.15,
# 3.15t), the live side is the replay stand-in running the real probe
# script on the sheet, and the file is the sheet's build-details.json,
# written where the interpreter would have it, under a sysroot.
. "$(dirname "$0")/../lib.sh"
sheets=$top_srcdir/tests/fixtures/interpreters
tmp=$T

python3 -c 'import sys; sys.exit(sys.version_info < (3, 8))' ||
    fatal "the stand-in needs python3 >= 3.8 on PATH"

for name in cpython-3.14 cpython-3.14t cpython-3.15 cpython-3.15t; do
    sheet=$sheets/$name.json
    live=$(stand_in "$name")
    # The file where the interpreter keeps it, under $tmp/root (and, in
    # $tmp/full, with the _sysconfigdata file CPython installs beside it,
    # made from the sheet's config variables).
    details=$(python3 - "$sheet" "$tmp" <<'EOF'
import json, os, sys
sheet = json.load(open(sys.argv[1]))
where = sheet['build-details.json path']
for root in ('root', 'full'):
    path = sys.argv[2] + '/' + root + where
    os.makedirs(os.path.dirname(path), exist_ok=True)
    json.dump(sheet['build-details.json'], open(path, 'w'), indent=2)
config = sheet['sysconfig.get_config_vars']
name = '_sysconfigdata_%s_linux_%s.py' % (config['ABIFLAGS'],
                                            config['MULTIARCH'])
with open(os.path.join(os.path.dirname(path), name), 'w') as f:
    f.write('# system configuration\nbuild_time_vars = %r\n' % config)
print(where)
EOF
) || { fail "$name: cannot write its build-details.json"; continue; }
    libc=$(python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["os.confstr(CS_GNU_LIBC_VERSION)"].replace(" ", "-"))' "$sheet")

    for policy in "" "--limited-api=3.11" \
                  "--limited-api=3.12 --abi3t=yes --mypyc-free-threaded"; do
        all_values "$tmp/live" --python "$live" $policy ||
            { fail "$name: live probe failed"; continue; }
        # With the _sysconfigdata file beside it: everything.
        all_values "$tmp/full.v" --build-details "$tmp/full$details" \
            --sysroot / --libc "$libc" $policy ||
            { fail "$name: --build-details failed"; continue; }
        same_values "$name $policy: build-details.json (and _sysconfigdata) = live" \
            "$tmp/live" "$tmp/full.v"
        # The file alone: the link flags are unknown, and said to be.
        all_values "$tmp/alone.v" --build-details "$tmp/root$details" \
            --sysroot / --libc "$libc" $policy ||
            { fail "$name: --build-details failed"; continue; }
        same_values "$name $policy: build-details.json alone = live but EMBED_LIBS" \
            "$tmp/live" "$tmp/alone.v" embed_libs unknown
        grep -qx 'embed_libs=' "$tmp/alone.v" &&
            grep -qx 'unknown=embed_libs platlib purelib platlib_rel purelib_rel' \
                "$tmp/alone.v" ||
            fail "$name: EMBED_LIBS not empty and named unknown"
    done

    # The config variables themselves: all of them with the _sysconfigdata
    # file beside it; without, every one the file gives must be right.
    "$PYPROBE" --python "$live" --json > "$tmp/live.json"
    "$PYPROBE" --build-details "$tmp/full$details" --sysroot / --json \
        > "$tmp/full.json"
    "$PYPROBE" --build-details "$tmp/root$details" --sysroot / --json \
        > "$tmp/alone.json"
    if python3 - "$tmp/live.json" "$tmp/full.json" "$tmp/alone.json" <<'EOF'
import json, sys
live, full, alone = (json.load(open(p))['probe']['config']
                     for p in sys.argv[1:])
bad = [k for k in live if full[k] != live[k]]
bad += [k + ' (file alone)' for k in live
        if alone[k] is not None and alone[k] != live[k]]
known = sum(alone[k] is not None for k in live)
if bad or known < 15:
    sys.exit('config variables differ: %s (%d known)' % (bad, known))
EOF
    then pass "$name: config variables as live (all; or each the file gives)"
    else fail "$name: config variables"; fi

    # The wheel tags.
    "$PYPROBE" tags --python "$live" > "$tmp/tags.live"
    "$PYPROBE" tags --build-details "$tmp/root$details" --sysroot / \
        --libc "$libc" > "$tmp/tags.bd"
    if cmp -s "$tmp/tags.live" "$tmp/tags.bd" && [ -s "$tmp/tags.live" ]; then
        pass "$name: $(wc -l < "$tmp/tags.bd") wheel tags, as live"
    else
        fail "$name: wheel tags differ from the live ones"
    fi
    # Without --libc the tags are refused (not guessed) and LIBC is
    # unknown.
    "$PYPROBE" tags --build-details "$tmp/root$details" --sysroot / \
        > /dev/null 2> "$tmp/err"
    code=$?
    [ $code -eq 2 ] && grep -q -- '--libc' "$tmp/err" &&
        pass "$name: no --libc, no wheel tags ($(cat "$tmp/err"))" ||
        fail "$name: tags without --libc: exit $code"
    got=$("$PYPROBE" --build-details "$tmp/root$details" --sysroot / \
        --get libc --get unknown)
    [ "$got" = "$(printf '\nlibc embed_libs platlib purelib platlib_rel purelib_rel')" ] ||
        fail "$name: without --libc: libc, unknown = '$got'"

    # Found under a sysroot it does not name: paths are where the files
    # are here, as a relocated installation reports them.
    all_values "$tmp/moved.v" --build-details "$tmp/root$details" \
        --libc "$libc" || { fail "$name: under a sysroot: failed"; continue; }
    all_values "$tmp/live" --python "$live"
    sed -e "s|^prefix=|&$tmp/root|" -e "s|^base_prefix=|&$tmp/root|" \
        -e "s|^includedir=|&$tmp/root|" -e "s|^cppflags=-I|&$tmp/root|" \
        -e "s|^build_cppflags=-I|&$tmp/root|" "$tmp/live" > "$tmp/live.moved"
    same_values "$name: under a sysroot, paths are this machine's" \
        "$tmp/live.moved" "$tmp/moved.v" embed_libs unknown

    # What --json writes is a facts file: --facts gives it back.
    "$PYPROBE" --build-details "$tmp/root$details" --libc "$libc" --json \
        > "$tmp/f.json" && "$PYPROBE" --facts "$tmp/f.json" --json \
        > "$tmp/f2.json" && cmp -s "$tmp/f.json" "$tmp/f2.json" &&
        grep -q '"derived"' "$tmp/f.json" &&
        pass "$name: --json, then --facts, gives the same (derivations kept)" ||
        fail "$name: --facts of a --build-details --json differs"
done

# A static build's file has no abi.extension_suffix (CPython writes it
# for shared builds): say that EXT_SUFFIX was derived, and how.
"$PYPROBE" --build-details "$tmp/root/opt/python-cpython-3.14/lib/python3.14/build-details.json" \
    --json | grep -q '"config.EXT_SUFFIX": "suffixes.extensions\[0\]' &&
    pass "the derivation of EXT_SUFFIX is said" ||
    fail "no note of how EXT_SUFFIX was derived"

# Bad files and bad options: one line, a documented exit code.
good=$tmp/root/opt/python-cpython-3.15/lib/python3.15/build-details.json
bad_dir=$tmp/root/opt/python-cpython-3.15/lib/python3.15
mutate() {   # mutate PYTHON-CODE: a copy of the 3.15 file, changed
    python3 - "$good" "$bad_dir/b.json" "$1" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(d, open(sys.argv[2], 'w'))
EOF
    echo "$bad_dir/b.json"
}
expect() {   # expect CODE WHAT pyprobe-args...
    want=$1 what=$2; shift 2
    out=$("$PYPROBE" "$@" --get abi_tag 2> "$tmp/err")
    code=$?
    if [ $code -eq "$want" ] && [ -z "$out" ] &&
       [ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -q '^pyprobe: ' "$tmp/err"
    then
        pass "$what: $(cat "$tmp/err")"
    else
        fail "$what: exit $code (expected $want): $out $(cat "$tmp/err")"
    fi
}
expect 7 "a missing file" --build-details "$tmp/nothing.json"
echo '{"schema_version": "1.0",' > "$bad_dir/cut.json"
expect 5 "truncated JSON" --build-details "$bad_dir/cut.json"
expect 5 "schema 2.0" --build-details "$(mutate 'd["schema_version"] = "2.0"')"
expect 5 "no abi.flags" --build-details "$(mutate 'del d["abi"]["flags"]')"
expect 5 "no extension suffixes" \
    --build-details "$(mutate 'del d["suffixes"]["extensions"]')"
expect 5 "an extension_suffix not first in the list" \
    --build-details "$(mutate 'd["abi"]["extension_suffix"] = ".abi3.so"')"
expect 5 "a version that disagrees with itself" \
    --build-details "$(mutate 'd["language"]["version"] = "3.14"')"
expect 5 "an unknown ABI flag" \
    --build-details "$(mutate 'd["abi"]["flags"] = ["x"]')"
expect 6 "another implementation" \
    --build-details "$(mutate 'd["implementation"]["name"] = "pypy"')"
expect 6 "a platform it cannot describe" \
    --build-details "$(mutate 'd["platform"] = "emscripten-4.0.1-wasm32"')"
cp "$good" "$tmp/elsewhere.json"
expect 2 "a file away from its installation, without --sysroot" \
    --build-details "$tmp/elsewhere.json"
expect 2 "--platform that contradicts the file" --build-details "$good" \
    --platform linux-aarch64
expect 2 "--libc that is not one" --build-details "$good" --libc glibc
expect 2 "--libc glibc for a Windows target" --libc glibc-2.36 \
    --build-details "$(mutate 'd["platform"] = "win-amd64"; d["base_prefix"] = "C:\\\\Python315"')"
expect 2 "--build-details with --python" --build-details "$good" \
    --python python3
expect 2 "--libc without a description file" --libc glibc-2.36
finish
