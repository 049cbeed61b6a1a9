/* cli.h - what the pyprobe commands share. */
#ifndef PYPROBE_CLI_H
#define PYPROBE_CLI_H

#include <stdio.h>

#include "pyprobe.h"

/* Print "pyprobe: CONTEXT: MESSAGE (HINT)" on stderr; return the status
 * as an exit code. */
int cli_fail(const pyprobe_error *error);

/* Print "pyprobe: CONTEXT: MESSAGE" for a usage problem, with a pointer
 * to --help; return the usage exit code. */
int cli_usage_error(const char *context, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Parse "SECONDS" (decimal fraction allowed) into milliseconds. */
int cli_parse_timeout(const char *text, unsigned long *milliseconds);

/* Flush and close standard output; a write error (a full disk, a closed
 * pipe) is reported as an I/O error, GNU style. Returns the exit code to
 * use given the code so far. */
int cli_close_stdout(int code);

/* Which interpreter a command looks at: the options every command that
 * needs facts shares (--python, --facts, --timeout, --use-sysconfig). */
typedef struct cli_source {
    const char *python;
    const char *facts;
    unsigned long timeout_ms;
    int use_sysconfig;
} cli_source;

enum {
    CLI_OPT_PYTHON = 1000, CLI_OPT_FACTS, CLI_OPT_TIMEOUT,
    CLI_OPT_USE_SYSCONFIG
};

#define CLI_SOURCE_OPTIONS                                                  \
    {"python", required_argument, NULL, CLI_OPT_PYTHON},                    \
    {"facts", required_argument, NULL, CLI_OPT_FACTS},                      \
    {"timeout", required_argument, NULL, CLI_OPT_TIMEOUT},                  \
    {"use-sysconfig", no_argument, NULL, CLI_OPT_USE_SYSCONFIG}

#define CLI_SOURCE_HELP                                                     \
"  --python=PY            the interpreter: a path, or a command looked up\n" \
"                         on PATH; default: $PYTHON, then python3, python\n" \
"  --facts=FILE           read facts written by pyprobe --json instead of\n" \
"                         running an interpreter\n"                         \
"  --timeout=SECONDS      kill the interpreter (and its process group)\n"   \
"                         after SECONDS; default 30\n"                       \
"  --use-sysconfig        have it import sysconfig instead of reading its\n" \
"                         build-time table directly (slower)\n"

/* Handle one of the CLI_SOURCE_OPTIONS. Returns 0 when opt is not one of
 * them, 1 when it was handled, -1 after printing a usage error. */
int cli_source_option(cli_source *source, int opt, const char *arg);

/* After parsing: refuse --python with --facts. Returns an exit code. */
int cli_source_check(const cli_source *source);

/* Probe the interpreter or read the facts file. */
pyprobe_status cli_source_load(const cli_source *source,
                               pyprobe_facts **facts, pyprobe_error *error);

/* cli_source_load, then the interpreter's wheel tags. On failure both
 * are NULL. */
pyprobe_status cli_source_load_tags(const cli_source *source,
                                    pyprobe_facts **facts,
                                    pyprobe_tag_list **tags,
                                    pyprobe_error *error);

/* Usage error for an option getopt_long did not accept. */
int cli_bad_option(int opt, char **argv);

/* --github-output and --github-env (ci.c). prepare renders the blocks
 * and checks that the variables naming the files are set, before any
 * file is written; append then appends each block all or nothing. */
#define CLI_GITHUB_TARGETS 2
typedef struct cli_github {
    int wanted[CLI_GITHUB_TARGETS];    /* [0] output, [1] env */
    const char *path[CLI_GITHUB_TARGETS];
    char *text[CLI_GITHUB_TARGETS];
} cli_github;

pyprobe_status cli_github_prepare(cli_github *github,
                                  const pyprobe_report *report,
                                  pyprobe_error *error);
pyprobe_status cli_github_append(const cli_github *github,
                                 pyprobe_error *error);
void cli_github_release(cli_github *github);

/* The commands. */
int cmd_probe(int argc, char **argv);
int cmd_tags(int argc, char **argv);
int cmd_check_wheel(int argc, char **argv);
int cmd_check_release(int argc, char **argv);
int cmd_verify_import(int argc, char **argv);

/* The human summary printed when no output was asked for. */
void print_summary(FILE *out, const pyprobe_report *report);

#endif
