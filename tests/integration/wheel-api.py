"""wheel-api.py PYPROBE TMPDIR - the Python API of the installed wheel
behaves as the README and its docstrings say.  Run by
tests/integration/wheel-install.sh with the python3.11 environment that holds the
wheel; PYPROBE is this build's program, to compare with.  Prints one line
per check; exit 1 if any failed."""

import json
import os
import subprocess
import sys

import pyprobe

here_pyprobe, tmp = sys.argv[1:]
failed = []


def check(what, ok, detail=""):
    print("%s - %s%s" % ("ok" if ok else "FAIL", what,
                         (": " + detail) if detail else ""))
    if not ok:
        failed.append(what)


def raises(call, *args, **keywords):
    try:
        call(*args, **keywords)
    except pyprobe.Error as error:
        return error
    return None


def pyprobe_says(*arguments):
    return subprocess.check_output([here_pyprobe] + list(arguments),
                                   universal_newlines=True)


# probe(): every name, typed; the same values as --json.
facts = pyprobe.probe()
reference = json.loads(pyprobe_says("--python", sys.executable, "--json"))
names = [line.split()[0] for line in pyprobe_says("--list-names").splitlines()]
check("probe() has every name of --list-names, no other",
      sorted(facts) == sorted(names), "%d names" % len(facts))
kinds = {name: type(value).__name__ for name, value in facts.items()}
check("booleans are bool", kinds["free_threaded"] == kinds["mypyc"] == "bool")
check("the lists are lists",
      kinds["extension_suffixes"] == kinds["stable_abi_suffixes"] == "list"
      and facts["extension_suffixes"] == reference["extension_suffixes"]
      and facts["stable_abi_suffixes"] == reference["stable_abi_suffixes"])
check("everything else is str", all(
    kinds[name] == "str" for name in names
    if name not in pyprobe.LISTS and kinds[name] != "bool"))
same = [name for name in names
        if name not in pyprobe.LISTS and kinds[name] == "str"
        and facts[name] != str(reference[name])]
check("the values are those of pyprobe --json", not same, ", ".join(same))
check("the interpreter is the one running it",
      facts["executable"] == sys.executable or
      os.path.samefile(facts["executable"], sys.executable))

# Policy keywords mirror the options.
for keywords, options in (({"limited_api": "3.8"}, ["--limited-api=3.8"]),
                          ({"mypyc": "no"}, ["--mypyc=no"]),
                          ({"mypyc": False}, ["--mypyc=no"]),
                          ({"limited_api": "3.8", "abi3t": "yes"},
                           ["--limited-api=3.8", "--abi3t=yes"])):
    got = pyprobe.probe(**keywords)
    want = pyprobe_says("--python", sys.executable, *(options + [
        "--get", "wheel_tag", "--get", "mypyc"])).split()
    check("probe(%s) is pyprobe %s" % (
        ", ".join("%s=%r" % item for item in sorted(keywords.items())),
        " ".join(options)),
        [got["wheel_tag"], "1" if got["mypyc"] else "0"] == want,
        got["wheel_tag"])
try:
    pyprobe.probe(limited="3.8")
    check("an unknown keyword is a TypeError", False)
except TypeError as error:
    check("an unknown keyword is a TypeError", True, str(error))

# Failures: pyprobe's message and exit status.
error = raises(pyprobe.probe, "/usr/bin/pypy3", mypyc="yes")
check("probe(pypy3, mypyc='yes') raises Error 8", error is not None and
      error.status == 8 and error.message.startswith("pyprobe: "),
      error and error.message)
error = raises(pyprobe.probe, os.path.join(tmp, "no-such-python"))
check("probe(a missing interpreter) raises Error 3",
      error is not None and error.status == 3, error and error.message)

# load() and require().
mine = os.path.join(tmp, "mine.env")
subprocess.check_call([here_pyprobe, "--python", sys.executable, "--tags", mine])
check("load() gives what probe() gives", pyprobe.load(mine) == facts)
base = os.path.join(tmp, "base.env")
subprocess.check_call([here_pyprobe, "--python", sys._base_executable
                       if hasattr(sys, "_base_executable") else "python3.11",
                       "--tags", base])
check("require() accepts a file of this interpreter from outside the "
      "environment", pyprobe.require(base)["abi_tag"] == facts["abi_tag"])
pypy = os.path.join(tmp, "pypy.env")
subprocess.check_call([here_pyprobe, "--python", "/usr/bin/pypy3",
                       "--tags", pypy])
error = raises(pyprobe.require, pypy)
check("require() refuses a tag file written for pypy3 (status 5)",
      error is not None and error.status == 5 and
      "the tag file describes pypy" in error.message, error and error.message)
check("require(path, python=pypy3) accepts it",
      pyprobe.require(pypy, python="/usr/bin/pypy3")["implementation"] == "pypy")
# The file says which pyprobe wrote it: another version, or none, is
# refused even with the same names.
text = open(mine).read()
version = pyprobe_says("--version").split("\n")[0]
check("the tag file says which pyprobe wrote it",
      text.startswith("PYPROBE__SH=1; PYPROBE__WRITER='%s';" % version),
      text[:60])
for what, edited in (
        ("another pyprobe version",
         text.replace("PYPROBE__WRITER='%s'" % version,
                      "PYPROBE__WRITER='pyprobe 0.0.9'", 1)),
        ("a pyprobe that does not say which",
         text.replace(" PYPROBE__WRITER='%s';" % version, "", 1))):
    other = os.path.join(tmp, "other-writer.env")
    with open(other, "w") as target:
        target.write(edited)
    error = raises(pyprobe.require, other)
    check("require() refuses a file written by %s (status 5)" % what,
          edited != text and error is not None and error.status == 5 and
          "but this is %s" % version in error.message,
          error and error.message)
newer = os.path.join(tmp, "newer.env")
with open(mine) as source, open(newer, "w") as target:
    lines = source.read().split("\n")
    lines.insert(2, "PYPROBE_SOMETHING_NEW=1")
    target.write("\n".join(lines))
error = raises(pyprobe.require, newer)
check("require() refuses a file with a name this pyprobe does not know",
      error is not None and error.status == 5 and
      "another pyprobe version" in error.message, error and error.message)
broken = os.path.join(tmp, "broken.env")
with open(broken, "w") as target:
    target.write("PYPROBE_PYTHON=/usr/bin/python3\n")
error = raises(pyprobe.load, broken)
check("load() refuses a file that is not a tag file (status 5)",
      error is not None and error.status == 5, error and error.message)
error = raises(pyprobe.load, os.path.join(tmp, "missing.env"))
check("load() of a missing file raises Error 7",
      error is not None and error.status == 7, error and error.message)

# python -m pyprobe: --python still wins over the running interpreter.
out = subprocess.check_output([sys.executable, "-m", "pyprobe", "--python",
                               "/usr/bin/pypy3", "--get", "abi_tag"],
                              universal_newlines=True).strip()
check("python -m pyprobe --python pypy3 answers for pypy3", out.startswith("pypy"), out)
done = subprocess.run([sys.executable, "-m", "pyprobe", "--no-such-option"],
                      stdout=subprocess.PIPE, stderr=subprocess.PIPE)
check("python -m pyprobe exits as pyprobe does (2 for a usage error)",
      done.returncode == 2, done.stderr.decode().strip().splitlines()[0])

sys.exit(1 if failed else 0)
