#!/bin/sh
# --sysconfigdata: facts read from a _sysconfigdata_*.py file, parsed and
# never run, must be those of the live interpreter. Three sources:
#  - the real files of the interpreters here, where they are installed
#    (Debian's python3.11 and python3.11d always, pyenv's when present);
#  - copies of real files in sysroots under tests/data/sysroots, as a
#    build host sees a target's (compared with the live interpreter when
#    it is the same one, else with values recorded from it);
#  - files made from every recorded sheet before 3.15 (3.13t among them),
#    compared with the replay stand-in of the same sheet.
. "$(dirname "$0")/../lib.sh"
sheets=$top_srcdir/tests/fixtures/interpreters
sysroots=$top_srcdir/tests/data/sysroots
tmp=$T

python3 -c 'import sys; sys.exit(sys.version_info < (3, 8))' ||
    fatal "the stand-in needs python3 >= 3.8 on PATH"

# under ROOT FILE: FILE with ROOT's paths put under $ROOT, as a relocated
# installation reports them (the prefixes and the headers).
under() {
    sed -e "s|^prefix=|&$1|" -e "s|^base_prefix=|&$1|" \
        -e "s|^includedir=|&$1|" -e "s|^cppflags=-I|&$1|" \
        -e "s|^build_cppflags=-I|&$1|" "$2"
}
libc_option() {   # the --libc option matching a values file's libc
    sed -n 's/^libc=glibc \(.*\)/--libc glibc-\1/p; s/^libc=$/--libc none/p' "$1"
}

# 1. The real files, where they are: the same answer as the live probe,
# for every CPython the tests probe (Debian's 3.11 and 3.11d, pyenv's, a
# real free-threaded 3.13t where $PYPROBE_TEST_FREE_THREADED names one).
for name in /usr/bin/python3.11 /usr/bin/python3.11d; do
    [ -x "$name" ] || fail "$name is missing (apt-get install python3.11-dbg)"
done
for python in $(all_pythons 2>/dev/null); do
    case $python in */pypy*) continue ;; esac
    file=$("$PYPROBE" --python "$python" --json | python3 -c '
import json, sys
probe = json.load(sys.stdin)["probe"]
print([d for d in probe["depends"] if "/_sysconfigdata" in d][0])') ||
        { fail "$python: which _sysconfigdata file?"; continue; }
    all_values "$tmp/live" --python "$python" ||
        { fail "$python: live probe failed"; continue; }
    version=$(sed -n 's/^version=//p' "$tmp/live")
    case $version in 3.1[5-9]*) continue ;; esac
    all_values "$tmp/file" --sysconfigdata "$file" $(libc_option "$tmp/live") \
        --python-version "$version" ||
        { fail "$python: --sysconfigdata $file failed"; continue; }
    same_values "$python: its $(basename "$file") gives the live facts" \
        "$tmp/live" "$tmp/file"
done

# 2. The copies in sysroots: found under the sysroot, version from the
# copied patchlevel.h.
for root in "$sysroots"/*/; do
    root=$(cd "$root" && pwd -P)     # as pyprobe names it: a real path
    file=$(find "$root" -name '_sysconfigdata*.py')
    case $root in
    */pypy-*)
        "$PYPROBE" --sysconfigdata "$file" --get abi_tag > /dev/null \
            2> "$tmp/err"
        # It is a program, not a table: refused as such.
        [ $? -eq 5 ] && grep -q 'expected' "$tmp/err" &&
            pass "PyPy's file (code) is refused: $(cat "$tmp/err")" ||
            fail "PyPy's file: $(cat "$tmp/err")"
        continue ;;
    esac
    all_values "$tmp/copy" --sysconfigdata "$file" --libc glibc-2.36 ||
        { fail "$root: --sysconfigdata failed"; continue; }
    exe=$(sed -n 's/^executable=//p' "$tmp/copy")
    live=${exe#"$root"}
    target=${file#"$root"}
    if [ -x "$live" ] && cmp -s "$file" "$target"; then
        all_values "$tmp/live" --python "$live"
        sed 's/^libc=.*/libc=glibc 2.36/' "$tmp/live" > "$tmp/live.libc"
        under "$root" "$tmp/live.libc" > "$tmp/live.moved"
        same_values "$(basename "$root"): under a sysroot, as $live live" \
            "$tmp/live.moved" "$tmp/copy"
    else
        # Not here (or another build of it): the values recorded from it.
        case $root in
        */debian-3.11) want="3.11.2 cp311 .cpython-311-x86_64-linux-gnu.so" ;;
        */debian-3.11d) want="3.11.2 cp311d .cpython-311d-x86_64-linux-gnu.so" ;;
        */pyenv-3.6) want="3.6.15 cp36m .cpython-36m-x86_64-linux-gnu.so" ;;
        */pyenv-3.13) want="3.13.0 cp313 .cpython-313-x86_64-linux-gnu.so" ;;
        *) want=unknown ;;
        esac
        got=$(sed -n 's/^abi_tag=//p; s/^version=//p; s/^ext_suffix=//p' \
              "$tmp/copy" | tr '\n' ' ')
        [ "$got" = "$want " ] &&
            pass "$(basename "$root"): $got(as recorded; $live is not here, or another build)" ||
            fail "$(basename "$root"): '$got', recorded '$want'"
    fi
    grep -q "^includedir=$root/" "$tmp/copy" ||
        fail "$(basename "$root"): the headers are not under the sysroot"
done

# 3. Every recorded CPython sheet before 3.15, as a file in a sysroot,
# against the stand-in replaying the same sheet.
for sheet in "$sheets"/cpython-3.*.json; do
    name=$(basename "$sheet" .json)
    case $name in cpython-3.1[5-9]*) continue ;; esac
    live=$(stand_in "$name")
    file=$(python3 - "$sheet" "$tmp/root" <<'EOF'
import json, os, sys
sheet = json.load(open(sys.argv[1]))
config = sheet['sysconfig.get_config_vars']
root = sys.argv[2]
version = sheet['sys']['version_info']
include = root + sheet['sysconfig.get_paths']['include']
os.makedirs(include, exist_ok=True)
level = {'alpha': 'ALPHA', 'beta': 'BETA', 'candidate': 'GAMMA',
         'final': 'FINAL'}[version[3]]
with open(include + '/patchlevel.h', 'w') as f:
    f.write('#define PY_MAJOR_VERSION\t\t%d\n#define PY_MINOR_VERSION\t\t%d\n'
            '#define PY_MICRO_VERSION\t\t%d\n'
            '#define PY_RELEASE_LEVEL\tPY_RELEASE_LEVEL_%s\n'
            '#define PY_RELEASE_SERIAL\t%d\n' % (version[0], version[1],
                                                version[2], level, version[4]))
path = '%s%s/_sysconfigdata_%s_linux_%s.py' % (
    root, config['LIBDEST'], config['ABIFLAGS'], config['MULTIARCH'])
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, 'w') as f:
    f.write('# system configuration generated and used by the sysconfig '
            'module\nbuild_time_vars = %r\n' % config)
print(path)
EOF
) || { fail "$name: cannot write its file"; continue; }
    all_values "$tmp/live" --python "$live" || { fail "$name: live"; continue; }
    all_values "$tmp/file" --sysconfigdata "$file" $(libc_option "$tmp/live") ||
        { fail "$name: --sysconfigdata failed"; continue; }
    under "$tmp/root" "$tmp/live" > "$tmp/live.moved"
    same_values "$name: its table gives the live facts" "$tmp/live.moved" "$tmp/file"
    "$PYPROBE" tags --python "$live" > "$tmp/tags.live"
    "$PYPROBE" tags --sysconfigdata "$file" $(libc_option "$tmp/live") \
        > "$tmp/tags.file"
    cmp -s "$tmp/tags.live" "$tmp/tags.file" && [ -s "$tmp/tags.file" ] &&
        pass "$name: the wheel tags too" || fail "$name: wheel tags differ"
done

# 4. What is refused, and how: one line, a documented exit code.
expect() {   # expect CODE WHAT pyprobe-args...
    want=$1 what=$2; shift 2
    out=$("$PYPROBE" "$@" --get abi_tag 2> "$tmp/err")
    code=$?
    if [ "$want" -eq 0 ] && [ $code -eq 0 ] && [ "$out" = cp311 ] &&
       [ ! -s "$tmp/err" ]; then
        pass "$what"
    elif [ "$want" -ne 0 ] && [ $code -eq "$want" ] && [ -z "$out" ] &&
       [ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -q '^pyprobe: ' "$tmp/err"
    then pass "$what: $(cat "$tmp/err")"
    else fail "$what: exit $code (expected $want): $out $(cat "$tmp/err")"; fi
}
real=$sysroots/debian-3.11/usr/lib/python3.11/_sysconfigdata__x86_64-linux-gnu.py
mkdir -p "$tmp/r/usr/lib/python3.11" "$tmp/r/usr/include/python3.11"
bad=$tmp/r/usr/lib/python3.11/_sysconfigdata__x86_64-linux-gnu.py
variant() {   # variant SED-SCRIPT: the Debian 3.11 file, edited
    sed "$1" "$real" > "$bad"
    echo "$bad"
}
cp "$sysroots/debian-3.11/usr/include/python3.11/patchlevel.h" \
    "$tmp/r/usr/include/python3.11/"
expect 0 "the copy in another sysroot" --sysconfigdata "$(variant '')"
expect 5 "code instead of data" \
    --sysconfigdata "$(variant '1s/^/import os\n/')"
expect 5 "a call in a value" \
    --sysconfigdata "$(variant "s/'ABIFLAGS': ''/'ABIFLAGS': str()/")"
expect 5 "an f-string" \
    --sysconfigdata "$(variant "s/'ABIFLAGS': ''/'ABIFLAGS': f''/")"
expect 5 "build_time_vars that is not a dict" \
    --sysconfigdata "$(printf "build_time_vars = ['a']\n" > "$bad"; echo "$bad")"
expect 5 "no build_time_vars" \
    --sysconfigdata "$(printf "other = {}\n" > "$bad"; echo "$bad")"
expect 5 "SOABI and EXT_SUFFIX that disagree" --sysconfigdata \
    "$(variant "s/'SOABI': 'cpython-311-/'SOABI': 'cpython-312-/")"
expect 6 "a 3.15 file (its suffixes are not all in it)" --sysconfigdata \
    "$(variant "s/'VERSION': '3.11'/'VERSION': '3.15'/")"
expect 2 "--python-version against patchlevel.h" --sysconfigdata \
    "$(variant '')" --python-version 3.11.9
expect 2 "a 32-bit target without --platform" --sysconfigdata \
    "$(variant "s/'SIZEOF_VOID_P': 8/'SIZEOF_VOID_P': 4/; s/x86_64-linux-gnu/i386-linux-gnu/g")"
expect 0 "a 32-bit target with --platform" --sysconfigdata "$bad" \
    --platform linux-i686
got=$("$PYPROBE" --sysconfigdata "$bad" --platform linux-x86_64 --libc glibc-2.36 \
    --get platform_tag --get pointer_size)
[ "$got" = "$(printf 'linux_i686\n4')" ] &&
    pass "a 32-bit target on a 64-bit kernel is named for its own size" ||
    fail "32-bit on 64-bit: '$got'"
rm "$tmp/r/usr/include/python3.11/patchlevel.h"
expect 2 "no patchlevel.h and no --python-version" \
    --sysconfigdata "$(variant '')"
expect 0 "no patchlevel.h, with --python-version" \
    --sysconfigdata "$(variant '')" --python-version 3.11.2
cp "$real" "$tmp/away.py"
expect 2 "a file away from its LIBDEST, without --sysroot" \
    --sysconfigdata "$tmp/away.py" --python-version 3.11.2
expect 0 "the same with --sysroot /" --sysconfigdata "$tmp/away.py" \
    --python-version 3.11.2 --sysroot /
expect 2 "a malformed --python-version" --sysconfigdata "$tmp/away.py" \
    --python-version 3.11 --sysroot /
expect 7 "a missing file" --sysconfigdata "$tmp/none.py"
finish
