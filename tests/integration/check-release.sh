#!/bin/sh
# tests/integration/check-release.sh - `pyprobe check-release MANIFEST
# DIR`: a directory of wheels against the cells a release must have. The
# manifest is the one from issue 3 unless a case says otherwise; the
# wheels are empty files (only their names count). Every case checks the
# exact output lines, the standard error and the exit status:
#   0 all cells filled, nothing else;  1 a cell missing, a wheel of the
#   wrong ABI, unexpected or malformed;  2 usage;  5 malformed manifest
#   (naming the line);  7 a manifest or directory that cannot be read.
set -u
: "${PYPROBE:?run me through make check}"
LC_ALL=C
export LC_ALL
# glibc fills the heap memory it hands out with a byte that is not 0 (and
# with the per-thread cache off, every allocation goes through that), so
# reading memory that was never written fails every time instead of only
# when the allocator happens to hand out dirty memory.
MALLOC_PERTURB_=165
GLIBC_TUNABLES=glibc.malloc.tcache_count=0:glibc.malloc.perturb=165
export MALLOC_PERTURB_ GLIBC_TUNABLES

failures=0
checks=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pyprobe-check-release.XXXXXX") || exit 99
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# release NAME WHEEL...: a fresh directory $tmp/NAME holding empty files.
release() {
    rl_dir=$tmp/$1
    shift
    rm -rf "$rl_dir"
    mkdir -p "$rl_dir" || exit 99
    for rl_wheel in "$@"; do
        : >"$rl_dir/$rl_wheel" || exit 99
    done
}

# manifest NAME: the manifest $tmp/NAME from standard input.
manifest() {
    cat >"$tmp/$1"
}

# expect WHAT STATUS STDERR ARGS...: run pyprobe check-release ARGS...;
# standard output must be the text in $tmp/want (written just before),
# standard error exactly STDERR (a line, or empty), the exit status STATUS.
expect() {
    ex_what=$1 ex_status=$2 ex_err=$3
    shift 3
    checks=$((checks + 1))
    ex_got=0
    (cd "$tmp" && "$PYPROBE" check-release "$@") >"$tmp/out" 2>"$tmp/err" \
        </dev/null || ex_got=$?
    if [ -n "$ex_err" ]; then
        printf '%s\n' "$ex_err" >"$tmp/want-err"
    else
        : >"$tmp/want-err"
    fi
    if [ "$ex_got" -eq "$ex_status" ] && cmp -s "$tmp/want" "$tmp/out" &&
            cmp -s "$tmp/want-err" "$tmp/err"; then
        printf 'ok: %s\n' "$ex_what"
        return 0
    fi
    failures=$((failures + 1))
    printf 'FAIL: %s: exit status %s (expected %s)\n' "$ex_what" "$ex_got" \
        "$ex_status"
    diff "$tmp/want" "$tmp/out" | sed 's/^/    stdout: /'
    diff "$tmp/want-err" "$tmp/err" | sed 's/^/    stderr: /'
    return 1
}

manifest issue.txt <<'EOF'
cp314 manylinux_2_28_aarch64
cp314t manylinux_2_28_aarch64
cp315-abi3.abi3t manylinux_2_28_x86_64
EOF

cp314=foo-1.0-cp314-cp314-manylinux_2_28_aarch64.whl
cp314t=foo-1.0-cp314-cp314t-manylinux_2_28_aarch64.whl
dual=foo-1.0-cp315-abi3.abi3t-manylinux_2_28_x86_64.whl

# ---- all present ------------------------------------------------------------

release all "$cp314" "$cp314t" "$dual" README.md foo-1.0.tar.gz
cat >"$tmp/want" <<EOF
ok          $cp314  (cp314 manylinux_2_28_aarch64)
ok          $cp314t  (cp314t manylinux_2_28_aarch64)
ok          $dual  (cp315-abi3.abi3t manylinux_2_28_x86_64)
3 wheels: 3 ok, 0 missing cells, 0 of the wrong ABI, 0 unexpected, 0 malformed
EOF
expect "all cells filled (other files ignored)" 0 "" issue.txt all
# Absolute paths and a trailing slash work the same.
expect "absolute paths" 0 "" "$tmp/issue.txt" "$tmp/all/"

# ---- a missing cell ---------------------------------------------------------

release missing "$cp314" "$dual"
cat >"$tmp/want" <<EOF
ok          $cp314  (cp314 manylinux_2_28_aarch64)
ok          $dual  (cp315-abi3.abi3t manylinux_2_28_x86_64)
missing     cp314t manylinux_2_28_aarch64: no wheel has Python tag cp314 and ABI cp314t
2 wheels: 2 ok, 1 missing cells, 0 of the wrong ABI, 0 unexpected, 0 malformed
EOF
expect "a missing cell" 1 "" issue.txt missing

release empty
cat >"$tmp/want" <<EOF
missing     cp314 manylinux_2_28_aarch64: no wheel has Python tag cp314 and ABI cp314
missing     cp314t manylinux_2_28_aarch64: no wheel has Python tag cp314 and ABI cp314t
missing     cp315-abi3.abi3t manylinux_2_28_x86_64: no wheel has Python tag cp315 and ABI abi3.abi3t
0 wheels: 0 ok, 3 missing cells, 0 of the wrong ABI, 0 unexpected, 0 malformed
EOF
expect "no wheels at all" 1 "" issue.txt empty

# ---- the historical bug -----------------------------------------------------
# On one platform the release pipeline got the free-threaded interpreter
# and shipped cp314-cp314t where cp314-cp314 was meant; a check matching
# ABI tags as substrings passed it. Here that platform is x86_64, where
# the manifest asks for the GIL build only.

manifest historical.txt <<'EOF'
cp314 manylinux_2_28_aarch64
cp314t manylinux_2_28_aarch64
cp314 manylinux_2_28_x86_64
EOF
bug=foo-1.0-cp314-cp314t-manylinux_2_28_x86_64.whl
release historical "$cp314" "$cp314t" "$bug"
cat >"$tmp/want" <<EOF
ok          $cp314  (cp314 manylinux_2_28_aarch64)
ok          $cp314t  (cp314t manylinux_2_28_aarch64)
wrong-abi   $bug: its ABI tag is cp314t, expected cp314 (cell cp314 manylinux_2_28_x86_64)
missing     cp314 manylinux_2_28_x86_64: no wheel has Python tag cp314 and ABI cp314
3 wheels: 2 ok, 1 missing cells, 1 of the wrong ABI, 0 unexpected, 0 malformed
EOF
expect "historical bug: cp314-cp314t where cp314-cp314 was meant" 1 "" \
    historical.txt historical

# With the issue's manifest, the cp314t wheel fills its own cell and the
# cp314 cell is missing.
release historical2 "$cp314t" "$dual"
cat >"$tmp/want" <<EOF
ok          $cp314t  (cp314t manylinux_2_28_aarch64)
ok          $dual  (cp315-abi3.abi3t manylinux_2_28_x86_64)
missing     cp314 manylinux_2_28_aarch64: no wheel has Python tag cp314 and ABI cp314
2 wheels: 2 ok, 1 missing cells, 0 of the wrong ABI, 0 unexpected, 0 malformed
EOF
expect "historical bug, both ABIs in the manifest" 1 "" issue.txt historical2

# And the reverse: a GIL wheel where the free-threaded one was asked for.
manifest ft-only.txt <<'EOF'
cp314t manylinux_2_28_aarch64
EOF
release reverse "$cp314"
cat >"$tmp/want" <<EOF
wrong-abi   $cp314: its ABI tag is cp314, expected cp314t (cell cp314t manylinux_2_28_aarch64)
missing     cp314t manylinux_2_28_aarch64: no wheel has Python tag cp314 and ABI cp314t
1 wheel: 0 ok, 1 missing cells, 1 of the wrong ABI, 0 unexpected, 0 malformed
EOF
expect "cp314 where cp314t was asked for" 1 "" ft-only.txt reverse

# ---- unexpected and malformed wheels ----------------------------------------

extra1=foo-1.0-cp313-cp313-manylinux_2_28_aarch64.whl
extra2=foo-1.0-cp314-cp314-manylinux_2_28_ppc64le.whl
extra3=foo-1.0-py3-none-any.whl
release unexpected "$cp314" "$cp314t" "$dual" "$extra1" "$extra2" "$extra3"
cat >"$tmp/want" <<EOF
unexpected  $extra1: no cell of the manifest asks for it
ok          $cp314  (cp314 manylinux_2_28_aarch64)
unexpected  $extra2: no cell of the manifest asks for it
ok          $cp314t  (cp314t manylinux_2_28_aarch64)
ok          $dual  (cp315-abi3.abi3t manylinux_2_28_x86_64)
unexpected  $extra3: no cell of the manifest asks for it
6 wheels: 3 ok, 0 missing cells, 0 of the wrong ABI, 3 unexpected, 0 malformed
EOF
expect "unexpected wheels" 1 "" issue.txt unexpected

release malformed "$cp314" "$cp314t" "$dual" foo-1.0.whl \
    "foo-1..0-cp314-cp314-manylinux_2_28_aarch64.whl" "foo bar-1.0-py3-none-any.whl"
cat >"$tmp/want" <<EOF
malformed   foo bar-1.0-py3-none-any.whl: invalid project name 'foo bar': only letters, digits, '_' and '.' are allowed
malformed   foo-1..0-cp314-cp314-manylinux_2_28_aarch64.whl: invalid version '1..0'
ok          $cp314  (cp314 manylinux_2_28_aarch64)
ok          $cp314t  (cp314t manylinux_2_28_aarch64)
ok          $dual  (cp315-abi3.abi3t manylinux_2_28_x86_64)
malformed   foo-1.0.whl: wrong number of parts: 1 '-' where name-version[-build]-python-abi-platform.whl has 4 or 5
6 wheels: 3 ok, 0 missing cells, 0 of the wrong ABI, 0 unexpected, 3 malformed
EOF
expect "malformed file names" 1 "" issue.txt malformed

# ---- abi3 and abi3t sets ----------------------------------------------------

abi3=foo-1.0-cp315-abi3-manylinux_2_28_x86_64.whl
release abi3 "$cp314" "$cp314t" "$abi3"
cat >"$tmp/want" <<EOF
ok          $cp314  (cp314 manylinux_2_28_aarch64)
ok          $cp314t  (cp314t manylinux_2_28_aarch64)
wrong-abi   $abi3: its ABI tag is abi3, expected abi3.abi3t (cell cp315-abi3.abi3t manylinux_2_28_x86_64)
missing     cp315-abi3.abi3t manylinux_2_28_x86_64: no wheel has Python tag cp315 and ABI abi3.abi3t
3 wheels: 2 ok, 1 missing cells, 1 of the wrong ABI, 0 unexpected, 0 malformed
EOF
expect "abi3 where abi3.abi3t was asked for" 1 "" issue.txt abi3

abi3t=foo-1.0-cp315-abi3t-manylinux_2_28_x86_64.whl
release abi3t "$cp314" "$cp314t" "$abi3t"
cat >"$tmp/want" <<EOF
ok          $cp314  (cp314 manylinux_2_28_aarch64)
ok          $cp314t  (cp314t manylinux_2_28_aarch64)
wrong-abi   $abi3t: its ABI tag is abi3t, expected abi3.abi3t (cell cp315-abi3.abi3t manylinux_2_28_x86_64)
missing     cp315-abi3.abi3t manylinux_2_28_x86_64: no wheel has Python tag cp315 and ABI abi3.abi3t
3 wheels: 2 ok, 1 missing cells, 1 of the wrong ABI, 0 unexpected, 0 malformed
EOF
expect "abi3t where abi3.abi3t was asked for" 1 "" issue.txt abi3t

manifest abi3-only.txt <<'EOF'
cp315-abi3 manylinux_2_28_x86_64
EOF
release dual "$dual"
cat >"$tmp/want" <<EOF
wrong-abi   $dual: its ABI tag is abi3.abi3t, expected abi3 (cell cp315-abi3 manylinux_2_28_x86_64)
missing     cp315-abi3 manylinux_2_28_x86_64: no wheel has Python tag cp315 and ABI abi3
1 wheel: 0 ok, 1 missing cells, 1 of the wrong ABI, 0 unexpected, 0 malformed
EOF
expect "abi3.abi3t where abi3 was asked for" 1 "" abi3-only.txt dual

# The same set written in another order, and in capitals, fills the cell.
reordered=foo-1.0-cp315-ABI3T.ABI3-manylinux_2_28_x86_64.whl
release reordered "$cp314" "$cp314t" "$reordered"
cat >"$tmp/want" <<EOF
ok          $cp314  (cp314 manylinux_2_28_aarch64)
ok          $cp314t  (cp314t manylinux_2_28_aarch64)
ok          $reordered  (cp315-abi3.abi3t manylinux_2_28_x86_64)
3 wheels: 3 ok, 0 missing cells, 0 of the wrong ABI, 0 unexpected, 0 malformed
EOF
expect "abi3t.abi3 in capitals fills abi3.abi3t" 0 "" issue.txt reordered

# ---- compressed platform tags -----------------------------------------------

c314=foo-1.0-cp314-cp314-manylinux_2_17_aarch64.manylinux2014_aarch64.manylinux_2_28_aarch64.whl
c314t=foo-1.0-1-cp314-cp314t-manylinux_2_28_aarch64.musllinux_1_2_aarch64.whl
cdual=foo-1.0-cp315-abi3.abi3t-manylinux_2_28_x86_64.manylinux_2_34_x86_64.whl
release compressed "$c314" "$c314t" "$cdual"
cat >"$tmp/want" <<EOF
ok          $c314t  (cp314t manylinux_2_28_aarch64)
ok          $c314  (cp314 manylinux_2_28_aarch64)
ok          $cdual  (cp315-abi3.abi3t manylinux_2_28_x86_64)
3 wheels: 3 ok, 0 missing cells, 0 of the wrong ABI, 0 unexpected, 0 malformed
EOF
expect "compressed platform tags fill cells" 0 "" issue.txt compressed

# One wheel for two platforms fills both cells (one line: its first cell).
manifest two-platforms.txt <<'EOF'
cp314 manylinux_2_28_aarch64
cp314 manylinux_2_28_x86_64
EOF
both=foo-1.0-cp314-cp314-manylinux_2_28_aarch64.manylinux_2_28_x86_64.whl
release both "$both"
cat >"$tmp/want" <<EOF
ok          $both  (cp314 manylinux_2_28_aarch64)
1 wheel: 1 ok, 0 missing cells, 0 of the wrong ABI, 0 unexpected, 0 malformed
EOF
expect "one wheel, two platform cells" 0 "" two-platforms.txt both

# ---- PyPy cells, comments and blank lines -----------------------------------

manifest pypy.txt <<'EOF'
# the release of foo 1.0

# python-abi           platform
cp314                  manylinux_2_28_aarch64     # GIL
	cp314t	manylinux_2_28_aarch64

pp310-pypy310_pp73     manylinux_2_28_x86_64
pp311-pypy311_pp73     manylinux_2_28_x86_64#no space before the comment
EOF
pp310=foo-1.0-pp310-pypy310_pp73-manylinux_2_28_x86_64.whl
pp39=foo-1.0-pp310-pypy39_pp73-manylinux_2_28_x86_64.whl
release pypy "$cp314" "$cp314t" "$pp310" "$pp39"
cat >"$tmp/want" <<EOF
ok          $cp314  (cp314 manylinux_2_28_aarch64)
ok          $cp314t  (cp314t manylinux_2_28_aarch64)
ok          $pp310  (pp310-pypy310_pp73 manylinux_2_28_x86_64)
wrong-abi   $pp39: its ABI tag is pypy39_pp73, expected pypy310_pp73 (cell pp310-pypy310_pp73 manylinux_2_28_x86_64)
missing     pp311-pypy311_pp73 manylinux_2_28_x86_64: no wheel has Python tag pp311 and ABI pypy311_pp73
4 wheels: 3 ok, 1 missing cells, 1 of the wrong ABI, 0 unexpected, 0 malformed
EOF
expect "PyPy cells, comments, blank lines and tabs" 1 "" pypy.txt pypy

printf 'cp314 manylinux_2_28_aarch64\r\ncp314t manylinux_2_28_aarch64\r\ncp315-abi3.abi3t manylinux_2_28_x86_64' \
    >"$tmp/crlf.txt"
cat >"$tmp/want" <<EOF
ok          $cp314  (cp314 manylinux_2_28_aarch64)
ok          $cp314t  (cp314t manylinux_2_28_aarch64)
ok          $dual  (cp315-abi3.abi3t manylinux_2_28_x86_64)
3 wheels: 3 ok, 0 missing cells, 0 of the wrong ABI, 0 unexpected, 0 malformed
EOF
expect "CRLF line ends, no final newline" 0 "" crlf.txt all

# ---- malformed manifests: exit 5, naming the line ---------------------------

: >"$tmp/want"
# bad_manifest WHAT CONTENT ERROR: CONTENT (printf %b) is refused with
# exit status 5 and ERROR. (Not in a pipeline: the counts must survive.)
bad_manifest() {
    printf '%b' "$2" >"$tmp/bad.txt"
    expect "malformed manifest: $1" 5 "pyprobe: bad.txt: $3" bad.txt all
}
bad_manifest "one field" 'cp314 manylinux_2_28_aarch64\ncp314t\n' \
    "line 2: expected PYTHON-ABI PLATFORM, such as 'cp314t manylinux_2_28_x86_64'"
bad_manifest "three fields" '# foo\n\ncp314 manylinux_2_28_aarch64 linux_aarch64\n' \
    "line 3: expected PYTHON-ABI PLATFORM, such as 'cp314t manylinux_2_28_x86_64'"
bad_manifest "a wheel tag in one field" 'cp314-cp314-manylinux_2_28_aarch64\n' \
    "line 1: expected PYTHON-ABI PLATFORM, such as 'cp314t manylinux_2_28_x86_64'"
bad_manifest "cp3" 'cp3 manylinux_2_28_aarch64\n' \
    "line 1: 'cp3' is neither a CPython ABI tag (cp314t) nor PYTHON-ABI (cp315-abi3.abi3t)"
bad_manifest "pp310 without an ABI" '\n\n\npp310 manylinux_2_28_x86_64\n' \
    "line 4: 'pp310' is neither a CPython ABI tag (cp314t) nor PYTHON-ABI (cp315-abi3.abi3t)"
bad_manifest "two dashes" 'cp315-abi3-abi3t manylinux_2_28_x86_64\n' \
    "line 1: 'cp315-abi3-abi3t' is neither a CPython ABI tag (cp314t) nor PYTHON-ABI (cp315-abi3.abi3t)"
bad_manifest "an empty tag in a set" 'cp315-abi3..abi3t manylinux_2_28_x86_64\n' \
    "line 1: 'cp315-abi3..abi3t' is neither a CPython ABI tag (cp314t) nor PYTHON-ABI (cp315-abi3.abi3t)"
bad_manifest "a path for a platform" 'cp314 ../manylinux_2_28_x86_64\n' \
    "line 1: expected PYTHON-ABI PLATFORM, such as 'cp314t manylinux_2_28_x86_64'"
bad_manifest "no cells" '# nothing but comments\n\n' "the manifest lists no cells"
bad_manifest "an empty file" '' "the manifest lists no cells"

# ---- files that cannot be read: exit 7 --------------------------------------

expect "no manifest" 7 "pyprobe: no-such.txt: No such file or directory" \
    no-such.txt all
expect "no directory" 7 "pyprobe: no-such-dir: No such file or directory" \
    issue.txt no-such-dir
expect "a file for a directory" 7 "pyprobe: issue.txt: Not a directory" \
    issue.txt issue.txt
if [ "$(id -u)" != 0 ]; then
    release unreadable "$cp314"
    chmod 000 "$tmp/unreadable"
    expect "an unreadable directory" 7 \
        "pyprobe: unreadable: Permission denied" issue.txt unreadable
    chmod 700 "$tmp/unreadable"
fi

# ---- usage: exit 2 ----------------------------------------------------------

expect "no arguments" 2 \
    "pyprobe: check-release: expected MANIFEST DIR (see pyprobe --help)"
expect "one argument" 2 \
    "pyprobe: check-release: expected MANIFEST DIR (see pyprobe --help)" \
    issue.txt
expect "three arguments" 2 \
    "pyprobe: check-release: expected MANIFEST DIR (see pyprobe --help)" \
    issue.txt all all

if [ "$failures" -gt 0 ]; then
    echo "check-release: $failures of $checks checks FAILED"
    exit 1
fi
echo "check-release: all $checks checks passed"
