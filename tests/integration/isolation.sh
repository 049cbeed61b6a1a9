#!/bin/sh
# isolation.sh - the user's Python configuration cannot change the probe.
#
# pyprobe runs the interpreter isolated (-I -S), so none of these may
# change a byte of `pyprobe --json`: PYTHONPATH pointing at modules that
# shadow sysconfig, _imp, posix, site and the _sysconfigdata table and
# at sitecustomize/usercustomize hooks (all print junk to stdout and
# overwrite values), PYTHONHOME=/nonexistent, PYTHONSTARTUP,
# PYTHONINSPECT, PYTHONIOENCODING, a user site (PYTHONUSERBASE) with a
# noisy usercustomize, and the same modules in the current directory
# (PYTHONSAFEPATH unset, so a non-isolated python -c would import them).
# Checked for the default fast probe and for --use-sysconfig, which must
# also agree with each other.

. "$(dirname "$0")/../lib.sh"
require_debian_python

# Python code every hostile module runs: junk on stdout and stderr, and
# values changed where the probe would read them.
evil='import sys
print("JUNK from %s on stdout" % __name__)
sys.stderr.write("JUNK from %s on stderr\n" % __name__)
sys.abiflags = "JUNK"
sys.prefix = sys.base_prefix = "/junk"
sys.platform = "junk"
try:
    sys.implementation._multiarch = "junk"
except Exception:
    pass
'
# write_evil DIR: the hostile modules, all in DIR.
write_evil() {
    mkdir -p "$1"
    for module in sitecustomize usercustomize site posix _imp os \
                  importlib _sysconfigdata__linux_x86_64-linux-gnu \
                  _sysconfigdata_d_linux_x86_64-linux-gnu; do
        printf '%s\n' "$evil" >"$1/$module.py"
    done
    # A sysconfig whose every answer is wrong.
    cat >"$1/sysconfig.py" <<EOF
$evil
def get_config_vars(*args):
    return {'EXT_SUFFIX': '.junk.so', 'SOABI': 'junk', 'Py_GIL_DISABLED': 1}
def get_config_var(name):
    return get_config_vars().get(name)
def get_paths(*args, **kwargs):
    return {'include': '/junk', 'platinclude': '/junk', 'stdlib': '/junk'}
def get_platform():
    return 'junk'
EOF
}

write_evil "$T/pythonpath"
write_evil "$T/cwd"
printf 'print("JUNK from PYTHONSTARTUP")\n' >"$T/startup.py"
mkdir "$T/clean-cwd"

# Every polluting variable (run through env), PYTHONSAFEPATH unset.
polluted() {
    env -u PYTHONSAFEPATH \
        PYTHONPATH="$T/pythonpath" PYTHONHOME=/nonexistent \
        PYTHONSTARTUP="$T/startup.py" PYTHONINSPECT=1 \
        PYTHONIOENCODING=utf-16 PYTHONUSERBASE="$T/userbase" \
        PYTHONNOUSERSITE= PYTHONVERBOSE=1 PYTHONWARNINGS=error \
        "$@"
}
# None of them, PYTHONSAFEPATH included.
clean() {
    env -u PYTHONPATH -u PYTHONHOME -u PYTHONSTARTUP -u PYTHONINSPECT \
        -u PYTHONIOENCODING -u PYTHONUSERBASE -u PYTHONNOUSERSITE \
        -u PYTHONVERBOSE -u PYTHONWARNINGS -u PYTHONSAFEPATH "$@"
}

# The interpreters: Debian's, one pyenv CPython (the newest), and pypy3,
# whose probe imports sysconfig (so shadowing would matter most there).
pythons=$DEBIAN_PY
newest_pyenv=$(pyenv_pythons | tail -n 1)
if [ -n "$newest_pyenv" ]; then
    pythons="$pythons $newest_pyenv"
else
    note "no pyenv CPython found: $(pyenv_root 2>&1 >/dev/null)"
fi
[ -x /usr/bin/pypy3 ] && pythons="$pythons /usr/bin/pypy3"

for py in $pythons; do
    name=$(basename "$py")
    # The user site of this version, with a noisy usercustomize.
    version=$("$py" -I -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    for site in "$T/userbase/lib/python$version/site-packages" \
                "$T/userbase/lib/pypy$version/site-packages"; do
        mkdir -p "$site"
        printf '%s\n' "$evil" >"$site/usercustomize.py"
    done

    # Sanity: without -I the polluted environment really reaches this
    # Python, so the comparisons below can fail: the modules print junk
    # (PYTHONHOME left out, or nothing would start), and PYTHONHOME alone
    # stops it from starting.
    (cd "$T/cwd" && polluted env -u PYTHONHOME "$py" -c 'pass') \
        >"$T/sanity" 2>&1 </dev/null
    # (PYTHONIOENCODING=utf-16: drop the NULs before looking.)
    check "$name: the polluted environment is live without -I" \
        sh -c 'tr -d "\\000" <"$1" | grep -q JUNK' sh "$T/sanity"
    case $name in
    pypy*) ;;   # PyPy does not use PYTHONHOME
    *)  check "$name: PYTHONHOME=/nonexistent is live without -I" \
            test "$(clean env PYTHONHOME=/nonexistent "$py" -c 'print(1)' \
                    2>/dev/null </dev/null)" != 1 ;;
    esac

    for mode in default --use-sysconfig; do
        opt=
        [ "$mode" = default ] || opt=$mode
        (cd "$T/clean-cwd" && clean "$PYPROBE" --python "$py" $opt --json) \
            >"$T/clean.json" 2>"$T/clean.err" </dev/null
        status=$?
        check "$name $mode: clean run succeeds (exit $status)" \
            test "$status" -eq 0 -a ! -s "$T/clean.err"
        (cd "$T/cwd" && polluted "$PYPROBE" --python "$py" $opt --json) \
            >"$T/polluted.json" 2>"$T/polluted.err" </dev/null
        status=$?
        check "$name $mode: polluted run succeeds (exit $status)" \
            test "$status" -eq 0 -a ! -s "$T/polluted.err"
        if ! cmp -s "$T/clean.json" "$T/polluted.json"; then
            fail "$name $mode: --json differs in the polluted environment"
            diff "$T/clean.json" "$T/polluted.json" | head -n 20
            head -c 500 "$T/polluted.err"
        else
            pass "$name $mode: --json is byte-identical to the clean run"
        fi
        cp "$T/clean.json" "$T/$mode.json"
    done

    # The fast probe and sysconfig agree: every public value, and the raw
    # answer except for where it came from (and so the files it read).
    tool_py - "$T/default.json" "$T/--use-sysconfig.json" >"$T/diff" 2>&1 <<'EOF'
import json, sys
fast, slow = (json.load(open(name)) for name in sys.argv[1:3])
fast_probe, slow_probe = fast.pop('probe'), slow.pop('probe')
for key in ('source', 'sysconfigdata', 'depends'):
    fast_probe.pop(key)
    slow_probe.pop(key)
bad = ['%s: %r != %r' % (k, fast.get(k), slow.get(k))
       for k in sorted(set(fast) | set(slow)) if fast.get(k) != slow.get(k)]
bad += ['probe.%s: %r != %r' % (k, fast_probe.get(k), slow_probe.get(k))
        for k in sorted(set(fast_probe) | set(slow_probe))
        if fast_probe.get(k) != slow_probe.get(k)]
print('\n'.join(bad))
sys.exit(1 if bad else 0)
EOF
    status=$?
    check "$name: --use-sysconfig gives the same values as the default" \
        test "$status" -eq 0 || cat "$T/diff"
done

finish
