/* unit.h - what the Check unit tests share. */
#ifndef PYPROBE_UNIT_H
#define PYPROBE_UNIT_H

#include <check.h>
#include <stdlib.h>

/* Run one suite; the exit status is what Automake's harness expects. */
#define UNIT_MAIN(make_suite)                                              \
    int main(void)                                                         \
    {                                                                      \
        SRunner *runner = srunner_create(make_suite());                    \
        srunner_run_all(runner, CK_NORMAL);                                \
        int failed = srunner_ntests_failed(runner);                        \
        srunner_free(runner);                                              \
        return failed ? EXIT_FAILURE : EXIT_SUCCESS;                       \
    }

#endif
