#!/bin/sh
# include-graph.sh - src/lib keeps its layout rule (src/lib/README): a
# file includes its own stage or earlier ones, by stage, with no circle,
# and a header declares what its own .c defines. The graph is printed
# (tests/tools/include-graph.py). Then the checker is shown a small tree
# that breaks each rule, so that it cannot pass by seeing nothing.

. "$(dirname "$0")/../lib.sh"
graph=$top_srcdir/tests/tools/include-graph.py
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"

if python3 "$graph" "$top_srcdir/src/lib" >"$T/graph"; then
    pass "src/lib follows its layout rule"
else
    fail "src/lib breaks its layout rule:"
    grep '^include-graph:' "$T/graph" | sed 's/^/    /'
fi
sed 's/^/# /' "$T/graph"

# --- the checker finds what it must ------------------------------------
lib=$T/lib
mkdir -p "$lib/early" "$lib/late"
printf '%s\n' 'the stages:' '  1. early/  first' '  2. late/   second' \
    >"$lib/README"
# early/a uses late/b (a later stage); late/b uses late/c and late/c
# late/b (a circle); late/c includes "a.h" by bare name; early/a.h
# declares a function late/b.c defines; flat.c is in no stage.
printf '#include "late/b.h"\nint pp_b_thing(void);\n' >"$lib/early/a.h"
printf '#include "early/a.h"\nint pp_a(void) { return 0; }\n' \
    >"$lib/early/a.c"
printf 'int pp_b(void);\n' >"$lib/late/b.h"
printf '#include "late/c.h"\nint pp_b(void) { return 1; }\n' \
    >"$lib/late/b.c"
printf 'int pp_b_thing(void)\n{\n    return 2;\n}\n' >>"$lib/late/b.c"
printf '#include "late/b.h"\n#include "a.h"\nint pp_c(void);\n' \
    >"$lib/late/c.h"
printf '#include "late/c.h"\nint pp_c(void) { return 3; }\n' \
    >"$lib/late/c.c"
printf 'int pp_flat(void) { return 4; }\n' >"$lib/flat.c"
python3 "$graph" "$lib" >"$T/bad"
check "a broken tree fails the check" test $? = 1
for want in 'early/a uses late/b: stage late/ comes after early/' \
            'circle: late/b <-> late/c' \
            'late/c.h includes "a.h": name the stage, as in "early/a.h"' \
            'early/a.h declares pp_b_thing, which late/b.c defines' \
            'flat.c is in no stage: move it into one'; do
    if grep -qxF "include-graph: $want" "$T/bad"; then
        pass "found: $want"
    else
        fail "not found: $want; it said:"
        sed 's/^/    /' "$T/bad"
    fi
done
finish
