/* bench-tags.c - micro-benchmark of pp_sys_tags(): CPU time per tag list
 * for the inputs of the cpython-3.15t fact sheet (x86_64, glibc 2.36,
 * free-threaded; 1206 tags). Not a test: it prints a figure.
 *   usage: bench-tags [N]    (default N = 2000 lists) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "packaging/tags.h"
#include "util/strlist.h"

static double cpu_seconds(void)
{
    struct timespec now;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/* The values recorded in tests/fixtures/interpreters/cpython-3.15t.json. */
static pp_tag_inputs sheet_inputs(void)
{
    static const char *const suffixes[] = {
        ".cpython-315t-x86_64-linux-gnu.so", ".abi3t-x86_64-linux-gnu.so",
        ".abi3t.so", ".so"};
    pp_tag_inputs in = {0};
    in.implementation = "cpython";
    in.major = 3;
    in.minor = 15;
    in.py_version_nodot = "315";
    in.py_debug = 0;
    in.gil_disabled = 1;
    in.with_pymalloc = 1;
    in.unicode_size = -1;
    in.maxunicode = 0x10FFFF;
    in.extension_suffixes = suffixes;
    in.extension_suffix_count = sizeof suffixes / sizeof *suffixes;
    in.ext_suffix = suffixes[0];
    in.system = "Linux";
    in.sysconfig_platform = "linux-x86_64";
    in.is_32bit = 0;
    in.glibc_major = 2;
    in.glibc_minor = 36;
    in.musl_major = in.musl_minor = -1;
    in.elf_known = 1;
    in.elf_class = 2;
    in.elf_data = 1;
    in.elf_machine = 62;
    in.mac_major = in.mac_minor = -1;
    return in;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 2000;
    if (n <= 0) {
        fprintf(stderr, "usage: bench-tags [N]\n");
        return 2;
    }
    pp_tag_inputs in = sheet_inputs();
    pyprobe_error error;
    size_t count = 0;
    double start = cpu_seconds();
    for (long i = 0; i < n; i++) {
        pp_strlist tags = PP_STRLIST_INIT;
        if (pp_sys_tags(&in, &tags, &error) != PYPROBE_OK) {
            fprintf(stderr, "bench-tags: %s\n", error.message);
            return 1;
        }
        count = tags.count;
        pp_strlist_clear(&tags);
    }
    double elapsed = cpu_seconds() - start;
    printf("pp_sys_tags: %zu tags, %ld lists, %.1f us CPU per list "
           "(including freeing it)\n", count, n, elapsed * 1e6 / (double)n);
    return 0;
}
