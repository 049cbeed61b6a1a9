#!/bin/sh
# The README's make and sh recipes, run as they are printed:
#  - tests/examples/make-sh/Makefile and build.sh build mod.c for
#    python3.11, version-specific and with --limited-api=3.8 (abi3), and
#    the module imports and says how it was compiled;
#  - the Makefile, run again in the same directory with another PYPROBEFLAGS
#    or PYTHON, builds for them (the tag file is remade on every run), a
#    changed answer rebuilds the module, and an unchanged one rebuilds
#    nothing;
#  - the short "From sh" and "From make" recipes (quick.sh, quick.mk) work
#    in a directory that holds nothing but mod.c, and quick.mk follows
#    `make PYTHON=...' too;
#  - build.sh and quick.sh run in a directory whose name has a space, a
#    quote and $(...).
. "$(dirname "$0")/common.sh"
py=$(build_python) || exit 77
command -v make > /dev/null || { fail "no make"; finish; }
# A second interpreter with headers, to switch to: Debian's debug build.
pyd=/usr/bin/python3.11d
[ -x "$pyd" ] && [ -f /usr/include/python3.11d/Python.h ] || {
    fail "$pyd or its headers are missing (apt-get install" \
         "python3.11-dbg, as in the README's Quick start)"; finish; }
fake_path "$tmp/bin" "$py"
PATH=$tmp/bin:$PATH
so311=.cpython-311-x86_64-linux-gnu.so
so311d=.cpython-311d-x86_64-linux-gnu.so

# copy DIR: a fresh copy of the example in DIR.
copy() {
    rm -rf "$1" && cp -R "$examples/make-sh" "$1" && chmod -R u+w "$1" ||
        fatal "cannot copy the example to $1"
}

# bare DIR FILE: DIR holding only mod.c and the recipe FILE.
bare() {
    rm -rf "$1" && mkdir "$1" &&
        cp "$examples/make-sh/mod.c" "$examples/make-sh/$2" "$1/" ||
        fatal "cannot copy mod.c and $2 to $1"
}

# imports LABEL FILE EXPECTED [PYTHON]: the module FILE imports in
# PYTHON (default python3.11) and says how it was compiled.
imports() {
    if [ ! -f "$2" ]; then
        fail "$1: no $(basename "$2"): $(ls "$(dirname "$2")" | tr '\n' ' ')"
        return
    fi
    # that very file: beside others, import would take the first suffix
    got=$("${4:-$py}" -I -c 'import importlib.util, sys
spec = importlib.util.spec_from_file_location("mod", sys.argv[1])
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
print(mod.build(), mod.add(2, 3))' "$2")
    [ "$got" = "$3 5" ] && pass "$1: built $(basename "$2"), it says: $got" ||
        fail "$1: $(basename "$2") says '$got', expected '$3 5'"
}

# mk LABEL DIR ARG...: run make in DIR; its output is in $tmp/make.log.
mk() {
    label=$1 dir=$2
    shift 2
    make -C "$dir" "$@" > "$tmp/make.log" 2>&1 && return 0
    fail "$label: make $* failed:"; sed 's/^/  /' "$tmp/make.log"
    return 1
}

# idle LABEL DIR ARG...: a second make with the same ARGs has nothing
# to do, and leaves the tag file as it was.
idle() {
    label=$1 dir=$2
    shift 2
    before=$(ls -l --time-style=full-iso "$dir/build/python.env")
    if make -q -C "$dir" "$@" > /dev/null 2>&1 &&
       [ "$(ls -l --time-style=full-iso "$dir/build/python.env")" = "$before" ]
    then
        pass "$label: a second run has nothing to do"
    else
        fail "$label: a second run would rebuild, or rewrote the tag file"
    fi
}

# --- The Makefile: one directory, several interpreters and policies -------
d=$tmp/make
copy "$d"
if mk make "$d" PYTHON="$py"; then
    imports make "$d/build/mod$so311" version-specific
    idle make "$d" PYTHON="$py"
fi
if mk "make PYPROBEFLAGS=--limited-api=3.8" "$d" PYTHON="$py" \
        PYPROBEFLAGS=--limited-api=3.8; then
    imports "then make PYPROBEFLAGS=--limited-api=3.8" "$d/build/mod.abi3.so" \
        "abi3 0x03080000"
fi
if mk "make PYTHON=python3.11d" "$d" PYTHON="$pyd"; then
    imports "then make PYTHON=python3.11d" "$d/build/mod$so311d" \
        version-specific "$pyd"
fi
# The same module name, a changed answer (MYPYC): the module is rebuilt.
mk "back to python3.11" "$d" PYTHON="$py" &&
if mk "make PYPROBEFLAGS=--mypyc=no" "$d" PYTHON="$py" PYPROBEFLAGS=--mypyc=no
then
    grep -q -- "-o build/mod$so311 " "$tmp/make.log" &&
        pass "make PYPROBEFLAGS=--mypyc=no: the tag file changed, mod$so311 was rebuilt" ||
        fail "make PYPROBEFLAGS=--mypyc=no: mod$so311 was not rebuilt: $(cat "$tmp/make.log")"
    idle "make PYPROBEFLAGS=--mypyc=no" "$d" PYTHON="$py" PYPROBEFLAGS=--mypyc=no
fi

# --- quick.mk ("From make"), in a directory with nothing but mod.c ------------
# It names no interpreter: pyprobe takes $PYTHON, from the environment or
# from make's command line.
d=$tmp/quick-make
bare "$d" quick.mk
PYTHON=$py
export PYTHON
if mk quick.mk "$d" -f quick.mk; then
    grep -qxF "PYPROBE_PYTHON=$py" "$d/build/python.env" ||
        fail "quick.mk: the tag file is not for \$PYTHON ($py)"
    imports quick.mk "$d/mod$so311" version-specific
    idle quick.mk "$d" -f quick.mk
fi
if mk "quick.mk PYTHON=python3.11d" "$d" -f quick.mk PYTHON="$pyd"; then
    imports "then quick.mk PYTHON=python3.11d" "$d/mod$so311d" \
        version-specific "$pyd"
fi
unset PYTHON

# --- sh ----------------------------------------------------------------------
dir="$tmp/a b'c\$(x)"
copy "$dir"
if (cd "$dir" && PYTHON=$py sh ./build.sh) > "$tmp/sh.log" 2>&1; then
    grep -qx 'building mod for cp311: version-specific' "$tmp/sh.log" ||
        fail "build.sh said: $(cat "$tmp/sh.log")"
    imports build.sh "$dir/build/mod$so311" version-specific
else
    fail "build.sh failed:"; cat "$tmp/sh.log"
fi
copy "$dir"
if (cd "$dir" && PYTHON=$py sh ./build.sh --limited-api=3.8) \
        > "$tmp/sh.log" 2>&1; then
    imports "build.sh --limited-api=3.8" "$dir/build/mod.abi3.so" \
        "abi3 0x03080000"
else
    fail "build.sh --limited-api=3.8 failed:"; cat "$tmp/sh.log"
fi

# --- quick.sh ("From sh"), in a directory with nothing but mod.c -------------
bare "$dir" quick.sh
for python in "$py" "$pyd"; do
    if (cd "$dir" && PYTHON=$python sh ./quick.sh) > "$tmp/sh.log" 2>&1; then
        so=$so311
        [ "$python" = "$pyd" ] && so=$so311d
        imports "quick.sh, PYTHON=$python" "$dir/mod$so" version-specific \
            "$python"
    else
        fail "quick.sh, PYTHON=$python failed:"; cat "$tmp/sh.log"
    fi
done

for file in Makefile build.sh quick.mk quick.sh; do
    same_as_readme "tests/examples/make-sh/$file" "$examples/make-sh/$file"
done
finish
