#!/bin/sh
# pyprobe.m4's cache (pyprobe_cv_*): a second configure -C with the same
# interpreter uses it and runs no probe; another interpreter does not
# use it, whether PYTHON changes within one configure run or PATH makes
# python3 another interpreter; and a changed PYTHON against the same
# cache file is refused, as Autoconf refuses every changed precious
# variable.
. "$(dirname "$0")/../lib.sh"
. "$top_srcdir/tests/m4/m4-project.sh"
tmp=$T

# pyprobe on PATH is a wrapper that logs each run that probes.
rm "$m4_bin/pyprobe"
cat > "$m4_bin/pyprobe" <<EOF
#!/bin/sh
case "\$*" in *--get*) echo probe >> "$tmp/runs" ;; esac
exec "$pyprobe_bin" "\$@"
EOF
chmod +x "$m4_bin/pyprobe"
runs() { if [ -f "$tmp/runs" ]; then wc -l < "$tmp/runs"; else echo 0; fi; }

m4_project "$tmp/p" <<'EOF' || fatal "cannot make the project"
PYPROBE_CHECK
AS_ECHO(["$PYPROBE_ABI_TAG"]) > abi
EOF

# configure_abi LABEL WANT-ABI WANT-RUNS WANT-CACHED [ARG]...
configure_abi() {
    label=$1 want_abi=$2 want_runs=$3 want_cached=$4; shift 4
    rm -f "$tmp/runs"
    if ! run_configure "$tmp/p" -C "$@"; then
        fail "$label: configure failed: $(cat "$tmp/p/error")"; return
    fi
    got_abi=$(cat "$tmp/p/abi") got_runs=$(runs)
    got_cached=$(grep -c '^checking for the Python.*(cached)' "$tmp/p/out")
    if [ "$got_abi $got_runs $got_cached" = "$want_abi $want_runs $want_cached" ]; then
        pass "$label: $got_abi, $got_runs probe(s), $got_cached cached results"
    else
        fail "$label: ABI $got_abi, $got_runs probe(s), $got_cached cached; expected $want_abi, $want_runs, $want_cached"
        grep '^checking for the Python' "$tmp/p/out" | sed 's/^/  /'
    fi
}

configure_abi "first run" cp311 1 0 PYTHON=/usr/bin/python3.11
configure_abi "second run, same PYTHON" cp311 0 2 PYTHON=/usr/bin/python3.11
grep -q '^pyprobe_cv_abi_tag=' "$tmp/p/config.cache" ||
    fail "config.cache has no pyprobe_cv_ values"

# Another PYTHON against the same cache file: Autoconf refuses.
if run_configure "$tmp/p" -C PYTHON=/usr/bin/python3.11d; then
    fail "a changed PYTHON was accepted with the old cache"
elif grep -q "error: \`PYTHON' has changed since the previous run" "$tmp/p/out"; then
    pass "a changed PYTHON with the same cache file is refused"
else
    fail "a changed PYTHON: $(cat "$tmp/p/out" | tail -3)"
fi

# PYTHON unset: python3 is whatever PATH finds, so PATH is part of
# what the cache depends on.
rm -f "$tmp/p/config.cache"
mkdir "$tmp/a" "$tmp/b" &&
    ln -s /usr/bin/python3.11 "$tmp/a/python3" &&
    ln -s /usr/bin/python3.11d "$tmp/b/python3" ||
    fatal "cannot link the interpreters"
PATH=$tmp/a:$PATH configure_abi "python3 on PATH" cp311 1 0
PATH=$tmp/a:$PATH configure_abi "python3 on PATH, again" cp311 0 2
PATH=$tmp/b:$PATH configure_abi "another python3 on PATH" cp311d 1 0
PATH=$tmp/b:$PATH configure_abi "another python3 on PATH, again" cp311d 0 2

# Within one run: PYPROBE_CHECK again after PYTHON changed.
m4_project "$tmp/two" <<'EOF' || fatal "cannot make the project"
PYTHON=/usr/bin/python3.11
PYPROBE_CHECK
first=$PYPROBE_ABI_TAG
PYTHON=/usr/bin/python3.11d
PYPROBE_CHECK
AS_ECHO(["$first $PYPROBE_ABI_TAG"]) > abi
EOF
rm -f "$tmp/runs"
if run_configure "$tmp/two"; then
    [ "$(cat "$tmp/two/abi") $(runs)" = "cp311 cp311d 2" ] &&
        pass "two interpreters in one run: $(cat "$tmp/two/abi")" ||
        fail "two interpreters in one run: $(cat "$tmp/two/abi"), $(runs) probes"
else
    fail "two interpreters in one run: $(cat "$tmp/two/error")"
fi
finish
