#!/bin/sh
# Cross-build jansson from Debian's own source package as a static
# library, so that a cross-built pyprobe links it in: pyprobe.exe for
# Windows (make check-windows) and the macOS programs (make
# check-macos). jansson's code is never kept in this tree:
# tools/debian-source.sh fetches it each time.
#
#   usage: build-jansson.sh PREFIX HOST [VAR=VALUE ...]
#
# VAR=VALUE are given to jansson's configure: the compiler when it is
# not HOST-gcc. For example
#   build-jansson.sh PREFIX x86_64-w64-mingw32
#   build-jansson.sh PREFIX aarch64-apple-darwin \
#       CC="ZIG cc -target aarch64-macos.11.0" AR="ZIG ar" RANLIB="ZIG ranlib"
# (ZIG: tools/get-zig.sh prints it; the build machine's ar knows no
# Mach-O symbols). Installs PREFIX/include/jansson*.h,
# PREFIX/lib/libjansson.a and PREFIX/lib/pkgconfig/jansson.pc; then
#   PKG_CONFIG_LIBDIR=PREFIX/lib/pkgconfig ./configure --host=HOST
# finds it. Needs autoconf, automake, libtool, make, dpkg-dev
# (dpkg-source) and access to deb.debian.org. Does nothing when PREFIX
# already holds the library, built for the same HOST and VAR=VALUE.
set -eu
usage="usage: build-jansson.sh PREFIX HOST [VAR=VALUE ...]"
prefix=${1:?$usage}
host=${2:?$usage}
shift 2
case $prefix in /*) ;; *) prefix=$(pwd)/$prefix ;; esac
# What it was built for: a PREFIX built for another host or compiler
# (another -target) is built again.
for_what="$host $*"
if [ -f "$prefix/lib/libjansson.a" ] && [ -f "$prefix/lib/pkgconfig/jansson.pc" ] &&
        [ "$(cat "$prefix/.built-for" 2>/dev/null)" = "$for_what" ]; then
    exit 0
fi
case " $* " in
*" CC="*) ;;
*)  command -v "$host-gcc" >/dev/null 2>&1 || {
        echo "build-jansson.sh: $host-gcc not found (for Windows: install gcc-mingw-w64-x86-64), and no CC= given" >&2
        exit 1
    } ;;
esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sh "$(dirname "$0")/debian-source.sh" - jansson "$work"
# Unpacked with Debian's patches applied, as Debian builds it.
(cd "$work" && dpkg-source -x jansson_*.dsc src >&2)
cd "$work/src"
# Debian's source has no configure script; Debian runs autoreconf too.
autoreconf -fi >&2
./configure --host="$host" --prefix="$prefix" --enable-static \
    --disable-shared "$@" >&2
make -j2 >&2
make install >&2
printf '%s\n' "$for_what" >"$prefix/.built-for"
