/* common.c - error printing and helpers shared by the commands. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <getopt.h>

#include "cli.h"

int cli_fail(const pyprobe_error *error)
{
    if (error->hint[0])
        fprintf(stderr, "pyprobe: %s: %s (%s)\n", error->context,
                error->message, error->hint);
    else
        fprintf(stderr, "pyprobe: %s: %s\n", error->context, error->message);
    return error->status == PYPROBE_OK ? PYPROBE_ERR_INTERNAL : error->status;
}

int cli_usage_error(const char *context, const char *format, ...)
{
    va_list args;
    fprintf(stderr, "pyprobe: %s: ", context);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputs(" (see pyprobe --help)\n", stderr);
    return PYPROBE_ERR_USAGE;
}

int cli_parse_timeout(const char *text, unsigned long *milliseconds)
{
    unsigned long whole = 0, fraction = 0, scale = 1000;
    const char *p = text;
    if (!*p)
        return 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        whole = whole * 10 + (unsigned long)(*p - '0');
        if (whole > 86400)
            return 0;
    }
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++)
            if (scale > 1) {
                scale /= 10;
                fraction += (unsigned long)(*p - '0') * scale;
            }
    }
    if (*p != '\0' || p == text)
        return 0;
    *milliseconds = whole * 1000 + fraction;
    return *milliseconds > 0;
}

int cli_close_stdout(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        fprintf(stderr, "pyprobe: standard output: write error: %s\n",
                strerror(errno));
        return code ? code : PYPROBE_ERR_IO;
    }
    return code;
}

int cli_source_option(cli_source *source, int opt, const char *arg)
{
    switch (opt) {
    case CLI_OPT_PYTHON:
        source->python = arg;
        return 1;
    case CLI_OPT_FACTS:
        source->facts = arg;
        return 1;
    case CLI_OPT_TIMEOUT:
        if (!cli_parse_timeout(arg, &source->timeout_ms)) {
            cli_usage_error("--timeout", "'%s' is not a positive number of "
                            "seconds (at most 86400)", arg);
            return -1;
        }
        return 1;
    case CLI_OPT_USE_SYSCONFIG:
        source->use_sysconfig = 1;
        return 1;
    }
    return 0;
}

int cli_source_check(const cli_source *source)
{
    if (source->python && source->facts)
        return cli_usage_error("--facts", "cannot be combined with --python: "
                               "the facts already name their interpreter");
    return 0;
}

pyprobe_status cli_source_load(const cli_source *source,
                               pyprobe_facts **facts, pyprobe_error *error)
{
    if (source->facts)
        return pyprobe_facts_load_json(source->facts, facts, error);
    pyprobe_probe_options *options = pyprobe_probe_options_new();
    if (!options)
        return PYPROBE_ERR_INTERNAL;
    if (source->timeout_ms)
        pyprobe_probe_options_set_timeout_ms(options, source->timeout_ms);
    pyprobe_probe_options_set_use_sysconfig(options, source->use_sysconfig);
    pyprobe_status status = pyprobe_probe(source->python, options, facts,
                                          error);
    pyprobe_probe_options_free(options);
    return status;
}

pyprobe_status cli_source_load_tags(const cli_source *source,
                                    pyprobe_facts **facts,
                                    pyprobe_tag_list **tags,
                                    pyprobe_error *error)
{
    *tags = NULL;
    pyprobe_status status = cli_source_load(source, facts, error);
    if (status == PYPROBE_OK)
        status = pyprobe_tag_list_new(*facts, tags, error);
    if (status != PYPROBE_OK) {
        pyprobe_facts_free(*facts);
        *facts = NULL;
    }
    return status;
}

int cli_bad_option(int opt, char **argv)
{
    if (opt == ':')
        return cli_usage_error(argv[optind - 1], "needs a value");
    return cli_usage_error(argv[optind - 1], "unknown option");
}
