#!/bin/sh
# tests/integration/tags-oracle.sh - `pyprobe tags` must print, byte for
# byte, the list packaging.tags.sys_tags() of the reference (packaging
# 26.3 in ../shared/oracle) gives, for:
#
#  (a) every live interpreter here that the reference answers for:
#      Debian's python3.11 and python3.11d, pypy3, the pyenv CPythons 3.6
#      and newer (for 3.6 to 3.8 the reference runs packaging in python3
#      with the target's version and config variables), and the built
#      free-threaded 3.13t where there is one. Each is compared three ways: probed live,
#      probed with --use-sysconfig, and through a facts file
#      (pyprobe --json, then pyprobe tags --facts).
#  (b) every recorded fact sheet (tests/fixtures/interpreters), through
#      the replay stand-in (tests/tools/replay-python.py: the same code
#      path as a live interpreter, on both probe paths) and through a
#      facts file, against the list recorded in the sheet.
#  (c) the synthetic sheets for Windows, macOS and musl/aarch64
#      (tests/fixtures/synthetic, made by tests/tools/gen-synthetic-tags.py
#      with the reference given the same inputs), through their stand-in
#      and through a facts file.
#  (d) the synthetic iOS, Android and Emscripten sheets: pyprobe has no
#      tag scheme for them and must say so (exit status 6), printing no
#      list.
#
# Where the reference exists ($top_srcdir/../shared/oracle, or
# $PYPROBE_ORACLE), the live interpreters are compared with it, the lists
# recorded from it (tests/data/oracle-tags/NAME.txt) must still equal
# its answers, and the synthetic sheets must still be what the reference
# gives. Elsewhere the live interpreters are compared with the recorded
# lists: the test never depends on the reference and never skips.
#
# PYPROBE_RECORD_ORACLE=1 (re)writes tests/data/oracle-tags from the
# reference instead of checking the recorded lists against it.
. "$(dirname "$0")/../lib.sh"

sheets=$top_srcdir/tests/fixtures/interpreters
synthetic=$top_srcdir/tests/fixtures/synthetic
recorded=$top_srcdir/tests/data/oracle-tags
replay=$top_srcdir/tests/tools/replay-python.py
generator=$top_srcdir/tests/tools/gen-synthetic-tags.py
oracle=${PYPROBE_ORACLE:-$top_srcdir/../shared/oracle}
record=${PYPROBE_RECORD_ORACLE:-0}
[ -x "$oracle/sys-tags" ] || oracle=

compared=0      # lists compared
differ=0        # of those, how many were not identical (each also a FAIL)
tmp=$T

tool_py=$(tool_python) || fatal "no python3 >= 3.8 to run the stand-ins"

# sheet_tags SHEET OUT: the list recorded in a (recorded or synthetic)
# sheet, one tag a line.
sheet_tags() {
    "$tool_py" -I -c '
import json, sys
with open(sys.argv[1]) as f:
    tags = json.load(f)["packaging.tags.sys_tags"]
sys.stdout.write("".join(t + "\n" for t in tags))
' "$1" >"$2"
}

# sheet_field SHEET KEY: a string under "synthetic" in a sheet.
sheet_field() {
    "$tool_py" -I -c '
import json, sys
with open(sys.argv[1]) as f:
    print((json.load(f).get("synthetic") or {}).get(sys.argv[2]) or "")
' "$1" "$2"
}

# compare WHAT WANT GOT: one list compared.
compare() {
    compared=$((compared + 1))
    if cmp -s "$2" "$3"; then
        return 0
    fi
    differ=$((differ + 1))
    fail "$1: pyprobe's list differs from the reference's" \
         "($(wc -l <"$2") expected, $(wc -l <"$3") printed):"
    diff "$2" "$3" | head -n 20 | sed 's/^/    /'
    return 1
}

# tags_of WHAT OUT ARGS...: run pyprobe tags ARGS... into OUT; a failure
# of pyprobe counts as a differing list.
tags_of() {
    to_what=$1 to_out=$2
    shift 2
    if ! "$PYPROBE" tags "$@" >"$to_out" 2>"$tmp/err"; then
        compared=$((compared + 1))
        differ=$((differ + 1))
        fail "$to_what: pyprobe tags $* failed:"
        sed 's/^/    /' "$tmp/err"
        return 1
    fi
}

# facts_of WHAT PY OUT: pyprobe --python PY --json into OUT.
facts_of() {
    if ! "$PYPROBE" --python "$2" --json >"$3" 2>"$tmp/err"; then
        fail "$1: pyprobe --python $2 --json failed:"
        sed 's/^/    /' "$tmp/err"
        return 1
    fi
}

# check_interpreter WHAT PY WANT: pyprobe tags for PY, live, with
# --use-sysconfig and through a facts file, against the list in WANT.
check_interpreter() {
    ci_what=$1 ci_py=$2 ci_want=$3
    if tags_of "$ci_what (live)" "$tmp/got" --python "$ci_py"; then
        compare "$ci_what (live)" "$ci_want" "$tmp/got"
    fi
    if tags_of "$ci_what (--use-sysconfig)" "$tmp/got" --python "$ci_py" \
            --use-sysconfig; then
        compare "$ci_what (--use-sysconfig)" "$ci_want" "$tmp/got"
    fi
    if facts_of "$ci_what" "$ci_py" "$tmp/facts.json" &&
            tags_of "$ci_what (--facts)" "$tmp/got" --facts "$tmp/facts.json"
    then
        compare "$ci_what (--facts)" "$ci_want" "$tmp/got"
    fi
}

# make_stand_in KIND SHEET OUT: write an executable that poses as the
# sheet's interpreter: "replay" is tests/tools/replay-python.py, "pose"
# the generator's stand-in for what replay-python.py cannot pose as.
make_stand_in() {
    case $1 in
    replay) printf '#!/bin/sh\nexec "%s" -I "%s" "%s" "$@"\n' \
                "$tool_py" "$replay" "$2" >"$3" ;;
    pose)   printf '#!/bin/sh\nexec "%s" -I "%s" pose "%s" "$@"\n' \
                "$tool_py" "$generator" "$2" >"$3" ;;
    *)      fail "$2: unknown stand-in '$1'"; return 1 ;;
    esac
    chmod +x "$3"
}

# ---- (a) live interpreters ----------------------------------------------

# live_pythons: "NAME PATH" for each live interpreter the reference
# runs on (tests/interpreters.sh).
live_pythons() {
    reference_pythons
}

if [ -n "$oracle" ]; then
    note "reference: $oracle (live)"
else
    note "no reference here ($top_srcdir/../shared/oracle): comparing the" \
         "live interpreters with the lists recorded in tests/data/oracle-tags"
fi
if [ "$record" = 1 ]; then
    [ -n "$oracle" ] || fatal "PYPROBE_RECORD_ORACLE=1 needs the reference"
    mkdir -p "$recorded" || fatal "cannot create $recorded"
fi

live_pythons >"$tmp/live"
live_count=0
while read -r name py; do
    if [ -n "$oracle" ]; then
        if ! "$oracle/sys-tags" "$py" >"$tmp/want" 2>"$tmp/err" </dev/null; then
            fail "$name: the reference failed on $py:"
            sed 's/^/    /' "$tmp/err"
            continue
        fi
        if [ "$record" = 1 ]; then
            cp "$tmp/want" "$recorded/$name.txt" ||
                fatal "cannot write $recorded/$name.txt"
            note "recorded $recorded/$name.txt"
        elif [ ! -f "$recorded/$name.txt" ]; then
            note "$name: no recorded list (PYPROBE_RECORD_ORACLE=1 writes it)"
        elif ! cmp -s "$tmp/want" "$recorded/$name.txt"; then
            fail "$name: tests/data/oracle-tags/$name.txt is stale: the" \
                 "reference now says otherwise for $py" \
                 "(PYPROBE_RECORD_ORACLE=1 rewrites it)"
        fi
    elif [ -f "$recorded/$name.txt" ]; then
        cp "$recorded/$name.txt" "$tmp/want"
    else
        note "$name ($py): no reference and no recorded list: not compared"
        continue
    fi
    live_count=$((live_count + 1))
    check_interpreter "$name ($py)" "$py" "$tmp/want" </dev/null
done <"$tmp/live"
note "(a) $live_count live interpreters"

# ---- (b) recorded fact sheets, through the replay stand-in ---------------

sheet_count=0
for sheet in "$sheets"/*.json; do
    name=$(basename "$sheet" .json)
    sheet_tags "$sheet" "$tmp/want" || { fail "$name: unreadable sheet"; continue; }
    make_stand_in replay "$sheet" "$tmp/$name" || continue
    sheet_count=$((sheet_count + 1))
    check_interpreter "recorded $name" "$tmp/$name" "$tmp/want"
done
[ "$sheet_count" -gt 0 ] || fail "no recorded sheets in $sheets"
note "(b) $sheet_count recorded sheets"

# ---- (c) synthetic sheets: Windows, macOS, musl/aarch64 -------------------

synthetic_count=0
unsupported_count=0
unsupported_ok=0
for sheet in "$synthetic"/*.json; do
    name=$(basename "$sheet" .json)
    if [ "$(sheet_field "$sheet" expect)" = unsupported ]; then
        continue        # (d) below
    fi
    sheet_tags "$sheet" "$tmp/want" || { fail "$name: unreadable sheet"; continue; }
    kind=$(sheet_field "$sheet" stand_in)
    make_stand_in "$kind" "$sheet" "$tmp/$name" || continue
    if [ "$kind" = pose ]; then
        # Say what the replay stand-in does with this sheet.
        make_stand_in replay "$sheet" "$tmp/$name.replay"
        if ! "$PYPROBE" tags --python "$tmp/$name.replay" >"$tmp/got" \
                2>"$tmp/err"; then
            note "$name: replay-python.py cannot pose as it ($(grep -o \
                'replay-python: .*' "$tmp/err" | head -n 1)); using the" \
                "generator's stand-in"
        elif ! cmp -s "$tmp/want" "$tmp/got"; then
            note "$name: through replay-python.py the list differs (it" \
                 "cannot show the ELF header nor run the musl loader);" \
                 "using the generator's stand-in"
        fi
    fi
    synthetic_count=$((synthetic_count + 1))
    check_interpreter "synthetic $name [$kind]" "$tmp/$name" "$tmp/want"
done
[ "$synthetic_count" -gt 0 ] || fail "no synthetic sheets in $synthetic"
note "(c) $synthetic_count synthetic sheets"

# ---- (d) platforms pyprobe has no tag scheme for ---------------------------
# iOS, Android, Emscripten: a clear error (exit status 6, unsupported)
# and no list at all, live and from a facts file.

for sheet in "$synthetic"/*.json; do
    [ "$(sheet_field "$sheet" expect)" = unsupported ] || continue
    name=$(basename "$sheet" .json)
    unsupported_count=$((unsupported_count + 1))
    make_stand_in "$(sheet_field "$sheet" stand_in)" "$sheet" "$tmp/$name" ||
        continue
    system=$("$tool_py" -I -c '
import json, sys
with open(sys.argv[1]) as f:
    print(json.load(f)["platform"]["system"])
' "$sheet")
    facts_of "unsupported $name" "$tmp/$name" "$tmp/facts.json" || continue
    for source in "--python $tmp/$name" "--facts $tmp/facts.json"; do
        status=0
        # shellcheck disable=SC2086 # an option and its value
        "$PYPROBE" tags $source >"$tmp/got" 2>"$tmp/err" || status=$?
        if [ "$status" -eq 6 ] && [ ! -s "$tmp/got" ] &&
                grep -q "does not compute wheel tags for $system" "$tmp/err"
        then
            unsupported_ok=$((unsupported_ok + 1))
        else
            fail "unsupported $name (${source%% *}): exit status $status" \
                 "(expected 6), $(wc -l <"$tmp/got") tags printed (expected" \
                 "none), stderr: $(cat "$tmp/err")"
        fi
    done
done
note "(d) $unsupported_count unsupported platforms: refused" \
     "$unsupported_ok of $((unsupported_count * 2)) times (live and --facts)"

# The synthetic lists are the reference's: where it exists, check that
# the generator still makes exactly the committed sheets (and that its
# harness reproduces every recorded sheet).
if [ -n "$oracle" ]; then
    if PYTHONPATH=$oracle "$tool_py" -s "$generator" --check 2>"$tmp/err"
    then
        note "$(tail -n 1 "$tmp/err") (generator --check)"
    else
        fail "the synthetic sheets are not what the reference gives now:"
        sed 's/^/    /' "$tmp/err"
    fi
fi

# ---- summary -------------------------------------------------------------

if [ "$differ" -eq 0 ] && [ "$compared" -gt 0 ]; then
    pass "$compared lists compared ($live_count live interpreters," \
         "$sheet_count recorded and $synthetic_count synthetic sheets):" \
         "all identical"
else
    note "$compared lists compared: $differ differ"
fi
[ "$compared" -gt 0 ] || fail "no list was compared"
if [ "$FAILED" -gt "$differ" ]; then
    note "$((FAILED - differ)) other checks FAILED (see above)"
fi
finish
