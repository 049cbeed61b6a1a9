#!/bin/sh
# check-aarch64.sh - what `make check-aarch64` runs, in a native build tree:
#  1. the arm64 CPython: $PYPROBE_TEST_ARM64 when it names one, else set
#     up in $top_builddir/tests/arm64-python (setup-arm64-python.sh);
#  2. pyprobe cross-built for aarch64 in $top_builddir/aarch64-build
#     (configure --host=aarch64-linux-gnu --disable-shared
#     --enable-static-binary, from a copy of the sources:
#     sanitized-build.sh), jansson from the multiarch
#     libjansson-dev:arm64, and its wheel (make wheel), which must install
#     on the arm64 CPython and not on the x86_64 python3.11, by
#     pyprobe check-wheel and by pip;
#  3. tests/integration/arm64.sh through the test harness with both pyprobes: the
#     native one and the aarch64 one under qemu-aarch64-static, which
#     must give the same answers;
#  4. the tests in $AARCH64_TESTS (Makefile.am) with the aarch64 pyprobe
#     under QEMU in place of the native one (PYPROBE_UNDER_TEST).
# Needs gcc-aarch64-linux-gnu, qemu-user-static and libjansson-dev:arm64
# (dpkg --add-architecture arm64 first). Extra configure arguments for
# the cross build: $AARCH64_CONFIGURE_FLAGS.
set -eu
: "${top_srcdir:?run me through make check-aarch64}" "${top_builddir:?}"
: "${MAKE:=make}"

if [ -n "${PYPROBE_TEST_ARM64:-}" ]; then
    wrapper=$PYPROBE_TEST_ARM64
else
    echo "+ tests/tools/setup-arm64-python.sh $top_builddir/tests/arm64-python"
    wrapper=$(sh "$top_srcdir/tests/tools/setup-arm64-python.sh" \
        "$top_builddir/tests/arm64-python")
fi
echo "arm64 CPython: $wrapper"

echo "+ configure --host=aarch64-linux-gnu --disable-shared" \
     "--enable-static-binary ${AARCH64_CONFIGURE_FLAGS:-};" \
     "make (in $top_builddir/aarch64-build)"
# shellcheck disable=SC2086 # the extra flags are words
build=$(top_srcdir=$top_srcdir sh "$top_srcdir/tests/tools/sanitized-build.sh" \
    "$top_builddir/aarch64-build" --host=aarch64-linux-gnu --disable-shared \
    --enable-static-binary ${AARCH64_CONFIGURE_FLAGS:-})
pyprobe=$build/src/pyprobe
echo "aarch64 pyprobe: $pyprobe"
readelf -h "$pyprobe" | grep -E 'Class:|Machine:'
file "$pyprobe" 2>/dev/null | grep -o 'statically linked' || :

# Its wheel: tagged for aarch64, so it installs on the arm64 CPython
# only.
echo "+ make wheel (in $build)"
$MAKE -C "$build" wheel >"$build/wheel.log" 2>&1 ||
    { tail -n 20 "$build/wheel.log"; exit 1; }
wheel=$(ls "$build"/dist/pyprobe-*.whl)
echo "aarch64 wheel: $(basename "$wheel")"
# Its format, as for the native and the Windows wheels.
version=$("$top_builddir/src/pyprobe" --version | sed -n '1s/.* //p')
python3 "$top_srcdir/tests/tools/wheel-format.py" "$wheel" "$version" || {
    echo "check-aarch64.sh: $(basename "$wheel") is not a well-formed wheel" >&2
    exit 1
}
"$top_builddir/src/pyprobe" check-wheel --python "$wrapper" "$wheel" || {
    echo "check-aarch64.sh: the wheel does not install on $wrapper" >&2
    exit 1
}
if "$top_builddir/src/pyprobe" check-wheel --python /usr/bin/python3.11 \
        "$wheel" >/dev/null 2>&1; then
    echo "check-aarch64.sh: the aarch64 wheel installs on x86_64 python3.11" >&2
    exit 1
fi
echo "(and not on the x86_64 python3.11)"

# pip agrees: the arm64 CPython's own pip (pip's wheel from
# python3-pip-whl, run by that interpreter under QEMU) installs it, the
# x86_64 python3.11's refuses it. The installed program is then run
# under QEMU. (python -m pyprobe cannot run it there: the emulated
# interpreter's exec of an aarch64 program needs binfmt_misc, which
# this does not register on the host.)
pip_whl=$(ls /usr/share/python-wheels/pip-*.whl 2>/dev/null | head -n 1)
[ -n "$pip_whl" ] || {
    echo "check-aarch64.sh: no pip wheel in /usr/share/python-wheels (apt-get install python3-pip-whl)" >&2
    exit 1
}
pip_install() { # PYTHON TARGET-DIR: pip install the wheel, offline
    PIP_CONFIG_FILE=/dev/null PIP_NO_INDEX=1 PIP_FIND_LINKS= \
        "$1" "$pip_whl/pip" install --no-deps --no-cache-dir \
        --disable-pip-version-check --root-user-action=ignore \
        --target "$2" "$wheel"
}
rm -rf "$build/pip-arm64" "$build/pip-x86_64"
echo "+ $wrapper $(basename "$pip_whl")/pip install --target $build/pip-arm64 $(basename "$wheel")"
pip_install "$wrapper" "$build/pip-arm64" >"$build/pip-arm64.log" 2>&1 ||
    { tail -n 20 "$build/pip-arm64.log"; exit 1; }
grep '^Successfully installed' "$build/pip-arm64.log"
installed=$build/pip-arm64/bin/pyprobe
# The wheel's program is the build's, stripped: compare it with the
# one in the wheel, and its version with the build's.
python3 -c 'import sys, zipfile
w = zipfile.ZipFile(sys.argv[1])
sys.stdout.buffer.write(w.read(sys.argv[2]))' "$wheel" \
    "pyprobe-$version.data/scripts/pyprobe" \
    >"$build/pip-arm64.expected"
cmp "$installed" "$build/pip-arm64.expected" || {
    echo "check-aarch64.sh: pip installed another program than the wheel's" >&2
    exit 1
}
if pip_install /usr/bin/python3.11 "$build/pip-x86_64" >"$build/pip-x86_64.log" 2>&1; then
    echo "check-aarch64.sh: pip installs the aarch64 wheel on x86_64 python3.11" >&2
    exit 1
fi
grep -q 'is not a supported wheel on this platform' "$build/pip-x86_64.log" || {
    tail -n 20 "$build/pip-x86_64.log"
    exit 1
}
echo "x86_64 python3.11's pip: not a supported wheel on this platform"
echo "installed, under QEMU: $(qemu-aarch64-static "$installed" --version | head -n 1);" \
     "$(qemu-aarch64-static "$installed" --python "$wrapper" --get wheel_tag)"
echo "under QEMU: $(qemu-aarch64-static "$pyprobe" --version | head -n 1);" \
     "$(qemu-aarch64-static "$pyprobe" --python "$wrapper" --get wheel_tag)"

echo "+ $MAKE check TESTS=tests/integration/arm64.sh (PYPROBE_AARCH64=$pyprobe)"
status=0
PYPROBE_TEST_ARM64=$wrapper PYPROBE_AARCH64=$pyprobe \
    $MAKE -C "$top_builddir" check TESTS=tests/integration/arm64.sh || status=$?
# The checks themselves, for the log of whoever ran this.
cat "$top_builddir/tests/arm64.sh.log" 2>/dev/null || :

if [ -n "${AARCH64_TESTS:-}" ]; then
    qemu_pyprobe=$top_builddir/aarch64-build/pyprobe-qemu
    printf '#!/bin/sh\nexec qemu-aarch64-static "%s" "$@"\n' "$pyprobe" \
        >"$qemu_pyprobe"
    chmod +x "$qemu_pyprobe"
    echo "+ $MAKE check TESTS='$AARCH64_TESTS' PYPROBE_UNDER_TEST=$qemu_pyprobe"
    PYPROBE_TEST_ARM64=$wrapper $MAKE -C "$top_builddir" check \
        TESTS="$AARCH64_TESTS" PYPROBE_UNDER_TEST="$qemu_pyprobe" ||
        status=$?
    for t in $AARCH64_TESTS; do
        if grep -q ':test-result: PASS' "$top_builddir/$t.trs" 2>/dev/null; then
            echo "$t with the aarch64 pyprobe: $(tail -n 2 "$top_builddir/$t.log" | head -n 1)"
        else
            echo "==== $t with the aarch64 pyprobe did not pass:"
            tail -n 60 "$top_builddir/$t.log" 2>/dev/null || :
        fi
    done
fi
exit $status
