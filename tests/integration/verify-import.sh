#!/bin/sh
# pyprobe verify-import. On GIL builds: modules import or fail with one
# line each (an exception, an exit or a crash while importing, and the
# modules after it still checked); --path order; isolation (-I: no
# PYTHONPATH, no user site) with the interpreter's site-packages; what
# site and the modules print cannot disturb the answer; a hang is
# killed. On a free-threaded build: the real ones cannot be installed
# here, so tests/tools/free-threaded-stand-in.py poses as one around
# python3.11, with extension modules built here: one without the
# Py_mod_gil slot turns the GIL on and fails, naming the module, also
# when imported by another module; the modules after it are judged in a
# fresh interpreter; a GIL turned on by site is an error. And garbage
# from an interpreter is refused.
. "$(dirname "$0")/../lib.sh"
tmp=$T
py=/usr/bin/python3.11
unset PYTHONPATH

# expect LABEL CODE 'STDOUT' 'STDERR' ARG...: run verify-import (with
# lib.sh's time limit: a bug that keeps it going fails here instead of
# hanging the suite).
codes_seen=
expect() {
    label=$1 want_code=$2 want_out=$3 want_err=$4; shift 4
    codes_seen="$codes_seen $want_code"
    run "$PYPROBE" verify-import "$@"
    code=$RC
    if [ $code = "$want_code" ] && [ "$(cat "$tmp/out")" = "$want_out" ] &&
       [ "$(cat "$tmp/err")" = "$want_err" ]; then
        pass "$label"
    else
        fail "$label: exit $code (expected $want_code)"
        sed 's/^/  out: /' "$tmp/out"; sed 's/^/  err: /' "$tmp/err"
        printf '  expected out: %s\n  expected err: %s\n' "$want_out" "$want_err"
    fi
}
gil="(a GIL build: only the import was checked)"

# Modules that do what modules do.
d=$tmp/mods
mkdir "$d" "$d/first" "$d/second" || fatal "cannot create $d"
echo 'VALUE = 1' > "$d/plain.py"
printf 'import os, sys\nprint("noise")\nsys.stdout.flush()\nos.write(1, b"raw noise\\n")\n' > "$d/noisy.py"
printf 'raise ValueError("two\\nlines and \\u00e9")\n' > "$d/raises.py"
printf 'import os\nos._exit(3)\n' > "$d/exits.py"
printf 'import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n' > "$d/killed.py"
printf 'import time\ntime.sleep(600)\n' > "$d/hangs.py"
echo 'raise ImportError("the first directory")' > "$d/first/which.py"
echo 'VALUE = 2' > "$d/second/which.py"

expect "imports on a GIL build" 0 "ok json $gil
ok plain $gil" "" --python "$py" --path "$d" json plain
expect "an exception" 1 "ok plain $gil" \
"pyprobe: raises: cannot import it: ValueError: two lines and \\xe9
pyprobe: nosuch: cannot import it: ModuleNotFoundError: No module named 'nosuch'" \
    --python "$py" --path "$d" raises plain nosuch
expect "output from a module" 0 "ok noisy $gil
ok plain $gil" "" --python "$py" --path "$d" noisy plain
expect "an exit while importing" 1 "ok plain $gil" \
    "pyprobe: exits: cannot import it: the interpreter exited with status 3 while importing it" \
    --python "$py" --path "$d" exits plain
expect "a crash while importing" 1 "ok plain $gil" \
    "pyprobe: killed: cannot import it: the interpreter crashed while importing it: killed by signal 9 (Killed)" \
    --python "$py" --path "$d" plain killed
expect "a hang" 4 "" \
    "pyprobe: $py: did not finish within 1.000 s; killed it and its process group (is it waiting for input or hanging? --timeout sets the limit)" \
    --python "$py" --timeout 1 --path "$d" hangs
expect "--path order (first given first)" 0 "ok which $gil" "" \
    --python "$py" --path "$d/second" --path "$d/first" which
expect "--path order (the other way)" 1 "" \
    "pyprobe: which: cannot import it: ImportError: the first directory" \
    --python "$py" --path "$d/first" --path "$d/second" which

# Isolation: neither PYTHONPATH nor the user's site directory (nor the
# current directory) is searched; the interpreter's site-packages are.
user_site=$(HOME=$tmp/home "$py" -c 'import site; print(site.getusersitepackages())')
mkdir -p "$user_site" && echo 'X = 1' > "$user_site/usermod.py" ||
    fatal "cannot create $user_site"
# A subshell for cd and export: it reports its own FAIL lines, and its
# status counts them here.
(FAILED=0
 cd "$d" && export HOME=$tmp/home PYTHONPATH=$d/second &&
 "$py" -c 'import which, usermod, plain' ||   # without -I they import
    fatal "the modules do not import without -I"
 expect "isolated" 1 "" \
"pyprobe: which: cannot import it: ModuleNotFoundError: No module named 'which'
pyprobe: usermod: cannot import it: ModuleNotFoundError: No module named 'usermod'
pyprobe: plain: cannot import it: ModuleNotFoundError: No module named 'plain'" \
    --python "$py" which usermod plain
 [ "$FAILED" -eq 0 ]) || count_failure
"$py" -m venv --without-pip "$tmp/venv" || { fail "python3.11 -m venv"; finish; }
site_packages=$("$tmp/venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo 'X = 1' > "$site_packages/venvmod.py"
echo 'import sys; print("a .pth file speaking"); sys.stdout.flush()' > "$site_packages/noisy.pth"
expect "site-packages, a noisy .pth file" 0 "ok venvmod $gil" "" \
    --python "$tmp/venv/bin/python" venvmod
expect "--facts names the interpreter" 0 "ok venvmod $gil" "" \
    --facts "$("$PYPROBE" --python "$tmp/venv/bin/python" --json > "$tmp/f.json" && echo "$tmp/f.json")" venvmod

# Extension modules for python3.11: gilused has no Py_mod_gil slot (and
# neither has gilfree: 3.11's headers lack it). usesgil imports gilused.
eval "$("$PYPROBE" --python "$py" --get cppflags --get ext_suffix |
        { read -r f; read -r s; printf 'cppflags=%s suffix=%s\n' "'$f'" "'$s'"; })"
x=$tmp/ext
mkdir "$x" || fatal "cannot create $x"
for m in gilused gilused2; do
    ${CC:-cc} $cppflags -DMODULE_NAME=$m -DOMIT_GIL_SLOT -fPIC -shared \
        -o "$x/$m$suffix" "$top_srcdir/tests/m4/consumer/module.c" ||
        { fail "cannot build $m"; finish; }
done
echo 'import gilused' > "$x/usesgil.py"
expect "extension modules on a GIL build" 0 "ok gilused $gil
ok usesgil $gil" "" --python "$py" --path "$x" gilused usesgil

# The free-threaded stand-in.
ft=$tmp/python3.11t
printf '#!/bin/sh\nexec "%s" -I -S "%s" "$@"\n' "$py" \
    "$top_srcdir/tests/tools/free-threaded-stand-in.py" > "$ft"
chmod +x "$ft"
turned="importing it turned the GIL on: module"
undeclared="has not declared that it can run without the GIL (Py_mod_gil)"
expect "free-threaded: pure Python keeps the GIL off" 0 "ok plain
ok json" "" --python "$ft" --path "$d" plain json
expect "free-threaded: no Py_mod_gil slot" 1 "ok plain" \
    "pyprobe: gilused: $turned 'gilused' $undeclared" \
    --python "$ft" --path "$d" --path "$x" plain gilused
expect "free-threaded: through a dependency" 1 "" \
    "pyprobe: usesgil: $turned 'gilused' $undeclared" \
    --python "$ft" --path "$x" usesgil
expect "free-threaded: each judged in a fresh interpreter" 1 "ok plain" \
"pyprobe: gilused: $turned 'gilused' $undeclared
pyprobe: gilused2: $turned 'gilused2' $undeclared
pyprobe: nosuch: cannot import it: ModuleNotFoundError: No module named 'nosuch'" \
    --python "$ft" --path "$x" --path "$d" gilused gilused2 plain nosuch
cp "$x/gilused$suffix" "$site_packages/" &&
    echo 'import gilused' > "$site_packages/turns-gil-on.pth" ||
    fatal "cannot write into $site_packages"
printf '#!/bin/sh\nexec "%s" -I -S "%s" "$@"\n' "$tmp/venv/bin/python" \
    "$top_srcdir/tests/tools/free-threaded-stand-in.py" > "$tmp/venv-t"
chmod +x "$tmp/venv-t"
expect "free-threaded: the GIL on before any import" 1 "" \
    "pyprobe: $tmp/venv-t: the GIL is on before any import: site (a .pth file or sitecustomize) loaded module 'gilused', which has not declared that it can run without the GIL (no import can be checked there; run it where site imports nothing that needs the GIL)" \
    --python "$tmp/venv-t" venvmod

# Garbage instead of an answer.
answer() {   # answer NAME TEXT: an "interpreter" that prints TEXT
    printf '#!/bin/sh\nprintf '"'"'%s'"'"'\n' "$2" > "$tmp/$1"
    chmod +x "$tmp/$1"
}
answer junk 'hello\n'
answer no-start 'pyprobe-verify-import 1\n'
answer bad-line 'pyprobe-verify-import 1\nstart 0 -\nmaybe\nend\n'
answer gil-on-gil-build 'pyprobe-verify-import 1\nstart 0 1\ngil x\nend\n'
answer no-progress 'pyprobe-verify-import 1\nstart 1 0\nend\n'
answer truncated 'pyprobe-verify-import 1\nstart 0 -\nok\n'
answer too-many 'pyprobe-verify-import 1\nstart 0 -\nok\nok\nend\n'
answer after-end 'pyprobe-verify-import 1\nstart 0 -\nok\nend\nmore\n'
answer control 'pyprobe-verify-import 1\nstart 0 -\nerror \033[2J\nend\n'
for case in junk:"no pyprobe-verify-import 1 line" no-start:"no start line" \
        bad-line:"an unknown result line" \
        gil-on-gil-build:"an unknown result line" \
        no-progress:"it stopped before the last module" \
        truncated:"the answer is truncated" \
        too-many:"more answers than modules" \
        after-end:"text after the end line" control:"unprintable text"; do
    name=${case%%:*} why=${case#*:}
    expect "garbage: $name" 5 "" \
        "pyprobe: $tmp/$name: invalid answer from the import script: $why (is it Python? pyprobe --python $tmp/$name shows what it is)" \
        --python "$tmp/$name" one
done

# Not an interpreter, no interpreter, usage.
expect "no such interpreter" 3 "" "pyprobe: $tmp/none: no such file" \
    --python "$tmp/none" json
expect "no module named" 2 "" \
    "pyprobe: verify-import: name at least one module (see pyprobe --help)" \
    --python "$py"
expect "--facts with --python" 2 "" \
    "pyprobe: --facts: cannot be combined with --python: the facts already name their interpreter (see pyprobe --help)" \
    --python "$py" --facts "$tmp/f.json" json
expect "an unknown option" 2 "" \
    "pyprobe: --use-sysconfig: unknown option (see pyprobe --help)" \
    --use-sysconfig json
expect "--facts unreadable" 7 "" \
    "pyprobe: $tmp/none.json: No such file or directory" \
    --facts "$tmp/none.json" json
echo '{"format": "something else"}' > "$tmp/other.json" ||
    fatal "cannot write $tmp/other.json"
expect "--facts not a facts file" 5 "" \
    "pyprobe: $tmp/other.json: not a pyprobe facts file (no \"format\": \"pyprobe-facts\") (write one with pyprobe --json)" \
    --facts "$tmp/other.json" json

# Every exit status seen above is in verify-import --help.
"$PYPROBE" verify-import --help | sed -n '/^Exit status:$/,$p' > "$tmp/help"
codes=$(printf '%s\n' $codes_seen | sort -un | tr '\n' ' ')
missing=
for code in $codes; do
    grep -q "^  $code  [a-z]" "$tmp/help" || missing="$missing $code"
done
[ -z "$missing" ] &&
    pass "verify-import --help documents the exit statuses seen: $codes" ||
    fail "verify-import --help does not document exit status$missing"
finish
