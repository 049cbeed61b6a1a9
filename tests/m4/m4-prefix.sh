#!/bin/sh
# PYPROBE_CHECK's PREFIX: one configure holds the results of two
# interpreters. The README's fragment (tests/examples/autotools/
# two-pythons.ac), as printed, checks PYTHON with --limited-api=3.11 and
# PYTHON_FT with the prefix PYFT_: each set of names has the values
# pyprobe --get gives for its interpreter and options, each set of
# conditionals follows its own, PYPROBE_DEFINE_FACTS([PYFT_], [PYFT_])
# defines the second set in config.h, config.cache keeps both apart
# (a second configure -C probes nothing), a failing second check leaves
# the first alone, and a prefix that is no variable name stops autoconf.
. "$(dirname "$0")/../lib.sh"
require_debian_python
pyd=/usr/bin/python3.11d
[ -x "$pyd" ] || fail "$pyd is missing (apt-get install python3.11-dbg)"
. "$top_srcdir/tests/m4/m4-project.sh"
# For lib.sh's all_values; not exported, so configure does not see it.
PYPROBE=$pyprobe_bin

fragment=$top_srcdir/tests/examples/autotools/two-pythons.ac
same_as_readme tests/examples/autotools/two-pythons.ac "$fragment"

# pyprobe on PATH logs each run that probes.
rm "$m4_bin/pyprobe"
cat >"$m4_bin/pyprobe" <<WRAPPER
#!/bin/sh
case "\$*" in *--get*) echo probe >>"$T/runs" ;; esac
exec "$pyprobe_bin" "\$@"
WRAPPER
chmod +x "$m4_bin/pyprobe"

p=$T/p
{
    cat "$fragment"
    echo 'PYPROBE_DEFINE_FACTS([PYFT_], [PYFT_])'
    echo 'AC_CONFIG_FILES([values-ft conditionals-ft])'
} | m4_project "$p" || fatal "cannot make the project"
"$pyprobe_bin" --list-names | while read -r key meaning; do
    name=$(printf '%s' "$key" | tr a-z A-Z)
    printf '%s=@PYFT_%s@\n' "$name" "$name"
done >"$p/values-ft.in"
for c in FREE_THREADED LIMITED_API ABI3T MYPYC; do
    printf '%s=@PYFT_%s_TRUE@1\n' "$c" "$c"
done >"$p/conditionals-ft.in"

# expect_values LABEL FILE CONDITIONALS PYTHON OPTION...: FILE holds what
# pyprobe --get gives for PYTHON and OPTIONs, CONDITIONALS agree.
expect_values() {
    ev_label=$1 ev_file=$2 ev_cond=$3 ev_python=$4
    shift 4
    all_values "$T/want" --python "$ev_python" "$@" ||
        { fail "$ev_label: pyprobe --get failed"; return; }
    tr a-z A-Z <"$T/want" | sed 's/=.*//' >"$T/keys"
    paste -d= "$T/keys" "$T/want" | sed 's/=[^=]*=/=/' >"$T/want-upper"
    if cmp -s "$T/want-upper" "$ev_file"; then
        pass "$ev_label: $(grep -c . "$ev_file") names as pyprobe --get gives them ($(grep '^ABI_TAG=' "$ev_file"))"
    else
        fail "$ev_label: the values differ from pyprobe --get:"
        diff "$T/want-upper" "$ev_file" | sed 's/^/  /'
    fi
    for c in FREE_THREADED LIMITED_API ABI3T MYPYC; do
        ev_want=$c=1
        grep -qx "$c=1" "$T/want-upper" || ev_want=$c=#1
        grep -qxF "$ev_want" "$ev_cond" ||
            fail "$ev_label: conditional $c is not $ev_want"
    done
}

rm -f "$T/runs"
if run_configure "$p" -C PYTHON="$DEBIAN_PY" PYTHON_FT="$pyd"; then
    expect_values "PYPROBE_ (python3.11, --limited-api=3.11)" "$p/values" \
        "$p/conditionals" "$DEBIAN_PY" --limited-api=3.11
    expect_values "PYFT_ (python3.11d)" "$p/values-ft" "$p/conditionals-ft" \
        "$pyd"
    check "config.h: PYFT_ABI_TAG is the second interpreter's" \
        grep -qx '#define PYFT_ABI_TAG "cp311d"' "$p/config.h"
    grep -qx "pyprobe_cv_abi_tag=\${pyprobe_cv_abi_tag=cp311}" \
            "$p/config.cache" &&
        grep -qx "pyprobe_pyft_cv_abi_tag=\${pyprobe_pyft_cv_abi_tag=cp311d}" \
            "$p/config.cache" &&
        pass "config.cache: pyprobe_cv_* and pyprobe_pyft_cv_* apart" ||
        fail "config.cache: $(grep 'abi_tag=' "$p/config.cache" | tr '\n' ' ')"
    rm -f "$T/runs"
    if run_configure "$p" -C PYTHON="$DEBIAN_PY" PYTHON_FT="$pyd"; then
        cached=$(grep -c '^checking for the Python interpreter to build for.*(cached)' "$p/out")
        [ ! -f "$T/runs" ] && [ "$cached" = 2 ] &&
            pass "configure -C again: both from the cache, no probe" ||
            fail "configure -C again: $cached cached, $(cat "$T/runs" 2>/dev/null | wc -l) probes"
        grep -q '^checking for the Python interpreter to build for (PYFT_)' \
            "$p/out" && pass "the second check says which it is (PYFT_)" ||
            fail "no (PYFT_) in: $(grep '^checking for the Python interpreter' "$p/out")"
    else
        fail "configure -C again failed: $(cat "$p/error")"
    fi
else
    fail "configure failed: $(cat "$p/error")"
fi

# The second interpreter missing: a warning, its names empty, the first's
# intact.
rm -f "$p/config.cache"
if run_configure "$p" PYTHON="$DEBIAN_PY" PYTHON_FT=/nonexistent/python3.14t
then
    expect_values "PYPROBE_ with PYTHON_FT missing" "$p/values" \
        "$p/conditionals" "$DEBIAN_PY" --limited-api=3.11
    check "PYTHON_FT missing: the warning says why" grep -qF \
        "WARNING: no free-threaded build: pyprobe: /nonexistent/python3.14t: no such file. PYTHON names no interpreter" \
        "$p/out"
    check "PYTHON_FT missing: the PYFT_ names are empty" \
        test -z "$(grep -v '=$' "$p/values-ft")"
    check "PYTHON_FT missing: the PYFT_ conditionals are false" \
        test "$(grep -c '=#1$' "$p/conditionals-ft")" = 4
else
    fail "configure with PYTHON_FT missing failed: $(cat "$p/error")"
fi

# A prefix that cannot start a variable name stops autoconf.
mkdir -p "$T/bad/m4" && cp "$top_srcdir/m4/pyprobe.m4" "$T/bad/m4/" &&
    printf '%s\n' 'AC_INIT([bad], [1.0])' 'AC_PROG_CC' \
        'PYPROBE_CHECK([], [], [], [3FT_])' 'AC_OUTPUT' \
        >"$T/bad/configure.ac" || fatal "cannot write the bad project"
if (cd "$T/bad" && aclocal -I m4 && autoconf) >"$T/bad.log" 2>&1; then
    fail "PREFIX 3FT_: autoconf accepted it"
else
    check "PREFIX 3FT_: autoconf stops: $(grep -o "the prefix.*" "$T/bad.log")" \
        grep -q "the prefix '3FT_' is not the start of a shell variable name" \
        "$T/bad.log"
fi
finish
