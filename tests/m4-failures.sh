#!/bin/sh
# pyprobe.m4 when things are missing or wrong: no pyprobe, a PYPROBE that
# names no program, a pyprobe too old, no Python (PYTHON wrong, which the
# advice must not answer with "set PYTHON"), a Python without headers,
# headers of another ABI (found through CPPFLAGS or CFLAGS), a policy
# pyprobe refuses, options it refuses (blamed on where they came from,
# not on pyprobe's age unless it really lacks a name). Each
# stops configure with its message when PYPROBE_CHECK has no
# ACTION-IF-NOT-FOUND; with one, that action runs instead, sees the same
# message in PYPROBE_ERROR, and finds the names empty and the
# conditionals false.
set -u
: "${PYPROBE:?run me through make check}" "${top_srcdir:?}"
. "$top_srcdir/tests/m4-project.sh"
status=0
fail() { echo "FAIL: $*"; status=1; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp" "$m4_bin"' EXIT

# A recorded free-threaded 3.14, replayed: its include directory does
# not exist on this machine, so it is a Python without headers.
cat > "$tmp/python3.14t" <<EOF
#!/bin/sh
exec python3 "$top_srcdir/tests/replay-python.py" \
    "$top_srcdir/tests/fixtures/interpreters/cpython-3.14t.json" "\$@"
EOF
chmod +x "$tmp/python3.14t"

m4_project "$tmp/fatal" <<'EOF' || exit 1
PYPROBE_CHECK
EOF
m4_project "$tmp/soft" <<'EOF' || exit 1
PYPROBE_CHECK([found=yes], [found=no
  AS_ECHO(["$PYPROBE_ERROR"]) > soft-error])
AS_ECHO(["found=$found"]) > found
EOF
m4_project "$tmp/old" <<'EOF' || exit 1
PYPROBE_PROG_PYPROBE([99.0])
PYPROBE_CHECK
EOF
m4_project "$tmp/acoptions" <<'EOF' || exit 1
PYPROBE_CHECK([], [], [--mypyc=no --abi3t=yes])
EOF

# expect NAME 'MESSAGE' [ARG]...: configure fails with MESSAGE; the soft
# project goes on with the same message.
expect() {
    name=$1 message=$2; shift 2
    if run_configure "$tmp/fatal" "$@"; then
        fail "$name: configure succeeded"
    elif [ "$(cat "$tmp/fatal/error")" != "$message" ]; then
        fail "$name: the message is:"
        sed 's/^/  /' "$tmp/fatal/error"; echo "  expected:"; echo "  $message"
    else
        echo "ok: $name: $message"
    fi
    rm -f "$tmp/soft/soft-error" "$tmp/soft/found"
    # Values left in the environment (a CI step that exported them, say)
    # must not come through.
    if ! PYPROBE_CPPFLAGS=stale PYPROBE_FREE_THREADED=1 \
            run_configure "$tmp/soft" "$@"; then
        fail "$name: configure with ACTION-IF-NOT-FOUND failed:"
        sed 's/^/  /' "$tmp/soft/error"
        return
    fi
    [ "$(cat "$tmp/soft/found")" = found=no ] ||
        fail "$name: ACTION-IF-NOT-FOUND did not run"
    [ "$(cat "$tmp/soft/soft-error" 2>/dev/null)" = "$message" ] ||
        fail "$name: PYPROBE_ERROR is '$(cat "$tmp/soft/soft-error")'"
    grep -v '=$' "$tmp/soft/values" > "$tmp/set"
    [ -s "$tmp/set" ] && fail "$name: names set after a failure: $(cat "$tmp/set")"
    [ "$(grep -c '=#1$' "$tmp/soft/conditionals")" = 4 ] ||
        fail "$name: conditionals true after a failure: $(cat "$tmp/soft/conditionals")"
}

# No pyprobe: not on PATH, or PYPROBE is not pyprobe.
PATH=/usr/bin:/bin expect "no pyprobe" \
    "pyprobe was not found: install pyprobe, or set PYPROBE to the pyprobe program"
expect "PYPROBE not pyprobe" \
    "\`/bin/true --version' does not say that it is pyprobe: set PYPROBE to the pyprobe program" \
    PYPROBE=/bin/true
fix_prog="set PYPROBE to the pyprobe program, or unset it to find pyprobe on PATH"
expect "PYPROBE no such file" \
    "/nonexist/pyprobe (PYPROBE): no such file: $fix_prog" \
    PYPROBE=/nonexist/pyprobe
printf '#!/bin/sh\n' > "$tmp/not-executable" || exit 99
expect "PYPROBE not executable" \
    "$tmp/not-executable (PYPROBE): not executable: $fix_prog" \
    PYPROBE="$tmp/not-executable"
expect "PYPROBE not on PATH" \
    "pyprobe-nowhere (PYPROBE): not found on PATH: $fix_prog" \
    PYPROBE=pyprobe-nowhere
# A name on PATH is fine, and so are options after the program.
run_configure "$tmp/fatal" PYPROBE="pyprobe --no-cache" \
        PYTHON=/usr/bin/python3.11 ||
    fail "PYPROBE='pyprobe --no-cache': $(cat "$tmp/fatal/error")"

# Too old for PYPROBE_PROG_PYPROBE([99.0]).
version=$("$pyprobe_bin" --version | sed 's/^pyprobe //')
if run_configure "$tmp/old"; then
    fail "too old: configure succeeded"
else
    want="pyprobe $version ($m4_bin/pyprobe) is too old, version 99.0 or later is needed: install a newer pyprobe, or set PYPROBE to one"
    [ "$(cat "$tmp/old/error")" = "$want" ] ||
        fail "too old: the message is '$(cat "$tmp/old/error")'"
fi

# No Python where PYTHON says: the advice is about PYTHON's value.
hint="PYTHON names no interpreter: correct it, or unset it to build for python3 (or python) from PATH"
expect "no Python (a path)" \
    "pyprobe: $tmp/nowhere/python3: no such file. $hint" \
    PYTHON="$tmp/nowhere/python3"
expect "no Python (a name)" \
    "pyprobe: python3.99-nowhere: not found on PATH. $hint" \
    PYTHON=python3.99-nowhere
printf '#!/bin/sh\nexit 3\n' > "$tmp/python-fails" && chmod +x "$tmp/python-fails" ||
    exit 99
expect "a PYTHON that fails" \
    "pyprobe: $tmp/python-fails: exited with status 3. PYTHON is not a working Python 3 interpreter (see config.log): correct it, or unset it to build for python3 (or python) from PATH" \
    PYTHON="$tmp/python-fails"

# A Python without headers.
expect "no headers" \
    "$tmp/python3.14t (ABI cp314t) has no headers: no Python.h in /opt/python-cpython-3.14t/include/python3.14t. Install its development files, python3.14-dev (Debian/Ubuntu) or python3.14-devel (Fedora), or set PYTHON to an interpreter that has them" \
    PYTHON="$tmp/python3.14t"

# Headers of another ABI first in CPPFLAGS: the debug build with the
# release headers, the free-threaded 3.14 with 3.11's.
advice="Remove the -I options for another Python's headers from CPPFLAGS, CFLAGS or CC"
expect "debug build, release headers" \
    "the Python.h the C compiler sees is not that of the interpreter: /usr/include/python3.11/Python.h is for Python 3.11 with free-threading (Py_GIL_DISABLED) no and debug (Py_DEBUG) no, but /usr/bin/python3.11d (ABI cp311d) is Python 3.11 with free-threading no and debug yes. $advice (pyprobe's own are: -I/usr/include/python3.11d), or set PYTHON to the interpreter those headers belong to" \
    PYTHON=/usr/bin/python3.11d CPPFLAGS=-I/usr/include/python3.11
expect "free-threaded 3.14, headers of 3.11" \
    "the Python.h the C compiler sees is not that of the interpreter: /usr/include/python3.11/Python.h is for Python 3.11 with free-threading (Py_GIL_DISABLED) no and debug (Py_DEBUG) no, but $tmp/python3.14t (ABI cp314t) is Python 3.14 with free-threading yes and debug no. $advice (pyprobe's own are: -I/opt/python-cpython-3.14t/include/python3.14t), or set PYTHON to the interpreter those headers belong to" \
    PYTHON="$tmp/python3.14t" CPPFLAGS="-I/usr/include/python3.11"
expect "release build, debug headers" \
    "the Python.h the C compiler sees is not that of the interpreter: /usr/include/python3.11d/Python.h is for Python 3.11 with free-threading (Py_GIL_DISABLED) no and debug (Py_DEBUG) yes, but /usr/bin/python3.11 (ABI cp311) is Python 3.11 with free-threading no and debug no. $advice (pyprobe's own are: -I/usr/include/python3.11), or set PYTHON to the interpreter those headers belong to" \
    PYTHON=/usr/bin/python3.11 CPPFLAGS="-I/usr/include/python3.11d"
# In CFLAGS the preprocessor does not see it; the compiler does.
expect "debug build, release headers in CFLAGS" \
    "cannot compile with the Python.h of /usr/bin/python3.11d (ABI cp311d) and -I/usr/include/python3.11d: it does not compile, or CC or CFLAGS point at another Python's headers (see config.log)" \
    PYTHON=/usr/bin/python3.11d CFLAGS="-g -O2 -I/usr/include/python3.11"
# The free-threaded sheet with a free-threaded build's headers would
# pass; with pyenv's 3.13 (a GIL build) it must not.
if command -v pyenv >/dev/null 2>&1 &&
   [ -f "$(pyenv root)/versions/3.13.0/include/python3.13/Python.h" ]; then
    inc=$(pyenv root)/versions/3.13.0/include/python3.13
    expect "free-threaded 3.14, headers of pyenv's 3.13" \
        "the Python.h the C compiler sees is not that of the interpreter: $inc/Python.h is for Python 3.13 with free-threading (Py_GIL_DISABLED) no and debug (Py_DEBUG) no, but $tmp/python3.14t (ABI cp314t) is Python 3.14 with free-threading yes and debug no. $advice (pyprobe's own are: -I/opt/python-cpython-3.14t/include/python3.14t), or set PYTHON to the interpreter those headers belong to" \
        PYTHON="$tmp/python3.14t" CPPFLAGS="-I$inc"
fi

# A policy pyprobe cannot meet, and options it does not know.
expect "policy" \
    "pyprobe: /usr/bin/pypy3: --mypyc=yes, but mypyc supports CPython only (use --mypyc=auto to build without mypyc here). Change the policy in PYPROBE_FLAGS, or PYTHON" \
    PYTHON=/usr/bin/pypy3 PYPROBE_FLAGS=--mypyc=yes
expect "bad option" \
    "pyprobe: --mypyc: 'sometimes' is not one of: auto, yes, no (see pyprobe --help). Check PYPROBE_FLAGS (--mypyc=sometimes)" \
    PYTHON=/usr/bin/python3.11 PYPROBE_FLAGS=--mypyc=sometimes

# expect_in DIR NAME 'MESSAGE' [ARG]...: configure of project DIR fails
# with MESSAGE.
expect_in() {
    dir=$1 name=$2 message=$3; shift 3
    if run_configure "$dir" "$@"; then
        fail "$name: configure succeeded"
    elif [ "$(cat "$dir/error")" != "$message" ]; then
        fail "$name: the message is:"
        sed 's/^/  /' "$dir/error"; echo "  expected:"; echo "  $message"
    else
        echo "ok: $name: $message"
    fi
}
expect_in "$tmp/acoptions" "bad options in configure.ac" \
    "pyprobe: --abi3t: needs --limited-api (abi3t is a stable-ABI build) (see pyprobe --help). Check the options configure.ac gives pyprobe (--mypyc=no --abi3t=yes)" \
    PYTHON=/usr/bin/python3.11
expect_in "$tmp/acoptions" "bad options in configure.ac and PYPROBE_FLAGS" \
    "pyprobe: --limited-api: '2.7' is not a limited-API version: expected 3.Y with Y >= 2, such as 3.11. Check PYPROBE_FLAGS (--limited-api=2.7) and the options configure.ac gives pyprobe before them (--mypyc=no --abi3t=yes)" \
    PYTHON=/usr/bin/python3.11 PYPROBE_FLAGS=--limited-api=2.7

# A pyprobe older than pyprobe.m4, which lacks a name (stood in for by one
# that hides UNKNOWN): that, and only that, blames its age.
cat > "$tmp/pyprobe-old" <<EOF
#!/bin/sh
case " \$* " in
*" --get unknown "*)
    echo "pyprobe: --get: unknown name 'unknown'; pyprobe --list-names shows them" >&2
    exit 2 ;;
*" --list-names "*)
    "$pyprobe_bin" --list-names | grep -v '^unknown ' ;;
*) exec "$pyprobe_bin" "\$@" ;;
esac
EOF
chmod +x "$tmp/pyprobe-old" || exit 99
expect "a pyprobe older than pyprobe.m4" \
    "pyprobe $version ($tmp/pyprobe-old) lacks names this pyprobe.m4 asks for (unknown): install a newer pyprobe, or set PYPROBE to one" \
    PYTHON=/usr/bin/python3.11 PYPROBE="$tmp/pyprobe-old"

# And the same projects succeed where all is well.
run_configure "$tmp/fatal" PYTHON=/usr/bin/python3.11 ||
    fail "python3.11: $(cat "$tmp/fatal/error")"
run_configure "$tmp/soft" PYTHON=/usr/bin/python3.11 &&
    [ "$(cat "$tmp/soft/found")" = found=yes ] ||
    fail "python3.11: ACTION-IF-FOUND did not run"
exit $status
