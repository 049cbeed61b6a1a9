/* check_render.c - the header, the tag file and the JSON document. */
#include "config.h"

#include <jansson.h>
#include <string.h>

#include "facts/facts.h"
#include "fixture.h"
#include "unit.h"

/* An interpreter whose paths hold everything a writer must escape. */
#define HOSTILE \
    "{\"include\": \"/x/a b'c\\\"d$(e)`f`\\\\g#h?\?/\\ni\\t\\u00e9 \", " \
    "\"platinclude\": \"/x/a b'c\\\"d$(e)`f`\\\\g#h?\?/\\ni\\t\\u00e9 \"}"

static char *render_header(pyprobe_report *report, const char *prefix,
                           pyprobe_status expect)
{
    char *text = NULL;
    pyprobe_error error;
    ck_assert_int_eq(pyprobe_report_header(report, prefix, &text, &error),
                     expect);
    return text;
}

START_TEST(test_header_every_macro)
{
    pyprobe_report *report = fixture_report("cpython-3.14t", NULL, NULL);
    char *text = render_header(report, NULL, PYPROBE_OK);
    ck_assert_ptr_nonnull(strstr(text, "#ifndef PYPROBE_CONFIG_H\n"
                                       "#define PYPROBE_CONFIG_H\n"));
    ck_assert_ptr_nonnull(strstr(text, "#define PYPROBE_FREE_THREADED 1\n"));
    ck_assert_ptr_nonnull(strstr(text, "#define PYPROBE_LIMITED_API 0\n"));
    ck_assert_ptr_nonnull(strstr(text, "#define PYPROBE_VERSION_HEX "
                                       "0x030E07F0\n"));
    ck_assert_ptr_nonnull(strstr(text, "#define PYPROBE_ABI_TAG \"cp314t\"\n"));
    ck_assert_ptr_nonnull(strstr(text, "#define PYPROBE_STABLE_ABI_SUFFIX "
                                       "\"\"\n"));
    for (size_t i = 0; i < pyprobe_name_count(); i++) {
        char macro[128];
        snprintf(macro, sizeof macro, "#define PYPROBE_%s ",
                 pyprobe_name_at(i));
        const char *at = strstr(text, macro);
        ck_assert_msg(at != NULL, "%s missing", macro);
        /* a comment line right above each macro */
        ck_assert(at - text > 3 && strncmp(at - 3, "*/\n", 3) == 0);
    }
    pyprobe_free(text);
    text = render_header(report, "MYPKG_PY_", PYPROBE_OK);
    ck_assert_ptr_nonnull(strstr(text, "#define MYPKG_PY_FREE_THREADED 1"));
    ck_assert_ptr_nonnull(strstr(text, "#ifndef MYPKG_PY_CONFIG_H"));
    ck_assert_ptr_null(strstr(text, "PYPROBE_FREE"));
    pyprobe_free(text);
    static const char *const bad[] = {"", "1X", "__X", "_Abc", "A-B", "A B"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_ptr_null(render_header(report, bad[i], PYPROBE_ERR_USAGE));
    pyprobe_report_free(report);
}
END_TEST

START_TEST(test_header_escaping)
{
    pyprobe_report *report = fixture_report("cpython-3.11-debian", HOSTILE,
                                            NULL);
    char *text = render_header(report, NULL, PYPROBE_OK);
    ck_assert_ptr_nonnull(strstr(
        text, "#define PYPROBE_INCLUDEDIR \"/x/a b'c\\\"d$(e)`f`\\\\g#h\\?\\?/"
              "\\012i\\011\\303\\251 \"\n"));
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        ck_assert_msg(*p == '\n' || (*p >= 0x20 && *p < 0x7f),
                      "byte 0x%02x in the header", *p);
    pyprobe_free(text);
    pyprobe_report_free(report);
}
END_TEST

static char *render_tags(pyprobe_report *report, pyprobe_status expect)
{
    char *text = NULL;
    pyprobe_error error;
    ck_assert_int_eq(pyprobe_report_tags(report, &text, &error), expect);
    return text;
}

/* The first line is for sh; then one KEY=value line per name, holding
 * the value as it is when make and CI readers can take it so. */
START_TEST(test_tags_layout)
{
    pyprobe_report *report = fixture_report("cpython-3.15t", NULL,
                                            "limited-api=3.15 abi3t=yes");
    char *text = render_tags(report, PYPROBE_OK);
    char *line = strtok(text, "\n");
    ck_assert_ptr_nonnull(strstr(line, "PYPROBE__SH=1; PYPROBE__WRITER="
                                       "'pyprobe " PYPROBE_VERSION_STRING
                                       "'; "));
    ck_assert_ptr_nonnull(strstr(line, " unset PYPROBE__SH PYPROBE__WRITER;"));
    ck_assert_ptr_nonnull(strstr(line, " PYPROBE_LIBC='glibc 2.36';"));
    ck_assert_ptr_nonnull(strstr(line, "; return 0 2>/dev/null || exit 0"));
    for (size_t i = 0; i < pyprobe_name_count(); i++) {
        line = strtok(NULL, "\n");
        char expect[1024];
        snprintf(expect, sizeof expect, "PYPROBE_%s=%s", pyprobe_name_at(i),
                 pyprobe_report_get(report, pyprobe_name_at(i)));
        ck_assert_str_eq(line, expect);
    }
    ck_assert_str_eq(strtok(NULL, "\n"), "PYPROBE__SH=");
    ck_assert_ptr_null(strtok(NULL, "\n"));
    pyprobe_free(text);
    pyprobe_report_free(report);
}
END_TEST

/* Values make and CI readers cannot take as they are: exact sh quoting
 * on the first line, make escaping on the value's own line. */
START_TEST(test_tags_escaped)
{
    pyprobe_report *report = fixture_report("cpython-3.11-debian", HOSTILE,
                                            NULL);
    char *text = render_tags(report, PYPROBE_OK);
    ck_assert_ptr_nonnull(strstr(
        text, " PYPROBE_INCLUDEDIR='/x/a b'\\''c\"d$(e)`f`\\g#h?\?/'"
              "\"$PYPROBE__NL\"'i\t\xc3\xa9 ';"));
    ck_assert_ptr_nonnull(strstr(text, "PYPROBE__NL=$(printf '\\n.');"));
    ck_assert_ptr_nonnull(strstr(text, "\ndefine PYPROBE__NL =\n\n\nendef # =\n"));
    ck_assert_ptr_nonnull(strstr(
        text, "\nPYPROBE_INCLUDEDIR=$(PYPROBE__EMPTY)/x/a b'c\"d$$(e)`f`"
              "$(PYPROBE__BS)g$(PYPROBE__HASH)h?\?/$(PYPROBE__NL)i\t\xc3\xa9 "
              "$(PYPROBE__EMPTY)\n"));
    ck_assert_ptr_nonnull(strstr(text, "\nPYPROBE_FREE_THREADED=0\n"));
    pyprobe_free(text);
    pyprobe_report_free(report);
}
END_TEST

START_TEST(test_tags_refuse_control_characters)
{
    pyprobe_report *report = fixture_report(
        "cpython-3.11-debian", "{\"prefix\": \"/x\\u0001y\"}", NULL);
    char *text = NULL;
    pyprobe_error error;
    ck_assert_int_eq(pyprobe_report_tags(report, &text, &error),
                     PYPROBE_ERR_UNSUPPORTED);
    ck_assert_ptr_null(text);
    ck_assert_ptr_nonnull(strstr(error.message, "PYPROBE_PREFIX"));
    pyprobe_report_free(report);
}
END_TEST

START_TEST(test_json_document)
{
    pyprobe_report *report = fixture_report("cpython-3.15", NULL,
                                            "limited-api=3.12 abi3t=yes");
    char *text = NULL;
    pyprobe_error error;
    ck_assert_int_eq(pyprobe_report_json(report, &text, &error), PYPROBE_OK);
    json_error_t json_error;
    json_t *root = json_loads(text, 0, &json_error);
    ck_assert_msg(root != NULL, "invalid JSON: %s", json_error.text);
    ck_assert_str_eq(json_string_value(json_object_get(root, "format")),
                     "pyprobe-facts");
    for (size_t i = 0; i < pyprobe_name_count(); i++) {
        json_t *value = json_object_get(root, pyprobe_name_key(i));
        ck_assert_msg(value != NULL, "%s missing", pyprobe_name_key(i));
    }
    ck_assert_int_eq(json_integer_value(json_object_get(root, "abi3t")), 1);
    ck_assert(json_is_integer(json_object_get(root, "pointer_size")));
    ck_assert_str_eq(json_string_value(json_object_get(root, "version_hex")),
                     "0x030F00C1");
    json_t *policy = json_object_get(root, "policy");
    ck_assert_str_eq(json_string_value(json_object_get(policy, "limited_api")),
                     "3.12");
    ck_assert_str_eq(json_string_value(json_object_get(policy, "abi3t")),
                     "yes");
    ck_assert(json_is_object(json_object_get(root, "probe")));
    json_decref(root);
    pyprobe_free(text);
    pyprobe_report_free(report);
}
END_TEST

/* JSON cannot carry bytes that are not UTF-8 (a path decoded with
 * surrogateescape comes back as such bytes): say so. */
START_TEST(test_json_refuses_invalid_utf8)
{
    pyprobe_facts *facts = fixture_facts("cpython-3.11-debian", NULL);
    free(facts->raw.prefix);
    facts->raw.prefix = strdup("/x\xff");
    pyprobe_report *report = NULL;
    pyprobe_error error;
    ck_assert_int_eq(pyprobe_report_new(facts, NULL, &report, &error),
                     PYPROBE_OK);
    char *text = NULL;
    ck_assert_int_eq(pyprobe_report_json(report, &text, &error),
                     PYPROBE_ERR_UNSUPPORTED);
    ck_assert_ptr_null(text);
    ck_assert_ptr_nonnull(strstr(error.message, "UTF-8"));
    ck_assert_str_eq(error.context, "prefix");
    pyprobe_report_free(report);
    pyprobe_facts_free(facts);
}
END_TEST

/* Only JSON needs the raw answer as UTF-8: an interpreter at a path that
 * is not UTF-8 still gets its header, tag file and values. */
START_TEST(test_non_utf8_answer_only_stops_json)
{
    pyprobe_facts *facts = fixture_facts("cpython-3.11-debian", NULL);
    pp_lit *prefix = (pp_lit *)pp_lit_get(facts->probe, "prefix");
    free(prefix->str);
    prefix->str = strdup("/x\xff");
    prefix->length = 3;
    pyprobe_report *report = NULL;
    pyprobe_error error;
    ck_assert_int_eq(pyprobe_report_new(facts, NULL, &report, &error),
                     PYPROBE_OK);
    char *text = render_header(report, NULL, PYPROBE_OK);
    pyprobe_free(text);
    text = render_tags(report, PYPROBE_OK);
    pyprobe_free(text);
    ck_assert_int_eq(pyprobe_report_json(report, &text, &error),
                     PYPROBE_ERR_UNSUPPORTED);
    ck_assert_ptr_null(text);
    pyprobe_report_free(report);
    pyprobe_facts_free(facts);
}
END_TEST

static Suite *render_suite(void)
{
    Suite *suite = suite_create("render");
    TCase *tc = tcase_create("render");
    tcase_add_test(tc, test_header_every_macro);
    tcase_add_test(tc, test_header_escaping);
    tcase_add_test(tc, test_tags_layout);
    tcase_add_test(tc, test_tags_escaped);
    tcase_add_test(tc, test_tags_refuse_control_characters);
    tcase_add_test(tc, test_json_document);
    tcase_add_test(tc, test_json_refuses_invalid_utf8);
    tcase_add_test(tc, test_non_utf8_answer_only_stops_json);
    suite_add_tcase(suite, tc);
    return suite;
}

UNIT_MAIN(render_suite)
