/* main.c - pyprobe's entry point: pick the command. The work is in the
 * library; each command only parses options and prints. */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "cli.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"tags", cmd_tags},
    {"check-wheel", cmd_check_wheel},
    {"check-release", cmd_check_release},
    {"verify-import", cmd_verify_import},
    {"list", cmd_list},
};

const char *cli_command_name(size_t index)
{
    return index < sizeof commands / sizeof commands[0] ? commands[index].name
                                                        : NULL;
}

/* Interrupted or terminated: end the interpreters we run (each has its
 * own process group, which the signal did not reach), then die of the
 * same signal, so the caller sees what happened. */
static void end_children(int signal_number)
{
    pyprobe_kill_children();
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

static void handle_stop_signals(void)
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

int main(int argc, char **argv)
{
    handle_stop_signals();
    /* A command comes first, as in git: pyprobe tags --python ... */
    if (argc > 1 && argv[1][0] != '-') {
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
            if (strcmp(argv[1], commands[i].name) == 0)
                return commands[i].run(argc - 1, argv + 1);
    }
    return cmd_probe(argc, argv);
}
