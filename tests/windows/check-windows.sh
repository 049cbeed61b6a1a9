#!/bin/sh
# check-windows.sh - what `make check-windows` does, from a native build
# tree: cross-build pyprobe.exe for x86_64-w64-mingw32 into windows/
# (jansson too, from Debian's sources) and its wheel (make wheel, in
# windows/build/dist), then test them under Wine:
# tests/windows/windows.sh, and the native suites that need no live Windows
# interpreter (check-wheel, check-release, facts-roundtrip) run against
# pyprobe.exe. Prints the count of checks run under Wine, and the time.
#
#   usage: check-windows.sh   (make check-windows sets the variables)
#
# Needs: gcc-mingw-w64-x86-64 (with binutils-mingw-w64-x86-64), wine,
# wine64, dpkg-dev, autoconf, automake, libtool, and deb.debian.org.
set -eu
: "${top_srcdir:?}" "${top_builddir:?}" "${PYPROBE:?}"
host=${WINDOWS_HOST:-x86_64-w64-mingw32}
make=${MAKE:-make}
start=$(date +%s)
windows=$top_builddir/windows
mkdir -p "$windows"

command -v "$host-gcc" >/dev/null 2>&1 || {
    echo "check-windows: $host-gcc not found: apt-get install gcc-mingw-w64-x86-64" >&2
    exit 1
}
wine=/usr/lib/wine/wine64
[ -x "$wine" ] || wine=$(command -v wine64 || command -v wine || :)
[ -n "$wine" ] || {
    echo "check-windows: Wine not found: apt-get install wine wine64" >&2
    exit 1
}

# A clean copy of the sources (the source tree may be configured in
# place, which a second, out-of-tree configure refuses).
echo "check-windows: sources (make distdir)"
rm -rf "$windows/src"
(cd "$top_builddir" && $make distdir distdir="$windows/src" >/dev/null)

echo "check-windows: jansson for $host (tools/build-jansson.sh)"
sh "$top_srcdir/tools/build-jansson.sh" "$windows/jansson" "$host"

echo "check-windows: pyprobe.exe (warnings are errors) and its wheel (make wheel)"
mkdir -p "$windows/build"
rm -rf "$windows/build/dist"
(cd "$windows/build" &&
 "$windows/src/configure" -q --host="$host" --enable-static-binary \
     PKG_CONFIG_LIBDIR="$windows/jansson/lib/pkgconfig" &&
 $make -s CFLAGS='-g -O2 -Werror' src/pyprobe.exe &&
 $make -s wheel >/dev/null)
exe=$windows/build/src/pyprobe.exe
wheel=$(ls "$windows"/build/dist/pyprobe-*.whl)
stand_in=$windows/stand-in.exe
"$host-gcc" -std=c11 -Wall -Wextra -Werror -O2 -municode -static \
    -o "$stand_in" "$top_srcdir/tests/windows/stand-in.c"

WINEPREFIX=${WINEPREFIX:-$windows/wineprefix}
WINEDEBUG=-all
export WINEPREFIX WINEDEBUG
echo "check-windows: Wine prefix $WINEPREFIX"
# One Wine server for all the runs (each start would cost its own).
"$(dirname "$wine")/wineserver" -p 2>/dev/null ||
    wineserver -p 2>/dev/null || :
trap '"$(dirname "$wine")/wineserver" -k 2>/dev/null || wineserver -k 2>/dev/null || :' EXIT
LC_ALL=C.UTF-8 "$wine" "$exe" --version >/dev/null 2>&1 || :   # wineboot

# pyprobe.exe under Wine, for the native test suites. Wine itself now
# and then fails to run it: exit 1 and not a byte on stdout or stderr
# (once in each of two CI rehearsals, among thousands of starts; never
# in 1300 starts in a loop). pyprobe never exits 1 without a line on
# stdout or stderr, so such a run is run once more and logged in
# wine-retries.log, which the summary below counts.
wrapper=$windows/pyprobe-wine
retries=$windows/wine-retries.log
: >"$retries"
cat >"$wrapper" <<WRAPPER
#!/bin/sh
out=\$(mktemp) err=\$(mktemp)
LC_ALL=C.UTF-8 "$wine" "$exe" "\$@" >"\$out" 2>"\$err"; rc=\$?
if [ \$rc = 1 ] && [ ! -s "\$out" ] && [ ! -s "\$err" ]; then
    echo "exit 1 without output, run again: pyprobe.exe \$*" >>"$retries"
    LC_ALL=C.UTF-8 "$wine" "$exe" "\$@" >"\$out" 2>"\$err"; rc=\$?
fi
cat "\$out"; cat "\$err" >&2
rm -f "\$out" "\$err"
exit \$rc
WRAPPER
chmod +x "$wrapper"

status=0
total=0
for suite in windows check-wheel check-release facts-roundtrip; do
    log=$windows/$suite.log
    suite_start=$(date +%s)
    rc=0
    if [ "$suite" = windows ]; then
        PYPROBE_WINDOWS_EXE=$exe PYPROBE_WINDOWS_STAND_IN=$stand_in \
            PYPROBE_WINDOWS_WHEEL=$wheel \
            sh "$top_srcdir/tests/windows/windows.sh" >"$log" 2>&1 || rc=$?
    else
        PYPROBE=$wrapper sh "$top_srcdir/tests/integration/$suite.sh" >"$log" 2>&1 ||
            rc=$?
    fi
    passed=$(grep -c '^ok' "$log" || :)
    failed=$(grep -c '^FAIL' "$log" || :)
    total=$((total + passed + failed))
    echo "check-windows: $suite: $passed passed, $failed failed, exit $rc" \
         "($(( $(date +%s) - suite_start )) s; $log)"
    if [ "$rc" != 0 ] || [ "$failed" != 0 ]; then
        status=1
        grep -v '^ok' "$log" | head -n 40
    fi
done
echo "check-windows: Wine runs without output, run again: $(wc -l <"$retries") ($retries)"
echo "check-windows: $total checks under Wine in" \
     "$(( $(date +%s) - start )) s: $([ $status = 0 ] && echo PASS || echo FAIL)"
exit $status
