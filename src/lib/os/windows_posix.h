/* windows_posix.h - the POSIX names the library uses, on Windows
 * (internal; os/os.h includes it when building for Windows).
 *
 * The library reads and writes files with open, stat, openat and the
 * like. mingw-w64's C runtime has most of them; this header maps them
 * to os/windows/posix.c where Windows' meaning differs or they are
 * missing:
 *   - files are opened in binary mode (no CR LF translation);
 *   - Windows has no user ids or permission bits: access is decided by
 *     the ACLs of the user's profile, so a file's owner is always "us"
 *     (uid 0) and stat reports the owner's bits only;
 *   - no symbolic links are followed by hand (lstat is stat, readlink
 *     fails with EINVAL): Windows resolves reparse points itself;
 *   - a directory can be opened (O_DIRECTORY) for the *at functions.
 * Paths are UTF-8: pyprobe.exe's manifest makes UTF-8 the process's
 * code page, which every narrow function of the runtime then uses. */
#ifndef PP_OS_WINDOWS_POSIX_H
#define PP_OS_WINDOWS_POSIX_H

#include <fcntl.h>
#include <io.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define O_CLOEXEC 0          /* handles are not inherited by default */
#define O_NOFOLLOW 0
#define O_NOCTTY 0
#define O_DIRECTORY 0x01000000
#ifndef S_ISVTX
#define S_ISVTX 01000
#endif
#ifndef S_ISLNK
#define S_ISLNK(mode) 0
#endif
#ifndef S_ISSOCK
#define S_ISSOCK(mode) 0
#endif
#ifndef ELOOP
#define ELOOP 114
#endif

typedef int uid_t;

int pp_win_open(const char *path, int flags, ...);
int pp_win_stat(const char *path, struct stat *st);
int pp_win_fstat(int fd, struct stat *st);
int pp_win_access(const char *path, int mode);
int pp_win_mkdir(const char *path, int mode);
int pp_win_openat(int dirfd, const char *name, int flags, ...);
int pp_win_mkdirat(int dirfd, const char *name, int mode);
int pp_win_renameat(int fromfd, const char *from, int tofd, const char *to);
int pp_win_unlinkat(int dirfd, const char *name, int flags);
ssize_t pp_win_readlink(const char *path, char *buf, size_t size);
ssize_t pp_win_pread(int fd, void *buf, size_t size, off_t offset);
char *pp_win_realpath(const char *path, char *resolved);
char *pp_win_strndup(const char *s, size_t n);
char *pp_win_strsignal(int signal_number);
uid_t pp_win_geteuid(void);
int pp_win_fchmod(int fd, int mode);

#define open pp_win_open
#define stat(path, st) pp_win_stat(path, st)
#define lstat(path, st) pp_win_stat(path, st)
#define fstat(fd, st) pp_win_fstat(fd, st)
#define access pp_win_access
#define mkdir pp_win_mkdir
#define openat pp_win_openat
#define mkdirat pp_win_mkdirat
#define renameat pp_win_renameat
#define unlinkat pp_win_unlinkat
#define readlink pp_win_readlink
#define pread pp_win_pread
#define realpath pp_win_realpath
#define strndup pp_win_strndup
#define strsignal pp_win_strsignal
#define geteuid pp_win_geteuid
#define fchmod pp_win_fchmod

#endif
