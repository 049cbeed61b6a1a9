#!/bin/sh
# probe-live.sh - every interpreter on this machine: pyprobe's facts
# equal what the interpreter reports about itself when asked the
# ordinary way (tests/tools/expected-facts.py), on the fast path and
# with --use-sysconfig. Debian's python3.11, python3.11d and pypy3 (CI
# installs them), pyenv's CPythons, a real free-threaded CPython when
# $PYPROBE_TEST_FREE_THREADED names one, and a virtual environment.

. "$(dirname "$0")/../lib.sh"
require_debian_python
expected=$top_srcdir/tests/tools/expected-facts.py
tested=0

# compare PYTHON [OPTIONS...]: every name expected-facts.py prints must
# have the same value in pyprobe --get.
compare() {
    cp_python=$1
    shift
    if ! "$cp_python" -I "$expected" >"$T/want"; then
        fail "$cp_python: expected-facts.py failed"
        return
    fi
    cp_gets=
    for cp_name in $(cut -d= -f1 "$T/want"); do
        cp_gets="$cp_gets --get $cp_name"
    done
    # shellcheck disable=SC2086
    if ! "$PYPROBE" --python "$cp_python" "$@" $cp_gets >"$T/values"; then
        fail "$cp_python $*: pyprobe failed"
        return
    fi
    for cp_name in $(cut -d= -f1 "$T/want"); do
        IFS= read -r cp_value && printf '%s=%s\n' "$cp_name" "$cp_value"
    done <"$T/values" >"$T/got"
    if cmp -s "$T/want" "$T/got"; then
        pass "$cp_python $* ($(grep '^abi_tag=' "$T/got"))"
    else
        fail "$cp_python $*: pyprobe and the interpreter disagree:"
        diff "$T/want" "$T/got" | sed 's/^/    /'
    fi
}

for python in $(all_pythons); do
    compare "$python"
    compare "$python" --use-sysconfig
    tested=$((tested + 1))
done

# A virtual environment: PYTHON stays the venv's interpreter (not the
# base it links to), prefixes differ, headers are the base's.
if "$DEBIAN_PY" -m venv --without-pip "$T/venv" 2>"$T/err"; then
    compare "$T/venv/bin/python"
    "$PYPROBE" --python "$T/venv/bin/python" --get python --get venv >"$T/out"
    printf '%s\n1\n' "$T/venv/bin/python" >"$T/want"
    check "the venv's interpreter is reported as itself, in a venv" \
        cmp -s "$T/want" "$T/out"
    tested=$((tested + 1))
else
    fail "cannot create a venv with $DEBIAN_PY: $(cat "$T/err")"
fi

note "$tested interpreters compared"
[ "$tested" -ge 4 ] || fail "too few interpreters ($tested)"
finish
