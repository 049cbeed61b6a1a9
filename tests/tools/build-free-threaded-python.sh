#!/bin/sh
# Build a real free-threaded CPython (python3.13t) from Debian's sources,
# so the tests can probe, build for and import into a free-threaded
# interpreter, not only replay recorded ones. No registry offers one for
# Debian 12; Debian 13 (trixie) carries CPython 3.13's sources, which
# apt-get can fetch without changing the machine's own package sources.
#
#   usage: build-free-threaded-python.sh DEST
#
# Installs into DEST (DEST/bin/python3.13t) and prints that path. Takes
# about five minutes on two cores. Needs gcc, make and access to
# deb.debian.org. .ci/run uses it; the tests find the result through
# $PYPROBE_TEST_FREE_THREADED.
set -eu
dest=${1:?usage: build-free-threaded-python.sh DEST}
case $dest in /*) ;; *) dest=$(pwd)/$dest ;; esac
if [ -x "$dest/bin/python3.13t" ]; then
    echo "$dest/bin/python3.13t"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sh "$(dirname "$0")/../../tools/debian-source.sh" trixie python3.13 "$work"
tar -C "$work" -xJf "$work"/python3.13_*.orig.tar.xz
cd "$work"/Python-3.13.*
./configure --prefix="$dest" --disable-gil --enable-shared \
    --without-ensurepip LDFLAGS="-Wl,-rpath,$dest/lib" >&2
make -j2 >&2
make install >&2
"$dest/bin/python3.13t" -c 'import sys; assert not sys._is_gil_enabled()'
echo "$dest/bin/python3.13t"
