#!/bin/sh
# Turn a script under data/ into a C array, so it travels inside the
# library: data/probe.py becomes src/lib/probe/probe_script.c (the
# defaults), data/verify_import.py src/lib/probe/verify_script.c. POSIX
# od and sed only: no xxd, no build-machine compiler, which keeps cross
# builds simple.
#   usage: gen-probe-script.sh INPUT.py [SYMBOL HEADER] > OUTPUT.c
set -eu
input=$1
symbol=${2:-pp_probe_script}
header=${3:-probe/probe_script.h}
test -r "$input" || { echo "gen-probe-script.sh: cannot read $input" >&2; exit 1; }
echo "/* Generated from data/${input##*/} by gen-probe-script.sh. Do not edit. */"
echo "#include \"$header\""
echo
echo "const char $symbol[] = {"
od -An -v -tx1 "$input" | sed -e 's/  */ /g' -e 's/^ //' -e '/^$/d' \
    -e 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'
echo '0x00 };'
echo "const size_t ${symbol}_length = sizeof $symbol - 1;"
# Names this version of the script in cache keys (POSIX cksum: CRC and
# size). Caches compare contents too; this only has to tell them apart.
set -- $(cksum < "$input")
printf 'const char %s_id[] = "%s-%s";\n' "$symbol" "$1" "$2"
