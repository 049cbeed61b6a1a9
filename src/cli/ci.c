/* ci.c - --github-output and --github-env: append every name to the
 * files that GitHub Actions names in $GITHUB_OUTPUT and $GITHUB_ENV. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct {
    const char *option, *variable;
    pyprobe_ci_format format;
} targets[CLI_GITHUB_TARGETS] = {
    {"--github-output", "GITHUB_OUTPUT", PYPROBE_CI_GITHUB_OUTPUT},
    {"--github-env", "GITHUB_ENV", PYPROBE_CI_GITHUB_ENV},
};

pyprobe_status cli_github_prepare(cli_github *github,
                                  const pyprobe_report *report,
                                  pyprobe_error *error)
{
    for (int i = 0; i < CLI_GITHUB_TARGETS; i++) {
        if (!github->wanted[i])
            continue;
        const char *path = getenv(targets[i].variable);
        if (!path || !*path) {
            snprintf(error->context, sizeof error->context, "%s",
                     targets[i].option);
            snprintf(error->message, sizeof error->message,
                     "$%s is not set", targets[i].variable);
            snprintf(error->hint, sizeof error->hint,
                     "GitHub Actions sets it in every step");
            return error->status = PYPROBE_ERR_USAGE;
        }
        github->path[i] = path;
        pyprobe_status status = pyprobe_report_ci(report, targets[i].format,
                                                  &github->text[i], error);
        if (status != PYPROBE_OK)
            return status;
    }
    return PYPROBE_OK;
}

pyprobe_status cli_github_append(const cli_github *github,
                                 pyprobe_error *error)
{
    for (int i = 0; i < CLI_GITHUB_TARGETS; i++) {
        if (!github->text[i])
            continue;
        pyprobe_status status = pyprobe_file_append(
            github->path[i], github->text[i], strlen(github->text[i]), error);
        if (status != PYPROBE_OK)
            return status;
    }
    return PYPROBE_OK;
}

void cli_github_release(cli_github *github)
{
    for (int i = 0; i < CLI_GITHUB_TARGETS; i++) {
        pyprobe_free(github->text[i]);
        github->text[i] = NULL;
    }
}
