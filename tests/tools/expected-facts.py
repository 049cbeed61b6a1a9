"""What an interpreter says about itself, asked the ordinary way.

The tests compare pyprobe's answer with this script's. It shares no code
with data/probe.py: it imports sysconfig, importlib, platform and struct
like any user script would, and runs with site enabled.

    PYTHON -I tests/tools/expected-facts.py          the running interpreter
    python3 tests/tools/expected-facts.py SHEET.json a recorded fact sheet

It prints "name=value" lines, in the order of NAMES, with values
formatted as pyprobe's --get prints them. Runs on Python 3.6 and later.
"""

import json
import sys

NAMES = (
    'implementation', 'version', 'version_major', 'version_minor',
    'version_hex', 'abiflags', 'abi_tag', 'interpreter_tag', 'platform',
    'soabi', 'ext_suffix', 'extension_suffixes', 'free_threaded',
    'gil_enabled', 'debug', 'pointer_size', 'includedir', 'libdir',
    'executable', 'prefix', 'base_prefix', 'venv', 'platlib', 'purelib',
    'platlib_rel', 'purelib_rel',
)


def flag(value):
    return '1' if value in (1, '1', True) else '0'


def abi_tag(implementation, ext_suffix, soabi):
    """The ABI tag, read from SOABI / EXT_SUFFIX (not how pyprobe or
    packaging compute it, which is the point)."""
    if implementation == 'cpython':
        return 'cp' + soabi.split('-')[1]
    part = ext_suffix.split('.')[1]
    return '_'.join(part.split('-')[:2])


def facts(get_var, version_info, hexversion, version_text, abiflags,
          implementation, extension_suffixes, gil, pointer_size, include,
          platform, executable, prefix, base_prefix, install_dirs):
    nodot = '%d%d' % tuple(version_info[:2])
    short = {'cpython': 'cp', 'pypy': 'pp'}.get(implementation,
                                                 implementation)
    debug = get_var('Py_DEBUG')
    return {
        'implementation': implementation,
        'version': version_text,
        'version_major': str(version_info[0]),
        'version_minor': str(version_info[1]),
        'version_hex': '0x%08X' % hexversion,
        'abiflags': abiflags or '',
        'abi_tag': abi_tag(implementation, get_var('EXT_SUFFIX'),
                           get_var('SOABI')),
        'interpreter_tag': short + nodot,
        'platform': platform,
        'soabi': get_var('SOABI') or '',
        'ext_suffix': get_var('EXT_SUFFIX'),
        'extension_suffixes': ' '.join(extension_suffixes),
        'free_threaded': flag(get_var('Py_GIL_DISABLED')),
        'gil_enabled': '1' if gil is None else flag(gil),
        'debug': flag(debug) if debug is not None else
        flag('d' in (abiflags or '')),
        'pointer_size': str(pointer_size),
        'includedir': include,
        'libdir': get_var('LIBDIR') or '',
        'executable': executable,
        'prefix': prefix,
        'base_prefix': base_prefix,
        'venv': '1' if prefix != base_prefix else '0',
        'platlib': install_dirs[0],
        'purelib': install_dirs[1],
        'platlib_rel': install_dirs[2],
        'purelib_rel': install_dirs[3],
    }


def am_path_python_dirs(sysconfig):
    """pyexecdir and pythondir below a prefix, as automake 1.16.5's
    AM_PATH_PYTHON asks for them (its python.m4), without the prefix."""
    if hasattr(sysconfig, 'get_default_scheme'):
        scheme = sysconfig.get_default_scheme()
    else:
        scheme = sysconfig._get_default_scheme()
    if scheme == 'posix_local':
        scheme = 'posix_prefix'
    base = '/am-prefix'
    platlib = sysconfig.get_path('platlib', scheme, vars={'platbase': base})
    purelib = sysconfig.get_path('purelib', scheme, vars={'base': base})
    return [path[len(base) + 1:] for path in (platlib, purelib)]


def live():
    import importlib.machinery
    import platform
    import struct
    import sysconfig
    gil = getattr(sys, '_is_gil_enabled', None)
    return facts(sysconfig.get_config_var, sys.version_info, sys.hexversion,
                 platform.python_version(), getattr(sys, 'abiflags', None),
                 sys.implementation.name,
                 importlib.machinery.EXTENSION_SUFFIXES,
                 gil() if gil else None, struct.calcsize('P'),
                 sysconfig.get_paths()['include'], sysconfig.get_platform(),
                 sys.executable, sys.prefix, sys.base_prefix,
                 [sysconfig.get_paths()['platlib'],
                  sysconfig.get_paths()['purelib']] +
                 am_path_python_dirs(sysconfig))


def recorded(path):
    with open(path) as f:
        sheet = json.load(f)
    s = sheet['sys']
    config = sheet['sysconfig.get_config_vars']
    return facts(config.get, s['version_info'], s['hexversion'],
                 s['version'].split()[0], s['abiflags'],
                 s['implementation.name'], sheet['EXTENSION_SUFFIXES'],
                 s['_is_gil_enabled'], sheet['struct.calcsize(P)'],
                 sheet['sysconfig.get_paths']['include'],
                 sheet['sysconfig.get_platform'], s['executable'],
                 s['prefix'], s['base_prefix'],
                 # The sheets record get_paths(), not the default scheme
                 # nor get_path() with other prefixes: the relative
                 # directories are unknown, so pyprobe gives them empty.
                 [sheet['sysconfig.get_paths']['platlib'],
                  sheet['sysconfig.get_paths']['purelib'], '', ''])


def main():
    values = recorded(sys.argv[1]) if len(sys.argv) > 1 else live()
    out = ''.join('%s=%s\n' % (name, values[name]) for name in NAMES)
    sys.stdout.write(out)


main()
