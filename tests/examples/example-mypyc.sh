#!/bin/sh
# Worked example 1 (tests/examples/mypyc-package): a pure-Python package
# whose setup.py reads the tag file that the cibuildwheel before-build
# step wrote, and compiles with mypyc where PYPROBE_MYPYC is 1.
#  - python3.11 (GIL): the wheel holds a mypyc extension, is tagged
#    cp311-cp311-linux_x86_64, installs and runs compiled;
#  - PyPy (Debian's pypy3), which mypyc does not support: before-build and
#    the build run with it, in the same directory (as all builds in one
#    cibuildwheel container are), and give a py3-none-any wheel without
#    extensions; the log says why in one line;
#  - a tag file written for another interpreter (before-build run on the
#    stand-in of the recorded free-threaded 3.14t, the build by
#    python3.11): setup.py stops with pyprobe's message, and no wheel is
#    built.
# The before-build command is read from the example's pyproject.toml.
. "$(dirname "$0")/common.sh"
py=$(build_python) || exit 77

cp -R "$examples/mypyc-package" "$tmp/pkg" && chmod -R u+w "$tmp/pkg" ||
    fatal "cannot copy the example"
before_build=$(cibw_option "$py" "$tmp/pkg/pyproject.toml" before-build \
               "$tmp/pkg") || fatal "no before-build in pyproject.toml"
echo "before-build: $before_build"

# before NAME PYTHON: run before-build with PYTHON as python.
before() {
    fake_path "$tmp/bin-$1" "$2"
    (cd "$tmp/pkg" && PATH="$tmp/bin-$1:$PATH" sh -c "$before_build") ||
        { fail "$1: before-build failed"; return 1; }
}

# build NAME PYTHON [BUILDER]: before-build with PYTHON as python, then
# build the wheel with BUILDER (default PYTHON) into $tmp/NAME; sets
# wheel and log.
build() {
    before "$1" "$2" || return 1
    log=$tmp/$1.log
    pip_wheel "${3:-$2}" "$tmp/pkg" "$tmp/$1" "$log" ||
        { fail "$1: the build failed:"; tail -n 30 "$log"; return 1; }
    wheel=$(ls "$tmp/$1"/*.whl)
    echo "$1: built $(basename "$wheel")"
}

# One "pyprobe: mypyc ..." line per run of setup.py (pip runs it twice).
reason_lines() {
    grep -o 'pyprobe: mypyc [a-z]*: .*' "$1" | sort -u
}

# --- GIL CPython 3.11: compiled -------------------------------------------
if build gil "$py"; then
    case $(basename "$wheel") in
        pyprobe_demo-1.0-cp311-cp311-linux_x86_64.whl)
            pass "gil: the wheel is tagged cp311-cp311-linux_x86_64" ;;
        *) fail "gil: wrong wheel $(basename "$wheel")" ;;
    esac
    wheel_files "$wheel" > "$tmp/gil.files"
    grep -qx 'pyprobe_demo/core.cpython-311-x86_64-linux-gnu.so' \
        "$tmp/gil.files" && pass "gil: it holds the compiled core" ||
        fail "gil: no compiled core in the wheel: $(cat "$tmp/gil.files")"
    reasons=$(reason_lines "$log")
    [ "$reasons" = "pyprobe: mypyc used: GIL build of CPython" ] &&
        pass "gil: the log says: $reasons" ||
        fail "gil: the log says '$reasons'"
    grep -q "pyprobe: $tmp/pkg/pyprobe.env" "$log" &&
        fail "gil: a complaint although the tag file is this interpreter's"
    "$PYPROBE" check-wheel --python "$py" --expect-abi cp311 "$wheel" \
        > /dev/null || fail "gil: pyprobe check-wheel refuses the wheel"
    "$py" -m pip install -q --no-index --no-deps --target "$tmp/site-gil" \
        "$wheel" 2>/dev/null || fail "gil: pip cannot install the wheel"
    got=$(cd "$tmp" && PYTHONPATH=$tmp/site-gil "$py" -c \
          'import pyprobe_demo as d; print(d.compiled(), d.fib(90))')
    [ "$got" = "True 2880067194370816120" ] &&
        pass "gil: it imports compiled and runs: $got" ||
        fail "gil: import gave '$got'"
fi

# --- PyPy: pure Python ------------------------------------------------------
pypy=/usr/bin/pypy3
if ! "$pypy" -c 'import setuptools, wheel, pip' 2>/dev/null; then
    fail "no $pypy with setuptools, wheel and pip (apt-get install pypy3" \
         "python3-setuptools python3-wheel python3-pip, as in the README)"
elif build pypy "$pypy"; then
    case $(basename "$wheel") in
        pyprobe_demo-1.0-py3-none-any.whl)
            pass "pypy: the wheel is pure Python (py3-none-any)" ;;
        *) fail "pypy: wrong wheel $(basename "$wheel")" ;;
    esac
    wheel_files "$wheel" > "$tmp/pypy.files"
    grep -q '\.so$' "$tmp/pypy.files" &&
        fail "pypy: the pure wheel holds an extension: $(cat "$tmp/pypy.files")"
    reasons=$(reason_lines "$log")
    want="pyprobe: mypyc skipped: mypyc supports CPython only"
    [ "$reasons" = "$want" ] && pass "pypy: the log says: $reasons" ||
        fail "pypy: the log says '$reasons'"
    "$pypy" -m pip install -q --no-index --no-deps --target "$tmp/site-pypy" \
        "$wheel" 2>/dev/null || fail "pypy: pip cannot install the wheel"
    got=$(cd "$tmp" && PYTHONPATH=$tmp/site-pypy "$pypy" -c \
          'import pyprobe_demo as d; print(d.compiled(), d.fib(90))')
    [ "$got" = "False 2880067194370816120" ] &&
        pass "pypy: it imports as pure Python and runs: $got" ||
        fail "pypy: import gave '$got'"
fi

# --- a tag file for another interpreter: no wheel ----------------------------
# before-build ran for the free-threaded 3.14t (its stand-in), the build
# runs in python3.11: building from the file would ship 3.14t's decisions.
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

# --- without a tag file (pip install from an sdist): pure Python ----------
rm -f "$tmp/pkg/pyprobe.env"
log=$tmp/none.log
if pip_wheel "$py" "$tmp/pkg" "$tmp/none" "$log"; then
    ls "$tmp/none" | grep -qx 'pyprobe_demo-1.0-py3-none-any.whl' &&
        grep -q 'pyprobe: mypyc skipped: no pyprobe.env' "$log" &&
        pass "no tag file: a pure wheel, and the log says why" ||
        fail "no tag file: $(ls "$tmp/none"); $(reason_lines "$log")"
else
    fail "no tag file: the build failed"; tail -n 30 "$log"
fi

same_as_readme tests/examples/mypyc-package/setup.py \
    "$examples/mypyc-package/setup.py"
finish
