/* link.h - what a program links to use CPython (internal): the extra
 * linker flags of an extension module and an embedding program's. */
#ifndef PP_LINK_H
#define PP_LINK_H

#include "facts/facts.h"
#include "util/strbuf.h"

/* MODULE_LDFLAGS for a module compiled with the macros of a build path:
 * limited_api when it defines Py_LIMITED_API, abi3t when it defines
 * Py_TARGET_ABI3T. Appended to buf. */
void pp_module_ldflags(const pyprobe_facts *facts, int limited_api,
                       int abi3t, pp_strbuf *buf);

/* EMBED_LIBS: as python3-config --embed --ldflags; on Windows the
 * interpreter's own import library. Appended to buf. */
void pp_embed_libs(const pyprobe_facts *facts, pp_strbuf *buf);

#endif
