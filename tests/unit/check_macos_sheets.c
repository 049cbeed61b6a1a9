/* check_macos_sheets.c - the synthetic macOS sheets
 * (tests/fixtures/synthetic/macos-*.json: regular and free-threaded,
 * arm64, x86_64 and universal2 builds, macOS 10.15 to 15) through the
 * library here, with no Mac: the answer the probe script would give
 * (mac_ver included), its facts, the decisions, and the wheel tags,
 * which must be the list packaging 26.3 gave for the sheet. The whole
 * program runs on them in tests/integration/tags-oracle.sh. */
#include "config.h"

#include <glob.h>
#include <jansson.h>
#include <string.h>

#include "fixture.h"
#include "unit.h"

static glob_t sheets;

static void find_sheets(void)
{
    char pattern[4096];
    unit_data_path(pattern, sizeof pattern,
                   "tests/fixtures/synthetic/macos-*.json");
    if (glob(pattern, 0, NULL, &sheets) != 0 || sheets.gl_pathc < 6) {
        fprintf(stderr, "check_macos_sheets: fewer than 6 sheets match %s\n",
                pattern);
        exit(EXIT_FAILURE);
    }
}

static void free_sheets(void)
{
    globfree(&sheets);
}

/* "../synthetic/NAME" for fixture_facts, which reads the interpreters'
 * directory; and the sheet's own name. */
static void sheet_name(const char *path, char *name, size_t size)
{
    const char *base = strrchr(path, '/') + 1;
    snprintf(name, size, "../synthetic/%.*s", (int)(strlen(base) - 5), base);
}

START_TEST(test_sheet)
{
    const char *path = sheets.gl_pathv[_i];
    json_error_t json_error;
    json_t *sheet = json_load_file(path, 0, &json_error);
    ck_assert_msg(sheet != NULL, "%s: %s", path, json_error.text);
    /* the probe script reports platform.mac_ver() as [release, machine] */
    json_t *mac_ver = json_object_get(json_object_get(sheet, "platform"),
                                      "mac_ver");
    char *patch = NULL;
    ck_assert_int_gt(asprintf(&patch, "{\"mac_ver\": [\"%s\", \"%s\"]}",
                              json_string_value(json_array_get(mac_ver, 0)),
                              json_string_value(json_array_get(mac_ver, 2))),
                     0);
    char name[512];
    sheet_name(path, name, sizeof name);
    pyprobe_facts *facts = fixture_facts(name, patch);

    pyprobe_tag_list *tags = NULL;
    pyprobe_error error;
    ck_assert_msg(pyprobe_tag_list_new(facts, &tags, &error) == PYPROBE_OK,
                  "%s: %s", name, error.message);
    json_t *expected = json_object_get(sheet, "packaging.tags.sys_tags");
    ck_assert_uint_eq(pyprobe_tag_list_count(tags), json_array_size(expected));
    for (size_t i = 0; i < json_array_size(expected); i++)
        ck_assert_msg(strcmp(pyprobe_tag_list_at(tags, i),
                             json_string_value(json_array_get(expected, i))) == 0,
                      "%s: tag %zu: %s, packaging says %s", name, i,
                      pyprobe_tag_list_at(tags, i),
                      json_string_value(json_array_get(expected, i)));

    /* the decisions: a fresh wheel's platform is sysconfig's, in tag
     * form, and free-threaded builds say so (the t of cp314t) */
    pyprobe_report *report = fixture_report(name, patch, NULL);
    const char *platform = json_string_value(
        json_object_get(sheet, "sysconfig.get_platform"));
    char tag_form[128];
    snprintf(tag_form, sizeof tag_form, "%s", platform);
    for (char *c = tag_form; *c; c++)
        if (*c == '-' || *c == '.')
            *c = '_';
    ck_assert_str_eq(pyprobe_report_get(report, "PLATFORM_TAG"), tag_form);
    ck_assert_int_eq(strncmp(tag_form, "macosx_", 7), 0);
    const char *abiflags = json_string_value(
        json_object_get(json_object_get(sheet, "sys"), "abiflags"));
    ck_assert_str_eq(pyprobe_report_get(report, "FREE_THREADED"),
                     strchr(abiflags, 't') ? "1" : "0");
    ck_assert_str_eq(pyprobe_report_get(report, "LIMITED_API"),
                     strchr(abiflags, 't') ? "0" : "1");
    pyprobe_report_free(report);
    pyprobe_tag_list_free(tags);
    pyprobe_facts_free(facts);
    free(patch);
    json_decref(sheet);
}
END_TEST

static Suite *macos_suite(void)
{
    Suite *suite = suite_create("macos_sheets");
    TCase *tc = tcase_create("macos_sheets");
    tcase_add_loop_test(tc, test_sheet, 0, (int)sheets.gl_pathc);
    suite_add_tcase(suite, tc);
    return suite;
}

UNIT_MAIN_WITH(macos_suite, find_sheets, free_sheets)
