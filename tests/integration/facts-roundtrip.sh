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
sed 's/"format_version": 1/"format_version": 2/' "$good" > "$tmp/v2.json"
expect_refused 5 "$tmp/v2.json" "another format version"
head -c 300 "$good" > "$tmp/cut.json"
expect_refused 5 "$tmp/cut.json" "a truncated file"
echo '{"hello": 1}' > "$tmp/other.json"
expect_refused 5 "$tmp/other.json" "a JSON file that is not a facts file"
expect_refused 7 "$tmp/missing.json" "a missing file"
grep -v '"maxsize"' "$good" > "$tmp/nofield.json"
expect_refused 5 "$tmp/nofield.json" "a missing probe field"
finish
