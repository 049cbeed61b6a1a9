/* check_facts.c - validation of an answer, and the derived facts. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "facts/facts.h"
#include "facts/validate.h"
#include "fixture.h"
#include "unit.h"

/* What each recorded sheet derives to. */
static const struct {
    const char *sheet, *abi_tag, *interpreter_tag, *version, *version_hex;
    int free_threaded, debug;
    const char *abi3, *abi3t;   /* loadable suffixes, space-separated */
} derived[] = {
    {"cpython-3.8-pyenv", "cp38", "cp38", "3.8.18", "0x030812F0", 0, 0,
     ".abi3.so", ""},
    {"cpython-3.11-debian", "cp311", "cp311", "3.11.2", "0x030B02F0", 0, 0,
     ".abi3.so", ""},
    {"cpython-3.11d-debian", "cp311d", "cp311", "3.11.2", "0x030B02F0", 0, 1,
     ".abi3.so", ""},
    {"cpython-3.13t", "cp313t", "cp313", "3.13.15", "0x030D0FF0", 1, 0, "",
     ""},
    {"cpython-3.14t", "cp314t", "cp314", "3.14.7", "0x030E07F0", 1, 0, "",
     ""},
    {"cpython-3.14", "cp314", "cp314", "3.14.7", "0x030E07F0", 0, 0,
     ".abi3.so", ""},
    {"cpython-3.15", "cp315", "cp315", "3.15.0rc1", "0x030F00C1", 0, 0,
     ".abi3-x86_64-linux-gnu.so .abi3.so",
     ".abi3t-x86_64-linux-gnu.so .abi3t.so"},
    {"cpython-3.15t", "cp315t", "cp315", "3.15.0rc1", "0x030F00C1", 1, 0, "",
     ".abi3t-x86_64-linux-gnu.so .abi3t.so"},
    {"pypy-3.9-debian", "pypy39_pp73", "pp39", "3.9.16", "0x030910F0", 0, 0,
     "", ""},
};

static void assert_list(const pp_strlist *list, const char *expected)
{
    char joined[512] = "";
    for (size_t i = 0; i < list->count; i++) {
        if (i)
            strcat(joined, " ");
        strcat(joined, list->items[i]);
    }
    ck_assert_str_eq(joined, expected);
}

START_TEST(test_derived)
{
    pyprobe_facts *f = fixture_facts(derived[_i].sheet, NULL);
    ck_assert_str_eq(f->abi_tag, derived[_i].abi_tag);
    ck_assert_str_eq(f->interpreter_tag, derived[_i].interpreter_tag);
    ck_assert_str_eq(f->version, derived[_i].version);
    ck_assert_str_eq(f->version_hex, derived[_i].version_hex);
    ck_assert_int_eq(f->free_threaded, derived[_i].free_threaded);
    ck_assert_int_eq(f->debug, derived[_i].debug);
    ck_assert_str_eq(f->platform_tag, "linux_x86_64");
    ck_assert_int_eq(f->pointer_size, 8);
    ck_assert_int_eq(f->glibc_major, 2);
    ck_assert_int_eq(f->glibc_minor, 36);
    assert_list(&f->abi3_suffixes, derived[_i].abi3);
    assert_list(&f->abi3t_suffixes, derived[_i].abi3t);
    pyprobe_facts_free(f);
}
END_TEST

/* The build configuration decides, not the GIL state at run time: a
 * free-threaded build run with PYTHON_GIL=1 is still free-threaded. */
START_TEST(test_runtime_gil_is_not_the_build)
{
    pyprobe_facts *f = fixture_facts("cpython-3.14t", "{\"gil_enabled\": true}");
    ck_assert_int_eq(f->free_threaded, 1);
    ck_assert_str_eq(f->abi_tag, "cp314t");
    pyprobe_facts_free(f);
}
END_TEST

/* Py_GIL_DISABLED may be the string "0": that is a GIL build. */
START_TEST(test_string_zero_is_false)
{
    pyprobe_facts *f = fixture_facts("cpython-3.13-pyenv",
                                     "{\"config\": {\"Py_GIL_DISABLED\": \"0\"}}");
    ck_assert_int_eq(f->free_threaded, 0);
    ck_assert_str_eq(f->abi_tag, "cp313");
    pyprobe_facts_free(f);
    f = fixture_facts("cpython-3.13t",
                      "{\"config\": {\"Py_GIL_DISABLED\": \"1\"}}");
    ck_assert_int_eq(f->free_threaded, 1);
    pyprobe_facts_free(f);
}
END_TEST

/* Answers that must be refused, and with which status. */
static const struct { const char *sheet, *patch; pyprobe_status status; }
refusals[] = {
    {"cpython-3.13t", "{\"config\": {\"Py_GIL_DISABLED\": \"2\"}}",
     PYPROBE_ERR_PROTOCOL},
    {"cpython-3.13t", "{\"config\": {\"Py_GIL_DISABLED\": \"yes\"}}",
     PYPROBE_ERR_PROTOCOL},
    {"cpython-3.13t", "{\"abiflags\": \"\"}", PYPROBE_ERR_PROTOCOL},
    {"cpython-3.13-pyenv", "{\"abiflags\": \"t\"}", PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"config\": {\"Py_GIL_DISABLED\": 1}}",
     PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"abiflags\": \"x\"}", PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"abiflags\": \"dd\"}", PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"abiflags\": \"d\"}", PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"hexversion\": 1}", PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"version_info\": [2, 7, 18, \"final\", 0], "
     "\"hexversion\": 34017008}", PYPROBE_ERR_UNSUPPORTED},
    {"cpython-3.11-debian", "{\"version_info\": [3, 5, 10, \"final\", 0], "
     "\"hexversion\": 50662128}", PYPROBE_ERR_UNSUPPORTED},
    {"cpython-3.11-debian", "{\"version_info\": [3, 11, 2, \"gamma\", 0]}",
     PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"maxsize\": 12345}", PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"byteorder\": \"middle\"}",
     PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"implementation\": \"CPython!\"}",
     PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"extension_suffixes\": []}",
     PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian",
     "{\"extension_suffixes\": [\".cpython-311-x86_64-linux-gnu.so\", "
     "\".so; rm -rf /\"]}", PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"config\": {\"EXT_SUFFIX\": \".cp311.pyd\"}}",
     PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"config\": {\"EXT_SUFFIX\": null}}",
     PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"config\": {\"Py_DEBUG\": 7}}",
     PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"config\": {\"Py_DEBUG\": [1]}}",
     PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"config\": {\"EXTRA\": 1}}",
     PYPROBE_ERR_PROTOCOL},
    /* install_dirs: [abs, abs, rel, rel], each may be None */
    {"cpython-3.11-debian", "{\"install_dirs\": [\"/usr/lib\", \"/usr/lib\", "
     "\"lib\"]}", PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"install_dirs\": [\"lib\", \"/usr/lib\", "
     "\"lib\", \"lib\"]}", PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"install_dirs\": [\"/usr/lib\", \"/usr/lib\", "
     "\"lib/../..\", \"lib\"]}", PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"install_dirs\": [\"/usr/lib\", \"/usr/lib\", "
     "\"lib\", \"C:\\\\lib\"]}", PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"install_dirs\": [\"/usr/lib\", \"/usr/lib\", "
     "\"\", \"lib\"]}", PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"install_dirs\": \"/usr/lib\"}",
     PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"include\": 5}", PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"include\": \"\"}", PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"executable\": null}", PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"gil_enabled\": 1}", PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"elf\": [1, 2]}", PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"mac_ver\": \"14.0\"}", PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"surprise\": 1}", PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"depends\": [\"lib/x.py\"]}",
     PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"depends\": [\"C:x.py\"]}",
     PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"depends\": \"/x.py\"}",
     PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"derived\": {\"libc\": 1}}",
     PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"derived\": [\"libc\"]}",
     PYPROBE_ERR_PROTOCOL},
    {"cpython-3.11-debian", "{\"unknown\": [\"abi_tag\"]}",
     PYPROBE_ERR_PROTOCOL},
};

START_TEST(test_refusals)
{
    pyprobe_facts *facts = NULL;
    pyprobe_error error;
    pyprobe_status status = fixture_try(refusals[_i].sheet,
                                        refusals[_i].patch, &facts, &error);
    ck_assert_msg(status == refusals[_i].status,
                  "%s %s: status %d (%s), expected %d", refusals[_i].sheet,
                  refusals[_i].patch, status,
                  status ? error.message : "accepted", refusals[_i].status);
    ck_assert_ptr_null(facts);
    ck_assert_ptr_null(strchr(error.message, '\n'));
}
END_TEST

START_TEST(test_missing_field)
{
    /* Every field is required: a null for a str field is refused and a
     * deleted one reported as missing. */
    pyprobe_facts *facts = NULL;
    pyprobe_error error;
    ck_assert_int_eq(fixture_try("cpython-3.11-debian", "{\"prefix\": null}",
                                 &facts, &error),
                     PYPROBE_ERR_PROTOCOL);
    ck_assert_ptr_nonnull(strstr(error.message, "'prefix'"));
}
END_TEST

/* The framing around the literal. */
static const struct { const char *output; const char *says; } framing[] = {
    {"", "printed nothing"},
    {"hello\n", "not a Python interpreter"},
    {"pyprobe-probe 2\n{}\nend\n", "protocol '2'"},
    {"pyprobe-probe 1\n{}\n", "truncated"},
    {"pyprobe-probe 1", "truncated"},
    {"pyprobe-probe 1\n{}\nextra\nend\n", "extra lines"},
    {"pyprobe-probe 1\n{'a': 1\nend\n", "line 1"},
    {"pyprobe-probe 1\n[]\nend\n", "not a dict"},
    {"pyprobe-probe 1\n{'unsupported': '2.7.18'}\nend\n", "not supported"},
};

START_TEST(test_framing)
{
    pyprobe_facts *facts = NULL;
    pyprobe_error error;
    const char *out = framing[_i].output;
    pyprobe_status status = pp_facts_from_output(out, strlen(out), "/py",
                                                 NULL, &facts, &error);
    ck_assert_int_ne(status, PYPROBE_OK);
    ck_assert_ptr_null(facts);
    ck_assert_msg(strstr(error.message, framing[_i].says) != NULL,
                  "'%s' gave '%s'", out, error.message);
    ck_assert_str_eq(error.context, "/py");
}
END_TEST

/* The answer is read on the run's deadline: one that has passed fails
 * as a time-out (exit 4), not as an invalid answer. */
START_TEST(test_answer_read_by_deadline)
{
    static const char out[] = "pyprobe-probe 1\n{'a': 1}\nend\n";
    pyprobe_facts *facts = NULL;
    pyprobe_error error;
    pp_deadline passed = pp_deadline_in(0);
    ck_assert_int_eq(pp_facts_from_output(out, sizeof out - 1, "/py",
                                          &passed, &facts, &error),
                     PYPROBE_ERR_INTERPRETER);
    ck_assert_ptr_null(facts);
    ck_assert_str_eq(error.context, "/py");
    ck_assert_ptr_nonnull(strstr(error.message, "reading its answer"));
}
END_TEST

/* The fields added after protocol 1 shipped are optional, and kept. */
START_TEST(test_optional_fields)
{
    pyprobe_facts *f = fixture_facts("cpython-3.11-debian", NULL);
    ck_assert_uint_eq(f->raw.depends.count, 0);
    ck_assert_int_eq(pp_facts_unknown(f, PP_UNKNOWN_LIBC), 0);
    pyprobe_facts_free(f);
    f = fixture_facts("cpython-3.11-debian",
                      "{\"depends\": [\"/usr/pyvenv.cfg\"], "
                      "\"derived\": {\"libc\": \"from --libc\"}, "
                      "\"unknown\": [\"elf\"]}");
    ck_assert_uint_eq(f->raw.depends.count, 1);
    ck_assert_str_eq(f->raw.depends.items[0], "/usr/pyvenv.cfg");
    ck_assert_uint_eq(f->raw.derived.count, 2);
    ck_assert_str_eq(f->raw.derived.items[1], "from --libc");
    ck_assert_int_eq(pp_facts_unknown(f, PP_UNKNOWN_ELF), 1);
    ck_assert_int_eq(pp_facts_unknown(f, PP_UNKNOWN_LIBC), 0);
    pyprobe_facts_free(f);
    /* A Windows interpreter's files. */
    f = fixture_facts("cpython-3.11-debian",
                      "{\"depends\": [\"C:\\\\Python311\\\\pyvenv.cfg\", "
                      "\"c:/py/x.py\", \"\\\\\\\\server\\\\share\"]}");
    ck_assert_uint_eq(f->raw.depends.count, 3);
    pyprobe_facts_free(f);
}
END_TEST

START_TEST(test_libc_parsing)
{
    static const struct { const char *libc; int major, minor; } cases[] = {
        {"\"glibc 2.17\"", 2, 17}, {"\"glibc 2.36-9\"", 2, 36},
        {"\"glibc\"", -1, -1}, {"\"glibc 2\"", -1, -1},
        {"\"glibc x.y\"", -1, -1}, {"null", -1, -1},
        {"\"glibc 2.3 extra\"", -1, -1},
    };
    char patch[128];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(patch, sizeof patch, "{\"libc\": %s}", cases[i].libc);
        pyprobe_facts *f = fixture_facts("cpython-3.11-debian", patch);
        ck_assert_msg(f->glibc_major == cases[i].major &&
                          f->glibc_minor == cases[i].minor,
                      "%s gave %d.%d", cases[i].libc, f->glibc_major,
                      f->glibc_minor);
        pyprobe_facts_free(f);
    }
    pyprobe_facts *f = fixture_facts("cpython-3.11-debian",
                                     "{\"libc\": null, \"musl_version\": \"1.2\"}");
    ck_assert_int_eq(f->musl_major, 1);
    ck_assert_int_eq(f->musl_minor, 2);
    pyprobe_facts_free(f);
}
END_TEST

/* install_dirs is optional (absent: all four unknown); each item may be
 * None; a Windows interpreter's paths are taken as they are. */
START_TEST(test_install_dirs)
{
    pyprobe_facts *f = fixture_facts("cpython-3.11-debian", NULL);
    ck_assert_ptr_null(f->raw.platlib);
    ck_assert_ptr_null(f->raw.purelib_rel);
    pyprobe_facts_free(f);
    f = fixture_facts("cpython-3.11-debian",
                      "{\"install_dirs\": [\"/usr/local/lib/python3.11/"
                      "dist-packages\", null, \"lib/python3.11/site-packages\", "
                      "null]}");
    ck_assert_str_eq(f->raw.platlib, "/usr/local/lib/python3.11/dist-packages");
    ck_assert_ptr_null(f->raw.purelib);
    ck_assert_str_eq(f->raw.platlib_rel, "lib/python3.11/site-packages");
    ck_assert_ptr_null(f->raw.purelib_rel);
    pyprobe_facts_free(f);
    f = fixture_facts("cpython-3.11-debian",
                      "{\"install_dirs\": [\"C:\\\\Python311\\\\Lib\\\\site-packages\", "
                      "\"C:/Python311/Lib/site-packages\", "
                      "\"Lib\\\\site-packages\", \"Lib/..site-packages\"]}");
    ck_assert_str_eq(f->raw.platlib_rel, "Lib\\site-packages");
    ck_assert_str_eq(f->raw.purelib_rel, "Lib/..site-packages");
    pyprobe_facts_free(f);
}
END_TEST

START_TEST(test_platform_tag_32bit)
{
    pyprobe_facts *f = fixture_facts("cpython-3.11-debian",
                                     "{\"maxsize\": 2147483647, "
                                     "\"config\": {\"SIZEOF_VOID_P\": 4}}");
    ck_assert_int_eq(f->pointer_size, 4);
    ck_assert_str_eq(f->platform_tag, "linux_i686");
    pyprobe_facts_free(f);
    f = fixture_facts("cpython-3.11-debian",
                      "{\"platform\": \"macosx-11.0-arm64\", "
                      "\"sys_platform\": \"darwin\"}");
    ck_assert_str_eq(f->platform_tag, "macosx_11_0_arm64");
    pyprobe_facts_free(f);
}
END_TEST

START_TEST(test_libpython)
{
    pyprobe_facts *f = fixture_facts("cpython-3.14t", NULL);
    ck_assert_str_eq(f->libpython, "python3.14t");          /* from .a */
    pyprobe_facts_free(f);
    f = fixture_facts("pypy-3.9-debian", NULL);
    ck_assert_str_eq(f->libpython, "pypy3.9-c");
    pyprobe_facts_free(f);
    f = fixture_facts("cpython-3.11-debian",
                      "{\"config\": {\"LDLIBRARY\": \"Python.framework/"
                      "Versions/3.11/Python\"}}");
    ck_assert_str_eq(f->libpython, "python3.11");           /* LDVERSION */
    pyprobe_facts_free(f);
}
END_TEST

/* Reproducer F4: a facts file with a malformed limited_api, loaded
 * through the public API with error == NULL, is refused, not a crash. */
START_TEST(test_load_json_null_error)
{
    pyprobe_facts *f = (pyprobe_facts *)1;
    pyprobe_status status = pyprobe_facts_load_json(
        TOP_SRCDIR "/tests/data/reproducers/facts-bad-limited-api.json", &f,
        NULL);
    ck_assert_int_eq(status, PYPROBE_ERR_PROTOCOL);
    ck_assert_ptr_null(f);
    pyprobe_error error;
    status = pyprobe_facts_load_json(
        TOP_SRCDIR "/tests/data/reproducers/facts-bad-limited-api.json", &f,
        &error);
    ck_assert_int_eq(status, PYPROBE_ERR_PROTOCOL);
    ck_assert_int_eq(error.status, PYPROBE_ERR_PROTOCOL);
    ck_assert(strstr(error.context, "facts-bad-limited-api.json") != NULL);
}
END_TEST

static Suite *facts_suite(void)
{
    Suite *suite = suite_create("facts");
    TCase *tc = tcase_create("facts");
    tcase_add_loop_test(tc, test_derived, 0,
                        sizeof derived / sizeof derived[0]);
    tcase_add_test(tc, test_runtime_gil_is_not_the_build);
    tcase_add_test(tc, test_string_zero_is_false);
    tcase_add_loop_test(tc, test_refusals, 0,
                        sizeof refusals / sizeof refusals[0]);
    tcase_add_test(tc, test_missing_field);
    tcase_add_loop_test(tc, test_framing, 0,
                        sizeof framing / sizeof framing[0]);
    tcase_add_test(tc, test_answer_read_by_deadline);
    tcase_add_test(tc, test_optional_fields);
    tcase_add_test(tc, test_libc_parsing);
    tcase_add_test(tc, test_install_dirs);
    tcase_add_test(tc, test_platform_tag_32bit);
    tcase_add_test(tc, test_libpython);
    tcase_add_test(tc, test_load_json_null_error);
    suite_add_tcase(suite, tc);
    return suite;
}

UNIT_MAIN(facts_suite)
