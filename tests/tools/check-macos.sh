#!/bin/sh
# check-macos.sh - what `make check-macos` does, from a native build
# tree: cross-build pyprobe for macOS, arm64 and x86_64, with `zig cc`
# (Zig 0.11 from npm: tools/get-zig.sh) against jansson built the same
# way from Debian's sources (tools/build-jansson.sh), warnings as
# errors, in macos/aarch64 and macos/x86_64; check that `file` calls the
# programs Mach-O 64-bit executables of the right CPU; then run here the
# tests of the macOS code paths (MACOS_TESTS). Nothing runs on a Mac:
# README, "macOS", says what only a Mac can confirm.
#
#   usage: check-macos.sh   (make check-macos sets the variables)
#
# Needs python3 too (it reads the minimum macOS from the programs).
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
    # macOS 11.0 and later (zig's default would be its newest SDK's):
    # the oldest Zig 0.11 has headers for, and the first on arm64.
    target=$arch-macos.11.0
    case $arch in aarch64) cpu=arm64 ;; *) cpu=x86_64 ;; esac
    echo "check-macos: jansson for $host (tools/build-jansson.sh)"
    log=$macos/jansson-$arch.log
    sh "$top_srcdir/tools/build-jansson.sh" "$macos/jansson/$arch" "$host" \
        CC="$zig cc -target $target" AR="$zig ar" RANLIB="$zig ranlib" \
        >"$log" 2>&1 || {
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
        if grep -qE 'error|warning' "$log"; then
            grep -E 'error|warning' "$log" | head -n 40 >&2
        else
            tail -n 40 "$log" >&2
        fi
        echo "check-macos: the $host build failed ($log)" >&2
        exit 1
    fi
    # The macOS code paths are chosen by configure's checks: a check
    # that failed under zig cc would build the fallback without a word.
    # Each must have chosen macOS's way.
    for define in HAVE__NSGETEXECUTABLEPATH HAVE_MACH_O_DYLD_H \
            HAVE_SYSCTLBYNAME HAVE_POSIX_SPAWN HAVE_SPAWN_H \
            HAVE_STRUCT_STAT_ST_MTIMESPEC_TV_NSEC; do
        grep -q "^#define $define 1" "$build/config.h" || {
            echo "check-macos: $host: configure did not find $define" \
                 "($build/config.h)" >&2
            exit 1
        }
    done
    if grep -q '^#define HAVE_PIPE2 1' "$build/config.h"; then
        echo "check-macos: $host: configure found pipe2, which macOS lacks" >&2
        exit 1
    fi
    echo "check-macos: $arch: configure chose the macOS paths" \
         "(_NSGetExecutablePath, mach-o/dyld.h, sysctlbyname, posix_spawn, st_mtimespec; no pipe2)"
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
    # The oldest macOS it starts on: LC_BUILD_VERSION's minos.
    minos=$(python3 -c '
import struct, sys
data = open(sys.argv[1], "rb").read()
count, at = struct.unpack("<I", data[16:20])[0], 32
for _ in range(count):
    cmd, size = struct.unpack("<II", data[at:at + 8])
    if cmd == 0x32:                                  # LC_BUILD_VERSION
        v = struct.unpack("<I", data[at + 12:at + 16])[0]
        print("%d.%d" % (v >> 16, (v >> 8) & 255))
    at += size' "$build/src/pyprobe")
    echo "check-macos: $arch: minimum macOS $minos"
    [ "$minos" = 11.0 ] || {
        echo "check-macos: $build/src/pyprobe needs macOS $minos, not 11.0" >&2
        exit 1
    }
done
echo "check-macos: warnings: $warnings"

# The macOS code paths, tested here (README, "macOS", lists them).
echo "check-macos: the macOS code paths' tests: $MACOS_TESTS"
(cd "$top_builddir" && $make -s check TESTS="$MACOS_TESTS") || {
    echo "check-macos: the macOS code paths' tests failed" >&2
    exit 1
}
echo "check-macos: PASS in $(( $(date +%s) - start )) s"
