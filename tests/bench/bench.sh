#!/bin/sh
# make bench: pyprobe against the other ways of asking an interpreter
# about itself, all run alternately by bench-run in one process; prints
# medians, ratios and the targets. Not part of make check.
#
#   BENCH_PYTHON   the interpreter (default /usr/bin/python3.11)
#   BENCH_ROUNDS   rounds (default 200)
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
py=${BENCH_PYTHON:-/usr/bin/python3.11}
rounds=${BENCH_ROUNDS:-200}
pyprobe=$top_builddir/tests/bench/pyprobe-bench
run=$top_builddir/tests/bench/bench-run
shared=$top_srcdir/../shared
[ -x "$py" ] || { echo "bench: no $py (set BENCH_PYTHON)"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# --build-details needs a build-details.json: the recorded 3.14 one, in
# a sysroot laid out as the interpreter's own.
python3 - "$top_srcdir/tests/fixtures/interpreters/cpython-3.14.json" \
    "$tmp/root" <<'EOF' > "$tmp/details-path" || exit 1
import json, os, sys
sheet = json.load(open(sys.argv[1]))
path = sys.argv[2] + sheet['build-details.json path']
os.makedirs(os.path.dirname(path))
json.dump(sheet['build-details.json'], open(path, 'w'), indent=2)
print(path)
EOF
details=$(cat "$tmp/details-path")

spec=$tmp/spec
competitor() {   # competitor NAME [env VAR=VALUE]... -- ARG...
    echo "competitor $1"; shift
    while [ $# -gt 0 ] && [ "$1" != -- ]; do echo "$1"; shift; done
    shift
    for arg in "$@"; do echo "arg $arg"; done
}
{
    competitor "/bin/true" reference -- /bin/true
    competitor "bare start-up: PY -I -S -c pass" reference -- \
        "$py" -I -S -c pass
    competitor "sysconfig one-liner" -- "$py" -c \
        'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))'
    if [ -x "$py-config" ]; then
        competitor "PY-config --extension-suffix" -- \
            "$py-config" --extension-suffix
    fi
    if "$py" -m pip --version > /dev/null 2>&1; then
        competitor "PY -m pip debug --verbose" -- \
            "$py" -m pip debug --verbose
    fi
    competitor "pyprobe cold (--no-cache)" "env PYPROBE_CACHE_DIR=$tmp/cache" \
        -- "$pyprobe" --python "$py" --no-cache --get ext_suffix
    competitor "pyprobe cold, script bytecode not cached" \
        "env PYPROBE_CACHE_DIR=$tmp/open/none" -- \
        "$pyprobe" --python "$py" --no-cache --get ext_suffix
    competitor "pyprobe warm (cached)" "env PYPROBE_CACHE_DIR=$tmp/cache" \
        -- "$pyprobe" --python "$py" --get ext_suffix
    competitor "pyprobe --build-details" -- \
        "$pyprobe" --build-details "$details" --get ext_suffix
    if [ -d "$shared/oracle" ]; then
        competitor "tag list: packaging sys_tags()" -- \
            /bin/sh "$shared/oracle/sys-tags" "$py"
    fi
    competitor "tag list: pyprobe tags (warm)" \
        "env PYPROBE_CACHE_DIR=$tmp/cache" -- "$pyprobe" tags --python "$py"
} > "$spec"

# Fill the cache the warm runs use (and the script's bytecode the cold
# ones use). The "not cached" one's cache is below a directory anyone may
# write to, where pyprobe does not keep the script (see the README for
# what cold means).
PYPROBE_CACHE_DIR=$tmp/cache "$pyprobe" --python "$py" --get ext_suffix \
    > /dev/null || exit 1
mkdir -m 777 "$tmp/open" || exit 1

echo "pyprobe benchmark: $py ($("$py" -c 'import sys; print(sys.version.split()[0])')), $(uname -m), $(nproc 2>/dev/null || echo ?) CPUs"
"$run" -n "$rounds" -o "$tmp/tsv" "$spec" || exit 1

# The targets (issue 5), from the wall-clock medians.
awk -F '\t' '
    { t[$1] = $2 }
    function check(what, a, b, op, limit,   r) {
        if (!(a in t) || !(b in t)) { printf "%-44s n/a\n", what; return }
        r = t[a] / t[b]
        printf "%-44s %6.2f  (target %s %s) %s\n", what, r, op, limit,
            (op == "<=" ? r <= limit : r >= limit) ? "met" : "NOT MET"
    }
    END {
        print ""
        check("cold / bare start-up", "pyprobe cold (--no-cache)",
              "bare start-up: PY -I -S -c pass", "<=", 1.3)
        check("cold, no bytecode cache / bare start-up",
              "pyprobe cold, script bytecode not cached",
              "bare start-up: PY -I -S -c pass", "<=", 1.3)
        check("warm / /bin/true", "pyprobe warm (cached)", "/bin/true",
              "<=", 2)
        check("--build-details / /bin/true", "pyprobe --build-details",
              "/bin/true", "<=", 2)
        check("tag list: packaging / pyprobe (speed-up)",
              "tag list: packaging sys_tags()",
              "tag list: pyprobe tags (warm)", ">=", 10)
    }' "$tmp/tsv"
