#!/bin/sh
# check-macos.sh - what `make check-macos` does, from a native build
# tree: cross-build pyprobe for macOS, arm64 and x86_64, with `zig cc`
# (Zig 0.11 from npm: tools/get-zig.sh) against jansson built the same
# way from Debian's sources (tools/build-jansson-macos.sh), warnings as
# errors, in macos/aarch64 and macos/x86_64; check that `file` calls the
# programs Mach-O 64-bit executables of the right CPU; then run here the
# tests of the macOS code paths (MACOS_TESTS). Nothing runs on a Mac:
# README, "macOS", says what only a Mac can confirm.
#
#   usage: check-macos.sh   (make check-macos sets the variables)
#
# Exit status: 0 passed; 3 the npm registry cannot be reached (nothing
# was built; macos/.npm-unreachable says so, since make turns every
# failure into 2, and .ci/run then warns and goes on); 1 any other
# failure. Needs npm,
# file, dpkg-dev, autoconf, automake, libtool and deb.debian.org.
set -eu
: "${top_srcdir:?}" "${top_builddir:?}"
make=${MAKE:-make}
start=$(date +%s)
macos=$top_builddir/macos
mkdir -p "$macos"
# make reports every failure as 2: the file tells .ci/run which it was.
rm -f "$macos/.npm-unreachable"

command -v file >/dev/null 2>&1 || {
    echo "check-macos: file not found: apt-get install file" >&2
    exit 1
}
echo "check-macos: Zig (tools/get-zig.sh)"
zig_status=0
zig=$(sh "$top_srcdir/tools/get-zig.sh" "${PYPROBE_ZIG_CACHE:-$macos/zig}") ||
    zig_status=$?
if [ "$zig_status" != 0 ]; then
    if [ "$zig_status" = 3 ]; then
        : >"$macos/.npm-unreachable"
        exit 3
    fi
    exit 1
fi
ZIG_GLOBAL_CACHE_DIR=$macos/zig-cache/global
ZIG_LOCAL_CACHE_DIR=$macos/zig-cache/local
export ZIG_GLOBAL_CACHE_DIR ZIG_LOCAL_CACHE_DIR
echo "check-macos: $("$zig" version) at $zig"

# A clean copy of the sources (the source tree may be configured in
# place, which a second, out-of-tree configure refuses).
echo "check-macos: sources (make distdir)"
rm -rf "$macos/src"
(cd "$top_builddir" && $make distdir distdir="$macos/src" >/dev/null)

warnings=0
for arch in aarch64 x86_64; do
    host=$arch-apple-darwin
    target=$arch-macos
    case $arch in aarch64) cpu=arm64 ;; *) cpu=x86_64 ;; esac
    echo "check-macos: jansson for $host (tools/build-jansson-macos.sh)"
    log=$macos/jansson-$arch.log
    sh "$top_srcdir/tools/build-jansson-macos.sh" "$macos/jansson/$arch" \
        "$host" "$zig" >"$log" 2>&1 || {
        tail -n 30 "$log" >&2
        echo "check-macos: jansson for $host failed ($log)" >&2
        exit 1
    }
    echo "check-macos: pyprobe for $host (warnings are errors)"
    build=$macos/$arch
    rm -rf "$build"
    mkdir -p "$build"
    log=$macos/build-$arch.log
    # A static libpyprobe: zig's linker makes no libtool-style dylib
    # (-single_module), and the program needs none.
    if ! (cd "$build" &&
          "$macos/src/configure" -q --host="$host" --disable-shared \
              --enable-static CC="$zig cc -target $target" \
              AR="$zig ar" RANLIB="$zig ranlib" \
              PKG_CONFIG_LIBDIR="$macos/jansson/$arch/lib/pkgconfig" &&
          $make -s CFLAGS='-g -O2 -Werror' all) >"$log" 2>&1; then
        grep -E 'error|warning' "$log" | head -n 40 >&2 || tail -n 40 "$log" >&2
        echo "check-macos: the $host build failed ($log)" >&2
        exit 1
    fi
    # Configure's own probes warn by design; the build's lines are those
    # after it. The compiler and the linker: none at all.
    count=$(grep -v '^configure: ' "$log" | grep -ci 'warning' || :)
    warnings=$((warnings + count))
    if [ "$count" != 0 ]; then
        grep -v '^configure: ' "$log" | grep -i 'warning' | head -n 20 >&2
        echo "check-macos: $count warnings building for $host ($log)" >&2
        exit 1
    fi
    what=$(file -b "$build/src/pyprobe")
    echo "check-macos: $arch: src/pyprobe: $what"
    case $what in
        "Mach-O 64-bit $cpu executable"*) ;;
        *) echo "check-macos: $build/src/pyprobe is not a Mach-O $cpu executable" >&2
           exit 1 ;;
    esac
done
echo "check-macos: warnings: $warnings"

# The macOS code paths, tested here (README, "macOS", lists them).
echo "check-macos: the macOS code paths' tests: $MACOS_TESTS"
(cd "$top_builddir" && $make -s check TESTS="$MACOS_TESTS") || {
    echo "check-macos: the macOS code paths' tests failed" >&2
    exit 1
}
echo "check-macos: PASS in $(( $(date +%s) - start )) s"
