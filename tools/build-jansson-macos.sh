#!/bin/sh
# Cross-build jansson for macOS (aarch64-apple-darwin or
# x86_64-apple-darwin) with `zig cc` from Debian's own source package, as
# a static library, so the macOS pyprobe links it in. As in
# build-jansson-windows.sh, jansson's code is never kept in this tree:
# apt-get fetches Debian's source package each time, through a deb-src
# line of its own (the machine's package sources are not changed).
#
#   usage: build-jansson-macos.sh PREFIX HOST ZIG
#
# HOST is aarch64-apple-darwin or x86_64-apple-darwin; ZIG the zig
# program (tools/get-zig.sh prints it). Installs PREFIX/include/jansson*.h,
# PREFIX/lib/libjansson.a and PREFIX/lib/pkgconfig/jansson.pc; then
#   PKG_CONFIG_LIBDIR=PREFIX/lib/pkgconfig ./configure --host=HOST
# finds it. Needs autoconf, automake, libtool, make, dpkg-dev
# (dpkg-source) and access to deb.debian.org. ZIG_GLOBAL_CACHE_DIR and
# ZIG_LOCAL_CACHE_DIR must name writable directories. Does nothing when
# PREFIX already holds the library. make check-macos runs it.
set -eu
usage="usage: build-jansson-macos.sh PREFIX HOST ZIG"
prefix=${1:?$usage}
host=${2:?$usage}
zig=${3:?$usage}
# macOS 11.0 at least, as the pyprobe make check-macos builds (the
# oldest macOS whose headers Zig 0.11 carries; the first on arm64).
case $host in
    aarch64-apple-darwin) target=aarch64-macos.11.0 ;;
    x86_64-apple-darwin) target=x86_64-macos.11.0 ;;
    *) echo "build-jansson-macos.sh: $host: not a macOS host this knows" >&2
       exit 1 ;;
esac
case $prefix in /*) ;; *) prefix=$(pwd)/$prefix ;; esac
if [ -f "$prefix/lib/libjansson.a" ] && [ -f "$prefix/lib/pkgconfig/jansson.pc" ]; then
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
# The suite of the machine's own release (bookworm on Debian 12).
suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]" \
     "http://deb.debian.org/debian $suite main" > "$work/sources.list"
apt_options="-o Dir::Etc::SourceList=$work/sources.list
  -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists=$work/lists
  -o Dir::Cache=$work/cache -o APT::Sandbox::User=root -q"
# shellcheck disable=SC2086
apt-get $apt_options update >&2
# shellcheck disable=SC2086
(cd "$work" && apt-get $apt_options source --download-only jansson >&2)
# Unpacked with Debian's patches applied, as Debian builds it.
(cd "$work" && dpkg-source -x jansson_*.dsc src >&2)
cd "$work/src"
# Debian's source has no configure script; Debian runs autoreconf too.
autoreconf -fi >&2
# zig's own archiver: the build machine's ar knows no Mach-O symbols.
./configure --host="$host" --prefix="$prefix" --enable-static \
    --disable-shared CC="$zig cc -target $target" AR="$zig ar" \
    RANLIB="$zig ranlib" >&2
make -j2 >&2
make install >&2
