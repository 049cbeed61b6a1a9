/* check_decide.c - build decisions for each kind of interpreter and
 * policy. */
#include "config.h"

#include <string.h>

#include "fixture.h"
#include "unit.h"

/* A free-threaded CPython on Windows, as 3.13t reports itself there. */
#define WINDOWS_313T \
    "{\"sys_platform\": \"win32\", \"system\": \"Windows\", " \
    "\"platform\": \"win-amd64\", \"abiflags\": null, " \
    "\"base_exec_prefix\": \"C:\\\\Python313\", " \
    "\"extension_suffixes\": [\".cp313t-win_amd64.pyd\", \".pyd\"], " \
    "\"include\": \"C:\\\\Python313\\\\Include\", " \
    "\"platinclude\": \"C:\\\\Python313\\\\Include\", " \
    "\"config\": {\"EXT_SUFFIX\": \".cp313t-win_amd64.pyd\", " \
    "\"SOABI\": \"cp313t-win_amd64\", \"Py_ENABLE_SHARED\": null}}"

#define WINDOWS_315 \
    "{\"sys_platform\": \"win32\", \"system\": \"Windows\", " \
    "\"platform\": \"win-amd64\", \"abiflags\": \"\", " \
    "\"base_exec_prefix\": \"C:\\\\Python315\", " \
    "\"extension_suffixes\": [\".cp315-win_amd64.pyd\", \".pyd\"], " \
    "\"include\": \"C:\\\\Python315\\\\Include\", " \
    "\"platinclude\": \"C:\\\\Python315\\\\Include\", " \
    "\"config\": {\"EXT_SUFFIX\": \".cp315-win_amd64.pyd\", " \
    "\"SOABI\": \"cp315-win_amd64\"}}"

#define WINDOWS_315T \
    "{\"sys_platform\": \"win32\", \"system\": \"Windows\", " \
    "\"platform\": \"win-amd64\", \"abiflags\": \"t\", " \
    "\"base_exec_prefix\": \"C:\\\\Python315t\", " \
    "\"extension_suffixes\": [\".cp315t-win_amd64.pyd\", \".pyd\"], " \
    "\"include\": \"C:\\\\Python315t\\\\Include\", " \
    "\"platinclude\": \"C:\\\\Python315t\\\\Include\", " \
    "\"config\": {\"EXT_SUFFIX\": \".cp315t-win_amd64.pyd\", " \
    "\"SOABI\": \"cp315t-win_amd64\"}}"

/* Debug builds on Windows: _d before the suffix (Python/dynload_win.c). */
#define WINDOWS_314TD \
    "{\"sys_platform\": \"win32\", \"system\": \"Windows\", " \
    "\"platform\": \"win-amd64\", \"abiflags\": \"td\", " \
    "\"base_exec_prefix\": \"C:\\\\Python314t\", " \
    "\"extension_suffixes\": [\"_d.cp314t-win_amd64.pyd\", \"_d.pyd\"], " \
    "\"include\": \"C:\\\\Python314t\\\\Include\", " \
    "\"platinclude\": \"C:\\\\Python314t\\\\Include\", " \
    "\"config\": {\"EXT_SUFFIX\": \"_d.cp314t-win_amd64.pyd\", " \
    "\"SOABI\": \"cp314td-win_amd64\", \"Py_DEBUG\": 1}}"

#define WINDOWS_311D \
    "{\"sys_platform\": \"win32\", \"system\": \"Windows\", " \
    "\"platform\": \"win-amd64\", \"abiflags\": null, " \
    "\"base_exec_prefix\": \"C:\\\\Python311\", " \
    "\"extension_suffixes\": [\"_d.cp311-win_amd64.pyd\", \"_d.pyd\"], " \
    "\"config\": {\"EXT_SUFFIX\": \"_d.cp311-win_amd64.pyd\"}}"

#define MACOS_314 \
    "{\"sys_platform\": \"darwin\", \"system\": \"Darwin\", " \
    "\"platform\": \"macosx-11.0-arm64\"}"

static const struct {
    const char *sheet, *patch, *policy;
    const char *name, *value;
} decisions[] = {
    /* free-threaded comes from the build configuration */
    {"cpython-3.13t", NULL, NULL, "free_threaded", "1"},
    {"cpython-3.13t", "{\"gil_enabled\": true}", NULL, "free_threaded", "1"},
    {"cpython-3.13t", "{\"gil_enabled\": true}", NULL, "gil_enabled", "1"},
    {"cpython-3.14", NULL, NULL, "free_threaded", "0"},
    /* abi3: GIL CPython only, never free-threaded 3.13/3.14 */
    {"cpython-3.11-debian", NULL, NULL, "limited_api", "1"},
    {"cpython-3.11d-debian", NULL, NULL, "limited_api", "1"},
    {"cpython-3.13t", NULL, "limited-api=3.2", "limited_api", "0"},
    {"cpython-3.14t", NULL, "limited-api=3.11", "limited_api", "0"},
    {"cpython-3.15t", NULL, "limited-api=3.11", "limited_api", "0"},
    {"pypy-3.9-debian", NULL, NULL, "limited_api", "0"},
    {"cpython-3.11-debian", NULL, "limited-api=3.12", "limited_api", "0"},
    {"cpython-3.11-debian", NULL, "limited-api=3.11", "limited_api", "1"},
    {"cpython-3.11-debian", NULL, "limited-api=3.11", "limited_api_version",
     "3.11"},
    {"cpython-3.11-debian", NULL, NULL, "limited_api_version", "3.11"},
    {"cpython-3.14t", NULL, NULL, "limited_api_version", ""},
    /* abi3t: CPython 3.15+, GIL or free-threaded */
    {"cpython-3.15", NULL, NULL, "abi3t", "1"},
    {"cpython-3.15t", NULL, NULL, "abi3t", "1"},
    {"cpython-3.14t", NULL, NULL, "abi3t", "0"},
    {"cpython-3.15t", NULL, "limited-api=3.16", "abi3t", "0"},
    /* build paths and wheel tags */
    {"cpython-3.11-debian", NULL, NULL, "build_path", "version-specific"},
    {"cpython-3.11-debian", NULL, NULL, "wheel_tag",
     "cp311-cp311-linux_x86_64"},
    {"cpython-3.11d-debian", NULL, NULL, "wheel_tag",
     "cp311-cp311d-linux_x86_64"},
    {"cpython-3.14t", NULL, NULL, "wheel_tag", "cp314-cp314t-linux_x86_64"},
    {"cpython-3.14", NULL, "limited-api=3.9", "wheel_tag",
     "cp39-abi3-linux_x86_64"},
    {"cpython-3.14", NULL, "limited-api=3.9", "build_suffix", ".abi3.so"},
    {"cpython-3.15", NULL, "limited-api=3.9", "build_suffix", ".abi3.so"},
    {"cpython-3.15", NULL, "limited-api=3.9 abi3t=yes", "wheel_tag",
     "cp315-abi3.abi3t-linux_x86_64"},
    {"cpython-3.15", NULL, "limited-api=3.9 abi3t=yes", "build_suffix",
     ".abi3t.so"},
    {"cpython-3.15t", NULL, "limited-api=3.15 abi3t=yes", "wheel_tag",
     "cp315-abi3.abi3t-linux_x86_64"},
    {"cpython-3.15t", NULL, "limited-api=3.15 abi3t=only", "wheel_tag",
     "cp315-abi3t-linux_x86_64"},
    {"cpython-3.15t", NULL, "limited-api=3.15 abi3t=only", "build_cppflags",
     "-I/opt/python-cpython-3.15t/include/python3.15t "
     "-DPy_TARGET_ABI3T=0x030F0000"},
    {"cpython-3.15t", NULL, "limited-api=3.15 abi3t=yes", "build_cppflags",
     "-I/opt/python-cpython-3.15t/include/python3.15t "
     "-DPy_LIMITED_API=0x030F0000 -DPy_TARGET_ABI3T=0x030F0000"},
    {"cpython-3.15t", NULL, "limited-api=3.15", "build_path",
     "version-specific"},
    {"cpython-3.14t", NULL, "limited-api=3.11 abi3t=yes", "build_path",
     "version-specific"},
    {"pypy-3.9-debian", NULL, "limited-api=3.8", "wheel_tag",
     "pp39-pypy39_pp73-linux_x86_64"},
    /* stable-ABI suffix: empty where none applies */
    {"cpython-3.14t", NULL, NULL, "stable_abi_suffix", ""},
    {"cpython-3.15t", NULL, NULL, "stable_abi_suffix", ".abi3t.so"},
    {"cpython-3.15", NULL, NULL, "stable_abi_suffix", ".abi3.so"},
    {"pypy-3.9-debian", NULL, NULL, "stable_abi_suffix", ""},
    /* mypyc */
    {"cpython-3.11-debian", NULL, NULL, "mypyc", "1"},
    {"cpython-3.11-debian", NULL, "mypyc=no", "mypyc", "0"},
    {"cpython-3.14t", NULL, NULL, "mypyc", "0"},
    {"cpython-3.14t", NULL, "mypyc-free-threaded", "mypyc", "1"},
    {"cpython-3.14t", NULL, "mypyc=yes mypyc-free-threaded", "mypyc", "1"},
    {"pypy-3.9-debian", NULL, "mypyc-free-threaded", "mypyc", "0"},
    /* compile and link flags */
    {"cpython-3.11-debian", NULL, NULL, "cppflags", "-I/usr/include/python3.11"},
    {"cpython-3.11-debian", "{\"platinclude\": \"/usr/include/x y\"}", NULL,
     "cppflags", "-I/usr/include/python3.11 -I/usr/include/x\\ y"},
    {"cpython-3.13t", WINDOWS_313T, NULL, "cppflags",
     "-IC:\\\\Python313\\\\Include -DPy_GIL_DISABLED=1"},
    {"cpython-3.13t", WINDOWS_313T, NULL, "module_ldflags",
     "-LC:\\\\Python313\\\\libs -lpython313t"},
    {"cpython-3.13t", WINDOWS_313T, NULL, "wheel_tag",
     "cp313-cp313t-win_amd64"},
    {"cpython-3.13t", WINDOWS_313T, NULL, "stable_abi_suffixes", ""},
    {"cpython-3.15", WINDOWS_315, "limited-api=3.11", "build_suffix", ".pyd"},
    /* Windows import libraries, as PC/pyconfig.h.in's #pragma
     * comment(lib, ...) picks them for the macros BUILD_CPPFLAGS defines
     * (Include/pyabi.h: Py_TARGET_ABI3T means Py_LIMITED_API and
     * Py_GIL_DISABLED): by build path ... */
    {"cpython-3.15", WINDOWS_315, NULL, "module_ldflags",
     "-LC:\\\\Python315\\\\libs -lpython315"},
    {"cpython-3.15", WINDOWS_315, "limited-api=3.11", "module_ldflags",
     "-LC:\\\\Python315\\\\libs -lpython3"},
    {"cpython-3.15", WINDOWS_315, "limited-api=3.11 abi3t=yes",
     "module_ldflags", "-LC:\\\\Python315\\\\libs -lpython3t"},
    {"cpython-3.15", WINDOWS_315, "limited-api=3.11 abi3t=only",
     "module_ldflags", "-LC:\\\\Python315\\\\libs -lpython3t"},
    {"cpython-3.15t", WINDOWS_315T, NULL, "module_ldflags",
     "-LC:\\\\Python315t\\\\libs -lpython315t"},
    {"cpython-3.15t", WINDOWS_315T, "limited-api=3.11", "module_ldflags",
     "-LC:\\\\Python315t\\\\libs -lpython315t"},
    {"cpython-3.15t", WINDOWS_315T, "limited-api=3.15 abi3t=yes",
     "module_ldflags", "-LC:\\\\Python315t\\\\libs -lpython3t"},
    {"cpython-3.15t", WINDOWS_315T, "limited-api=3.15 abi3t=only",
     "module_ldflags", "-LC:\\\\Python315t\\\\libs -lpython3t"},
    {"cpython-3.14t", WINDOWS_314TD, NULL, "module_ldflags",
     "-LC:\\\\Python314t\\\\libs -lpython314t_d"},
    {"cpython-3.11d-debian", WINDOWS_311D, "limited-api=3.8",
     "module_ldflags", "-LC:\\\\Python311\\\\libs -lpython311_d"},
    /* ... and the interpreter's own (LIBPYTHON) for embedding */
    {"cpython-3.13t", WINDOWS_313T, NULL, "libpython", "python313t"},
    /* a DLL, though Windows' sysconfig has no Py_ENABLE_SHARED */
    {"cpython-3.13t", WINDOWS_313T, NULL, "shared", "1"},
    {"cpython-3.15", WINDOWS_315, NULL, "libpython", "python315"},
    {"cpython-3.14t", WINDOWS_314TD, NULL, "libpython", "python314t_d"},
    {"cpython-3.11d-debian", WINDOWS_311D, NULL, "libpython", "python311_d"},
    {"cpython-3.13t", WINDOWS_313T, NULL, "embed_libs",
     "-LC:\\\\Python313\\\\libs -lpython313t"},
    {"cpython-3.15", WINDOWS_315, "limited-api=3.11 abi3t=yes", "embed_libs",
     "-LC:\\\\Python315\\\\libs -lpython315"},
    {"cpython-3.15t", WINDOWS_315T, "limited-api=3.15 abi3t=only",
     "embed_libs", "-LC:\\\\Python315t\\\\libs -lpython315t"},
    {"cpython-3.14t", WINDOWS_314TD, NULL, "embed_libs",
     "-LC:\\\\Python314t\\\\libs -lpython314t_d"},
    {"cpython-3.11d-debian", WINDOWS_311D, NULL, "embed_libs",
     "-LC:\\\\Python311\\\\libs -lpython311_d"},
    /* the stable-ABI builds and their suffixes */
    {"cpython-3.15t", WINDOWS_315T, "limited-api=3.15 abi3t=yes",
     "build_suffix", ".pyd"},
    {"cpython-3.14t", WINDOWS_314TD, NULL, "ext_suffix",
     "_d.cp314t-win_amd64.pyd"},
    {"cpython-3.14t", WINDOWS_314TD, NULL, "debug", "1"},
    {"cpython-3.15", WINDOWS_315, NULL, "cppflags",
     "-IC:\\\\Python315\\\\Include"},
    {"cpython-3.14", MACOS_314, NULL, "module_ldflags",
     "-Wl,-undefined,dynamic_lookup"},
    {"cpython-3.14", MACOS_314, NULL, "wheel_tag",
     "cp314-cp314-macosx_11_0_arm64"},
    {"cpython-3.11-debian", NULL, NULL, "module_ldflags", ""},
    /* as python3.11-config --embed --ldflags: no LINKFORSHARED (Debian's
     * -Wl,-O1 -Wl,-Bsymbolic-functions) */
    {"cpython-3.11-debian", NULL, NULL, "embed_libs",
     "-L/usr/lib/x86_64-linux-gnu -lpython3.11 -ldl -lm"},
    {"cpython-3.14t", NULL, NULL, "embed_libs",
     /* a static-only build: LIBPL too (the sheet's is a build tree) */
     "-L/opt/python-cpython-3.14t/lib -L/build/python-cpython-3.14t "
     "-lpython3.14t -ldl -lm"},
    /* PyPy has no libpython C API to embed (libpypy-c: no Py_Initialize) */
    {"pypy-3.9-debian", NULL, NULL, "embed_libs", ""},
    /* BUILD_REASON says why BUILD_PATH is what it is */
    {"cpython-3.11-debian", NULL, NULL, "build_reason",
     "no --limited-api: a build for this interpreter only"},
    {"cpython-3.11-debian", NULL, "limited-api=3.12", "build_reason",
     "--limited-api=3.12 is newer than this interpreter (3.11)"},
    {"cpython-3.11-debian", NULL, "limited-api=3.11", "build_reason",
     "--limited-api=3.11: a GIL build of CPython 3.11 loads abi3 extensions"},
    {"cpython-3.14t", NULL, "limited-api=3.11", "build_reason",
     "free-threaded 3.14 has no stable ABI"},
    {"cpython-3.14t", NULL, "limited-api=3.11 abi3t=yes", "build_reason",
     "free-threaded 3.14 has no stable ABI (abi3t needs 3.15)"},
    {"cpython-3.14", NULL, "limited-api=3.11 abi3t=yes", "build_reason",
     "abi3t needs 3.15 (this is 3.14): abi3 alone, for 3.11 and later"},
    {"cpython-3.15t", NULL, "limited-api=3.11", "build_reason",
     "free-threaded 3.15 loads abi3t, not abi3: add --abi3t=yes"},
    {"cpython-3.15t", NULL, "limited-api=3.11 abi3t=yes", "build_reason",
     "--abi3t=yes: CPython 3.15 loads abi3 and abi3t extensions"},
    {"cpython-3.15", NULL, "limited-api=3.11 abi3t=only", "build_reason",
     "--abi3t=only: CPython 3.15 loads abi3t extensions (PEP 803)"},
    {"pypy-3.9-debian", NULL, "limited-api=3.8", "build_reason",
     "the stable ABI is CPython's: pypy has none"},
};

START_TEST(test_decisions)
{
    pyprobe_report *report = fixture_report(decisions[_i].sheet,
                                            decisions[_i].patch,
                                            decisions[_i].policy);
    const char *got = pyprobe_report_get(report, decisions[_i].name);
    ck_assert_ptr_nonnull(got);
    ck_assert_msg(strcmp(got, decisions[_i].value) == 0,
                  "%s [%s]: %s is '%s', expected '%s'", decisions[_i].sheet,
                  decisions[_i].policy ? decisions[_i].policy : "",
                  decisions[_i].name, got, decisions[_i].value);
    pyprobe_report_free(report);
}
END_TEST

/* --mypyc=yes where mypyc cannot run is an error, not a silent 0. */
START_TEST(test_mypyc_required)
{
    static const char *const sheets[] = {"pypy-3.9-debian", "cpython-3.14t"};
    for (size_t i = 0; i < 2; i++) {
        pyprobe_facts *facts = fixture_facts(sheets[i], NULL);
        pyprobe_policy *policy = pyprobe_policy_new();
        pyprobe_policy_set_mypyc(policy, PYPROBE_MYPYC_YES);
        pyprobe_report *report = NULL;
        pyprobe_error error;
        ck_assert_int_eq(pyprobe_report_new(facts, policy, &report, &error),
                         PYPROBE_ERR_POLICY);
        ck_assert_ptr_null(report);
        ck_assert_ptr_nonnull(strstr(error.message, "--mypyc=yes"));
        pyprobe_policy_free(policy);
        pyprobe_facts_free(facts);
    }
}
END_TEST

/* A minimum newer than the interpreter is worth a warning, not
 * silence; a policy that fits has none. */
START_TEST(test_warning)
{
    pyprobe_report *report = fixture_report("cpython-3.11-debian", NULL,
                                            "limited-api=3.99");
    const char *warning = pyprobe_report_warning(report);
    ck_assert_ptr_nonnull(warning);
    ck_assert_str_eq(warning, "--limited-api=3.99 is newer than this "
                     "interpreter (3.11): no stable-ABI build");
    pyprobe_report_free(report);
    report = fixture_report("cpython-3.11-debian", NULL, "limited-api=3.11");
    ck_assert_ptr_null(pyprobe_report_warning(report));
    pyprobe_report_free(report);
}
END_TEST

START_TEST(test_limited_api_versions)
{
    static const char *const bad[] = {"3", "3.", "3.1", "3.x", "2.7", "4.0",
                                      "3.11.1", "cp311", "", "3.011", " 3.11",
                                      "3.99999999999"};
    static const char *const good[] = {"3.2", "3.11", "3.15", "3.100"};
    pyprobe_policy *policy = pyprobe_policy_new();
    pyprobe_error error;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(pyprobe_policy_set_limited_api(policy, bad[i], &error) ==
                          PYPROBE_ERR_USAGE,
                      "accepted '%s'", bad[i]);
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        ck_assert_msg(pyprobe_policy_set_limited_api(policy, good[i],
                                                     &error) == PYPROBE_OK,
                      "refused '%s'", good[i]);
    pyprobe_policy_free(policy);
}
END_TEST

/* Every name has a value, and lookups take both spellings. */
START_TEST(test_every_name)
{
    pyprobe_report *report = fixture_report("cpython-3.15t", NULL, NULL);
    ck_assert_uint_ge(pyprobe_name_count(), 19);
    for (size_t i = 0; i < pyprobe_name_count(); i++) {
        ck_assert_ptr_nonnull(pyprobe_report_get(report, pyprobe_name_key(i)));
        ck_assert_ptr_nonnull(pyprobe_report_get(report, pyprobe_name_at(i)));
        ck_assert_ptr_nonnull(pyprobe_name_description(i));
    }
    /* any case, with or without the prefix, as pyprobe_env.py reads */
    ck_assert_str_eq(pyprobe_report_get(report, "PYPROBE_FREE_THREADED"),
                     "1");
    ck_assert_str_eq(pyprobe_report_get(report, "Free_Threaded"), "1");
    ck_assert_str_eq(pyprobe_report_get(report, "pyprobe_abi_tag"),
                     "cp315t");
    ck_assert_int_eq(pyprobe_name_find("PYPROBE_"), -1);
    ck_assert_int_eq(pyprobe_name_find("PYPROBE_PYPROBE_DEBUG"), -1);
    ck_assert_ptr_null(pyprobe_report_get(report, "free threaded"));
    ck_assert_ptr_null(pyprobe_report_get(report, "nosuch"));
    ck_assert_ptr_null(pyprobe_name_at(pyprobe_name_count()));
    pyprobe_report_free(report);
}
END_TEST

static Suite *decide_suite(void)
{
    Suite *suite = suite_create("decide");
    TCase *tc = tcase_create("decide");
    tcase_add_loop_test(tc, test_decisions, 0,
                        sizeof decisions / sizeof decisions[0]);
    tcase_add_test(tc, test_mypyc_required);
    tcase_add_test(tc, test_warning);
    tcase_add_test(tc, test_limited_api_versions);
    tcase_add_test(tc, test_every_name);
    suite_add_tcase(suite, tc);
    return suite;
}

UNIT_MAIN(decide_suite)
