/* check_macho.c - what a Mach-O program loads, on images crafted here
 * byte by byte (no Mac, no Mach-O toolchain needed): thin arm64 and
 * x86_64, 32-bit and byte-swapped headers, fat/universal2 files, the
 * install names python.org, Homebrew and a --enable-shared build use,
 * and damaged files. The layouts are <mach-o/loader.h>'s and
 * <mach-o/fat.h>'s. */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "probe/macho.h"
#include "unit.h"

#define CPU_TYPE_X86_64 0x01000007u
#define CPU_TYPE_ARM64 0x0100000cu
#define LC_LOAD_DYLIB 0xcu
#define LC_LOAD_WEAK_DYLIB 0x80000018u
#define LC_REEXPORT_DYLIB 0x8000001fu
#define LC_UUID 0x1bu
#define LC_RPATH 0x8000001cu

static const char *const names[] = {
    "libpython", "libpypy", "Python.framework/", "PythonT.framework/", NULL,
};

typedef struct image {
    unsigned char bytes[4096];
    size_t length;
    int big;                 /* the byte order of the thin image's fields */
} image;

static void put(image *im, size_t at, uint64_t value, int size, int big)
{
    for (int i = 0; i < size; i++)
        im->bytes[at + (size_t)(big ? size - 1 - i : i)] =
            (unsigned char)(value >> (8 * i));
}

/* A thin header at offset: magic 0xfeedfacf (64-bit) or 0xfeedface. */
static void thin_header(image *im, size_t at, int wide, uint32_t cpu)
{
    memset(im->bytes + at, 0, wide ? 32 : 28);
    put(im, at, wide ? 0xfeedfacfu : 0xfeedfaceu, 4, im->big);
    put(im, at + 4, cpu, 4, im->big);
    put(im, at + 12, 2, 4, im->big);                       /* MH_EXECUTE */
    im->length = at + (wide ? 32 : 28);
}

/* Append a load command naming name (a dylib_command when name is
 * set), and count it in the header at offset at. */
static void command(image *im, size_t at, uint32_t cmd, const char *name)
{
    size_t start = im->length;
    size_t size = name ? (24 + strlen(name) + 1 + 7) / 8 * 8 : 24;
    memset(im->bytes + start, 0, size);
    put(im, start, cmd, 4, im->big);
    put(im, start + 4, size, 4, im->big);
    if (name) {
        put(im, start + 8, 24, 4, im->big);      /* dylib.name.offset */
        memcpy(im->bytes + start + 24, name, strlen(name));
    }
    im->length += size;
    uint32_t ncmds = 0, sizeofcmds = 0;
    for (int i = 0; i < 4; i++) {
        int k = im->big ? 3 - i : i;
        ncmds |= (uint32_t)im->bytes[at + 16 + (size_t)k] << (8 * i);
        sizeofcmds |= (uint32_t)im->bytes[at + 20 + (size_t)k] << (8 * i);
    }
    put(im, at + 16, ncmds + 1, 4, im->big);
    put(im, at + 20, sizeofcmds + size, 4, im->big);
}

static char saved[] = "/tmp/check_macho_XXXXXX";

static const char *save(const image *im)
{
    strcpy(saved, "/tmp/check_macho_XXXXXX");
    int fd = mkstemp(saved);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, im->bytes, im->length), (ssize_t)im->length);
    close(fd);
    return saved;
}

static int needs(const image *im)
{
    int result = pp_macho_needs(save(im), names);
    unlink(saved);
    return result;
}

/* A thin program loading libSystem and then library (NULL: none). */
static void program(image *im, size_t at, int wide, uint32_t cpu,
                    uint32_t cmd, const char *library)
{
    thin_header(im, at, wide, cpu);
    command(im, at, LC_UUID, NULL);
    command(im, at, LC_LOAD_DYLIB, "/usr/lib/libSystem.B.dylib");
    if (library)
        command(im, at, cmd, library);
}

START_TEST(test_thin)
{
    image im = {.big = 0};
    /* python.org's python3.13 on arm64, and its free-threaded one */
    program(&im, 0, 1, CPU_TYPE_ARM64, LC_LOAD_DYLIB,
            "/Library/Frameworks/Python.framework/Versions/3.13/Python");
    ck_assert_int_eq(needs(&im), 1);
    program(&im, 0, 1, CPU_TYPE_ARM64, LC_LOAD_DYLIB,
            "/Library/Frameworks/PythonT.framework/Versions/3.13/PythonT");
    ck_assert_int_eq(needs(&im), 1);
    /* Homebrew's, on x86_64 */
    program(&im, 0, 1, CPU_TYPE_X86_64, LC_LOAD_DYLIB,
            "/usr/local/opt/python@3.13/Frameworks/Python.framework/Versions/3.13/Python");
    ck_assert_int_eq(needs(&im), 1);
    /* a --enable-shared build through @rpath, weakly, or re-exported */
    program(&im, 0, 1, CPU_TYPE_ARM64, LC_LOAD_WEAK_DYLIB,
            "@rpath/libpython3.14t.dylib");
    ck_assert_int_eq(needs(&im), 1);
    program(&im, 0, 1, CPU_TYPE_X86_64, LC_REEXPORT_DYLIB,
            "@executable_path/../lib/libpypy3.10-c.dylib");
    ck_assert_int_eq(needs(&im), 1);
    /* a static build (uv's python-build-standalone): libSystem only */
    program(&im, 0, 1, CPU_TYPE_ARM64, 0, NULL);
    ck_assert_int_eq(needs(&im), 0);
    /* names that only look alike are not libpython */
    program(&im, 0, 1, CPU_TYPE_ARM64, LC_LOAD_DYLIB,
            "/opt/lib/MyPython.framework/Versions/A/MyPython");
    ck_assert_int_eq(needs(&im), 0);
    program(&im, 0, 1, CPU_TYPE_ARM64, LC_LOAD_DYLIB,
            "/opt/libpython/libfoo.dylib");
    ck_assert_int_eq(needs(&im), 0);
    /* an LC_RPATH naming the framework loads nothing */
    program(&im, 0, 1, CPU_TYPE_ARM64, 0, NULL);
    thin_header(&im, 0, 1, CPU_TYPE_ARM64);
    command(&im, 0, LC_RPATH, NULL);
    ck_assert_int_eq(needs(&im), 0);
}
END_TEST

START_TEST(test_other_orders_and_widths)
{
    image im = {.big = 0};
    program(&im, 0, 0, 7, LC_LOAD_DYLIB,                     /* i386 */
            "/Library/Frameworks/Python.framework/Versions/2.7/Python");
    ck_assert_int_eq(needs(&im), 1);
    im.big = 1;                                             /* ppc64 */
    program(&im, 0, 1, 0x01000012u, LC_LOAD_DYLIB,
            "/Library/Frameworks/Python.framework/Versions/2.7/Python");
    ck_assert_int_eq(needs(&im), 1);
    program(&im, 0, 1, 0x01000012u, 0, NULL);
    ck_assert_int_eq(needs(&im), 0);
}
END_TEST

/* A universal2 file of two slices, x86_64 first (as lipo orders them),
 * each loading library_x86 or library_arm (NULL: none). */
static void universal2(image *im, int fat64, const char *library_x86,
                       const char *library_arm)
{
    size_t entry = fat64 ? 32 : 20;
    size_t offsets[2] = {1024, 2048};
    uint32_t cpus[2] = {CPU_TYPE_X86_64, CPU_TYPE_ARM64};
    const char *libraries[2] = {library_x86, library_arm};
    memset(im->bytes, 0, sizeof im->bytes);
    put(im, 0, fat64 ? 0xcafebabfu : 0xcafebabeu, 4, 1);
    put(im, 4, 2, 4, 1);
    for (int i = 0; i < 2; i++) {
        size_t at = 8 + (size_t)i * entry;
        put(im, at, cpus[i], 4, 1);
        put(im, at + 8, offsets[i], fat64 ? 8 : 4, 1);
        put(im, at + (fat64 ? 16 : 12), 1024, fat64 ? 8 : 4, 1);
        im->big = 0;
        program(im, offsets[i], 1, cpus[i], LC_LOAD_DYLIB, libraries[i]);
    }
    im->length = 3072;
}

START_TEST(test_fat)
{
    static const char framework[] =
        "/Library/Frameworks/Python.framework/Versions/3.12/Python";
    image im;
    for (int fat64 = 0; fat64 <= 1; fat64++) {
        universal2(&im, fat64, framework, framework);
        ck_assert_int_eq(needs(&im), 1);
        universal2(&im, fat64, NULL, framework);            /* either */
        ck_assert_int_eq(needs(&im), 1);
        universal2(&im, fat64, framework, NULL);
        ck_assert_int_eq(needs(&im), 1);
        universal2(&im, fat64, NULL, NULL);
        ck_assert_int_eq(needs(&im), 0);
    }
    /* a slice past the end of the file */
    universal2(&im, 0, NULL, NULL);
    put(&im, 8 + 20 + 8, 1u << 20, 4, 1);
    ck_assert_int_eq(needs(&im), -1);
    /* no slices, or a count no real file has */
    universal2(&im, 0, NULL, NULL);
    put(&im, 4, 0, 4, 1);
    ck_assert_int_eq(needs(&im), -1);
    put(&im, 4, 100000, 4, 1);
    ck_assert_int_eq(needs(&im), -1);
}
END_TEST

START_TEST(test_damaged)
{
    image im = {.big = 0};
    /* a command whose size runs past the commands */
    program(&im, 0, 1, CPU_TYPE_ARM64, LC_LOAD_DYLIB, "@rpath/libpython3.13.dylib");
    put(&im, 32 + 4, 1u << 16, 4, 0);
    ck_assert_int_eq(needs(&im), -1);
    /* a command too small to be one (it would loop) */
    program(&im, 0, 1, CPU_TYPE_ARM64, 0, NULL);
    put(&im, 32 + 4, 0, 4, 0);
    ck_assert_int_eq(needs(&im), -1);
    /* a name whose offset points outside its command, or with no end */
    program(&im, 0, 1, CPU_TYPE_ARM64, LC_LOAD_DYLIB, "@rpath/libpython3.13.dylib");
    size_t last = im.length - 56;       /* 24 + 27 name bytes, rounded */
    put(&im, last + 8, 4096, 4, 0);
    ck_assert_int_eq(needs(&im), -1);
    program(&im, 0, 1, CPU_TYPE_ARM64, LC_LOAD_DYLIB, "@rpath/libpython3.13.dylib");
    memset(im.bytes + last + 24, 'x', 32);
    ck_assert_int_eq(needs(&im), -1);
    /* more commands counted than there are */
    program(&im, 0, 1, CPU_TYPE_ARM64, 0, NULL);
    put(&im, 16, 3, 4, 0);
    ck_assert_int_eq(needs(&im), -1);
    /* cut short, not Mach-O, ELF, missing */
    program(&im, 0, 1, CPU_TYPE_ARM64, LC_LOAD_DYLIB, "@rpath/libpython3.13.dylib");
    im.length -= 30;
    ck_assert_int_eq(needs(&im), -1);
    memcpy(im.bytes, "#!/bin/sh\n", 10);
    im.length = 10;
    ck_assert_int_eq(needs(&im), -1);
    ck_assert_int_eq(pp_macho_needs("/bin/sh", names), -1);
    ck_assert_int_eq(pp_macho_needs("/nonexistent", names), -1);
}
END_TEST

static Suite *macho_suite(void)
{
    Suite *suite = suite_create("macho");
    TCase *tc = tcase_create("macho");
    tcase_add_test(tc, test_thin);
    tcase_add_test(tc, test_other_orders_and_widths);
    tcase_add_test(tc, test_fat);
    tcase_add_test(tc, test_damaged);
    suite_add_tcase(suite, tc);
    return suite;
}

UNIT_MAIN(macho_suite)
