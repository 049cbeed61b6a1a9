#!/bin/sh
# Worked example (tests/examples/hatch-mypyc): the same choice as
# example-mypyc.sh, made by a hatchling build hook (hatch_build.py) with
# Debian's hatchling: python3.11 gives a cp311-cp311-linux_x86_64 wheel
# with the mypyc extension, and with --mypyc=no on the before-build line a
# pure py3-none-any wheel; the log says why in one line. (Not with PyPy,
# as example-mypyc.sh does: Debian's hatchling needs tomli there.) A tag file written for another interpreter (the
# recorded free-threaded 3.14t's stand-in) stops python3.11's build with
# pyprobe's message.
. "$(dirname "$0")/common.sh"
py=$(build_python) || exit 77
if ! "$py" -c 'import hatchling' 2>/dev/null; then
    skip "$py has no hatchling (apt-get install python3-hatchling," \
         "as in the README's Quick start)"
fi

cp -R "$examples/hatch-mypyc" "$tmp/pkg" && chmod -R u+w "$tmp/pkg" ||
    fatal "cannot copy the example"
before_build=$(cibw_option "$py" "$tmp/pkg/pyproject.toml" before-build \
               "$tmp/pkg") || fatal "no before-build in pyproject.toml"

# before NAME PYTHON [OPTION]: run before-build with PYTHON as python,
# OPTION added to it.
before() {
    fake_path "$tmp/bin-$1" "$2"
    (cd "$tmp/pkg" &&
     PATH="$tmp/bin-$1:$PATH" sh -c "$before_build${3:+ $3}") ||
        { fail "$1: before-build failed"; return 1; }
}

# build NAME OPTION EXPECTED-WHEEL REASON: before-build with python3.11
# as python and OPTION added, then the wheel, built by python3.11.
build() {
    before "$1" "$py" "$2" || return 1
    log=$tmp/$1.log
    pip_wheel "$py" "$tmp/pkg" "$tmp/$1" "$log" ||
        { fail "$1: the build failed:"; tail -n 30 "$log"; return 1; }
    got=$(ls "$tmp/$1")
    [ "$got" = "$3" ] && pass "$1: built $got" ||
        { fail "$1: built '$got', expected $3"; return 1; }
    reasons=$(grep -o 'pyprobe: mypyc [a-z]*: .*' "$log" | sort -u)
    [ "$reasons" = "$4" ] && pass "$1: the log says: $reasons" ||
        fail "$1: the log says '$reasons'"
    wheel_files "$tmp/$1/$got" > "$tmp/$1.files"
}

# try NAME EXPECTED: install the wheel of NAME and import it.
try() {
    "$py" -m pip install -q --no-index --no-deps --target "$tmp/site-$1" \
        "$tmp/$1"/*.whl 2>/dev/null || fail "$1: pip cannot install it"
    got=$(cd "$tmp" && PYTHONPATH=$tmp/site-$1 "$py" -c \
          'import pyprobe_hdemo as d; print(d.compiled(), d.fib(90))')
    [ "$got" = "$2" ] && pass "$1: it imports and runs: $got" ||
        fail "$1: import gave '$got', expected '$2'"
}

if build gil "" pyprobe_hdemo-1.0-cp311-cp311-linux_x86_64.whl \
        "pyprobe: mypyc used: GIL build of CPython"; then
    grep -qx 'pyprobe_hdemo/core.cpython-311-x86_64-linux-gnu.so' \
        "$tmp/gil.files" && pass "gil: the wheel holds the compiled core" ||
        fail "gil: no compiled core: $(cat "$tmp/gil.files")"
    try gil "True 2880067194370816120"
fi

if build nomypyc --mypyc=no pyprobe_hdemo-1.0-py3-none-any.whl \
        "pyprobe: mypyc skipped: mypyc disabled by policy (--mypyc=no)"; then
    grep -q '\.so$' "$tmp/nomypyc.files" &&
        fail "nomypyc: the pure wheel holds an extension: $(cat "$tmp/nomypyc.files")"
    try nomypyc "False 2880067194370816120"
fi

# A tag file for the free-threaded 3.14t, python3.11 building: no wheel.
if before foreign "$(stand_in cpython-3.14t)"; then
    log=$tmp/foreign.log
    want="pyprobe: $tmp/pkg/pyprobe.env: the tag file describes cp314t"
    if pip_wheel "$py" "$tmp/pkg" "$tmp/foreign" "$log"; then
        fail "foreign: python3.11 built $(ls "$tmp/foreign") from 3.14t's tag file"
    elif grep -q "$want .*, but this is $py " "$log"; then
        pass "foreign: the build stops: $(grep -o "$want.*" "$log" | sed 1q)"
    else
        fail "foreign: the build failed, but not with pyprobe's message:"
        tail -n 20 "$log"
    fi
fi

same_as_readme tests/examples/hatch-mypyc/hatch_build.py \
    "$examples/hatch-mypyc/hatch_build.py"
finish
