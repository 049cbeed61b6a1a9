/* script_cache.c - the probe script, compiled once per Python version.
 *
 * Run with -c, Python compiles the 13 kB probe script every time: more
 * than a millisecond, a fifth of an interpreter's start-up. Imported from
 * a file instead, it is compiled once, and Python keeps the bytecode in
 * the __pycache__ directory beside the file (one per cache tag, checked
 * against the file's mtime and size, and against the interpreter's magic
 * number, as for any module). The file lives in a directory of pyprobe's
 * cache named after the script's hash, so each pyprobe has its own.
 *
 * Python runs that bytecode, so the directory must be writable by this
 * user alone, and so must every directory above it, or another user
 * could swap it for one of theirs while Python opens it by name: the
 * check is ssh's StrictModes check for authorized_keys. The file itself
 * is compared with the embedded script before every use and rewritten
 * when it differs. Anything wrong means: run the embedded script with -c,
 * as without a cache. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "os/os.h"
#include "probe/cache.h"
#include "probe/probe_script.h"
#include "probe/script_cache.h"
#include "util/strbuf.h"

#define MODULE "_pyprobe_probe"

/* 1 if no one but this user (or root) can change what path names:
 * every directory from / down is owned by root or us and not writable
 * by others, except that a sticky directory (/tmp) may be, if the next
 * one down is ours. path is absolute and free of symbolic links. */
static int private_path(const char *path)
{
    char prefix[PATH_MAX];
    size_t length = strlen(path);
    if (length >= sizeof prefix || path[0] != '/')
        return 0;
    uid_t me = geteuid();
    int shared_parent = 0;      /* the parent was sticky and writable */
    for (size_t end = 0; end <= length; end++) {
        if (end > 0 && end < length && path[end] != '/')
            continue;
        if (end == 0) {
            strcpy(prefix, "/");
        } else {
            memcpy(prefix, path, end);
            prefix[end] = '\0';
        }
        struct stat st;
        if (lstat(prefix, &st) != 0 || !S_ISDIR(st.st_mode))
            return 0;
        if (st.st_uid != me && st.st_uid != 0)
            return 0;
        if (shared_parent && st.st_uid != me)
            return 0;
        int writable = (st.st_mode & (S_IWGRP | S_IWOTH)) != 0;
        if (writable && !(st.st_mode & S_ISVTX))
            return 0;
        shared_parent = writable;
    }
    return !shared_parent;
}

/* Characters that can go into a Python string literal as they are. */
static int plain_path(const char *path)
{
    for (const unsigned char *p = (const unsigned char *)path; *p; p++)
        if (*p < 0x20 || *p >= 0x7f || *p == '\'' || *p == '\\')
            return 0;
    return 1;
}

/* 1 if name in dirfd holds exactly the embedded script (and is ours). */
static int holds_script(int dirfd, const char *name)
{
    int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return 0;
    struct stat st;
    int same = 0;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_uid == geteuid() &&
        (size_t)st.st_size == pp_probe_script_length) {
        char *text = malloc(pp_probe_script_length + 1);
        ssize_t n = text ? read(fd, text, pp_probe_script_length + 1) : -1;
        same = n == (ssize_t)pp_probe_script_length &&
               memcmp(text, pp_probe_script, pp_probe_script_length) == 0;
        free(text);
    }
    close(fd);
    return same;
}

char *pp_script_loader(const char *cache_dir)
{
    char real[PATH_MAX], sub[40];
    int dirfd = pp_cache_open_dir(cache_dir, 1);
    if (dirfd < 0)
        return NULL;
    snprintf(sub, sizeof sub, "probe-%s", pp_probe_script_id);
    int subfd = -1;
    if (realpath(cache_dir, real) && plain_path(real) && private_path(real))
        subfd = pp_cache_open_subdir(dirfd, sub);
    close(dirfd);
    if (subfd < 0)
        return NULL;
    int ok = holds_script(subfd, MODULE ".py") ||
             pp_cache_write(subfd, MODULE ".py", pp_probe_script,
                            pp_probe_script_length);
    close(subfd);
    if (!ok)
        return NULL;
    /* If the import fails in any way (a damaged __pycache__ file may
     * even hold code that exits), compile the file as -c would have
     * compiled the script; if that fails too, say so
     * with PP_SCRIPT_LOADER_FAILED. Statements only, as the loader must
     * run on any Python that may be probed (Python 2 is recognised by
     * what the script then prints). */
    return pp_format(
        "import sys\n"
        "sys.path.insert(0, '%s/%s')\n"
        "m = None\n"
        "try:\n"
        "    import " MODULE " as m\n"
        "except BaseException:\n"
        "    try:\n"
        "        code = compile(open('%s/%s/" MODULE ".py').read(),"
        " 'probe.py', 'exec')\n"
        "    except Exception:\n"
        "        raise SystemExit(%d)\n"
        "del sys.path[0]\n"
        "if m:\n"
        "    m.main()\n"
        "else:\n"
        "    exec(code, {'__name__': '__main__'})\n",
        real, sub, real, sub, PP_SCRIPT_LOADER_FAILED);
}
