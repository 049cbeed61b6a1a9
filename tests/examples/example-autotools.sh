#!/bin/sh
# The README's Autotools example (tests/examples/autotools: configure.ac,
# Makefile.am, autogen.sh), run as printed: autogen.sh finds pyprobe.m4
# through pyprobe --print-aclocaldir, ./configure PYTHON=python3.11 and
# make build spam.abi3.so (--limited-api=3.11), and it imports; make
# install puts it and spamtools.py below the prefix where python3.11
# looks (pyexecdir and pythondir from PYPROBE_CHECK). Without
# pyprobe.m4, autoreconf stops with "possibly undefined macro:
# PYPROBE_CHECK" (the m4_pattern_forbid line) instead of writing a
# configure that dies of a shell syntax error.
. "$(dirname "$0")/common.sh"
py=/usr/bin/python3.11
[ -x "$py" ] && [ -f /usr/include/python3.11/Python.h ] || {
    fail "$py or its headers are missing (apt-get install python3-dev)"
    finish; }
for tool in autoreconf aclocal automake libtoolize make; do
    command -v "$tool" > /dev/null || {
        skip "no $tool (apt-get install autoconf automake libtool make)"; }
done
# The builds here are make runs of their own, not part of make check's.
MAKEFLAGS= MFLAGS= MAKELEVEL=
export MAKEFLAGS MFLAGS MAKELEVEL
fake_path "$tmp/bin" "$py"
PATH=$tmp/bin:$PATH
# Where pyprobe.m4 is installed, for pyprobe --print-aclocaldir: a
# directory holding it alone, as $(datadir)/aclocal might.
mkdir "$tmp/aclocal" && cp "$top_srcdir/m4/pyprobe.m4" "$tmp/aclocal/" ||
    fatal "cannot copy pyprobe.m4"
PYPROBE_ACLOCALDIR=$tmp/aclocal
export PYPROBE_ACLOCALDIR

# copy DIR: a fresh copy of the example (and its spam.c) in DIR.
copy() {
    rm -rf "$1" && cp -R "$examples/autotools" "$1" && chmod -R u+w "$1" ||
        fatal "cannot copy the example to $1"
}

# --- No pyprobe.m4 where aclocal looks -------------------------------------
copy "$tmp/missing"
if (cd "$tmp/missing" && autoreconf -fi) > "$tmp/missing.log" 2>&1; then
    if grep -q 'PYPROBE_CHECK' "$tmp/missing/configure"; then
        fail "no pyprobe.m4: autoreconf left PYPROBE_CHECK in configure"
    else
        echo "note: aclocal found an installed pyprobe.m4 by itself" \
             "($(aclocal --print-ac-dir)): the missing case is not checked"
    fi
elif grep -q 'error: possibly undefined macro: PYPROBE_CHECK' \
        "$tmp/missing.log"; then
    pass "no pyprobe.m4: autoreconf stops: $(grep -o 'error: possibly undefined macro: PYPROBE_CHECK' "$tmp/missing.log" | sed 1q)"
else
    fail "no pyprobe.m4: autoreconf failed, but not naming PYPROBE_CHECK:"
    sed 's/^/  /' "$tmp/missing.log"
fi

# --- The README's recipe -----------------------------------------------------
d=$tmp/spam
copy "$d"
# step LABEL COMMAND...: run COMMAND in the project; on failure show why.
step() {
    label=$1
    shift
    (cd "$d" && "$@") > "$tmp/step.log" 2>&1 && return 0
    fail "$label failed:"; tail -n 30 "$tmp/step.log" | sed 's/^/  /'
    return 1
}
if step "sh autogen.sh" sh ./autogen.sh &&
   step "./configure PYTHON=$py" ./configure PYTHON="$py" &&
   step make make; then
    pass "autogen.sh, ./configure PYTHON=$py and make succeed"
    module=$d/.libs/spam.abi3.so
    if [ -f "$module" ]; then
        got=$("$py" -I -c 'import importlib.util, sys
spec = importlib.util.spec_from_file_location("spam", sys.argv[1])
spam = importlib.util.module_from_spec(spec)
spec.loader.exec_module(spam)
print(spam.build())' "$module")
        [ "$got" = "abi3 0x030b0000" ] &&
            pass "it built spam.abi3.so, which says: $got" ||
            fail "spam.abi3.so says '$got', expected 'abi3 0x030b0000'"
    else
        fail "no .libs/spam.abi3.so: $(ls "$d/.libs" 2>&1 | tr '\n' ' ')"
    fi
    # make install puts both modules where python3.11 looks below the
    # prefix (pyexecdir, pythondir from PYPROBE_CHECK), and they import.
    site=$tmp/dest/usr/local/lib/python3.11/site-packages
    if step "make install DESTDIR=$tmp/dest" make install DESTDIR="$tmp/dest"
    then
        if [ -f "$site/spam.abi3.so" ] && [ -f "$site/spamtools.py" ]; then
            got=$(cd "$tmp" && "$py" -I -c 'import sys
sys.path.insert(0, sys.argv[1])
import spamtools
print(spamtools.describe())' "$site")
            [ "$got" = "spam, built abi3 0x030b0000" ] &&
                pass "make install: spam.abi3.so and spamtools.py in $site, and: $got" ||
                fail "the installed spamtools says '$got'"
        else
            fail "make install did not fill $site:" \
                "$(cd "$tmp/dest" && find . -type f | tr '\n' ' ')"
        fi
    fi
fi

for file in configure.ac Makefile.am autogen.sh; do
    same_as_readme "tests/examples/autotools/$file" "$examples/autotools/$file"
done
finish
