/* files.c - replacing a file (Windows). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <windows.h>

#include "os/os.h"
#include "os/windows/wide.h"

/* How long to keep trying while another process holds the target open
 * (a virus scanner, an indexer, a build reading it): 50 tries, 2 s in
 * all. */
#define REPLACE_TRIES 50
#define REPLACE_PAUSE_MS 40

/* MoveFileExW with MOVEFILE_REPLACE_EXISTING is the rename that
 * replaces: readers see the old file or the new. It fails while the
 * target is open without FILE_SHARE_DELETE; that passes, so retry. */
int pp_os_replace(const char *from, const char *to)
{
    wchar_t *wide_from = pp_win_wide(from), *wide_to = pp_win_wide(to);
    int rc = -1;
    if (!wide_from || !wide_to) {
        errno = ENOMEM;
    } else {
        for (int tries = 0;; tries++) {
            if (MoveFileExW(wide_from, wide_to, MOVEFILE_REPLACE_EXISTING |
                                                    MOVEFILE_WRITE_THROUGH)) {
                rc = 0;
                break;
            }
            DWORD code = GetLastError();
            if ((code != ERROR_ACCESS_DENIED &&
                 code != ERROR_SHARING_VIOLATION &&
                 code != ERROR_LOCK_VIOLATION) ||
                tries + 1 >= REPLACE_TRIES) {
                pp_win_set_errno(code);
                break;
            }
            Sleep(REPLACE_PAUSE_MS);
        }
    }
    free(wide_from);
    free(wide_to);
    return rc;
}
