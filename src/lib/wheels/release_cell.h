/* release_cell.h - one cell of a release manifest and the rule for
 * which wheels fill it (internal; the manifest format is in pyprobe.h). */
#ifndef PP_RELEASE_CELL_H
#define PP_RELEASE_CELL_H

#include "pyprobe.h"

typedef struct pp_release_cell {
    char *python;    /* "cp314" */
    char *abi;       /* "cp314t" or "abi3.abi3t" */
    char *platform;  /* lower case, PEP 600 aliases spelled out:
                        "manylinux_2_17_x86_64" for manylinux2014_x86_64 */
    int at_most;     /* "<=manylinux_2_28_x86_64": this C library or older */
    char *text;      /* as written, for messages */
} pp_release_cell;

/* Fill c from a manifest line's two fields. Returns 0 when done, 1 when
 * the first field is not an ABI field, 2 when the platform is not a
 * platform tag, 3 when "<=" is put before a platform without a C library
 * version, -1 on out of memory. c holds what to free either way. */
int pp_release_cell_parse(pp_release_cell *c, const char *abi_field,
                          const char *platform_field);
void pp_release_cell_clear(pp_release_cell *c);

/* 1 if a and b ask for the same thing (case, set order and aliases
 * aside). */
int pp_release_cell_same(const pp_release_cell *a, const pp_release_cell *b);

/* The parts of a wheel that keep it from filling the cell: 0 when it
 * fills it, else PP_CELL_PYTHON | PP_CELL_ABI | PP_CELL_PLATFORM. */
enum { PP_CELL_PYTHON = 1, PP_CELL_ABI = 2, PP_CELL_PLATFORM = 4 };
unsigned pp_release_cell_differs(const pp_release_cell *c,
                                 const pyprobe_wheel *wheel);

#endif
