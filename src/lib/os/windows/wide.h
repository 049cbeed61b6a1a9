/* wide.h - UTF-8 to UTF-16 and back, and Windows errors as errno
 * (internal to the Windows back end). */
#ifndef PP_OS_WINDOWS_WIDE_H
#define PP_OS_WINDOWS_WIDE_H

#include <wchar.h>

/* text (UTF-8) as UTF-16, or NULL (no memory, or not UTF-8). Caller
 * frees. */
wchar_t *pp_win_wide(const char *text);
/* wide (UTF-16) as UTF-8, or NULL. Caller frees. */
char *pp_win_narrow(const wchar_t *wide);
/* errno for a Windows error code; returns -1. */
int pp_win_set_errno(unsigned long code);

#endif
