#!/bin/sh
# probe-replay.sh - the recorded interpreters (free-threaded
# 3.13t/3.14t/3.15t, GIL 3.14 and 3.15, and the others in
# tests/fixtures/interpreters), probed through the same path as a live
# one: pyprobe runs tests/tools/replay-python.py as if it were the
# interpreter, which executes the real embedded probe script on the
# recorded facts. Checks every fact against the sheet, on the fast path
# and with --use-sysconfig, and the decisions the sheets call for.

. "$(dirname "$0")/../lib.sh"
sheets=$top_srcdir/tests/fixtures/interpreters
expected=$top_srcdir/tests/tools/expected-facts.py
python3 -c 'import sys; sys.exit(sys.version_info < (3, 8))' ||
    fatal "the stand-in needs python3 >= 3.8 on PATH"
compared=0

for sheet in "$sheets"/*.json; do
    name=$(basename "$sheet" .json)
    python=$(stand_in "$name")
    want=$(python3 "$expected" "$sheet") || fatal "expected-facts.py $sheet"
    names=$(printf '%s\n' "$want" | cut -d= -f1)
    gets=
    for n in $names; do gets="$gets --get $n"; done
    for mode in "" --use-sysconfig; do
        # shellcheck disable=SC2086
        if ! "$PYPROBE" --python "$python" $mode $gets > "$T/values"; then
            fail "$name $mode: pyprobe failed"; continue
        fi
        got=$(for n in $names; do
                  IFS= read -r value && printf '%s=%s\n' "$n" "$value"
              done < "$T/values")
        if [ "$want" = "$got" ]; then
            compared=$((compared + 1))
        else
            fail "$name $mode: pyprobe and the sheet disagree:"
            printf '%s\n' "$want" > "$T/want"
            printf '%s\n' "$got" > "$T/got"
            diff "$T/want" "$T/got" | sed 's/^/    /'
        fi
    done
done
pass "$compared sheet/mode combinations agree with their sheets"

# decide SHEET OPTIONS -- NAME=VALUE...: the decisions for a sheet.
decide() {
    sheet=$1; shift
    options=
    while [ "$1" != -- ]; do options="$options $1"; shift; done
    shift
    python=$T/stand-in-$sheet
    ok=1
    for pair in "$@"; do
        n=${pair%%=*} want=${pair#*=}
        # shellcheck disable=SC2086
        got=$("$PYPROBE" --python "$python" $options --get "$n") || got=ERROR
        if [ "$got" != "$want" ]; then
            fail "$sheet$options: $n is '$got', expected '$want'"
            ok=0
        fi
    done
    [ $ok = 0 ] || pass "$sheet$options: $*"
}

# The expected results the free-threaded and 3.15 sheets exist for.
decide cpython-3.13t -- free_threaded=1 limited_api=0 abi3t=0 \
    abi_tag=cp313t stable_abi_suffixes= mypyc=0 gil_enabled=0
decide cpython-3.14t -- free_threaded=1 limited_api=0 abi3t=0 \
    abi_tag=cp314t stable_abi_suffixes= stable_abi_suffix= mypyc=0
decide cpython-3.15t -- free_threaded=1 limited_api=0 abi3t=1 \
    abi_tag=cp315t stable_abi_suffix=.abi3t.so \
    "stable_abi_suffixes=.abi3t-x86_64-linux-gnu.so .abi3t.so"
decide cpython-3.15 -- free_threaded=0 limited_api=1 abi3t=1 mypyc=1 \
    "stable_abi_suffixes=.abi3-x86_64-linux-gnu.so .abi3.so .abi3t-x86_64-linux-gnu.so .abi3t.so"
decide cpython-3.14 -- free_threaded=0 limited_api=1 abi3t=0 \
    stable_abi_suffix=.abi3.so
# Build paths under a policy.
decide cpython-3.14t --limited-api=3.11 -- build_path=version-specific \
    wheel_tag=cp314-cp314t-linux_x86_64 \
    build_suffix=.cpython-314t-x86_64-linux-gnu.so
decide cpython-3.14 --limited-api=3.11 -- build_path=abi3 \
    wheel_tag=cp311-abi3-linux_x86_64 build_suffix=.abi3.so \
    "build_cppflags=-I/opt/python-cpython-3.14/include/python3.14 -DPy_LIMITED_API=0x030B0000"
decide cpython-3.15t --limited-api=3.15 --abi3t=yes -- build_path=abi3.abi3t \
    wheel_tag=cp315-abi3.abi3t-linux_x86_64 build_suffix=.abi3t.so
decide cpython-3.15t --limited-api=3.15 --abi3t=only -- build_path=abi3t \
    wheel_tag=cp315-abi3t-linux_x86_64
decide cpython-3.15 --limited-api=3.12 --abi3t=yes -- \
    build_path=abi3.abi3t wheel_tag=cp315-abi3.abi3t-linux_x86_64
decide cpython-3.15t --limited-api=3.12 -- build_path=version-specific \
    wheel_tag=cp315-cp315t-linux_x86_64
decide cpython-3.14t --mypyc-free-threaded -- mypyc=1
decide cpython-3.13-pyenv --mypyc=no -- mypyc=0
decide pypy-3.9-debian -- mypyc=0 limited_api=0 abi3t=0 abi_tag=pypy39_pp73 \
    wheel_tag=pp39-pypy39_pp73-linux_x86_64
finish
