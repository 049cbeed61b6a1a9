/* link.c - what a program links to use CPython: MODULE_LDFLAGS and
 * EMBED_LIBS.
 *
 * On Windows both are an import library in <base_exec_prefix>\libs,
 * the one the build path's tag needs:
 *     version-specific        the interpreter's own, python314[t]
 *     abi3                    python3.lib
 *     abi3t, abi3.abi3t       python3t.lib (also on a GIL 3.15)
 *     a debug interpreter     its own, python314[t]_d, whatever the path
 * (the interpreter's own is LIBPYTHON: facts/derive.c names it so).
 * That is the table of PC/pyconfig.h.in's "#pragma comment(lib, ...)"
 * (CPython 3.14, commit 018aae3d, lines 326-342) for abi3, and for
 * debug builds, where _DEBUG is tested first. For abi3t it is what
 * PEP 803 asks, not what that pragma does today: it runs before
 * Include/pyabi.h turns Py_TARGET_ABI3T into Py_GIL_DISABLED, so an
 * abi3t build compiled with MSVC also names python3.lib or python315.lib
 * itself (CPython gh-157611, open; its fix, PR 157623, picks python3t
 * and, for debug builds, python3_d / python3t_d, which pyprobe does not
 * follow until it is merged). The -l flag comes first on the link line,
 * so the library it names is the one the module imports. pyprobe gives
 * the name as a -l flag so that MinGW's ld finds it too (for -lNAME it
 * tries NAME.lib among others); MSVC users take the name from it. */
#include "config.h"

#include <string.h>

#include "decide/flags.h"
#include "decide/link.h"
#include "facts/facts.h"

/* "-L<base_exec_prefix>\libs -l<import library>" for a module or
 * program compiled with these macros defined (1) or not (0): the
 * interpreter's own (LIBPYTHON), or python3[t] for the stable ABI. */
static void windows_import_library(const pyprobe_facts *f,
                                   int limited_api, int gil_disabled,
                                   pp_strbuf *buf)
{
    pp_strbuf libs = PP_STRBUF_INIT;
    pp_strbuf_printf(&libs, "%s\\libs", f->raw.base_exec_prefix);
    pp_append_path_flag(buf, "-L", libs.data ? libs.data : "");
    pp_strbuf_release(&libs);
    if (limited_api && !f->debug)
        pp_strbuf_printf(buf, " -lpython3%s", gil_disabled ? "t" : "");
    else
        pp_strbuf_printf(buf, " -l%s", f->libpython);
}

/* Append config text (LIBS, SYSLIBS ...) with white space collapsed. */
static void append_words(pp_strbuf *buf, const char *words)
{
    if (!words)
        return;
    const char *p = words;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        const char *start = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n')
            p++;
        if (p > start) {
            if (buf->length)
                pp_strbuf_putc(buf, ' ');
            pp_strbuf_append(buf, start, (size_t)(p - start));
        }
    }
}

/* Beyond the compiler's default shared-object flags: none on Linux and
 * the BSDs (extensions must not link libpython), undefined-symbol
 * lookup on macOS, the import library on Windows. */
void pp_module_ldflags(const pyprobe_facts *f, int limited_api, int abi3t,
                       pp_strbuf *buf)
{
    if (strcmp(f->raw.sys_platform, "darwin") == 0)
        pp_strbuf_puts(buf, "-Wl,-undefined,dynamic_lookup");
    else if (f->is_windows && f->is_cpython)
        windows_import_library(f, limited_api || abi3t,
                               f->free_threaded || abi3t, buf);
}

/* As python3-config --embed --ldflags prints them (CPython's
 * Misc/python-config.in and .sh.in): -L for libpython (and for LIBPL when
 * it is static), -lpython, LIBS, SYSLIBS. Not LINKFORSHARED: those are
 * the options the python executable itself was linked with (Debian's
 * -Wl,-O1 -Wl,-Bsymbolic-functions), not what embedding needs. Only
 * CPython embeds through libpython's C API: PyPy's libpypy-c has no
 * Py_Initialize (it embeds through cffi), so there it is empty. Windows
 * has no python-config: the program links the interpreter's import
 * library, as its headers would name it (no Py_LIMITED_API). */
void pp_embed_libs(const pyprobe_facts *f, pp_strbuf *buf)
{
    if (!f->is_cpython)
        return;
    if (f->is_windows) {
        windows_import_library(f, 0, f->free_threaded, buf);
        return;
    }
    const char *libdir = pp_facts_config_str(f, "LIBDIR");
    const char *libpl = pp_facts_config_str(f, "LIBPL");
    if (libdir)
        pp_append_path_flag(buf, "-L", libdir);
    if (!f->shared && libpl) {
        if (buf->length)
            pp_strbuf_putc(buf, ' ');
        pp_append_path_flag(buf, "-L", libpl);
    }
    if (f->libpython[0])
        pp_strbuf_printf(buf, "%s-l%s", buf->length ? " " : "", f->libpython);
    append_words(buf, pp_facts_config_str(f, "LIBS"));
    append_words(buf, pp_facts_config_str(f, "SYSLIBS"));
}
