/* describe.h - a probe answer built from a description file instead of
 * a running interpreter (internal; build_details.c, sysconfigdata.c).
 *
 * The answer has exactly the fields the probe script prints, so it goes
 * through the same validation and derivation as a live one. Facts the
 * file does not hold are derived by the rules below, each noted in the
 * answer's "derived" field with how, or listed in "unknown". */
#ifndef PP_DESCRIBE_H
#define PP_DESCRIBE_H

#include <jansson.h>

#include "pyprobe.h"

struct pyprobe_target {
    char *libc;          /* "glibc", "musl", "none"; NULL: not given */
    int libc_major, libc_minor;
    char *platform;      /* sysconfig.get_platform() of the target */
    char *sysroot;       /* NULL: work it out; "" for "/" */
    char *version;       /* "3.11.2" */
};

typedef struct pp_describe {
    const pyprobe_target *target;   /* never NULL */
    const char *path;               /* the file, for messages */
    pyprobe_error *error;
    json_t *answer, *config, *derived, *unknown, *depends;
    char *sysroot;                  /* "" when paths are this machine's */
    pyprobe_error own_error;        /* used when the caller gave none */
} pp_describe;

/* Fills d's answer from the file whose real path is real. */
typedef pyprobe_status pp_describe_fill(pp_describe *d, const char *real);

/* The facts of the interpreter the file at path describes: an I/O error
 * if the file has no real path, else an answer begun for it (target may
 * be NULL), filled by fill, and finished for the interpreter the answer
 * names as "executable". */
pyprobe_status pp_describe_file(const char *path,
                                const pyprobe_target *target,
                                pp_describe_fill *fill,
                                pyprobe_facts **facts, pyprobe_error *error);

/* Start an answer for the file at path (its own path goes into depends).
 * target may be NULL. */
pyprobe_status pp_describe_begin(pp_describe *d, const char *path,
                                 const pyprobe_target *target,
                                 pyprobe_error *error);
void pp_describe_end(pp_describe *d);

/* answer[key] = value, config[name] = value (both take the reference;
 * NULL value means out of memory). 0 on failure, with the error set. */
int pp_describe_set(pp_describe *d, const char *key, json_t *value);
int pp_describe_config(pp_describe *d, const char *name, json_t *value);
/* A string or None (text NULL). */
json_t *pp_describe_str(const char *text);

/* Say how fact was derived. */
void pp_describe_note(pp_describe *d, const char *fact, const char *format,
                      ...)
#if defined(__GNUC__)
    __attribute__((format(PP_PRINTF, 3, 4)))
#endif
    ;
/* Mark fact (PP_UNKNOWN_*) unknown. */
void pp_describe_unknown(pp_describe *d, const char *fact);

/* Where the target's files are on this machine: from the --sysroot
 * option, or from file_dir (where the file is here, a real path) against
 * target_dirs (where the target says it is; absolute). Sets d->sysroot,
 * and *which to the target dir the file is in (the first one when only
 * the option says); fails with PYPROBE_ERR_USAGE when neither tells. */
pyprobe_status pp_describe_locate(pp_describe *d, const char *file_dir,
                                  const char *const *target_dirs,
                                  size_t count, size_t *which);
/* sysroot + target path (a new string); NULL on out of memory. */
char *pp_describe_host_path(const pp_describe *d, const char *target_path);

/* The fields that follow from the platform: platform, system, machine,
 * sys_platform, maxsize, byteorder, elf, mac_ver, libc, musl_version.
 * multiarch may be NULL; pointer_size and big_endian are -1 where the
 * file does not say. */
pyprobe_status pp_describe_platform(pp_describe *d, const char *platform,
                                    const char *multiarch, int pointer_size,
                                    int big_endian);

/* Validate the answer as a live probe's and derive the facts. */
pyprobe_status pp_describe_finish(pp_describe *d, const char *python,
                                  pyprobe_facts **facts);

/* base joined with path (unless path is absolute), with "." and ".."
 * segments and repeated slashes removed. NULL on out of memory. */
char *pp_path_join(const char *base, const char *path);

#endif
