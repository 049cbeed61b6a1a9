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

/* The commands. */
int cmd_probe(int argc, char **argv);

/* The human summary printed when no output was asked for. */
void print_summary(FILE *out, const pyprobe_report *report);

#endif
