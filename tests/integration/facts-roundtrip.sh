#!/bin/sh
# --facts: probe on the target, generate on the build host. Reading back
# what --json wrote must give exactly the live outputs (JSON, header, tag
# file, every --get), under any policy; a facts file edited by hand, or
# not a facts file at all, must be refused.

. "$(dirname "$0")/../lib.sh"
require_debian_python
tmp=$T

# Live interpreters and recorded ones (through the replay stand-in).
pythons="/usr/bin/python3.11 /usr/bin/python3.11d /usr/bin/pypy3 $(free_threaded_python)"
for sheet in cpython-3.13t cpython-3.14t cpython-3.15 cpython-3.15t; do
    pythons="$pythons $(stand_in "$sheet")"
done

n=0
for python in $pythons; do
    for policy in "" "--limited-api=3.11" "--limited-api=3.15 --abi3t=yes --mypyc-free-threaded"; do
        n=$((n + 1))
        live=$tmp/live$n facts=$tmp/facts$n.json
        "$PYPROBE" --python "$python" $policy --json > "$facts" || {
            fail "$python $policy: --json failed"; continue; }
        mkdir -p "$live" "$tmp/replay$n"
        "$PYPROBE" --python "$python" $policy --header "$live/h" \
            --tags "$live/t" && "$PYPROBE" --python "$python" $policy \
            --get wheel_tag --get build_path --get mypyc > "$live/g"
        "$PYPROBE" --facts "$facts" $policy --header "$tmp/replay$n/h" \
            --tags "$tmp/replay$n/t" && "$PYPROBE" --facts "$facts" $policy \
            --get wheel_tag --get build_path --get mypyc > "$tmp/replay$n/g"
        "$PYPROBE" --facts "$facts" $policy --json > "$tmp/replay$n/json"
        cp "$facts" "$live/json"
        if diff -r "$live" "$tmp/replay$n" > "$tmp/diff"; then
            pass "$python $policy: --facts gives the live outputs"
        else
            fail "$python $policy: --facts differs from the live probe"
            sed 's/^/  /' "$tmp/diff" | head -20
        fi
    done
done

# A facts file written under one policy, read under another: decisions
# follow the reader's policy, like a live probe with that policy.
"$PYPROBE" --python "$tmp/stand-in-cpython-3.15" --json > "$tmp/gil315.json"
got=$("$PYPROBE" --facts "$tmp/gil315.json" --limited-api=3.12 --get wheel_tag)
[ "$got" = cp312-abi3-linux_x86_64 ] || fail "policy on --facts: got $got"

# expect_refused CODE FILE WHY: --facts FILE fails with exit CODE.
expect_refused() {
    out=$("$PYPROBE" --facts "$2" --get abi_tag 2>"$tmp/err")
    code=$?
    if [ $code -ne "$1" ] || [ -n "$out" ] || [ "$(wc -l < "$tmp/err")" -ne 1 ] ||
       ! grep -q '^pyprobe: ' "$tmp/err"; then
        fail "$3: exit $code (expected $1), stderr: $(cat "$tmp/err")"
    else
        pass "refused $3: $(cat "$tmp/err")"
    fi
}
good=$tmp/facts1.json
sed 's/"abi_tag": "cp311"/"abi_tag": "cp311t"/' "$good" > "$tmp/edited.json"
expect_refused 5 "$tmp/edited.json" "an edited derived value"
sed 's/"Py_GIL_DISABLED": null/"Py_GIL_DISABLED": 1/' "$good" > "$tmp/ft.json"
expect_refused 5 "$tmp/ft.json" "an edited raw value that contradicts abiflags"
sed 's/"format_version": 2/"format_version": 3/' "$good" > "$tmp/v3.json"
expect_refused 5 "$tmp/v3.json" "a newer format version"
sed 's/"format_version": 2/"format_version": 0/' "$good" > "$tmp/v0.json"
expect_refused 5 "$tmp/v0.json" "format version 0"
sed 's/"stable_abi_suffixes": \[/"stable_abi_suffixes": [1, /' "$good" \
    > "$tmp/list.json"
expect_refused 5 "$tmp/list.json" "a list holding a number"

# Version 1 files, as pyprobe 0.1.0 wrote them (lists as space-separated
# strings, no BUILD_REASON, EMBED_LIBS by the old rule, no install
# directories: those are empty and UNKNOWN names them), are still read:
# every name they have keeps its value, but EMBED_LIBS, which is
# recomputed; written again they are version 2, and read back the same.
for v1 in "$top_srcdir"/tests/data/facts-v1/*.json; do
    what="version 1 file $(basename "$v1")"
    if ! "$PYPROBE" --facts "$v1" --json > "$tmp/again.json" 2>"$tmp/err"; then
        fail "$what: refused: $(cat "$tmp/err")"
        continue
    fi
    python3 - "$v1" "$tmp/again.json" <<'PY' || fail "$what: values differ"
import json, sys
old, new = (json.load(open(p)) for p in sys.argv[1:])
assert new["format_version"] == 2, new["format_version"]
for key in ("extension_suffixes", "stable_abi_suffixes"):
    assert isinstance(new[key], list), key
    assert " ".join(new[key]) == old[key], key
assert new["build_reason"] and "build_reason" not in old
assert "-Bsymbolic-functions" not in new["embed_libs"], new["embed_libs"]
# 0.1.0 did not know the install directories: empty, and named unknown.
dirs = ("platlib", "purelib", "platlib_rel", "purelib_rel")
assert all(new[key] == "" and key not in old for key in dirs), new
assert new["unknown"] == " ".join(dirs) and old["unknown"] == "", new["unknown"]
skip = ("format_version", "extension_suffixes", "stable_abi_suffixes",
        "build_reason", "embed_libs", "probe", "unknown")
for key in old:
    if key not in skip:
        assert new[key] == old[key], (key, old[key], new[key])
PY
    "$PYPROBE" --facts "$tmp/again.json" --json > "$tmp/again2.json" &&
        cmp -s "$tmp/again.json" "$tmp/again2.json" &&
        pass "$what: read, and written again as version 2" ||
        fail "$what: version 2 from it does not read back the same"
    sed 's/"abi_tag": "\([a-z0-9_]*\)"/"abi_tag": "\1t"/' "$v1" > "$tmp/v1-edited.json"
    expect_refused 5 "$tmp/v1-edited.json" "$what, edited"
done
head -c 300 "$good" > "$tmp/cut.json"
expect_refused 5 "$tmp/cut.json" "a truncated file"
echo '{"hello": 1}' > "$tmp/other.json"
expect_refused 5 "$tmp/other.json" "a JSON file that is not a facts file"
expect_refused 7 "$tmp/missing.json" "a missing file"
grep -v '"maxsize"' "$good" > "$tmp/nofield.json"
expect_refused 5 "$tmp/nofield.json" "a missing probe field"
finish
