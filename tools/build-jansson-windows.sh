#!/bin/sh
# Cross-build jansson for Windows (x86_64-w64-mingw32) from Debian's own
# source package, as a static library, so pyprobe.exe links it in and
# needs no DLL beyond Windows' own. jansson's code is never kept in this
# tree: apt-get fetches Debian's source package each time, through a
# deb-src line of its own (the machine's package sources are not changed).
#
#   usage: build-jansson-windows.sh PREFIX [HOST]
#
# Installs PREFIX/include/jansson*.h, PREFIX/lib/libjansson.a and
# PREFIX/lib/pkgconfig/jansson.pc; then
#   PKG_CONFIG_LIBDIR=PREFIX/lib/pkgconfig ./configure --host=HOST
# finds it. HOST defaults to x86_64-w64-mingw32. Needs
# gcc-mingw-w64-x86-64, autoconf, automake, libtool,
# make, dpkg-dev (dpkg-source) and access to deb.debian.org. Does nothing
# when PREFIX already holds the library. make check-windows runs it.
set -eu
prefix=${1:?usage: build-jansson-windows.sh PREFIX [HOST]}
host=${2:-x86_64-w64-mingw32}
case $prefix in /*) ;; *) prefix=$(pwd)/$prefix ;; esac
if [ -f "$prefix/lib/libjansson.a" ] && [ -f "$prefix/lib/pkgconfig/jansson.pc" ]; then
    exit 0
fi
command -v "$host-gcc" >/dev/null 2>&1 || {
    echo "build-jansson-windows.sh: $host-gcc not found: install gcc-mingw-w64-x86-64" >&2
    exit 1
}
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
./configure --host="$host" --prefix="$prefix" --enable-static \
    --disable-shared >&2
make -j2 >&2
make install >&2
