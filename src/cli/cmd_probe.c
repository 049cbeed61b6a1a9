/* cmd_probe.c - the main job: probe an interpreter (or read a facts
 * file), decide, and write the header, the tag file, JSON or values. */
#include "config.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Room for every public name's key, for suggestions. */
#define PYPROBE_NAME_MAX 128

static const char usage_text[] =
"Usage: pyprobe [OPTION]...\n"
"   or: pyprobe COMMAND [OPTION]...    (pyprobe COMMAND --help for each)\n"
"Tell a build what a Python interpreter really is (GIL or free-threaded,\n"
"ABI, extension suffixes) and how to build extensions for it.\n"
"\n"
"Which interpreter:\n"
CLI_SOURCE_HELP
"\n"
"Policy:\n"
"  --mypyc=auto|yes|no    compile with mypyc? auto: on GIL CPython only;\n"
"                         yes: where supported, and fail elsewhere; no: never\n"
"  --mypyc-free-threaded  allow mypyc on free-threaded builds (experimental\n"
"                         upstream)\n"
"  --limited-api=3.Y      build for the stable ABI with this minimum Python\n"
"                         where the interpreter allows it (abi3: GIL\n"
"                         CPython >= 3.Y)\n"
"  --abi3t=no|yes|only    where 3.15+ allows it, build for abi3t too (yes:\n"
"                         tag abi3.abi3t) or abi3t only (only); needs\n"
"                         --limited-api; default no\n"
"\n"
"Outputs (default: a summary for people):\n"
"  --header=FILE          write a C header; every macro always defined\n"
"  --macro-prefix=PREFIX  macro prefix in the header; default PYPROBE_\n"
"  --tags=FILE            write KEY=value lines for sh, make and CI\n"
"  --json                 print every fact and decision as JSON\n"
"  --get=NAME             print one value (repeatable, one line each)\n"
"  --list-names           print every NAME with its meaning\n"
"  --github-output        append every name to $GITHUB_OUTPUT, as\n"
"                         steps.ID.outputs.NAME (GitHub Actions)\n"
"  --github-env           append every PYPROBE_NAME to $GITHUB_ENV\n"
"  --env-file=FILE        write plain PYPROBE_NAME=value lines for other\n"
"                         CI systems (a value with a newline is an error)\n"
"  FILE may be - (standard output). Regular files are replaced\n"
"  atomically, and not touched when unchanged; devices, FIFOs and\n"
"  /dev/fd/N are written through, never replaced; links are followed.\n"
"\n"
"  --print-datadir        print where pyprobe_env.py, the tag-file reader\n"
"                         for Python build hooks, is installed\n"
"  --print-aclocaldir     print where pyprobe.m4, the Autoconf macros, is\n"
"                         installed (for ACLOCAL_PATH or aclocal -I)\n"
"\n"
"  -h, --help             show this help and exit\n"
"  -V, --version          show the version and exit\n"
"\n"
"Commands:\n"
"  tags                   the wheel tags it installs, most preferred first\n"
"  check-wheel WHEEL...   whether each wheel installs, at which rank;\n"
"                         --expect-abi=TAG checks ABI tags exactly\n"
"  check-release MANIFEST DIR\n"
"                         a directory of wheels against the cells a\n"
"                         release must have\n"
"  verify-import MODULE...\n"
"                         import modules; fail if that turned the GIL on\n"
"                         (free-threaded builds)\n"
"  list                   the interpreters on PATH and in the usual\n"
"                         places, with their ABI (--json for everything)\n"
"\n"
"Exit status:\n"
"  0  success                      5  invalid answer or facts file\n"
"  1  a check said no              6  unsupported (Python 2, < 3.6)\n"
"  2  usage error                  7  cannot read or write a file\n"
"  3  interpreter not found        8  policy cannot be met\n"
"  4  interpreter failed, crashed  9  internal error\n"
"     or timed out\n";

enum {
    OPT_MYPYC = 256,
    OPT_MYPYC_FT, OPT_LIMITED_API, OPT_ABI3T, OPT_HEADER, OPT_MACRO_PREFIX,
    OPT_TAGS, OPT_JSON, OPT_GET, OPT_LIST_NAMES,
    OPT_GITHUB_OUTPUT, OPT_GITHUB_ENV, OPT_ENV_FILE, OPT_PRINT_DATADIR,
    OPT_PRINT_ACLOCALDIR
};

static const struct option long_options[] = {
    CLI_SOURCE_OPTIONS,
    {"mypyc", required_argument, NULL, OPT_MYPYC},
    {"mypyc-free-threaded", no_argument, NULL, OPT_MYPYC_FT},
    {"limited-api", required_argument, NULL, OPT_LIMITED_API},
    {"abi3t", required_argument, NULL, OPT_ABI3T},
    {"header", required_argument, NULL, OPT_HEADER},
    {"macro-prefix", required_argument, NULL, OPT_MACRO_PREFIX},
    {"tags", required_argument, NULL, OPT_TAGS},
    {"json", no_argument, NULL, OPT_JSON},
    {"get", required_argument, NULL, OPT_GET},
    {"list-names", no_argument, NULL, OPT_LIST_NAMES},
    {"github-output", no_argument, NULL, OPT_GITHUB_OUTPUT},
    {"github-env", no_argument, NULL, OPT_GITHUB_ENV},
    {"env-file", required_argument, NULL, OPT_ENV_FILE},
    {"print-datadir", no_argument, NULL, OPT_PRINT_DATADIR},
    {"print-aclocaldir", no_argument, NULL, OPT_PRINT_ACLOCALDIR},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

typedef struct request {
    cli_source source;
    const char *header;
    const char *macro_prefix;
    const char *tags;
    int json;
    const char **gets;
    size_t get_count;
    const char *env_file;
    cli_github github;
} request;

static int pick(const char *option, const char *value,
                const char *const *choices, int *result)
{
    for (int i = 0; choices[i]; i++)
        if (strcmp(value, choices[i]) == 0) {
            *result = i;
            return 1;
        }
    char list[64] = "";
    for (int i = 0; choices[i]; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                 i ? ", " : "", choices[i]);
    cli_usage_error(option, "'%s' is not one of: %s", value, list);
    return 0;
}

static int list_names(void)
{
    for (size_t i = 0; i < pyprobe_name_count(); i++)
        printf("%-22s %s\n", pyprobe_name_key(i), pyprobe_name_description(i));
    return cli_close_stdout(0);
}

/* PREFIX/share/SUB when it holds FILE, PREFIX being the directory above
 * the one of the running program: where pip puts the data of the wheel
 * (PREFIX/bin/pyprobe, PREFIX/share/...), or a moved installation. The
 * result is in BUF; 0 when there is no such directory (or the system
 * does not tell where the program is: program_path.c). */
static int beside_program(char *buf, size_t size, const char *sub,
                          const char *file)
{
    char exe[PATH_MAX];
    if (!cli_program_path(exe, sizeof exe))
        return 0;
    for (int up = 0; up < 2; up++) {    /* PREFIX/bin/pyprobe -> PREFIX */
        char *slash = strrchr(exe, '/');
        if (!slash)
            return 0;
        *slash = '\0';
    }
    int length = snprintf(buf, size, "%s/share/%s/%s", exe, sub, file);
    if (length < 0 || (size_t)length >= size || access(buf, R_OK) != 0)
        return 0;
    buf[length - strlen(file) - 1] = '\0';
    return 1;
}

/* $PYPROBE_DATADIR stands in for the installed directory, so that a
 * build tree (and its tests) can point at data/ in the sources; then the
 * directory beside the program, then the configured one. */
static int print_datadir(void)
{
    const char *dir = getenv("PYPROBE_DATADIR");
    char beside[PATH_MAX + 64];
    if (!(dir && *dir))
        dir = beside_program(beside, sizeof beside, "pyprobe", "pyprobe_env.py")
              ? beside : PYPROBE_PKGDATADIR;
    puts(dir);
    return cli_close_stdout(0);
}

/* pyprobe.m4 goes to $(datadir)/aclocal, and PYPROBE_PKGDATADIR is
 * $(datadir)/pyprobe (Automake's pkgdatadir), so the one follows from the
 * other however the prefix was set. $PYPROBE_ACLOCALDIR stands in for it,
 * as $PYPROBE_DATADIR does for the data directory; the directory beside
 * the program comes next, as for the data directory. */
static int print_aclocaldir(void)
{
    const char *dir = getenv("PYPROBE_ACLOCALDIR");
    char beside[PATH_MAX + 64];
    if (dir && *dir) {
        puts(dir);
    } else if (beside_program(beside, sizeof beside, "aclocal", "pyprobe.m4")) {
        puts(beside);
    } else {
        const char *pkgdatadir = PYPROBE_PKGDATADIR;
        const char *slash = strrchr(pkgdatadir, '/');
        int datadir_length = slash ? (int)(slash - pkgdatadir) : 0;
        printf("%.*s/aclocal\n", datadir_length, pkgdatadir);
    }
    return cli_close_stdout(0);
}

/* A word left after the options: a command given after an option
 * (getopt moved it here), or a mistyped one. */
static int bad_argument(const char *word)
{
    const char *commands[16];
    size_t count = 0;
    while (count < 16 && (commands[count] = cli_command_name(count)))
        count++;
    for (size_t i = 0; i < count; i++)
        if (strcmp(word, commands[i]) == 0)
            return cli_usage_error(word, "the command comes first: pyprobe "
                                   "%s [OPTION]...", word);
    const char *closest = cli_closest(word, commands, count);
    if (closest)
        return cli_usage_error(word, "unknown command or argument; did you "
                               "mean %s?", closest);
    return cli_usage_error(word, "unknown command or argument");
}

/* An unknown --get name, with the closest known one. */
static int bad_name(const char *name)
{
    const char *keys[PYPROBE_NAME_MAX];
    size_t count = 0;
    char lower[64];
    size_t length = 0;
    for (; name[length] && length < sizeof lower - 1; length++)
        lower[length] = (char)(name[length] >= 'A' && name[length] <= 'Z'
                                   ? name[length] - 'A' + 'a'
                                   : name[length]);
    lower[length] = '\0';
    const char *bare = strncmp(lower, "pyprobe_", 8) == 0 ? lower + 8 : lower;
    while (count < PYPROBE_NAME_MAX && count < pyprobe_name_count()) {
        keys[count] = pyprobe_name_key(count);
        count++;
    }
    const char *closest = cli_closest(bare, keys, count);
    if (closest)
        return cli_usage_error("--get", "unknown name '%s'; did you mean "
                               "%s?", name, closest);
    return cli_usage_error("--get", "unknown name '%s'; pyprobe "
                           "--list-names shows them", name);
}

static int parse(int argc, char **argv, request *req, pyprobe_policy *policy,
                 int *done)
{
    static const char *const mypyc_modes[] = {"auto", "yes", "no", NULL};
    static const char *const abi3t_modes[] = {"no", "yes", "only", NULL};
    pyprobe_error error;
    int mode, opt, abi3t_given = 0;
    const char *limited = NULL;

    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":hV", long_options, NULL)) != -1) {
        int handled = cli_source_option(&req->source, opt, optarg);
        if (handled < 0)
            return PYPROBE_ERR_USAGE;
        if (handled)
            continue;
        switch (opt) {
        case OPT_MYPYC:
            if (!pick("--mypyc", optarg, mypyc_modes, &mode))
                return PYPROBE_ERR_USAGE;
            pyprobe_policy_set_mypyc(policy, (pyprobe_mypyc_mode)mode);
            break;
        case OPT_MYPYC_FT: pyprobe_policy_set_mypyc_free_threaded(policy, 1);
            break;
        case OPT_LIMITED_API:
            if (pyprobe_policy_set_limited_api(policy, optarg, &error))
                return cli_fail(&error);
            limited = optarg;
            break;
        case OPT_ABI3T:
            if (!pick("--abi3t", optarg, abi3t_modes, &mode))
                return PYPROBE_ERR_USAGE;
            pyprobe_policy_set_abi3t(policy, (pyprobe_abi3t_mode)mode);
            abi3t_given = mode != 0;
            break;
        case OPT_HEADER: req->header = optarg; break;
        case OPT_MACRO_PREFIX: req->macro_prefix = optarg; break;
        case OPT_TAGS: req->tags = optarg; break;
        case OPT_JSON: req->json = 1; break;
        case OPT_GET:
            req->gets[req->get_count++] = optarg;
            break;
        case OPT_LIST_NAMES:
            *done = 1;
            return list_names();
        case OPT_GITHUB_OUTPUT: req->github.wanted[0] = 1; break;
        case OPT_GITHUB_ENV: req->github.wanted[1] = 1; break;
        case OPT_ENV_FILE: req->env_file = optarg; break;
        case OPT_PRINT_DATADIR:
            *done = 1;
            return print_datadir();
        case OPT_PRINT_ACLOCALDIR:
            *done = 1;
            return print_aclocaldir();
        case 'h':
            *done = 1;
            fputs(usage_text, stdout);
            return cli_close_stdout(0);
        case 'V':
            *done = 1;
            printf("pyprobe %s\n", pyprobe_version());
            return cli_close_stdout(0);
        default:
            return cli_bad_option(opt, argv, long_options);
        }
    }
    if (optind < argc)
        return bad_argument(argv[optind]);
    if (cli_source_check(&req->source))
        return PYPROBE_ERR_USAGE;
    if (req->json && req->get_count)
        return cli_usage_error("--json", "and --get both print to standard "
                               "output; choose one");
    if (abi3t_given && !limited)
        return cli_usage_error("--abi3t", "needs --limited-api (abi3t is a "
                               "stable-ABI build)");
    if (req->macro_prefix && !req->header)
        return cli_usage_error("--macro-prefix", "only applies to --header");
    for (size_t i = 0; i < req->get_count; i++)
        if (pyprobe_name_find(req->gets[i]) < 0)
            return bad_name(req->gets[i]);
    return 0;
}

/* Render every requested file first, then write them all or none. */
static pyprobe_status write_files(const request *req,
                                  const pyprobe_report *report,
                                  pyprobe_error *error)
{
    if (!req->header && !req->tags && !req->env_file)
        return PYPROBE_OK;
    pyprobe_file_set *files = pyprobe_file_set_new();
    if (!files)
        return PYPROBE_ERR_INTERNAL;
    pyprobe_status status = PYPROBE_OK;
    char *text = NULL;
    if (req->header) {
        status = pyprobe_report_header(report, req->macro_prefix, &text,
                                       error);
        if (status == PYPROBE_OK)
            status = pyprobe_file_set_add(files, req->header, text,
                                          strlen(text), error);
        pyprobe_free(text);
        text = NULL;
    }
    if (status == PYPROBE_OK && req->tags) {
        status = pyprobe_report_tags(report, &text, error);
        if (status == PYPROBE_OK)
            status = pyprobe_file_set_add(files, req->tags, text,
                                          strlen(text), error);
        pyprobe_free(text);
        text = NULL;
    }
    if (status == PYPROBE_OK && req->env_file) {
        status = pyprobe_report_ci(report, PYPROBE_CI_ENV_FILE, &text, error);
        if (status == PYPROBE_OK)
            status = pyprobe_file_set_add(files, req->env_file, text,
                                          strlen(text), error);
        pyprobe_free(text);
    }
    if (status == PYPROBE_OK)
        status = pyprobe_file_set_commit(files, error);
    pyprobe_file_set_free(files);
    return status;
}

/* The JSON for standard output, rendered before any file is written:
 * an answer JSON cannot carry (a path that is not UTF-8) must refuse
 * the files too, all or nothing. NULL without --json. */
static pyprobe_status render_json(const request *req,
                                  const pyprobe_report *report, char **json,
                                  pyprobe_error *error)
{
    *json = NULL;
    return req->json ? pyprobe_report_json(report, json, error) : PYPROBE_OK;
}

static void print_stdout(const request *req, const pyprobe_report *report,
                         const char *json)
{
    if (json) {
        fputs(json, stdout);
        return;
    }
    for (size_t i = 0; i < req->get_count; i++)
        printf("%s\n", pyprobe_report_get(report, req->gets[i]));
    if (!req->get_count && !req->header && !req->tags && !req->env_file &&
        !req->github.wanted[0] && !req->github.wanted[1])
        print_summary(stdout, report);
}

int cmd_probe(int argc, char **argv)
{
    request req = {0};
    pyprobe_error error = {0};
    pyprobe_facts *facts = NULL;
    pyprobe_report *report = NULL;
    int done = 0, code;
    pyprobe_policy *policy = pyprobe_policy_new();
    req.gets = calloc((size_t)argc + 1, sizeof *req.gets);
    if (!policy || !req.gets) {
        fputs("pyprobe: out of memory\n", stderr);
        code = PYPROBE_ERR_INTERNAL;
        goto out;
    }
    code = parse(argc, argv, &req, policy, &done);
    if (code || done)
        goto out;
    char *json = NULL;
    pyprobe_status status = cli_source_load(&req.source, &facts, &error);
    if (status == PYPROBE_OK)
        status = pyprobe_report_new(facts, policy, &report, &error);
    if (status == PYPROBE_OK && pyprobe_report_warning(report))
        fprintf(stderr, "pyprobe: warning: %s\n",
                pyprobe_report_warning(report));
    /* GitHub's files are appended to, after the others are in place */
    if (status == PYPROBE_OK)
        status = cli_github_prepare(&req.github, report, &error);
    if (status == PYPROBE_OK)
        status = render_json(&req, report, &json, &error);
    if (status == PYPROBE_OK)
        status = write_files(&req, report, &error);
    if (status == PYPROBE_OK)
        status = cli_github_append(&req.github, &error);
    if (status == PYPROBE_OK)
        print_stdout(&req, report, json);
    pyprobe_free(json);
    code = status == PYPROBE_OK ? 0 : cli_fail(&error);
    code = cli_close_stdout(code);
out:
    pyprobe_report_free(report);
    pyprobe_facts_free(facts);
    pyprobe_policy_free(policy);
    cli_github_release(&req.github);
    free(req.gets);
    return code;
}
