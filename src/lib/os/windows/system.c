/* system.c - which system this is: its name and machine, its C library
 * and its processors (Windows). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "os/os.h"

char *pp_os_machine(void)
{
    SYSTEM_INFO info;
    GetNativeSystemInfo(&info);
    switch (info.wProcessorArchitecture) {
    case PROCESSOR_ARCHITECTURE_AMD64:
        return strdup("Windows AMD64");
    case PROCESSOR_ARCHITECTURE_ARM64:
        return strdup("Windows ARM64");
    case PROCESSOR_ARCHITECTURE_INTEL:
        return strdup("Windows x86");
    default:
        return NULL;
    }
}

/* No C library identity to key the cache by: an interpreter brings its
 * own runtime DLLs, which the probe's answer does not depend on. */
char *pp_os_libc(void)
{
    return NULL;
}

unsigned pp_os_processors(void)
{
    SYSTEM_INFO info;
    GetSystemInfo(&info);
    return info.dwNumberOfProcessors > 0 ? info.dwNumberOfProcessors : 1;
}
