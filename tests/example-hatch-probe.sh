#!/bin/sh
# Worked example (tests/examples/hatch-probe): a hatchling build hook that
# asks pyprobe.probe() about the interpreter running the build, with
# pyprobe in build-system.requires. hatchling is not available as a wheel
# here, so the build runs without isolation, as the README prints it
# (build.sh: a virtual environment of Debian's python3 that sees its
# hatchling, mypy and setuptools, pyprobe installed into it offline from
# dist/, pip wheel --no-build-isolation). The wheel must be the one
# pyprobe's WHEEL_TAG names, hold the mypyc extension, install and import
# compiled. The package is the hatch-mypyc example's (pyprobe_hdemo).
# Uses the pyprobe wheel that tests/static-binary.sh built.
. "$top_srcdir/tests/examples/common.sh"
py=$(build_python) || exit 77
"$py" -c 'import hatchling' 2>/dev/null || {
    echo "SKIP: no hatchling for $py (apt-get install python3-hatchling, as in the README's Quick start)"
    exit 77
}
example=$examples/hatch-probe
pyprobe_wheel=$(ls "$top_builddir"/tests/static-build/build/dist/pyprobe-*.whl 2>/dev/null) || {
    echo "ERROR: no pyprobe wheel: tests/static-binary.sh makes it (make check runs it first)"
    exit 99
}
for file in pyproject.toml hatch_build.py build.sh; do
    same_as_readme "tests/examples/hatch-probe/$file" "$example/$file"
done

pkg=$tmp/pkg
cp -R "$example" "$pkg" && cp -R "$examples/hatch-mypyc/pyprobe_hdemo" "$pkg/" &&
    chmod -R u+w "$pkg" && mkdir "$pkg/dist" && cp "$pyprobe_wheel" "$pkg/dist/" ||
    exit 99
# python3 is Debian's, whose hatchling the build uses.
bindir=$(dirname "$py")
tag=$("$PYPROBE" --python "$py" --get wheel_tag)
log=$tmp/build.log
if (cd "$pkg" && env PATH="$bindir:$PATH" PIP_VERBOSE=1 sh ./build.sh) >"$log" 2>&1; then
    built=$(cd "$pkg" && ls pyprobe_hdemo-*.whl)
    [ "$built" = "pyprobe_hdemo-1.0-$tag.whl" ] && ok "built $built" ||
        fail "built '$built', expected pyprobe_hdemo-1.0-$tag.whl"
    grep -q "pyprobe: mypyc used: GIL build of CPython" "$log" &&
        ok "the hook's pyprobe.probe() chose mypyc" ||
        fail "the log does not show the hook's decision"
    "$PYPROBE" check-wheel --python "$py" --expect-abi cp311 "$pkg/$built" >/dev/null &&
        ok "check-wheel --expect-abi cp311 accepts it" ||
        fail "check-wheel --expect-abi cp311 refuses it"
    "$py" -m pip install -q --no-index --no-deps --target "$tmp/site" "$pkg/$built" 2>/dev/null ||
        fail "pip cannot install $built"
    said=$(cd "$tmp" && PYTHONPATH=$tmp/site "$py" -c 'import pyprobe_hdemo as d; print(d.compiled(), d.fib(90))')
    [ "$said" = "True 2880067194370816120" ] && ok "it imports compiled: $said" ||
        fail "importing it says: $said"
else
    fail "the build failed:"
    tail -n 30 "$log"
fi
exit $status
