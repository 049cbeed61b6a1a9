#!/bin/sh
# make bench-list: `pyprobe list` with pyenv's shims on PATH against the
# same command without them (the target: within 2x). Prints the median
# of the rounds of each and their ratio, with the answer cache warm and
# with --no-cache. Not part of make check: it needs a real pyenv, whose
# shims are what costs (each run is a few of pyenv's shell scripts).
#
#   BENCH_PYENV_ROOT  the pyenv root (default: `pyenv root`)
#   BENCH_ROUNDS      rounds of each (default 5)
#   BENCH_PYPROBE     the pyprobe to measure (default: this build's)
set -u
: "${top_builddir:?}"
rounds=${BENCH_ROUNDS:-5}
pyprobe=${BENCH_PYPROBE:-$top_builddir/src/pyprobe}
root=${BENCH_PYENV_ROOT:-$(pyenv root 2>/dev/null)}
if [ -z "$root" ] || [ ! -d "$root/shims" ]; then
    echo "bench-list: no pyenv shims (install pyenv, or set BENCH_PYENV_ROOT)"
    exit 1
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
base=/usr/local/bin:/usr/bin:/bin

# median PATH ARG...: the median seconds of `pyprobe list ARG...` with
# PATH, its versions found through PYENV_ROOT either way.
median() {
    m_path=$1; shift
    i=0
    while [ $i -lt "$rounds" ]; do
        start=$(date +%s%N)
        env PYENV_ROOT="$root" PYPROBE_CACHE_DIR="$tmp/cache" PATH="$m_path" \
            "$pyprobe" list "$@" > "$tmp/out" 2>&1
        end=$(date +%s%N)
        echo $(((end - start) / 1000000))
        i=$((i + 1))
    done | sort -n | awk '{ t[NR] = $1 } END { printf "%.3f", t[int((NR + 1) / 2)] / 1000 }'
}

echo "pyprobe list, $rounds rounds each, median seconds ($pyprobe)"
echo "shims: $root/shims ($(ls "$root/shims" | wc -l) of them)"
# warm the cache for both PATHs first
median "$root/shims:$base" > /dev/null
median "$base" > /dev/null
for mode in warm cold; do
    args=
    [ $mode = cold ] && args=--no-cache
    with=$(median "$root/shims:$base" $args)
    without=$(median "$base" $args)
    awk -v m="$mode" -v a="$with" -v b="$without" 'BEGIN {
        printf "%-5s with shims %7.3f s  without %7.3f s  ratio %5.2f  (target <= 2)\n",
               m, a, b, (b > 0 ? a / b : 0) }'
done
