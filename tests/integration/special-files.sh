#!/bin/sh
# special-files.sh - outputs are replaced only where they are regular
# files. One rule for --header, --tags and --env-file:
#
#   -                          standard output
#   a device, FIFO or socket   opened and written through, never renamed
#                              over (as root, renaming over /dev/null
#                              used to replace it with a regular file)
#   /dev/fd/N, /proc/self/fd/N written through (appended to a regular
#                              file), never renamed over
#   a symbolic link            followed; its target is replaced in the
#                              target's directory, the link stays a link
#   a directory                an error, exit 7
#   a regular file             replaced atomically, untouched when equal
#
# Device nodes are mknod copies in the test's own directory (c 1 3 is
# null, c 1 7 is full), never the real /dev nodes. mknod needs root,
# which CI has; elsewhere those checks are not run, and the test says so.

. "$(dirname "$0")/../lib.sh"
require_debian_python
cd "$T" || fatal "cannot cd to $T"

# Facts once, then every write from the facts file: fast, and the same
# writer as a live probe.
"$PYPROBE" --python "$DEBIAN_PY" --json >"$T/facts.json" ||
    fatal "pyprobe --json failed"
F="--facts $T/facts.json"
"$PYPROBE" $F --tags "$T/want.env" --header "$T/want.h" \
    --env-file "$T/want.plain" || fatal "writing regular files failed"

# no_leftovers DIR WHAT: no temporary file (.NAME.XXXXXX) is left in DIR.
no_leftovers() {
    nl_left=$(find "$1" -maxdepth 1 -name '.*.??????' | head -n 3)
    check "$2: no temporary file left in $(basename "$1")" test -z "$nl_left"
}

# --- "-": standard output -----------------------------------------------------

for option in tags header env-file; do
    case $option in
    tags) want=$T/want.env ;;
    header) want=$T/want.h ;;
    env-file) want=$T/want.plain ;;
    esac
    if expect_exit 0 -- "$PYPROBE" $F "--$option" -; then
        check "--$option -: standard output, as the file would be" \
            cmp -s "$T/out" "$want"
        check "--$option -: no file named '-'" test ! -e "$T/-"
    fi
done

# --- device nodes (copies) ----------------------------------------------------

if mknod "$T/null" c 1 3 2>/dev/null && mknod "$T/full" c 1 7; then
    for option in tags header env-file; do
        expect_exit 0 -- "$PYPROBE" $F "--$option" "$T/null" &&
            check "--$option NULL-COPY: still the character device 1,3" \
                test -c "$T/null" -a "$(stat -c %t,%T "$T/null")" = 1,3
    done
    no_leftovers "$T" "writes to the null copy"
    # A symbolic link to the device is followed to it.
    ln -s null "$T/null-link"
    expect_exit 0 -- "$PYPROBE" $F --tags "$T/null-link" &&
        check "a link to the null copy: the link and the device stay" \
            test -L "$T/null-link" -a -c "$T/null"

    # A full disk: exit 7, one line, and the other outputs untouched
    # (written through after every temporary file is ready, before any
    # rename).
    echo "old header" >"$T/kept.h"
    touch -d "$OLD_DATE" "$T/kept.h"
    before=$(mtime "$T/kept.h")
    if expect_exit 7 -- "$PYPROBE" $F --header "$T/kept.h" --tags "$T/full"
    then
        check "full copy: one 'pyprobe: PATH: ...' line" \
            test "$(wc -l <"$T/err")" -eq 1 -a \
                 "$(grep -c "^pyprobe: $T/full: " "$T/err")" -eq 1
        check "full copy: the other output is untouched" \
            test "$(cat "$T/kept.h")" = "old header" -a \
                 "$(mtime "$T/kept.h")" = "$before"
        check "full copy: still the character device 1,7" test -c "$T/full"
    fi
    no_leftovers "$T" "a write to the full copy"
else
    note "not root: no mknod copies of /dev/null and /dev/full; the" \
         "device cases are not run here (CI runs as root)"
fi

# --- a FIFO -------------------------------------------------------------------

mkfifo "$T/fifo" || fatal "mkfifo failed"
timeout 60 cat "$T/fifo" >"$T/from-fifo" &
echo $! >>"$T/pids"
if expect_exit 0 -- "$PYPROBE" $F --tags "$T/fifo"; then
    wait
    check "--tags FIFO: the reader got the tag file" \
        cmp -s "$T/from-fifo" "$T/want.env"
    check "--tags FIFO: still a FIFO" test -p "$T/fifo"
fi

# --- a socket -----------------------------------------------------------------

tool_py -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' \
    "$T/socket" || fatal "cannot create a socket"
if expect_exit 7 -- "$PYPROBE" $F --tags "$T/socket"; then
    check "--tags SOCKET: still a socket" test -S "$T/socket"
    check "--tags SOCKET: one 'pyprobe:' line" \
        test "$(wc -l <"$T/err")" -eq 1 -a "$(grep -c '^pyprobe: ' "$T/err")" -eq 1
fi

# --- descriptors ----------------------------------------------------------------

# Standard output is a regular file here: written through by appending,
# so what was there before stays, and the file is not replaced.
for fd_path in /dev/fd/1 /proc/self/fd/1; do
    echo "before" >"$T/stdout.txt"
    inode=$(stat -c %i "$T/stdout.txt")
    RC=0
    "$PYPROBE" $F --tags "$fd_path" >>"$T/stdout.txt" 2>"$T/err" || RC=$?
    { echo "before"; cat "$T/want.env"; } >"$T/expected"
    check "--tags $fd_path (a file): exit 0 (got $RC)" test "$RC" -eq 0
    check "--tags $fd_path (a file): appended, the file not replaced" \
        test "$(stat -c %i "$T/stdout.txt")" = "$inode" -a \
        -n "$(cmp "$T/stdout.txt" "$T/expected" && echo same)"
done
# Our own descriptor is written as it is, not opened anew: with a file
# opened by '>' (no O_APPEND), a fresh open would have an offset of its
# own, and --get's value, written through descriptor 1, would overwrite
# the tag file.
RC=0
"$PYPROBE" $F --tags /dev/fd/1 --get abi_tag >"$T/stdout.txt" 2>"$T/err" ||
    RC=$?
{ cat "$T/want.env"; echo cp311; } >"$T/expected-get"
check "--tags /dev/fd/1 --get abi_tag >FILE: the tag file, then the value" \
    cmp -s "$T/stdout.txt" "$T/expected-get"
# A pipe, through /dev/fd.
RC=0
"$PYPROBE" $F --header /dev/fd/1 2>"$T/err" | cat >"$T/piped.h" || RC=$?
check "--header /dev/fd/1 (a pipe): the header arrives" \
    cmp -s "$T/piped.h" "$T/want.h"
# A link of our own to /proc/self/fd/1 is followed to the descriptor.
ln -s /proc/self/fd/1 "$T/stdout-link"
echo "before" >"$T/stdout.txt"
"$PYPROBE" $F --tags "$T/stdout-link" >>"$T/stdout.txt" 2>"$T/err"
check "a link to /proc/self/fd/1: the link stays a link" test -L "$T/stdout-link"
check "a link to /proc/self/fd/1: written through to standard output" \
    cmp -s "$T/stdout.txt" "$T/expected"

# --- symbolic links to regular files ----------------------------------------------

mkdir "$T/real" "$T/links"
echo old >"$T/real/python.env"
ln -s ../real/python.env "$T/links/first.env"
ln -s first.env "$T/links/second.env"
if expect_exit 0 -- "$PYPROBE" $F --tags "$T/links/second.env"; then
    check "a chain of links: both stay links" \
        test -L "$T/links/first.env" -a -L "$T/links/second.env"
    check "a chain of links: the target holds the tag file" \
        cmp -s "$T/real/python.env" "$T/want.env"
    no_leftovers "$T/real" "a chain of links"
    no_leftovers "$T/links" "a chain of links"
fi
touch -d "$OLD_DATE" "$T/real/python.env"
before=$(mtime "$T/real/python.env")
expect_exit 0 -- "$PYPROBE" $F --tags "$T/links/second.env" &&
    check "a link to an unchanged target: the target is not touched" \
        test "$(mtime "$T/real/python.env")" = "$before"
# A dangling link: its target is created; the link stays.
ln -s ../real/new.h "$T/links/dangling.h"
expect_exit 0 -- "$PYPROBE" $F --header "$T/links/dangling.h" &&
    check "a dangling link: the target is created, the link stays" \
        test -L "$T/links/dangling.h" -a -n \
        "$(cmp "$T/real/new.h" "$T/want.h" && echo same)"
# A loop of links is an error, not a hang.
ln -s loop-b "$T/links/loop-a"
ln -s loop-a "$T/links/loop-b"
expect_exit 7 -- "$PYPROBE" $F --tags "$T/links/loop-a" &&
    check "a loop of links: exit 7, the links stay" \
        test -L "$T/links/loop-a" -a -L "$T/links/loop-b"

# A link and its target named as two outputs: one rename would undo
# the other, so that is a usage error, and neither is written.
echo old >"$T/real/twice.env"
ln -s ../real/twice.env "$T/links/twice.env"
if expect_exit 2 -- "$PYPROBE" $F --tags "$T/real/twice.env" \
        --header "$T/links/twice.env"; then
    check "a link and its target as two outputs: refused, nothing written" \
        test "$(cat "$T/real/twice.env")" = old
fi

# An output written through a descriptor to a regular file, and another
# that replaces that file: the rename would strand what was written in
# the old file, so that is a usage error too, and nothing is written.
echo old >"$T/real/shared.h"
if expect_exit 2 -- sh -c '"$1" $2 --header "$3" --tags /dev/fd/3 3>>"$3"' \
        sh "$PYPROBE" "$F" "$T/real/shared.h"; then
    check "--tags /dev/fd/3 appending to the --header file: refused, untouched" \
        test "$(cat "$T/real/shared.h")" = old
fi

# --- directories ------------------------------------------------------------------

mkdir "$T/dir"
ln -s dir "$T/dir-link"
for target in "$T/dir" "$T/dir-link"; do
    if expect_exit 7 -- "$PYPROBE" $F --tags "$target"; then
        check "--tags $(basename "$target"): says it is a directory" \
            grep -q "^pyprobe: $target: is a directory" "$T/err"
    fi
done
check "a directory is left alone" test -d "$T/dir" -a -L "$T/dir-link"

finish
