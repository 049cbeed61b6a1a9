/* check_file_set.c - outputs are written all or nothing, and a file
 * that would not change is not touched. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "pyprobe.h"

static char dir[256];

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/pyprobe-check-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
    DIR *d = opendir(dir);
    struct dirent *entry;
    char path[512];
    while (d && (entry = readdir(d))) {
        if (entry->d_name[0] == '.' && (!entry->d_name[1] ||
                                        !strcmp(entry->d_name, "..")))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
        chmod(path, 0700);
        if (rmdir(path) != 0)
            unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

static const char *in_dir(const char *name)
{
    static char path[2][512];
    static int which;
    which ^= 1;
    snprintf(path[which], sizeof path[which], "%s/%s", dir, name);
    return path[which];
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static void assert_content(const char *path, const char *text)
{
    char buf[256] = "";
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    ck_assert_str_eq(buf, text);
}

static size_t entries(void)
{
    size_t n = 0;
    DIR *d = opendir(dir);
    struct dirent *entry;
    while ((entry = readdir(d)))
        n += strcmp(entry->d_name, ".") && strcmp(entry->d_name, "..");
    closedir(d);
    return n;
}

static pyprobe_status commit(const char *a, const char *a_text, const char *b,
                             const char *b_text, pyprobe_error *error)
{
    pyprobe_file_set *set = pyprobe_file_set_new();
    pyprobe_status status = pyprobe_file_set_add(set, a, a_text,
                                                 strlen(a_text), error);
    if (status == PYPROBE_OK && b)
        status = pyprobe_file_set_add(set, b, b_text, strlen(b_text), error);
    if (status == PYPROBE_OK)
        status = pyprobe_file_set_commit(set, error);
    pyprobe_file_set_free(set);
    return status;
}

START_TEST(test_new_files)
{
    pyprobe_error error;
    ck_assert_int_eq(commit(in_dir("a.h"), "A\n", in_dir("b.env"), "B=1\n",
                            &error), PYPROBE_OK);
    assert_content(in_dir("a.h"), "A\n");
    assert_content(in_dir("b.env"), "B=1\n");
    ck_assert_uint_eq(entries(), 2);
    struct stat st;
    mode_t mask = umask(0);
    umask(mask);
    stat(in_dir("a.h"), &st);
    ck_assert_int_eq(st.st_mode & 0777, 0666 & ~mask);
}
END_TEST

START_TEST(test_unchanged_is_untouched)
{
    pyprobe_error error;
    const char *path = in_dir("same.h");
    write_file(path, "SAME\n");
    struct stat before, after;
    stat(path, &before);
    sleep(1);
    ck_assert_int_eq(commit(path, "SAME\n", NULL, NULL, &error), PYPROBE_OK);
    stat(path, &after);
    ck_assert_int_eq(before.st_ino, after.st_ino);
    ck_assert_int_eq(before.st_mtime, after.st_mtime);
    /* a change replaces it (a new inode: renamed into place) */
    ck_assert_int_eq(commit(path, "CHANGED\n", NULL, NULL, &error),
                     PYPROBE_OK);
    stat(path, &after);
    ck_assert_int_ne(before.st_ino, after.st_ino);
    assert_content(path, "CHANGED\n");
    ck_assert_uint_eq(entries(), 1);
}
END_TEST

START_TEST(test_mode_is_kept)
{
    pyprobe_error error;
    const char *path = in_dir("mode.env");
    write_file(path, "OLD\n");
    chmod(path, 0640);
    ck_assert_int_eq(commit(path, "NEW\n", NULL, NULL, &error), PYPROBE_OK);
    struct stat st;
    stat(path, &st);
    ck_assert_int_eq(st.st_mode & 0777, 0640);
}
END_TEST

/* The second file cannot be written: the first keeps its old content,
 * and no temporary file is left behind. */
START_TEST(test_all_or_nothing)
{
    pyprobe_error error;
    char good[512];
    snprintf(good, sizeof good, "%s", in_dir("good.h"));
    write_file(good, "OLD\n");
    ck_assert_int_eq(commit(good, "NEW\n", in_dir("missing/x.env"), "X\n",
                            &error), PYPROBE_ERR_IO);
    ck_assert_ptr_nonnull(strstr(error.context, "missing/x.env"));
    ck_assert_ptr_nonnull(strstr(error.message, "No such file"));
    assert_content(good, "OLD\n");
    ck_assert_uint_eq(entries(), 1);

    mkdir(in_dir("adir"), 0755);
    ck_assert_int_eq(commit(good, "NEW\n", in_dir("adir"), "X\n", &error),
                     PYPROBE_ERR_IO);
    ck_assert_ptr_nonnull(strstr(error.message, "directory"));
    assert_content(good, "OLD\n");
    ck_assert_uint_eq(entries(), 2);
}
END_TEST

START_TEST(test_same_path_twice)
{
    pyprobe_error error;
    ck_assert_int_eq(commit(in_dir("x"), "1", in_dir("x"), "2", &error),
                     PYPROBE_ERR_USAGE);
    ck_assert_uint_eq(entries(), 0);
}
END_TEST

/* One file spelled two ways is one output named twice; two hard links
 * are two directory entries, each replaced on its own. */
START_TEST(test_same_entry_two_spellings)
{
    pyprobe_error error;
    write_file(in_dir("x"), "OLD\n");
    ck_assert_int_eq(commit(in_dir("x"), "1", in_dir("./x"), "2", &error),
                     PYPROBE_ERR_USAGE);
    assert_content(in_dir("x"), "OLD\n");
    ck_assert_int_eq(link(in_dir("x"), in_dir("y")), 0);
    ck_assert_int_eq(commit(in_dir("x"), "1\n", in_dir("y"), "2\n", &error),
                     PYPROBE_OK);
    assert_content(in_dir("x"), "1\n");
    assert_content(in_dir("y"), "2\n");
    ck_assert_uint_eq(entries(), 2);
}
END_TEST

static Suite *file_set_suite(void)
{
    Suite *suite = suite_create("file_set");
    TCase *tc = tcase_create("file_set");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_new_files);
    tcase_add_test(tc, test_unchanged_is_untouched);
    tcase_add_test(tc, test_mode_is_kept);
    tcase_add_test(tc, test_all_or_nothing);
    tcase_add_test(tc, test_same_path_twice);
    tcase_add_test(tc, test_same_entry_two_spellings);
    suite_add_tcase(suite, tc);
    return suite;
}

UNIT_MAIN(file_set_suite)
