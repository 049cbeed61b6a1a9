#!/bin/sh
# sanitized-build.sh DEST [CONFIGURE-ARG...] - build pyprobe again, as
# configured by the arguments (CC=clang CFLAGS=-fsanitize=... ), in DEST.
# sanitized-build.sh --check - exit 0 if that can be done here, else 77
# with the reason.
#
# The source tree is usually configured in place, which rules out a
# second build from it (Automake refuses VPATH builds of a configured
# tree). So the sources, as they are now, are copied to DEST/src and
# built in DEST/build: from a git checkout the files git tracks and the
# new ones it does not ignore; from an unconfigured tree (a release
# tarball unpacked, make distcheck's copy) everything. A tarball
# configured in place cannot be told from its build products: 77.
# Used by tests/fuzz/sanitizers.sh (make check), tests/fuzz/fuzz.sh (make
# fuzz) and tests/tools/check-aarch64.sh (make check-aarch64, a cross
# build). Prints the build directory on success.
set -eu
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_srcdir=$(cd "$top_srcdir" && pwd -P)

# How the sources can be copied: git, all, or none (with the reason).
if [ "$(git -C "$top_srcdir" rev-parse --show-toplevel 2>/dev/null)" = "$top_srcdir" ]; then
    how=git
elif [ ! -f "$top_srcdir/config.status" ]; then
    how=all
else
    echo "sanitized-build.sh: $top_srcdir is configured in place and is" \
         "not a git checkout, so its sources cannot be told from its" \
         "build products (unpack the tarball again, or build it outside)" >&2
    exit 77
fi
[ "${1:-}" = --check ] && exit 0

dest=$1
shift
rm -rf "$dest/src" "$dest/build"
mkdir -p "$dest/src" "$dest/build"
if [ "$how" = git ]; then
    # Tracked files that exist (one deleted but not yet committed is not).
    git -C "$top_srcdir" ls-files -z --cached --others --exclude-standard |
        (cd "$top_srcdir" && xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\n" "$f"; done' sh) |
        tar -C "$top_srcdir" -cf - -T - | tar -C "$dest/src" -xf -
else
    # With their times, so that make sees configure as newer than its
    # sources; writable, as make distcheck's sources are not. Not the
    # build trees inside it (make distcheck builds in $top_srcdir/_build,
    # where DEST may be): a top-level folder holding a config.status.
    (cd "$top_srcdir" && for f in * .[!.]*; do
        [ -e "$f" ] || continue
        [ -d "$f" ] && find "$f" -maxdepth 2 -name config.status |
            grep -q . && continue
        printf '%s\n' "$f"
    done) | tar -C "$top_srcdir" -cf - -T - | tar -C "$dest/src" -xf -
    chmod -R u+w "$dest/src"
fi

log=$dest/build/sanitized-build.log
{
    { [ -f "$dest/src/configure" ] || (cd "$dest/src" && autoreconf -fi); } &&
    (cd "$dest/build" && ../src/configure -q "$@") &&
    make -C "$dest/build" -j2
} >"$log" 2>&1 || {
    echo "sanitized-build.sh: the build failed; the end of $log:" >&2
    tail -n 40 "$log" >&2
    exit 1
}
echo "$dest/build"
