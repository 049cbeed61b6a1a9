/* check_pyliteral.c - the literal parser reads exactly its grammar. */
#include "config.h"

#include <string.h>

#include "unit.h"
#include "util/pyliteral.h"

static pp_lit *parse_ok(const char *text)
{
    pp_lit *lit = NULL;
    pyprobe_error error;
    pyprobe_status status = pp_lit_parse(text, strlen(text), "test", NULL,
                                         &lit, &error);
    ck_assert_msg(status == PYPROBE_OK, "'%s' was refused: %s", text,
                  error.message);
    return lit;
}

/* Strings: text in, bytes out. */
static const struct { const char *text, *bytes; } strings[] = {
    {"'a'", "a"},
    {"''", ""},
    {"\"a\"", "a"},
    {"'a' \"b\"", "ab"},
    {"('a'\n  'b')", "ab"},
    {"'it''s'", "its"},
    {"r'\\d\\n'", "\\d\\n"},
    {"u'x'", "x"},
    {"'\\x41\\u00e9\\U0001F600'", "A\xc3\xa9\xf0\x9f\x98\x80"},
    {"'\\udcff\\udc80'", "\xff\x80"},             /* surrogateescape */
    {"'\\n\\t\\\\\\'\\\"'", "\n\t\\'\""},
    {"'\\101\\7'", "A\a"},
    {"'\\d'", "\\d"},                              /* kept, as Python does */
    {"'''tri'ple'''", "tri'ple"},
    {"'caf\xc3\xa9'", "caf\xc3\xa9"},              /* UTF-8 source */
    {"'a\\\nb'", "ab"},                            /* continuation */
    {"# comment\n'x'  # trailing\n", "x"},
};

START_TEST(test_strings)
{
    pp_lit *lit = parse_ok(strings[_i].text);
    ck_assert_int_eq(lit->type, PP_LIT_STR);
    ck_assert_str_eq(lit->str, strings[_i].bytes);
    ck_assert_uint_eq(lit->length, strlen(strings[_i].bytes));
    pp_lit_free(lit);
}
END_TEST

static const struct { const char *text; long long value; } ints[] = {
    {"0", 0}, {"42", 42}, {"-5", -5},
    {"9223372036854775807", 9223372036854775807LL},
    {"-9223372036854775808", -9223372036854775807LL - 1},
};

/* An empty string is "", whatever the memory it gets held before: the
 * heap is dirtied first so that a missing terminator shows. */
START_TEST(test_empty_string_on_dirty_heap)
{
    for (int round = 0; round < 4; round++) {
        char *dirt = malloc(256);
        memset(dirt, 'x', 256);
        free(dirt);
        pp_lit *lit = NULL;
        pyprobe_error error;
        ck_assert_int_eq(pp_lit_parse("''", 2, "t", NULL, &lit, &error),
                         PYPROBE_OK);
        ck_assert_int_eq(lit->type, PP_LIT_STR);
        ck_assert_uint_eq(lit->length, 0);
        ck_assert_str_eq(lit->str, "");
        pp_lit_free(lit);
    }
}
END_TEST

START_TEST(test_ints)
{
    pp_lit *lit = parse_ok(ints[_i].text);
    ck_assert_int_eq(lit->type, PP_LIT_INT);
    ck_assert(lit->integer == ints[_i].value);
    pp_lit_free(lit);
}
END_TEST

START_TEST(test_structures)
{
    pp_lit *lit = parse_ok("{'a': [1, (2,), (3), ()], 'b': {'c': None}, "
                           "'d': True, 'e': False,}");
    ck_assert_int_eq(lit->type, PP_LIT_DICT);
    ck_assert_uint_eq(lit->length, 4);
    const pp_lit *a = pp_lit_get(lit, "a");
    ck_assert_int_eq(a->type, PP_LIT_LIST);
    ck_assert_uint_eq(a->length, 4);
    ck_assert_int_eq(a->items[1]->type, PP_LIT_LIST);   /* (2,) */
    ck_assert_int_eq(a->items[2]->type, PP_LIT_INT);    /* (3) */
    ck_assert_uint_eq(a->items[3]->length, 0);          /* () */
    ck_assert_int_eq(pp_lit_get(pp_lit_get(lit, "b"), "c")->type, PP_LIT_NONE);
    ck_assert_int_eq(pp_lit_get(lit, "d")->integer, 1);
    ck_assert_int_eq(pp_lit_get(lit, "e")->integer, 0);
    ck_assert_ptr_null(pp_lit_get(lit, "z"));
    pp_lit_free(lit);
}
END_TEST

/* Everything outside the grammar is refused, with a position. */
static const char *const refused[] = {
    "1.5", "1e3", "0x10", "01", "1_000", "3j",
    "b'x'", "f'x'", "rb'x'",
    "{1: 2}", "{'a': 1, 'a': 2}", "{'a'}", "{'a' 1}",
    "__import__('os').system('true')", "x", "open", "None.x",
    "[1 2]", "[1,", "'unterminated", "'a\nb'", "'\\N{DASH}'",
    "'\\udc00'", "'\\ud800'", "'\\x00'", "'\\0'", "'\\x4'", "'\\U00110000'",
    "9223372036854775808", "-9223372036854775809",
    "'a' + 'b'", "{'a': 1}}", "'a'\n'b'", "", "   ", "# only a comment",
    "Truex", "-", "--1", "(1 2)", "[1](0)",
};

START_TEST(test_refused)
{
    pp_lit *lit = NULL;
    pyprobe_error error;
    const char *text = refused[_i];
    pyprobe_status status = pp_lit_parse(text, strlen(text), "ctx", NULL,
                                         &lit, &error);
    ck_assert_msg(status == PYPROBE_ERR_PROTOCOL, "'%s' was accepted", text);
    ck_assert_ptr_null(lit);
    ck_assert_str_eq(error.context, "ctx");
    ck_assert_msg(strstr(error.message, "line ") != NULL ||
                      strstr(error.message, "NUL") != NULL,
                  "no position in '%s'", error.message);
}
END_TEST

START_TEST(test_nul_byte)
{
    static const char text[] = "{'a': '\0'}";
    pp_lit *lit = NULL;
    pyprobe_error error;
    ck_assert_int_eq(pp_lit_parse(text, sizeof text - 1, "t", NULL, &lit,
                                  &error),
                     PYPROBE_ERR_PROTOCOL);
    ck_assert_ptr_null(strstr(error.message, "\n"));
}
END_TEST

START_TEST(test_depth_limit)
{
    char text[200];
    memset(text, '[', 100);
    memset(text + 100, ']', 100);
    pp_lit *lit = NULL;
    pyprobe_error error;
    ck_assert_int_eq(pp_lit_parse(text, sizeof text, "t", NULL, &lit,
                                  &error),
                     PYPROBE_ERR_PROTOCOL);
    ck_assert_ptr_nonnull(strstr(error.message, "nested"));
    /* 30 levels are fine */
    memset(text, '[', 30);
    memset(text + 30, ']', 30);
    ck_assert_int_eq(pp_lit_parse(text, 60, "t", NULL, &lit, &error),
                     PYPROBE_OK);
    pp_lit_free(lit);
}
END_TEST

START_TEST(test_error_position)
{
    pp_lit *lit = NULL;
    pyprobe_error error;
    const char *text = "{'a': 1,\n 'b': oops}";
    pp_lit_parse(text, strlen(text), "t", NULL, &lit, &error);
    ck_assert_msg(strstr(error.message, "line 2, column 7") != NULL,
                  "message: %s", error.message);
}
END_TEST

/* The shape of a _sysconfigdata_*.py file, as pprint writes it. */
static const char sysconfigdata[] =
    "# system configuration generated and used by the sysconfig module\n"
    "\"\"\"A docstring.\"\"\"\n"
    "build_time_vars = {'ABIFLAGS': '',\n"
    " 'CONFIG_ARGS': \"'--prefix=/usr' '--enable-shared' \"\n"
    "                \"'--with-x'\",\n"
    " 'Py_GIL_DISABLED': 1,\n"
    " 'SIZEOF_VOID_P': 8}\n"
    "other = [1, 2]\n";

START_TEST(test_assignment)
{
    pp_lit *lit = NULL;
    pyprobe_error error;
    ck_assert_int_eq(pp_lit_parse_assignment(sysconfigdata,
                                             sizeof sysconfigdata - 1,
                                             "build_time_vars", "f", &lit,
                                             &error),
                     PYPROBE_OK);
    ck_assert_str_eq(pp_lit_get(lit, "CONFIG_ARGS")->str,
                     "'--prefix=/usr' '--enable-shared' '--with-x'");
    ck_assert_int_eq(pp_lit_get(lit, "Py_GIL_DISABLED")->integer, 1);
    pp_lit_free(lit);

    ck_assert_int_eq(pp_lit_parse_assignment(sysconfigdata,
                                             sizeof sysconfigdata - 1,
                                             "missing", "f", &lit, &error),
                     PYPROBE_ERR_PROTOCOL);
    static const char *const bad[] = {
        "import os\nbuild_time_vars = {}\n",
        "build_time_vars = {}; os.system('x')\n",
        "build_time_vars == {}\n",
        "build_time_vars = {} {}\n",
        "def f(): pass\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(pp_lit_parse_assignment(bad[i], strlen(bad[i]),
                                              "build_time_vars", "f", &lit,
                                              &error) == PYPROBE_ERR_PROTOCOL,
                      "accepted: %s", bad[i]);
}
END_TEST

/* A list of count zeros: "[0,0,...,0]". Caller frees. */
static char *list_of_zeros(size_t count, size_t *length)
{
    *length = 2 * count + 1;
    char *text = malloc(*length + 1);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < count; i++)
        memcpy(text + 2 * i, ",0", 2);
    text[0] = '[';
    memcpy(text + *length - 1, "]", 2);
    return text;
}

/* Reading an interpreter's answer counts against its --timeout: past
 * the deadline the parse stops with the time-out's status (exit 4),
 * whatever the input, and says so. */
START_TEST(test_deadline_passed)
{
    static const char *const inputs[] = {"0", "{'a': [1, 'b']}", "'x'"};
    pp_deadline passed = pp_deadline_in(0);
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        pp_lit *lit = NULL;
        pyprobe_error error;
        ck_assert_int_eq(pp_lit_parse(inputs[i], strlen(inputs[i]), "/py",
                                      &passed, &lit, &error),
                         PYPROBE_ERR_INTERPRETER);
        ck_assert_ptr_null(lit);
        ck_assert_str_eq(error.context, "/py");
        ck_assert_str_eq(error.message, "did not finish within 0.000 s; "
                                        "timed out while reading its answer");
        ck_assert_ptr_nonnull(strstr(error.hint, "--timeout"));
        /* the status does not depend on there being an error to fill */
        ck_assert_int_eq(pp_lit_parse(inputs[i], strlen(inputs[i]), "/py",
                                      &passed, &lit, NULL),
                         PYPROBE_ERR_INTERPRETER);
    }
}
END_TEST

/* A deadline that passes during the parse stops it there: a million
 * values take tens of milliseconds to read, far more than 1 ms. */
START_TEST(test_deadline_during_parse)
{
    size_t length;
    char *text = list_of_zeros(1000000, &length);
    pp_lit *lit = NULL;
    pyprobe_error error;
    pp_deadline soon = pp_deadline_in(1);
    ck_assert_int_eq(pp_lit_parse(text, length, "/py", &soon, &lit, &error),
                     PYPROBE_ERR_INTERPRETER);
    ck_assert_ptr_null(lit);
    ck_assert_ptr_nonnull(strstr(error.message, "reading its answer"));
    free(text);
}
END_TEST

/* With time to spare, a deadline changes nothing. */
START_TEST(test_deadline_ahead)
{
    size_t length;
    char *text = list_of_zeros(100000, &length);
    pp_lit *lit = NULL;
    pyprobe_error error;
    pp_deadline ahead = pp_deadline_in(600000);
    ck_assert_int_eq(pp_lit_parse(text, length, "/py", &ahead, &lit, &error),
                     PYPROBE_OK);
    ck_assert_int_eq(lit->type, PP_LIT_LIST);
    ck_assert_uint_eq(lit->length, 100000);
    pp_lit_free(lit);
    free(text);
    static const char *const bad = "{'a': 1, 'a': 2}";
    ck_assert_int_eq(pp_lit_parse(bad, strlen(bad), "/py", &ahead, &lit,
                                  &error),
                     PYPROBE_ERR_PROTOCOL);
}
END_TEST

static Suite *pyliteral_suite(void)
{
    Suite *suite = suite_create("pyliteral");
    TCase *tc = tcase_create("parse");
    tcase_add_loop_test(tc, test_strings, 0,
                        sizeof strings / sizeof strings[0]);
    tcase_add_loop_test(tc, test_ints, 0, sizeof ints / sizeof ints[0]);
    tcase_add_test(tc, test_structures);
    tcase_add_test(tc, test_empty_string_on_dirty_heap);
    tcase_add_loop_test(tc, test_refused, 0,
                        sizeof refused / sizeof refused[0]);
    tcase_add_test(tc, test_nul_byte);
    tcase_add_test(tc, test_depth_limit);
    tcase_add_test(tc, test_error_position);
    tcase_add_test(tc, test_assignment);
    tcase_add_test(tc, test_deadline_passed);
    tcase_add_test(tc, test_deadline_during_parse);
    tcase_add_test(tc, test_deadline_ahead);
    suite_add_tcase(suite, tc);
    return suite;
}

UNIT_MAIN(pyliteral_suite)
