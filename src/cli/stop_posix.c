/* stop_posix.c - Ctrl-C and termination end the interpreters too
 * (POSIX). */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "cli.h"

/* Interrupted or terminated: end the interpreters we run (each has its
 * own process group, which the signal did not reach), then die of the
 * same signal, so the caller sees what happened. */
static void end_children(int signal_number)
{
    pyprobe_kill_children();
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

void handle_stop_signals(void)
{
    static const int stops[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
        struct sigaction old, act;
        if (sigaction(stops[i], NULL, &old) == 0 &&
            old.sa_handler == SIG_IGN)
            continue;       /* ignored by whoever started us: keep it so */
        memset(&act, 0, sizeof act);
        act.sa_handler = end_children;
        sigemptyset(&act.sa_mask);
        sigaction(stops[i], &act, NULL);
    }
}
