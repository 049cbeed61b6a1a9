#!/bin/sh
# The consumer project (tests/consumer): an Autotools project that uses
# nothing but the installed pyprobe.m4 and libtool, built for every
# interpreter on this machine and imported by it.
#
#  - pyprobe is installed (make install DESTDIR=...) into a temporary
#    directory; the consumer's autoreconf finds pyprobe.m4 there only.
#  - For each interpreter, twice (as configured, and with
#    PYPROBE_FLAGS=--limited-api=3.11): configure PYTHON=..., make,
#    make install. The modules must be named with the suffix pyprobe
#    chose, built with Py_LIMITED_API exactly where it chose abi3, carry
#    the Py_mod_gil slot exactly where the headers have it, and import.
#    pyprobe verify-import must pass on them (on a free-threaded build,
#    the copy without the slot must fail), and the embedded interpreter
#    (CPython) must be the one configure found.
#  - On CPython, the modules also go through the free-threaded stand-in
#    (tests/free-threaded-stand-in.py): the copy without the slot must
#    fail verify-import, the module with the slot must pass.
#
# Debian's python3.11, python3.11d and pypy3 (with pypy3-dev) are
# required; pyenv's interpreters, the real free-threaded build that .ci/run
# makes ($PYPROBE_TEST_FREE_THREADED), python3.13t, python3.14t and
# python3.15t on PATH, are used when they are there, and
# PYPROBE_TEST_PYTHONS may name more (a free-threaded build, say).
set -u
: "${PYPROBE:?run me through make check}" "${top_srcdir:?}" "${top_builddir:?}"
status=0
fail() { echo "FAIL: $*"; status=1; }

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

# Install pyprobe, as a user would, and use only what was installed.
# The builds here are make runs of their own, not part of this one.
MAKEFLAGS= MFLAGS= MAKELEVEL=
export MAKEFLAGS MFLAGS MAKELEVEL
if ! ${MAKE:-make} -C "$top_builddir" install DESTDIR="$tmp/dest" \
        > "$tmp/install.log" 2>&1; then
    tail -20 "$tmp/install.log"
    echo "FAIL: make install DESTDIR=$tmp/dest"; exit 1
fi
installed_pyprobe=$(find "$tmp/dest" -path '*/bin/pyprobe' -type f)
m4=$(find "$tmp/dest" -name pyprobe.m4 -path '*/aclocal/*')
lib=$(find "$tmp/dest" -name 'libpyprobe.so*' | sed -n '1s,/[^/]*$,,p')
if [ -z "$installed_pyprobe" ] || [ -z "$m4" ] || [ -z "$lib" ]; then
    echo "FAIL: make install did not install pyprobe, pyprobe.m4 and libpyprobe"
    exit 1
fi
PATH=$(dirname "$installed_pyprobe"):$PATH
LD_LIBRARY_PATH=$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export PATH LD_LIBRARY_PATH
case $(command -v pyprobe) in
    "$installed_pyprobe") ;;
    *) echo "FAIL: pyprobe on PATH is $(command -v pyprobe)"; exit 1 ;;
esac

# The installed pyprobe names the directory it installed pyprobe.m4 in:
# found beside the program (PREFIX/share/aclocal for PREFIX/bin/pyprobe),
# so below DESTDIR too.
aclocaldir=$(pyprobe --print-aclocaldir)
if [ "$aclocaldir" = "$(dirname "$m4")" ]; then
    echo "ok: pyprobe --print-aclocaldir names where pyprobe.m4 is: $aclocaldir"
else
    fail "pyprobe --print-aclocaldir says '$aclocaldir', but make install put pyprobe.m4 in $(dirname "$m4")"
fi

# The consumer, with the installed macro directory as its only source
# of pyprobe.m4.
cp -R "$top_srcdir/tests/consumer" "$tmp/src" && chmod -R u+w "$tmp/src" &&
    mkdir -p "$tmp/src/m4" || exit 99
if ! (cd "$tmp/src" && ACLOCAL_PATH=$(dirname "$m4") autoreconf -fi) \
        > "$tmp/autoreconf.log" 2>&1; then
    cat "$tmp/autoreconf.log"; echo "FAIL: autoreconf of the consumer"; exit 1
fi

. "$top_srcdir/tests/interpreters.sh"
for python in /usr/bin/python3.11 /usr/bin/python3.11d /usr/bin/pypy3; do
    [ -x "$python" ] ||
        fail "$python is missing (apt-get install python3.11-dbg pypy3)"
done
[ -f /usr/include/pypy3.9/Python.h ] ||
    fail "PyPy's headers are missing (apt-get install pypy3-dev)"
# Debian's, pyenv's, the real free-threaded build CI makes
# ($PYPROBE_TEST_FREE_THREADED), and any free-threaded ones on PATH.
interpreters=$(all_pythons)
for name in python3.13t python3.14t python3.15t; do
    python=$(command -v "$name") && interpreters="$interpreters $python"
done
interpreters="$interpreters ${PYPROBE_TEST_PYTHONS:-}"

# The free-threaded stand-in around a CPython.
stand_in() {   # stand_in PYTHON FILE
    printf '#!/bin/sh\nexec "%s" -I -S "%s" "$@"\n' "$1" \
        "$top_srcdir/tests/free-threaded-stand-in.py" > "$2"
    chmod +x "$2"
}

# verify PYTHON DIR FREE_THREADED SLOT: verify-import on the modules.
verify() {
    "$PYPROBE" verify-import --python "$1" --path "$2" gilfree gilused \
        > "$tmp/verify.out" 2> "$tmp/verify.err"
    code=$?
    if [ "$3" = 0 ]; then
        want_code=0 want_out="ok gilfree (a GIL build: only the import was checked)
ok gilused (a GIL build: only the import was checked)" want_err=
    elif [ "$4" = 1 ]; then
        want_code=1 want_out="ok gilfree"
        want_err="pyprobe: gilused: importing it turned the GIL on: module 'gilused' has not declared that it can run without the GIL (Py_mod_gil)"
    else
        want_code=1 want_out=
        want_err="pyprobe: gilfree: importing it turned the GIL on: module 'gilfree' has not declared that it can run without the GIL (Py_mod_gil)
pyprobe: gilused: importing it turned the GIL on: module 'gilused' has not declared that it can run without the GIL (Py_mod_gil)"
    fi
    if [ $code != $want_code ] || [ "$(cat "$tmp/verify.out")" != "$want_out" ] ||
       [ "$(cat "$tmp/verify.err")" != "$want_err" ]; then
        fail "$label: verify-import --python $1 (free-threaded $3, slot $4): exit $code, expected $want_code"
        sed 's/^/  out: /' "$tmp/verify.out"; sed 's/^/  err: /' "$tmp/verify.err"
        return 1
    fi
}

# Build everything first, two at a time: configure is most of the time.
n=0
for python in $interpreters; do
    [ -x "$python" ] || continue
    for policy in "" --limited-api=3.11; do
        n=$((n + 1))
        mkdir "$tmp/build$n"
        (cd "$tmp/build$n" &&
         "$tmp/src/configure" --prefix="$tmp/inst$n" PYTHON="$python" \
             PYPROBE_FLAGS="$policy" && make && make install &&
         touch built) > "$tmp/build$n/log" 2>&1 &
        [ $((n % 2)) = 0 ] && wait
    done
done
wait

n=0 built=0
for python in $interpreters; do
    [ -x "$python" ] || continue
    for policy in "" --limited-api=3.11; do
        n=$((n + 1))
        label="$python${policy:+ $policy}"
        build=$tmp/build$n inst=$tmp/inst$n
        if [ ! -f "$build/built" ]; then
            tail -25 "$build/log" | sed 's/^/  /'
            fail "$label: configure, make or make install failed"
            continue
        fi
        # What the build must have followed.
        "$PYPROBE" --python "$python" $policy --get build_suffix \
            --get build_path --get build_cppflags --get free_threaded \
            --get version_hex --get implementation --get abi_tag \
            --get version_major --get version_minor --get abiflags \
            > "$tmp/want" || { fail "$label: pyprobe"; continue; }
        { read -r suffix; read -r path; read -r cppflags; read -r ft
          read -r hex; read -r impl; read -r abi_tag; read -r major
          read -r minor; read -r abiflags; } < "$tmp/want"
        dir=$inst/lib/python$major.$minor/site-packages
        for module in gilfree gilused; do
            [ -f "$dir/$module$suffix" ] ||
                fail "$label: no $module$suffix installed: $(ls "$dir")"
        done
        # Py_LIMITED_API exactly where pyprobe chose abi3.
        limited=$(printf '%s\n' "$cppflags" |
                  sed -n 's/.*-DPy_LIMITED_API=\(0x[0-9A-Fa-f]*\).*/\1/p')
        case $path in
            abi3) [ -n "$limited" ] || fail "$label: abi3 without Py_LIMITED_API" ;;
            *) limited=0 ;;
        esac
        # The slot where the headers have it: 3.13 and later, and not
        # under a limited API older than 3.13.
        slot=0
        if [ "$impl" = cpython ] && [ $((hex)) -ge $((0x030D0000)) ] &&
           { [ "$limited" = 0 ] || [ $((limited)) -ge $((0x030D0000)) ]; }; then
            slot=1
        fi
        got=$("$python" -I -c '
import sys
sys.path[:0] = [sys.argv[1]]
import gilfree, gilused
assert gilfree.add(2, 3) == 5
for m in gilfree, gilused:
    print(m.__file__.rpartition("/")[2], m.limited_api, m.gil_slot)
' "$dir" 2> "$tmp/import.err")
        want="gilfree$suffix $((limited)) $slot
gilused$suffix $((limited)) 0"
        if [ "$got" != "$want" ]; then
            fail "$label: importing the modules gave:"
            printf '%s\n' "$got" | sed 's/^/  /'; sed 's/^/  /' "$tmp/import.err"
            echo "  expected:"; printf '%s\n' "$want" | sed 's/^/  /'
            continue
        fi
        verify "$python" "$dir" "$ft" "$slot" || continue
        if [ "$impl" = cpython ] && [ "$ft" = 0 ]; then
            stand_in "$python" "$tmp/stand-in"
            verify "$tmp/stand-in" "$dir" 1 "$slot" || continue
        fi
        if [ "$impl" = cpython ]; then
            # The loader must find a libpython outside its search path,
            # as for any program linked with python3-config --embed.
            embedded=$(LD_LIBRARY_PATH=$("$PYPROBE" --python "$python" \
                           --get libdir):$LD_LIBRARY_PATH "$build/embed" 2>&1 |
                       sort)
            want="config.h: $abi_tag
embedded: $major.$minor $abiflags"
            [ "$embedded" = "$want" ] ||
                { fail "$label: the embedded interpreter says: $embedded"; continue; }
        fi
        echo "ok: $label: $path, gilfree$suffix, Py_mod_gil slot $slot"
        built=$((built + 1))
    done
done
echo "$built of $n builds imported and verified"
[ "$built" -ge 6 ] || fail "too few builds"
exit $status
