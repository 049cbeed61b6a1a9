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
    __attribute__((format(PP_PRINTF, 2, 3)))
#endif
    ;

/* Parse "SECONDS" (decimal fraction allowed) into milliseconds. */
int cli_parse_timeout(const char *text, unsigned long *milliseconds);

/* Flush and close standard output; a write error (a full disk, a closed
 * pipe) is reported as an I/O error, GNU style. Returns the exit code to
 * use given the code so far. */
int cli_close_stdout(int code);

/* Which interpreter a command looks at: the options every command that
 * needs facts shares. The facts come from running it (--python), from a
 * facts file (--facts) or from a description file (--build-details,
 * --sysconfigdata, which the target options complete). */
typedef struct cli_source {
    const char *python;
    const char *facts;
    const char *build_details;
    const char *sysconfigdata;
    unsigned long timeout_ms;
    int use_sysconfig;
    int no_cache;
    const char *libc, *platform, *sysroot, *version;   /* target options */
} cli_source;

enum {
    CLI_OPT_PYTHON = 1000, CLI_OPT_FACTS, CLI_OPT_TIMEOUT,
    CLI_OPT_USE_SYSCONFIG, CLI_OPT_NO_CACHE, CLI_OPT_BUILD_DETAILS,
    CLI_OPT_SYSCONFIGDATA, CLI_OPT_LIBC, CLI_OPT_PLATFORM, CLI_OPT_SYSROOT,
    CLI_OPT_PYTHON_VERSION
};

#define CLI_SOURCE_OPTIONS                                                  \
    {"python", required_argument, NULL, CLI_OPT_PYTHON},                    \
    {"facts", required_argument, NULL, CLI_OPT_FACTS},                      \
    {"timeout", required_argument, NULL, CLI_OPT_TIMEOUT},                  \
    {"use-sysconfig", no_argument, NULL, CLI_OPT_USE_SYSCONFIG},          \
    {"no-cache", no_argument, NULL, CLI_OPT_NO_CACHE},                      \
    {"build-details", required_argument, NULL, CLI_OPT_BUILD_DETAILS},      \
    {"sysconfigdata", required_argument, NULL, CLI_OPT_SYSCONFIGDATA},      \
    {"libc", required_argument, NULL, CLI_OPT_LIBC},                        \
    {"platform", required_argument, NULL, CLI_OPT_PLATFORM},                \
    {"sysroot", required_argument, NULL, CLI_OPT_SYSROOT},                  \
    {"python-version", required_argument, NULL, CLI_OPT_PYTHON_VERSION}

#define CLI_SOURCE_HELP                                                     \
"  --python=PY            the interpreter: a path, or a command looked up\n" \
"                         on PATH; default: $PYTHON, then python3, python\n" \
"  --facts=FILE           read facts written by pyprobe --json instead of\n" \
"                         running an interpreter\n"                         \
"  --timeout=SECONDS      kill the interpreter (and its process group)\n"   \
"                         after SECONDS; default 30\n"                       \
"  --use-sysconfig        have it import sysconfig instead of reading its\n" \
"                         build-time table directly (slower)\n"            \
"  --no-cache             run the interpreter even if the cache holds a\n" \
"                         valid answer, and do not store one\n"            \
"  --build-details=FILE   describe the interpreter from its PEP 739\n"     \
"                         build-details.json, without running it\n"       \
"  --sysconfigdata=FILE   describe it from its _sysconfigdata_*.py file\n" \
"                         (parsed, never run), for targets before 3.14\n" \
"  with those, what the file cannot say:\n"                                \
"  --libc=glibc-X.Y|musl-X.Y|none   the target's C library (for tags)\n"  \
"  --platform=PLATFORM    its sysconfig.get_platform(), e.g. linux-armv7l\n" \
"  --sysroot=DIR          where its files are here (default: worked out\n" \
"                         from where the file is; / for as written)\n"    \
"  --python-version=X.Y.Z its full version, if its patchlevel.h is absent\n"

/* Handle one of the CLI_SOURCE_OPTIONS. Returns 0 when opt is not one of
 * them, 1 when it was handled, -1 after printing a usage error. */
int cli_source_option(cli_source *source, int opt, const char *arg);

/* After parsing: refuse more than one source, and target options without
 * a description file. Returns an exit code. */
int cli_source_check(const cli_source *source);

/* The probe options the source options ask for (the cache unless
 * --no-cache or $PYPROBE_NO_CACHE). NULL, with the error set, on out of
 * memory. Caller frees. */
pyprobe_probe_options *cli_probe_options(const cli_source *source,
                                         pyprobe_error *error);

/* Probe the interpreter or read the facts file. */
pyprobe_status cli_source_load(const cli_source *source,
                               pyprobe_facts **facts, pyprobe_error *error);

/* cli_source_load, then the interpreter's wheel tags. On failure both
 * are NULL. */
pyprobe_status cli_source_load_tags(const cli_source *source,
                                    pyprobe_facts **facts,
                                    pyprobe_tag_list **tags,
                                    pyprobe_error *error);

/* Usage error for an option getopt_long did not accept (suggest.c),
 * naming the closest of options ("did you mean --python?"). */
struct option;
int cli_bad_option(int opt, char **argv, const struct option *options);

/* The candidate closest to word, when it is close enough to be what was
 * meant (a few letters wrong, missing, extra or swapped); else NULL. */
const char *cli_closest(const char *word, const char *const *candidates,
                        size_t count);

/* The commands' names (main.c), NULL past the last. */
const char *cli_command_name(size_t index);

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
int cmd_list(int argc, char **argv);

/* Ctrl-C and termination end the running interpreters first
 * (stop_posix.c or stop_windows.c, as the system). */
void handle_stop_signals(void);

/* The running program's own path, links followed, in buf: 1, or 0
 * when the system does not tell (program_path.c says where it does). */
int cli_program_path(char *buf, size_t size);

/* The human summary printed when no output was asked for. */
void print_summary(FILE *out, const pyprobe_report *report);

/* "yes" or "no" for a boolean name of report, for people. */
const char *cli_yes_no(const pyprobe_report *report, const char *name);

#endif
