/* posix.c - the POSIX names of os/windows_posix.h, on Windows.
 *
 * Paths are UTF-8 (see windows_posix.h) and are turned into UTF-16 for
 * the wide functions, so nothing depends on the code page. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "os/os.h"
#include "os/windows/wide.h"

#undef open
#undef stat
#undef fstat
#undef access
#undef mkdir

/* Standard input, output and error carry bytes, as on POSIX: pyprobe's
 * outputs end lines with LF on every system. */
__attribute__((constructor)) static void binary_streams(void)
{
    _setmode(0, _O_BINARY);
    _setmode(1, _O_BINARY);
    _setmode(2, _O_BINARY);
}

static int set_errno_from(DWORD code)
{
    switch (code) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_NAME:
    case ERROR_BAD_NETPATH:
        errno = ENOENT;
        break;
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
        errno = EACCES;
        break;
    case ERROR_ALREADY_EXISTS:
    case ERROR_FILE_EXISTS:
        errno = EEXIST;
        break;
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_OUTOFMEMORY:
        errno = ENOMEM;
        break;
    case ERROR_DIRECTORY:
        errno = ENOTDIR;
        break;
    default:
        errno = EIO;
    }
    return -1;
}

int pp_win_set_errno(unsigned long code)
{
    return set_errno_from((DWORD)code);
}

/* FILETIME (100 ns since 1601) to seconds since 1970. */
static time_t unix_time(FILETIME t)
{
    ULONGLONG ticks = ((ULONGLONG)t.dwHighDateTime << 32) | t.dwLowDateTime;
    return (time_t)((ticks - 116444736000000000ULL) / 10000000ULL);
}

/* *st from an open handle: the file's identity (volume and file index),
 * type, size and times. Only the owner's permission bits are given:
 * Windows decides access by ACLs, not by them. */
static int stat_handle(HANDLE h, struct stat *st)
{
    BY_HANDLE_FILE_INFORMATION info;
    if (!GetFileInformationByHandle(h, &info))
        return set_errno_from(GetLastError());
    memset(st, 0, sizeof *st);
    int dir = (info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
    int readonly = (info.dwFileAttributes & FILE_ATTRIBUTE_READONLY) != 0;
    st->st_mode = (unsigned short)((dir ? _S_IFDIR : _S_IFREG) | 0500 |
                                   (readonly ? 0 : 0200));
    st->st_nlink = (short)info.nNumberOfLinks;
    st->st_dev = info.dwVolumeSerialNumber;
    /* st_ino is 16 bits here: the 64-bit file index, folded. */
    ULONGLONG index = ((ULONGLONG)info.nFileIndexHigh << 32) |
                      info.nFileIndexLow;
    st->st_ino = (_ino_t)(index ^ (index >> 16) ^ (index >> 32) ^
                          (index >> 48));
    st->st_size = (_off_t)(((ULONGLONG)info.nFileSizeHigh << 32) |
                           info.nFileSizeLow);
    st->st_mtime = unix_time(info.ftLastWriteTime);
    st->st_atime = unix_time(info.ftLastAccessTime);
    st->st_ctime = unix_time(info.ftLastWriteTime);
    return 0;
}

static HANDLE open_handle(const char *path, DWORD access_wanted)
{
    wchar_t *wide = pp_win_wide(path);
    if (!wide) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return INVALID_HANDLE_VALUE;
    }
    HANDLE h = CreateFileW(wide, access_wanted,
                           FILE_SHARE_READ | FILE_SHARE_WRITE |
                               FILE_SHARE_DELETE,
                           NULL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS,
                           NULL);
    free(wide);
    return h;
}

int pp_win_stat(const char *path, struct stat *st)
{
    /* Devices (NUL, CON) are character devices. */
    HANDLE h = open_handle(path, FILE_READ_ATTRIBUTES);
    if (h == INVALID_HANDLE_VALUE)
        return set_errno_from(GetLastError());
    int rc = 0;
    if (GetFileType(h) == FILE_TYPE_DISK) {
        rc = stat_handle(h, st);
    } else {
        memset(st, 0, sizeof *st);
        st->st_mode = _S_IFCHR;
    }
    CloseHandle(h);
    return rc;
}

int pp_win_fstat(int fd, struct stat *st)
{
    HANDLE h = (HANDLE)_get_osfhandle(fd);
    if (h == INVALID_HANDLE_VALUE) {
        errno = EBADF;
        return -1;
    }
    if (GetFileType(h) != FILE_TYPE_DISK) {
        memset(st, 0, sizeof *st);
        st->st_mode = GetFileType(h) == FILE_TYPE_PIPE ? _S_IFIFO : _S_IFCHR;
        return 0;
    }
    return stat_handle(h, st);
}

int pp_win_open(const char *path, int flags, ...)
{
    int mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, int);
        va_end(ap);
    }
    if (flags & O_DIRECTORY) {
        HANDLE h = open_handle(path, FILE_READ_ATTRIBUTES);
        if (h == INVALID_HANDLE_VALUE)
            return set_errno_from(GetLastError());
        int fd = _open_osfhandle((intptr_t)h, _O_RDONLY);
        if (fd < 0)
            CloseHandle(h);
        return fd;
    }
    wchar_t *wide = pp_win_wide(path);
    if (!wide) {
        errno = ENOMEM;
        return -1;
    }
    int fd = _wopen(wide, flags | _O_BINARY | _O_NOINHERIT,
                    mode & (_S_IREAD | _S_IWRITE) ? mode & (_S_IREAD | _S_IWRITE)
                                                  : _S_IREAD | _S_IWRITE);
    free(wide);
    return fd;
}

int pp_win_access(const char *path, int mode)
{
    struct stat st;
    if (pp_win_stat(path, &st) != 0)
        return -1;
    /* No execute bit on Windows: whether it runs is found by running. */
    if ((mode & W_OK) && !(st.st_mode & 0200)) {
        errno = EACCES;
        return -1;
    }
    return 0;
}

int pp_win_mkdir(const char *path, int mode)
{
    wchar_t *wide = pp_win_wide(path);
    if (!wide) {
        errno = ENOMEM;
        return -1;
    }
    int ok = CreateDirectoryW(wide, NULL);
    free(wide);
    return ok ? 0 : set_errno_from(GetLastError());
}

/* name inside the directory open as dirfd, in new memory. */
static char *at(int dirfd, const char *name)
{
    HANDLE h = (HANDLE)_get_osfhandle(dirfd);
    wchar_t wide[32768];
    DWORD n = h == INVALID_HANDLE_VALUE
                  ? 0
                  : GetFinalPathNameByHandleW(h, wide, 32768,
                                              FILE_NAME_NORMALIZED);
    if (n == 0 || n >= 32768) {
        errno = EBADF;
        return NULL;
    }
    char *dir = pp_win_narrow(wide);
    if (!dir) {
        errno = ENOMEM;
        return NULL;
    }
    size_t size = strlen(dir) + strlen(name) + 2;
    char *path = malloc(size);
    if (path)
        snprintf(path, size, "%s\\%s", dir, name);
    else
        errno = ENOMEM;
    free(dir);
    return path;
}

int pp_win_openat(int dirfd, const char *name, int flags, ...)
{
    int mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, int);
        va_end(ap);
    }
    char *path = at(dirfd, name);
    int fd = path ? pp_win_open(path, flags, mode) : -1;
    free(path);
    return fd;
}

int pp_win_mkdirat(int dirfd, const char *name, int mode)
{
    char *path = at(dirfd, name);
    int rc = path ? pp_win_mkdir(path, mode) : -1;
    free(path);
    return rc;
}

int pp_win_renameat(int fromfd, const char *from, int tofd, const char *to)
{
    char *a = at(fromfd, from), *b = at(tofd, to);
    int rc = a && b ? pp_os_replace(a, b) : -1;
    free(a);
    free(b);
    return rc;
}

int pp_win_unlinkat(int dirfd, const char *name, int flags)
{
    char *path = at(dirfd, name);
    wchar_t *wide = path ? pp_win_wide(path) : NULL;
    int rc = wide && DeleteFileW(wide) ? 0
             : wide                    ? set_errno_from(GetLastError())
                                       : (errno = ENOMEM, -1);
    free(wide);
    free(path);
    return rc;
}

ssize_t pp_win_readlink(const char *path, char *buf, size_t size)
{
    errno = EINVAL;           /* lstat never reports a link */
    return -1;
}

ssize_t pp_win_pread(int fd, void *buf, size_t size, off_t offset)
{
    if (_lseeki64(fd, offset, SEEK_SET) < 0)
        return -1;
    return read(fd, buf, (unsigned)(size > 0x7fffffff ? 0x7fffffff : size));
}

char *pp_win_realpath(const char *path, char *resolved)
{
    HANDLE h = open_handle(path, FILE_READ_ATTRIBUTES);
    if (h == INVALID_HANDLE_VALUE) {
        set_errno_from(GetLastError());
        return NULL;
    }
    wchar_t wide[32768];
    DWORD n = GetFinalPathNameByHandleW(h, wide, 32768, FILE_NAME_NORMALIZED);
    CloseHandle(h);
    if (n == 0 || n >= 32768) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    /* \\?\C:\x is C:\x; \\?\UNC\server\share is \\server\share. */
    const wchar_t *plain = wide;
    if (wcsncmp(wide, L"\\\\?\\UNC\\", 8) == 0) {
        plain = wide + 6;
        wide[6] = L'\\';
    } else if (wcsncmp(wide, L"\\\\?\\", 4) == 0) {
        plain = wide + 4;
    }
    char *text = pp_win_narrow(plain);
    if (!text) {
        errno = ENOMEM;
        return NULL;
    }
    if (!resolved)
        return text;
    if (strlen(text) >= PATH_MAX) {
        free(text);
        errno = ENAMETOOLONG;
        return NULL;
    }
    strcpy(resolved, text);
    free(text);
    return resolved;
}

char *pp_win_strndup(const char *s, size_t n)
{
    size_t length = strnlen(s, n);
    char *copy = malloc(length + 1);
    if (copy) {
        memcpy(copy, s, length);
        copy[length] = '\0';
    }
    return copy;
}

char *pp_win_strsignal(int signal_number)
{
    static char text[32];
    snprintf(text, sizeof text, "signal %d", signal_number);
    return text;
}

uid_t pp_win_geteuid(void)
{
    return 0;
}

int pp_win_fchmod(int fd, int mode)
{
    return 0;
}
