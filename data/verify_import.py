# pyprobe verify-import script, protocol 1.
#
# pyprobe embeds this file and runs it with the target interpreter as
#
#     PYTHON -I -S -c <this file> NPATHS PATH... MODULE...
#
# and it imports each MODULE, as installed code is imported, to see
# whether that turned the GIL back on. On a free-threaded build, CPython
# enables the GIL for the whole process when it loads an extension
# module that has not declared Py_mod_gil = Py_MOD_GIL_NOT_USED, and
# warns with a RuntimeWarning naming that module.
#
# Isolation: -I keeps the user's site directory, PYTHONPATH and the other
# PYTHON* variables out. The interpreter's own site-packages are wanted
# (a module needs its dependencies, as in real use), so site runs, but
# only once standard output is out of its reach (-S, then site.main()):
# whatever site, a .pth file or a module prints goes to standard error.
#
# Answer, on the original standard output:
#
#     pyprobe-verify-import 1
#     start FT GIL [CULPRIT]  FT: 1 on a free-threaded build ('t' in
#                             sys.abiflags); GIL: 1, 0, or - when the
#                             interpreter cannot say, after site ran
#     ok                      one line per module, in order:
#     gil [CULPRIT]           imported, and the GIL went from off to on
#     error TEXT              the import raised TEXT
#     end
#
# Once the GIL is on, later imports cannot be judged, so the script
# stops after the module that turned it on; pyprobe starts a fresh
# interpreter for the rest. CULPRIT is the module CPython's warning
# names (it may be a dependency of the module imported). TEXT is one
# line of printable ASCII. The script runs on every CPython from 3.6
# and on PyPy 3.

import os
import sys
import warnings

answer = os.dup(1)
os.dup2(2, 1)


def say(*words):
    line = ' '.join(words).encode('ascii', 'backslashreplace')
    os.write(answer, line.replace(b'\n', b' ') + b'\n')


def clean(text):
    return ''.join(c if ' ' <= c < '\x7f' or c > '\xa0' else ' '
                   for c in text)[:400]


def gil_state():
    is_enabled = getattr(sys, '_is_gil_enabled', None)
    if is_enabled is None:
        return '-'
    return '1' if is_enabled() else '0'


def culprit(caught):
    """The module named by CPython's "GIL has been enabled" warning."""
    for warning in caught:
        text = str(warning.message)
        if (issubclass(warning.category, RuntimeWarning) and 'GIL' in text
                and "module '" in text):
            return clean(text.split("module '", 1)[1].split("'", 1)[0])
    return None


def run(action):
    """Call action() catching warnings: (error text or None, culprit)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        try:
            action()
            error = None
        except BaseException as e:
            error = clean('%s: %s' % (type(e).__name__, e))
    return error, culprit(caught)


def main():
    count = int(sys.argv[1])
    paths = sys.argv[2:2 + count]
    modules = sys.argv[2 + count:]
    say('pyprobe-verify-import', '1')
    free_threaded = 't' in getattr(sys, 'abiflags', '')

    def site_main():
        import site
        site.main()
    error, name = run(site_main)
    sys.path[0:0] = [os.path.abspath(p) for p in paths]
    gil = gil_state()
    say('start', '1' if free_threaded else '0', gil, *([name] if name else []))
    if error is not None:
        sys.stderr.write('pyprobe: site failed: %s\n' % error)
    if free_threaded and gil != '0':
        say('end')
        return
    import importlib
    for module in modules:
        error, name = run(lambda: importlib.import_module(module))
        turned_on = free_threaded and gil_state() != '0'
        if error is not None:
            say('error', error)
        elif turned_on:
            say('gil', *([name] if name else []))
        else:
            say('ok')
        if turned_on:
            break
    say('end')


main()
