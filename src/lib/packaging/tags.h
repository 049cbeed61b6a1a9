/* tags.h - compatible wheel tags, identical to packaging.tags.sys_tags()
 * of packaging 26.3 (internal). The one home of packaging's tag rules:
 * the interpreter's ABI_TAG and INTERPRETER_TAG come from here too. Pure functions of the inputs below: nothing here looks at
 * the machine pyprobe runs on, so facts read from a file or recorded on
 * another machine give the target's tags. */
#ifndef PP_TAGS_H
#define PP_TAGS_H

#include "pyprobe.h"
#include "util/strlist.h"

/* Everything sys_tags() reads, as the target interpreter saw it.
 * "-1" marks a config variable that was None (unset). */
typedef struct pp_tag_inputs {
    const char *implementation;     /* sys.implementation.name: "cpython" */
    int major, minor;               /* sys.version_info[:2] */
    const char *py_version_nodot;   /* config var, or NULL when unset */

    /* CPython ABI (see _cpython_abis) */
    int py_debug;                   /* Py_DEBUG truth value; -1 = None */
    int gil_disabled;               /* Py_GIL_DISABLED (0/1), -1 = None */
    int with_pymalloc;              /* WITH_PYMALLOC truth value; -1 = None */
    long unicode_size;              /* Py_UNICODE_SIZE; -1 = None */
    int has_gettotalrefcount;       /* hasattr(sys, "gettotalrefcount") */
    long maxunicode;                /* sys.maxunicode */
    const char *const *extension_suffixes; /* EXTENSION_SUFFIXES */
    size_t extension_suffix_count;
    const char *ext_suffix;         /* EXT_SUFFIX config var, or NULL */

    /* Platform */
    const char *system;             /* platform.system(): "Linux" ... */
    const char *sysconfig_platform; /* sysconfig.get_platform() */
    int is_32bit;                   /* struct.calcsize("P") == 4 */
    int glibc_major, glibc_minor;   /* -1 when not glibc / unknown */
    int musl_major, musl_minor;     /* -1 when not musl */
    int elf_known;                  /* sys.executable's ELF header read */
    int elf_class;                  /* 1 = 32-bit, 2 = 64-bit */
    int elf_data;                   /* 1 = little endian, 2 = big */
    int elf_machine;                /* e_machine */
    unsigned long elf_flags;        /* e_flags */
    int mac_major, mac_minor;       /* platform.mac_ver() release; -1 none.
                                       A release without a minor ("15")
                                       has mac_minor -1. It must be the
                                       real version: where Python says
                                       10.16, ask again with
                                       SYSTEM_VERSION_COMPAT=0 first, as
                                       packaging does. */
    const char *mac_machine;        /* platform.mac_ver()[2], or NULL */
    const char *pyemscripten_platform_version; /* config var or NULL */
} pp_tag_inputs;

/* Append sys_tags() to *tags, most preferred first, as
 * "interpreter-abi-platform" strings. Fails with PYPROBE_ERR_UNSUPPORTED
 * (and appends nothing) for a platform pyprobe does not produce tags for
 * (iOS and iPadOS, Android, Emscripten), naming it in the message.
 * Fails with PYPROBE_ERR_PROTOCOL (appending nothing) for inputs that
 * packaging itself fails on (no usable EXT_SUFFIX for a non-CPython
 * interpreter, a missing macOS version) or that are implausible (a glibc
 * major above 100, another version number above 1000). error may be
 * NULL. */
pyprobe_status pp_sys_tags(const pp_tag_inputs *inputs, pp_strlist *tags,
                           pyprobe_error *error);

/* _cpython_abis() for CPython, _generic_abi() for the others: the ABIs
 * of the interpreter's own builds, best first. abis[0] is its ABI tag
 * (cp314t, cp311d, pypy39_pp73); the list may be empty (an EXT_SUFFIX
 * that names no ABI). Fails with PYPROBE_ERR_PROTOCOL for an EXT_SUFFIX
 * packaging cannot read. error may be NULL. */
pyprobe_status pp_tag_abis(const pp_tag_inputs *inputs, pp_strlist *abis,
                           pyprobe_error *error);

/* interpreter_name() + interpreter_version(): "cp314", "pp39". Caller
 * frees; NULL when out of memory. */
char *pp_tag_interpreter(const pp_tag_inputs *inputs);

#endif
