#!/bin/sh
# wheel.sh - the wheel that make wheel writes follows the binary
# distribution format, and every interpreter here accepts its tags.
#
# Uses the wheel tests/integration/static-binary.sh built (Makefile.am runs that
# first). Checked: its name; RECORD lists every other file once, with
# the sha256 and size recomputed here, and itself without a hash;
# WHEEL's Tag lines are the name's tags expanded; METADATA names the
# version configure.ac defines, Python 3.6 and later and no dependency;
# the files it must hold; `pyprobe check-wheel` (this build's) accepts it
# on every interpreter here; make-wheel.py gives the same bytes again.
. "$(dirname "$0")/../lib.sh"

build=$top_builddir/tests/static-build/build
wheel=$(ls "$build"/dist/pyprobe-*.whl 2>/dev/null) ||
    fatal "no wheel in $build/dist: tests/integration/static-binary.sh makes it (make check runs it first)"
name=$(basename "$wheel")
version=$(sed -n 's/^PACKAGE_VERSION = //p' "$top_builddir/Makefile")
arch=$(uname -m)
want="pyprobe-$version-py3-none-manylinux_2_17_$arch.manylinux2014_$arch.musllinux_1_1_$arch.whl"
check "the wheel is named $want" test "$name" = "$want"

python3 "$top_srcdir/tests/tools/wheel-format.py" "$wheel" "$version" \
    >"$T/format" 2>&1
status=$?
sed 's/^/  /' "$T/format"
check "RECORD, WHEEL and METADATA are right" test "$status" -eq 0
check "pyprobe/_tagfile.py is data/pyprobe_env.py" sh -c \
    "python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(\"pyprobe/_tagfile.py\"))' '$wheel' | cmp -s - '$top_srcdir/data/pyprobe_env.py'"

# Every interpreter here installs it (this build's check-wheel).
all_pythons 2>"$T/notes" >"$T/pythons"
sed 's/^/# /' "$T/notes"
while read -r python; do
    pyprobe check-wheel --python "$python" "$wheel"
    if [ "$RC" -eq 0 ]; then
        pass "check-wheel on $python: $(cut -d' ' -f1 "$T/out") (rank)"
    else
        fail "check-wheel refuses the wheel on $python"
        show_output
    fi
done <"$T/pythons"

# Reproducible: the same inputs give the same bytes.
cp "$wheel" "$T/first.whl"
make -C "$build" -s wheel >/dev/null 2>"$T/err" || cat "$T/err"
check "make wheel again gives the same bytes" cmp -s "$T/first.whl" "$wheel"

finish
