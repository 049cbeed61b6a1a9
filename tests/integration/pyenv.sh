#!/bin/sh
# Interpreters behind pyenv shims, with a pyenv root of our own (this
# machine's pyenv, if any, plays no part):
#  - a shim whose command no selected version has: pyprobe shows the
#    first line of pyenv's message, not its advice at the end;
#  - a shim that runs a version: PYTHON is the shim, EXECUTABLE the
#    interpreter it ran;
#  - pyprobe list runs no shim at all: the interpreters come from the
#    root's versions directory, which the shims name; the list is sorted
#    by implementation and version.
. "$(dirname "$0")/../lib.sh"
require_debian_python
tmp=$T
root=$tmp/pyenv
mkdir -p "$root/libexec" "$root/shims" "$tmp/home" "$tmp/cache"

# version DIR NAME SHEET: ROOT/versions/DIR/bin/NAME, a stand-in for the
# recorded interpreter SHEET (absolute paths only: PATH holds shims).
version() {
    mkdir -p "$root/versions/$1/bin"
    printf '#!/bin/sh\nexec "%s" -I "%s" "%s" "$@"\n' "$TOOL_PY" \
        "$top_srcdir/tests/tools/replay-python.py" \
        "$top_srcdir/tests/fixtures/interpreters/$3.json" \
        > "$root/versions/$1/bin/$2"
    chmod +x "$root/versions/$1/bin/$2"
}
version 3.15.0 python3.15 cpython-3.15
version 3.13.0 python3.13 cpython-3.13-pyenv
version 3.14.7t python3.14t cpython-3.14t
version 3.12.1 python3.12 cpython-3.12-pyenv

# pyenv itself: "pyenv exec PROGRAM ARG..." runs PROGRAM of the version
# PYENV_VERSION names, else fails as pyenv does. Every run is logged.
cat > "$root/libexec/pyenv" <<EOF
#!/bin/sh
echo "\$*" >> "$tmp/pyenv-ran"
[ "\$1" = exec ] || exit 1
program=\$2; shift 2
if [ -n "\${PYENV_VERSION:-}" ] &&
        [ -x "$root/versions/\$PYENV_VERSION/bin/\$program" ]; then
    exec "$root/versions/\$PYENV_VERSION/bin/\$program" "\$@"
fi
cat >&2 <<MSG
pyenv: \$program: command not found

The \\\`\$program' command exists in these Python versions:
  3.12.1

Note: See 'pyenv help global' for tips on allowing multiple
      Python versions to be found at the same time.
MSG
exit 127
EOF
chmod +x "$root/libexec/pyenv"
# The shims, as pyenv-rehash writes them.
for name in python python3 python3.12 python3.13 python3.14t python3.15; do
    cat > "$root/shims/$name" <<EOF
#!/usr/bin/env bash
set -e
[ -n "\$PYENV_DEBUG" ] && set -x

program="\${0##*/}"

export PYENV_ROOT="$root"
SHIM_PATH=\${0%/*}
if [[ \$SHIM_PATH != "$root/shims" ]]; then
  export _PYENV_SHIM_PATH="\$SHIM_PATH"
fi
exec "$root/libexec/pyenv" exec "\$program" "\$@"
EOF
    chmod +x "$root/shims/$name"
done

# Only the shims, the fake home and the system directories are searched.
in_pyenv() {
    env -u PYENV_ROOT -u PYENV_VERSION -u UV_PYTHON_INSTALL_DIR \
        HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/data" \
        PYPROBE_CACHE_DIR="$tmp/cache" PATH="$root/shims:/usr/bin:/bin" "$@"
}

# --- a shim with no version selected ----------------------------------
in_pyenv "$PYPROBE" --python python3.12 --get abi_tag > "$tmp/out" 2> "$tmp/err"
code=$?
want="pyprobe: $root/shims/python3.12: exited with status 127: pyenv: python3.12: command not found"
if [ $code -eq 4 ] && [ ! -s "$tmp/out" ] && [ "$(cat "$tmp/err")" = "$want" ]; then
    pass "a shim without a version: exit 4, pyenv's first line: $(cat "$tmp/err")"
else
    fail "a shim without a version: exit $code, stderr: $(cat "$tmp/err")"
fi

# --- a shim that runs a version: PYTHON the shim, EXECUTABLE what ran --
in_pyenv env PYENV_VERSION=3.15.0 "$PYPROBE" --python python3.15 \
    --get python --get executable --get version > "$tmp/out" 2> "$tmp/err"
sheet_executable=$(tool_py -c 'import json, sys
print(json.load(open(sys.argv[1]))["sys"]["executable"])' \
    "$top_srcdir/tests/fixtures/interpreters/cpython-3.15.json") ||
    fatal "no sys.executable in the 3.15 sheet"
if [ "$(cat "$tmp/out")" = "$(printf '%s\n%s\n3.15.0rc1' "$root/shims/python3.15" \
        "$sheet_executable")" ]; then
    pass "a shim: PYTHON is the shim, EXECUTABLE the interpreter behind it"
else
    fail "a shim: got $(cat "$tmp/out" "$tmp/err")"
fi

# --- pyprobe list: no shim is run -------------------------------------
rm -f "$tmp/pyenv-ran"
in_pyenv "$PYPROBE" list --json > "$tmp/list.json" 2> "$tmp/err" ||
    fail "pyprobe list --json failed: $(cat "$tmp/err")"
if [ -e "$tmp/pyenv-ran" ]; then
    fail "pyprobe list ran pyenv $(grep -c "^exec " "$tmp/pyenv-ran") times"
else
    pass "pyprobe list ran no shim (pyenv was never started)"
fi
tool_py - "$tmp/list.json" "$root" > "$tmp/checks" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
root = sys.argv[2]
entries = doc['interpreters']
def check(ok, what):
    print(('ok - ' if ok else 'FAIL - ') + what)
names = [n for e in entries for n in [e['path']] + e['aliases']]
check(not [n for n in names if n.startswith(root + '/shims/')],
      'no shim is listed')
for version, name, tag in (('3.12.1', 'python3.12', 'cp312'),
                           ('3.13.0', 'python3.13', 'cp313'),
                           ('3.14.7t', 'python3.14t', 'cp314t'),
                           ('3.15.0', 'python3.15', 'cp315')):
    path = '%s/versions/%s/bin/%s' % (root, version, name)
    found = [e for e in entries if e['path'] == path]
    check(len(found) == 1 and found[0]['facts']['abi_tag'] == tag,
          '%s is listed from the versions directory' % path)
probed = [e['facts'] for e in entries if 'facts' in e]
def key(f):
    return (f['implementation'], f['version_major'], f['version_minor'],
            [int(p) for p in f['version'].split('.')[2].split('r')[0]
             .split('a')[0].split('b')[0].split('c')[0] or '0'])
order = [(f['implementation'], f['version']) for f in probed]
check([key(f) for f in probed] == sorted(key(f) for f in probed),
      'sorted by implementation and version: %s' % order)
failed = [i for i, e in enumerate(entries) if 'facts' not in e]
check(all(i >= len(probed) for i in failed),
      'the ones that could not be probed come last')
EOF
relay_checks "$tmp/checks" "the list"
finish
