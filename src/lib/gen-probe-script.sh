#!/bin/sh
# Turn data/probe.py into a C array (src/lib/probe_script.c), so the
# script travels inside the library. POSIX od and sed only: no xxd, no
# build-machine compiler, which keeps cross builds simple.
#   usage: gen-probe-script.sh INPUT.py > OUTPUT.c
set -eu
input=$1
test -r "$input" || { echo "gen-probe-script.sh: cannot read $input" >&2; exit 1; }
echo '/* Generated from data/probe.py by gen-probe-script.sh. Do not edit. */'
echo '#include "probe_script.h"'
echo
echo 'const char pp_probe_script[] = {'
od -An -v -tx1 "$input" | sed -e 's/  */ /g' -e 's/^ //' -e '/^$/d' \
    -e 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'
echo '0x00 };'
echo 'const size_t pp_probe_script_length = sizeof pp_probe_script - 1;'
# Names this version of the script in cache keys (POSIX cksum: CRC and
# size). Caches compare contents too; this only has to tell them apart.
set -- $(cksum < "$input")
printf 'const char pp_probe_script_id[] = "%s-%s";\n' "$1" "$2"
