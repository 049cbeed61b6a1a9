/* spam.c - the README's Autotools example: one extension module, for the
 * limited API where pyprobe's policy chose abi3 (--limited-api=3.11). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

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
    PyModuleDef_HEAD_INIT, "spam", NULL, 0, methods, slots,
    NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit_spam(void)
{
    return PyModuleDef_Init(&module);
}
