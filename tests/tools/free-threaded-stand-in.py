"""A stand-in for a free-threaded CPython, for pyprobe verify-import.

No free-threaded interpreter can be installed from this machine's
package registries, so the tests pose one. pyprobe runs the stand-in as
if it were the interpreter (through a wrapper that does
exec PY -I -S free-threaded-stand-in.py "$@"):

    STAND-IN -I -S -c SCRIPT ARGS...

and it executes the script pyprobe sent in the real (GIL) CPython PY,
as a free-threaded build would look to that script: sys.abiflags has a
't', sys._is_gil_enabled() is False at first, and loading an extension
module turns the GIL on, with CPython's RuntimeWarning, unless its
module definition declares Py_mod_gil = Py_MOD_GIL_NOT_USED. The slot is
read from the PyModuleDef of the loaded module (with ctypes), as CPython
reads it; only the headers of 3.13 and later have the slot, so a module
built for an older interpreter never declares it. Extension modules of
the interpreter's own installation count as declared, as they are on a
real free-threaded build. Modules that set the GIL state themselves
(single-phase initialisation with PyUnstable_Module_SetGIL) are not
modelled.
"""

import ctypes
import importlib.machinery
import sys
import warnings

PY_MOD_GIL = 4
PY_MOD_GIL_NOT_USED = 1


def fail(message):
    sys.stderr.write('free-threaded-stand-in: %s\n' % message)
    sys.exit(90)


class Slot(ctypes.Structure):
    _fields_ = [('slot', ctypes.c_int), ('value', ctypes.c_void_p)]


def module_def_type():
    head = [('ob_refcnt', ctypes.c_ssize_t), ('ob_type', ctypes.c_void_p)]
    if hasattr(sys, 'getobjects'):      # Py_TRACE_REFS adds two links
        head = [('ob_next', ctypes.c_void_p),
                ('ob_prev', ctypes.c_void_p)] + head

    class ModuleDef(ctypes.Structure):
        _fields_ = head + [
            ('m_init', ctypes.c_void_p), ('m_index', ctypes.c_ssize_t),
            ('m_copy', ctypes.c_void_p), ('m_name', ctypes.c_char_p),
            ('m_doc', ctypes.c_char_p), ('m_size', ctypes.c_ssize_t),
            ('m_methods', ctypes.c_void_p),
            ('m_slots', ctypes.POINTER(Slot))]
    return ModuleDef


get_def = ctypes.pythonapi.PyModule_GetDef
get_def.argtypes = [ctypes.py_object]
get_def.restype = ctypes.POINTER(module_def_type())


def declares_gil_not_used(module):
    try:
        definition = get_def(module)
    except SystemError:                 # not a module object
        return False
    if not definition or not definition.contents.m_slots:
        return False
    slots = definition.contents.m_slots
    i = 0
    while slots[i].slot:
        if slots[i].slot == PY_MOD_GIL:
            return slots[i].value == PY_MOD_GIL_NOT_USED
        i += 1
    return False


def main():
    if sys.implementation.name != 'cpython' or 't' in sys.abiflags:
        fail('run me with a GIL build of CPython')
    if len(sys.argv) < 5 or sys.argv[1:4] != ['-I', '-S', '-c']:
        fail('expected: -I -S -c SCRIPT [ARGS], got %r' % sys.argv[1:])
    script = sys.argv[4]
    own = tuple(p.rstrip('/') + '/' for p in (sys.base_prefix,
                                              sys.base_exec_prefix))
    gil = [False]
    loader = importlib.machinery.ExtensionFileLoader
    real_create = loader.create_module

    def create_module(self, spec):
        module = real_create(self, spec)
        if (not gil[0] and not spec.origin.startswith(own)
                and not declares_gil_not_used(module)):
            gil[0] = True
            warnings.warn(
                "The global interpreter lock (GIL) has been enabled to load "
                "module '%s', which has not declared that it can run safely "
                "without the GIL. To override this behavior and keep the GIL "
                "disabled (at your own risk), run with PYTHON_GIL=0 or "
                "-Xgil=0." % spec.name, RuntimeWarning, stacklevel=1)
        return module

    loader.create_module = create_module
    sys.abiflags += 't'
    sys._is_gil_enabled = lambda: gil[0]
    sys.argv = ['-c'] + sys.argv[5:]
    exec(compile(script, '<string>', 'exec'), {'__name__': '__main__'})


main()
