#!/bin/sh
# wheel-install.sh - the wheel installs offline into a virtual
# environment of each interpreter here, and there the pyprobe command,
# python -m pyprobe and the Python API answer for that interpreter.
#
# Uses the wheel tests/static-binary.sh built (Makefile.am runs that
# first). Per interpreter (Debian's python3.11 and pypy3, the oldest and
# newest pyenv CPython that pip runs on, the free-threaded one in
# $PYPROBE_TEST_FREE_THREADED): python -m venv, pip install --no-index
# WHEEL, then `pyprobe --get abi_tag`, `python -m pyprobe --get abi_tag`
# and `python -c 'import pyprobe; print(pyprobe.probe()["abi_tag"])'`
# with the environment's bin first on PATH must each print the ABI tag
# that this build's pyprobe gives. Python 3.6, whose pip (18.1) predates
# manylinux2014, gets the package with Debian's pip --target instead.
# Then the API's behaviour (tests/wheel-api.py) in the python3.11 one.
. "$(dirname "$0")/lib.sh"

build=$top_builddir/tests/static-build/build
wheel=$(ls "$build"/dist/pyprobe-*.whl 2>/dev/null) ||
    fatal "no wheel in $build/dist: tests/static-binary.sh makes it (make check runs it first)"
# What each environment runs must be the wheel's program, not this build's.
here_pyprobe=$PYPROBE
unset PYPROBE

pip_quiet="--no-index --disable-pip-version-check --no-warn-script-location -q"

# in_env VENV COMMAND...: run COMMAND with VENV/bin first on PATH.
in_env() {
    ie_venv=$1
    shift
    env PATH="$ie_venv/bin:$PATH" VIRTUAL_ENV="$ie_venv" "$@"
}

# The interpreters: Debian's, the oldest and newest pyenv CPython from
# 3.7 on (pip 23 runs on 3.7 and later), the free-threaded one.
{
    for python in /usr/bin/python3.11 /usr/bin/pypy3; do
        [ -x "$python" ] && echo "$python"
    done
    pyenv_pythons | awk -F/ '{ v = $NF; sub(/^python3\./, "", v); if (v + 0 >= 7) print }' |
        sed -n '1p;$p' | uniq
    free_threaded_python
} >"$T/pythons" 2>"$T/notes"
sed 's/^/# /' "$T/notes"

n=0
while read -r python; do
    n=$((n + 1))
    venv=$T/venv$n
    want=$("$here_pyprobe" --python "$python" --get abi_tag) ||
        { fail "this build's pyprobe cannot probe $python"; continue; }
    if "$python" -m venv "$venv" >"$T/err" 2>&1; then
        how="python -m venv; pip install --no-index"
        run "$venv/bin/python" -m pip install $pip_quiet "$wheel"
    else
        # No ensurepip: Debian's pip installs into it.
        how="python -m venv --without-pip; python3 -m pip --python"
        "$python" -m venv --without-pip "$venv" >"$T/err" 2>&1 ||
            { fail "$python: cannot make a virtual environment"; cat "$T/err"; continue; }
        run python3 -m pip --python "$venv/bin/python" install $pip_quiet "$wheel"
    fi
    if [ "$RC" -ne 0 ]; then
        fail "$python: installing the wheel failed ($how)"
        show_output
        continue
    fi
    got1=$(in_env "$venv" pyprobe --get abi_tag 2>&1)
    got2=$(in_env "$venv" python -m pyprobe --get abi_tag 2>&1)
    got3=$(in_env "$venv" python -c 'import pyprobe; print(pyprobe.probe()["abi_tag"])' 2>&1)
    runs=$(in_env "$venv" python -c 'import pyprobe; print(pyprobe.executable())' 2>&1)
    if [ "$got1" = "$want" ] && [ "$got2" = "$want" ] && [ "$got3" = "$want" ]; then
        pass "$python ($how): pyprobe, python -m pyprobe and pyprobe.probe() say $want"
    else
        fail "$python: want $want; pyprobe: $got1; python -m pyprobe: $got2; probe(): $got3"
    fi
    check "$python: the API runs the wheel's program ($runs)" \
        test "$runs" = "$venv/bin/pyprobe"
    dirs="$(in_env "$venv" pyprobe --print-aclocaldir 2>&1) $(in_env "$venv" pyprobe --print-datadir 2>&1) "
    check "$python: --print-aclocaldir and --print-datadir name the wheel's data ($dirs)" \
        test "$dirs" = "$venv/share/aclocal $venv/share/pyprobe " -a \
        -f "$venv/share/aclocal/pyprobe.m4" -a -f "$venv/share/pyprobe/pyprobe_env.py"
    [ "$python" = /usr/bin/python3.11 ] && api_venv=$venv
done <"$T/pythons"

# Python 3.6: the package through pip install --target, the program from
# its bin/ there.
py36=$(pyenv_pythons | grep '/python3\.6$' | head -n 1)
if [ -n "$py36" ]; then
    run python3 -m pip install $pip_quiet --target "$T/target36" "$wheel"
    if [ "$RC" -eq 0 ]; then
        want=$("$here_pyprobe" --python "$py36" --get abi_tag)
        got2=$(cd "$T" && PYTHONPATH=$T/target36 "$py36" -m pyprobe --get abi_tag 2>&1)
        got3=$(cd "$T" && PYTHONPATH=$T/target36 "$py36" -c 'import pyprobe; print(pyprobe.probe()["abi_tag"])' 2>&1)
        check "$py36 (pip --target): python -m pyprobe and probe() say $want ($got2, $got3)" \
            test "$got2" = "$want" -a "$got3" = "$want"
    else
        fail "pip install --target for $py36 failed"
        show_output
    fi
else
    note "no pyenv Python 3.6: the package is not run on 3.6 here"
fi

# The API's behaviour, in python3.11's environment.
if [ -n "${api_venv:-}" ]; then
    if in_env "$api_venv" python "$top_srcdir/tests/wheel-api.py" \
            "$here_pyprobe" "$T" >"$T/api" 2>&1; then
        pass "the Python API behaves as documented (tests/wheel-api.py):"
    else
        fail "tests/wheel-api.py:"
    fi
    sed 's/^/  /' "$T/api"
else
    fail "no python3.11 environment for tests/wheel-api.py"
fi

finish
