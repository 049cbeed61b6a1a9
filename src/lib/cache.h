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

/* The cache directory: dir if not NULL, else $PYPROBE_CACHE_DIR, else
 * $XDG_CACHE_HOME/pyprobe, else $HOME/.cache/pyprobe (empty variables
 * count as unset). NULL when none can be named. Caller frees. */
char *pp_cache_dir(const char *dir);

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
