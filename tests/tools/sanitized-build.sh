#!/bin/sh
# sanitized-build.sh DEST [CONFIGURE-ARG...] - build pyprobe again, as
# configured by the arguments (CC=clang CFLAGS=-fsanitize=... ), in DEST.
#
# The source tree is usually configured in place, which rules out a
# second build from it (Automake refuses VPATH builds of a configured
# tree). So the tracked files of the working tree, as they are now, are
# copied to DEST/src (with new files not yet added, but nothing git
# ignores) and built in DEST/build. Used by tests/sanitizers.sh
# (make check) and tests/fuzz/fuzz.sh (make fuzz).
#
# Needs a git checkout (the list of tracked files); exits 77 with the
# reason otherwise. Prints the build directory on success.
set -eu
dest=$1
shift
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}

if ! git -C "$top_srcdir" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "sanitized-build.sh: $top_srcdir is not a git checkout: the" \
         "second build copies its tracked files" >&2
    exit 77
fi

rm -rf "$dest/src" "$dest/build"
mkdir -p "$dest/src" "$dest/build"
# Tracked files that exist (a deleted one not yet committed is skipped).
git -C "$top_srcdir" ls-files -z --cached --others --exclude-standard |
    (cd "$top_srcdir" && xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\n" "$f"; done' sh) |
    tar -C "$top_srcdir" -cf - -T - | tar -C "$dest/src" -xf -

log=$dest/build/sanitized-build.log
{
    (cd "$dest/src" && autoreconf -fi) &&
    (cd "$dest/build" && ../src/configure -q "$@") &&
    make -C "$dest/build" -j2
} >"$log" 2>&1 || {
    echo "sanitized-build.sh: the build failed; the end of $log:" >&2
    tail -n 40 "$log" >&2
    exit 1
}
echo "$dest/build"
