/* cache.h - probe answers kept between runs (internal).
 *
 * An entry holds one interpreter's validated answer together with what
 * the answer depended on: the interpreter's real executable, every file
 * the probe script read or looked for (its "depends" list: sysconfig
 * data, a shared libpython, pyvenv.cfg, build-details.json ...), the
 * environment variables that can change it, and this pyprobe and its
 * probe script. It is used only while all of that is unchanged, which
 * takes a few stat calls. Nothing here ever fails loudly: an entry that
 * cannot be read, written or trusted is a miss. */
#ifndef PP_CACHE_H
#define PP_CACHE_H

#include <sys/types.h>

#include "pyprobe.h"

/* The identity of a file, as stat() sees it. present = 0: it does not
 * exist (ENOENT or ENOTDIR). */
typedef struct pp_file_id {
    int present;
    unsigned long long dev, ino, mode, size;
    long long mtime_ns, ctime_ns;
} pp_file_id;

/* Fill *id for path. Returns 0 when the state cannot be known (an error
 * other than "does not exist"). */
int pp_file_id_get(const char *path, pp_file_id *id);
int pp_file_id_equal(const pp_file_id *a, const pp_file_id *b);
/* The identity as an entry records it: "dev:ino:mode:size:mtime:ctime",
 * or "-" for a file that is not there. */
void pp_file_id_format(const pp_file_id *id, char *text, size_t size);

/* The cache directory: dir if not NULL, else $PYPROBE_CACHE_DIR, else
 * the system's (pp_os_cache_home: $XDG_CACHE_HOME/pyprobe, else
 * $HOME/.cache/pyprobe; Windows: %LOCALAPPDATA%\pyprobe); empty
 * variables count as unset. NULL when none can be named. Caller frees. */
char *pp_cache_dir(const char *dir);

/* The cache directory dir opened, if it belongs to this user and no one
 * else may write in it; created first (private) when create is set. -1
 * when it cannot be used. Everything in it is then opened relative to
 * this descriptor, so the checked directory is the one used. */
int pp_cache_open_dir(const char *dir, int create);
/* Subdirectory name of dirfd, created private if missing, with the same
 * checks; -1 when it cannot be used. */
int pp_cache_open_subdir(int dirfd, const char *name);
/* Replace name in dirfd with text, atomically (a temporary file renamed
 * into place): readers see the old file or the new, whole. 1 on success. */
int pp_cache_write(int dirfd, const char *name, const char *text,
                   size_t length);

/* 64-bit FNV-1a: names entries after their keys. Not a defence against
 * anyone: entries hold their whole key, which is compared. */
unsigned long long pp_fnv1a(const char *bytes, size_t length);

/* An entry's key (everything its answer depends on that is not a file)
 * and the file name it is kept under. NULL when out of memory; caller
 * frees. Exposed for the fuzz harness, which forges entries. */
char *pp_cache_entry_key(const char *python, const char *mode);
char *pp_cache_entry_name(const char *key);

/* The facts for interpreter python (an absolute path, as located),
 * probed in mode ("auto" or "sysconfig"), if dir holds a valid entry;
 * NULL otherwise. Caller frees. */
pyprobe_facts *pp_cache_lookup(const char *dir, const char *python,
                               const char *mode);

/* Keep facts for next time. before is the identity of python's real
 * executable taken before the probe ran: if it changed meanwhile, or
 * python is not the interpreter itself (a wrapper script, a shim that
 * picks one), nothing is stored. Failures are silent. */
void pp_cache_store(const char *dir, const char *python, const char *mode,
                    const pp_file_id *before, const pyprobe_facts *facts);

#endif
