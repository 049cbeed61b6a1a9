/* wide.c - UTF-8 to UTF-16 and back. */
#include "config.h"

#include <stdlib.h>
#include <windows.h>

#include "os/windows/wide.h"

wchar_t *pp_win_wide(const char *text)
{
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, text, -1,
                                NULL, 0);
    wchar_t *wide = n > 0 ? malloc((size_t)n * sizeof *wide) : NULL;
    if (wide && MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, text, -1,
                                    wide, n) != n) {
        free(wide);
        wide = NULL;
    }
    return wide;
}

char *pp_win_narrow(const wchar_t *wide)
{
    int n = WideCharToMultiByte(CP_UTF8, 0, wide, -1, NULL, 0, NULL, NULL);
    char *text = n > 0 ? malloc((size_t)n) : NULL;
    if (text && WideCharToMultiByte(CP_UTF8, 0, wide, -1, text, n, NULL,
                                    NULL) != n) {
        free(text);
        text = NULL;
    }
    return text;
}
