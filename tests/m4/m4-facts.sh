#!/bin/sh
# pyprobe.m4 when all is well: every public name is substituted with the
# value pyprobe --get gives, the conditionals follow FREE_THREADED,
# LIMITED_API, ABI3T and MYPYC, PYPROBE_DEFINE_FACTS puts into config.h
# exactly what pyprobe --header writes (a hostile interpreter path
# included), and the options of configure.ac and PYPROBE_FLAGS reach
# pyprobe, the user's last. The macro file's table of names must be the
# program's.
. "$(dirname "$0")/../lib.sh"
. "$top_srcdir/tests/m4/m4-project.sh"
tmp=$T

# The table in pyprobe.m4: NAME, KIND and the meaning --list-names gives.
awk '/^\$1\(\[/ { name = $1; kind = $2; getline; print name, kind, $0 }' \
    "$top_srcdir/m4/pyprobe.m4" |
    sed 's/^\$1(\[\([A-Z0-9_]*\)\], \[\([a-z]*\)\], *\[\(.*\)\])\[\]dnl$/\1 \2 \3/' \
    > "$tmp/table"
"$pyprobe_bin" --list-names | while read -r key meaning; do
    printf '%s %s\n' "$(printf '%s' "$key" | tr a-z A-Z)" "$meaning"
done > "$tmp/names"
cut -d' ' -f1,3- "$tmp/table" > "$tmp/table-names"
if cmp -s "$tmp/names" "$tmp/table-names"; then
    pass "pyprobe.m4 knows the $(wc -l < "$tmp/names") names of pyprobe --list-names"
else
    fail "pyprobe.m4's table and pyprobe --list-names differ:"
    diff "$tmp/names" "$tmp/table-names" | sed 's/^/  /'
fi

m4_project "$tmp/p" <<'EOF' || fatal "cannot make the project"
PYPROBE_CHECK([], [], [--mypyc=no])
PYPROBE_DEFINE_FACTS
EOF

# A path no configure should trip over.
hostile="$tmp/we\"ird\\dir ?\$(x)'q"
mkdir -p "$hostile" && ln -s /usr/bin/python3.11 "$hostile/python3" ||
    fatal "cannot create $hostile"

# check_python PYTHON POLICY: configure with PYPROBE_FLAGS=POLICY,
# compare.
check_python() {
    python=$1 policy=$2
    label="$python${policy:+ $policy}"
    if ! run_configure "$tmp/p" PYTHON="$python" PYPROBE_FLAGS="$policy"; then
        fail "$label: configure failed: $(cat "$tmp/p/error")"; return
    fi
    # The values: pyprobe with the options configure.ac gives, then the
    # user's.
    names=$(cut -d' ' -f1 "$tmp/table")
    gets=
    for name in $names; do
        gets="$gets --get $(printf '%s' "$name" | tr A-Z a-z)"
    done
    "$pyprobe_bin" --python "$python" --mypyc=no $policy $gets > "$tmp/got" ||
        { fail "$label: pyprobe failed"; return; }
    for name in $names; do
        IFS= read -r value
        printf '%s=%s\n' "$name" "$value"
    done < "$tmp/got" > "$tmp/want"
    if ! cmp -s "$tmp/want" "$tmp/p/values"; then
        fail "$label: substituted values differ from pyprobe --get:"
        diff "$tmp/want" "$tmp/p/values" | sed 's/^/  /'
    fi
    for c in FREE_THREADED LIMITED_API ABI3T MYPYC; do
        value=$(sed -n "s/^$c=//p" "$tmp/want")
        want=$c=1
        [ "$value" = 1 ] || want=$c=#1
        grep -qxF "$want" "$tmp/p/conditionals" ||
            fail "$label: conditional $c is not $want: $(grep "^$c=" "$tmp/p/conditionals")"
    done
    # config.h against pyprobe's own header.
    "$pyprobe_bin" --python "$python" --mypyc=no $policy --header "$tmp/h" ||
        { fail "$label: pyprobe --header failed"; return; }
    grep '^#define PYPROBE_' "$tmp/h" | grep -v '^#define PYPROBE_CONFIG_H' |
        sort > "$tmp/h-defines"
    grep '^#define PYPROBE_' "$tmp/p/config.h" | sort > "$tmp/c-defines"
    if ! cmp -s "$tmp/h-defines" "$tmp/c-defines"; then
        fail "$label: config.h differs from pyprobe --header:"
        diff "$tmp/h-defines" "$tmp/c-defines" | sed 's/^/  /'
    fi
    # And the compiler reads back the very values.
    cat > "$tmp/p/print.c" <<'EOF'
#include <stdio.h>
#include "config.h"
int main(void)
{
    printf("%s|%d|%s|%d|%#x\n", PYPROBE_PYTHON, PYPROBE_FREE_THREADED,
           PYPROBE_BUILD_SUFFIX, PYPROBE_MYPYC, PYPROBE_VERSION_HEX);
    return 0;
}
EOF
    ${CC:-cc} -o "$tmp/p/print" "$tmp/p/print.c" -I"$tmp/p" ||
        { fail "$label: config.h does not compile"; return; }
    got=$("$tmp/p/print")
    want=$("$pyprobe_bin" --python "$python" --mypyc=no $policy --get python \
               --get free_threaded --get build_suffix --get mypyc \
               --get version_hex | tr '\n' '|' | sed 's/|$//')
    want_hex=$(printf '%#x' "$(printf '%s' "$want" | sed 's/.*|//')")
    want=$(printf '%s' "$want" | sed 's/|[^|]*$//')"|$want_hex"
    [ "$got" = "$want" ] || fail "$label: from config.h: '$got', expected '$want'"
    pass "$label: $(grep -c . "$tmp/p/values") names, config.h, conditionals"
}

check_python /usr/bin/python3.11 ""
check_python /usr/bin/python3.11 "--limited-api=3.11"
check_python /usr/bin/python3.11d ""
check_python /usr/bin/pypy3 ""
check_python "$hostile/python3" ""
# The user's options come after configure.ac's, so theirs win.
check_python /usr/bin/python3.11 "--mypyc=auto"
grep -qx 'MYPYC=1' "$tmp/p/conditionals" ||
    fail "PYPROBE_FLAGS=--mypyc=auto did not override configure.ac's --mypyc=no"
grep -qx 'BUILD_PATH=abi3' "$tmp/p/values" &&
    fail "BUILD_PATH stayed abi3 without --limited-api"
finish
