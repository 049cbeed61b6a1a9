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
    case CLI_OPT_NO_CACHE:
        source->no_cache = 1;
        return 1;
    case CLI_OPT_BUILD_DETAILS:
        source->build_details = arg;
        return 1;
    case CLI_OPT_SYSCONFIGDATA:
        source->sysconfigdata = arg;
        return 1;
    case CLI_OPT_LIBC:
        source->libc = arg;
        return 1;
    case CLI_OPT_PLATFORM:
        source->platform = arg;
        return 1;
    case CLI_OPT_SYSROOT:
        source->sysroot = arg;
        return 1;
    case CLI_OPT_PYTHON_VERSION:
        source->version = arg;
        return 1;
    }
    return 0;
}

int cli_source_check(const cli_source *source)
{
    if (source->python && source->facts)
        return cli_usage_error("--facts", "cannot be combined with --python: "
                               "the facts already name their interpreter");
    const char *given[] = {
        source->python ? "--python" : NULL, source->facts ? "--facts" : NULL,
        source->build_details ? "--build-details" : NULL,
        source->sysconfigdata ? "--sysconfigdata" : NULL,
    };
    const char *first = NULL;
    for (size_t i = 0; i < sizeof given / sizeof given[0]; i++) {
        if (given[i] && first)
            return cli_usage_error(given[i], "cannot be combined with %s: "
                                   "name one source of facts", first);
        if (given[i])
            first = given[i];
    }
    const char *target[] = {
        source->libc ? "--libc" : NULL,
        source->platform ? "--platform" : NULL,
        source->sysroot ? "--sysroot" : NULL,
        source->version ? "--python-version" : NULL,
    };
    for (size_t i = 0; i < sizeof target / sizeof target[0]; i++)
        if (target[i] && !source->build_details && !source->sysconfigdata)
            return cli_usage_error(target[i], "describes a target: only "
                                   "with --build-details or --sysconfigdata");
    return 0;
}

/* The facts from a description file, with the target options. */
static pyprobe_status load_description(const cli_source *source,
                                       pyprobe_facts **facts,
                                       pyprobe_error *error)
{
    pyprobe_target *target = pyprobe_target_new();
    if (!target) {
        *error = (pyprobe_error){PYPROBE_ERR_INTERNAL, "pyprobe",
                                 "out of memory", ""};
        return PYPROBE_ERR_INTERNAL;
    }
    pyprobe_status status = PYPROBE_OK;
    if (source->libc)
        status = pyprobe_target_set_libc(target, source->libc, error);
    if (status == PYPROBE_OK && source->platform)
        status = pyprobe_target_set_platform(target, source->platform, error);
    if (status == PYPROBE_OK && source->sysroot)
        status = pyprobe_target_set_sysroot(target, source->sysroot, error);
    if (status == PYPROBE_OK && source->version)
        status = pyprobe_target_set_version(target, source->version, error);
    if (status == PYPROBE_OK)
        status = source->build_details
                     ? pyprobe_facts_from_build_details(source->build_details,
                                                        target, facts, error)
                     : pyprobe_facts_from_sysconfigdata(source->sysconfigdata,
                                                        target, facts, error);
    pyprobe_target_free(target);
    return status;
}

pyprobe_probe_options *cli_probe_options(const cli_source *source,
                                         pyprobe_error *error)
{
    pyprobe_probe_options *options = pyprobe_probe_options_new();
    /* --no-cache: no cached answers; the script's bytecode cannot change
     * an answer, so it is kept either way. */
    const char *no_cache = getenv("PYPROBE_NO_CACHE");
    unsigned cache = PYPROBE_CACHE_SCRIPT;
    if (!source->no_cache && !(no_cache && no_cache[0]))
        cache |= PYPROBE_CACHE_ANSWERS;
    if (!options ||
        pyprobe_probe_options_set_cache(options, cache, NULL) != PYPROBE_OK) {
        pyprobe_probe_options_free(options);
        *error = (pyprobe_error){PYPROBE_ERR_INTERNAL, "pyprobe",
                                 "out of memory", ""};
        return NULL;
    }
    if (source->timeout_ms)
        pyprobe_probe_options_set_timeout_ms(options, source->timeout_ms);
    pyprobe_probe_options_set_use_sysconfig(options, source->use_sysconfig);
    return options;
}

pyprobe_status cli_source_load(const cli_source *source,
                               pyprobe_facts **facts, pyprobe_error *error)
{
    if (source->facts)
        return pyprobe_facts_load_json(source->facts, facts, error);
    if (source->build_details || source->sysconfigdata)
        return load_description(source, facts, error);
    pyprobe_probe_options *options = cli_probe_options(source, error);
    if (!options)
        return PYPROBE_ERR_INTERNAL;
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

const char *cli_yes_no(const pyprobe_report *report, const char *name)
{
    return strcmp(pyprobe_report_get(report, name), "1") == 0 ? "yes" : "no";
}
