#!/bin/sh
# static-binary.sh - configure --enable-static-binary gives a pyprobe that
# needs no shared library, and make wheel packs it.
#
# A second build of this tree (a copy, tests/tools/sanitized-build.sh)
# in tests/static-build/, configured with --enable-static-binary, then
# make wheel there. tests/wheel.sh and tests/wheel-install.sh use the
# wheel it leaves in tests/static-build/build/dist (Makefile.am makes
# them wait for this test). Checked here: readelf finds no dynamic
# section and no program interpreter, in the program and in the wheel's
# copy; jansson is linked in; the C library's parts that would load
# shared libraries at run time (NSS: getpwnam, getaddrinfo ...; dlopen;
# iconv) are not used, and the link gave none of glibc's warnings about
# them; the program works in a directory holding nothing else (chroot),
# giving what the usual build gives.
. "$(dirname "$0")/lib.sh"

copier=$top_srcdir/tests/tools/sanitized-build.sh
top_srcdir=$top_srcdir sh "$copier" --check 2>"$T/why" ||
    skip "no second build here: $(cat "$T/why")"
command -v readelf >/dev/null || fatal "readelf (binutils) is needed"

# The README's recipe is what this builds (the copy is configured with
# the same option, then made, then make wheel).
recipe='    ./configure --enable-static-binary && make && make wheel'
check "the README prints the recipe this runs" grep -qxF -- "$recipe" "$top_srcdir/README"

dest=$top_builddir/tests/static-build
unset MAKEFLAGS MFLAGS
start=$(date +%s)
build=$(top_srcdir=$top_srcdir sh "$copier" "$dest" CC="$CC" \
    --enable-static-binary) || fatal "the static build failed (output above)"
make -C "$build" wheel >"$T/wheel.log" 2>&1 ||
    { cat "$T/wheel.log"; fatal "make wheel failed"; }
note "built and packed in $(($(date +%s) - start)) s"

static=$build/src/pyprobe
wheel=$(ls "$build"/dist/pyprobe-*.whl)
note "wheel: $(basename "$wheel") ($(wc -c <"$wheel") bytes)"

# The program in the wheel, extracted as pip would install it.
python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
name, = [n for n in z.namelist() if "/scripts/" in n]
open(sys.argv[2], "wb").write(z.read(name))' "$wheel" "$T/wheel-pyprobe" ||
    fatal "no script in $wheel"
chmod +x "$T/wheel-pyprobe"

for program in "$static" "$T/wheel-pyprobe"; do
    what=$(case $program in "$static") echo "the static build's program";;
           *) echo "the wheel's program";; esac)
    readelf -d "$program" >"$T/dynamic" 2>&1
    if grep -qx 'There is no dynamic section in this file.' "$T/dynamic"; then
        pass "$what: readelf -d: no dynamic section"
    else
        fail "$what has a dynamic section:"
        cat "$T/dynamic"
    fi
    readelf -lW "$program" >"$T/segments"
    check "$what: no program interpreter (PT_INTERP), no PT_DYNAMIC" \
        sh -c "! grep -qE '^ *(INTERP|DYNAMIC) ' '$T/segments'"
done
note "readelf -d of the wheel's program: $(grep -v '^$' "$T/dynamic")"

# jansson is in it. Neither pyprobe's code nor jansson calls what would
# make the C library load shared libraries at run time: NSS (getpwnam,
# getaddrinfo ...), dlopen, iconv, or setlocale (whose charsets come
# from gconv modules); glibc's own copies of them stay unused.
nm "$static" >"$T/symbols"
check "jansson is linked in (json_loads defined)" \
    grep -qE ' T json_loads$' "$T/symbols"
jansson_a=$($CC -print-file-name=libjansson.a)
nm -u "$build"/src/lib/.libs/libpyprobe-core.a "$build"/src/cli/*.o \
    "$jansson_a" 2>/dev/null | awk '$1 == "U" { print $2 }' | sort -u >"$T/used"
check "found what pyprobe and jansson call ($(wc -l <"$T/used") functions)" \
    grep -qx posix_spawn "$T/used"
if grep -E '^(getpw|getgr|getaddrinfo|gethostby|getservby|dlopen|iconv|setlocale|newlocale)' \
        "$T/used" >"$T/nss"; then
    fail "pyprobe or jansson calls functions that need shared libraries at run time:"
    cat "$T/nss"
else
    pass "no NSS, dlopen, iconv or locale function is called"
fi
if grep -q 'statically linked applications requires at runtime' \
        "$build/sanitized-build.log"; then
    fail "the static link warned about run-time shared libraries:"
    grep 'statically linked applications' "$build/sanitized-build.log"
else
    pass "the static link gave no warning about run-time shared libraries"
fi

# Alone in a directory: the program, a facts file, nothing else (no
# /lib, no /etc, no C library). The answers must be the usual build's.
if [ "$(id -u)" = 0 ]; then
    jail="chroot"
elif unshare -r true 2>/dev/null; then
    jail="unshare -r chroot"
else
    jail=
fi
if [ -n "$jail" ]; then
    mkdir "$T/root"
    cp "$T/wheel-pyprobe" "$T/root/pyprobe"
    "$PYPROBE" --python /usr/bin/python3 --json >"$T/root/facts.json" ||
        fatal "cannot probe /usr/bin/python3"
    "$PYPROBE" --facts "$T/root/facts.json" --get abi_tag --get wheel_tag \
        --get ext_suffix >"$T/want"
    "$PYPROBE" tags --facts "$T/root/facts.json" >>"$T/want"
    # shellcheck disable=SC2086
    if { $jail "$T/root" /pyprobe --facts /facts.json --get abi_tag \
             --get wheel_tag --get ext_suffix &&
         $jail "$T/root" /pyprobe tags --facts /facts.json; } \
            >"$T/got" 2>"$T/err" && cmp -s "$T/want" "$T/got"; then
        pass "alone in a chroot, the wheel's program gives the usual build's answers ($(wc -l <"$T/got") lines)"
    else
        fail "the wheel's program in a chroot:"
        cat "$T/err"
        diff "$T/want" "$T/got" | head -n 20
    fi
else
    note "not root and no user namespaces: the chroot run is left out"
fi

# make-wheel.py refuses a dynamically linked program.
dynamic=$top_builddir/src/.libs/pyprobe
[ -x "$dynamic" ] || dynamic=$top_builddir/src/pyprobe
if file "$dynamic" | grep -q 'dynamically linked'; then
    expect_exit 1 python3 "$top_srcdir/python/make-wheel.py" \
        --binary "$dynamic" --version 1.0 --package "$top_srcdir/python/pyprobe" \
        --tagfile-reader "$top_srcdir/data/pyprobe_env.py" \
        --metadata-text "$top_srcdir/README" --license "$top_srcdir/COPYING" \
        --outdir "$T/dist" &&
    check "make-wheel.py refuses a dynamically linked program: $(cat "$T/err")" \
        grep -q 'dynamically linked' "$T/err"
    check "and writes nothing" test -z "$(ls -A "$T/dist" 2>/dev/null)"
else
    note "this build's program is static too: no dynamic one to refuse"
fi

finish
