/* stop_windows.c - Ctrl-C and termination end the interpreters too
 * (Windows). */
#include "config.h"

#include <windows.h>

#include "cli.h"

/* The thread that runs the command and reports its errors. */
static HANDLE main_thread;

/* Ctrl-C, Ctrl-Break, the console closing or shutdown: end the job of
 * every interpreter running (Ctrl-C reaches them too, but not what they
 * started in a console of its own, nor a hung one), then end pyprobe as
 * the default handler would (STATUS_CONTROL_C_EXIT). The main thread is
 * stopped first: it would otherwise see its interpreter ended and
 * report that as a failure of its own (exit 4, "exited with status 1")
 * before the process ends, as it did under Wine. A logoff is left to
 * the system: under a service (a CI agent) it is any user's logoff, not
 * a request to stop; should pyprobe end, the jobs end with it
 * (JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE). */
static BOOL WINAPI end_children(DWORD event)
{
    if (event == CTRL_LOGOFF_EVENT)
        return FALSE;
    if (main_thread)
        SuspendThread(main_thread);
    pyprobe_kill_children();
    ExitProcess(STATUS_CONTROL_C_EXIT);
    return TRUE;
}

void handle_stop_signals(void)
{
    if (!DuplicateHandle(GetCurrentProcess(), GetCurrentThread(),
                         GetCurrentProcess(), &main_thread,
                         THREAD_SUSPEND_RESUME, FALSE, 0))
        main_thread = NULL;
    SetConsoleCtrlHandler(end_children, TRUE);
}
