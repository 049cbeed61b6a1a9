#!/bin/sh
# The README, --help and the man page must stay true to the code: every
# public name is in the README's table with the meaning the program
# gives; every option each command accepts is in its --help, the man
# page and the README; the exit codes agree everywhere.
. "$(dirname "$0")/../lib.sh"
readme=$top_srcdir/README
man=$top_srcdir/data/pyprobe.1

# Names: "| `NAME` | meaning |" rows, exactly as --list-names gives them.
"$PYPROBE" --list-names > "$T/names" || fail "--list-names failed"
count=0
while read -r key meaning; do
    name=$(printf '%s' "$key" | tr a-z A-Z)
    row="| \`$name\` | $meaning |"
    grep -qxF -- "$row" "$readme" || fail "README lacks the row: $row"
    count=$((count + 1))
done < "$T/names"
rows=$(grep -c '^| `[A-Z0-9_]*` | ' "$readme")
[ "$rows" -eq "$count" ] ||
    fail "README has $rows name rows, pyprobe has $count names"
pass "$count names documented in README"

# Options: every --long option in the help of the program and of each
# command is in the man page and the README.
# The commands: the entries of the "Commands:" section of --help.
commands=$("$PYPROBE" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\)\( .*\)*$/\1/p')
[ -n "$commands" ] || fail "--help lists no commands"
for command in "" $commands; do
    help=$("$PYPROBE" $command --help) || { fail "$command --help"; continue; }
    for option in $(printf '%s\n' "$help" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        grep -q -- "$(printf '%s' "$option" | sed 's/-/\\\\-/g')" "$man" ||
            grep -q -- "$option" "$man" ||
            fail "man page lacks $option (${command:-main} --help has it)"
        grep -q -- "$option" "$readme" ||
            fail "README lacks $option (${command:-main} --help has it)"
    done
    [ -z "$command" ] && continue
    # roff writes a hyphen as \-
    grep -q "$(printf '%s' "$command" | sed 's/-/\\\\-/g')" "$man" ||
        grep -q "$command" "$man" || fail "man page lacks the $command command"
    grep -q "pyprobe $command" "$readme" || fail "README lacks pyprobe $command"
done
pass "options of pyprobe and of: $(echo $commands)"

# The man page's SYNOPSIS has a line for every command.
sed -n '/^\.SH SYNOPSIS$/,/^\.SH /p' "$man" > "$T/synopsis"
missing=
for command in $commands; do
    grep -qxF ".B pyprobe $(printf '%s' "$command" | sed 's/-/\\-/g')" \
        "$T/synopsis" || missing="$missing $command"
done
[ -z "$missing" ] &&
    pass "the man page's SYNOPSIS shows every command: $(echo $commands)" ||
    fail "the man page's SYNOPSIS lacks:$missing"

# Exit codes: the same numbers with the same words in --help, README and
# the man page (checked by the first word of each meaning).
for code in 0 1 2 3 4 5 6 7 8 9; do
    grep -q "^ *$code  [a-z]" "$readme" || fail "README lacks exit status $code"
    grep -q "^\.B $code\$" "$man" || fail "man page lacks exit status $code"
    "$PYPROBE" --help | grep -q "  $code  [a-z]" ||
        fail "--help lacks exit status $code"
done
pass "exit status 0-9 documented in --help, README and man page"
finish
