/* _speedups.c - a tiny extension for the limited API (3.8 and later), so
 * that one source builds version-specific or abi3. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *add(PyObject *self, PyObject *args)
{
    long a, b;
    if (!PyArg_ParseTuple(args, "ll", &a, &b))
        return NULL;
    return PyLong_FromLong(a + b);
}

/* How this file was compiled, so a test can see the macros arrived. */
static PyObject *build(PyObject *self, PyObject *unused)
{
#if defined(Py_LIMITED_API)
    return PyUnicode_FromFormat("abi3 0x%08x", (unsigned)Py_LIMITED_API);
#else
    return PyUnicode_FromString("version-specific");
#endif
}

static PyMethodDef methods[] = {
    {"add", add, METH_VARARGS, "add(a, b) -> a + b"},
    {"build", build, METH_NOARGS, "how the extension was compiled"},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},   /* no shared state */
#endif
    {0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_speedups", NULL, 0, methods, slots,
    NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__speedups(void)
{
    return PyModuleDef_Init(&module);
}
