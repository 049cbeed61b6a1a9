/* module.c - the extension module of the consumer project.
 *
 * Built twice (see Makefile.am): as gilfree, which declares that it can
 * run without the GIL wherever the headers know the Py_mod_gil slot
 * (3.13 and later), and as gilused, the same module without the slot,
 * which a free-threaded CPython answers by turning the GIL back on. It
 * uses the limited API only, so it builds for abi3 when the build path
 * says so. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#ifndef MODULE_NAME
#  error "define MODULE_NAME to the module's name"
#endif
#define PASTE_(a, b) a##b
#define PASTE(a, b) PASTE_(a, b)
#define STRING_(a) #a
#define STRING(a) STRING_(a)

#if defined(Py_mod_gil) && !defined(OMIT_GIL_SLOT)
#  define DECLARES_GIL_SLOT 1
#else
#  define DECLARES_GIL_SLOT 0
#endif

static PyObject *add(PyObject *self, PyObject *args)
{
    long a, b;
    (void)self;
    if (!PyArg_ParseTuple(args, "ll", &a, &b))
        return NULL;
    return PyLong_FromLong(a + b);
}

static PyMethodDef methods[] = {
    {"add", add, METH_VARARGS, "add(a, b) -> a + b"},
    {NULL, NULL, 0, NULL},
};

/* What it was built as, for the tests to check. */
static int exec_module(PyObject *module)
{
#ifdef Py_LIMITED_API
    long limited_api = Py_LIMITED_API;
#else
    long limited_api = 0;
#endif
    if (PyModule_AddIntConstant(module, "limited_api", limited_api) < 0 ||
        PyModule_AddIntConstant(module, "gil_slot", DECLARES_GIL_SLOT) < 0)
        return -1;
    return 0;
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, (void *)exec_module},
#if DECLARES_GIL_SLOT
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT,
    STRING(MODULE_NAME),
    "A module built by pyprobe's consumer test.",
    0,
    methods,
    slots,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC PASTE(PyInit_, MODULE_NAME)(void)
{
    return PyModuleDef_Init(&definition);
}
