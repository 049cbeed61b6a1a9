/* unit.h - what the Check unit tests share. */
#ifndef PYPROBE_UNIT_H
#define PYPROBE_UNIT_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

/* The source tree, where the test data is: $top_srcdir (the harness sets
 * it), else TOP_SRCDIR (compiled in by Makefile.am). */
static inline const char *unit_source_root(void)
{
    const char *top = getenv("top_srcdir");
    return top && top[0] ? top : TOP_SRCDIR;
}

/* PATH = source root / relative. */
static inline void unit_data_path(char *path, size_t size,
                                  const char *relative)
{
    snprintf(path, size, "%s/%s", unit_source_root(), relative);
}

static inline void unit_nothing(void)
{
}

/* Run one suite, with before() and after() around it (for data the
 * suite's loop tests are sized by); the exit status is what Automake's
 * harness expects. */
#define UNIT_MAIN_WITH(make_suite, before, after)                          \
    int main(void)                                                         \
    {                                                                      \
        before();                                                          \
        SRunner *runner = srunner_create(make_suite());                    \
        srunner_run_all(runner, CK_NORMAL);                                \
        int failed = srunner_ntests_failed(runner);                        \
        srunner_free(runner);                                              \
        after();                                                           \
        return failed ? EXIT_FAILURE : EXIT_SUCCESS;                       \
    }

#define UNIT_MAIN(make_suite) UNIT_MAIN_WITH(make_suite, unit_nothing, \
                                             unit_nothing)

#endif
