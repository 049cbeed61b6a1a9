#!/usr/bin/env python3
"""A stand-in interpreter that replays a recorded fact sheet.

pyprobe cannot run free-threaded or 3.15 interpreters here, but their
facts are recorded (tests/fixtures/interpreters/*.json). This script
poses as such an interpreter: pyprobe runs it exactly as it runs a real
one (PYTHON -I -S -c <probe script> MODE), and it executes the very
probe script pyprobe sent, with the modules that script reads (sys,
posix, _imp, the sysconfigdata table, sysconfig, os, platform, and
ctypes for dyld's image list on macOS) replaced
by ones that answer from the sheet. So the recorded interpreters go
through the same code path as a live probe: script, protocol, parser,
validation, decisions.

    usage: replay-python.py SHEET.json -I -S -c SCRIPT [MODE]

Any import the probe script makes that is not faked here is an error,
so a new dependency of the script cannot slip past these tests.
"""

import builtins
import io
import json
import sys
import types

# Everything from the real interpreter is imported above, before the
# fakes are installed.


def fail(message):
    sys.stderr.write('replay-python: %s\n' % message)
    sys.exit(90)


def build_modules(sheet, argv):
    rsys = sheet['sys']
    config = sheet['sysconfig.get_config_vars']
    plat = sheet['platform']
    libc = sheet['os.confstr(CS_GNU_LIBC_VERSION)']

    impl = types.SimpleNamespace(
        name=rsys['implementation.name'],
        version=tuple(rsys['implementation.version']),
        cache_tag=rsys['implementation.cache_tag'],
        _multiarch=rsys['implementation._multiarch'])
    fake_sys = types.ModuleType('sys')
    fake_sys.__dict__.update(
        version_info=tuple(rsys['version_info']),
        hexversion=rsys['hexversion'],
        version=rsys['version'],
        executable=rsys['executable'],
        _base_executable=rsys['_base_executable'],
        prefix=rsys['prefix'],
        base_prefix=rsys['base_prefix'],
        exec_prefix=rsys['exec_prefix'],
        # Not recorded; equal to base_prefix for every recorded build.
        base_exec_prefix=rsys['base_prefix'],
        platform=rsys['platform'],
        maxsize=rsys['maxsize'],
        byteorder=rsys['byteorder'],
        maxunicode=0x10FFFF,
        implementation=impl,
        argv=argv,
        modules={},
        path=[],
        stdout=sys.stdout,
        stderr=sys.stderr)
    if rsys.get('abiflags') is not None:
        fake_sys.abiflags = rsys['abiflags']
    if rsys.get('_is_gil_enabled') is not None:
        state = rsys['_is_gil_enabled']
        fake_sys._is_gil_enabled = lambda: state
    if 'd' in (rsys.get('abiflags') or ''):
        fake_sys.gettotalrefcount = lambda: 0

    uname = types.SimpleNamespace(sysname=plat['system'],
                                  machine=plat['machine'])

    def confstr(name):
        if name != 'CS_GNU_LIBC_VERSION' or libc is None:
            raise ValueError('unrecognized configuration name')
        return libc

    def no_such_file(path):
        raise FileNotFoundError(path)

    posix = types.ModuleType('posix')
    posix.environ = {}
    posix.stat = no_such_file
    posix.uname = lambda: uname
    posix.confstr = confstr

    fake_os = types.ModuleType('os')
    fake_os.environ = {}
    fake_os.uname = posix.uname
    fake_os.confstr = confstr

    imp = types.ModuleType('_imp')
    imp.extension_suffixes = lambda: list(sheet['EXTENSION_SUFFIXES'])

    sysconfigdata = types.ModuleType('sysconfigdata')
    sysconfigdata.build_time_vars = dict(config)

    sysconfig = types.ModuleType('sysconfig')
    sysconfig.get_config_vars = lambda: dict(config)
    sysconfig.get_config_var = config.get
    sysconfig.get_paths = lambda: dict(sheet['sysconfig.get_paths'])
    sysconfig.get_platform = lambda: sheet['sysconfig.get_platform']

    machinery = types.ModuleType('importlib.machinery')
    machinery.EXTENSION_SUFFIXES = list(sheet['EXTENSION_SUFFIXES'])
    importlib = types.ModuleType('importlib')
    importlib.machinery = machinery

    mac = plat.get('mac_ver') or ['', '', '']
    platform = types.ModuleType('platform')
    platform.mac_ver = lambda: (mac[0], ('', '', ''), mac[2])
    platform.system = lambda: plat['system']
    platform.machine = lambda: plat['machine']

    # ctypes, for the probe script's DYLD_PROBE (macOS): dyld's images
    # are the program, the framework's library (python.org's builds
    # keep it beside lib/: LIBDIR/../Python) or a shared libpython, and
    # libSystem.
    images = [rsys['executable']]
    ldlibrary = config.get('LDLIBRARY') or ''
    libdir = config.get('LIBDIR') or ''
    if '.framework/' in ldlibrary:
        images.append(libdir.rpartition('/')[0] + '/' +
                      ldlibrary.rpartition('/')[2])
    elif config.get('Py_ENABLE_SHARED'):
        images.append(libdir + '/' + ldlibrary)
    images.append('/usr/lib/libSystem.B.dylib')

    class DyldFunction(object):
        def __init__(self, call):
            self.call = call

        def __call__(self, *args):
            return self.call(*args)

    class CDLL(object):
        def __init__(self, name):
            if name is not None or rsys['platform'] != 'darwin':
                raise OSError('replay-python: dlopen(%r) is not faked' % name)
            self._dyld_image_count = DyldFunction(lambda: len(images))
            self._dyld_get_image_name = DyldFunction(
                lambda index: images[index].encode())

    ctypes = types.ModuleType('ctypes')
    ctypes.CDLL = CDLL
    ctypes.c_uint32 = 'c_uint32'
    ctypes.c_char_p = 'c_char_p'

    abiflags = rsys.get('abiflags') or ''
    multiarch = rsys['implementation._multiarch']
    data_name = '_sysconfigdata_%s_linux_%s' % (abiflags, multiarch)
    return {
        'sys': fake_sys, 'posix': posix, 'os': fake_os, '_imp': imp,
        data_name: sysconfigdata, 'sysconfig': sysconfig,
        'importlib': importlib, 'importlib.machinery': machinery,
        'platform': platform, 'ctypes': ctypes,
    }


def main():
    if len(sys.argv) < 6 or sys.argv[2:5] != ['-I', '-S', '-c']:
        fail('expected: SHEET.json -I -S -c SCRIPT [MODE], got %r'
             % sys.argv[1:])
    with open(sys.argv[1]) as f:
        sheet = json.load(f)
    script = sys.argv[5]
    modules = build_modules(sheet, ['-c'] + sys.argv[6:])
    details_path = sheet.get('build-details.json path')
    details = sheet.get('build-details.json')
    real_import = builtins.__import__
    real_open = builtins.open

    def import_probe(name):
        # pyprobe's script cache: the probe script as a module, in a
        # directory the -c program put first on sys.path.
        for directory in modules['sys'].path:
            path = directory + '/' + name + '.py'
            try:
                with real_open(path) as f:
                    text = f.read()
            except OSError:
                continue
            module = types.ModuleType(name)
            exec(compile(text, path, 'exec'), module.__dict__)
            return module
        raise ImportError('No module named %r' % name)

    def fake_import(name, globals=None, locals=None, fromlist=(), level=0):
        if name == '_pyprobe_probe':
            return import_probe(name)
        if name in modules:
            if name == 'importlib.machinery' and not fromlist:
                return modules['importlib']
            return modules[name]
        if name.startswith('_sysconfigdata_'):
            raise ImportError('No module named %r' % name)
        fail('the probe script imported %r, which this stand-in does not '
             'fake' % name)

    def fake_open(path, mode='r', *args, **kwargs):
        if details_path and path == details_path and details is not None:
            data = json.dumps(details).encode()
            return io.BytesIO(data) if 'b' in mode else io.StringIO(
                data.decode())
        raise FileNotFoundError(path)

    code = compile(script, '<string>', 'exec')
    builtins.__import__ = fake_import
    builtins.open = fake_open
    try:
        exec(code, {'__name__': '__main__', '__builtins__': builtins})
    finally:
        builtins.__import__ = real_import
        builtins.open = real_open


main()
