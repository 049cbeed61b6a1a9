/* run.c - the part of pp_run (run.h) that is the same on every system:
 * handing the collected output over to the caller, and releasing it.
 * The back ends (os/posix/run.c, os/windows/run.c) run the program. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "probe/run.h"
#include "util/error.h"

pyprobe_status pp_run_result_take(pp_run_result *result, pp_strbuf *out,
                                  pp_strbuf *err, pyprobe_error *error)
{
    if (out->failed || err->failed)
        return pp_error_nomem(error);
    result->out_length = out->length;
    result->err_length = err->length;
    result->out = pp_strbuf_take(out);
    result->err = pp_strbuf_take(err);
    if (!result->out || !result->err) {
        pp_run_result_clear(result);
        return pp_error_nomem(error);
    }
    return PYPROBE_OK;
}

void pp_run_result_clear(pp_run_result *result)
{
    free(result->out);
    free(result->err);
    memset(result, 0, sizeof *result);
}
