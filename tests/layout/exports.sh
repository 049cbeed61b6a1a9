#!/bin/sh
# exports.sh - libpyprobe exports exactly the functions src/pyprobe.h
# declares: nothing internal leaks out (an application could come to
# depend on it), and nothing declared is missing (a program using it
# would not link). As jansson checks its exports.

. "$(dirname "$0")/../lib.sh"
lib=$top_builddir/src/.libs/libpyprobe.so
header=$top_srcdir/src/pyprobe.h
command -v nm >/dev/null 2>&1 || skip "nm is not installed"
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
[ -f "$lib" ] || skip "no shared library ($lib): configured --disable-shared?"

# What the library exports: defined dynamic symbols, by kind.
nm -D --defined-only "$lib" >"$T/nm" || fatal "nm -D $lib failed"
awk '$2 == "T" || $2 == "i" { print $3 }' "$T/nm" | sort >"$T/exported"
awk '$2 != "T" && $2 != "i" { print $2, $3 }' "$T/nm" >"$T/data"

# What the header declares: every pyprobe_ function, comments removed.
python3 - "$header" >"$T/declared" <<'EOF' || fatal "cannot read $header"
import re, sys
text = open(sys.argv[1], encoding='utf-8').read()
text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
text = re.sub(r'^\s*#.*$', '', text, flags=re.M)
names = set()
for declaration in text.split(';'):
    m = re.search(r'\b(pyprobe_\w+)\s*\(', declaration)
    if m and not declaration.lstrip().startswith('typedef'):
        names.add(m.group(1))
print('\n'.join(sorted(names)))
EOF

count=$(wc -l <"$T/declared")
[ "$count" -gt 50 ] || fatal "found only $count functions in $header"
if cmp -s "$T/declared" "$T/exported"; then
    pass "the $count functions of pyprobe.h are exactly what it exports"
else
    comm -23 "$T/declared" "$T/exported" >"$T/missing"
    comm -13 "$T/declared" "$T/exported" >"$T/extra"
    [ -s "$T/missing" ] &&
        fail "declared in pyprobe.h but not exported:" $(cat "$T/missing")
    [ -s "$T/extra" ] &&
        fail "exported but not declared in pyprobe.h:" $(cat "$T/extra")
fi
if [ -s "$T/data" ]; then
    fail "exports symbols that are not functions:" $(cat "$T/data")
else
    pass "exports no data"
fi
finish
