#!/bin/sh
# Worked example 3: the [tool.cibuildwheel] tables of the examples (the
# README shows the one of tests/examples/mypyc-package/pyproject.toml).
# cibuildwheel itself does not run here: it is not in Debian, and its
# Linux builds run in containers. What runs is what it would run for the
# one build identifier this machine has, cp311 (Debian's python3.11),
# with the commands read from the tables: before-build with python as the
# target, in the package directory ({package} replaced); the wheel build
# (pip wheel, but offline and without build isolation); and test-command
# in a fresh virtual environment holding only the wheel, from another
# directory. before-build installs pyprobe (pip install pyprobe, here from
# the wheel tests/static-binary.sh built) into a virtual environment of
# the target that stands for cibuildwheel's build environment, and runs
# it from there. The tables may only use option names cibuildwheel knows.
. "$top_srcdir/tests/examples/common.sh"
py=$(build_python) || exit 77
pyprobe_dist=$top_builddir/tests/static-build/build/dist
ls "$pyprobe_dist"/pyprobe-*.whl >/dev/null 2>&1 || {
    echo "ERROR: no pyprobe wheel: tests/static-binary.sh makes it (make check runs it first)"
    exit 99
}

# Option names from cibuildwheel's documentation (docs/options.md).
"$py" - "$examples"/*/pyproject.toml <<'PY' || status=1
import fnmatch, sys, tomllib
known = """archs build skip test-skip enable allow-empty environment
environment-pass before-all before-build xbuild-tools repair-wheel-command
build-frontend config-settings dependency-versions test-command before-test
test-sources test-requires test-extras test-groups test-environment
build-verbosity container-engine manylinux-*-image musllinux-*-image
linux macos windows ios android pyodide overrides""".split()
status = 0
for path in sys.argv[1:]:
    table = tomllib.load(open(path, "rb")).get("tool", {}).get("cibuildwheel")
    if table is None:
        continue
    for key in table:
        if not any(fnmatch.fnmatchcase(key, k) for k in known):
            print("FAIL: %s: [tool.cibuildwheel] %s is not an option" % (path, key))
            status = 1
    steps = table.get("before-build", [])
    steps = [steps] if isinstance(steps, str) else steps
    if steps[:1] != ["pip install pyprobe"] or not any(
            step.startswith("pyprobe ") for step in steps):
        print("FAIL: %s: before-build does not install pyprobe, then run it" % path)
        status = 1
    if not status:
        print("ok: %s: [tool.cibuildwheel] uses known options: %s"
              % (path.split("/tests/")[-1], " ".join(table)))
sys.exit(status)
PY

# cibw NAME EXPECTED-OUTPUT: the cp311 build of example NAME.
cibw() {
    pkg=$tmp/$1/project
    mkdir -p "$tmp/$1" && cp -R "$examples/$1" "$pkg" && chmod -R u+w "$pkg" ||
        exit 99
    # The build environment: a virtual environment of the target, first
    # on PATH; pip install pyprobe takes the wheel from the local dist/.
    "$py" -m venv "$tmp/$1/env" || exit 99
    before=$(cibw_as_written=1 cibw_option "$py" "$pkg/pyproject.toml" \
             before-build "$pkg") || exit 99
    (cd "$pkg" && PATH="$tmp/$1/env/bin:$PATH" PIP_FIND_LINKS=$pyprobe_dist \
         sh -c "$before") ||
        { fail "$1: before-build failed: $before"; return; }
    [ -x "$tmp/$1/env/bin/pyprobe" ] &&
        ok "$1: before-build installed pyprobe into the build environment" ||
        fail "$1: before-build did not install pyprobe"
    pip_wheel "$py" "$pkg" "$tmp/$1/wheelhouse" "$tmp/$1/build.log" ||
        { fail "$1: the build failed"; tail -n 30 "$tmp/$1/build.log"; return; }
    wheel=$(ls "$tmp/$1/wheelhouse"/*.whl)
    ok "$1: before-build and build gave $(basename "$wheel")"
    test_command=$(cibw_option "$py" "$pkg/pyproject.toml" test-command \
                   "$pkg" 2>/dev/null) || { echo "note: $1 has no test-command"; return; }
    "$py" -m venv "$tmp/$1/venv" &&
        "$tmp/$1/venv/bin/python" -m pip install -q --no-index --no-deps \
            "$wheel" || { fail "$1: cannot install the wheel in a venv"; return; }
    mkdir "$tmp/$1/test"
    got=$(cd "$tmp/$1/test" && PATH="$tmp/$1/venv/bin:$PATH" \
          sh -c "$test_command") ||
        { fail "$1: test-command failed: $test_command"; return; }
    [ "$got" = "$2" ] && ok "$1: test-command prints: $got" ||
        fail "$1: test-command printed '$got', expected '$2'"
}

cibw mypyc-package "True 2880067194370816120"
cibw c-extension "abi3 0x03080000 5"
cibw hatch-mypyc ""

# The README's snippet is the end of the mypyc example's pyproject.toml.
sed -n '/^\[tool\.cibuildwheel\]$/,$p' "$examples/mypyc-package/pyproject.toml" \
    > "$tmp/cibuildwheel.toml"
same_as_readme tests/examples/mypyc-package/pyproject.toml "$tmp/cibuildwheel.toml"
exit $status
