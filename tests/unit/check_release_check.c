/* check_release_check.c - unit tests for the release fileset check:
 * pyprobe_release_check_new, _new_with_sdist and their accessors.
 *
 * Each test writes a manifest into a temporary directory and checks a
 * list of wheel file names against it. The manifest is the one from
 * issue 3 unless a test says otherwise. The historical bug this check
 * exists for: a cp314-cp314t wheel shipped where cp314-cp314 was meant,
 * passed by a check that matched ABI tags as substrings. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "pyprobe.h"

static char dir[256];
static char manifest[512];

#define ISSUE_MANIFEST                                                     \
    "cp314 manylinux_2_28_aarch64\n"                                       \
    "cp314t manylinux_2_28_aarch64\n"                                      \
    "cp315-abi3.abi3t manylinux_2_28_x86_64\n"

#define CP314 "foo-1.0-cp314-cp314-manylinux_2_28_aarch64.whl"
#define CP314T "foo-1.0-cp314-cp314t-manylinux_2_28_aarch64.whl"
#define ABI3_ABI3T "foo-1.0-cp315-abi3.abi3t-manylinux_2_28_x86_64.whl"

static void setup(void)
{
    snprintf(dir, sizeof dir, "%s/pyprobe-check-XXXXXX",
             getenv("TMPDIR") && getenv("TMPDIR")[0] ? getenv("TMPDIR")
                                                     : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(manifest, sizeof manifest, "%s/manifest", dir);
}

static void teardown(void)
{
    unlink(manifest);
    rmdir(dir);
}

static void write_manifest(const char *text)
{
    FILE *f = fopen(manifest, "w");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_ge(fputs(text, f), 0);
    ck_assert_int_eq(fclose(f), 0);
}

/* Check WHEELS (NULL-terminated) against TEXT; the check must succeed. */
static pyprobe_release_check *run(const char *text, const char *const *wheels)
{
    size_t count = 0;
    while (wheels[count])
        count++;
    write_manifest(text);
    pyprobe_release_check *check = NULL;
    pyprobe_error error = {0};
    pyprobe_status status =
        pyprobe_release_check_new(manifest, wheels, count, &check, &error);
    ck_assert_msg(status == PYPROBE_OK, "release check failed: %s: %s",
                  error.context, error.message);
    ck_assert_ptr_nonnull(check);
    return check;
}

/* The manifest TEXT is refused with STATUS and a message holding WANT. */
static void refused(const char *text, pyprobe_status want_status,
                    const char *want)
{
    static const char *const wheels[] = {CP314};
    if (text)
        write_manifest(text);
    pyprobe_release_check *check = (pyprobe_release_check *)&check;
    pyprobe_error error = {0};
    pyprobe_status status =
        pyprobe_release_check_new(manifest, wheels, 1, &check, &error);
    ck_assert_int_eq(status, want_status);
    ck_assert_int_eq(error.status, want_status);
    ck_assert_ptr_null(check);
    ck_assert_msg(strstr(error.message, want) != NULL,
                  "message '%s' does not say '%s'", error.message, want);
}

/* Finding INDEX is KIND, for FILE (NULL: none), CELL (NULL: none), with
 * DETAIL ("" for OK). */
static void finding(const pyprobe_release_check *check, size_t index,
                    pyprobe_finding_kind kind, const char *file,
                    const char *cell, const char *detail)
{
    ck_assert_uint_lt(index, pyprobe_release_check_count(check));
    ck_assert_int_eq(pyprobe_release_check_kind(check, index), kind);
    if (file)
        ck_assert_str_eq(pyprobe_release_check_file(check, index), file);
    else
        ck_assert_ptr_null(pyprobe_release_check_file(check, index));
    if (cell)
        ck_assert_str_eq(pyprobe_release_check_cell(check, index), cell);
    else
        ck_assert_ptr_null(pyprobe_release_check_cell(check, index));
    ck_assert_ptr_nonnull(pyprobe_release_check_detail(check, index));
    if (detail)
        ck_assert_str_eq(pyprobe_release_check_detail(check, index), detail);
}

START_TEST(test_all_cells_filled)
{
    static const char *const wheels[] = {ABI3_ABI3T, CP314, CP314T, NULL};
    pyprobe_release_check *check = run(ISSUE_MANIFEST, wheels);
    ck_assert_uint_eq(pyprobe_release_check_count(check), 3);
    ck_assert_uint_eq(pyprobe_release_check_problems(check), 0);
    /* In the order the wheels were given, each with its cell. */
    finding(check, 0, PYPROBE_FINDING_OK, ABI3_ABI3T,
            "cp315-abi3.abi3t manylinux_2_28_x86_64", "");
    finding(check, 1, PYPROBE_FINDING_OK, CP314,
            "cp314 manylinux_2_28_aarch64", "");
    finding(check, 2, PYPROBE_FINDING_OK, CP314T,
            "cp314t manylinux_2_28_aarch64", "");
    pyprobe_release_check_free(check);
}
END_TEST

START_TEST(test_missing_cell)
{
    static const char *const wheels[] = {CP314, NULL};
    pyprobe_release_check *check = run(ISSUE_MANIFEST, wheels);
    ck_assert_uint_eq(pyprobe_release_check_count(check), 3);
    ck_assert_uint_eq(pyprobe_release_check_problems(check), 2);
    finding(check, 0, PYPROBE_FINDING_OK, CP314,
            "cp314 manylinux_2_28_aarch64", "");
    /* Then the missing cells, in manifest order. */
    finding(check, 1, PYPROBE_FINDING_MISSING, NULL,
            "cp314t manylinux_2_28_aarch64",
            "nearest is " CP314 ": ABI cp314, not cp314t");
    /* How the nearest wheel differs: every part that does. */
    finding(check, 2, PYPROBE_FINDING_MISSING, NULL,
            "cp315-abi3.abi3t manylinux_2_28_x86_64",
            "nearest is " CP314 ": Python tag cp314, not cp315; ABI cp314, "
            "not abi3.abi3t; platform manylinux_2_28_aarch64, not "
            "manylinux_2_28_x86_64");
    pyprobe_release_check_free(check);
}
END_TEST

START_TEST(test_no_wheels)
{
    static const char *const wheels[] = {NULL};
    pyprobe_release_check *check = run(ISSUE_MANIFEST, wheels);
    ck_assert_uint_eq(pyprobe_release_check_count(check), 3);
    ck_assert_uint_eq(pyprobe_release_check_problems(check), 3);
    static const char *const cells[] = {
        "cp314 manylinux_2_28_aarch64", "cp314t manylinux_2_28_aarch64",
        "cp315-abi3.abi3t manylinux_2_28_x86_64"};
    for (size_t i = 0; i < 3; i++)
        finding(check, i, PYPROBE_FINDING_MISSING, NULL, cells[i],
                "no wheel of the release to compare with");
    ck_assert_ptr_null(pyprobe_release_check_project(check));
    ck_assert_ptr_null(pyprobe_release_check_version(check));
    pyprobe_release_check_free(check);
}
END_TEST

/* The release that shipped cp314-cp314t where cp314-cp314 was meant: the
 * manifest asks for the GIL build only. cp314 is a substring of cp314t,
 * and that must not fill the cell. */
START_TEST(test_historical_bug)
{
    static const char *const wheels[] = {CP314T, NULL};
    pyprobe_release_check *check =
        run("cp314 manylinux_2_28_aarch64\n", wheels);
    ck_assert_uint_eq(pyprobe_release_check_count(check), 2);
    ck_assert_uint_eq(pyprobe_release_check_problems(check), 2);
    /* Problems sorted by verdict: missing before wrong-abi. */
    finding(check, 0, PYPROBE_FINDING_MISSING, NULL,
            "cp314 manylinux_2_28_aarch64",
            "nearest is " CP314T ": ABI cp314t, not cp314");
    finding(check, 1, PYPROBE_FINDING_WRONG_ABI, CP314T,
            "cp314 manylinux_2_28_aarch64",
            "its ABI tag is cp314t, expected cp314");
    pyprobe_release_check_free(check);
}
END_TEST

/* With the issue's manifest the cp314t wheel fills its own cell, and the
 * cp314 cell is reported missing. */
START_TEST(test_historical_bug_both_cells)
{
    static const char *const wheels[] = {ABI3_ABI3T, CP314T, NULL};
    pyprobe_release_check *check = run(ISSUE_MANIFEST, wheels);
    ck_assert_uint_eq(pyprobe_release_check_count(check), 3);
    ck_assert_uint_eq(pyprobe_release_check_problems(check), 1);
    finding(check, 1, PYPROBE_FINDING_OK, CP314T,
            "cp314t manylinux_2_28_aarch64", "");
    finding(check, 2, PYPROBE_FINDING_MISSING, NULL,
            "cp314 manylinux_2_28_aarch64", NULL);
    pyprobe_release_check_free(check);
}
END_TEST

/* And the other way round: a GIL wheel where cp314t was asked for. */
START_TEST(test_gil_wheel_for_free_threaded_cell)
{
    static const char *const wheels[] = {CP314, NULL};
    pyprobe_release_check *check =
        run("cp314t manylinux_2_28_aarch64\n", wheels);
    finding(check, 0, PYPROBE_FINDING_MISSING, NULL,
            "cp314t manylinux_2_28_aarch64", NULL);
    finding(check, 1, PYPROBE_FINDING_WRONG_ABI, CP314,
            "cp314t manylinux_2_28_aarch64",
            "its ABI tag is cp314, expected cp314t");
    ck_assert_uint_eq(pyprobe_release_check_count(check), 2);
    pyprobe_release_check_free(check);
}
END_TEST

START_TEST(test_unexpected_wheel)
{
    static const char *const wheels[] = {
        CP314, CP314T, ABI3_ABI3T,
        "foo-1.0-cp314-cp314-manylinux_2_28_x86_64.whl",    /* platform */
        "foo-1.0-cp313-cp313-manylinux_2_28_aarch64.whl",   /* version */
        "foo-1.0-py3-none-any.whl", NULL};
    pyprobe_release_check *check = run(ISSUE_MANIFEST, wheels);
    ck_assert_uint_eq(pyprobe_release_check_count(check), 6);
    ck_assert_uint_eq(pyprobe_release_check_problems(check), 3);
    for (size_t i = 3; i < 6; i++)
        finding(check, i, PYPROBE_FINDING_UNEXPECTED, wheels[i], NULL,
                "no cell of the manifest asks for it");
    pyprobe_release_check_free(check);
}
END_TEST

START_TEST(test_malformed_name)
{
    static const char *const wheels[] = {
        CP314, "foo-1.0.whl", "foo-1.0-cp314-cp314.whl",
        "foo-1..0-cp314-cp314-manylinux_2_28_aarch64.whl", "", NULL};
    pyprobe_release_check *check = run(ISSUE_MANIFEST, wheels);
    ck_assert_uint_eq(pyprobe_release_check_count(check), 7);
    for (size_t i = 1; i < 5; i++) {
        finding(check, i, PYPROBE_FINDING_MALFORMED, wheels[i], NULL, NULL);
        ck_assert_msg(pyprobe_release_check_detail(check, i)[0] != '\0',
                      "no reason for malformed '%s'", wheels[i]);
    }
    /* A malformed name fills nothing: the two other cells are missing. */
    finding(check, 5, PYPROBE_FINDING_MISSING, NULL,
            "cp314t manylinux_2_28_aarch64", NULL);
    finding(check, 6, PYPROBE_FINDING_MISSING, NULL,
            "cp315-abi3.abi3t manylinux_2_28_x86_64", NULL);
    ck_assert_uint_eq(pyprobe_release_check_problems(check), 6);
    pyprobe_release_check_free(check);
}
END_TEST

/* abi3 where abi3.abi3t was asked for, abi3t alone, and the reverse: ABI
 * tag sets are compared as whole sets of whole tags. */
START_TEST(test_abi3_sets)
{
    static const char *const wheels[] = {
        "foo-1.0-cp315-abi3-manylinux_2_28_x86_64.whl",
        "foo-1.0-cp315-abi3t-manylinux_2_28_x86_64.whl",
        "foo-1.0-cp315-abi3t.abi3-manylinux_2_28_x86_64.whl", NULL};
    pyprobe_release_check *check =
        run("cp315-abi3.abi3t manylinux_2_28_x86_64\n", wheels);
    ck_assert_uint_eq(pyprobe_release_check_count(check), 3);
    /* The same set in another order fills the cell. */
    finding(check, 0, PYPROBE_FINDING_OK, wheels[2],
            "cp315-abi3.abi3t manylinux_2_28_x86_64", "");
    finding(check, 1, PYPROBE_FINDING_WRONG_ABI, wheels[0],
            "cp315-abi3.abi3t manylinux_2_28_x86_64",
            "its ABI tag is abi3, expected abi3.abi3t");
    finding(check, 2, PYPROBE_FINDING_WRONG_ABI, wheels[1],
            "cp315-abi3.abi3t manylinux_2_28_x86_64",
            "its ABI tag is abi3t, expected abi3.abi3t");
    ck_assert_uint_eq(pyprobe_release_check_problems(check), 2);
    pyprobe_release_check_free(check);
}
END_TEST

START_TEST(test_abi3_cell_dual_wheel)
{
    static const char *const wheels[] = {ABI3_ABI3T, NULL};
    pyprobe_release_check *check =
        run("cp315-abi3 manylinux_2_28_x86_64\n", wheels);
    finding(check, 0, PYPROBE_FINDING_MISSING, NULL,
            "cp315-abi3 manylinux_2_28_x86_64",
            "nearest is " ABI3_ABI3T ": ABI abi3.abi3t, not abi3");
    finding(check, 1, PYPROBE_FINDING_WRONG_ABI, ABI3_ABI3T,
            "cp315-abi3 manylinux_2_28_x86_64",
            "its ABI tag is abi3.abi3t, expected abi3");
    ck_assert_uint_eq(pyprobe_release_check_count(check), 2);
    pyprobe_release_check_free(check);
}
END_TEST

/* A set is a set: a tag written twice counts once. A cell asking for
 * {abi3} (written abi3.abi3) is not filled by an abi3.abi3t wheel, and a
 * wheel whose ABI tags say abi3.abi3t.abi3t fills an abi3.abi3t cell. */
START_TEST(test_abi_sets_with_repeats)
{
    static const char *const dual[] = {ABI3_ABI3T, NULL};
    pyprobe_release_check *check =
        run("cp315-abi3.abi3 manylinux_2_28_x86_64\n", dual);
    finding(check, 1, PYPROBE_FINDING_WRONG_ABI, ABI3_ABI3T,
            "cp315-abi3.abi3 manylinux_2_28_x86_64", NULL);
    pyprobe_release_check_free(check);

    static const char *const repeated[] = {
        "foo-1.0-cp315-abi3.abi3t.abi3t-manylinux_2_28_x86_64.whl", NULL};
    check = run("cp315-abi3.abi3t manylinux_2_28_x86_64\n", repeated);
    ck_assert_uint_eq(pyprobe_release_check_count(check), 1);
    finding(check, 0, PYPROBE_FINDING_OK, repeated[0],
            "cp315-abi3.abi3t manylinux_2_28_x86_64", "");
    pyprobe_release_check_free(check);
}
END_TEST

/* Compressed tag sets, any case, build tags and paths: a wheel fills a
 * cell when its platform tags hold the cell's. */
START_TEST(test_compressed_tags)
{
    static const char *const wheels[] = {
        "foo-1.0-cp314-cp314-manylinux_2_17_aarch64.manylinux2014_aarch64."
        "manylinux_2_28_aarch64.whl",
        "dist/foo-1.0-1-CP314-CP314T-MANYLINUX_2_28_AARCH64.whl",
        "foo-1.0-cp315-abi3.abi3t-manylinux_2_28_x86_64."
        "manylinux_2_34_x86_64.whl", NULL};
    pyprobe_release_check *check = run(ISSUE_MANIFEST, wheels);
    ck_assert_uint_eq(pyprobe_release_check_count(check), 3);
    ck_assert_uint_eq(pyprobe_release_check_problems(check), 0);
    finding(check, 0, PYPROBE_FINDING_OK, wheels[0],
            "cp314 manylinux_2_28_aarch64", "");
    finding(check, 1, PYPROBE_FINDING_OK, wheels[1],
            "cp314t manylinux_2_28_aarch64", "");
    finding(check, 2, PYPROBE_FINDING_OK, wheels[2],
            "cp315-abi3.abi3t manylinux_2_28_x86_64", "");
    pyprobe_release_check_free(check);
}
END_TEST

/* One wheel may fill two cells (one OK finding, its first cell in
 * manifest order). */
START_TEST(test_one_wheel_two_cells)
{
    static const char *const wheels[] = {
        "foo-1.0-cp314-cp314-manylinux_2_28_aarch64.manylinux_2_28_x86_64."
        "whl", NULL};
    pyprobe_release_check *check =
        run("cp314 manylinux_2_28_aarch64\ncp314 manylinux_2_28_x86_64\n",
            wheels);
    ck_assert_uint_eq(pyprobe_release_check_count(check), 1);
    ck_assert_uint_eq(pyprobe_release_check_problems(check), 0);
    finding(check, 0, PYPROBE_FINDING_OK, wheels[0],
            "cp314 manylinux_2_28_aarch64", "");
    size_t filled;
    ck_assert_uint_eq(pyprobe_release_check_cells(check, &filled), 2);
    ck_assert_uint_eq(filled, 2);
    pyprobe_release_check_free(check);
}
END_TEST

/* Two wheels filling one cell are both duplicates, each naming the
 * other: a rebuild with a build tag beside the first build. */
START_TEST(test_two_wheels_one_cell)
{
    static const char *const wheels[] = {
        "foo-1.0-cp314-cp314-manylinux_2_28_aarch64.manylinux_2_28_x86_64."
        "whl", "foo-1.0-1-cp314-cp314-manylinux_2_28_aarch64.whl", NULL};
    pyprobe_release_check *check =
        run("cp314 manylinux_2_28_aarch64\ncp314 manylinux_2_28_x86_64\n",
            wheels);
    ck_assert_uint_eq(pyprobe_release_check_count(check), 2);
    ck_assert_uint_eq(pyprobe_release_check_problems(check), 2);
    finding(check, 0, PYPROBE_FINDING_DUPLICATE, wheels[0],
            "cp314 manylinux_2_28_aarch64",
            "foo-1.0-1-cp314-cp314-manylinux_2_28_aarch64.whl fills the "
            "same cell");
    finding(check, 1, PYPROBE_FINDING_DUPLICATE, wheels[1],
            "cp314 manylinux_2_28_aarch64", NULL);
    ck_assert_str_eq(pyprobe_release_check_summary(check),
                     "2 wheels: 0 ok, 2 duplicate; 2 cells: 2 filled");
    pyprobe_release_check_free(check);
}
END_TEST

/* One project at one version: a leftover of the last version and a
 * wheel of another project are mixed, name both, and fill nothing. */
START_TEST(test_mixed)
{
    static const char *const wheels[] = {
        "my_pkg-2.0.9-cp314-cp314t-manylinux_2_28_aarch64.whl",
        "My.Pkg-2.1.0-cp314-cp314-manylinux_2_28_aarch64.whl",
        "my_pkg-2.1.0-cp315-abi3.abi3t-manylinux_2_28_x86_64.whl",
        "other-2.1.0-cp314-cp314t-manylinux_2_28_aarch64.whl", NULL};
    pyprobe_release_check *check = run(ISSUE_MANIFEST, wheels);
    ck_assert_str_eq(pyprobe_release_check_project(check), "My.Pkg");
    ck_assert_str_eq(pyprobe_release_check_version(check), "2.1.0");
    ck_assert_uint_eq(pyprobe_release_check_count(check), 5);
    finding(check, 0, PYPROBE_FINDING_OK, wheels[1],
            "cp314 manylinux_2_28_aarch64", "");
    finding(check, 1, PYPROBE_FINDING_OK, wheels[2],
            "cp315-abi3.abi3t manylinux_2_28_x86_64", "");
    finding(check, 2, PYPROBE_FINDING_MISSING, NULL,
            "cp314t manylinux_2_28_aarch64", NULL);
    finding(check, 3, PYPROBE_FINDING_MIXED, wheels[0], NULL,
            "my_pkg 2.0.9, where the release is My.Pkg 2.1.0");
    finding(check, 4, PYPROBE_FINDING_MIXED, wheels[3], NULL,
            "other 2.1.0, where the release is My.Pkg 2.1.0");
    ck_assert_str_eq(pyprobe_release_check_summary(check),
                     "4 wheels: 2 ok, 2 mixed; 3 cells: 2 filled, 1 missing");
    pyprobe_release_check_free(check);
}
END_TEST

/* PEP 600: manylinux1, manylinux2010 and manylinux2014 are
 * manylinux_2_5, _2_12 and _2_17, in the cell and in the wheel. */
START_TEST(test_pep600_aliases)
{
    static const char *const wheels[] = {
        "foo-1.0-cp311-cp311-manylinux_2_17_x86_64.whl",
        "foo-1.0-cp312-cp312-manylinux2010_i686.whl",
        "foo-1.0-cp313-cp313-MANYLINUX1_X86_64.whl", NULL};
    pyprobe_release_check *check = run(
        "cp311 manylinux2014_x86_64\ncp312 manylinux_2_12_i686\n"
        "cp313 manylinux_2_5_x86_64\n", wheels);
    ck_assert_uint_eq(pyprobe_release_check_problems(check), 0);
    ck_assert_uint_eq(pyprobe_release_check_count(check), 3);
    pyprobe_release_check_free(check);
    /* Not a prefix match: manylinux2014 is not manylinux_2_17x. */
    static const char *const other[] = {
        "foo-1.0-cp311-cp311-manylinux_2_18_x86_64.whl", NULL};
    check = run("cp311 manylinux2014_x86_64\n", other);
    ck_assert_uint_eq(pyprobe_release_check_problems(check), 2);
    pyprobe_release_check_free(check);
}
END_TEST

/* "<=manylinux_2_28_x86_64": any manylinux x86_64 wheel needing at most
 * glibc 2.28 (aliases too); musllinux the same with musl. */
START_TEST(test_at_most)
{
    static const char *const wheels[] = {
        "foo-1.0-cp311-cp311-manylinux2014_x86_64.whl",
        "foo-1.0-cp312-cp312-manylinux_2_28_x86_64.whl",
        "foo-1.0-cp313-cp313-manylinux_2_29_x86_64.whl",
        "foo-1.0-cp314-cp314-musllinux_1_1_aarch64.whl", NULL};
    pyprobe_release_check *check = run(
        "cp311 <=manylinux_2_28_x86_64\ncp312 <=manylinux_2_28_x86_64\n"
        "cp313 <=manylinux_2_28_x86_64\ncp314 <=musllinux_1_2_aarch64\n",
        wheels);
    ck_assert_uint_eq(pyprobe_release_check_count(check), 5);
    finding(check, 0, PYPROBE_FINDING_OK, wheels[0],
            "cp311 <=manylinux_2_28_x86_64", "");
    finding(check, 1, PYPROBE_FINDING_OK, wheels[1],
            "cp312 <=manylinux_2_28_x86_64", "");
    finding(check, 2, PYPROBE_FINDING_OK, wheels[3],
            "cp314 <=musllinux_1_2_aarch64", "");
    finding(check, 3, PYPROBE_FINDING_MISSING, NULL,
            "cp313 <=manylinux_2_28_x86_64",
            "nearest is foo-1.0-cp313-cp313-manylinux_2_29_x86_64.whl: "
            "platform manylinux_2_29_x86_64, not <=manylinux_2_28_x86_64");
    finding(check, 4, PYPROBE_FINDING_UNEXPECTED, wheels[2], NULL, NULL);
    pyprobe_release_check_free(check);
    refused("cp311 <=linux_x86_64\n", PYPROBE_ERR_PROTOCOL,
            "line 1: '<=linux_x86_64': '<=' needs a manylinux or musllinux");
    refused("cp311 <=manylinux_2_x86_64\n", PYPROBE_ERR_PROTOCOL,
            "'<=' needs");
}
END_TEST

/* A cell given twice, also under an alias or with its set reordered. */
START_TEST(test_cell_twice)
{
    refused("cp314 manylinux_2_28_aarch64\n\ncp314 manylinux_2_28_aarch64\n",
            PYPROBE_ERR_PROTOCOL,
            "line 3: the cell 'cp314 manylinux_2_28_aarch64' is already on "
            "line 1");
    refused("cp311 manylinux_2_17_x86_64\ncp311 manylinux2014_x86_64\n",
            PYPROBE_ERR_PROTOCOL, "line 2: the cell");
    refused("cp315-abi3.abi3t linux_x86_64\ncp315-abi3t.abi3 linux_x86_64\n",
            PYPROBE_ERR_PROTOCOL, "line 2: the cell");
    /* At most 2.28 and exactly 2.28 are two cells. */
    static const char *const wheels[] = {
        "foo-1.0-cp311-cp311-manylinux_2_28_x86_64.whl", NULL};
    pyprobe_release_check *check = run(
        "cp311 manylinux_2_28_x86_64\ncp311 <=manylinux_2_28_x86_64\n",
        wheels);
    ck_assert_uint_eq(pyprobe_release_check_problems(check), 0);
    pyprobe_release_check_free(check);
}
END_TEST

/* The sdist: found, missing, of another version, misnamed. */
START_TEST(test_sdist)
{
    static const char *const wheels[] = {CP314, CP314T, ABI3_ABI3T};
    static const char *const sdists[] = {"foo-0.9.tar.gz", "foo-1.0.tar.gz",
                                         "foo.tar.gz"};
    write_manifest(ISSUE_MANIFEST);
    pyprobe_release_check *check = NULL;
    pyprobe_error error = {0};
    ck_assert_int_eq(pyprobe_release_check_new_with_sdist(
                         manifest, wheels, 3, sdists, 3, &check, &error),
                     PYPROBE_OK);
    ck_assert_str_eq(pyprobe_release_check_sdist(check), "foo-1.0.tar.gz");
    ck_assert_uint_eq(pyprobe_release_check_count(check), 6);
    finding(check, 3, PYPROBE_FINDING_OK, sdists[1], "sdist", "");
    finding(check, 4, PYPROBE_FINDING_MALFORMED, sdists[2], NULL,
            "not NAME-VERSION.tar.gz");
    finding(check, 5, PYPROBE_FINDING_MIXED, sdists[0], NULL,
            "foo 0.9, where the release is foo 1.0");
    ck_assert_str_eq(pyprobe_release_check_summary(check),
                     "3 wheels: 3 ok; 3 cells: 3 filled; sdist: "
                     "foo-1.0.tar.gz");
    pyprobe_release_check_free(check);

    ck_assert_int_eq(pyprobe_release_check_new_with_sdist(
                         manifest, wheels, 3, sdists, 1, &check, &error),
                     PYPROBE_OK);
    ck_assert_ptr_null(pyprobe_release_check_sdist(check));
    ck_assert_uint_eq(pyprobe_release_check_problems(check), 2);
    finding(check, 3, PYPROBE_FINDING_MISSING, NULL, "sdist",
            "no foo-1.0.tar.gz");
    pyprobe_release_check_free(check);
}
END_TEST

START_TEST(test_kind_names)
{
    ck_assert_str_eq(pyprobe_finding_kind_name(PYPROBE_FINDING_OK), "ok");
    ck_assert_str_eq(pyprobe_finding_kind_name(PYPROBE_FINDING_WRONG_ABI),
                     "wrong-abi");
    ck_assert_str_eq(pyprobe_finding_kind_name(PYPROBE_FINDING_MIXED),
                     "mixed");
    ck_assert_str_eq(pyprobe_finding_kind_name(PYPROBE_FINDING_DUPLICATE),
                     "duplicate");
    ck_assert_str_eq(pyprobe_finding_kind_name((pyprobe_finding_kind)99),
                     "unknown");
}
END_TEST

START_TEST(test_pypy_cells)
{
    static const char *const wheels[] = {
        "foo-1.0-pp310-pypy310_pp73-manylinux_2_28_x86_64.whl",
        "foo-1.0-pp310-pypy39_pp73-manylinux_2_28_x86_64.whl",
        "foo-1.0-pp311-pypy311_pp73-manylinux_2_28_x86_64.whl", NULL};
    pyprobe_release_check *check =
        run("pp310-pypy310_pp73 manylinux_2_28_x86_64\n", wheels);
    ck_assert_uint_eq(pyprobe_release_check_count(check), 3);
    finding(check, 0, PYPROBE_FINDING_OK, wheels[0],
            "pp310-pypy310_pp73 manylinux_2_28_x86_64", "");
    finding(check, 1, PYPROBE_FINDING_UNEXPECTED, wheels[2], NULL, NULL);
    finding(check, 2, PYPROBE_FINDING_WRONG_ABI, wheels[1],
            "pp310-pypy310_pp73 manylinux_2_28_x86_64",
            "its ABI tag is pypy39_pp73, expected pypy310_pp73");
    ck_assert_uint_eq(pyprobe_release_check_problems(check), 2);
    pyprobe_release_check_free(check);
}
END_TEST

/* Comments, blank lines, tabs and CRLF line ends; the cell is given back
 * with its two fields separated by one space. */
START_TEST(test_manifest_layout)
{
    static const char *const wheels[] = {CP314, CP314T, ABI3_ABI3T, NULL};
    pyprobe_release_check *check = run(
        "# the release of foo\n"
        "\n"
        "   \t\n"
        "# python-abi     platform\n"
        "cp314\t\tmanylinux_2_28_aarch64   # GIL\r\n"
        "  cp314t   manylinux_2_28_aarch64\r\n"
        "cp315-abi3.abi3t manylinux_2_28_x86_64#dual stable ABI",
        wheels);
    ck_assert_uint_eq(pyprobe_release_check_count(check), 3);
    ck_assert_uint_eq(pyprobe_release_check_problems(check), 0);
    finding(check, 0, PYPROBE_FINDING_OK, CP314,
            "cp314 manylinux_2_28_aarch64", "");
    finding(check, 1, PYPROBE_FINDING_OK, CP314T,
            "cp314t manylinux_2_28_aarch64", "");
    finding(check, 2, PYPROBE_FINDING_OK, ABI3_ABI3T,
            "cp315-abi3.abi3t manylinux_2_28_x86_64", "");
    pyprobe_release_check_free(check);
}
END_TEST

START_TEST(test_other_cpython_abis)
{
    static const char *const wheels[] = {
        "foo-1.0-cp311-cp311d-linux_x86_64.whl",
        "foo-1.0-cp37-cp37m-win_amd64.whl",
        "foo-1.0-cp37-cp37-win_amd64.whl", NULL};
    pyprobe_release_check *check =
        run("cp311d linux_x86_64\ncp37m win_amd64\n", wheels);
    ck_assert_uint_eq(pyprobe_release_check_count(check), 3);
    finding(check, 0, PYPROBE_FINDING_OK, wheels[0],
            "cp311d linux_x86_64", "");
    finding(check, 1, PYPROBE_FINDING_OK, wheels[1], "cp37m win_amd64", "");
    finding(check, 2, PYPROBE_FINDING_WRONG_ABI, wheels[2], "cp37m win_amd64",
            "its ABI tag is cp37, expected cp37m");
    pyprobe_release_check_free(check);
}
END_TEST

START_TEST(test_malformed_manifests)
{
    refused("cp314 manylinux_2_28_aarch64\ncp314t\n", PYPROBE_ERR_PROTOCOL,
            "line 2");
    refused("# one\n\ncp314 manylinux_2_28_aarch64 extra\n",
            PYPROBE_ERR_PROTOCOL, "line 3");
    refused("cp314-cp314-manylinux_2_28_aarch64\n", PYPROBE_ERR_PROTOCOL,
            "line 1");
    refused("314 manylinux_2_28_aarch64\n", PYPROBE_ERR_PROTOCOL, "line 1");
    refused("cp3 manylinux_2_28_aarch64\n", PYPROBE_ERR_PROTOCOL, "line 1");
    refused("pp310 manylinux_2_28_x86_64\n", PYPROBE_ERR_PROTOCOL,
            "line 1");
    refused("cp315-abi3-abi3t manylinux_2_28_x86_64\n",
            PYPROBE_ERR_PROTOCOL, "line 1");
    refused("cp315-abi3..abi3t manylinux_2_28_x86_64\n",
            PYPROBE_ERR_PROTOCOL, "line 1");
    refused("cp315-abi3. manylinux_2_28_x86_64\n", PYPROBE_ERR_PROTOCOL,
            "line 1");
    refused("cp314 ../manylinux_2_28_x86_64\n", PYPROBE_ERR_PROTOCOL,
            "line 1");
    refused("cp314 manylinux/x86_64\n", PYPROBE_ERR_PROTOCOL, "line 1");
    refused("cp3.14 manylinux_2_28_x86_64\n", PYPROBE_ERR_PROTOCOL,
            "line 1");
    refused("\n\ncp314 manylinux_2_28_aarch64\n-cp314 x\n",
            PYPROBE_ERR_PROTOCOL, "line 4");
    refused("# nothing\n\n", PYPROBE_ERR_PROTOCOL, "no cells");
}
END_TEST

/* An empty file lists no cells either (and has no line 1 to blame). */
START_TEST(test_empty_manifest)
{
    refused("", PYPROBE_ERR_PROTOCOL, "no cells");
}
END_TEST

START_TEST(test_missing_manifest)
{
    /* setup() made the directory, not the manifest. */
    refused(NULL, PYPROBE_ERR_IO, strerror(ENOENT));
    /* A directory is not a manifest either. */
    snprintf(manifest, sizeof manifest, "%s", dir);
    static const char *const wheels[] = {CP314};
    pyprobe_release_check *check = NULL;
    pyprobe_error error = {0};
    ck_assert_int_ne(pyprobe_release_check_new(dir, wheels, 1, &check,
                                               &error), PYPROBE_OK);
    ck_assert_ptr_null(check);
    snprintf(manifest, sizeof manifest, "%s/manifest", dir);
}
END_TEST

START_TEST(test_free_null)
{
    pyprobe_release_check_free(NULL);
}
END_TEST

static Suite *release_check_suite(void)
{
    Suite *suite = suite_create("release_check");
    TCase *tc = tcase_create("release_check");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_all_cells_filled);
    tcase_add_test(tc, test_missing_cell);
    tcase_add_test(tc, test_no_wheels);
    tcase_add_test(tc, test_historical_bug);
    tcase_add_test(tc, test_historical_bug_both_cells);
    tcase_add_test(tc, test_gil_wheel_for_free_threaded_cell);
    tcase_add_test(tc, test_unexpected_wheel);
    tcase_add_test(tc, test_malformed_name);
    tcase_add_test(tc, test_abi3_sets);
    tcase_add_test(tc, test_abi3_cell_dual_wheel);
    tcase_add_test(tc, test_abi_sets_with_repeats);
    tcase_add_test(tc, test_compressed_tags);
    tcase_add_test(tc, test_one_wheel_two_cells);
    tcase_add_test(tc, test_two_wheels_one_cell);
    tcase_add_test(tc, test_mixed);
    tcase_add_test(tc, test_pep600_aliases);
    tcase_add_test(tc, test_at_most);
    tcase_add_test(tc, test_cell_twice);
    tcase_add_test(tc, test_sdist);
    tcase_add_test(tc, test_kind_names);
    tcase_add_test(tc, test_pypy_cells);
    tcase_add_test(tc, test_manifest_layout);
    tcase_add_test(tc, test_other_cpython_abis);
    tcase_add_test(tc, test_malformed_manifests);
    tcase_add_test(tc, test_empty_manifest);
    tcase_add_test(tc, test_missing_manifest);
    tcase_add_test(tc, test_free_null);
    suite_add_tcase(suite, tc);
    return suite;
}

UNIT_MAIN(release_check_suite)
