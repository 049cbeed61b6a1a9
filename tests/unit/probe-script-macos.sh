#!/bin/sh
# probe-script-macos.sh - the probe script's macOS side, run here with
# python3 on macOS-shaped data: which loaded images are a shared
# libpython (is_shared_libpython: python.org's and Homebrew's
# Python.framework, the free-threaded PythonT.framework, a
# libpython3.X.dylib, and Linux's libpython3.X.so for comparison), and
# DYLD_PROBE reading dyld's image list through a stand-in for ctypes
# that answers with the images a python.org 3.13 on arm64 loads (a list
# written from the framework's layout, not recorded on a Mac); then the
# whole probe script on the synthetic macOS sheets.
. "$(dirname "$0")/../lib.sh"
command -v python3 >/dev/null 2>&1 || skip "python3 is needed"

cat >"$T/check.py" <<'PY'
import importlib.util, sys, types
spec = importlib.util.spec_from_file_location('probe', sys.argv[1])
probe = importlib.util.module_from_spec(spec)
spec.loader.exec_module(probe)
failed = 0
def check(what, ok):
    global failed
    print(('ok - ' if ok else 'FAIL - ') + what)
    failed += not ok

cases = [
    ('/Library/Frameworks/Python.framework/Versions/3.13/Python', True),
    ('/Library/Frameworks/PythonT.framework/Versions/3.13/PythonT', True),
    ('/opt/homebrew/Cellar/python@3.13/3.13.1/Frameworks/Python.framework/Versions/3.13/Python', True),
    ('/usr/local/lib/libpython3.12.dylib', True),
    ('/opt/pypy/bin/libpypy3.10-c.dylib', True),
    ('/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0', True),
    # the program itself, inside the framework's Python.app
    ('/Library/Frameworks/Python.framework/Versions/3.13/Resources/Python.app/Contents/MacOS/Python', False),
    # the framework's other files, and a framework of another name
    ('/Library/Frameworks/Python.framework/Versions/3.13/lib/python3.13/lib-dynload/_ctypes.cpython-313-darwin.so', False),
    ('/Library/Frameworks/PythonT.framework/Versions/3.13/Python', False),
    ('/System/Library/Frameworks/CoreFoundation.framework/Versions/A/CoreFoundation', False),
    ('/usr/lib/libSystem.B.dylib', False),
    ('/usr/lib/libpythonesque.a', False),
]
for path, expected in cases:
    check('is_shared_libpython(%s) is %s' % (path, expected),
          probe.is_shared_libpython(path) is expected)

images = [
    '/Library/Frameworks/Python.framework/Versions/3.13/Resources/Python.app/Contents/MacOS/Python',
    '/Library/Frameworks/Python.framework/Versions/3.13/Python',
    '/usr/lib/libSystem.B.dylib',
    '/System/Library/Frameworks/CoreFoundation.framework/Versions/A/CoreFoundation',
    '/Library/Frameworks/Python.framework/Versions/3.13/lib/python3.13/lib-dynload/_ctypes.cpython-313-darwin.so',
    '/usr/lib/libffi.dylib',
]

class Function(object):
    def __init__(self, call):
        self.call = call
    def __call__(self, *args):
        return self.call(*args)

def fake_ctypes(image_list):
    module = types.ModuleType('ctypes')
    module.c_uint32 = 'c_uint32'
    module.c_char_p = 'c_char_p'
    class CDLL(object):
        def __init__(self, name):
            assert name is None
            self._dyld_image_count = Function(lambda: len(image_list))
            self._dyld_get_image_name = Function(
                lambda i: image_list[i].encode('utf-8'))
    module.CDLL = CDLL
    return module

def run_dyld_probe(module):
    saved = sys.modules.get('ctypes')
    sys.modules['ctypes'] = module
    depends = []
    try:
        exec(probe.DYLD_PROBE, {'depends': depends,
                                'is_shared_libpython': probe.is_shared_libpython})
    finally:
        if saved is None:
            del sys.modules['ctypes']
        else:
            sys.modules['ctypes'] = saved
    return depends

got = run_dyld_probe(fake_ctypes(images))
check('DYLD_PROBE: the framework python.org loads (%s)' % got,
      got == ['/Library/Frameworks/Python.framework/Versions/3.13/Python'])
got = run_dyld_probe(fake_ctypes([images[0], images[2]]))
check('DYLD_PROBE: a static build adds nothing (%s)' % got, got == [])
broken = types.ModuleType('ctypes')           # no CDLL: a stripped build
got = run_dyld_probe(broken)
check('DYLD_PROBE: without a working ctypes, nothing (%s)' % got, got == [])
# This system's real ctypes: no dyld here (AttributeError), nothing.
if sys.platform != 'darwin':
    got = run_dyld_probe(__import__('ctypes'))
    check('DYLD_PROBE: the real ctypes without dyld, nothing (%s)' % got,
          got == [])
sys.exit(1 if failed else 0)
PY
out=$(python3 "$T/check.py" "$top_srcdir/data/probe.py" 2>&1)
status=$?
printf '%s\n' "$out"
CHECKS=$(printf '%s\n' "$out" | grep -c '^ok - \|^FAIL - ')
FAILED=$(printf '%s\n' "$out" | grep -c '^FAIL - ' || :)
[ "$status" = 0 ] || [ "$FAILED" -gt 0 ] || { fail "check.py exited $status"; }
# The whole probe script on the synthetic macOS sheets, through the
# replay stand-in (whose ctypes answers dyld's images from the sheet):
# with "shared" its cache dependencies are the framework's library and
# the system version file, and never Linux's loader cache.
for sheet in "$top_srcdir"/tests/fixtures/synthetic/macos-*.json; do
    name=$(basename "$sheet" .json)
    depends=$(python3 "$top_srcdir/tests/tools/replay-python.py" "$sheet" \
        -I -S -c "$(cat "$top_srcdir/data/probe.py")" auto shared 2>&1 |
        grep -o "'depends': \[[^]]*\]")
    # python.org's framework library: LIBDIR/../Python (or PythonT)
    library=$(python3 -c '
import json, sys
config = json.load(open(sys.argv[1]))["sysconfig.get_config_vars"]
print(config["LIBDIR"].rpartition("/")[0] + "/" +
      config["LDLIBRARY"].rpartition("/")[2])' "$sheet")
    ok=1
    case $depends in *"'$library'"*) ;; *) ok=0 ;; esac
    case $depends in *"'/System/Library/CoreServices/SystemVersion.plist'"*) ;; *) ok=0 ;; esac
    case $depends in *ld.so.cache*|*/proc/*) ok=0 ;; esac
    check "$name: the probe depends on $library ($depends)" [ "$ok" = 1 ]
done
finish
