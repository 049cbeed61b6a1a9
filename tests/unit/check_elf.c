/* check_elf.c - what an ELF program loads (the probe asks which shared
 * libpython was loaded only when the interpreter may load one). */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "probe/elf.h"
#include "unit.h"

static const char *const libpython[] = {"libpython", "libpypy", NULL};
static const char *const libc[] = {"libc.so", NULL};

START_TEST(test_needs)
{
    /* Debian's python3.11 is linked statically with libpython, its pypy3
     * loads libpypy3.9-c.so (the Quick start installs both). */
    ck_assert_int_eq(pp_elf_needs("/usr/bin/python3.11", libpython), 0);
    ck_assert_int_eq(pp_elf_needs("/usr/bin/pypy3", libpython), 1);
    ck_assert_int_eq(pp_elf_needs("/bin/sh", libc), 1);
    ck_assert_int_eq(pp_elf_needs("/bin/sh", libpython), 0);
}
END_TEST

START_TEST(test_not_elf)
{
    char path[] = "/tmp/check_elf_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, "#!/bin/sh\nexec python3 \"$@\"\n", 29), 29);
    close(fd);
    ck_assert_int_eq(pp_elf_needs(path, libpython), -1);      /* a script */
    fd = open(path, O_WRONLY | O_TRUNC);
    ck_assert_int_eq(write(fd, "\177ELF\002\001\001", 7), 7);  /* cut */
    close(fd);
    ck_assert_int_eq(pp_elf_needs(path, libpython), -1);
    unlink(path);
    ck_assert_int_eq(pp_elf_needs("/nonexistent", libpython), -1);
}
END_TEST

static Suite *elf_suite(void)
{
    Suite *suite = suite_create("elf");
    TCase *tc = tcase_create("elf");
    tcase_add_test(tc, test_needs);
    tcase_add_test(tc, test_not_elf);
    suite_add_tcase(suite, tc);
    return suite;
}

UNIT_MAIN(elf_suite)
