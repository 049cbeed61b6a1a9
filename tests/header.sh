#!/bin/sh
# header.sh - the C header compiles cleanly and says what --json says.
#
# For every interpreter on the machine (Debian python3.11, python3.11d,
# pypy3, the pyenv CPythons) and for the hostile-path interpreter of
# tags-file.sh, the header compiles with $CC -Werror -Wall -Wextra
# -pedantic as C11 and C99, and with g++ as C++11; a generated program
# includes it (twice: the include guard) and prints every macro, and the
# printed values equal the --json values: strings byte for byte,
# booleans 0/1, numbers, VERSION_HEX as the JSON string. Numeric macros
# must work in #if. --macro-prefix=MYPKG_ renames every macro and the
# include guard; a bad prefix is a usage error that writes nothing.

. "$(dirname "$0")/lib.sh"
require_debian_python
cd "$T" || fatal "cannot cd to $T"
names >"$T/names" || fatal "pyprobe --list-names failed"

# The compilers: $CC as C11 and C99, g++ as C++11 when installed.
set -- c11 c99
if command -v g++ >/dev/null 2>&1; then
    set -- "$@" c++11
else
    note "g++ is not installed: the header is not compiled as C++"
fi
standards=$*
echo 'int main(void) { return 0; }' >"$T/empty.c"
# shellcheck disable=SC2086
$CC -o "$T/empty" "$T/empty.c" 2>/dev/null ||
    skip "the C compiler '$CC' does not work"

# program.py JSON NAMES PREFIX HEADER DIR: write DIR/program.c, which
# includes HEADER and prints "NAME=[value]" for every name, and
# DIR/expected, what it must print according to the JSON document.
cat >"$T/program.py" <<'EOF'
import json, sys
document = json.load(open(sys.argv[1], encoding='utf-8'))
names = [line.strip() for line in open(sys.argv[2])]
prefix, header, out = sys.argv[3:6]
code = ['#include <stdio.h>',
        '#include "%s"' % header,
        '#include "%s"  /* again: the include guard must hold */' % header,
        'static void put_str(const char *name, const char *value,'
        ' size_t size)',
        '{ printf("%s=[", name); fwrite(value, 1, size - 1, stdout);'
        ' fputs("]\\n", stdout); }',
        'static void put_num(const char *name, long long value)',
        '{ printf("%s=[%lld]\\n", name, value); }',
        'static void put_hex(const char *name, unsigned long value)',
        '{ printf("%s=[0x%08lX]\\n", name, value); }',
        'int main(void)', '{']
expected = b''
for name in names:
    macro = prefix + name
    value = document[name.lower()]
    if isinstance(value, list):   # a list name: space-separated in C
        value = ' '.join(value)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        sys.exit('%s: unexpected JSON value %r' % (name, value))
    if name.endswith('_HEX'):
        # a number in C, the same text in JSON
        code += ['#if !((%s) > 0)' % macro, '#error "%s: not a number"' % macro,
                 '#endif', '    put_hex("%s", %s);' % (name, macro)]
        text = value.encode()
    elif isinstance(value, int):
        # usable in #if, and the JSON number
        code += ['#if !((%s) >= 0)' % macro, '#error "%s: not a number"' % macro,
                 '#endif', '    put_num("%s", %s);' % (name, macro)]
        text = str(value).encode()
    else:
        # "" X only compiles for a string literal
        code.append('    put_str("%s", "" %s, sizeof("" %s));'
                    % (name, macro, macro))
        text = value.encode('utf-8', 'surrogateescape')
    expected += name.encode() + b'=[' + text + b']\n'
code += ['    return 0;', '}', '']
open(out + '/program.c', 'w').write('\n'.join(code))
open(out + '/expected', 'wb').write(expected)
EOF

# compile_and_compare LABEL HEADER PREFIX DIR: build DIR/program.c (it
# includes HEADER by its path) with
# every standard, run it, compare with DIR/expected.
compile_and_compare() {
    cc_label=$1 cc_dir=$4
    for std in $standards; do
        case $std in
        c++*) set -- g++ -x c++ "-std=$std" ;;
        *)    set -- $CC "-std=$std" ;;
        esac
        if "$@" -Werror -Wall -Wextra -pedantic -o "$cc_dir/program-$std" \
                "$cc_dir/program.c" >"$T/cc.log" 2>&1; then
            pass "$cc_label: compiles as $std with -Werror -Wall -Wextra -pedantic"
        else
            fail "$cc_label: does not compile as $std:"
            head -n 15 "$T/cc.log"
            continue
        fi
        "$cc_dir/program-$std" >"$cc_dir/printed-$std" ||
            fail "$cc_label: the $std program failed"
        if cmp -s "$cc_dir/expected" "$cc_dir/printed-$std"; then
            pass "$cc_label ($std): every macro equals the --json value"
        else
            fail "$cc_label ($std): macros differ from --json:"
            diff "$cc_dir/expected" "$cc_dir/printed-$std" | head -n 10
        fi
    done
}

# header_test LABEL PYTHON: the whole check for one interpreter.
header_test() {
    dir=$T/$1
    mkdir -p "$dir"
    expect_exit 0 -- "$PYPROBE" --python "$2" --json || return
    cp "$T/out" "$dir/facts.json"
    expect_exit 0 -- "$PYPROBE" --python "$2" --header "$dir/pyprobe.h" ||
        return
    tool_py "$T/program.py" "$dir/facts.json" "$T/names" PYPROBE_ \
        "$dir/pyprobe.h" "$dir" || fatal "program.py failed"
    compile_and_compare "$1" "$dir/pyprobe.h" PYPROBE_ "$dir"
}

for py in $(all_pythons); do
    header_test "$(basename "$(dirname "$(dirname "$py")")")-$(basename "$py")" "$py"
done
make_hostile_python
header_test hostile "$HOSTILE_PY"
no_injection "$T"

# --- --macro-prefix ------------------------------------------------------

dir=$T/prefixed
mkdir -p "$dir"
expect_exit 0 -- "$PYPROBE" --python "$DEBIAN_PY" --macro-prefix=MYPKG_ \
    --header "$dir/mypkg.h" &&
    pass "--macro-prefix=MYPKG_ writes a header"
check "MYPKG_: no PYPROBE_ left in the header" \
    test "$(grep -c 'PYPROBE_' "$dir/mypkg.h")" -eq 0
check "MYPKG_: the include guard is MYPKG_CONFIG_H" \
    grep -q '^#ifndef MYPKG_CONFIG_H$' "$dir/mypkg.h"
check "MYPKG_: one MYPKG_ macro per name" \
    test "$(grep -c '^#define MYPKG_' "$dir/mypkg.h")" -eq \
         "$(($(wc -l <"$T/names") + 1))"
tool_py "$T/program.py" "$T/usr-python3.11/facts.json" "$T/names" MYPKG_ \
    "$dir/mypkg.h" "$dir" || fatal "program.py failed"
compile_and_compare "MYPKG_ header" "$dir/mypkg.h" MYPKG_ "$dir"
# Both headers in one translation unit: the guards do not collide.
cat >"$dir/both.c" <<EOF
#include <string.h>
#include "$T/usr-python3.11/pyprobe.h"
#include "$dir/mypkg.h"
int main(void)
{
    return strcmp(PYPROBE_ABI_TAG, MYPKG_ABI_TAG) != 0 ||
           PYPROBE_FREE_THREADED != MYPKG_FREE_THREADED;
}
EOF
# shellcheck disable=SC2086
check "PYPROBE_ and MYPKG_ headers work in one file" \
    sh -c '$1 -std=c11 -Werror -Wall -Wextra -pedantic -o "$2" "$3" && "$2"' \
    sh "$CC" "$dir/both" "$dir/both.c"

# Bad prefixes: a usage error, one line on stderr, no header written.
for prefix in 1X __X _X MY-PKG 'MY PKG' ''; do
    if expect_exit 2 -- "$PYPROBE" --python "$DEBIAN_PY" \
            --macro-prefix="$prefix" --header "$dir/bad.h"; then
        pass "--macro-prefix='$prefix' is a usage error (exit 2)"
    fi
    check "--macro-prefix='$prefix': one line on stderr, nothing on stdout" \
        test "$(wc -l <"$T/err")" -eq 1 -a ! -s "$T/out"
    check "--macro-prefix='$prefix': no header written" \
        test ! -e "$dir/bad.h"
    rm -f "$dir/bad.h"
done

finish
