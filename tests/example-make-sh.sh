#!/bin/sh
# The README's make and sh snippets (tests/examples/make-sh/Makefile and
# build.sh), run as they are: each builds mod.c for python3.11 from the
# tag file, version-specific and with --limited-api=3.8 (abi3), and the
# module imports and says how it was compiled. make includes the tag file
# and rebuilds nothing the second time; build.sh runs in a directory
# whose name has a space, a quote and $(...).
. "$top_srcdir/tests/examples/common.sh"
py=$(build_python) || exit 77
command -v make > /dev/null || { echo "FAIL: no make"; exit 1; }
fake_path "$tmp/bin" "$py"
PATH=$tmp/bin:$PATH

# copy DIR: a fresh copy of the example in DIR.
copy() {
    rm -rf "$1" && cp -R "$examples/make-sh" "$1" && chmod -R u+w "$1" ||
        exit 99
}

# imports LABEL DIR SUFFIX EXPECTED: DIR/build/mod SUFFIX imports.
imports() {
    if [ ! -f "$2/build/mod$3" ]; then
        fail "$1: no build/mod$3: $(ls "$2/build" | tr '\n' ' ')"
        return
    fi
    got=$(cd "$2/build" && "$py" -I -c 'import sys; sys.path.insert(0, "")
import mod; print(mod.build(), mod.add(2, 3))')
    [ "$got" = "$4 5" ] && ok "$1: built mod$3, it says: $got" ||
        fail "$1: mod$3 says '$got', expected '$4 5'"
}

# --- make ------------------------------------------------------------------
copy "$tmp/make"
if make -C "$tmp/make" PYTHON="$py" > "$tmp/make.log" 2>&1; then
    imports make "$tmp/make" .cpython-311-x86_64-linux-gnu.so version-specific
    make -q -C "$tmp/make" PYTHON="$py" > /dev/null 2>&1 &&
        ok "make: a second run has nothing to do" ||
        fail "make: a second run would rebuild"
else
    fail "make failed:"; cat "$tmp/make.log"
fi
copy "$tmp/make3"
if make -C "$tmp/make3" PYTHON="$py" PYPROBEFLAGS=--limited-api=3.8 \
        > "$tmp/make.log" 2>&1; then
    imports "make --limited-api=3.8" "$tmp/make3" .abi3.so "abi3 0x03080000"
else
    fail "make PYPROBEFLAGS=--limited-api=3.8 failed:"; cat "$tmp/make.log"
fi

# --- sh ----------------------------------------------------------------------
dir="$tmp/a b'c\$(x)"
copy "$dir"
if (cd "$dir" && PYTHON=$py sh ./build.sh) > "$tmp/sh.log" 2>&1; then
    grep -qx 'building mod for cp311: version-specific' "$tmp/sh.log" ||
        fail "build.sh said: $(cat "$tmp/sh.log")"
    imports build.sh "$dir" .cpython-311-x86_64-linux-gnu.so version-specific
else
    fail "build.sh failed:"; cat "$tmp/sh.log"
fi
copy "$dir"
if (cd "$dir" && PYTHON=$py sh ./build.sh --limited-api=3.8) \
        > "$tmp/sh.log" 2>&1; then
    imports "build.sh --limited-api=3.8" "$dir" .abi3.so "abi3 0x03080000"
else
    fail "build.sh --limited-api=3.8 failed:"; cat "$tmp/sh.log"
fi

same_as_readme tests/examples/make-sh/Makefile "$examples/make-sh/Makefile"
same_as_readme tests/examples/make-sh/build.sh "$examples/make-sh/build.sh"
exit $status
