/* pyprobe.h - public interface of libpyprobe.
 *
 * libpyprobe tells a build what a Python interpreter really is (GIL or
 * free-threaded build, ABI flags, extension suffixes, ...) and derives
 * the build decisions from that (limited API, abi3t, mypyc, wheel tag).
 *
 * Conventions, as in jansson and pkgconf:
 *  - every symbol starts with pyprobe_; every type is opaque;
 *  - objects come in _new/_free pairs; ownership is written next to each
 *    function: "caller frees" means the caller must release the result
 *    with the matching _free function (or pyprobe_free for plain memory);
 *  - the library never prints; a failing call returns a pyprobe_status
 *    and, when given one, fills a pyprobe_error the caller owns.
 *
 * Copyright (c) 2026 the pyprobe authors. MIT licence, see COPYING.
 */
#ifndef PYPROBE_H
#define PYPROBE_H

#include <stddef.h>

#include "pyprobe_version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Errors ----------------------------------------------------------- */

/* Every failure has one of these codes. The command-line program uses
 * the same numbers as its exit status, so they are part of the interface
 * and never change meaning. */
typedef enum pyprobe_status {
    PYPROBE_OK = 0,
    PYPROBE_ERR_NEGATIVE = 1,     /* a check ran and said "no" */
    PYPROBE_ERR_USAGE = 2,        /* bad arguments or options */
    PYPROBE_ERR_NOT_FOUND = 3,    /* interpreter missing or not executable */
    PYPROBE_ERR_INTERPRETER = 4,  /* interpreter failed, crashed, hung */
    PYPROBE_ERR_PROTOCOL = 5,     /* its answer (or a facts file) is invalid */
    PYPROBE_ERR_UNSUPPORTED = 6,  /* Python 2, too old, or unsupported platform */
    PYPROBE_ERR_IO = 7,           /* reading or writing a file failed */
    PYPROBE_ERR_POLICY = 8,       /* the requested policy cannot be met */
    PYPROBE_ERR_INTERNAL = 9      /* out of memory or a bug in pyprobe */
} pyprobe_status;

#define PYPROBE_ERROR_TEXT 1024

/* Filled by a failing call. context says what failed (an interpreter, a
 * file, an option), message says why, hint says what to do (may be
 * empty). All three are NUL-terminated and single-line. */
typedef struct pyprobe_error {
    pyprobe_status status;
    char context[PYPROBE_ERROR_TEXT];
    char message[PYPROBE_ERROR_TEXT];
    char hint[PYPROBE_ERROR_TEXT];
} pyprobe_error;

/* A short English name for a status ("interpreter failed"). Static. */
const char *pyprobe_status_name(pyprobe_status status);

/* Release memory that the library handed to the caller as "caller frees
 * with pyprobe_free". NULL is allowed. */
void pyprobe_free(void *ptr);

/* The library version, e.g. "0.1.0". Static. */
const char *pyprobe_version(void);

/* ---- Probing ---------------------------------------------------------- */

/* How to run an interpreter. Defaults: 30 s time limit, 1 MiB output. */
typedef struct pyprobe_probe_options pyprobe_probe_options;

/* Caller frees with pyprobe_probe_options_free. NULL on out of memory. */
pyprobe_probe_options *pyprobe_probe_options_new(void);
void pyprobe_probe_options_free(pyprobe_probe_options *options);
/* The time limit of a probe: running the interpreter, reading its
 * answer and a second run (after a crash, or when the cached probe
 * script could not be used) together. When it is reached the
 * interpreter and its whole process group are killed. */
void pyprobe_probe_options_set_timeout_ms(pyprobe_probe_options *options,
                                          unsigned long timeout_ms);
/* Treat more output than this as an error. */
void pyprobe_probe_options_set_max_output(pyprobe_probe_options *options,
                                          size_t bytes);
/* Make the interpreter import sysconfig instead of reading its build-time
 * table directly (the fast path). Slower; gives the same facts. */
void pyprobe_probe_options_set_use_sysconfig(pyprobe_probe_options *options,
                                             int use_sysconfig);

/* What pyprobe_probe may keep in a cache directory between runs. */
enum {
    /* Validated answers, each used only while everything it depended on
     * is unchanged (the interpreter's real executable, the files its
     * answer came from, the environment variables that change it, this
     * pyprobe: the README lists them all). Checking one takes a few stat
     * calls instead of running the interpreter. */
    PYPROBE_CACHE_ANSWERS = 1,
    /* The probe script as a file, so that each Python version compiles
     * it once and keeps the bytecode (its own __pycache__). It cannot
     * change an answer; it saves about a millisecond per probe. */
    PYPROBE_CACHE_SCRIPT = 2
};

/* Cache what the PYPROBE_CACHE_* flags in what say (0: nothing, the
 * default) in dir; NULL means $PYPROBE_CACHE_DIR, else
 * $XDG_CACHE_HOME/pyprobe, else $HOME/.cache/pyprobe. The directory must
 * belong to the user and be writable by no one else; a cache that cannot
 * be trusted, read or written is simply not used. dir is copied. Fails
 * only on out of memory. */
pyprobe_status pyprobe_probe_options_set_cache(pyprobe_probe_options *options,
                                               unsigned what, const char *dir);

/* End every interpreter this process is running now, and everything
 * each started (their process groups), with SIGKILL. For a program's
 * SIGINT/SIGTERM handler: async-signal-safe and thread-safe. */
void pyprobe_kill_children(void);

/* What an interpreter reported about itself, validated. Immutable. */
typedef struct pyprobe_facts pyprobe_facts;

/* Locate PYTHON (a path, or a command name looked up on PATH; NULL means
 * $PYTHON, then python3, then python), run it isolated (-I -S) with the
 * embedded probe script, and validate its answer field by field.
 * On success *facts is set; caller frees with pyprobe_facts_free.
 * options may be NULL for the defaults. */
pyprobe_status pyprobe_probe(const char *python,
                             const pyprobe_probe_options *options,
                             pyprobe_facts **facts, pyprobe_error *error);

/* Read the facts from a JSON document that pyprobe_report_json (pyprobe
 * --json) wrote, possibly on another machine. Nothing is run. The facts
 * are validated exactly like a live probe's. Caller frees *facts. */
pyprobe_status pyprobe_facts_load_json(const char *path,
                                       pyprobe_facts **facts,
                                       pyprobe_error *error);

/* ---- Facts from description files (cross builds) ----------------------
 *
 * A build-details.json (PEP 739, CPython 3.14+) or a _sysconfigdata_*.py
 * file describes an interpreter without running it: the way to the facts
 * of a target that cannot run on the build machine. What such a file
 * does not say is derived where CPython's own rules fix it (the answer
 * lists each derived fact and how), taken from a pyprobe_target, or left
 * unknown (the UNKNOWN name lists it, and wheel tags that need it are
 * refused). Nothing in the file is executed. */
typedef struct pyprobe_target pyprobe_target;

/* Caller frees with pyprobe_target_free. NULL on out of memory. */
pyprobe_target *pyprobe_target_new(void);
void pyprobe_target_free(pyprobe_target *target);
/* The target's C library: "glibc-2.36", "musl-1.2" or "none". Fails with
 * PYPROBE_ERR_USAGE on anything else. */
pyprobe_status pyprobe_target_set_libc(pyprobe_target *target,
                                       const char *libc,
                                       pyprobe_error *error);
/* The target's sysconfig.get_platform(), "linux-armv7l": needed where
 * the file does not say it and it cannot be derived. */
pyprobe_status pyprobe_target_set_platform(pyprobe_target *target,
                                           const char *platform,
                                           pyprobe_error *error);
/* The directory the target's file system is found under on this machine.
 * Without it, pyprobe works it out from where the file is (a file that
 * says it lives in /usr/lib/python3.14, found at
 * /sysroot/usr/lib/python3.14, has the sysroot /sysroot). "/" takes the
 * paths as written. Paths in the facts are then where the files are on
 * this machine, as a relocated installation reports them. */
pyprobe_status pyprobe_target_set_sysroot(pyprobe_target *target,
                                          const char *dir,
                                          pyprobe_error *error);
/* The full Python version "3.11.2", for a _sysconfigdata file whose
 * headers (patchlevel.h) are not there to say it. */
pyprobe_status pyprobe_target_set_version(pyprobe_target *target,
                                          const char *version,
                                          pyprobe_error *error);

/* Facts from a build-details.json file. target may be NULL. Fails with
 * PYPROBE_ERR_IO if it cannot be read, PYPROBE_ERR_PROTOCOL if it is not
 * a build-details.json pyprobe can use, PYPROBE_ERR_USAGE if an option
 * it needs is missing or contradicts it. Caller frees *facts. */
pyprobe_status pyprobe_facts_from_build_details(const char *path,
                                                const pyprobe_target *target,
                                                pyprobe_facts **facts,
                                                pyprobe_error *error);

/* Facts from a _sysconfigdata_*.py file, parsed as a plain literal (a
 * module of comments and NAME = literal assignments; anything else is
 * refused). The full version comes from patchlevel.h in the headers
 * beside it, or from pyprobe_target_set_version. Errors as above. */
pyprobe_status pyprobe_facts_from_sysconfigdata(const char *path,
                                                const pyprobe_target *target,
                                                pyprobe_facts **facts,
                                                pyprobe_error *error);

void pyprobe_facts_free(pyprobe_facts *facts);

/* The absolute path of the interpreter the facts describe. Owned by
 * facts. */
const char *pyprobe_facts_python(const pyprobe_facts *facts);

/* ---- Many interpreters ------------------------------------------------- */

/* The interpreters on a machine: python, python3, python3.X, python3.Xt,
 * pypy3, graalpy ... in each PATH directory, then in the usual install
 * places (pyenv's versions, /usr/local/bin, /opt/python*, ~/.local/bin,
 * uv's and asdf's Pythons). Names of the same interpreter (symbolic
 * links, hard links, a shim that runs it) are one entry: same real
 * executable (device and inode) and same prefix, so a virtual
 * environment stays an entry of its own. */
typedef struct pyprobe_interpreters pyprobe_interpreters;

/* Find them and probe them, at most jobs at a time (0: one per CPU).
 * options may be NULL. Fails only on out of memory: an interpreter that
 * cannot be probed is an entry with its error. Caller frees *list with
 * pyprobe_interpreters_free. */
pyprobe_status pyprobe_interpreters_find(const pyprobe_probe_options *options,
                                         unsigned jobs,
                                         pyprobe_interpreters **list,
                                         pyprobe_error *error);
void pyprobe_interpreters_free(pyprobe_interpreters *list);
/* Entries in the order found, PATH first. */
size_t pyprobe_interpreters_count(const pyprobe_interpreters *list);
/* The name it was found by (the interpreter itself rather than a
 * wrapper, where both were found). Owned by list. */
const char *pyprobe_interpreters_path(const pyprobe_interpreters *list,
                                      size_t index);
/* Its other names. Owned by list. */
size_t pyprobe_interpreters_alias_count(const pyprobe_interpreters *list,
                                        size_t index);
const char *pyprobe_interpreters_alias(const pyprobe_interpreters *list,
                                       size_t index, size_t alias);
/* Its facts, or NULL when the probe failed; then the error says why.
 * Owned by list. */
const pyprobe_facts *pyprobe_interpreters_facts(
    const pyprobe_interpreters *list, size_t index);
const pyprobe_error *pyprobe_interpreters_error(
    const pyprobe_interpreters *list, size_t index);
/* All of it as JSON: {"format": "pyprobe-list", "format_version": 1,
 * "interpreters": [{"path", "aliases", "facts" (every public name, as
 * pyprobe_report_json gives them under the default policy) or "error"}]}.
 * Caller frees *text with pyprobe_free. */
pyprobe_status pyprobe_interpreters_json(const pyprobe_interpreters *list,
                                         char **text, pyprobe_error *error);

/* ---- Policy ----------------------------------------------------------- */

typedef enum pyprobe_mypyc_mode {
    PYPROBE_MYPYC_AUTO = 0, /* GIL CPython only (default) */
    PYPROBE_MYPYC_YES,      /* required: unsupported interpreter is an error */
    PYPROBE_MYPYC_NO        /* never */
} pyprobe_mypyc_mode;

typedef enum pyprobe_abi3t_mode {
    PYPROBE_ABI3T_NO = 0,   /* never choose an abi3t build (default) */
    PYPROBE_ABI3T_YES,      /* build abi3 and abi3t at once (abi3.abi3t) */
    PYPROBE_ABI3T_ONLY      /* build abi3t only (tag abi3t) */
} pyprobe_abi3t_mode;

/* The user's build policy. Caller frees with pyprobe_policy_free. */
typedef struct pyprobe_policy pyprobe_policy;

pyprobe_policy *pyprobe_policy_new(void);
void pyprobe_policy_free(pyprobe_policy *policy);
void pyprobe_policy_set_mypyc(pyprobe_policy *policy, pyprobe_mypyc_mode mode);
/* Allow mypyc on free-threaded builds (experimental upstream). */
void pyprobe_policy_set_mypyc_free_threaded(pyprobe_policy *policy, int allow);
void pyprobe_policy_set_abi3t(pyprobe_policy *policy, pyprobe_abi3t_mode mode);
/* Minimum limited-API version "3.Y" (3.2 and later), or NULL for "do not
 * build for the stable ABI". Fails with PYPROBE_ERR_USAGE on a malformed
 * version. */
pyprobe_status pyprobe_policy_set_limited_api(pyprobe_policy *policy,
                                              const char *version,
                                              pyprobe_error *error);

/* ---- Report: facts + policy -> every public name ---------------------- */

typedef struct pyprobe_report pyprobe_report;

/* Derive every decision. Fails with PYPROBE_ERR_POLICY when the policy
 * demands what the interpreter cannot do (--mypyc=yes on PyPy). Caller
 * frees *report with pyprobe_report_free. The report keeps its own copy
 * of what it needs; facts and policy may be freed afterwards. */
pyprobe_status pyprobe_report_new(const pyprobe_facts *facts,
                                  const pyprobe_policy *policy,
                                  pyprobe_report **report,
                                  pyprobe_error *error);
void pyprobe_report_free(pyprobe_report *report);

/* A warning about the policy, for the user (the library never prints):
 * a --limited-api newer than the interpreter, which can only give a
 * version-specific build. NULL when there is none. Owned by report. */
const char *pyprobe_report_warning(const pyprobe_report *report);

/* The public names, in their documented order. NAME is the part after
 * the prefix, upper case ("FREE_THREADED"). Static strings. */
size_t pyprobe_name_count(void);
const char *pyprobe_name_at(size_t index);
/* The lower-case key ("free_threaded") used by JSON and --get. Static. */
const char *pyprobe_name_key(size_t index);
const char *pyprobe_name_description(size_t index);
/* The index of a name given in any case, with or without the PYPROBE_
 * prefix ("free_threaded", "Free_Threaded", "PYPROBE_FREE_THREADED"), as
 * pyprobe_report_get and pyprobe_env.py take it; -1 if unknown. */
int pyprobe_name_find(const char *name);

/* The value of a public name, given as pyprobe_name_find takes it
 * ("free_threaded", "PYPROBE_FREE_THREADED"). Booleans are "1"/"0".
 * NULL for an unknown name. Owned by report. */
const char *pyprobe_report_get(const pyprobe_report *report, const char *name);

/* Render the outputs into memory. Caller frees *text with pyprobe_free.
 * header: prefix NULL means "PYPROBE_". tags: fails with
 * PYPROBE_ERR_UNSUPPORTED when a value cannot be written safely. */
pyprobe_status pyprobe_report_json(const pyprobe_report *report, char **text,
                                   pyprobe_error *error);
pyprobe_status pyprobe_report_header(const pyprobe_report *report,
                                     const char *prefix, char **text,
                                     pyprobe_error *error);
pyprobe_status pyprobe_report_tags(const pyprobe_report *report, char **text,
                                   pyprobe_error *error);

/* Every name for a CI system; caller frees *text with pyprobe_free.
 * GITHUB_OUTPUT and GITHUB_ENV give the lines GitHub Actions reads from
 * $GITHUB_OUTPUT (keys as for --get: "wheel_tag") and $GITHUB_ENV (keys
 * PYPROBE_NAME): NAME=value, or NAME<<DELIMITER blocks for values with a
 * newline, with a delimiter that is not in the value. ENV_FILE gives
 * plain PYPROBE_NAME=value lines, the value literal to the end of the
 * line. Fails with PYPROBE_ERR_UNSUPPORTED for a value the format cannot
 * carry: a control character other than tab and newline, a newline in
 * ENV_FILE, bytes that are not UTF-8 for GitHub. */
typedef enum pyprobe_ci_format {
    PYPROBE_CI_GITHUB_OUTPUT = 0,
    PYPROBE_CI_GITHUB_ENV,
    PYPROBE_CI_ENV_FILE
} pyprobe_ci_format;

pyprobe_status pyprobe_report_ci(const pyprobe_report *report,
                                 pyprobe_ci_format format, char **text,
                                 pyprobe_error *error);

/* ---- Wheel tags and wheel files --------------------------------------- */

/* The wheel tags an interpreter installs, most preferred first: the list
 * packaging.tags.sys_tags() gives, computed from the facts (so from a
 * facts file too). */
typedef struct pyprobe_tag_list pyprobe_tag_list;

/* Fails with PYPROBE_ERR_UNSUPPORTED for a platform pyprobe has no tag
 * scheme for (iOS, Android, Emscripten). Caller frees with
 * pyprobe_tag_list_free. */
pyprobe_status pyprobe_tag_list_new(const pyprobe_facts *facts,
                                    pyprobe_tag_list **list,
                                    pyprobe_error *error);
void pyprobe_tag_list_free(pyprobe_tag_list *list);
size_t pyprobe_tag_list_count(const pyprobe_tag_list *list);
/* "cp314-cp314t-manylinux_2_36_x86_64"; owned by list. */
const char *pyprobe_tag_list_at(const pyprobe_tag_list *list, size_t index);

/* A wheel file name, parsed as the binary distribution format
 * specification (and packaging 26.3) says. */
typedef struct pyprobe_wheel pyprobe_wheel;

/* FILENAME may be a path; only its last component is parsed. Fails with
 * PYPROBE_ERR_PROTOCOL and the reason for a malformed name. Caller frees
 * with pyprobe_wheel_free. */
pyprobe_status pyprobe_wheel_parse(const char *filename,
                                   pyprobe_wheel **wheel,
                                   pyprobe_error *error);
void pyprobe_wheel_free(pyprobe_wheel *wheel);
/* The parts as written; build is NULL when there is none. Owned by
 * wheel. */
const char *pyprobe_wheel_name(const pyprobe_wheel *wheel);
const char *pyprobe_wheel_version(const pyprobe_wheel *wheel);
const char *pyprobe_wheel_build(const pyprobe_wheel *wheel);
const char *pyprobe_wheel_python_tags(const pyprobe_wheel *wheel);
const char *pyprobe_wheel_abi_tags(const pyprobe_wheel *wheel);
const char *pyprobe_wheel_platform_tags(const pyprobe_wheel *wheel);
/* The expanded tag triples, lower case. */
size_t pyprobe_wheel_tag_count(const pyprobe_wheel *wheel);
const char *pyprobe_wheel_tag_at(const pyprobe_wheel *wheel, size_t index);

/* 1 if every tag of the (possibly compressed) set TAGS, e.g. "abi3" or
 * "abi3.abi3t", is one of the wheel's ABI tags, compared whole and
 * without regard to case: "cp314" never matches "cp314t", "abi3" never
 * "abi3t". part is 0 for the Python tags, 1 for ABI, 2 for platform. */
int pyprobe_wheel_has_tags(const pyprobe_wheel *wheel, int part,
                           const char *tags);

/* Where the wheel ranks on the interpreter: 1 and *rank (0 = most
 * preferred) when it installs there, 0 when it does not. */
int pyprobe_tag_list_rank(const pyprobe_tag_list *list,
                          const pyprobe_wheel *wheel, size_t *rank);

/* Why the wheel does not install on the interpreter, as one short word
 * written into reason (size bytes; 32 is enough): "python-tag" (none of
 * its Python tags is the interpreter's), "abi" (none of its ABIs goes
 * with them), "needs-glibc-X.Y", "needs-musl-X.Y", "needs-macos-X.Y" (its
 * platform, but a newer release than this one: the lowest it asks),
 * "platform" (another platform). Returns reason, or NULL when the wheel
 * installs. */
const char *pyprobe_tag_list_why_not(const pyprobe_tag_list *list,
                                     const pyprobe_wheel *wheel, char *reason,
                                     size_t size);

/* ---- Release fileset check -------------------------------------------- */

/* A manifest lists the cells a release must have, one per line:
 *
 *     # python-abi           platform
 *     cp314                  manylinux_2_28_aarch64
 *     cp314t                 manylinux_2_28_aarch64
 *     cp315-abi3.abi3t       manylinux_2_28_x86_64
 *     pp310-pypy310_pp73     manylinux_2_28_x86_64
 *     cp311                  <=manylinux_2_28_x86_64
 *
 * The first field is a CPython ABI tag (cp314, cp314t, cp311d, cp37m:
 * Python tag cp314, ABI tag as written) or PYTHON-ABI with an ABI tag set
 * (cp315-abi3.abi3t). A wheel fills a cell when its Python tags hold the
 * cell's, its ABI tag set is exactly the cell's, and its platform tags
 * hold the cell's platform. PEP 600's aliases are the same platform both
 * ways (manylinux1 = manylinux_2_5, manylinux2010 = manylinux_2_12,
 * manylinux2014 = manylinux_2_17). "<=" before a manylinux or musllinux
 * platform asks for "at most this C library version": any wheel of that
 * family and architecture whose version is not higher fills it. Blank
 * lines and # comments are ignored; a cell given twice is an error.
 *
 * The release is one project at one version: the name and version most
 * wheels have (in a tie, the higher version). A wheel of another project
 * or version is "mixed" and fills no cell; two wheels filling one cell
 * are both "duplicate". */

typedef enum pyprobe_finding_kind {
    PYPROBE_FINDING_OK,          /* a wheel that fills a cell */
    PYPROBE_FINDING_MISSING,     /* a cell no wheel fills (or the sdist) */
    PYPROBE_FINDING_WRONG_ABI,   /* a wheel in a cell's place, other ABI */
    PYPROBE_FINDING_UNEXPECTED,  /* a wheel no cell asks for */
    PYPROBE_FINDING_MALFORMED,   /* a file name that is not a wheel's */
    PYPROBE_FINDING_MIXED,       /* a file of another project or version */
    PYPROBE_FINDING_DUPLICATE    /* a wheel filling a cell another fills */
} pyprobe_finding_kind;

/* The verdict as printed: "ok", "missing", "wrong-abi", "unexpected",
 * "malformed", "mixed", "duplicate". Static storage. */
const char *pyprobe_finding_kind_name(pyprobe_finding_kind kind);

typedef struct pyprobe_release_check pyprobe_release_check;

/* Read the manifest at PATH and compare the wheel file names with it.
 * A malformed manifest fails with PYPROBE_ERR_PROTOCOL naming the line.
 * Caller frees with pyprobe_release_check_free. */
pyprobe_status pyprobe_release_check_new(const char *manifest_path,
                                         const char *const *wheels,
                                         size_t wheel_count,
                                         pyprobe_release_check **check,
                                         pyprobe_error *error);
/* As pyprobe_release_check_new, and the release must also have its
 * source distribution, NAME-VERSION.tar.gz, among SDISTS (the *.tar.gz
 * file names found beside the wheels): without it the result has a
 * "missing" finding whose cell is "sdist"; an sdist of another project
 * or version is "mixed", one not named NAME-VERSION.tar.gz "malformed". */
pyprobe_status pyprobe_release_check_new_with_sdist(
    const char *manifest_path, const char *const *wheels, size_t wheel_count,
    const char *const *sdists, size_t sdist_count,
    pyprobe_release_check **check, pyprobe_error *error);
void pyprobe_release_check_free(pyprobe_release_check *check);
/* The findings: the OK wheels in the order given, then the problems
 * sorted by verdict name, each verdict's in the order given (wheels, then
 * sdists; missing cells in manifest order, the sdist last). */
size_t pyprobe_release_check_count(const pyprobe_release_check *check);
pyprobe_finding_kind pyprobe_release_check_kind(
    const pyprobe_release_check *check, size_t index);
/* The file name (NULL for a missing cell or sdist). */
const char *pyprobe_release_check_file(const pyprobe_release_check *check,
                                       size_t index);
/* The cell as written in the manifest, "cp314 manylinux_2_28_aarch64",
 * or "sdist" (NULL for unexpected, mixed and malformed files). */
const char *pyprobe_release_check_cell(const pyprobe_release_check *check,
                                       size_t index);
/* One line saying what is wrong, "" for OK. */
const char *pyprobe_release_check_detail(const pyprobe_release_check *check,
                                         size_t index);
/* The number of problems (everything but OK). */
size_t pyprobe_release_check_problems(const pyprobe_release_check *check);
/* The release's project name and version as its wheels write them; NULL
 * when no file names one. */
const char *pyprobe_release_check_project(const pyprobe_release_check *check);
const char *pyprobe_release_check_version(const pyprobe_release_check *check);
/* How many wheels were checked, how many cells the manifest has and how
 * many of them are filled. */
size_t pyprobe_release_check_wheels(const pyprobe_release_check *check);
size_t pyprobe_release_check_cells(const pyprobe_release_check *check,
                                   size_t *filled);
/* The sdist found, NULL if none was found or none was asked for. */
const char *pyprobe_release_check_sdist(const pyprobe_release_check *check);
/* One line counting wheels by verdict and cells, filled and missing:
 * "4 wheels: 3 ok, 1 duplicate; 3 cells: 3 filled". Owned by check. */
const char *pyprobe_release_check_summary(const pyprobe_release_check *check);
/* The whole result as JSON: {"project", "version", "sdist", "wheels",
 * "cells", "cells_filled", "problems", "summary", "findings": [{"verdict",
 * "file", "cell", "detail"}]}. Caller frees *text with pyprobe_free. */
pyprobe_status pyprobe_release_check_json(const pyprobe_release_check *check,
                                          char **text, pyprobe_error *error);

/* ---- Import check: does importing a module turn the GIL back on? ----- */

/* On a free-threaded build, CPython enables the GIL for the whole
 * process when it loads an extension module that has not declared
 * Py_mod_gil = Py_MOD_GIL_NOT_USED. Everything still works, without the
 * parallelism the build was for. This check imports modules in the
 * target interpreter and reports, per module, whether that happened. */

typedef enum pyprobe_import_result {
    PYPROBE_IMPORT_OK = 0,       /* imported; the GIL stayed as it was */
    PYPROBE_IMPORT_GIL_ENABLED,  /* imported, and that enabled the GIL */
    PYPROBE_IMPORT_FAILED        /* the import raised, or killed Python */
} pyprobe_import_result;

typedef struct pyprobe_import_check pyprobe_import_check;

/* Locate PYTHON as pyprobe_probe does and import each of MODULES in it,
 * in order, with each of PATHS (in order) first on sys.path. Python runs
 * with -I (no user site directory, no PYTHONPATH or other PYTHON*
 * variables) and with its site-packages, as installed code runs; what
 * site and the modules print cannot disturb the answer. A module that
 * turns the GIL on is judged alone: the modules after it are imported
 * in a fresh interpreter. options may be NULL (time limit and output
 * limit per interpreter run; use_sysconfig does not apply).
 * Import failures and the GIL are results, not errors; the call fails
 * when the interpreter cannot run or answers garbage, and with
 * PYPROBE_ERR_NEGATIVE when the GIL is already on before any import on
 * a free-threaded build (site imported such a module). Caller frees
 * *check with pyprobe_import_check_free. */
pyprobe_status pyprobe_import_check_new(const char *python,
                                        const pyprobe_probe_options *options,
                                        const char *const *paths,
                                        size_t path_count,
                                        const char *const *modules,
                                        size_t module_count,
                                        pyprobe_import_check **check,
                                        pyprobe_error *error);
void pyprobe_import_check_free(pyprobe_import_check *check);
/* The interpreter that ran (absolute path). Owned by check. */
const char *pyprobe_import_check_python(const pyprobe_import_check *check);
/* 1 if it is a free-threaded build: only then can the GIL be turned on
 * by an import, so only then does GIL_ENABLED occur. */
int pyprobe_import_check_free_threaded(const pyprobe_import_check *check);
/* One result per module, in the order given. */
size_t pyprobe_import_check_count(const pyprobe_import_check *check);
const char *pyprobe_import_check_module(const pyprobe_import_check *check,
                                        size_t index);
pyprobe_import_result pyprobe_import_check_result(
    const pyprobe_import_check *check, size_t index);
/* One line: for FAILED the exception ("ModuleNotFoundError: No module
 * named 'x'") or how the interpreter died; for GIL_ENABLED the module
 * CPython named as the cause (it may be a dependency), or "" when it
 * named none; "" for OK. Owned by check. */
const char *pyprobe_import_check_detail(const pyprobe_import_check *check,
                                        size_t index);
/* The number of results other than OK. */
size_t pyprobe_import_check_problems(const pyprobe_import_check *check);

/* ---- Files ------------------------------------------------------------ */

/* A set of files written all or nothing: each is first written to a
 * temporary file beside its target, and only when all of them are ready
 * are they renamed into place. A file whose content would not change is
 * not touched, so its mtime is kept. On failure no target has changed
 * and no temporary file is left behind. Only regular files are replaced:
 * "-" is standard output; a device, FIFO, socket or /dev/fd/N (and the
 * like) is opened and written through, after every temporary file is
 * ready and before any rename; a symbolic link is followed, and its
 * target replaced; a directory is PYPROBE_ERR_IO. */
typedef struct pyprobe_file_set pyprobe_file_set;

pyprobe_file_set *pyprobe_file_set_new(void);
void pyprobe_file_set_free(pyprobe_file_set *set);
/* Queue PATH with CONTENT (copied). */
pyprobe_status pyprobe_file_set_add(pyprobe_file_set *set, const char *path,
                                    const char *content, size_t length,
                                    pyprobe_error *error);
pyprobe_status pyprobe_file_set_commit(pyprobe_file_set *set,
                                       pyprobe_error *error);

/* Append LENGTH bytes of CONTENT to PATH (created if missing) with one
 * O_APPEND write, as for $GITHUB_OUTPUT, which cannot be replaced by
 * rename. If the write fails partway, the file is cut back to its old
 * size, so it holds the whole block or none of it. */
pyprobe_status pyprobe_file_append(const char *path, const char *content,
                                   size_t length, pyprobe_error *error);

#ifdef __cplusplus
}
#endif

#endif /* PYPROBE_H */
