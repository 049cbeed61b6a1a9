/* cmd_tags.c - pyprobe tags: the wheel tags an interpreter installs,
 * most preferred first, one per line (as packaging.tags.sys_tags()). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static const char usage_text[] =
"Usage: pyprobe tags [OPTION]...\n"
"Print the wheel tags the interpreter installs, most preferred first, one\n"
"per line: the list packaging.tags.sys_tags() of packaging 26.3 gives.\n"
"(26.3 puts linux_<arch> before manylinux and musllinux, and names the\n"
"32-bit macOS fat binary fat3.)\n"
"\n"
CLI_SOURCE_HELP
"  -h, --help             show this help and exit\n";

int cmd_tags(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_SOURCE_OPTIONS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cli_source source = {0};
    int opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        int handled = cli_source_option(&source, opt, optarg);
        if (handled < 0)
            return PYPROBE_ERR_USAGE;
        if (handled)
            continue;
        if (opt == 'h') {
            fputs(usage_text, stdout);
            return cli_close_stdout(0);
        }
        return cli_bad_option(opt, argv, options);
    }
    if (optind < argc)
        return cli_usage_error(argv[optind], "unexpected argument");
    if (cli_source_check(&source))
        return PYPROBE_ERR_USAGE;

    pyprobe_error error = {0};
    pyprobe_facts *facts = NULL;
    pyprobe_tag_list *tags = NULL;
    pyprobe_status status = cli_source_load_tags(&source, &facts, &tags,
                                                 &error);
    if (status == PYPROBE_OK)
        for (size_t i = 0; i < pyprobe_tag_list_count(tags); i++)
            puts(pyprobe_tag_list_at(tags, i));
    pyprobe_tag_list_free(tags);
    pyprobe_facts_free(facts);
    return cli_close_stdout(status == PYPROBE_OK ? 0 : cli_fail(&error));
}
