#!/bin/sh
# tests/integration/check-wheel.sh - `pyprobe check-wheel` against the
# reference's check-wheel (packaging 26.3) over the wheel-name table
# tests/data/wheel-names.txt (valid and invalid names, compressed tag
# sets, build tags, every platform family, paths):
#
#  - for every recorded fact sheet, through a facts file written from the
#    replay stand-in, against the ranks the table records for it;
#  - for every live interpreter the reference runs on (CPython 3.6 and newer, PyPy),
#    against the live reference when it is there ($top_srcdir/../shared/
#    oracle or $PYPROBE_ORACLE), else against the table column of the
#    recorded sheet whose tag list equals the reference's list recorded
#    for that interpreter (tests/data/oracle-tags).
#
# The rank column is compared exactly ("RANK NAME", "- NAME"); malformed
# names by kind: both must say "! NAME: ..." (the reasons are worded
# differently). Then the exit status, --expect-abi (exact tags and tag
# sets), paths, malformed names and usage errors.
. "$(dirname "$0")/../lib.sh"

table=$top_srcdir/tests/data/wheel-names.txt
sheets=$top_srcdir/tests/fixtures/interpreters
recorded=$top_srcdir/tests/data/oracle-tags
replay=$top_srcdir/tests/tools/replay-python.py
oracle=${PYPROBE_ORACLE:-$top_srcdir/../shared/oracle}
[ -x "$oracle/check-wheel" ] || oracle=

compared=0      # wheel names x interpreters compared
tmp=$T

tool_py=$(tool_python) || fatal "no python3 >= 3.8 to run the stand-in"

# ---- the table --------------------------------------------------------------

# Each row: RANK... [ESCAPED-NAME], every byte outside 0x21..0x7e and the
# backslash written \xHH. Turn the escapes into the octal ones printf %b
# reads, and mark names with control characters (they may hold a
# newline, so they are checked one call each, not in the batch).
interpreters=$(sed -n 's/^# interpreters: //p' "$table")
awk '
function hexval(h,   i, v) {
    v = 0
    h = tolower(h)
    for (i = 1; i <= 2; i++)
        v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
    return v
}
/^#/ { next }
{
    open = index($0, "[")
    ranks = substr($0, 1, open - 2)
    s = substr($0, open + 1, length($0) - open - 1)
    out = ""
    special = 0
    while ((i = index(s, "\\x")) > 0) {
        v = hexval(substr(s, i + 2, 2))
        if (v < 32 || v == 127)
            special = 1
        out = out substr(s, 1, i - 1) sprintf("\\0%03o", v)
        s = substr(s, i + 4)
    }
    print ranks "\t" special "\t" out s
}' "$table" >"$tmp/table.tsv" || fatal "cannot read $table"

# The batch: every name without control characters, as the positional
# parameters of this script ("$@"), one per line in batch.names, its ranks
# in batch.ranks (one column per recorded interpreter).
set --
: >"$tmp/batch.names"
: >"$tmp/batch.ranks"
: >"$tmp/special.tsv"
name_count=0
tab=$(printf '\t')
while IFS=$tab read -r ranks special octal; do
    name_count=$((name_count + 1))
    if [ "$special" = 1 ]; then
        printf '%s\t%s\n' "$ranks" "$octal" >>"$tmp/special.tsv"
        continue
    fi
    name=$(printf '%bx' "$octal")
    name=${name%x}
    set -- "$@" "$name"
    printf '%s\n' "$name" >>"$tmp/batch.names"
    printf '%s\n' "$ranks" >>"$tmp/batch.ranks"
done <"$tmp/table.tsv"
[ "$name_count" -ge 60 ] || fail "the table has $name_count names, fewer than 60"
note "$name_count wheel names ($# in one batch, $(wc -l <"$tmp/special.tsv") with control characters one at a time)"

# compare_batch WHAT RANKS COLUMN OUT: the batch's output OUT against the
# ranks in column COLUMN of RANKS. Counts the names compared.
compare_batch() {
    cb_result=$(awk -v what="$1" -v col="$3" -v names="$tmp/batch.names" \
                    -v out="$4" '
        {
            rank = $col
            if ((getline name < names) <= 0) {
                print "FAIL - " what ": more ranks than names"
                bad++
                exit
            }
            if ((getline line < out) <= 0)
                line = "(nothing)"
            n++
            if (rank == "!")
                ok = index(line, "! " name ": ") == 1
            else if (rank == "-") {
                # "- WHY NAME": WHY one word of those documented
                why = substr(line, 3)
                sub(/ .*/, "", why)
                ok = substr(line, 1, 2) == "- " &&
                     why ~ /^(python-tag|abi|platform|needs-(glibc|musl|macos)-[0-9]+\.[0-9]+)$/ &&
                     substr(line, 4 + length(why)) == name
            } else
                ok = line == rank " " name
            if (!ok && ++bad <= 10)
                printf "FAIL - %s: %s: expected %s, got: %s\n", what, name,
                       rank == "!" ? "\"! NAME: REASON\"" : "rank " rank, line
        }
        END {
            while ((getline line < out) > 0)
                if (++bad <= 10)
                    printf "FAIL - %s: an extra line: %s\n", what, line
            printf "RESULT %d %d\n", n, bad
        }' "$2")
    printf '%s\n' "$cb_result" | grep -v '^RESULT '
    # shellcheck disable=SC2046 # two numbers, split on purpose
    set -- $(printf '%s\n' "$cb_result" | sed -n 's/^RESULT //p')
    compared=$((compared + $1))
    CHECKS=$((CHECKS + $2))
    FAILED=$((FAILED + $2))
    [ "$2" -eq 0 ]
}

# batch_status WHAT RANKS COLUMN STATUS: exit status 0 exactly when every
# name of the batch installs.
batch_status() {
    if awk -v col="$3" '$col !~ /^[0-9]+$/ { exit 1 }' "$2"; then
        bs_want=0
    else
        bs_want=1
    fi
    [ "$4" -eq "$bs_want" ] ||
        fail "$1: exit status $4 for the batch, expected $bs_want"
}

# compare_special WHAT RANK NAME OUT STATUS: one name checked alone.
compare_special() {
    compared=$((compared + 1))
    if [ "$2" = "!" ]; then
        printf '! %s: ' "$3" >"$tmp/want"
        head -c "$(wc -c <"$tmp/want")" "$4" >"$tmp/head"
        cmp -s "$tmp/want" "$tmp/head" && [ "$5" -eq 1 ] && return 0
    else
        printf '%s %s\n' "$2" "$3" >"$tmp/want"
        cs_status=1
        case $2 in [0-9]*) cs_status=0 ;; esac
        # "- WHY NAME" compared without its WHY
        sed '1s/^- [a-z0-9.-]* /- /' "$4" >"$tmp/got"
        cmp -s "$tmp/want" "$tmp/got" && [ "$5" -eq "$cs_status" ] && return 0
    fi
    fail "$1: name $(printf '%s' "$3" | od -An -c | tr -s ' ' | head -c 120):" \
         "expected rank $2, got (exit $5): $(od -An -c "$4" | tr -s ' ' | head -c 200)" \
         "stderr: $(head -c 300 "$tmp/err")"
}

# ---- recorded sheets, through facts files -------------------------------

column=0
sheet_count=0
for interpreter in $interpreters; do
    column=$((column + 1))
    sheet=$sheets/$interpreter.json
    what="recorded $interpreter"
    printf '#!/bin/sh\nexec "%s" -I "%s" "%s" "$@"\n' "$tool_py" "$replay" \
        "$sheet" >"$tmp/stand-in"
    chmod +x "$tmp/stand-in"
    if ! "$PYPROBE" --python "$tmp/stand-in" --json >"$tmp/$interpreter.json" \
            2>"$tmp/err"; then
        fail "$what: cannot write its facts: $(cat "$tmp/err")"
        continue
    fi
    sheet_count=$((sheet_count + 1))
    facts=$tmp/$interpreter.json
    status=0
    "$PYPROBE" check-wheel --facts "$facts" -- "$@" >"$tmp/out" 2>"$tmp/err" ||
        status=$?
    compare_batch "$what" "$tmp/batch.ranks" "$column" "$tmp/out"
    batch_status "$what" "$tmp/batch.ranks" "$column" "$status"
    while IFS=$tab read -r ranks octal; do
        name=$(printf '%bx' "$octal")
        name=${name%x}
        rank=$(printf '%s\n' "$ranks" | awk -v col="$column" '{ print $col }')
        status=0
        "$PYPROBE" check-wheel --facts "$facts" -- "$name" >"$tmp/out" \
            2>"$tmp/err" </dev/null || status=$?
        compare_special "$what" "$rank" "$name" "$tmp/out" "$status"
    done <"$tmp/special.tsv"
done
note "$sheet_count recorded sheets"

# ---- live interpreters ----------------------------------------------------

# live_pythons: "NAME PATH" for each live interpreter the reference
# runs on (tests/interpreters.sh).
live_pythons() {
    reference_pythons
}

# sheet_column NAME: the table column of the recorded sheet whose list is
# the reference's list recorded for live interpreter NAME, or nothing.
sheet_column() {
    [ -f "$recorded/$1.txt" ] || return 0
    sc_column=0
    for sc_interpreter in $interpreters; do
        sc_column=$((sc_column + 1))
        "$tool_py" -I -c '
import json, sys
with open(sys.argv[1]) as f:
    tags = json.load(f)["packaging.tags.sys_tags"]
sys.stdout.write("".join(t + "\n" for t in tags))
' "$sheets/$sc_interpreter.json" >"$tmp/sheet-tags" || continue
        if cmp -s "$tmp/sheet-tags" "$recorded/$1.txt"; then
            echo "$sc_column $sc_interpreter"
            return 0
        fi
    done
}

if [ -n "$oracle" ]; then
    note "reference: $oracle (live)"
else
    note "no reference here: live interpreters against the table column of" \
         "the recorded sheet with the same (recorded) tag list"
fi
live_pythons >"$tmp/live"
live_count=0
while read -r name py; do
    what="$name ($py)"
    if [ -n "$oracle" ]; then
        # The reference's ranks, one line per name: its first field.
        if ! "$oracle/check-wheel" "$py" "$@" >"$tmp/oracle" 2>"$tmp/err" \
                </dev/null; then
            fail "$what: the reference failed: $(head -n 3 "$tmp/err")"
            continue
        fi
        if [ "$(wc -l <"$tmp/oracle")" -ne "$#" ]; then
            fail "$what: the reference printed $(wc -l <"$tmp/oracle") lines for $# names"
            continue
        fi
        sed 's/ .*//' "$tmp/oracle" >"$tmp/live.ranks"
        ranks_file=$tmp/live.ranks col=1
    else
        same=$(sheet_column "$name")
        if [ -z "$same" ]; then
            note "$what: no reference and no recorded sheet with its list: not compared"
            continue
        fi
        col=${same%% *}
        ranks_file=$tmp/batch.ranks
        note "$what: the reference's list recorded for it is that of ${same#* }"
    fi
    live_count=$((live_count + 1))
    status=0
    "$PYPROBE" check-wheel --python "$py" -- "$@" >"$tmp/out" 2>"$tmp/err" \
        </dev/null || status=$?
    compare_batch "$what" "$ranks_file" "$col" "$tmp/out"
    batch_status "$what" "$ranks_file" "$col" "$status"
    # The names with control characters, one call each.
    while IFS=$tab read -r ranks octal; do
        special=$(printf '%bx' "$octal")
        special=${special%x}
        if [ -n "$oracle" ]; then
            "$oracle/check-wheel" "$py" "$special" >"$tmp/oracle" \
                2>/dev/null </dev/null
            rank=$(sed -n '1s/ .*//p' "$tmp/oracle")
        else
            rank=$(printf '%s\n' "$ranks" | awk -v col="$col" '{ print $col }')
        fi
        status=0
        "$PYPROBE" check-wheel --python "$py" -- "$special" >"$tmp/out" \
            2>"$tmp/err" </dev/null || status=$?
        compare_special "$what" "$rank" "$special" "$tmp/out" "$status"
    done <"$tmp/special.tsv"
done <"$tmp/live"
note "$live_count live interpreters"

if [ "$FAILED" -eq 0 ]; then
    pass "$compared wheel names x interpreters compared" \
         "($name_count names x ($sheet_count recorded sheets + $live_count live" \
         "interpreters)): all identical to the reference"
else
    note "$compared wheel names x interpreters compared"
fi

# ---- exit status, --expect-abi, paths, malformed names, usage -----------

set --
f314=$tmp/cpython-3.14.json f314t=$tmp/cpython-3.14t.json
f315=$tmp/cpython-3.15.json f315t=$tmp/cpython-3.15t.json
for f in "$f314" "$f314t" "$f315" "$f315t"; do
    [ -s "$f" ] || fatal "no facts file $f: cannot check the rest"
done

# expect STATUS STDOUT STDERR -- ARGS...: run pyprobe ARGS...; its exit
# status, standard output and standard error must be exactly these (the
# outputs given as printf formats without arguments; "*" means anything).
expect() {
    ex_status=$1 ex_out=$2 ex_err=$3
    shift 4
    ex_got=0
    "$PYPROBE" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null || ex_got=$?
    ex_ok=1
    [ "$ex_got" -eq "$ex_status" ] || ex_ok=0
    if [ "$ex_out" != "*" ]; then
        printf %b "$ex_out" >"$tmp/want"
        cmp -s "$tmp/want" "$tmp/out" || ex_ok=0
    fi
    if [ "$ex_err" != "*" ]; then
        printf %b "$ex_err" >"$tmp/want"
        cmp -s "$tmp/want" "$tmp/err" || ex_ok=0
    fi
    ex_shown=$(printf '%s' "pyprobe $*" | sed "s|$tmp/||g" | tr '\n' ' ' |
               cut -c 1-160)
    if [ "$ex_ok" = 1 ]; then
        pass "$ex_shown"
        return 0
    fi
    fail "$ex_shown: exit $ex_got (expected $ex_status)"
    sed 's/^/    stdout: /' "$tmp/out"
    sed 's/^/    stderr: /' "$tmp/err"
    [ "$ex_out" = "*" ] || printf "    expected stdout: %b" "$ex_out"
    [ "$ex_err" = "*" ] || printf "    expected stderr: %b" "$ex_err"
    return 1
}

any=foo-1.0-py3-none-any.whl
w314=foo-1.0-cp314-cp314-manylinux_2_28_x86_64.whl
w314t=foo-1.0-cp314-cp314t-manylinux_2_28_x86_64.whl
w315abi3=foo-1.0-cp315-abi3-manylinux_2_28_x86_64.whl
w315abi3t=foo-1.0-cp315-abi3t-manylinux_2_28_x86_64.whl
w315dual=foo-1.0-cp315-abi3.abi3t-manylinux_2_28_x86_64.manylinux_2_34_x86_64.whl
win=foo-1.0-cp314-cp314-win_amd64.whl

# Exit status: 0 when all install, 1 otherwise.
expect 0 "1118 $any\n9 $w314\n" "" -- check-wheel --facts "$f314" "$any" "$w314"
expect 1 "1118 $any\n- platform $win\n" "" -- check-wheel --facts "$f314" "$any" "$win"
expect 1 "- platform $win\n" "" -- check-wheel --facts "$f314" "$win"
expect 1 "*" "" -- check-wheel --facts "$f314" "$any" foo-1.0.whl
expect 1 "- abi $w314t\n" "" -- check-wheel --facts "$f314" "$w314t"
expect 1 "- abi $w314\n" "" -- check-wheel --facts "$f314t" "$w314"

# Why a wheel does not install, in the one word after the '-': the
# Python tag, the ABI, a platform floor above this one (the lowest the
# wheel asks for; manylinux2014 is glibc 2.17, PEP 600), the platform.
w313=foo-1.0-cp313-cp313-manylinux_2_28_x86_64.whl
w314new=foo-1.0-cp314-cp314-manylinux_2_99_x86_64.manylinux_2_98_x86_64.whl
w314arm=foo-1.0-cp314-cp314-manylinux2014_aarch64.whl
w314musl=foo-1.0-cp314-cp314-musllinux_1_2_x86_64.whl
expect 1 "- python-tag $w313\n" "" -- check-wheel --facts "$f314" "$w313"
expect 1 "- needs-glibc-2.98 $w314new\n" "" -- check-wheel --facts "$f314" "$w314new"
expect 1 "- platform $w314arm\n" "" -- check-wheel --facts "$f314" "$w314arm"
expect 1 "- platform $w314musl\n" "" -- check-wheel --facts "$f314" "$w314musl"
printf '#!/bin/sh\nexec "%s" -I "%s" "%s" "$@"\n' "$tool_py" "$replay" \
    "$top_srcdir/tests/fixtures/synthetic/macos-14-arm64-3.14t.json" \
    >"$tmp/stand-in"
"$PYPROBE" --python "$tmp/stand-in" --json >"$tmp/macos-14.json" ||
    fail "no facts for the macOS 14 sheet"
wmac=foo-1.0-cp314-cp314t-macosx_15_0_arm64.whl
expect 1 "- needs-macos-15.0 $wmac\n" "" -- check-wheel --facts "$tmp/macos-14.json" "$wmac"

# --expect-abi: exact tags. cp314 never matches cp314t, nor the reverse;
# the wheel installs, so only the ABI fails.
expect 1 "9 $w314t\n" \
    "pyprobe: $w314t: its ABI tag is cp314t, expected cp314\n" -- \
    check-wheel --facts "$f314t" --expect-abi cp314 "$w314t"
expect 0 "9 $w314t\n" "" -- \
    check-wheel --facts "$f314t" --expect-abi cp314t "$w314t"
expect 1 "9 $w314\n" \
    "pyprobe: $w314: its ABI tag is cp314, expected cp314t\n" -- \
    check-wheel --facts "$f314" --expect-abi=cp314t "$w314"
expect 0 "9 $w314\n" "" -- \
    check-wheel --facts "$f314" --expect-abi=cp314 "$w314"
expect 1 "- abi $w314t\n" \
    "pyprobe: $w314t: its ABI tag is cp314t, expected cp31\n" -- \
    check-wheel --facts "$f314" --expect-abi cp31 "$w314t"
# Tags compare without regard to case, as wheel tags do.
expect 0 "9 foo-1.0-cp314-CP314T-manylinux_2_28_x86_64.whl\n" "" -- \
    check-wheel --facts "$f314t" --expect-abi cp314t \
    foo-1.0-cp314-CP314T-manylinux_2_28_x86_64.whl
# abi3 never matches abi3t, nor the reverse.
expect 1 "45 $w315abi3\n" \
    "pyprobe: $w315abi3: its ABI tag is abi3, expected abi3t\n" -- \
    check-wheel --facts "$f315" --expect-abi abi3t "$w315abi3"
expect 1 "45 $w315abi3t\n" \
    "pyprobe: $w315abi3t: its ABI tag is abi3t, expected abi3\n" -- \
    check-wheel --facts "$f315t" --expect-abi abi3 "$w315abi3t"
expect 0 "45 $w315abi3t\n" "" -- \
    check-wheel --facts "$f315t" --expect-abi abi3t "$w315abi3t"
# abi3.abi3t: a set holds each of its tags; a set expected needs all.
expect 0 "39 $w315dual\n" "" -- \
    check-wheel --facts "$f315" --expect-abi abi3.abi3t "$w315dual"
expect 0 "39 $w315dual\n" "" -- \
    check-wheel --facts "$f315t" --expect-abi abi3t.abi3 "$w315dual"
expect 0 "39 $w315dual\n" "" -- \
    check-wheel --facts "$f315" --expect-abi abi3 "$w315dual"
expect 0 "39 $w315dual\n" "" -- \
    check-wheel --facts "$f315t" --expect-abi abi3t "$w315dual"
expect 1 "45 $w315abi3\n" \
    "pyprobe: $w315abi3: its ABI tag is abi3, expected abi3.abi3t\n" -- \
    check-wheel --facts "$f315" --expect-abi abi3.abi3t "$w315abi3"
expect 1 "45 $w315abi3t\n" \
    "pyprobe: $w315abi3t: its ABI tag is abi3t, expected abi3.abi3t\n" -- \
    check-wheel --facts "$f315t" --expect-abi abi3.abi3t "$w315abi3t"
# One message per wheel of the wrong ABI, each naming its wheel.
expect 1 "9 $w314t\n- abi $w314\n" \
    "pyprobe: $w314: its ABI tag is cp314, expected cp314t\n" -- \
    check-wheel --facts "$f314t" --expect-abi cp314t "$w314t" "$w314"
# Malformed --expect-abi values are usage errors.
for bad in "" . .abi3 abi3. abi3..abi3t cp314-cp314 "abi 3" abi3/x "abi3*" \
        "cp314
"; do
    expect 2 "" "*" -- check-wheel --facts "$f314" --expect-abi "$bad" "$w314"
    grep -q -- '--expect-abi' "$tmp/err" ||
        fail "the usage error for --expect-abi '$bad' does not name the option"
done

# Paths: only the last component is the wheel's name; the line shows the
# name as given.
expect 0 "9 dist/$w314\n" "" -- check-wheel --facts "$f314" "dist/$w314"
expect 0 "9 /tmp/a-1-b.whl/$w314\n" "" -- \
    check-wheel --facts "$f314" "/tmp/a-1-b.whl/$w314"
expect 0 "9 ./$w314\n" "" -- check-wheel --facts "$f314" "./$w314"

# Malformed names: a line each, the others still checked, no crash.
long=foo-$(printf '%04000d' 0 | tr 0 x)-py3-none-any.whl
for bad in "" foo.whl foo-1.0.whl -.whl ------.whl "$long" \
        "foo-1.0-py3-none-any.whl/" dist/ foo-1.0-py3-none-any.tar.gz; do
    expect 1 "*" "" -- check-wheel --facts "$f314" -- "$bad" "$w314"
    printf '! %s: ' "$bad" >"$tmp/want"
    if head -c "$(wc -c <"$tmp/want")" "$tmp/out" | cmp -s - "$tmp/want" &&
            [ "$(tail -n 1 "$tmp/out")" = "9 $w314" ]; then
        :
    else
        fail "malformed name '$bad': no '! NAME: REASON' line, or the next wheel was not checked"
    fi
done

# Usage errors.
expect 2 "" "*" -- check-wheel --facts "$f314"
grep -q 'wheel' "$tmp/err" || fail "the usage error does not ask for a wheel"
expect 2 "" "*" -- check-wheel
expect 2 "" "*" -- check-wheel --no-such-option "$w314"
expect 2 "" "*" -- check-wheel --expect-abi
expect 0 "*" "" -- check-wheel --help

finish
