/* check_pep440.c - unit tests for the PEP 440 version validator.
 *
 * Data-driven: tests/data/pep440-versions.txt holds version strings with
 * the verdict of packaging.version.Version() (packaging 26.3), generated
 * by tests/tools/gen-pep440-cases.py: hand-picked edge cases plus a
 * seeded random mix of the pattern's building blocks. Each line is one
 * loop iteration, so a failure names the line. */
#include "config.h"

#include <check.h>

#include "unit.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "packaging/pep440.h"

#define DATA_FILE "tests/data/pep440-versions.txt"

typedef struct version_case {
    int valid;
    char *text;       /* unescaped, may hold any byte but NUL */
    size_t length;
    size_t line;
} version_case;

static version_case *cases;
static size_t case_count;

static int hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Undo the generator's escaping (\xHH) in place; returns the length, or
 * (size_t)-1 for a malformed escape. */
static size_t unescape(char *text, size_t length)
{
    size_t out = 0;
    for (size_t i = 0; i < length; i++) {
        if (text[i] != '\\') {
            text[out++] = text[i];
            continue;
        }
        if (i + 3 >= length)
            return (size_t)-1;
        int hi = hex_value(text[i + 2]), lo = hex_value(text[i + 3]);
        if (text[i + 1] != 'x' || hi < 0 || lo < 0)
            return (size_t)-1;
        text[out++] = (char)(hi * 16 + lo);
        i += 3;
    }
    return out;
}

static FILE *open_data(const char *relative)
{
    char path[4096];
    unit_data_path(path, sizeof path, relative);
    FILE *file = fopen(path, "r");
    if (!file)
        fprintf(stderr, "check_pep440: cannot open %s: %s\n", path,
                strerror(errno));
    return file;
}

/* Read every case; exits the program on a malformed file, which is a
 * failure of the test itself rather than of the code under test. */
static void load_cases(void)
{
    FILE *file = open_data(DATA_FILE);
    if (!file)
        exit(EXIT_FAILURE);
    char line[4096];
    size_t number = 0;
    while (fgets(line, sizeof line, file)) {
        number++;
        size_t length = strcspn(line, "\n");
        line[length] = '\0';
        if (length == 0 || line[0] == '#')
            continue;
        char *open = strchr(line, '[');
        char *close = strrchr(line, ']');
        if ((line[0] != '0' && line[0] != '1') || open != line + 2 ||
            !close || close < open) {
            fprintf(stderr, "%s:%zu: malformed line\n", DATA_FILE, number);
            exit(EXIT_FAILURE);
        }
        size_t text_length = unescape(open + 1, (size_t)(close - open - 1));
        if (text_length == (size_t)-1) {
            fprintf(stderr, "%s:%zu: bad escape\n", DATA_FILE, number);
            exit(EXIT_FAILURE);
        }
        version_case *grown = realloc(cases, (case_count + 1) * sizeof *cases);
        char *text = malloc(text_length + 1);
        if (!grown || !text) {
            fprintf(stderr, "check_pep440: out of memory\n");
            exit(EXIT_FAILURE);
        }
        cases = grown;
        memcpy(text, open + 1, text_length);
        text[text_length] = '\0';
        cases[case_count++] = (version_case){line[0] == '1', text,
                                             text_length, number};
    }
    fclose(file);
}

static void free_cases(void)
{
    for (size_t i = 0; i < case_count; i++)
        free(cases[i].text);
    free(cases);
}

START_TEST(test_reference_verdicts)
{
    const version_case *c = &cases[_i];
    int got = pp_pep440_is_valid(c->text, c->length);
    ck_assert_msg(got == c->valid, "%s:%zu: '%s' is %s for packaging, %s here",
                  DATA_FILE, c->line, c->text,
                  c->valid ? "valid" : "invalid", got ? "valid" : "invalid");
}
END_TEST

/* The validator looks at exactly length bytes: the same text is judged
 * differently when cut short or when followed by more bytes. */
START_TEST(test_length_is_respected)
{
    ck_assert_int_eq(pp_pep440_is_valid("1.0x", 3), 1);
    ck_assert_int_eq(pp_pep440_is_valid("1.0x", 4), 0);
    ck_assert_int_eq(pp_pep440_is_valid("1.0-", 3), 1);
    ck_assert_int_eq(pp_pep440_is_valid("1.0", 0), 0);
    ck_assert_int_eq(pp_pep440_is_valid("1!", 1), 1);
    /* the same through the full pattern rather than the fast path */
    ck_assert_int_eq(pp_pep440_is_valid("1.0a1x", 5), 1);
    ck_assert_int_eq(pp_pep440_is_valid("v1.0 junk", 4), 1);
    ck_assert_int_eq(pp_pep440_is_valid(" 1.0+abc!", 8), 1);
    ck_assert_int_eq(pp_pep440_is_valid("v1.0", 1), 0);
}
END_TEST

/* Enough cases of each kind that a validator which answers one way for
 * everything cannot pass. */
START_TEST(test_data_covers_both_verdicts)
{
    size_t valid = 0;
    for (size_t i = 0; i < case_count; i++)
        valid += (size_t)cases[i].valid;
    ck_assert_uint_ge(case_count, 3000);
    ck_assert_uint_ge(valid, 500);
    ck_assert_uint_ge(case_count - valid, 500);
}
END_TEST

static Suite *pep440_suite(void)
{
    Suite *suite = suite_create("pep440");
    TCase *reference = tcase_create("reference");
    tcase_add_loop_test(reference, test_reference_verdicts, 0, (int)case_count);
    tcase_add_test(reference, test_data_covers_both_verdicts);
    suite_add_tcase(suite, reference);
    TCase *api = tcase_create("api");
    tcase_add_test(api, test_length_is_respected);
    suite_add_tcase(suite, api);
    return suite;
}

UNIT_MAIN_WITH(pep440_suite, load_cases, free_cases)
