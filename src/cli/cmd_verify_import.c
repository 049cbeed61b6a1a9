/* cmd_verify_import.c - pyprobe verify-import: import modules in the
 * interpreter and fail if that turned the GIL back on. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
"Usage: pyprobe verify-import [OPTION]... MODULE...\n"
"Import each MODULE in the interpreter as installed code is imported:\n"
"isolated (-I: no user site directory, no PYTHONPATH), with the\n"
"interpreter's site-packages, and each --path DIR first on sys.path. On a\n"
"free-threaded build, fail if importing a module turned the GIL back on\n"
"(an extension module that does not declare Py_mod_gil). Prints 'ok\n"
"MODULE' for each module that passes; each problem is one line on\n"
"standard error.\n"
"\n"
"  --path=DIR             put DIR first on sys.path (repeatable; the\n"
"                         first given comes first)\n"
"  --python=PY            the interpreter: a path, or a command looked up\n"
"                         on PATH; default: $PYTHON, then python3, python\n"
"  --facts=FILE           run the interpreter a facts file names\n"
"  --timeout=SECONDS      kill the interpreter (and its process group)\n"
"                         after SECONDS; default 30\n"
"  -h, --help             show this help and exit\n"
"\n"
"Exit status:\n"
"  0  every module imports (and, free-threaded, keeps the GIL off)\n"
"  1  a module turned the GIL on or did not import, or the GIL was on\n"
"     before any import\n"
"  2  usage error\n"
"  3  interpreter not found\n"
"  4  interpreter failed before importing, crashed then, or timed out\n"
"  5  its answer, or the facts file, is invalid\n"
"  6  the facts file is of an unsupported interpreter\n"
"  7  the facts file or standard output cannot be read or written\n"
"  9  internal error\n";

enum { OPT_PATH = 1 };

/* Which interpreter: --python, or the one --facts names. */
static int pick_python(const cli_source *source, char **python)
{
    *python = NULL;
    if (!source->facts)
        return 0;
    pyprobe_error error = {0};
    pyprobe_facts *facts = NULL;
    if (pyprobe_facts_load_json(source->facts, &facts, &error) != PYPROBE_OK)
        return cli_fail(&error);
    *python = strdup(pyprobe_facts_python(facts));
    pyprobe_facts_free(facts);
    if (!*python) {
        fputs("pyprobe: out of memory\n", stderr);
        return PYPROBE_ERR_INTERNAL;
    }
    return 0;
}

static void report(const pyprobe_import_check *check)
{
    int free_threaded = pyprobe_import_check_free_threaded(check);
    for (size_t i = 0; i < pyprobe_import_check_count(check); i++) {
        const char *module = pyprobe_import_check_module(check, i);
        const char *detail = pyprobe_import_check_detail(check, i);
        switch (pyprobe_import_check_result(check, i)) {
        case PYPROBE_IMPORT_OK:
            printf("ok %s%s\n", module, free_threaded ? "" :
                   " (a GIL build: only the import was checked)");
            break;
        case PYPROBE_IMPORT_GIL_ENABLED:
            fflush(stdout);
            if (detail[0])
                fprintf(stderr, "pyprobe: %s: importing it turned the GIL "
                        "on: module '%s' has not declared that it can run "
                        "without the GIL (Py_mod_gil)\n", module, detail);
            else
                fprintf(stderr, "pyprobe: %s: importing it turned the GIL "
                        "on\n", module);
            break;
        case PYPROBE_IMPORT_FAILED:
            fflush(stdout);
            fprintf(stderr, "pyprobe: %s: cannot import it: %s\n", module,
                    detail);
            break;
        }
    }
}

int cmd_verify_import(int argc, char **argv)
{
    static const struct option options[] = {
        {"path", required_argument, NULL, OPT_PATH},
        {"python", required_argument, NULL, CLI_OPT_PYTHON},
        {"facts", required_argument, NULL, CLI_OPT_FACTS},
        {"timeout", required_argument, NULL, CLI_OPT_TIMEOUT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cli_source source = {0};
    const char **paths = calloc((size_t)argc, sizeof *paths);
    size_t path_count = 0;
    char *python = NULL;
    int opt, code;
    if (!paths) {
        fputs("pyprobe: out of memory\n", stderr);
        return PYPROBE_ERR_INTERNAL;
    }
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        int handled = cli_source_option(&source, opt, optarg);
        if (handled < 0) {
            code = PYPROBE_ERR_USAGE;
            goto out;
        }
        if (handled)
            continue;
        if (opt == OPT_PATH) {
            paths[path_count++] = optarg;
        } else if (opt == 'h') {
            fputs(usage_text, stdout);
            code = cli_close_stdout(0);
            goto out;
        } else {
            code = cli_bad_option(opt, argv, options);
            goto out;
        }
    }
    if (optind >= argc) {
        code = cli_usage_error("verify-import", "name at least one module");
        goto out;
    }
    if ((code = cli_source_check(&source)) != 0 ||
        (code = pick_python(&source, &python)) != 0)
        goto out;

    pyprobe_probe_options *run = pyprobe_probe_options_new();
    if (!run) {
        fputs("pyprobe: out of memory\n", stderr);
        code = PYPROBE_ERR_INTERNAL;
        goto out;
    }
    if (source.timeout_ms)
        pyprobe_probe_options_set_timeout_ms(run, source.timeout_ms);
    pyprobe_error error = {0};
    pyprobe_import_check *check = NULL;
    pyprobe_status status = pyprobe_import_check_new(
        python ? python : source.python, run, paths, path_count,
        (const char *const *)argv + optind, (size_t)(argc - optind), &check,
        &error);
    pyprobe_probe_options_free(run);
    if (status != PYPROBE_OK) {
        code = cli_fail(&error);
    } else {
        report(check);
        code = pyprobe_import_check_problems(check) ? PYPROBE_ERR_NEGATIVE
                                                    : 0;
    }
    pyprobe_import_check_free(check);
    code = cli_close_stdout(code);
out:
    free(python);
    free(paths);
    return code;
}
