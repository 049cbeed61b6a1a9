#!/bin/sh
# reproducers.sh - the inputs that crashed or stalled pyprobe 0.1
# (tests/data/reproducers, described in its README) each get one clear
# line and a documented exit status, quickly. F1 (a cache entry without
# its answer) is in cache.sh and F4 (facts loaded with no error struct)
# in the unit tests (check_facts); the others are here:
#
#   F2  build-details.json with an unknown releaselevel or a version
#       number that does not fit PY_VERSION_HEX: refused (exit 5)
#   F3  a sysroot whose patchlevel.h says PY_MINOR_VERSION 40000: refused
#   F5  an 80,000-key answer and a 100,000-key _sysconfigdata file:
#       parsed in linear time (each under RUN_LIMIT seconds here)
#   F7  an interpreter that fails is run once, not twice
#   F8  an interpreter that leaves a daemon (or a background job) holding
#       its pipes: the answer is read when the interpreter exits, not
#       after --timeout
. "$(dirname "$0")/../lib.sh"
require_debian_python
cd "$T" || fatal "cannot cd to $T"
R=$top_srcdir/tests/data/reproducers
export PYPROBE_CACHE_DIR="$T/cache"

# one_line WHAT: the last run printed exactly one "pyprobe: " line.
one_line() {
    check "$1: one 'pyprobe:' line on stderr" \
        test "$(wc -l <"$T/err")" -eq 1 -a "$(grep -c '^pyprobe: ' "$T/err")" -eq 1
}

# --- F2: build-details.json ---------------------------------------------------

for name in build-details-releaselevel-gamma.json \
        build-details-releaselevel-d.bin build-details-major-2pow40.json; do
    dir=$T/bd-$name/usr/lib/python3.14
    mkdir -p "$dir" && cp "$R/$name" "$dir/build-details.json"
    if expect_exit 5 -- "$PYPROBE" --build-details "$dir/build-details.json" \
            --libc glibc-2.36 --get abi_tag; then
        one_line "F2 $name"
        check "F2 $name: names the version field" \
            grep -q 'version_info has \(an unknown releaselevel\|a version number outside\)' "$T/err"
    fi
done

# --- F3: patchlevel.h -----------------------------------------------------------

tar -C "$T" -xzf "$R/sysroot-patchlevel-minor-40000.tar.gz" ||
    fatal "cannot unpack the F3 sysroot"
if expect_exit 2 -- "$PYPROBE" --sysconfigdata \
        "$T/pl/usr/lib/python3.11/_sysconfigdata__x86_64-linux-gnu.py" \
        --get abi_tag; then
    one_line "F3 PY_MINOR_VERSION 40000"
    check "F3: the version is refused as not the file's" \
        grep -q "is not the file's 3.11" "$T/err"
fi

# --- F5: linear parsing -----------------------------------------------------------

RUN_LIMIT=20
# The reproducer itself (20,000 keys), and the same at 80,000 keys, which
# still fits the 1 MiB answer limit and took pyprobe 0.1 43 s.
sed "s|^#!.*|#!$DEBIAN_PY|" "$R/quadratic_dict-interpreter.py" >"$T/keys-20k"
sed "s|^#!.*|#!$DEBIAN_PY|; s|^n = 20000|n = 80000|" \
    "$R/quadratic_dict-interpreter.py" >"$T/keys-80k"
chmod +x "$T/keys-20k" "$T/keys-80k"
for keys in 20k 80k; do
    start=$(now_ms)
    if expect_exit 5 -- "$PYPROBE" --no-cache --python "$T/keys-$keys" \
            --get abi_tag; then
        took=$(($(now_ms) - start))
        one_line "F5 a $keys-key answer"
        check "F5 a $keys-key answer: refused in ${took} ms (under 5 s)" \
            test "$took" -lt 5000
    fi
done
mkdir -p "$T/big/usr/lib/python3.11"
gzip -dc "$R/sysconfigdata-100k-keys.py.gz" \
    >"$T/big/usr/lib/python3.11/_sysconfigdata__x86_64-linux-gnu.py"
start=$(now_ms)
if expect_exit 5 -- "$PYPROBE" --sysconfigdata \
        "$T/big/usr/lib/python3.11/_sysconfigdata__x86_64-linux-gnu.py" \
        --get abi_tag; then
    took=$(($(now_ms) - start))
    one_line "F5 a 100,000-key _sysconfigdata file"
    check "F5 a 100,000-key _sysconfigdata file: read in ${took} ms (under 5 s)" \
        test "$took" -lt 5000
fi
RUN_LIMIT=120

# --- F7: a failing interpreter runs once ----------------------------------------------

failing=$(fake_python failing "echo run >>\"$T/runs\"; sleep 1; echo broken >&2; exit 3")
for cache in "" --no-cache; do
    : >"$T/runs"
    if expect_exit 4 -- "$PYPROBE" $cache --python "$failing" --get abi_tag; then
        one_line "F7 ${cache:-with the script cache}"
        check "F7 ${cache:-with the script cache}: the interpreter ran once" \
            test "$(wc -l <"$T/runs")" -eq 1
    fi
done

# --- F8: pipes held open by what the interpreter started -------------------------------

daemon=$(fake_python daemon "setsid sleep 60 </dev/null & echo \$! >>\"$T/pids\"; exec \"$DEBIAN_PY\" \"\$@\"")
background=$(fake_python background "sleep 60 & echo \$! >>\"$T/pids\"; \"$DEBIAN_PY\" \"\$@\"")
for holder in daemon background; do
    eval "py=\$$holder"
    start=$(now_ms)
    if expect_exit 0 -- "$PYPROBE" --no-cache --timeout 20 --python "$py" \
            --get abi_tag; then
        took=$(($(now_ms) - start))
        check "F8 a $holder holding the pipes: the answer (cp311) in ${took} ms" \
            test "$(cat "$T/out")" = cp311 -a "$took" -lt 5000
    fi
done

finish
