#!/bin/sh
# Worked example 1 (tests/examples/mypyc-package): a pure-Python package
# whose setup.py reads the tag file that the cibuildwheel before-build
# step wrote, and compiles with mypyc where PYPROBE_MYPYC is 1.
#  - python3.11 (GIL): the wheel holds a mypyc extension, is tagged
#    cp311-cp311-linux_x86_64, installs and runs compiled;
#  - the recorded free-threaded 3.14t: the before-build step runs on its
#    stand-in, and the same package, built in the same directory (as all
#    builds in one cibuildwheel container are), gives a py3-none-any
#    wheel without extensions; the log says why in one line.
# The before-build command is read from the example's pyproject.toml.
. "$top_srcdir/tests/examples/common.sh"
py=$(build_python) || exit 77

cp -R "$examples/mypyc-package" "$tmp/pkg" && chmod -R u+w "$tmp/pkg" ||
    exit 99
before_build=$(cibw_option "$py" "$tmp/pkg/pyproject.toml" before-build \
               "$tmp/pkg") || exit 99
echo "before-build: $before_build"

# build NAME PYTHON: run before-build with PYTHON as python, then build
# the wheel with python3.11 into $tmp/NAME; sets wheel and log.
build() {
    fake_path "$tmp/bin-$1" "$2"
    (cd "$tmp/pkg" && PATH="$tmp/bin-$1:$PATH" sh -c "$before_build") ||
        { fail "$1: before-build failed"; return 1; }
    log=$tmp/$1.log
    pip_wheel "$py" "$tmp/pkg" "$tmp/$1" "$log" ||
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
            ok "gil: the wheel is tagged cp311-cp311-linux_x86_64" ;;
        *) fail "gil: wrong wheel $(basename "$wheel")" ;;
    esac
    wheel_files "$wheel" > "$tmp/gil.files"
    grep -qx 'pyprobe_demo/core.cpython-311-x86_64-linux-gnu.so' \
        "$tmp/gil.files" && ok "gil: it holds the compiled core" ||
        fail "gil: no compiled core in the wheel: $(cat "$tmp/gil.files")"
    reasons=$(reason_lines "$log")
    [ "$reasons" = "pyprobe: mypyc used: GIL build of CPython" ] &&
        ok "gil: the log says: $reasons" ||
        fail "gil: the log says '$reasons'"
    grep -q 'pyprobe: warning' "$log" &&
        fail "gil: a warning although the tag file is this interpreter's"
    "$PYPROBE" check-wheel --python "$py" --expect-abi cp311 "$wheel" \
        > /dev/null || fail "gil: pyprobe check-wheel refuses the wheel"
    "$py" -m pip install -q --no-index --no-deps --target "$tmp/site-gil" \
        "$wheel" 2>/dev/null || fail "gil: pip cannot install the wheel"
    got=$(cd "$tmp" && PYTHONPATH=$tmp/site-gil "$py" -c \
          'import pyprobe_demo as d; print(d.compiled(), d.fib(90))')
    [ "$got" = "True 2880067194370816120" ] &&
        ok "gil: it imports compiled and runs: $got" ||
        fail "gil: import gave '$got'"
fi

# --- recorded free-threaded 3.14t: pure Python -----------------------------
ft=$(stand_in cpython-3.14t)
if build ft "$ft"; then
    grep -q '^PYPROBE_ABI_TAG=cp314t$' "$tmp/pkg/pyprobe.env" ||
        fail "ft: before-build did not describe the 3.14t stand-in"
    case $(basename "$wheel") in
        pyprobe_demo-1.0-py3-none-any.whl)
            ok "ft: the wheel is pure Python (py3-none-any)" ;;
        *) fail "ft: wrong wheel $(basename "$wheel")" ;;
    esac
    wheel_files "$wheel" > "$tmp/ft.files"
    grep -q '\.so$' "$tmp/ft.files" &&
        fail "ft: the pure wheel holds an extension: $(cat "$tmp/ft.files")"
    reasons=$(reason_lines "$log")
    want="pyprobe: mypyc skipped: free-threaded build: mypyc support there is experimental; allow it with --mypyc-free-threaded"
    [ "$reasons" = "$want" ] && ok "ft: the log says: $reasons" ||
        fail "ft: the log says '$reasons'"
    # Built by python3.11 for the stand-in: the hook must say so.
    grep -q 'pyprobe: warning: the tag file describes cp314t' "$log" &&
        ok "ft: the hook warns that the tag file is another interpreter's" ||
        fail "ft: no warning about the foreign tag file"
    "$py" -m pip install -q --no-index --no-deps --target "$tmp/site-ft" \
        "$wheel" 2>/dev/null || fail "ft: pip cannot install the wheel"
    got=$(cd "$tmp" && PYTHONPATH=$tmp/site-ft "$py" -c \
          'import pyprobe_demo as d; print(d.compiled(), d.fib(90))')
    [ "$got" = "False 2880067194370816120" ] &&
        ok "ft: it imports as pure Python and runs: $got" ||
        fail "ft: import gave '$got'"
fi

# --- without a tag file (pip install from an sdist): pure Python ----------
rm -f "$tmp/pkg/pyprobe.env"
log=$tmp/none.log
if pip_wheel "$py" "$tmp/pkg" "$tmp/none" "$log"; then
    ls "$tmp/none" | grep -qx 'pyprobe_demo-1.0-py3-none-any.whl' &&
        grep -q 'pyprobe: mypyc skipped: no pyprobe.env' "$log" &&
        ok "no tag file: a pure wheel, and the log says why" ||
        fail "no tag file: $(ls "$tmp/none"); $(reason_lines "$log")"
else
    fail "no tag file: the build failed"; tail -n 30 "$log"
fi

same_as_readme tests/examples/mypyc-package/setup.py \
    "$examples/mypyc-package/setup.py"
exit $status
