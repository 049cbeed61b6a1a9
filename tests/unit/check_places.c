/* check_places.c - where pyprobe list looks beyond PATH: the POSIX back
 * end's list for macOS ("Darwin": Homebrew, python.org's frameworks,
 * the free-threaded PythonT.framework) and for Linux, checked here
 * whatever the system, and the list this system gets; and the C
 * library's identity (pp_os_libc, beside them in os/posix/places.c). */
#include "config.h"

#include <fnmatch.h>
#include <string.h>

#include "os/os.h"
#include "os/posix/places.h"
#include "probe/cache.h"
#include "unit.h"

static size_t count(const char *const *places)
{
    size_t n = 0;
    while (places[n])
        n++;
    return n;
}

/* 1 if one of places (patterns) matches dir, as glob would. */
static int covers(const char *const *places, const char *dir)
{
    for (size_t i = 0; places[i]; i++)
        if (fnmatch(places[i], dir, FNM_PATHNAME | FNM_PERIOD) == 0)
            return 1;
    return 0;
}

START_TEST(test_macos)
{
    const char *const *places = pp_posix_fixed_places("Darwin");
    static const char *const expected[] = {
        "/opt/homebrew/bin", "/usr/local/bin", "/usr/bin",
        "/Library/Frameworks/Python.framework/Versions/[0-9]*/bin",
        "/Library/Frameworks/PythonT.framework/Versions/[0-9]*/bin",
    };
    ck_assert_uint_eq(count(places), sizeof expected / sizeof expected[0]);
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
        ck_assert_str_eq(places[i], expected[i]);
    /* the directories python.org's installers make, regular and
     * free-threaded, and not the Current link (a version twice) */
    ck_assert(covers(places, "/Library/Frameworks/Python.framework/Versions/3.13/bin"));
    ck_assert(covers(places, "/Library/Frameworks/Python.framework/Versions/3.9/bin"));
    ck_assert(covers(places, "/Library/Frameworks/PythonT.framework/Versions/3.14/bin"));
    ck_assert(!covers(places, "/Library/Frameworks/Python.framework/Versions/Current/bin"));
    ck_assert(!covers(places, "/Library/Frameworks/Python.framework/Versions/3.13/lib"));
    ck_assert(covers(places, "/opt/homebrew/bin"));
    ck_assert(covers(places, "/usr/local/bin"));
    ck_assert(!covers(places, "/opt/python3.12/bin"));
}
END_TEST

START_TEST(test_linux_and_others)
{
    static const char *const systems[] = {"Linux", "FreeBSD", ""};
    for (size_t s = 0; s < sizeof systems / sizeof systems[0]; s++) {
        const char *const *places = pp_posix_fixed_places(systems[s]);
        ck_assert_str_eq(places[0], "/usr/local/bin");
        ck_assert(covers(places, "/opt/python3.12/bin"));
        ck_assert(!covers(places, "/Library/Frameworks/Python.framework/Versions/3.13/bin"));
    }
}
END_TEST

static int record_first(void *context, const char *dir)
{
    char *first = context;
    if (!first[0])
        snprintf(first, 4096, "%s", dir);
    return 1;
}

/* The list is chosen by the system this runs on (the tests run on
 * Linux; on a Mac the first place is Homebrew's). */
START_TEST(test_this_system)
{
    char first[4096] = "";
    ck_assert_int_eq(pp_os_interpreter_places(record_first, first), 1);
    char *machine = pp_os_machine();
    ck_assert_ptr_nonnull(machine);
    const char *const *places = pp_posix_fixed_places(
        strncmp(machine, "Darwin ", 7) == 0 ? "Darwin" : "Linux");
    ck_assert_str_eq(first, places[0]);
    free(machine);
}
END_TEST

/* The C library's identity for the probe cache's key: glibc's version
 * here (the tests run on glibc); "macOS X.Y" on a Mac, which only a Mac
 * can check. */
START_TEST(test_libc)
{
    char *libc = pp_os_libc();
    char *machine = pp_os_machine();
    ck_assert_ptr_nonnull(machine);
    if (strncmp(machine, "Darwin ", 7) == 0) {
        ck_assert_ptr_nonnull(libc);
        ck_assert_int_eq(strncmp(libc, "macOS ", 6), 0);
    } else {
        ck_assert_ptr_nonnull(libc);
        ck_assert_int_eq(strncmp(libc, "glibc 2.", 8), 0);
        char *key = pp_cache_entry_key("/usr/bin/python3", "auto");
        char line[80];
        snprintf(line, sizeof line, "\nlibc %s\n", libc);
        ck_assert_ptr_nonnull(key);
        ck_assert_ptr_nonnull(strstr(key, line));
        free(key);
    }
    free(machine);
    free(libc);
}
END_TEST

static Suite *places_suite(void)
{
    Suite *suite = suite_create("places");
    TCase *tc = tcase_create("places");
    tcase_add_test(tc, test_macos);
    tcase_add_test(tc, test_linux_and_others);
    tcase_add_test(tc, test_this_system);
    tcase_add_test(tc, test_libc);
    suite_add_tcase(suite, tc);
    return suite;
}

UNIT_MAIN(places_suite)
