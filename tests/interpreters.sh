# tests/interpreters.sh - the interpreters the tests look at.
#
# Sourced by tests/lib.sh; it defines functions only (no side
# effects). Each prints paths, one per
# line, and says on stderr (as "# ..." notes) what it could not find.

# pyenv_root: print the pyenv root, or return 1 (saying why on stderr).
pyenv_root() {
    if command -v pyenv >/dev/null 2>&1; then
        pyenv root
        return 0
    fi
    for pr_dir in "${PYENV_ROOT:-}" "${HOME:-/nonexistent}/.pyenv"; do
        if [ -n "$pr_dir" ] && [ -d "$pr_dir/versions" ]; then
            echo "$pr_dir"
            return 0
        fi
    done
    echo "pyenv is not installed (no pyenv on PATH, no \$PYENV_ROOT," \
         "no ~/.pyenv/versions)" >&2
    return 1
}

# pyenv_pythons: print the pyenv CPython 3 interpreters, one per line,
# oldest first (versions/X.Y.Z/bin/pythonX.Y).
pyenv_pythons() {
    pp_root=$(pyenv_root 2>/dev/null) || return 0
    for pp_dir in "$pp_root"/versions/3.*; do
        [ -d "$pp_dir" ] || continue
        pp_version=$(basename "$pp_dir")
        pp_short=$(echo "$pp_version" | sed -n 's/^\(3\.[0-9]*\)\.[0-9]*$/\1/p')
        [ -n "$pp_short" ] || continue
        [ -x "$pp_dir/bin/python$pp_short" ] && echo "$pp_dir/bin/python$pp_short"
    done | sort -V
}

# all_pythons: every interpreter the tests probe, one per line: Debian's
# python3.11 and python3.11d, pypy3, and the pyenv CPythons. A missing
# one is reported as a note (CI installs python3.11-dbg and pypy3).
all_pythons() {
    for ap in /usr/bin/python3.11 /usr/bin/python3.11d /usr/bin/pypy3; do
        if [ -x "$ap" ]; then
            echo "$ap"
        else
            echo "# $ap is not installed; not tested here" >&2
        fi
    done
    pyenv_pythons
    free_threaded_python
}

# free_threaded_python: print the real free-threaded CPython named by
# $PYPROBE_TEST_FREE_THREADED (.ci/run builds one with
# tests/tools/build-free-threaded-python.sh), or say that there is none:
# the recorded 3.13t/3.14t/3.15t sheets are then the only free-threaded
# interpreters tested.
free_threaded_python() {
    if [ -n "${PYPROBE_TEST_FREE_THREADED:-}" ] &&
       [ -x "$PYPROBE_TEST_FREE_THREADED" ]; then
        echo "$PYPROBE_TEST_FREE_THREADED"
    else
        echo "# no real free-threaded CPython (set" \
             "PYPROBE_TEST_FREE_THREADED; tests/tools/build-free-threaded-python.sh" \
             "builds one)" >&2
    fi
}

# reference_pythons: "NAME PATH" for each interpreter here that the
# reference answers for: packaging 26.3 runs on Python 3.9 or newer, and
# ../shared/oracle/sys-tags answers for CPython 3.6 to 3.8 by running it
# in python3 with the target's version and config variables. NAME names
# its recorded list in tests/data/oracle-tags.
reference_pythons() {
    for rp in /usr/bin/python3.11 /usr/bin/python3.11d /usr/bin/pypy3; do
        if [ -x "$rp" ]; then
            echo "$(basename "$rp") $rp"
        else
            echo "# $rp is not installed: not compared here" >&2
        fi
    done
    for rp in $(pyenv_pythons); do
        rp_short=${rp##*/python}
        [ "${rp_short#3.}" -ge 6 ] && echo "pyenv-$rp_short $rp"
    done
    rp=$(free_threaded_python 2>/dev/null) && [ -n "$rp" ] &&
        echo "built-3.13t $rp"
    return 0
}

# tool_python: print a python3 (3.8 or newer) for the tests' own work:
# running stand-ins, reading sheets. Not one that is probed.
tool_python() {
    for tp in /usr/bin/python3 python3; do
        if "$tp" -c 'import sys; sys.exit(sys.version_info < (3, 8))' \
                2>/dev/null; then
            command -v "$tp"
            return 0
        fi
    done
    echo "# no python3 >= 3.8 to run the tests' tools" >&2
    return 1
}
