/* system.c - which system this is: its name and machine, its C library
 * and its processors (POSIX). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef HAVE_SYS_SYSCTL_H
#include <sys/sysctl.h>
#endif
#include <sys/utsname.h>
#include <unistd.h>

#include "os/os.h"

/* "A B" in memory the caller frees; NULL when out of memory. */
static char *two_words(const char *a, const char *b)
{
    size_t size = strlen(a) + 1 + strlen(b) + 1;
    char *text = malloc(size);
    if (text)
        snprintf(text, size, "%s %s", a, b);
    return text;
}

unsigned pp_os_processors(void)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus > 0 ? (unsigned)cpus : 1;
}

char *pp_os_machine(void)
{
    struct utsname uts;
    if (uname(&uts) != 0)
        return NULL;
    return two_words(uts.sysname, uts.machine);
}

char *pp_os_libc(void)
{
#if defined(_CS_GNU_LIBC_VERSION)
    char libc[64];
    size_t n = confstr(_CS_GNU_LIBC_VERSION, libc, sizeof libc);
    return n > 0 && n <= sizeof libc ? strdup(libc) : NULL;
#elif defined(HAVE_SYSCTLBYNAME) && defined(HAVE_SYS_SYSCTL_H)
    /* macOS 10.13.4 and later; elsewhere the name is unknown: NULL. */
    char version[64];
    size_t size = sizeof version;
    if (sysctlbyname("kern.osproductversion", version, &size, NULL, 0) != 0 ||
        size == 0 || size > sizeof version || version[size - 1] != '\0')
        return NULL;
    return two_words("macOS", version);
#else
    return NULL;
#endif
}
