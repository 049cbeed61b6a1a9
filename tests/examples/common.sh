# common.sh - sourced by the tests that run the worked examples in
# tests/examples/ and the README snippets taken from them.
#
# Sets tmp (removed on exit), status, and:
#   fail MESSAGE         record a failure
#   ok MESSAGE           say a check passed
#   build_python         Debian's python3.11 with setuptools, wheel, pip and
#                        mypyc, or exit 77 saying which packages are missing
#   fake_path DIR PY     make DIR a bin directory where `pyprobe` runs the
#                        pyprobe under test and `python` is PY, as in a
#                        cibuildwheel build environment
#   stand_in SHEET       a stand-in interpreter replaying a recorded sheet
#   readme_block PATH    the README code block that starts "# PATH", without
#                        that line and the four-space indentation
#   pip_wheel PY SRC DIR LOG   build SRC's wheel offline into DIR
set -u
: "${PYPROBE:?run me through make check}" "${top_srcdir:?}"
examples=$top_srcdir/tests/examples
status=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

# The examples find pyprobe_env.py through pyprobe --print-datadir; an
# uninstalled pyprobe points it at the sources.
PYPROBE_DATADIR=$top_srcdir/data
# Builds must not see the developer's configuration or reach the network.
HOME=$tmp/home
PIP_CONFIG_FILE=/dev/null
PIP_NO_INDEX=1
PIP_DISABLE_PIP_VERSION_CHECK=1
PIP_NO_CACHE_DIR=1
PYTHONNOUSERSITE=1
# Nothing may write into the sources (__pycache__ beside pyprobe_env.py).
PYTHONDONTWRITEBYTECODE=1
export PYPROBE_DATADIR HOME PIP_CONFIG_FILE PIP_NO_INDEX \
    PIP_DISABLE_PIP_VERSION_CHECK PIP_NO_CACHE_DIR PYTHONNOUSERSITE \
    PYTHONDONTWRITEBYTECODE
unset PYTHONPATH PYTHONHOME PYTHON GITHUB_OUTPUT GITHUB_ENV
mkdir -p "$HOME"

fail() { echo "FAIL: $*"; status=1; }
ok() { echo "ok: $*"; }

build_python() {
    for py in /usr/bin/python3.11 "$(command -v python3.11)"; do
        if [ -x "$py" ] && "$py" -c 'import setuptools, wheel, pip, mypyc' \
                2>/dev/null; then
            echo "$py"
            return 0
        fi
    done
    echo "SKIP: no python3.11 with setuptools, wheel, pip and mypyc" \
         "(apt-get install python3-setuptools python3-wheel python3-pip" \
         "python3-mypy, as in the README's Quick start)" >&2
    exit 77
}

fake_path() {
    mkdir -p "$1"
    printf '#!/bin/sh\nexec "%s" "$@"\n' "$PYPROBE" > "$1/pyprobe"
    chmod +x "$1/pyprobe"
    ln -sf "$2" "$1/python"
}

stand_in() {
    printf '#!/bin/sh\nexec python3 "%s" "%s" "$@"\n' \
        "$top_srcdir/tests/replay-python.py" \
        "$top_srcdir/tests/fixtures/interpreters/$1.json" > "$tmp/$1"
    chmod +x "$tmp/$1"
    echo "$tmp/$1"
}

readme_block() {
    awk -v marker="    # $1" '
        !inside && (index($0, marker) == 1) &&
            (length($0) == length(marker) ||
             substr($0, length(marker) + 1, 1) == " ") { inside = 1; next }
        !inside { next }
        /^$/ { blank = blank "\n"; next }
        /^    / { printf "%s%s\n", blank, substr($0, 5); blank = ""; next }
        { exit }
    ' "$top_srcdir/README"
}

# same_as_readme PATH FILE: the README block for PATH is FILE's content.
same_as_readme() {
    readme_block "$1" > "$tmp/readme-block"
    if [ ! -s "$tmp/readme-block" ]; then
        fail "README has no block starting '# $1'"
    elif cmp -s "$tmp/readme-block" "$2"; then
        ok "the README shows $1 as it is"
    else
        fail "the README's copy of $1 differs from the file:"
        diff "$2" "$tmp/readme-block" | sed 's/^/  /'
    fi
}

pip_wheel() {
    "$1" -m pip wheel -v --no-build-isolation --no-deps --no-index \
        -w "$3" "$2" > "$4" 2>&1
}

# wheel_files WHEEL: the names in a wheel, one per line.
wheel_files() {
    python3 -c 'import sys, zipfile
for n in zipfile.ZipFile(sys.argv[1]).namelist(): print(n)' "$1"
}

# cibw_option PY PYPROJECT KEY [PACKAGE]: a [tool.cibuildwheel] command as
# cibuildwheel runs it: a list joined with &&, {package} and {project}
# replaced by PACKAGE. A "pip install pyprobe" step is left out: the
# tests run the rest in fake_path's directory, whose pyprobe stands for
# the one it installs; with cibw_as_written=1 it stays
# (tests/example-cibuildwheel.sh runs it, in a virtual environment).
cibw_option() {
    cibw_as_written=${cibw_as_written:-0} "$1" - "$2" "$3" "${4-}" <<'PY'
import os, sys, tomllib
path, key, package = sys.argv[1:]
with open(path, "rb") as stream:
    value = tomllib.load(stream)["tool"]["cibuildwheel"][key]
if isinstance(value, list):
    if os.environ["cibw_as_written"] != "1":
        value = [step for step in value if step != "pip install pyprobe"]
    value = " && ".join(value)
print(value.replace("{package}", package).replace("{project}", package))
PY
}
