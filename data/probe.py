# pyprobe probe script, protocol 1.
#
# pyprobe embeds this file and runs it with the target interpreter as
#
#     PYTHON -I -S -c <this file> auto|sysconfig [shared]
#
# (shared: the interpreter may load a shared libpython, so say which.)
#
# It prints what the interpreter knows about itself, and nothing else:
#
#     pyprobe-probe 1
#     {'key': value, ...}       one line: ascii() of a dict of str, int,
#                               bool, None and lists of those
#     end
#
# pyprobe parses that line with a strict literal parser (never eval) and
# checks every field (src/lib/probe_facts.c). A change of fields here
# needs the same change there, and a new protocol number if old readers
# would misread it.
#
# The script must run on every CPython from 3.6 and on PyPy 3, and be
# cheap: an interpreter's start-up is the floor for a probe, so this file
# imports as little as it can (not even os on the fast path) and keeps
# code that is rarely needed in strings, compiled only when used. Its
# syntax stays 3.0-compatible so that an old interpreter gets as far as
# saying which version it is.

import sys

# Config variables, reported under "config". They come from the table
# sysconfig loads (fast path) or from sysconfig.get_config_vars(); tests
# check that both give the same answer on every interpreter.
CONFIG_VARS = (
    'ABIFLAGS', 'ABI_THREAD', 'CC', 'CCSHARED', 'EXT_SUFFIX', 'HOST_GNU_TYPE',
    'INCLUDEPY', 'LDLIBRARY', 'LDSHARED', 'LDVERSION', 'LIBDEST', 'LIBDIR',
    'LIBPL', 'LIBRARY', 'LIBS', 'LINKFORSHARED', 'MACHDEP',
    'MACOSX_DEPLOYMENT_TARGET', 'MULTIARCH', 'PYEMSCRIPTEN_PLATFORM_VERSION',
    'Py_DEBUG', 'Py_ENABLE_SHARED', 'Py_GIL_DISABLED', 'Py_UNICODE_SIZE',
    'SIZEOF_VOID_P', 'SOABI', 'SYSLIBS', 'VERSION', 'WITH_PYMALLOC',
    'py_version_nodot',
)


def fast_probe(info, depends):
    """Fill info the way sysconfig would, without importing sysconfig (or
    os). Only for CPython on Linux with nothing redirecting sysconfig, and
    only when its build-time table agrees with the running interpreter.
    Returns False to let sysconfig answer instead."""
    if sys.implementation.name != 'cpython' or sys.platform != 'linux':
        return False
    import posix
    env = posix.environ
    for name in (b'_PYTHON_HOST_PLATFORM', b'_PYTHON_PROJECT_BASE',
                 b'_PYTHON_SYSCONFIGDATA_NAME', b'_PYTHON_SYSCONFIGDATA_PATH'):
        if name in env:
            return False
    here = sys.executable.rpartition('/')[0] + '/Modules'
    try:
        posix.stat(here)        # rarely there: one stat decides, mostly
        for name in ('Setup', 'Setup.dist', 'Setup.local'):
            try:
                posix.stat(here + '/' + name)
                return False    # running from a source tree
            except OSError:
                pass
    except OSError:
        pass
    abiflags = sys.abiflags
    multiarch = getattr(sys.implementation, '_multiarch', '')
    build = None
    for name in ('_sysconfigdata_%s_linux_%s' % (abiflags, multiarch),
                 '_sysconfigdata_%s_%s' % (abiflags, multiarch)):
        try:
            module = __import__(name)
            build = module.build_time_vars
            break
        except (ImportError, AttributeError):
            pass
    if not isinstance(build, dict):
        return False
    import _imp
    suffixes = _imp.extension_suffixes()
    short = '%d.%d' % sys.version_info[:2]
    # get_paths()['include'] is {installed_base}/include/python{X.Y}{abiflags}
    # with installed_base = sys.base_prefix; INCLUDEPY says the same below
    # the build-time prefix. Use it only when they agree.
    tail = '/include/python' + short + abiflags
    prefix = build.get('prefix')
    base = sys.base_prefix
    if (build.get('VERSION') != short or build.get('ABIFLAGS') != abiflags or
            not suffixes or build.get('EXT_SUFFIX') != suffixes[0] or
            not isinstance(prefix, str) or
            build.get('INCLUDEPY') != prefix + tail or
            not base.startswith('/') or base.endswith('/') or
            '//' in base or '/./' in base + '/' or '/../' in base + '/'):
        return False
    uname = posix.uname()
    if uname.sysname != 'Linux':
        return False
    config = dict((key, build.get(key)) for key in CONFIG_VARS)
    config['py_version_nodot'] = short.replace('.', '')
    libdest = build.get('LIBDEST')
    stdlib = None
    if isinstance(libdest, str) and libdest.startswith(prefix + '/'):
        stdlib = base + libdest[len(prefix):]
    try:
        libc = posix.confstr('CS_GNU_LIBC_VERSION')
    except (ValueError, OSError):
        libc = None
    depends.append(getattr(module, '__file__', None))
    info.update(
        source='fast', sysconfigdata=name, config=config,
        extension_suffixes=list(suffixes), include=base + tail,
        platinclude=base + tail, stdlib=stdlib,
        platform='linux-' + uname.machine.replace(' ', '_').replace('/', '-'),
        system='Linux', machine=uname.machine, libc=libc)
    return True


# Ask sysconfig itself: slower, and right wherever sysconfig is right.
SYSCONFIG_PROBE = '''
import os, sysconfig, importlib.machinery
all_vars = sysconfig.get_config_vars()
paths = sysconfig.get_paths()
if hasattr(os, 'uname'):
    sysname, machine = os.uname().sysname, os.uname().machine
else:
    import platform
    sysname, machine = platform.system(), platform.machine()
try:
    libc = os.confstr('CS_GNU_LIBC_VERSION')
except (AttributeError, ValueError, OSError):
    libc = None
depends.extend(getattr(m, '__file__', None)
                       for n, m in sorted(sys.modules.items())
                       if n == 'sysconfig' or n.startswith('_sysconfigdata'))
info.update(
    source='sysconfig', sysconfigdata=None,
    config=dict((key, all_vars.get(key)) for key in CONFIG_VARS),
    extension_suffixes=list(importlib.machinery.EXTENSION_SUFFIXES),
    include=paths.get('include'), platinclude=paths.get('platinclude'),
    stdlib=paths.get('stdlib'), platform=sysconfig.get_platform(),
    system={'win32': 'Windows', 'ios': 'iOS',
            'android': 'Android'}.get(sys.platform, sysname),
    machine=machine, libc=libc)
'''

# The musl loader prints its version when run with no arguments; this is
# how packaging finds it. Only reached on musl systems.
MUSL_PROBE = '''
import subprocess
version = None
try:
    text = subprocess.run([loader], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, timeout=10).stderr
    lines = [l.strip() for l in text.decode('utf-8', 'replace').splitlines()
             if l.strip()]
    if len(lines) > 1 and lines[0][:4] == 'musl' and lines[1][:8] == 'Version ':
        major, _, rest = lines[1][8:].partition('.')
        minor = ''
        for c in rest:
            if not c.isdigit():
                break
            minor += c
        if major.isdigit() and minor:
            version = major + '.' + minor
except (OSError, ValueError, IndexError, subprocess.SubprocessError):
    pass
info['musl_version'] = version
'''

# platform.mac_ver() as packaging reads it, including the re-run that
# packaging does when an old SDK makes macOS report 10.16.
MAC_PROBE = '''
import platform
release, _, machine = platform.mac_ver()
if release.split('.')[:2] == ['10', '16']:
    import os, subprocess
    try:
        release = subprocess.run(
            [sys.executable, '-sS', '-c',
             'import platform; print(platform.mac_ver()[0])'],
            check=True, stdout=subprocess.PIPE, universal_newlines=True,
            env=dict(os.environ, SYSTEM_VERSION_COMPAT='0'),
            timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
info['mac_ver'] = [release, machine]
'''


# What packaging reads of the interpreter binary, for the musl check and
# for 32-bit ARM and x86: [class, data, machine, flags, PT_INTERP], or None
# if it is not ELF. Not needed (so not run) for a glibc interpreter with
# 64-bit pointers, which is the common case.
ELF_PROBE = '''
def num(data, start, size):
    return int.from_bytes(data[start:start + size], order)
elf = None
try:
    with open(sys.executable, 'rb') as f:
        head = f.read(64)
        if (len(head) == 64 and head[:4] == b'\\x7fELF' and
                head[4] in (1, 2) and head[5] in (1, 2)):
            wide = head[4] == 2
            order = 'little' if head[5] == 1 else 'big'
            phoff = num(head, 32, 8) if wide else num(head, 28, 4)
            entry_size = num(head, 54 if wide else 42, 2)
            interp = None
            for index in range(min(num(head, 56 if wide else 44, 2), 512)):
                f.seek(phoff + index * entry_size)
                entry = f.read(56 if wide else 32)
                if len(entry) < (56 if wide else 32):
                    break
                if num(entry, 0, 4) == 3:                # PT_INTERP
                    f.seek(num(entry, 8, 8) if wide else num(entry, 4, 4))
                    size = num(entry, 32, 8) if wide else num(entry, 16, 4)
                    interp = f.read(min(size, 4096)).decode(
                        'utf-8', 'surrogateescape').strip('\\0')
                    break
            elf = [head[4], head[5], num(head, 18, 2),
                   num(head, 48 if wide else 36, 4), interp]
except (OSError, ValueError):
    pass
info['elf'] = elf
'''


def is_shared_libpython(path):
    """A shared libpython (or PyPy's libpypy) by its path: Linux's
    libpython3.X.so.1.0, macOS's libpython3.X.dylib, or macOS's
    framework library .../Python.framework/Versions/3.X/Python (and the
    free-threaded PythonT.framework's PythonT)."""
    parts = path.split('/')
    name = parts[-1]
    if name.startswith(('libpython', 'libpypy')):
        return '.so' in name or name.endswith('.dylib')
    return (len(parts) >= 4 and parts[-3] == 'Versions' and
            parts[-4] in ('Python.framework', 'PythonT.framework') and
            parts[-4] == name + '.framework')


def shared_library_depends(depends):
    """A shared libpython (or PyPy's libpypy) is part of the interpreter:
    the answer depends on the one the dynamic loader picked, and on the
    loader's cache that helped it choose. A function, not a string: this
    runs on every probe of a shared build."""
    try:
        with open('/proc/self/maps', 'rb') as f:
            maps = f.read().decode('utf-8', 'surrogateescape')
    except OSError:
        return
    for line in maps.splitlines():
        path = line[line.find('/'):] if '/' in line else ''
        if is_shared_libpython(path):
            depends.extend((path, '/etc/ld.so.cache'))


# macOS has no /proc: dyld names the images it loaded, the framework
# (python.org, Homebrew) or libpython3.X.dylib among them. dyld's shared
# cache holds only the system's own libraries, so unlike ld.so.cache it
# is no dependency; the system version is (MAC_VERSION_FILE). A string,
# run only for a Mach-O interpreter that loads one; ctypes may be
# missing from a stripped build, and then nothing is added.
DYLD_PROBE = '''
try:
    import ctypes
    dyld = ctypes.CDLL(None)
    count = dyld._dyld_image_count
    count.restype = ctypes.c_uint32
    count.argtypes = []
    image_name = dyld._dyld_get_image_name
    image_name.restype = ctypes.c_char_p
    image_name.argtypes = [ctypes.c_uint32]
    for index in range(count()):
        name = image_name(index)
        if name:
            path = name.decode('utf-8', 'surrogateescape')
            if is_shared_libpython(path):
                depends.append(path)
except (ImportError, OSError, AttributeError, ValueError):
    pass
'''


# Where this interpreter installs packages: sysconfig's default scheme
# (a virtual environment's own scheme and prefix, which -S hides), and
# the same relative to an install prefix as automake's AM_PATH_PYTHON
# computes pyexecdir and pythondir: the default scheme with Debian's
# posix_local taken as posix_prefix. Reported as [platlib, purelib,
# platlib_rel, purelib_rel], None where sysconfig cannot say. Imports
# sysconfig (and os) even on the fast path: nothing else knows the
# scheme a vendor chose.
INSTALL_DIRS_PROBE = '''
import os, sysconfig
def default_scheme():
    get = getattr(sysconfig, 'get_default_scheme', None)
    return get() if get else sysconfig._get_default_scheme()
def relative(name, scheme):
    root = os.path.normpath('/pyprobe-prefix')
    path = sysconfig.get_path(name, scheme, {'base': root, 'platbase': root})
    if path.startswith(root + os.sep) and len(path) > len(root) + 1:
        return path[len(root) + 1:]
    return None
dirs = [None, None, None, None]
try:
    if venv:
        names = sysconfig.get_scheme_names()
        scheme = ('venv' if 'venv' in names else
                  'nt' if sys.platform == 'win32' else 'posix_prefix')
        where = {'base': venv, 'platbase': venv}
        dirs[:2] = [sysconfig.get_path(name, scheme, where)
                    for name in ('platlib', 'purelib')]
    else:
        paths = sysconfig.get_paths()
        dirs[:2] = [paths['platlib'], paths['purelib']]
except (AttributeError, KeyError, TypeError, ValueError):
    pass
try:
    if not venv:
        scheme = default_scheme()
    if scheme == 'posix_local':
        scheme = 'posix_prefix'
    dirs[2:] = [relative('platlib', scheme), relative('purelib', scheme)]
except (AttributeError, KeyError, NameError, TypeError, ValueError):
    pass
info['install_dirs'] = dirs
'''


# Where platform.mac_ver() reads the macOS version.
MAC_VERSION_FILE = '/System/Library/CoreServices/SystemVersion.plist'


def venv_prefix(depends):
    """sys.prefix as site.venv() would set it. -S skips site, and with it
    the switch to a virtual environment's own prefix: site takes the
    directory above the executable's when a pyvenv.cfg file sits in
    either of them. Both places go into depends: a pyvenv.cfg that
    appears later changes the answer as much as one that goes away."""
    sep = '\\' if sys.platform == 'win32' else '/'
    exe_dir = sys.executable.rpartition(sep)[0]
    site_prefix = exe_dir.rpartition(sep)[0]
    if not exe_dir:
        return None
    stat = __import__('nt' if sep == '\\' else 'posix').stat
    for directory in (exe_dir, site_prefix):
        depends.append(directory + sep + 'pyvenv.cfg')
        try:
            if stat(directory + sep + 'pyvenv.cfg').st_mode & 0o170000 == \
                    0o100000:
                return site_prefix
        except OSError:
            pass
    return None


def main():
    if sys.version_info < (3, 6):
        info = {'unsupported': '%d.%d.%d' % sys.version_info[:3]}
    else:
        info = {}
        depends = []
        if sys.argv[1:2] == ['sysconfig'] or not fast_probe(info, depends):
            exec(SYSCONFIG_PROBE, {'sys': sys, 'info': info,
                                   'depends': depends,
                                   'CONFIG_VARS': CONFIG_VARS})
        stdlib = info['stdlib']
        details = None
        if stdlib and sys.version_info >= (3, 14):
            depends.append(stdlib + '/build-details.json')
            try:
                open(stdlib + '/build-details.json', 'rb').close()
                details = stdlib + '/build-details.json'
            except OSError:
                pass
        gil = getattr(sys, '_is_gil_enabled', None)
        prefix = venv_prefix(depends)
        impl = sys.implementation
        info.update(
            build_details=details,
            implementation=impl.name,
            version_info=list(sys.version_info),
            impl_version=list(impl.version),
            hexversion=sys.hexversion,
            sys_version=sys.version,
            abiflags=getattr(sys, 'abiflags', None),
            executable=sys.executable,
            base_executable=getattr(sys, '_base_executable', None),
            prefix=prefix or sys.prefix, base_prefix=sys.base_prefix,
            exec_prefix=prefix or sys.exec_prefix,
            base_exec_prefix=sys.base_exec_prefix,
            sys_platform=sys.platform,
            maxsize=sys.maxsize,
            byteorder=sys.byteorder,
            gil_enabled=None if gil is None else bool(gil()),
            gettotalrefcount=hasattr(sys, 'gettotalrefcount'),
            maxunicode=sys.maxunicode,
            multiarch=getattr(impl, '_multiarch', None),
            cache_tag=impl.cache_tag,
            elf=None, musl_version=None, mac_ver=None)
        if sys.platform == 'linux' and (info['libc'] is None or
                                        sys.maxsize < 2 ** 32):
            exec(ELF_PROBE, {'sys': sys, 'info': info})
            loader = info['elf'] and info['elf'][4]
            if loader and 'musl' in loader:
                depends.append(loader)
                exec(MUSL_PROBE, {'info': info, 'loader': loader})
        exec(INSTALL_DIRS_PROBE, {'sys': sys, 'info': info, 'venv': prefix})
        if sys.platform == 'linux' and 'shared' in sys.argv[2:]:
            shared_library_depends(depends)
        if sys.platform == 'darwin' and 'shared' in sys.argv[2:]:
            exec(DYLD_PROBE, {'depends': depends,
                              'is_shared_libpython': is_shared_libpython})
        if sys.platform == 'darwin':
            depends.append(MAC_VERSION_FILE)
            exec(MAC_PROBE, {'sys': sys, 'info': info})
        info['depends'] = sorted(set(d for d in depends if d))
    text = 'pyprobe-probe 1\n%s\nend\n' % (
        ascii(info) if sys.version_info[0] >= 3 else repr(info))
    out = getattr(sys.stdout, 'buffer', sys.stdout)
    out.write(text.encode('ascii'))
    out.flush()
    # The answer is out and nothing else is left to do: skip the
    # interpreter's teardown, which costs a millisecond (a sixth of its
    # start-up) and can change nothing pyprobe reads.
    exit_now = getattr(__import__('posix' if sys.platform != 'win32'
                                  else 'nt'), '_exit', None)
    if exit_now:
        exit_now(0)


# Run as a program (-c); pyprobe's cache imports it and calls main().
if __name__ == '__main__':
    main()
