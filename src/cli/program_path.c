/* program_path.c - where the running pyprobe program is, links
 * followed, for --print-datadir and --print-aclocaldir (a wheel's or a
 * moved installation's data beside the program). Chosen by configure's
 * checks, not by system name: macOS has _NSGetExecutablePath
 * (<mach-o/dyld.h>), Linux /proc/self/exe; elsewhere (Windows, the
 * BSDs) the program does not say, and the configured directories are
 * used. This is the program's own question, so it lives beside the
 * program, which links only libpyprobe's public interface. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef HAVE_MACH_O_DYLD_H
#include <mach-o/dyld.h>
#include <stdint.h>
#endif

#include "cli.h"

int cli_program_path(char *buf, size_t size)
{
#if defined(HAVE__NSGETEXECUTABLEPATH) && defined(HAVE_MACH_O_DYLD_H)
    /* The path the program was started by: it may hold links and "..",
     * so realpath makes it the file itself, as /proc/self/exe is. */
    char raw[PATH_MAX];
    char real[PATH_MAX];
    uint32_t raw_size = sizeof raw;
    if (_NSGetExecutablePath(raw, &raw_size) != 0 || !realpath(raw, real) ||
        strlen(real) >= size)
        return 0;
    strcpy(buf, real);
    return 1;
#elif defined(HAVE_PROC_SELF_EXE)
    if (size < 2)
        return 0;
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n <= 0 || (size_t)n >= size - 1)
        return 0;
    buf[n] = '\0';
    return 1;
#else
    (void)buf;
    (void)size;
    return 0;
#endif
}
