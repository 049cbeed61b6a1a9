/* stop_windows.c - Ctrl-C and termination end the interpreters too
 * (Windows). */
#include "config.h"

#include <windows.h>

#include "cli.h"

/* Ctrl-C, Ctrl-Break, the console closing, logoff or shutdown: end the
 * job of every interpreter running (Ctrl-C reaches them too, but not
 * what they started in a console of its own, nor a hung one), then let
 * the default handler end pyprobe with the usual status. */
static BOOL WINAPI end_children(DWORD event)
{
    pyprobe_kill_children();
    return FALSE;
}

void handle_stop_signals(void)
{
    SetConsoleCtrlHandler(end_children, TRUE);
}
