#!/bin/sh
# pyprobe's own `autoreconf -fi' (the README's Quick start runs it) gives
# no warning: a warning there (AC_COMPILE_IFELSE before
# AC_USE_SYSTEM_EXTENSIONS, an obsolete macro) means checks that may see
# another system than the build does. Run on a copy of what autoreconf
# reads, so the build tree is not touched.
. "$(dirname "$0")/../lib.sh"

command -v autoreconf >/dev/null 2>&1 ||
    skip "no autoreconf (install autoconf, automake and libtool)"

# What autoreconf reads: configure.ac, Makefile.am, our macros, and the
# templates of AC_CONFIG_FILES (automake insists that they exist).
src=$T/src
mkdir -p "$src/m4" || fatal "cannot create $src"
cp "$top_srcdir/configure.ac" "$top_srcdir/Makefile.am" "$src/" &&
    cp "$top_srcdir/m4/pyprobe.m4" "$src/m4/" ||
    fatal "cannot copy the Autotools sources"
for output in $(sed -n 's/^AC_CONFIG_FILES(\[\(.*\)\])$/\1/p' \
                    "$top_srcdir/configure.ac"); do
    [ -f "$top_srcdir/$output.in" ] || continue
    mkdir -p "$src/$(dirname "$output")" &&
        cp "$top_srcdir/$output.in" "$src/$output.in" ||
        fatal "cannot copy $output.in"
done

note "$(autoreconf --version | sed 1q)"
if (cd "$src" && autoreconf -fi) >"$T/autoreconf.log" 2>&1; then
    pass "autoreconf -fi succeeds"
else
    fail "autoreconf -fi failed:"
    sed 's/^/  /' "$T/autoreconf.log"
fi
if grep -i 'warning' "$T/autoreconf.log" >"$T/warnings"; then
    fail "autoreconf -fi warns:"
    sed 's/^/  /' "$T/warnings"
else
    pass "autoreconf -fi prints no warning"
fi
# AC_PROG_CC looks for C11 (and configure.ac's check reads its answer)
# only from Autoconf 2.70 on, which AC_PREREQ must therefore ask for.
grep -q 'ac_cv_prog_cc_c11=' "$src/configure" &&
    pass "configure looks for a C11 compiler (ac_cv_prog_cc_c11)" ||
    fail "configure never sets ac_cv_prog_cc_c11: the C11 check is a no-op"
grep -q '^AC_PREREQ(\[2\.7[0-9]*\])' "$src/configure.ac" &&
    pass "configure.ac requires Autoconf 2.70 or later" ||
    fail "configure.ac: $(grep AC_PREREQ "$src/configure.ac")"
finish
