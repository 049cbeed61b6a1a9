#!/bin/sh
# tags-file.sh - the KEY=value tag file reads the same in every reader.
#
# (a) For a normal interpreter every line is PYPROBE_NAME=value and the
#     public values carry no quoting, so a line-oriented CI reader
#     (GitHub's $GITHUB_ENV style: split at the first '=', last one wins)
#     gets the same values as sh. (The file starts with one line for sh
#     only, PYPROBE__SH=1; ...; return: an internal variable, which a CI
#     reader must see emptied again by the end of the file.)
# (b) For an interpreter behind a hostile path (space, quotes, $(...),
#     backticks, make's $(shell), backslash, #, $$, newline, trailing
#     space), every public value read back by dash, bash --posix and GNU
#     make is byte-identical to --get and to --json, both readers exit 0
#     with nothing on stderr, and nothing in the values is executed.
# (c) A value with a control character other than tab and newline is
#     refused (exit 6, naming the variable) and nothing is written.

. "$(dirname "$0")/lib.sh"
require_debian_python
command -v make >/dev/null 2>&1 || skip "GNU make is not installed"
make --version 2>/dev/null | grep -q 'GNU Make' || skip "make is not GNU make"
command -v bash >/dev/null 2>&1 || skip "bash is not installed"
cd "$T" || fatal "cannot cd to $T"
names >"$T/names" || fatal "pyprobe --list-names failed"
[ -s "$T/names" ] || fatal "pyprobe --list-names printed nothing"

# Readers never get $MAKEFLAGS from the make check that runs us.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEFILES 2>/dev/null || :

# expected.py JSON DIR: DIR/NAME = "[value]\n" for every name, from the
# --json document (numbers as decimal text), and DIR/get.NAME = what
# --get prints: "value\n".
cat >"$T/expected.py" <<'EOF'
import json, os, sys
document = json.load(open(sys.argv[1], encoding='utf-8'))
os.makedirs(sys.argv[2], exist_ok=True)
for line in open(sys.argv[3]):
    name = line.strip()
    value = document[name.lower()]
    if isinstance(value, list):   # a list name: space-separated here
        value = ' '.join(value)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        sys.exit('%s: unexpected JSON type %r' % (name, value))
    data = str(value).encode('utf-8', 'surrogateescape')
    with open(os.path.join(sys.argv[2], name), 'wb') as f:
        f.write(b'[' + data + b']\n')
    with open(os.path.join(sys.argv[2], 'get.' + name), 'wb') as f:
        f.write(data + b'\n')
EOF

# ci-reader.py FILE DIR NAMES: read FILE the way CI systems read
# KEY=value files (split each line at the first '=', the last assignment
# wins), write DIR/NAME = "[value]\n" for every public name, and print
# every problem: a line that is not PYPROBE_NAME=..., a public value
# with quoting in it, an internal PYPROBE__* variable that does not end
# up empty.
cat >"$T/ci-reader.py" <<'EOF'
import os, re, sys
os.makedirs(sys.argv[2], exist_ok=True)
public = set(line.strip() for line in open(sys.argv[3]))
values = {}
for line in open(sys.argv[1], 'rb').read().split(b'\n')[:-1]:
    text = line.decode('utf-8', 'replace')
    if not re.match(rb'PYPROBE_[A-Z0-9_]+=', line):
        print('  not a PYPROBE_NAME=value line: %s' % text)
        continue
    key, _, value = line.decode('utf-8', 'surrogateescape').partition('=')
    values[key[8:]] = value
for name, value in sorted(values.items()):
    if name in public:
        if re.search(r'[\'"\\$`]', value):
            print('  %s is quoted or escaped: %s' % (name, value))
        with open(os.path.join(sys.argv[2], name), 'wb') as f:
            f.write(b'[' + value.encode('utf-8', 'surrogateescape') + b']\n')
    elif not name.startswith('_'):
        print('  unknown name PYPROBE_%s' % name)
    elif value:
        print('  internal PYPROBE_%s keeps a value: %.60s' % (name, value))
EOF

# The sh reader: source the file, print every value in brackets.
{
    echo '. "$1" || exit 1'
    while read -r name; do
        printf 'printf "[%%s]\\n" "$PYPROBE_%s" >"$2/%s" || exit 1\n' \
            "$name" "$name"
    done <"$T/names"
} >"$T/sh-reader.sh"

# The make reader: include the file, $(file) every value in brackets.
{
    echo 'include $(TAGS)'
    while read -r name; do
        printf '$(file >$(OUT)/%s,[$(PYPROBE_%s)])\n' "$name" "$name"
    done <"$T/names"
    echo '.PHONY: all'
    echo 'all: ;'
} >"$T/make-reader.mk"

# compare_dirs WHAT EXPECTED_DIR ACTUAL_DIR [PREFIX]: every name's file
# must be byte-identical.
compare_dirs() {
    cd_bad=
    while read -r name; do
        if ! cmp -s "$2/${4:-}$name" "$3/$name"; then
            cd_bad="$cd_bad $name"
        fi
    done <"$T/names"
    if [ -z "$cd_bad" ]; then
        pass "$1: every value is byte-identical to --json"
    else
        fail "$1: values differ for:$cd_bad"
        for name in $cd_bad; do
            echo "  $name: expected $(od -An -c "$2/${4:-}$name" | head -n 3)"
            echo "  $name:   actual $(od -An -c "$3/$name" 2>/dev/null | head -n 3)"
            break
        done
    fi
}

# read_back LABEL PYTHON: write the tag file for PYTHON and compare what
# every reader gets from it with --json and --get.
read_back() {
    label=$1 py=$2 dir=$T/$1
    mkdir -p "$dir/run" "$dir/sh" "$dir/bash" "$dir/make" "$dir/get"
    expect_exit 0 -- "$PYPROBE" --python "$py" --json || return
    cp "$T/out" "$dir/facts.json"
    tool_py "$T/expected.py" "$dir/facts.json" "$dir/expected" "$T/names" ||
        fatal "cannot compute the expected values"
    expect_exit 0 -- "$PYPROBE" --python "$py" --tags "$dir/python.env" ||
        return
    pass "$label: pyprobe --tags succeeds"

    # --get, one name at a time: the value and a newline.
    get_bad=
    while read -r name; do
        key=$(echo "$name" | tr 'A-Z' 'a-z')
        "$PYPROBE" --python "$py" --get "$key" >"$dir/get/$name" 2>&1 </dev/null
        cmp -s "$dir/get/$name" "$dir/expected/get.$name" ||
            get_bad="$get_bad $name"
    done <"$T/names"
    check "$label: --get gives every --json value${get_bad:+ (not:$get_bad)}" \
        test -z "$get_bad"

    # dash and bash --posix source it; GNU make includes it. Each runs in
    # an empty directory so that anything executed would leave a trace.
    for reader in dash bash make; do
        case $reader in
        dash) set -- dash "$T/sh-reader.sh" "$dir/python.env" "$dir/dash" ;;
        bash) set -- bash --posix "$T/sh-reader.sh" "$dir/python.env" \
                  "$dir/bash" ;;
        make) set -- make -s -f "$T/make-reader.mk" TAGS="$dir/python.env" \
                  OUT="$dir/make" ;;
        esac
        mkdir -p "$dir/$reader"
        (cd "$dir/run" && "$@") >"$T/reader.out" 2>"$T/reader.err" </dev/null
        status=$?
        if [ "$status" -eq 0 ] && [ ! -s "$T/reader.err" ] &&
           [ ! -s "$T/reader.out" ]; then
            pass "$label: $reader reads the file, exit 0, no output"
        else
            fail "$label: $reader exits $status, printing:" \
                 "$(head -c 300 "$T/reader.out" "$T/reader.err")"
        fi
        compare_dirs "$label: $reader" "$dir/expected" "$dir/$reader"
    done
}

# --- (a) plain lines for a normal interpreter -----------------------------

for py in $(all_pythons); do
    label=plain-$(basename "$py")
    dir=$T/$label
    mkdir -p "$dir"
    expect_exit 0 -- "$PYPROBE" --python "$py" --json || continue
    cp "$T/out" "$dir/facts.json"
    tool_py "$T/expected.py" "$dir/facts.json" "$dir/expected" "$T/names" ||
        fatal "cannot compute the expected values"
    expect_exit 0 -- "$PYPROBE" --python "$py" --tags "$dir/python.env" ||
        continue
    tool_py "$T/ci-reader.py" "$dir/python.env" "$dir/ci" "$T/names" \
        >"$T/not-plain"
    if [ -s "$T/not-plain" ]; then
        fail "$label: a KEY=value reader finds $(wc -l <"$T/not-plain")" \
             "problems:"
        head -n 8 "$T/not-plain"
    else
        pass "$label: every line is PYPROBE_NAME=value, public values unquoted"
    fi
    compare_dirs "$label: a KEY=value (CI) reader" "$dir/expected" "$dir/ci"
    mkdir -p "$dir/sh"
    dash "$T/sh-reader.sh" "$dir/python.env" "$dir/sh" ||
        fail "$label: dash cannot source the tag file"
    compare_dirs "$label: dash" "$dir/expected" "$dir/sh"
done

# --- (b) a hostile interpreter path ---------------------------------------

read_back normal "$DEBIAN_PY"
make_hostile_python
read_back hostile "$HOSTILE_PY"
# The values really hold the hostile characters (else (b) proves little).
check "hostile: PYPROBE_PYTHON holds the hostile path" \
    cmp -s "$T/hostile/expected/get.PYTHON" - <<EOF
$HOSTILE_PY
EOF
no_injection "$T" "$(pwd)"

# --- (c) control characters are refused -----------------------------------

for char in 001 033 015 177; do
    ctl_dir=$(printf "$T/ctl-\\${char}-dir")
    mkdir -p "$ctl_dir"
    ln -sf "$DEBIAN_PY" "$ctl_dir/python3.11"
    mkdir -p "$T/ctl-out"
    printf 'EXISTING=1\n' >"$T/ctl-out/existing.env"
    touch -d "$OLD_DATE" "$T/ctl-out/existing.env"
    cp -p "$T/ctl-out/existing.env" "$T/ctl-saved.env"
    for target in new.env existing.env; do
        if expect_exit 6 -- "$PYPROBE" --python "$ctl_dir/python3.11" \
                --tags "$T/ctl-out/$target" --header "$T/ctl-out/new.h"; then
            pass "control character \\$char: --tags $target refused (exit 6)"
        fi
        check "control character \\$char: the error names PYPROBE_PYTHON" \
            grep -q 'PYPROBE_PYTHON' "$T/err"
        check "control character \\$char: one line on stderr, none on stdout" \
            test "$(wc -l <"$T/err")" -eq 1 -a ! -s "$T/out"
        check "control character \\$char: nothing written (--tags $target)" \
            test "$(ls -A "$T/ctl-out")" = existing.env
        check "control character \\$char: existing file untouched" \
            cmp -s "$T/ctl-out/existing.env" "$T/ctl-saved.env"
        check "control character \\$char: existing file keeps its mtime" \
            test "$(mtime "$T/ctl-out/existing.env")" = \
                 "$(mtime "$T/ctl-saved.env")"
    done
    rm -rf "$ctl_dir" "$T/ctl-out"
done

finish
