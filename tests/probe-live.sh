#!/bin/sh
# Every interpreter on this machine: pyprobe's facts must equal what the
# interpreter reports about itself when asked the ordinary way
# (tests/expected-facts.py), on the fast path and with --use-sysconfig.
# Debian's python3.11, python3.11d and pypy3 are required (.ci/run
# installs them); pyenv's builds are tested when pyenv is there.
set -u
: "${PYPROBE:?run me through make check}" "${top_srcdir:?}"
expected=$top_srcdir/tests/expected-facts.py
status=0
tested=0

# Compare every name expected-facts.py prints with pyprobe --get.
check() {   # check PYTHON [pyprobe options...]
    python=$1; shift
    if ! want=$("$python" -I "$expected"); then
        echo "FAIL: $python: expected-facts.py failed"; status=1; return
    fi
    names=$(printf '%s\n' "$want" | cut -d= -f1)
    gets=
    for name in $names; do gets="$gets --get $name"; done
    if ! "$PYPROBE" --python "$python" "$@" $gets > "$tmp/values"; then
        echo "FAIL: $python: pyprobe $* failed"; status=1; return
    fi
    got=$(for name in $names; do
              IFS= read -r value && printf '%s=%s\n' "$name" "$value"
          done < "$tmp/values")
    if [ "$want" != "$got" ]; then
        echo "FAIL: $python $*: pyprobe and the interpreter disagree:"
        printf '%s\n' "$want" > "$tmp/want"
        printf '%s\n' "$got" > "$tmp/got"
        diff "$tmp/want" "$tmp/got" | sed 's/^/  /'
        status=1
    else
        echo "ok: $python $* ($(printf '%s\n' "$got" | grep '^abi_tag='))"
    fi
}

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

interpreters="/usr/bin/python3.11 /usr/bin/python3.11d /usr/bin/pypy3"
for python in $interpreters; do
    if [ ! -x "$python" ]; then
        echo "FAIL: $python is missing (apt-get install python3.11-dbg pypy3)"
        status=1
    fi
done
if command -v pyenv >/dev/null 2>&1; then
    root=$(pyenv root)
    for python in "$root"/versions/3.*/bin/python3.[0-9] \
                  "$root"/versions/3.*/bin/python3.[0-9][0-9]; do
        [ -x "$python" ] && interpreters="$interpreters $python"
    done
else
    echo "note: no pyenv on this machine; testing Debian's interpreters only"
fi

for python in $interpreters; do
    [ -x "$python" ] || continue
    check "$python"
    check "$python" --use-sysconfig
    tested=$((tested + 1))
done

# A virtual environment: PYTHON stays the venv's (not the base it links
# to), prefixes differ, headers are the base interpreter's.
if /usr/bin/python3.11 -m venv --without-pip "$tmp/venv" 2>/dev/null; then
    check "$tmp/venv/bin/python"
    got=$("$PYPROBE" --python "$tmp/venv/bin/python" --get python --get venv)
    want=$(printf '%s\n1' "$tmp/venv/bin/python")
    [ "$got" = "$want" ] || { echo "FAIL: venv: got $got"; status=1; }
    tested=$((tested + 1))
else
    echo "FAIL: cannot create a venv with /usr/bin/python3.11 (python3-venv)"
    status=1
fi

echo "$tested interpreters compared"
[ "$tested" -ge 4 ] || { echo "FAIL: too few interpreters"; status=1; }
exit $status
