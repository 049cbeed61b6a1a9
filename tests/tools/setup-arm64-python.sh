#!/bin/sh
# Set up Debian's own arm64 CPython 3.11 in a sysroot, runnable here under
# QEMU user mode, so the tests can probe, build for and import into a real
# aarch64 interpreter (not only the synthetic aarch64 sheets). No binfmt
# registration and no root: the packages are downloaded with apt-get
# download and unpacked with dpkg-deb -x, never installed.
#
#   usage: setup-arm64-python.sh DEST
#
# Makes DEST/sysroot (the unpacked packages) and DEST/python3.11, a
# two-line wrapper that runs DEST/sysroot/usr/bin/python3.11 under
# qemu-aarch64-static -L DEST/sysroot, and prints the wrapper's path.
# The tests find it through $PYPROBE_TEST_ARM64 (the wrapper; the
# sysroot is the directory beside it). Besides the interpreter the
# sysroot holds what cross-compiling an extension for it needs: the
# Python headers and libc6-dev. Needs arm64 enabled in dpkg
# (dpkg --add-architecture arm64 && apt-get update), qemu-user-static,
# and access to deb.debian.org; takes a few seconds. Running it again
# with the same DEST reuses what is there.
set -eu
dest=${1:?usage: setup-arm64-python.sh DEST}
case $dest in /*) ;; *) dest=$(pwd)/$dest ;; esac
wrapper=$dest/python3.11
sysroot=$dest/sysroot
if [ -x "$wrapper" ] && [ -x "$sysroot/usr/bin/python3.11" ]; then
    echo "$wrapper"
    exit 0
fi
command -v qemu-aarch64-static >/dev/null 2>&1 || {
    echo "setup-arm64-python.sh: qemu-aarch64-static not found (install qemu-user-static)" >&2
    exit 1
}
dpkg --print-foreign-architectures | grep -qx arm64 || {
    echo "setup-arm64-python.sh: dpkg has no arm64 architecture" \
         "(dpkg --add-architecture arm64 && apt-get update)" >&2
    exit 1
}

# The interpreter and what it loads (issue 16's list), the headers of
# the same build, and libc's development files for the cross compiler's
# --sysroot.
packages="python3.11-minimal libpython3.11-minimal libpython3.11-stdlib
  libc6 zlib1g libexpat1 libffi8 libssl3
  libpython3.11-dev libc6-dev linux-libc-dev libcrypt-dev libcrypt1"

mkdir -p "$dest"
work=$(mktemp -d "$dest/.setup.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/debs" "$work/sysroot"
arm64=
for p in $packages; do arm64="$arm64 $p:arm64"; done
# shellcheck disable=SC2086 # one word per package
(cd "$work/debs" && apt-get -q -o APT::Sandbox::User=root download $arm64 >&2)
for deb in "$work"/debs/*.deb; do
    dpkg-deb -x "$deb" "$work/sysroot"
done
# Put the result in place only when it is whole.
rm -rf "$sysroot"
mv "$work/sysroot" "$sysroot"
printf '#!/bin/sh\nexec qemu-aarch64-static -L "%s" "%s/usr/bin/python3.11" "$@"\n' \
    "$sysroot" "$sysroot" >"$work/wrapper"
chmod +x "$work/wrapper"
"$work/wrapper" -I -c 'import platform, sys
assert platform.machine() == "aarch64", platform.machine()
assert sys.version_info[:2] == (3, 11), sys.version'
mv "$work/wrapper" "$wrapper"
echo "$wrapper"
