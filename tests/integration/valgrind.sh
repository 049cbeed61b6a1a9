#!/bin/sh
# valgrind.sh - no memory errors and no leaks on the main paths.
#
# pyprobe itself (not the interpreter it runs: no --trace-children) under
# memcheck: a probe with --json, with --tags and --header, a program that
# is not Python, a hanging interpreter killed by --timeout, --facts
# reading a file written by --json, the cache (filled, then read), every
# command (tags, check-wheel, check-release, verify-import, list), the
# description files (--sysconfigdata, --build-details) and the GitHub
# outputs. Every run must end with pyprobe's own
# exit code and without a single valgrind report (-q prints only errors;
# definite and indirect leaks count as errors). Also: glibc's
# MALLOC_PERTURB_ must not change the answer (uninitialised memory).

. "$(dirname "$0")/../lib.sh"
require_debian_python
command -v valgrind >/dev/null 2>&1 ||
    skip "valgrind is not installed (apt-get install valgrind)"
[ -x "$LIBTOOL" ] || skip "no libtool script at $LIBTOOL (run configure)"
cd "$T" || fatal "cannot cd to $T"

# memcheck CODE DESCRIPTION ARGS...: run pyprobe ARGS... under valgrind;
# it must exit with CODE (valgrind exits 1 on an error: pyprobe's "a
# check said no", which none of these runs can mean) and valgrind must
# report nothing.
memcheck() {
    mc_code=$1 mc_desc=$2
    shift 2
    run "$LIBTOOL" --mode=execute valgrind --error-exitcode=1 \
        --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --track-fds=no -q "$PYPROBE" "$@"
    mc_reports=$(grep -c '^==[0-9]*==' "$T/err")
    if [ "$RC" -eq "$mc_code" ] && [ "$mc_reports" -eq 0 ]; then
        pass "$mc_desc: exit $RC, valgrind clean"
    else
        fail "$mc_desc: exit $RC (expected $mc_code), $mc_reports valgrind lines"
        grep -m 40 '^==[0-9]*==' "$T/err"
        grep -v '^==[0-9]*==' "$T/err" | head -n 5
    fi
}

# A probe printing JSON; keep it for --facts.
memcheck 0 "--json" --python "$DEBIAN_PY" --json
cp "$T/out" "$T/facts.json"
check "--json under valgrind printed the JSON" grep -q '"abi_tag"' "$T/facts.json"

# Both files, written and then left unchanged, then replaced.
memcheck 0 "--tags and --header (new files)" --python "$DEBIAN_PY" \
    --tags "$T/python.env" --header "$T/python.h"
memcheck 0 "--tags and --header (unchanged)" --python "$DEBIAN_PY" \
    --tags "$T/python.env" --header "$T/python.h"
memcheck 0 "--tags and --header (replaced)" --python "$DEBIAN_PY" \
    --mypyc=no --tags "$T/python.env" --header "$T/python.h"

# A program that is not Python.
junk=$(fake_python junk 'echo "I am not Python"')
memcheck 5 "not-Python program" --python "$junk"
memcheck 4 "/bin/sh as interpreter" --python /bin/sh

# A hanging interpreter, killed after one second (after printing a
# little on both streams, so that buffers are in use when it is killed).
hang=$(fake_python hang 'echo $$ >>"$T_PIDS"
echo "pyprobe-probe 1"; echo "some error" >&2
exec sleep 300')
T_PIDS=$T/pids
export T_PIDS
memcheck 4 "--timeout 1 on a hanging interpreter" --timeout 1 --python "$hang"

# Facts read back from the JSON file, no interpreter run.
memcheck 0 "--facts FILE --get abi_tag" --facts "$T/facts.json" --get abi_tag
check "--facts under valgrind printed the ABI tag" \
    test "$(cat "$T/out")" = cp311

# glibc's MALLOC_PERTURB_ fills fresh allocations with junk: a value read
# from memory that was never written shows up without valgrind too. The
# answer must be exactly the same as without it.
expect_exit 0 -- "$PYPROBE" --python "$DEBIAN_PY" --json
cp "$T/out" "$T/plain.json"
for byte in 165 90; do
    if expect_exit 0 -- env MALLOC_PERTURB_=$byte "$PYPROBE" \
            --python "$DEBIAN_PY" --json; then
        check "MALLOC_PERTURB_=$byte: --json is unchanged" \
            cmp -s "$T/plain.json" "$T/out"
    fi
done

# An output that cannot be written (error path with temporary files).
memcheck 7 "--tags into a missing directory" --python "$DEBIAN_PY" \
    --header "$T/python2.h" --tags "$T/missing/python.env"

# The other commands and inputs, each once.
PYPROBE_CACHE_DIR=$T/cache
export PYPROBE_CACHE_DIR
unset PYPROBE_NO_CACHE
memcheck 0 "the summary, filling the cache" --python "$DEBIAN_PY"
memcheck 0 "the summary from the cache" --python "$DEBIAN_PY"
check "the cache was used" test -n "$(ls "$T/cache")"
PYPROBE_NO_CACHE=1
export PYPROBE_NO_CACHE
memcheck 0 "tags --facts" tags --facts "$T/facts.json"
touch "$T/demo-1.0-cp311-cp311-linux_x86_64.whl" \
      "$T/demo-1.0-cp311-cp311t-linux_x86_64.whl"
memcheck 1 "check-wheel --expect-abi, one right, one wrong, one malformed" \
    check-wheel --facts "$T/facts.json" --expect-abi cp311 \
    "$T/demo-1.0-cp311-cp311-linux_x86_64.whl" \
    "$T/demo-1.0-cp311-cp311t-linux_x86_64.whl" "$T/not-a-wheel.whl"
printf 'cp311 linux_x86_64\ncp312 linux_x86_64\n' > "$T/manifest"
memcheck 1 "check-release, a wrong ABI and a missing cell" \
    check-release "$T/manifest" "$T"
touch "$T/demo-1.0-1-cp311-cp311-linux_x86_64.whl" \
      "$T/demo-0.9-cp311-cp311-linux_x86_64.whl" "$T/demo-1.0.tar.gz"
memcheck 1 "check-release --sdist --json: a duplicate, a mixed, the sdist" \
    check-release --sdist --json "$T/manifest" "$T"
memcheck 0 "verify-import of a standard module" \
    verify-import --python "$DEBIAN_PY" json
memcheck 0 "list --json" list --json
sysconfigdata=$(ls /usr/lib/python3.11/_sysconfigdata__x86_64-linux-gnu.py)
memcheck 0 "--sysconfigdata (Debian's python3.11)" \
    --sysconfigdata "$sysconfigdata" --libc glibc-2.36 --json
tool_py -c '
import json, os, sys
sheet = json.load(open(sys.argv[1]))
path = sys.argv[2] + sheet["build-details.json path"]
os.makedirs(os.path.dirname(path))
json.dump(sheet["build-details.json"], open(path, "w"))
print(path)' "$top_srcdir/tests/fixtures/interpreters/cpython-3.14t.json" \
    "$T/root" > "$T/details" || fatal "cannot lay out build-details.json"
memcheck 0 "--build-details (recorded 3.14t)" \
    --build-details "$(cat "$T/details")" --libc glibc-2.36 --json
GITHUB_OUTPUT=$T/github-output GITHUB_ENV=$T/github-env
export GITHUB_OUTPUT GITHUB_ENV
memcheck 0 "--github-output and --github-env" --python "$DEBIAN_PY" \
    --github-output --github-env
finish
