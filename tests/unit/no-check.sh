#!/bin/sh
# Stands in for the unit tests when configure did not find Check: the
# suite must fail loudly rather than pass without them.
echo "the unit tests need Check, which configure did not find:" >&2
echo "install check (Debian/Ubuntu), check-devel (RHEL/Alma/Fedora) or" >&2
echo "check-dev (Alpine), then run ./configure again" >&2
exit 99
