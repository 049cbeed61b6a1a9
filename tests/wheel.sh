#!/bin/sh
# wheel.sh - the wheel that make wheel writes follows the binary
# distribution format, and every interpreter here accepts its tags.
#
# Uses the wheel tests/static-binary.sh built (Makefile.am runs that
# first). Checked: its name; RECORD lists every other file once, with
# the sha256 and size recomputed here, and itself without a hash;
# WHEEL's Tag lines are the name's tags expanded; METADATA names the
# version configure.ac defines, Python 3.6 and later and no dependency;
# the files it must hold; `pyprobe check-wheel` (this build's) accepts it
# on every interpreter here; make-wheel.py gives the same bytes again.
. "$(dirname "$0")/lib.sh"

build=$top_builddir/tests/static-build/build
wheel=$(ls "$build"/dist/pyprobe-*.whl 2>/dev/null) ||
    fatal "no wheel in $build/dist: tests/static-binary.sh makes it (make check runs it first)"
name=$(basename "$wheel")
version=$(sed -n 's/^PACKAGE_VERSION = //p' "$top_builddir/Makefile")
arch=$(uname -m)
want="pyprobe-$version-py3-none-manylinux_2_17_$arch.manylinux2014_$arch.musllinux_1_1_$arch.whl"
check "the wheel is named $want" test "$name" = "$want"

python3 - "$wheel" "$version" >"$T/format" 2>&1 <<'EOF'
import base64, csv, hashlib, io, sys, zipfile

wheel, version = sys.argv[1:]
problems = []
z = zipfile.ZipFile(wheel)
names = z.namelist()
info = "pyprobe-%s.dist-info/" % version
rows = list(csv.reader(io.StringIO(z.read(info + "RECORD").decode("utf-8"))))
listed = [row[0] for row in rows]
if sorted(listed) != sorted(names):
    problems.append("RECORD lists %s, the wheel holds %s"
                    % (sorted(set(listed) ^ set(names)), len(names)))
if len(set(listed)) != len(listed):
    problems.append("RECORD lists a file twice")
for path, digest, size in rows:
    if path == info + "RECORD":
        if digest or size:
            problems.append("RECORD has a hash of itself")
        continue
    content = z.read(path)
    algorithm, _, value = digest.partition("=")
    mine = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
    if algorithm != "sha256" or value != mine:
        problems.append("%s: RECORD says %s, the file hashes to sha256=%s" % (path, digest, mine))
    if size != str(len(content)):
        problems.append("%s: RECORD says %s bytes, it has %d" % (path, size, len(content)))
print("checked %d RECORD entries" % len(rows))

# WHEEL: the name's tags, expanded, one Tag line each.
wheel_file = z.read(info + "WHEEL").decode("ascii").splitlines()
fields = [line.partition(": ") for line in wheel_file]
tags_in_name = wheel.rsplit("/", 1)[-1][:-len(".whl")].split("-")[-3:]
expanded = sorted("%s-%s-%s" % (p, a, s) for p in tags_in_name[0].split(".")
                  for a in tags_in_name[1].split(".") for s in tags_in_name[2].split("."))
if sorted(v for k, _, v in fields if k == "Tag") != expanded:
    problems.append("WHEEL's Tag lines are not the name's tags %s" % expanded)
for key, value in (("Wheel-Version", "1.0"), ("Root-Is-Purelib", "false")):
    if (key, ": ", value) not in fields:
        problems.append("WHEEL lacks %s: %s" % (key, value))

# METADATA: the headers before the first blank line.
head = z.read(info + "METADATA").decode("utf-8").split("\n\n", 1)[0].splitlines()
meta = [line.partition(": ") for line in head]
for key, value in (("Metadata-Version", "2.1"), ("Name", "pyprobe"),
                   ("Version", version), ("Requires-Python", ">=3.6")):
    if (key, ": ", value) not in meta:
        problems.append("METADATA lacks %s: %s" % (key, value))
if any(key == "Requires-Dist" for key, _, _ in meta):
    problems.append("METADATA names a dependency")

data = "pyprobe-%s.data/" % version
for path in (data + "scripts/pyprobe", data + "data/share/aclocal/pyprobe.m4",
             data + "data/share/pyprobe/pyprobe_env.py",
             data + "data/share/man/man1/pyprobe.1",
             data + "data/share/man/man7/pyprobe.m4.7",
             "pyprobe/__init__.py", "pyprobe/__main__.py", "pyprobe/_tagfile.py",
             info + "COPYING"):
    if path not in names:
        problems.append("the wheel lacks " + path)
script = z.getinfo(data + "scripts/pyprobe")
if not (script.external_attr >> 16) & 0o111:
    problems.append("the script is not executable in the archive")
for problem in problems:
    print("FAIL - " + problem)
sys.exit(1 if problems else 0)
EOF
status=$?
sed 's/^/  /' "$T/format"
check "RECORD, WHEEL and METADATA are right" test "$status" -eq 0
check "pyprobe/_tagfile.py is data/pyprobe_env.py" sh -c \
    "python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(\"pyprobe/_tagfile.py\"))' '$wheel' | cmp -s - '$top_srcdir/data/pyprobe_env.py'"

# Every interpreter here installs it (this build's check-wheel).
all_pythons 2>"$T/notes" >"$T/pythons"
sed 's/^/# /' "$T/notes"
while read -r python; do
    pyprobe check-wheel --python "$python" "$wheel"
    if [ "$RC" -eq 0 ]; then
        pass "check-wheel on $python: $(cut -d' ' -f1 "$T/out") (rank)"
    else
        fail "check-wheel refuses the wheel on $python"
        show_output
    fi
done <"$T/pythons"

# Reproducible: the same inputs give the same bytes.
cp "$wheel" "$T/first.whl"
make -C "$build" -s wheel >/dev/null 2>"$T/err" || cat "$T/err"
check "make wheel again gives the same bytes" cmp -s "$T/first.whl" "$wheel"

finish
