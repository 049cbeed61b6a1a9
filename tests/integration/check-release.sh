#!/bin/sh
# tests/integration/check-release.sh - `pyprobe check-release MANIFEST
# DIR`: a directory of wheels against the cells a release must have. The
# manifest is the one from issue 3 unless a case says otherwise; the
# wheels are empty files (only their names count). Every case checks the
# exact output lines, the standard error and the exit status:
#   0 all cells filled, nothing else;  1 a cell missing, a wheel of the
#   wrong ABI, unexpected or malformed;  2 usage;  5 malformed manifest
#   (naming the line);  7 a manifest or directory that cannot be read.
. "$(dirname "$0")/../lib.sh"
# glibc fills the heap memory it hands out with a byte that is not 0 (and
# with the per-thread cache off, every allocation goes through that), so
# reading memory that was never written fails every time instead of only
# when the allocator happens to hand out dirty memory.
MALLOC_PERTURB_=165
GLIBC_TUNABLES=glibc.malloc.tcache_count=0:glibc.malloc.perturb=165
export MALLOC_PERTURB_ GLIBC_TUNABLES

tmp=$T

# release NAME WHEEL...: a fresh directory $tmp/NAME holding empty files.
release() {
    rl_dir=$tmp/$1
    shift
    rm -rf "$rl_dir"
    mkdir -p "$rl_dir" || fatal "cannot make $rl_dir"
    for rl_wheel in "$@"; do
        : >"$rl_dir/$rl_wheel" || fatal "cannot make $rl_dir/$rl_wheel"
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
        pass "$ex_what"
        return 0
    fi
    fail "$ex_what: exit status $ex_got (expected $ex_status)"
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
3 wheels: 3 ok; 3 cells: 3 filled
EOF
expect "all cells filled (other files ignored)" 0 "" issue.txt all
# Absolute paths and a trailing slash work the same.
expect "absolute paths" 0 "" "$tmp/issue.txt" "$tmp/all/"

# ---- a missing cell ---------------------------------------------------------

release missing "$cp314" "$dual"
cat >"$tmp/want" <<EOF
ok          $cp314  (cp314 manylinux_2_28_aarch64)
ok          $dual  (cp315-abi3.abi3t manylinux_2_28_x86_64)
missing     cp314t manylinux_2_28_aarch64: nearest is $cp314: ABI cp314, not cp314t
2 wheels: 2 ok; 3 cells: 2 filled, 1 missing
EOF
expect "a missing cell" 1 "" issue.txt missing

release empty
cat >"$tmp/want" <<EOF
missing     cp314 manylinux_2_28_aarch64: no wheel of the release to compare with
missing     cp314t manylinux_2_28_aarch64: no wheel of the release to compare with
missing     cp315-abi3.abi3t manylinux_2_28_x86_64: no wheel of the release to compare with
0 wheels: 0 ok; 3 cells: 0 filled, 3 missing
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
missing     cp314 manylinux_2_28_x86_64: nearest is $bug: ABI cp314t, not cp314
wrong-abi   $bug: its ABI tag is cp314t, expected cp314 (cell cp314 manylinux_2_28_x86_64)
3 wheels: 2 ok, 1 wrong-abi; 3 cells: 2 filled, 1 missing
EOF
expect "historical bug: cp314-cp314t where cp314-cp314 was meant" 1 "" \
    historical.txt historical

# With the issue's manifest, the cp314t wheel fills its own cell and the
# cp314 cell is missing.
release historical2 "$cp314t" "$dual"
cat >"$tmp/want" <<EOF
ok          $cp314t  (cp314t manylinux_2_28_aarch64)
ok          $dual  (cp315-abi3.abi3t manylinux_2_28_x86_64)
missing     cp314 manylinux_2_28_aarch64: nearest is $cp314t: ABI cp314t, not cp314
2 wheels: 2 ok; 3 cells: 2 filled, 1 missing
EOF
expect "historical bug, both ABIs in the manifest" 1 "" issue.txt historical2

# And the reverse: a GIL wheel where the free-threaded one was asked for.
manifest ft-only.txt <<'EOF'
cp314t manylinux_2_28_aarch64
EOF
release reverse "$cp314"
cat >"$tmp/want" <<EOF
missing     cp314t manylinux_2_28_aarch64: nearest is $cp314: ABI cp314, not cp314t
wrong-abi   $cp314: its ABI tag is cp314, expected cp314t (cell cp314t manylinux_2_28_aarch64)
1 wheel: 0 ok, 1 wrong-abi; 1 cell: 0 filled, 1 missing
EOF
expect "cp314 where cp314t was asked for" 1 "" ft-only.txt reverse

# ---- unexpected and malformed wheels ----------------------------------------

extra1=foo-1.0-cp313-cp313-manylinux_2_28_aarch64.whl
extra2=foo-1.0-cp314-cp314-manylinux_2_28_ppc64le.whl
extra3=foo-1.0-py3-none-any.whl
release unexpected "$cp314" "$cp314t" "$dual" "$extra1" "$extra2" "$extra3"
cat >"$tmp/want" <<EOF
ok          $cp314  (cp314 manylinux_2_28_aarch64)
ok          $cp314t  (cp314t manylinux_2_28_aarch64)
ok          $dual  (cp315-abi3.abi3t manylinux_2_28_x86_64)
unexpected  $extra1: no cell of the manifest asks for it
unexpected  $extra2: no cell of the manifest asks for it
unexpected  $extra3: no cell of the manifest asks for it
6 wheels: 3 ok, 3 unexpected; 3 cells: 3 filled
EOF
expect "unexpected wheels" 1 "" issue.txt unexpected

release malformed "$cp314" "$cp314t" "$dual" foo-1.0.whl \
    "foo-1..0-cp314-cp314-manylinux_2_28_aarch64.whl" "foo bar-1.0-py3-none-any.whl"
cat >"$tmp/want" <<EOF
ok          $cp314  (cp314 manylinux_2_28_aarch64)
ok          $cp314t  (cp314t manylinux_2_28_aarch64)
ok          $dual  (cp315-abi3.abi3t manylinux_2_28_x86_64)
malformed   foo bar-1.0-py3-none-any.whl: invalid project name 'foo bar': only letters, digits, '_' and '.' are allowed
malformed   foo-1..0-cp314-cp314-manylinux_2_28_aarch64.whl: invalid version '1..0'
malformed   foo-1.0.whl: wrong number of parts: 1 '-' where name-version[-build]-python-abi-platform.whl has 4 or 5
6 wheels: 3 ok, 3 malformed; 3 cells: 3 filled
EOF
expect "malformed file names" 1 "" issue.txt malformed

# ---- abi3 and abi3t sets ----------------------------------------------------

abi3=foo-1.0-cp315-abi3-manylinux_2_28_x86_64.whl
release abi3 "$cp314" "$cp314t" "$abi3"
cat >"$tmp/want" <<EOF
ok          $cp314  (cp314 manylinux_2_28_aarch64)
ok          $cp314t  (cp314t manylinux_2_28_aarch64)
missing     cp315-abi3.abi3t manylinux_2_28_x86_64: nearest is $abi3: ABI abi3, not abi3.abi3t
wrong-abi   $abi3: its ABI tag is abi3, expected abi3.abi3t (cell cp315-abi3.abi3t manylinux_2_28_x86_64)
3 wheels: 2 ok, 1 wrong-abi; 3 cells: 2 filled, 1 missing
EOF
expect "abi3 where abi3.abi3t was asked for" 1 "" issue.txt abi3

abi3t=foo-1.0-cp315-abi3t-manylinux_2_28_x86_64.whl
release abi3t "$cp314" "$cp314t" "$abi3t"
cat >"$tmp/want" <<EOF
ok          $cp314  (cp314 manylinux_2_28_aarch64)
ok          $cp314t  (cp314t manylinux_2_28_aarch64)
missing     cp315-abi3.abi3t manylinux_2_28_x86_64: nearest is $abi3t: ABI abi3t, not abi3.abi3t
wrong-abi   $abi3t: its ABI tag is abi3t, expected abi3.abi3t (cell cp315-abi3.abi3t manylinux_2_28_x86_64)
3 wheels: 2 ok, 1 wrong-abi; 3 cells: 2 filled, 1 missing
EOF
expect "abi3t where abi3.abi3t was asked for" 1 "" issue.txt abi3t

manifest abi3-only.txt <<'EOF'
cp315-abi3 manylinux_2_28_x86_64
EOF
release dual "$dual"
cat >"$tmp/want" <<EOF
missing     cp315-abi3 manylinux_2_28_x86_64: nearest is $dual: ABI abi3.abi3t, not abi3
wrong-abi   $dual: its ABI tag is abi3.abi3t, expected abi3 (cell cp315-abi3 manylinux_2_28_x86_64)
1 wheel: 0 ok, 1 wrong-abi; 1 cell: 0 filled, 1 missing
EOF
expect "abi3.abi3t where abi3 was asked for" 1 "" abi3-only.txt dual

# The same set written in another order, and in capitals, fills the cell.
reordered=foo-1.0-cp315-ABI3T.ABI3-manylinux_2_28_x86_64.whl
release reordered "$cp314" "$cp314t" "$reordered"
cat >"$tmp/want" <<EOF
ok          $cp314  (cp314 manylinux_2_28_aarch64)
ok          $cp314t  (cp314t manylinux_2_28_aarch64)
ok          $reordered  (cp315-abi3.abi3t manylinux_2_28_x86_64)
3 wheels: 3 ok; 3 cells: 3 filled
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
3 wheels: 3 ok; 3 cells: 3 filled
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
1 wheel: 1 ok; 2 cells: 2 filled
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
missing     pp311-pypy311_pp73 manylinux_2_28_x86_64: nearest is $pp310: Python tag pp310, not pp311; ABI pypy310_pp73, not pypy311_pp73
wrong-abi   $pp39: its ABI tag is pypy39_pp73, expected pypy310_pp73 (cell pp310-pypy310_pp73 manylinux_2_28_x86_64)
4 wheels: 3 ok, 1 wrong-abi; 4 cells: 3 filled, 1 missing
EOF
expect "PyPy cells, comments, blank lines and tabs" 1 "" pypy.txt pypy

printf 'cp314 manylinux_2_28_aarch64\r\ncp314t manylinux_2_28_aarch64\r\ncp315-abi3.abi3t manylinux_2_28_x86_64' \
    >"$tmp/crlf.txt"
cat >"$tmp/want" <<EOF
ok          $cp314  (cp314 manylinux_2_28_aarch64)
ok          $cp314t  (cp314t manylinux_2_28_aarch64)
ok          $dual  (cp315-abi3.abi3t manylinux_2_28_x86_64)
3 wheels: 3 ok; 3 cells: 3 filled
EOF
expect "CRLF line ends, no final newline" 0 "" crlf.txt all

# ---- one project, one version, one wheel per cell --------------------------
# A leftover wheel of the last version and a wheel of another project are
# "mixed" and fill nothing; the release is the name and version most
# wheels have. Problems come after the ok lines, sorted by verdict.

old=foo-0.9-cp314-cp314-manylinux_2_28_aarch64.whl
bar="bar-1.0-cp314-cp314t-manylinux_2_28_aarch64.whl"
release mixed "$cp314" "$cp314t" "$dual" "$old" "$bar" "$extra1"
cat >"$tmp/want" <<EOF
ok          $cp314  (cp314 manylinux_2_28_aarch64)
ok          $cp314t  (cp314t manylinux_2_28_aarch64)
ok          $dual  (cp315-abi3.abi3t manylinux_2_28_x86_64)
mixed       $bar: bar 1.0, where the release is foo 1.0
mixed       $old: foo 0.9, where the release is foo 1.0
unexpected  $extra1: no cell of the manifest asks for it
6 wheels: 3 ok, 2 mixed, 1 unexpected; 3 cells: 3 filled
EOF
expect "a leftover version and another project are mixed" 1 "" issue.txt mixed

# In a tie the higher version is the release (1.10 is higher than 1.9),
# and a mixed wheel fills no cell.
new110=foo-1.10-cp314-cp314-manylinux_2_28_aarch64.whl
old19=foo-1.9-cp314-cp314t-manylinux_2_28_aarch64.whl
release tie "$new110" "$old19"
cat >"$tmp/want" <<EOF
ok          $new110  (cp314 manylinux_2_28_aarch64)
missing     cp314t manylinux_2_28_aarch64: nearest is $new110: ABI cp314, not cp314t
missing     cp315-abi3.abi3t manylinux_2_28_x86_64: nearest is $new110: Python tag cp314, not cp315; ABI cp314, not abi3.abi3t; platform manylinux_2_28_aarch64, not manylinux_2_28_x86_64
mixed       $old19: foo 1.9, where the release is foo 1.10
2 wheels: 1 ok, 1 mixed; 3 cells: 1 filled, 2 missing
EOF
expect "a tie goes to the higher version" 1 "" issue.txt tie

# Names compare as PEP 503 normalizes them.
release normalized "$cp314" Foo-1.0-cp314-cp314t-manylinux_2_28_aarch64.whl "$dual"
cat >"$tmp/want" <<EOF
ok          Foo-1.0-cp314-cp314t-manylinux_2_28_aarch64.whl  (cp314t manylinux_2_28_aarch64)
ok          $cp314  (cp314 manylinux_2_28_aarch64)
ok          $dual  (cp315-abi3.abi3t manylinux_2_28_x86_64)
3 wheels: 3 ok; 3 cells: 3 filled
EOF
expect "project names compare normalized" 0 "" issue.txt normalized

# Two wheels in one cell (a rebuild with a build tag) are both
# duplicates, each naming the other.
rebuilt=foo-1.0-1-cp314-cp314-manylinux_2_28_aarch64.whl
release duplicate "$cp314" "$rebuilt" "$cp314t" "$dual"
cat >"$tmp/want" <<EOF
ok          $cp314t  (cp314t manylinux_2_28_aarch64)
ok          $dual  (cp315-abi3.abi3t manylinux_2_28_x86_64)
duplicate   $rebuilt: $cp314 fills the same cell (cell cp314 manylinux_2_28_aarch64)
duplicate   $cp314: $rebuilt fills the same cell (cell cp314 manylinux_2_28_aarch64)
4 wheels: 2 ok, 2 duplicate; 3 cells: 3 filled
EOF
expect "two wheels filling one cell" 1 "" issue.txt duplicate

# ---- missing: the nearest wheel and how it differs ---------------------------

manifest cp311.txt <<'EOF'
cp311 manylinux_2_17_x86_64
cp311 win_amd64
EOF
win=foo-1.0-cp311-cp311-win_amd64.whl
release nearest "$win" foo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl
cat >"$tmp/want" <<EOF
ok          $win  (cp311 win_amd64)
missing     cp311 manylinux_2_17_x86_64: nearest is $win: platform win_amd64, not manylinux_2_17_x86_64
unexpected  foo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl: no cell of the manifest asks for it
2 wheels: 1 ok, 1 unexpected; 2 cells: 1 filled, 1 missing
EOF
expect "a missing cell names the nearest wheel" 1 "" cp311.txt nearest

# ---- PEP 600 aliases, both ways ----------------------------------------------

manifest legacy.txt <<'EOF'
cp311 manylinux2014_x86_64
cp312 manylinux2010_x86_64
cp313 manylinux1_x86_64
cp314 manylinux_2_17_aarch64
EOF
release aliases foo-1.0-cp311-cp311-manylinux_2_17_x86_64.whl \
    foo-1.0-cp312-cp312-manylinux_2_12_x86_64.whl \
    foo-1.0-cp313-cp313-manylinux_2_5_x86_64.whl \
    foo-1.0-cp314-cp314-manylinux2014_aarch64.whl
cat >"$tmp/want" <<EOF
ok          foo-1.0-cp311-cp311-manylinux_2_17_x86_64.whl  (cp311 manylinux2014_x86_64)
ok          foo-1.0-cp312-cp312-manylinux_2_12_x86_64.whl  (cp312 manylinux2010_x86_64)
ok          foo-1.0-cp313-cp313-manylinux_2_5_x86_64.whl  (cp313 manylinux1_x86_64)
ok          foo-1.0-cp314-cp314-manylinux2014_aarch64.whl  (cp314 manylinux_2_17_aarch64)
4 wheels: 4 ok; 4 cells: 4 filled
EOF
expect "PEP 600 aliases fill cells both ways" 0 "" legacy.txt aliases

# ---- "at most glibc X": <=manylinux_X_Y_ARCH ---------------------------------

manifest at-most.txt <<'EOF'
cp311 <=manylinux_2_28_x86_64
cp312 <=manylinux_2_28_x86_64
cp313 <=musllinux_1_2_x86_64
cp314 <=manylinux_2_17_x86_64
EOF
release at-most foo-1.0-cp311-cp311-manylinux_2_17_x86_64.whl \
    foo-1.0-cp312-cp312-manylinux_2_34_x86_64.whl \
    foo-1.0-cp313-cp313-musllinux_1_1_x86_64.whl \
    foo-1.0-cp314-cp314-manylinux2014_x86_64.whl
cat >"$tmp/want" <<EOF
ok          foo-1.0-cp311-cp311-manylinux_2_17_x86_64.whl  (cp311 <=manylinux_2_28_x86_64)
ok          foo-1.0-cp313-cp313-musllinux_1_1_x86_64.whl  (cp313 <=musllinux_1_2_x86_64)
ok          foo-1.0-cp314-cp314-manylinux2014_x86_64.whl  (cp314 <=manylinux_2_17_x86_64)
missing     cp312 <=manylinux_2_28_x86_64: nearest is foo-1.0-cp312-cp312-manylinux_2_34_x86_64.whl: platform manylinux_2_34_x86_64, not <=manylinux_2_28_x86_64
unexpected  foo-1.0-cp312-cp312-manylinux_2_34_x86_64.whl: no cell of the manifest asks for it
4 wheels: 3 ok, 1 unexpected; 4 cells: 3 filled, 1 missing
EOF
expect "<= cells take an older C library, not a newer one" 1 "" \
    at-most.txt at-most

# Another architecture or C library does not fill an at-most cell.
release at-most-arch foo-1.0-cp311-cp311-manylinux_2_17_aarch64.whl \
    foo-1.0-cp312-cp312-musllinux_1_2_x86_64.whl \
    foo-1.0-cp313-cp313-manylinux_2_5_x86_64.whl \
    foo-1.0-cp314-cp314-manylinux_2_17_x86_64.whl
cat >"$tmp/want" <<EOF
ok          foo-1.0-cp314-cp314-manylinux_2_17_x86_64.whl  (cp314 <=manylinux_2_17_x86_64)
missing     cp311 <=manylinux_2_28_x86_64: nearest is foo-1.0-cp311-cp311-manylinux_2_17_aarch64.whl: platform manylinux_2_17_aarch64, not <=manylinux_2_28_x86_64
missing     cp312 <=manylinux_2_28_x86_64: nearest is foo-1.0-cp312-cp312-musllinux_1_2_x86_64.whl: platform musllinux_1_2_x86_64, not <=manylinux_2_28_x86_64
missing     cp313 <=musllinux_1_2_x86_64: nearest is foo-1.0-cp313-cp313-manylinux_2_5_x86_64.whl: platform manylinux_2_5_x86_64, not <=musllinux_1_2_x86_64
unexpected  foo-1.0-cp311-cp311-manylinux_2_17_aarch64.whl: no cell of the manifest asks for it
unexpected  foo-1.0-cp312-cp312-musllinux_1_2_x86_64.whl: no cell of the manifest asks for it
unexpected  foo-1.0-cp313-cp313-manylinux_2_5_x86_64.whl: no cell of the manifest asks for it
4 wheels: 1 ok, 3 unexpected; 4 cells: 1 filled, 3 missing
EOF
expect "<= cells keep the architecture and the C library" 1 "" \
    at-most.txt at-most-arch

# ---- --sdist -----------------------------------------------------------------

release sdist "$cp314" "$cp314t" "$dual" foo-1.0.tar.gz foo-0.9.tar.gz \
    foo.tar.gz
cat >"$tmp/want" <<EOF
ok          $cp314  (cp314 manylinux_2_28_aarch64)
ok          $cp314t  (cp314t manylinux_2_28_aarch64)
ok          $dual  (cp315-abi3.abi3t manylinux_2_28_x86_64)
ok          foo-1.0.tar.gz  (sdist)
malformed   foo.tar.gz: not NAME-VERSION.tar.gz
mixed       foo-0.9.tar.gz: foo 0.9, where the release is foo 1.0
3 wheels: 3 ok; 3 cells: 3 filled; sdist: foo-1.0.tar.gz
EOF
expect "--sdist: the sdist found, others of another version" 1 "" \
    --sdist issue.txt sdist

release nosdist "$cp314" "$cp314t" "$dual" README.md foo-1.0.zip
cat >"$tmp/want" <<EOF
ok          $cp314  (cp314 manylinux_2_28_aarch64)
ok          $cp314t  (cp314t manylinux_2_28_aarch64)
ok          $dual  (cp315-abi3.abi3t manylinux_2_28_x86_64)
missing     sdist: no foo-1.0.tar.gz
3 wheels: 3 ok; 3 cells: 3 filled; sdist: missing
EOF
expect "--sdist: no sdist" 1 "" --sdist issue.txt nosdist
# Without --sdist an sdist is not looked at (see "all cells filled").

# ---- a cell given twice ------------------------------------------------------

: >"$tmp/want"
printf 'cp314 manylinux_2_28_aarch64\ncp311 manylinux2014_x86_64\n\nCP314 manylinux_2_28_aarch64\n' \
    >"$tmp/twice.txt"
expect "a cell given twice" 5 \
    "pyprobe: twice.txt: line 4: the cell 'CP314 manylinux_2_28_aarch64' is already on line 1" \
    twice.txt all
printf 'cp311 manylinux2014_x86_64\ncp311 manylinux_2_17_x86_64\n' \
    >"$tmp/alias-twice.txt"
expect "a cell given twice under PEP 600 aliases" 5 \
    "pyprobe: alias-twice.txt: line 2: the cell 'cp311 manylinux_2_17_x86_64' is already on line 1" \
    alias-twice.txt all
printf 'cp315-abi3.abi3t manylinux_2_28_x86_64\ncp315-abi3t.abi3 manylinux_2_28_x86_64\n' \
    >"$tmp/set-twice.txt"
expect "a cell given twice, its ABI set reordered" 5 \
    "pyprobe: set-twice.txt: line 2: the cell 'cp315-abi3t.abi3 manylinux_2_28_x86_64' is already on line 1" \
    set-twice.txt all

# ---- --json: the whole result ------------------------------------------------

if command -v python3 >/dev/null 2>&1; then
    st=0
    (cd "$tmp" && "$PYPROBE" check-release --json --sdist issue.txt mixed) \
        >"$tmp/json" 2>"$tmp/err" || st=$?
    if [ "$st" -eq 1 ] && [ ! -s "$tmp/err" ] && python3 - "$tmp/json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc['project'] == 'foo' and doc['version'] == '1.0', doc
assert doc['sdist'] is None and doc['wheels'] == 6, doc
assert doc['cells'] == 3 and doc['cells_filled'] == 3, doc
assert doc['problems'] == 4, doc
assert doc['summary'] == ('6 wheels: 3 ok, 2 mixed, 1 unexpected; '
                          '3 cells: 3 filled; sdist: missing'), doc
verdicts = [f['verdict'] for f in doc['findings']]
assert verdicts == ['ok'] * 3 + ['missing', 'mixed', 'mixed',
                                 'unexpected'], verdicts
sdist = doc['findings'][3]
assert sdist == {'verdict': 'missing', 'file': None, 'cell': 'sdist',
                 'detail': 'no foo-1.0.tar.gz'}, sdist
assert doc['findings'][0]['cell'] == 'cp314 manylinux_2_28_aarch64'
PY
    then
        pass "--json gives the whole result"
    else
        fail "--json gives the whole result (exit status $st)"
        sed 's/^/    /' "$tmp/json" "$tmp/err"
    fi
else
    fail "--json: no python3 to read the JSON"
fi

# ---- the README's example, exactly as printed --------------------------------
# The manifest is the README block after "This manifest.txt:", the
# command and its output the block starting "$ pyprobe check-release";
# dist/ holds the files that output names.

readme=$top_srcdir/README
mkdir -p "$tmp/readme/dist" || fatal "cannot make $tmp/readme/dist"
awk '/This manifest.txt:$/ { on = 1; next }
     on && /^    / { sub(/^    /, ""); print; seen = 1; next }
     on && seen { exit }' "$readme" >"$tmp/readme/manifest.txt"
awk '/^    \$ pyprobe check-release / { on = 1; next }
     on && /^    / { sub(/^    /, ""); print; next }
     on { exit }' "$readme" >"$tmp/readme/want"
readme_command=$(sed -n 's/^    \$ pyprobe //p' "$readme" |
    grep '^check-release ')
awk '{ sub(/:$/, "", $2); print $2 }' "$tmp/readme/want" |
    grep -E '\.(whl|tar\.gz)$' >"$tmp/readme/files"
while read -r rd_file; do
    : >"$tmp/readme/dist/$rd_file" || fatal "cannot make $rd_file"
done <"$tmp/readme/files"
rd_status=0
# shellcheck disable=SC2086 # the command's words, as printed
(cd "$tmp/readme" && "$PYPROBE" $readme_command) >"$tmp/readme/out" \
    2>"$tmp/readme/err" || rd_status=$?
if [ -s "$tmp/readme/manifest.txt" ] && [ -s "$tmp/readme/want" ] &&
        [ "$rd_status" -eq 1 ] && [ ! -s "$tmp/readme/err" ] &&
        cmp -s "$tmp/readme/want" "$tmp/readme/out"; then
    pass "the README's example, exactly as printed"
else
    fail "the README's example (exit status $rd_status): $readme_command"
    diff "$tmp/readme/want" "$tmp/readme/out" | sed 's/^/    /'
    sed 's/^/    stderr: /' "$tmp/readme/err"
fi

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
bad_manifest "<= before a platform without a C library version" \
    'cp314 <=linux_x86_64\n' \
    "line 1: '<=linux_x86_64': '<=' needs a manylinux or musllinux platform, such as '<=manylinux_2_28_x86_64'"
bad_manifest "<= alone" 'cp314 <=manylinux2014_x86_64\ncp313 <=\n' \
    "line 2: expected PYTHON-ABI PLATFORM, such as 'cp314t manylinux_2_28_x86_64'"
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

finish
