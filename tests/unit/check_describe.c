/* check_describe.c - facts from description files: the rules that fill
 * what a file does not say (tests/integration/build-details.sh and
 * tests/integration/sysconfigdata.sh compare whole answers with live
 * probes). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decide/report.h"
#include "describe/describe.h"
#include "facts/facts.h"
#include "unit.h"

static const struct { const char *base, *path, *joined; } joins[] = {
    {"/a/b", "c", "/a/b/c"},
    {"/a/b", "../..", "/"},
    {"/a/b", "./bin/python3.14", "/a/b/bin/python3.14"},
    {"/a/b/lib/python3.14", "../..", "/a/b"},
    {"/a", "/abs//x/./y/../z", "/abs/x/z"},
    {"/", "../../..", "/"},
    {"/a/", "b/", "/a/b"},
};

START_TEST(test_path_join)
{
    char *joined = pp_path_join(joins[_i].base, joins[_i].path);
    ck_assert_str_eq(joined, joins[_i].joined);
    free(joined);
}
END_TEST

START_TEST(test_target_options)
{
    pyprobe_target *t = pyprobe_target_new();
    pyprobe_error e;
    ck_assert_int_eq(pyprobe_target_set_libc(t, "glibc-2.28", &e), PYPROBE_OK);
    ck_assert_str_eq(t->libc, "glibc");
    ck_assert_int_eq(t->libc_minor, 28);
    ck_assert_int_eq(pyprobe_target_set_libc(t, "musl-1.2", &e), PYPROBE_OK);
    ck_assert_str_eq(t->libc, "musl");
    ck_assert_int_eq(pyprobe_target_set_libc(t, "none", &e), PYPROBE_OK);
    static const char *const bad_libc[] = {"glibc", "glibc-2", "glibc-2.x",
                                           "uclibc-1.0", "musl-1.2.3", ""};
    for (size_t i = 0; i < sizeof bad_libc / sizeof *bad_libc; i++)
        ck_assert_msg(pyprobe_target_set_libc(t, bad_libc[i], &e) ==
                          PYPROBE_ERR_USAGE, "%s accepted", bad_libc[i]);
    static const char *const good_versions[] = {"3.11.2", "3.13.0rc1",
                                                "3.14.0a7", "3.6.15"};
    for (size_t i = 0; i < sizeof good_versions / sizeof *good_versions; i++)
        ck_assert_int_eq(pyprobe_target_set_version(t, good_versions[i], &e),
                         PYPROBE_OK);
    static const char *const bad_versions[] = {"3.11", "2.7.18", "3.11.2x",
                                               "3.11.2rc", "x"};
    for (size_t i = 0; i < sizeof bad_versions / sizeof *bad_versions; i++)
        ck_assert_msg(pyprobe_target_set_version(t, bad_versions[i], &e) ==
                          PYPROBE_ERR_USAGE, "%s accepted", bad_versions[i]);
    ck_assert_int_eq(pyprobe_target_set_platform(t, "linux-armv7l", &e),
                     PYPROBE_OK);
    ck_assert_int_eq(pyprobe_target_set_platform(t, "linux armv7l", &e),
                     PYPROBE_ERR_USAGE);
    ck_assert_int_eq(pyprobe_target_set_platform(t, "linux", &e),
                     PYPROBE_ERR_USAGE);
    pyprobe_target_free(t);
}
END_TEST

/* The fields pp_describe_platform fills, for a platform and a tuple. */
static const struct {
    const char *platform, *multiarch, *libc;
    int pointer_size;
    long long maxsize;
    const char *byteorder, *elf, *unknown;
} platforms[] = {
    {"linux-x86_64", "x86_64-linux-gnu", "glibc-2.36", -1,
     0x7fffffffffffffffLL, "little", "null", "[]"},
    {"linux-x86_64", "x86_64-linux-gnux32", "glibc-2.36", -1, 0x7fffffff,
     "little", "null", "[\"elf\"]"},
    {"linux-ppc64", "powerpc64-linux-gnu", "glibc-2.36", -1,
     0x7fffffffffffffffLL, "big", "null", "[]"},
    {"linux-s390x", NULL, NULL, -1, 0x7fffffffffffffffLL, "big", "null",
     "[\"libc\"]"},
    {"linux-armv7l", "arm-linux-gnueabihf", "glibc-2.31", -1, 0x7fffffff,
     "little", "[1, 1, 40, 83887104, null]", "[]"},
    {"linux-armv7l", "arm-linux-gnueabi", "musl-1.2", -1, 0x7fffffff,
     "little", "[1, 1, 40, 83886592, null]", "[]"},
    {"linux-x86_64", "i386-linux-gnu", "glibc-2.36", 4, 0x7fffffff, "little",
     "[1, 1, 3, 0, null]", "[]"},
    {"macosx-11.0-arm64", "darwin", NULL, -1, 0x7fffffffffffffffLL, "little",
     "null", "[\"mac_ver\"]"},
    {"win32", NULL, "none", -1, 0x7fffffff, "little", "null", "[]"},
};

START_TEST(test_platform)
{
    pyprobe_target *t = pyprobe_target_new();
    pyprobe_error e;
    if (platforms[_i].libc)
        ck_assert_int_eq(pyprobe_target_set_libc(t, platforms[_i].libc, &e),
                         PYPROBE_OK);
    pp_describe d;
    ck_assert_int_eq(pp_describe_begin(&d, "/nonexistent", t, &e),
                     PYPROBE_OK);
    ck_assert_msg(pp_describe_platform(&d, platforms[_i].platform,
                                       platforms[_i].multiarch,
                                       platforms[_i].pointer_size, -1) ==
                      PYPROBE_OK, "%s: %s", platforms[_i].platform, e.message);
    json_t *a = d.answer;
    ck_assert_int_eq(json_integer_value(json_object_get(a, "maxsize")),
                     platforms[_i].maxsize);
    ck_assert_str_eq(json_string_value(json_object_get(a, "byteorder")),
                     platforms[_i].byteorder);
    char *elf = json_dumps(json_object_get(a, "elf"), JSON_ENCODE_ANY);
    char *unknown = json_dumps(d.unknown, 0);
    ck_assert_str_eq(elf, platforms[_i].elf);
    ck_assert_str_eq(unknown, platforms[_i].unknown);
    free(elf);
    free(unknown);
    pp_describe_end(&d);
    pyprobe_target_free(t);
}
END_TEST

START_TEST(test_platform_refused)
{
    pyprobe_target *t = pyprobe_target_new();
    pyprobe_error e;
    pp_describe d;
    pp_describe_begin(&d, "/nonexistent", t, &e);
    ck_assert_int_eq(pp_describe_platform(&d, "linux-weird", NULL, -1, -1),
                     PYPROBE_ERR_UNSUPPORTED);
    ck_assert_int_eq(pp_describe_platform(&d, "ios-17.0-arm64-iphoneos",
                                          NULL, 8, 0),
                     PYPROBE_ERR_UNSUPPORTED);
    pp_describe_end(&d);
    pyprobe_target_set_libc(t, "glibc-2.17", &e);
    pp_describe_begin(&d, "/nonexistent", t, &e);
    ck_assert_int_eq(pp_describe_platform(&d, "macosx-11.0-arm64", "darwin",
                                          8, 0),
                     PYPROBE_ERR_USAGE);
    pp_describe_end(&d);
    pyprobe_target_free(t);
}
END_TEST

START_TEST(test_locate)
{
    pyprobe_target *t = pyprobe_target_new();
    pyprobe_error e;
    pp_describe d;
    size_t which;
    const char *const dirs[] = {"/usr/lib/python3.14", "/usr/lib64/python3.14"};

    pp_describe_begin(&d, "/f", t, &e);
    ck_assert_int_eq(pp_describe_locate(&d, "/usr/lib/python3.14", dirs, 2,
                                        &which), PYPROBE_OK);
    ck_assert_str_eq(d.sysroot, "");                 /* where it says */
    pp_describe_end(&d);

    pp_describe_begin(&d, "/f", t, &e);
    ck_assert_int_eq(pp_describe_locate(&d, "/srv/arm/usr/lib64/python3.14",
                                        dirs, 2, &which), PYPROBE_OK);
    ck_assert_str_eq(d.sysroot, "/srv/arm");          /* worked out */
    ck_assert_uint_eq(which, 1);
    char *host = pp_describe_host_path(&d, "/usr/include/python3.14");
    ck_assert_str_eq(host, "/srv/arm/usr/include/python3.14");
    free(host);
    pp_describe_end(&d);

    pp_describe_begin(&d, "/f", t, &e);
    ck_assert_int_eq(pp_describe_locate(&d, "/home/me/copies", dirs, 2,
                                        &which), PYPROBE_ERR_USAGE);
    ck_assert_ptr_nonnull(strstr(e.hint, "--sysroot"));
    pp_describe_end(&d);

    ck_assert_int_eq(pyprobe_target_set_sysroot(t, "/", &e), PYPROBE_OK);
    pp_describe_begin(&d, "/f", t, &e);
    ck_assert_int_eq(pp_describe_locate(&d, "/home/me/copies", dirs, 2,
                                        &which), PYPROBE_OK);
    ck_assert_str_eq(d.sysroot, "");                 /* as written */
    pp_describe_end(&d);
    pyprobe_target_free(t);
}
END_TEST

/* A Windows build-details.json: paths as written, .pyd suffixes, the
 * stable ABI in the plain .pyd. */
START_TEST(test_windows_build_details)
{
    char path[] = "/tmp/check_describe_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    static const char text[] =
        "{\"schema_version\": \"1.0\", \"base_prefix\": \"C:\\\\Python314\","
        " \"base_interpreter\": \"C:\\\\Python314\\\\python.exe\","
        " \"platform\": \"win-amd64\", \"language\": {\"version\": \"3.14\","
        " \"version_info\": {\"major\": 3, \"minor\": 14, \"micro\": 2,"
        " \"releaselevel\": \"final\", \"serial\": 0}}, \"implementation\":"
        " {\"name\": \"cpython\", \"version\": {\"major\": 3, \"minor\": 14,"
        " \"micro\": 2, \"releaselevel\": \"final\", \"serial\": 0},"
        " \"hexversion\": 51249904, \"cache_tag\": \"cpython-314\"},"
        " \"abi\": {\"flags\": [], \"extension_suffix\":"
        " \".cp314-win_amd64.pyd\", \"stable_abi_suffix\": \".pyd\"},"
        " \"suffixes\": {\"extensions\": [\".cp314-win_amd64.pyd\","
        " \".pyd\"]}, \"libpython\": {\"dynamic\":"
        " \"C:\\\\Python314\\\\python314.dll\"}, \"c_api\": {\"headers\":"
        " \"C:\\\\Python314\\\\Include\"}}";
    ck_assert_int_eq(write(fd, text, sizeof text - 1), (ssize_t)sizeof text - 1);
    close(fd);
    pyprobe_facts *f = NULL;
    pyprobe_error e;
    pyprobe_status status = pyprobe_facts_from_build_details(path, NULL, &f,
                                                             &e);
    unlink(path);
    ck_assert_msg(status == PYPROBE_OK, "%s", e.message);
    ck_assert_str_eq(f->abi_tag, "cp314");
    ck_assert_str_eq(f->platform_tag, "win_amd64");
    ck_assert_str_eq(pp_facts_config_str(f, "SOABI"), "cp314-win_amd64");
    ck_assert_str_eq(f->raw.include, "C:\\Python314\\Include");
    ck_assert_str_eq(f->raw.sys_platform, "win32");
    ck_assert_uint_eq(f->abi3_suffixes.count, 1);
    ck_assert_str_eq(f->abi3_suffixes.items[0], ".pyd");
    ck_assert_int_eq(pp_facts_unknown(f, PP_UNKNOWN_LIBC), 0);
    ck_assert_int_eq(pp_facts_unknown(f, PP_UNKNOWN_LINK), 1);
    pyprobe_report *r = NULL;
    ck_assert_int_eq(pyprobe_report_new(f, NULL, &r, &e), PYPROBE_OK);
    /* build-details.json does not say where packages install */
    ck_assert_str_eq(pyprobe_report_get(r, "unknown"),
                     "embed_libs platlib purelib platlib_rel purelib_rel");
    ck_assert_str_eq(pyprobe_report_get(r, "embed_libs"), "");
    /* the import library's name needs no link facts */
    ck_assert_str_eq(pyprobe_report_get(r, "libpython"), "python314");
    ck_assert_str_eq(pyprobe_report_get(r, "platlib_rel"), "");
    pyprobe_report_free(r);
    pyprobe_facts_free(f);
}
END_TEST

static Suite *describe_suite(void)
{
    Suite *suite = suite_create("describe");
    TCase *tc = tcase_create("describe");
    tcase_add_loop_test(tc, test_path_join, 0,
                        sizeof joins / sizeof joins[0]);
    tcase_add_test(tc, test_target_options);
    tcase_add_loop_test(tc, test_platform, 0,
                        sizeof platforms / sizeof platforms[0]);
    tcase_add_test(tc, test_platform_refused);
    tcase_add_test(tc, test_locate);
    tcase_add_test(tc, test_windows_build_details);
    suite_add_tcase(suite, tc);
    return suite;
}

UNIT_MAIN(describe_suite)
