/* facts.h - what an interpreter reported, validated, plus the facts
 * derived from it (internal). facts.c reads and frees them; validate.c
 * fills the raw facts, derive.c the derived ones.
 *
 * Raw facts are exactly the fields of the probe protocol (data/probe.py),
 * checked one by one. Derived facts (ABI tag, loadable stable-ABI
 * suffixes, ...) are pure functions of the raw ones, so facts read back
 * from a JSON file derive to the same values as the live probe. */
#ifndef PP_FACTS_H
#define PP_FACTS_H

#include "pyprobe.h"
#include "util/pyliteral.h"
#include "util/strlist.h"

typedef struct pp_version {
    long major, minor, micro;
    char *releaselevel;       /* alpha, beta, candidate, final */
    long serial;
} pp_version;

/* A sysconfig variable: None, an int, or a string. */
typedef enum pp_cv_kind { PP_CV_NONE, PP_CV_INT, PP_CV_STR } pp_cv_kind;

typedef struct pp_config_var {
    const char *name;          /* static */
    pp_cv_kind kind;
    long long integer;
    char *str;
} pp_config_var;

/* The config variables the probe reports, in protocol order. */
extern const char *const pp_config_var_names[];
extern const size_t pp_config_var_count;

typedef struct pp_raw_facts {
    char *source;              /* "fast" or "sysconfig" */
    char *sysconfigdata;       /* module read on the fast path, or NULL */
    char *implementation;      /* sys.implementation.name */
    pp_version version;        /* sys.version_info */
    pp_version impl_version;   /* sys.implementation.version */
    long long hexversion;
    char *sys_version;
    char *abiflags;            /* NULL when sys has no abiflags */
    char *executable;
    char *base_executable;     /* NULL before 3.7 */
    char *prefix, *base_prefix, *exec_prefix, *base_exec_prefix;
    char *sys_platform;
    long long maxsize;
    char *byteorder;
    int gil_enabled;           /* 1/0, -1 when the interpreter cannot say */
    int gettotalrefcount;
    long long maxunicode;
    char *multiarch;           /* may be NULL */
    char *cache_tag;           /* may be NULL */
    pp_strlist extension_suffixes;
    char *system;              /* platform.system() */
    char *machine;
    char *platform;            /* sysconfig.get_platform() */
    char *include, *platinclude;
    char *stdlib;              /* may be NULL */
    char *build_details;       /* path of build-details.json, or NULL */
    char *libc;                /* confstr CS_GNU_LIBC_VERSION, or NULL */
    int has_elf;
    long long elf_class, elf_data, elf_machine, elf_flags;
    char *elf_interp;          /* may be NULL */
    char *musl_version;        /* "1.2", or NULL */
    int has_mac_ver;
    char *mac_release, *mac_machine;
    pp_config_var *config;     /* pp_config_var_count entries */
    /* Added after protocol 1 first shipped, so optional (empty when
     * absent, as in a facts file written before them): */
    pp_strlist depends;        /* files the answer was read from or
                                  looked for (absolute paths) */
    pp_strlist derived;        /* pairs: fact, how it was derived, for
                                  facts a description file lacks */
    pp_strlist unknown;        /* facts nobody could tell (PP_UNKNOWN_*) */
    char *platlib, *purelib;   /* sysconfig's platlib and purelib, or NULL
                                  when not known (absent, or None) */
    char *platlib_rel, *purelib_rel; /* the same below an install prefix,
                                  as AM_PATH_PYTHON computes them */
} pp_raw_facts;

/* The facts an answer may declare unknown. Wheel tags that need one
 * are refused (wheels/tag_list.c); public names that need one are empty
 * and listed in UNKNOWN (decide/report.c). */
#define PP_UNKNOWN_LIBC "libc"         /* glibc / musl version */
#define PP_UNKNOWN_ELF "elf"           /* the interpreter's ELF header */
#define PP_UNKNOWN_MAC_VER "mac_ver"   /* the macOS release */
#define PP_UNKNOWN_LINK "link_flags"   /* LIBS, SYSLIBS, LINKFORSHARED, LIBPL */
#define PP_UNKNOWN_LIBDIR "libdir"     /* where libpython is */

/* 1 if the answer says FACT (one of PP_UNKNOWN_*) is unknown. */
int pp_facts_unknown(const pyprobe_facts *facts, const char *fact);

/* The sysconfig value of a stable-ABI suffix family. */
typedef enum pp_stable_abi { PP_ABI3, PP_ABI3T } pp_stable_abi;

struct pyprobe_facts {
    char *python;              /* the interpreter that was probed */
    pp_raw_facts raw;
    pp_lit *probe;             /* the validated answer, kept for --json */

    /* Derived */
    char *version;             /* "3.15.0rc1" */
    char *implementation_version; /* "7.3.11" for PyPy 7.3.11 */
    char *version_short;       /* "3.15" */
    char *version_hex;         /* "0x030F00C1" */
    int pointer_size;          /* 8 or 4 */
    int is_cpython;
    int is_windows;
    int free_threaded;         /* build configuration: Py_GIL_DISABLED */
    int debug;
    char *abi_tag;             /* "cp314t", "pypy39_pp73" */
    char *interpreter_tag;     /* "cp314", "pp39" */
    char *platform_tag;        /* "linux_x86_64" */
    pp_strlist abi3_suffixes;  /* abi3 suffixes it can really load */
    pp_strlist abi3t_suffixes; /* abi3t suffixes it can really load */
    char *libpython;           /* "python3.11", "" if unknown */
    int shared;                /* libpython is a shared library */
    int glibc_major, glibc_minor;  /* -1 if not glibc */
    int musl_major, musl_minor;    /* -1 if not musl */
};

/* Config variable lookups; NULL / fallback when unset or another kind. */
const pp_config_var *pp_facts_config(const pyprobe_facts *facts,
                                     const char *name);
const char *pp_facts_config_str(const pyprobe_facts *facts, const char *name);

/* Truth value of a 0/1 config variable: 0, 1, or -1 when None. A value
 * that is neither is reported as an error by validation, never here. */
int pp_config_flag(const pp_config_var *var);

#endif
