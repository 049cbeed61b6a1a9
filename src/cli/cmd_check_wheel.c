/* cmd_check_wheel.c - pyprobe check-wheel: does each wheel install on
 * the interpreter, and at which rank; with --expect-abi, is its ABI tag
 * exactly the one expected. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
"Usage: pyprobe check-wheel [OPTION]... WHEEL...\n"
"For each wheel file name print RANK NAME, where RANK is the position\n"
"(0 = most preferred) of its best tag among the interpreter's tags;\n"
"'- WHY NAME' when it does not install there, WHY being python-tag,\n"
"abi, platform or needs-glibc-X.Y (needs-musl-, needs-macos-: a newer\n"
"release than this one); '! NAME: REASON' when the name is malformed.\n"
"Exit status 0 when every wheel installs (and has the expected ABI),\n"
"1 otherwise.\n"
"\n"
"  --expect-abi=TAG       fail unless each wheel's ABI tags hold TAG (or\n"
"                         every tag of a set like abi3.abi3t), compared\n"
"                         whole: cp314 never matches cp314t, abi3 never\n"
"                         abi3t\n"
CLI_SOURCE_HELP
"  -h, --help             show this help and exit\n";

enum { OPT_EXPECT_ABI = 1 };

static int valid_tag_set(const char *tags)
{
    if (!tags[0] || tags[0] == '.')
        return 0;
    for (const char *p = tags; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '_' ||
              (*p == '.' && p[1] && p[1] != '.')))
            return 0;
    return 1;
}

/* One wheel: print its line; 1 if it passes. */
static int check_one(const char *name, const pyprobe_tag_list *tags,
                     const char *expect_abi)
{
    pyprobe_wheel *wheel = NULL;
    pyprobe_error error = {0};
    if (pyprobe_wheel_parse(name, &wheel, &error) != PYPROBE_OK) {
        printf("! %s: %s\n", name, error.message);
        return 0;
    }
    size_t rank;
    char why[32];
    int installs = pyprobe_tag_list_rank(tags, wheel, &rank);
    if (installs)
        printf("%zu %s\n", rank, name);
    else
        printf("- %s %s\n", pyprobe_tag_list_why_not(tags, wheel, why,
                                                     sizeof why), name);
    int ok = installs;
    if (expect_abi && !pyprobe_wheel_has_tags(wheel, 1, expect_abi)) {
        fflush(stdout);
        fprintf(stderr, "pyprobe: %s: its ABI tag is %s, expected %s\n",
                name, pyprobe_wheel_abi_tags(wheel), expect_abi);
        ok = 0;
    }
    pyprobe_wheel_free(wheel);
    return ok;
}

int cmd_check_wheel(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_SOURCE_OPTIONS,
        {"expect-abi", required_argument, NULL, OPT_EXPECT_ABI},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cli_source source = {0};
    const char *expect_abi = NULL;
    int opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        int handled = cli_source_option(&source, opt, optarg);
        if (handled < 0)
            return PYPROBE_ERR_USAGE;
        if (handled)
            continue;
        if (opt == OPT_EXPECT_ABI) {
            if (!valid_tag_set(optarg))
                return cli_usage_error("--expect-abi", "'%s' is not an ABI "
                                       "tag (or a set like abi3.abi3t)",
                                       optarg);
            expect_abi = optarg;
        } else if (opt == 'h') {
            fputs(usage_text, stdout);
            return cli_close_stdout(0);
        } else {
            return cli_bad_option(opt, argv, options);
        }
    }
    if (optind >= argc)
        return cli_usage_error("check-wheel", "name at least one wheel");
    if (cli_source_check(&source))
        return PYPROBE_ERR_USAGE;

    pyprobe_error error = {0};
    pyprobe_facts *facts = NULL;
    pyprobe_tag_list *tags = NULL;
    pyprobe_status status = cli_source_load_tags(&source, &facts, &tags,
                                                 &error);
    int code;
    if (status != PYPROBE_OK) {
        code = cli_fail(&error);
    } else {
        int all = 1;
        for (int i = optind; i < argc; i++)
            all &= check_one(argv[i], tags, expect_abi);
        code = all ? 0 : PYPROBE_ERR_NEGATIVE;
    }
    pyprobe_tag_list_free(tags);
    pyprobe_facts_free(facts);
    return cli_close_stdout(code);
}
