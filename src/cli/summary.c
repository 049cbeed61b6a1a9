/* summary.c - the readable summary printed when no output is asked for.
 * For people only: scripts use --get, --tags, --header or --json. */
#include "config.h"

#include <string.h>

#include "cli.h"

static const char *get(const pyprobe_report *report, const char *name)
{
    return pyprobe_report_get(report, name);
}

void print_summary(FILE *out, const pyprobe_report *report)
{
    const char *impl = get(report, "implementation");
    const char *libc = get(report, "libc");
    fprintf(out, "Interpreter    %s\n", get(report, "python"));
    /* a wrapper or a pyenv shim: what it ran, the path to pin */
    if (strcmp(get(report, "executable"), get(report, "python")) != 0)
        fprintf(out, "Executable     %s\n", get(report, "executable"));
    int cpython = strcmp(impl, "cpython") == 0;
    const char *name = cpython ? "CPython"
                       : strcmp(impl, "pypy") == 0 ? "PyPy" : impl;
    fprintf(out, "Python         %s %s", name, get(report, "version"));
    if (!cpython)
        fprintf(out, " (%s %s)", name, get(report, "implementation_version"));
    fprintf(out, ", %s build%s\n",
            strcmp(get(report, "free_threaded"), "1") == 0 ? "free-threaded"
                                                            : "GIL",
            strcmp(get(report, "debug"), "1") == 0 ? ", debug" : "");
    fprintf(out, "ABI tag        %s  (interpreter tag %s)\n",
            get(report, "abi_tag"), get(report, "interpreter_tag"));
    fprintf(out, "Platform       %s, %s-bit%s%s\n", get(report, "platform_tag"),
            strcmp(get(report, "pointer_size"), "8") == 0 ? "64" : "32",
            libc[0] ? ", " : "", libc);
    fprintf(out, "Extension      %s\n", get(report, "ext_suffix"));
    const char *stable = get(report, "stable_abi_suffixes");
    fprintf(out, "Stable ABI     abi3: %s, abi3t: %s%s%s%s\n",
            cli_yes_no(report, "limited_api"), cli_yes_no(report, "abi3t"),
            stable[0] ? "  (loads " : "", stable, stable[0] ? ")" : "");
    fprintf(out, "Headers        %s\n", get(report, "includedir"));
    fprintf(out, "Build path     %s: %s, %s\n", get(report, "build_path"),
            get(report, "wheel_tag"), get(report, "build_suffix"));
    fprintf(out, "               (%s)\n", get(report, "build_reason"));
    fprintf(out, "mypyc          %s: %s\n", cli_yes_no(report, "mypyc"),
            get(report, "mypyc_reason"));
    fprintf(out, "GIL now        %s (run-time state; builds use the build "
                 "configuration)\n",
            strcmp(get(report, "gil_enabled"), "1") == 0 ? "enabled"
                                                          : "disabled");
    const char *unknown = get(report, "unknown");
    if (unknown[0])
        fprintf(out, "Unknown        %s (the description file does not "
                     "say)\n", unknown);
}
