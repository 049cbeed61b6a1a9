#!/bin/sh
# CI outputs: --github-output and --github-env append blocks that GitHub's
# runner reads back exactly (checked with tests/github_runner.py,
# which reads the files as the runner does), hostile values included:
# quotes, $(...), #, a backslash, "=", "<<", newlines and the delimiter
# pyprobe would pick first. A failed append leaves the file as it was.
# --env-file writes plain NAME=value lines and refuses a newline.
set -u
: "${PYPROBE:?run me through make check}" "${top_srcdir:?}"
runner=$top_srcdir/tests/github_runner.py
status=0
fail() { echo "FAIL: $*"; status=1; }
ok() { echo "ok: $*"; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
unset GITHUB_OUTPUT GITHUB_ENV
python3 -c 'import sys; sys.exit(sys.version_info < (3, 6))' || {
    echo "FAIL: the checks need python3 >= 3.6 on PATH"; exit 1; }

# An interpreter under a hostile directory name, and one with the same
# characters but no newline.
hostile=$(printf '%s\n%s\n%s' "a b'c\"\$(x)#\\d=e<<f \$HOME" PYPROBE_EOF \
          'PYPROBE_EOF_1 g')
mkdir -p "$tmp/$hostile" "$tmp/one line 'q\"\$(x)#\\=<<" || exit 99
python=$tmp/$hostile/python
one_line=$tmp/one\ line\ \'q\"\$\(x\)#\\=\<\</python
ln -s "$(command -v python3)" "$python" && ln -s "$(command -v python3)" \
    "$one_line" || exit 99

# expect NAME FILE JSON PREFIX: the pairs the runner reads from FILE,
# after the ones an earlier step left there, are every name with the
# value pyprobe --json gives it.
expect() {
    python3 - "$@" <<'PY'
import json, sys
label, got, want, prefix = sys.argv[1:]
got = json.load(open(got))
report = json.load(open(want))
earlier = [["earlier", "a=b"], ["multi", "x\ny"]]
names = [k for k in report if k not in
         ("format", "format_version", "pyprobe_version", "policy", "probe")]
text = lambda v: " ".join(v) if isinstance(v, list) else str(v)
expected = earlier + [[prefix + (n.upper() if prefix else n), text(report[n])]
                      for n in names]
if got != expected:
    for g, e in zip(got, expected):
        if g != e:
            print("FAIL: %s: runner reads %r, expected %r" % (label, g, e))
            break
    else:
        print("FAIL: %s: %d pairs, expected %d" % (label, len(got),
                                                   len(expected)))
    sys.exit(1)
hostile = [g for g in got if "\n" in g[1]]
print("ok: %s: the runner reads back all %d names, %d of them multi-line"
      % (label, len(names), len(hostile) - 1))
PY
}

# --- GitHub: hostile values, read back as the runner does -----------------
"$PYPROBE" --python "$python" --json > "$tmp/report.json" ||
    { echo "FAIL: pyprobe --json"; exit 1; }
for f in out env; do
    printf 'earlier=a=b\nmulti<<EOF\nx\ny\nEOF\n' > "$tmp/$f"
done
if GITHUB_OUTPUT=$tmp/out GITHUB_ENV=$tmp/env \
        "$PYPROBE" --python "$python" --github-output --github-env; then
    python3 "$runner" parse "$tmp/out" > "$tmp/out.json" &&
        expect --github-output "$tmp/out.json" "$tmp/report.json" "" ||
        status=1
    python3 "$runner" parse "$tmp/env" > "$tmp/env.json" &&
        expect --github-env "$tmp/env.json" "$tmp/report.json" PYPROBE_ ||
        status=1
    # The value holds PYPROBE_EOF and PYPROBE_EOF_1 on lines of their own.
    grep -qx 'python<<PYPROBE_EOF_2' "$tmp/out" &&
        ok "the delimiter is one that is not in the value" ||
        fail "unexpected delimiter: $(grep '^python<<' "$tmp/out")"
    grep -q '^wheel_tag=cp[0-9]*-' "$tmp/out" &&
        ok "single-line values are plain name=value lines" ||
        fail "no plain wheel_tag= line"
else
    fail "pyprobe --github-output --github-env failed"
fi

# --- a failed append leaves the file as it was -----------------------------
# A file size limit stops the block partway (SIGXFSZ ignored, so write
# returns short, then EFBIG). The limit is 2 blocks (512 or 1024 bytes
# each, as the shell counts); the file holds 900 bytes, the block more.
head -c 900 /dev/zero | tr '\0' x > "$tmp/limited"
printf '\n' >> "$tmp/limited"
cp "$tmp/limited" "$tmp/limited.orig"
(trap '' XFSZ; ulimit -f 2; GITHUB_OUTPUT=$tmp/limited \
    exec "$PYPROBE" --python "$python" --github-output) 2> "$tmp/err"
code=$?
if [ $code = 7 ] && cmp -s "$tmp/limited" "$tmp/limited.orig"; then
    ok "a block cut short by a file size limit is taken back (exit 7: $(cat "$tmp/err"))"
else
    fail "file size limit: exit $code, $(wc -c < "$tmp/limited") bytes" \
         "(was 901): $(cat "$tmp/err")"
fi
# A full disk: a copy of /dev/full (never the real node: no test points
# an output at a real device).
if mknod "$tmp/full" c 1 7 2>/dev/null; then
    GITHUB_OUTPUT=$tmp/full "$PYPROBE" --python "$python" --github-output \
        2> "$tmp/err"
    code=$?
    [ $code = 7 ] && [ "$(wc -l < "$tmp/err")" = 1 ] && [ -c "$tmp/full" ] &&
        ok "a full disk: exit 7, one line: $(cat "$tmp/err")" ||
        fail "a copy of /dev/full: exit $code: $(cat "$tmp/err")"
else
    echo "# not root: no copy of /dev/full, the full-disk case is not run"
fi
"$PYPROBE" --python "$python" --github-env 2> "$tmp/err"
code=$?
[ $code = 2 ] && grep -q 'GITHUB_ENV is not set' "$tmp/err" &&
    ok "without \$GITHUB_ENV: exit 2: $(cat "$tmp/err")" ||
    fail "without \$GITHUB_ENV: exit $code: $(cat "$tmp/err")"

# Bytes that are not UTF-8: the runner would mangle them, so refuse.
mkdir "$tmp/$(printf 'latin1-\351')" || exit 99
latin1=$tmp/$(printf 'latin1-\351')/python
ln -s "$(command -v python3)" "$latin1"
: > "$tmp/out"
GITHUB_OUTPUT=$tmp/out "$PYPROBE" --python "$latin1" --github-output \
    2> "$tmp/err"
code=$?
[ $code = 6 ] && [ ! -s "$tmp/out" ] &&
    ok "a value that is not UTF-8: exit 6, nothing appended" ||
    fail "not UTF-8: exit $code, $(wc -c < "$tmp/out") bytes appended"

# --- the plain env file ----------------------------------------------------
if "$PYPROBE" --python "$one_line" --env-file "$tmp/plain.env" &&
        "$PYPROBE" --python "$one_line" --json > "$tmp/one.json"; then
    python3 - "$tmp/plain.env" "$tmp/one.json" <<'PY' || status=1
import json, sys
got = [line.split("=", 1)
       for line in open(sys.argv[1], "rb").read().decode().split("\n")[:-1]]
report = json.load(open(sys.argv[2]))
text = lambda v: " ".join(v) if isinstance(v, list) else str(v)
want = [["PYPROBE_" + n.upper(), text(report[n])] for n in report
        if n not in ("format", "format_version", "pyprobe_version",
                     "policy", "probe")]
if got != want:
    print("FAIL: --env-file: %r" % [g for g, w in zip(got, want) if g != w][:1])
    sys.exit(1)
print("ok: --env-file: every PYPROBE_NAME=value line is exact, read literally")
PY
else
    fail "--env-file with quotes, \$, # and a backslash failed"
fi
# A newline cannot be carried: refused before any file is written.
"$PYPROBE" --python "$python" --tags "$tmp/t.env" --env-file "$tmp/n.env" \
    2> "$tmp/err"
code=$?
[ $code = 6 ] && [ ! -e "$tmp/n.env" ] && [ ! -e "$tmp/t.env" ] &&
    grep -q 'holds a newline' "$tmp/err" &&
    ok "--env-file refuses a newline (exit 6, no file written): $(cat "$tmp/err")" ||
    fail "--env-file with a newline: exit $code: $(cat "$tmp/err")"
exit $status
