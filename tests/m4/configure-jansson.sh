#!/bin/sh
# configure-jansson.sh - configure stops, saying what to install, when
# jansson does not link for the host, even where pkg-config (or the
# user's JANSSON_LIBS) names it: a cross build without HOST-pkg-config
# gets the build machine's answer, and a missing libjansson-dev:ARCH
# would otherwise show only when make links. Runs configure from a copy
# of what it needs (the tree itself is configured in place).
. "$(dirname "$0")/../lib.sh"

[ -x "$top_srcdir/configure" ] || skip "no configure in $top_srcdir (run autoreconf -fi)"
mkdir -p "$T/src/src" "$T/build" || fatal "cannot create $T/src"
cp "$top_srcdir/configure" "$T/src/" &&
    cp -R "$top_srcdir/build-aux" "$T/src/" &&
    cp "$top_srcdir/src/pyprobe.h" "$T/src/src/" ||
    fatal "cannot copy configure and build-aux"

(cd "$T/build" && ../src/configure JANSSON_CFLAGS= \
    JANSSON_LIBS=-lpyprobe-no-such-jansson) >"$T/out" 2>"$T/err"
status=$?
if [ "$status" -ne 0 ] &&
        grep -q '^configure: error: jansson for .* is required: install libjansson-dev (Debian/Ubuntu; libjansson-dev:ARCH through multiarch' "$T/err"; then
    pass "a jansson that does not link: exit $status, $(grep 'error:' "$T/err" | cut -c1-100)..."
else
    fail "configure with a jansson that does not link: exit $status"
    tail -n 5 "$T/err" | sed 's/^/    /'
fi
finish
