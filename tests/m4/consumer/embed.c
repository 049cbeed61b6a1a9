/* embed.c - the interpreter embedded in a program, built with
 * PYPROBE_CPPFLAGS and PYPROBE_EMBED_LIBS. It prints the ABI tag that
 * configure put into config.h and what the embedded interpreter says
 * about itself, so the test can compare the two. */
#include <Python.h>

#include "config.h"

int main(void)
{
    Py_Initialize();
    printf("config.h: %s\n", PYPROBE_ABI_TAG);
    int failed = PyRun_SimpleString(
        "import sys\n"
        "print('embedded: %d.%d %s' % (sys.version_info[0],\n"
        "      sys.version_info[1], getattr(sys, 'abiflags', '')))\n");
    return Py_FinalizeEx() < 0 || failed ? 1 : 0;
}
