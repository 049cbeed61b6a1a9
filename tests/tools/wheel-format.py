#!/usr/bin/env python3
"""wheel-format.py WHEEL VERSION - check that a wheel make wheel wrote
follows the binary distribution format: RECORD lists every other file
once, with its sha256 and size, and itself without a hash; WHEEL's Tag
lines are the name's tags expanded; METADATA names VERSION, Python 3.6
and later and no dependency; the files pyprobe's wheel must hold, its
program (pyprobe, or pyprobe.exe in a Windows wheel) executable.
Prints one line per problem (FAIL - ...); exit 1 if there is one.
Used by tests/integration/wheel.sh, tests/windows/windows.sh and
tests/tools/check-aarch64.sh."""
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
# make-wheel.py names the program pyprobe.exe in a Windows wheel.
program = data + "scripts/pyprobe" + (
    ".exe" if tags_in_name[2].startswith("win") else "")
for path in (program, data + "data/share/aclocal/pyprobe.m4",
             data + "data/share/pyprobe/pyprobe_env.py",
             data + "data/share/man/man1/pyprobe.1",
             data + "data/share/man/man7/pyprobe.m4.7",
             "pyprobe/__init__.py", "pyprobe/__main__.py", "pyprobe/_tagfile.py",
             info + "COPYING"):
    if path not in names:
        problems.append("the wheel lacks " + path)
script = z.getinfo(program) if program in names else None
if script and not (script.external_attr >> 16) & 0o111:
    problems.append("the script is not executable in the archive")
for problem in problems:
    print("FAIL - " + problem)
sys.exit(1 if problems else 0)