"""pyprobe_env - read the tag file that ``pyprobe --tags FILE`` wrote.

For build hooks (setup.py, hatch_build.py) that run after a step such as
cibuildwheel's before-build has written the tag file::

    import pyprobe_env
    env = pyprobe_env.load("pyprobe.env")
    if env["PYPROBE_MYPYC"]:
        ...

Keys are the tag file's names (PYPROBE_WHEEL_TAG ...).  Values are
strings, except the booleans (PYPROBE_FREE_THREADED, PYPROBE_MYPYC ...),
which are True or False.  The file is read as GNU make reads it, so every
value comes back exactly as pyprobe wrote it, hostile paths included.

As a script:  python3 pyprobe_env.py FILE [NAME]...
prints each NAME's value on a line (booleans as 1/0), or with no NAME
every value as JSON.  Exit status as pyprobe's: 2 usage, 5 malformed
file, 7 unreadable file.

One file, no dependencies, Python 3.6 and later.  Installed by pyprobe in
the directory that ``pyprobe --print-datadir`` prints.  MIT licence.
"""

import json
import re
import sys
import sysconfig

__all__ = ["BOOLEANS", "TagFileError", "load", "parse", "mismatch",
           "writer"]

# The names of kind BOOL in pyprobe's src/lib/decide/names.h (a test
# checks that).
BOOLEANS = frozenset((
    "PYPROBE_FREE_THREADED", "PYPROBE_GIL_ENABLED", "PYPROBE_DEBUG",
    "PYPROBE_VENV", "PYPROBE_SHARED", "PYPROBE_LIMITED_API",
    "PYPROBE_ABI3T", "PYPROBE_MYPYC",
))

# The lines pyprobe writes for make around the values: its own variables
# PYPROBE__*, and a `define PYPROBE__NL` block holding a newline.
_NL_BLOCK = ["define PYPROBE__NL =", "", "", "endef # ="]
_NAME = re.compile(r"PYPROBE_[A-Z0-9_]+\Z")
# make's escaping of a value: $$, and helper variables for #, \ and newline;
# $(PYPROBE__EMPTY) at both ends keeps blanks there.
_ESCAPES = {"$$": "$", "$(PYPROBE__EMPTY)": "", "$(PYPROBE__HASH)": "#",
            "$(PYPROBE__BS)": "\\", "$(PYPROBE__NL)": "\n"}
_ESCAPE = re.compile(r"\$(?:\$|\(PYPROBE__(?:EMPTY|HASH|BS|NL)\))")
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")


class TagFileError(ValueError):
    """The file is not a tag file as pyprobe writes it."""


def _decode(value):
    """A value as make reads it from pyprobe's NAME=value line."""
    parts, end = [], 0
    for match in _ESCAPE.finditer(value):
        parts.append(value[end:match.start()])
        parts.append(_ESCAPES[match.group()])
        end = match.end()
    parts.append(value[end:])
    plain = "".join(parts[0::2])
    # What pyprobe never writes bare: make would read it differently.
    if "$" in plain or "#" in plain or "\\" in plain:
        raise TagFileError("a bare $, # or backslash")
    if _CONTROL.search(plain):
        raise TagFileError("a control character")
    if value[:1] in (" ", "\t") or (end < len(value) and
                                    value[-1:] in (" ", "\t")):
        raise TagFileError("blanks at either end without $(PYPROBE__EMPTY)")
    return "".join(parts)


def parse(text, filename="<tag file>"):
    """The values in TEXT, the content of a tag file, as a dict."""
    def fail(number, why):
        raise TagFileError("%s:%d: %s" % (filename, number, why))

    lines = text.split("\n")
    if not lines[0].startswith("PYPROBE__SH=1;"):
        fail(1, "not a pyprobe tag file (pyprobe --tags writes one)")
    if lines[-1] != "" or lines[-2:-1] != ["PYPROBE__SH="]:
        fail(len(lines), "truncated: the last line is not PYPROBE__SH=")
    env = {}
    number = 2
    while number < len(lines) - 1:
        line = lines[number - 1]
        if line.startswith("define "):
            if lines[number - 1:number + 3] != _NL_BLOCK:
                fail(number, "unexpected define block")
            number += len(_NL_BLOCK)
            continue
        name, equals, value = line.partition("=")
        if not equals or not _NAME.match(name):
            fail(number, "not a PYPROBE_NAME=value line")
        number += 1
        if name.startswith("PYPROBE__"):
            continue
        try:
            value = _decode(value)
        except TagFileError as error:
            fail(number - 1, "value of %s: %s" % (name, error))
        if name in BOOLEANS:
            if value not in ("0", "1"):
                fail(number - 1, "%s is %r, not 0 or 1" % (name, value))
            value = value == "1"
        env[name] = value
    if "PYPROBE_PYTHON" not in env:
        fail(1, "no PYPROBE_PYTHON in it")
    return env


_WRITER = re.compile(r"PYPROBE__SH=1; PYPROBE__WRITER='([^']*)';")


def writer(text):
    """Which pyprobe wrote TEXT, the content of a tag file ("pyprobe
    0.1.0"), or None when it does not say (pyprobe 0.1.0 before it did)."""
    found = _WRITER.match(text)
    return found.group(1) if found else None


def load(path):
    """The values in the tag file at PATH, as a dict.  Raises OSError when
    it cannot be read and TagFileError when it is malformed."""
    # Paths may hold bytes that are not UTF-8: surrogateescape keeps them,
    # so os.fsencode(value) gives back the bytes.
    with open(path, encoding="utf-8", errors="surrogateescape",
              newline="") as stream:
        return parse(stream.read(), path)


def mismatch(env):
    """None if ENV describes the running interpreter's ABI, else one line
    saying how they differ (a stale file, or one written by before-build
    for another interpreter)."""
    here = sysconfig.get_config_var("EXT_SUFFIX")
    there = env.get("PYPROBE_EXT_SUFFIX")
    if here == there:
        return None
    return ("the tag file describes %s (%s, EXT_SUFFIX %s), but this is %s "
            "(EXT_SUFFIX %s)" % (env.get("PYPROBE_ABI_TAG"),
                                 env.get("PYPROBE_PYTHON"), there,
                                 sys.executable, here))


def _text(value):
    if isinstance(value, bool):
        return "1" if value else "0"
    return value


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print("Usage: python3 pyprobe_env.py FILE [NAME]...\n"
              "Print the value of each NAME (PYPROBE_MYPYC, MYPYC or mypyc) "
              "in pyprobe's\ntag file FILE, one per line; with no NAME, "
              "every value as JSON.",
              file=sys.stdout if argv else sys.stderr)
        return 0 if argv else 2
    try:
        env = load(argv[0])
    except OSError as error:
        print("pyprobe_env: %s: %s" % (argv[0], error.strerror or error),
              file=sys.stderr)
        return 7
    except TagFileError as error:
        print("pyprobe_env: %s" % error, file=sys.stderr)
        return 5
    out = sys.stdout.buffer
    if len(argv) == 1:
        text = json.dumps(env, indent=2, sort_keys=True) + "\n"
        out.write(text.encode("utf-8", "surrogateescape"))
        return 0
    values = []
    for name in argv[1:]:
        key = name.upper()
        key = key if key.startswith("PYPROBE_") else "PYPROBE_" + key
        if key not in env:
            print("pyprobe_env: %s: no such name in %s" % (name, argv[0]),
                  file=sys.stderr)
            return 2
        values.append(_text(env[key]) + "\n")
    out.write("".join(values).encode("utf-8", "surrogateescape"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
