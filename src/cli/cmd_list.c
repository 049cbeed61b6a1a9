/* cmd_list.c - pyprobe list: the interpreters on this machine, probed in
 * parallel, one line each (or JSON). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
"Usage: pyprobe list [OPTION]...\n"
"Find the interpreters on PATH (python, python3, python3.X, python3.Xt,\n"
"pypy3, ...) and in the usual places (pyenv's versions, /usr/local/bin,\n"
"/opt/python*, ~/.local/bin, uv's and asdf's Pythons; on macOS\n"
"Homebrew's and python.org's frameworks instead of /opt/python*), probe\n"
"them in parallel and print one line each: path, version, ABI tag,\n"
"free-threaded build, abi3/abi3t, EXT_SUFFIX, sorted by implementation\n"
"and version.\n"
"Names of one interpreter (links, wrappers) are shown once. pyenv shims\n"
"are not run: the interpreters of the pyenv root they name are listed.\n"
"Interpreters that could not be probed follow, with why.\n"
"\n"
"  --json                 print every fact of each, and the other names\n"
"  -j, --jobs=N           probe N at a time (default: one per CPU)\n"
"  --timeout=SECONDS      kill an interpreter after SECONDS; default 30\n"
"  --no-cache             run every interpreter, even with a valid cached\n"
"                         answer\n"
"  -h, --help             show this help and exit\n";

static int print_table(const pyprobe_interpreters *list)
{
    size_t n = pyprobe_interpreters_count(list), width = 4, failed = 0;
    for (size_t i = 0; i < n; i++) {
        size_t w = strlen(pyprobe_interpreters_path(list, i));
        if (pyprobe_interpreters_facts(list, i) && w > width)
            width = w;
    }
    printf("%-*s  %-10s %-12s %-6s %-10s %s\n", (int)width, "PATH",
           "VERSION", "ABI TAG", "FT", "ABI3/ABI3T", "EXT_SUFFIX");
    for (size_t i = 0; i < n; i++) {
        const pyprobe_facts *facts = pyprobe_interpreters_facts(list, i);
        pyprobe_report *report = NULL;
        pyprobe_error error;
        if (!facts) {
            failed++;
            continue;
        }
        if (pyprobe_report_new(facts, NULL, &report, &error) != PYPROBE_OK)
            return cli_fail(&error);
        char stable[16];
        snprintf(stable, sizeof stable, "%s/%s",
                 cli_yes_no(report, "limited_api"),
                 cli_yes_no(report, "abi3t"));
        printf("%-*s  %-10s %-12s %-6s %-10s %s\n", (int)width,
               pyprobe_interpreters_path(list, i),
               pyprobe_report_get(report, "version"),
               pyprobe_report_get(report, "abi_tag"),
               cli_yes_no(report, "free_threaded"), stable,
               pyprobe_report_get(report, "ext_suffix"));
        pyprobe_report_free(report);
    }
    if (failed) {
        printf("\nNot probed:\n");
        for (size_t i = 0; i < n; i++) {
            const pyprobe_error *e = pyprobe_interpreters_error(list, i);
            if (e)
                printf("%s: %s\n", pyprobe_interpreters_path(list, i),
                       e->message);
        }
    }
    return 0;
}

int cmd_list(int argc, char **argv)
{
    enum { OPT_JSON = 1 };
    static const struct option options[] = {
        {"json", no_argument, NULL, OPT_JSON},
        {"jobs", required_argument, NULL, 'j'},
        {"timeout", required_argument, NULL, CLI_OPT_TIMEOUT},
        {"no-cache", no_argument, NULL, CLI_OPT_NO_CACHE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cli_source source = {0};
    int json = 0, opt;
    unsigned long jobs = 0;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":hj:", options, NULL)) != -1) {
        int handled = cli_source_option(&source, opt, optarg);
        if (handled < 0)
            return PYPROBE_ERR_USAGE;
        if (handled)
            continue;
        if (opt == OPT_JSON) {
            json = 1;
        } else if (opt == 'j') {
            char *end;
            jobs = strtoul(optarg, &end, 10);
            if (*end || !optarg[0] || jobs == 0 || jobs > 256)
                return cli_usage_error("--jobs", "'%s' is not a number from "
                                       "1 to 256", optarg);
        } else if (opt == 'h') {
            fputs(usage_text, stdout);
            return cli_close_stdout(0);
        } else {
            return cli_bad_option(opt, argv, options);
        }
    }
    if (optind < argc)
        return cli_usage_error(argv[optind], "unexpected argument");

    pyprobe_error error = {0};
    pyprobe_probe_options *probe = cli_probe_options(&source, &error);
    pyprobe_interpreters *list = NULL;
    int code = 0;
    if (!probe ||
        pyprobe_interpreters_find(probe, (unsigned)jobs, &list, &error) !=
            PYPROBE_OK) {
        code = cli_fail(&error);
    } else if (json) {
        char *text = NULL;
        if (pyprobe_interpreters_json(list, &text, &error) == PYPROBE_OK)
            fputs(text, stdout);
        else
            code = cli_fail(&error);
        pyprobe_free(text);
    } else {
        code = print_table(list);
    }
    pyprobe_interpreters_free(list);
    pyprobe_probe_options_free(probe);
    return cli_close_stdout(code);
}
