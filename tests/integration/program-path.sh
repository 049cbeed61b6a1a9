#!/bin/sh
# program-path.sh - --print-datadir and --print-aclocaldir name the
# share directory beside a moved pyprobe (PREFIX/bin/pyprobe ->
# PREFIX/share/...), found through the program's own path
# (src/cli/program_path.c: /proc/self/exe here; macOS's
# _NSGetExecutablePath branch is compiled by make check-macos only).
. "$(dirname "$0")/../lib.sh"

# The real program, not libtool's wrapper, moved into a prefix of its own.
mkdir -p "$T/prefix/bin"
"$LIBTOOL" --mode=install cp "$PYPROBE" "$T/prefix/bin/pyprobe" \
    >/dev/null 2>&1 || fatal "cannot copy $PYPROBE into $T/prefix/bin"
mkdir -p "$T/prefix/share/pyprobe" "$T/prefix/share/aclocal"
: >"$T/prefix/share/pyprobe/pyprobe_env.py"
: >"$T/prefix/share/aclocal/pyprobe.m4"
# The moved program still needs the build tree's libpyprobe.
LD_LIBRARY_PATH=$top_builddir/src/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export LD_LIBRARY_PATH
unset PYPROBE_DATADIR PYPROBE_ACLOCALDIR 2>/dev/null || :

# Through a link, as a venv's bin/pyprobe may be: the file's own place.
mkdir -p "$T/elsewhere"
ln -s "$T/prefix/bin/pyprobe" "$T/elsewhere/pyprobe"
for program in "$T/prefix/bin/pyprobe" "$T/elsewhere/pyprobe"; do
    got=$("$program" --print-datadir 2>&1)
    check "$program --print-datadir: $got" \
        [ "$got" = "$T/prefix/share/pyprobe" ]
    got=$("$program" --print-aclocaldir 2>&1)
    check "$program --print-aclocaldir: $got" \
        [ "$got" = "$T/prefix/share/aclocal" ]
done

# Without the data beside it, the configured directory.
rm "$T/prefix/share/pyprobe/pyprobe_env.py"
got=$("$T/prefix/bin/pyprobe" --print-datadir 2>&1)
check "no data beside the program: the configured one ($got)" \
    [ "$got" != "$T/prefix/share/pyprobe" ]
finish
