"""pyprobe - what a Python interpreter really is, and how to build for it.

The Python face of the pyprobe program, for build hooks (setup.py,
hatch_build.py) and scripts.  The wheel carries the program, a static
binary, as its ``pyprobe`` command; this package runs it.  Python 3.6 and
later, no dependencies::

    import pyprobe
    facts = pyprobe.probe()                  # the interpreter running this
    if facts["mypyc"]:
        ...
    facts = pyprobe.probe("python3.14t", limited_api="3.11")

Every result is a dict keyed by pyprobe's public names in lower case
(``abi_tag``, ``free_threaded``, ``wheel_tag`` ...; ``pyprobe
--list-names`` lists them): the booleans as ``bool``, the lists
(``extension_suffixes``, ``stable_abi_suffixes``, ``unknown``) as lists of
strings, everything else as ``str``, exactly as pyprobe wrote it.

A tag file (``pyprobe --tags FILE``) written by an earlier step is read
with :func:`require`, which refuses a file that describes another
interpreter than the one it is asked about, or that another pyprobe
wrote.  ``python -m pyprobe ARG...`` is the ``pyprobe`` command, with the
interpreter running it as the default ``--python``.

Failures raise :class:`Error`, which carries pyprobe's one-line message
and exit status.  MIT licence.
"""

import os
import shutil
import subprocess
import sys

from . import _tagfile

__all__ = ["Error", "executable", "load", "probe", "require"]

# Names whose value is a space-separated list (names.h says which).
LISTS = frozenset(("extension_suffixes", "stable_abi_suffixes", "unknown"))

# The policy keywords of probe(): the options they stand for, and whether
# the option takes a value (--limited-api=3.11) or is a flag.
_POLICY = {
    "limited_api": ("--limited-api", True),
    "abi3t": ("--abi3t", True),
    "mypyc": ("--mypyc", True),
    "mypyc_free_threaded": ("--mypyc-free-threaded", False),
}

# What a tag file must agree on with the interpreter it is used for: the
# facts that decide which extension and which wheel a build makes.
_SAME_INTERPRETER = ("implementation", "interpreter_tag", "abi_tag", "soabi",
                     "ext_suffix", "platform_tag", "free_threaded", "debug",
                     "pointer_size")

# Exit statuses, as pyprobe's (pyprobe --help lists them).
_INVALID = 5
_UNREADABLE = 7
_NOT_FOUND = 127


class Error(Exception):
    """pyprobe failed.  ``message`` is its one-line message
    (``pyprobe: WHAT: WHY``), ``status`` its exit status: 2 usage, 3
    interpreter not found, 4 interpreter failed, 5 invalid answer or tag
    file (also: a tag file of another interpreter or another pyprobe), 6
    unsupported, 7 a file could not be read, 8 policy cannot be met; 127
    when no pyprobe program was found."""

    def __init__(self, message, status):
        Exception.__init__(self, message)
        self.message = message
        self.status = status


def _bundled():
    """The program this package was installed with, or None: where the
    wheel's RECORD says the installer put the script, else in bin/ beside
    the package (pip install --target puts it there, and its RECORD names
    the place it was staged in)."""
    package = os.path.dirname(os.path.abspath(__file__))
    site = os.path.dirname(package)
    try:
        entries = os.listdir(site)
    except OSError:
        return None
    return _recorded(site, entries) or _beside(site)


def _beside(site):
    for name in ("pyprobe", "pyprobe.exe"):
        program = os.path.join(site, "bin", name)
        if os.path.isfile(program) and os.access(program, os.X_OK):
            return program
    return None


def _recorded(site, entries):
    for entry in sorted(entries):
        if not (entry.startswith("pyprobe-") and entry.endswith(".dist-info")):
            continue
        try:
            with open(os.path.join(site, entry, "RECORD"),
                      encoding="utf-8") as stream:
                paths = [line.split(",")[0] for line in stream]
        except OSError:
            continue
        if "pyprobe/__init__.py" not in paths:
            continue        # another installation's record
        for path in paths:
            if (os.path.basename(path) in ("pyprobe", "pyprobe.exe")
                    and not path.startswith("pyprobe/")):
                program = os.path.normpath(os.path.join(site, path))
                if os.path.isfile(program) and os.access(program, os.X_OK):
                    return program
    return None


def executable():
    """The pyprobe program that probe() runs: the one installed with this
    package, else $PYPROBE, else ``pyprobe`` on PATH.  Raises Error (status
    127) when there is none."""
    program = _bundled() or os.environ.get("PYPROBE") or shutil.which("pyprobe")
    if not program:
        raise Error("pyprobe: no pyprobe program: not installed with this "
                    "package, no $PYPROBE, none on PATH (pip install "
                    "pyprobe)", _NOT_FOUND)
    return program


def _policy_options(policy):
    options = []
    for keyword, value in sorted(policy.items()):
        if keyword not in _POLICY:
            raise TypeError("probe() got an unexpected keyword argument %r "
                            "(policy keywords: %s)"
                            % (keyword, ", ".join(sorted(_POLICY))))
        option, takes_value = _POLICY[keyword]
        if value is None or value is False and not takes_value:
            continue
        if not takes_value:
            options.append(option)
        elif isinstance(value, bool):
            options.append("%s=%s" % (option, "yes" if value else "no"))
        else:
            options.append("%s=%s" % (option, value))
    return options


def _run(arguments):
    """pyprobe's standard output for ARGUMENTS, as text."""
    command = [executable()] + arguments
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    except OSError as error:
        raise Error("pyprobe: %s: %s" % (command[0], error.strerror or error),
                    _NOT_FOUND)
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        status = done.returncode
        if status < 0:          # killed by a signal, as sh reports it
            status = 128 - status
        message = lines[-1] if lines else (
            "pyprobe: %s exited with status %d" % (command[0], status))
        raise Error(message, status)
    return done.stdout.decode("utf-8", "surrogateescape")


def _public(env):
    """A parsed tag file's values under the names probe() uses."""
    facts = {}
    for name, value in env.items():
        key = name[len("PYPROBE_"):].lower()
        facts[key] = value.split() if key in LISTS else value
    return facts


def probe(python=None, **policy):
    """Probe PYTHON (a path or a command name on PATH; default: the
    interpreter running this, sys.executable) and return every public name
    in lower case: booleans as bool, the lists as lists, everything else as
    str.  POLICY keywords mirror pyprobe's options: limited_api="3.11",
    abi3t="no"|"yes"|"only", mypyc="auto"|"yes"|"no" (True and False mean
    yes and no), mypyc_free_threaded=True.  Raises Error when pyprobe
    fails, TypeError for an unknown keyword."""
    python = sys.executable if python is None else os.fspath(python)
    arguments = ["--python", python] + _policy_options(policy) + ["--tags", "-"]
    try:
        return _public(_tagfile.parse(_run(arguments), "pyprobe --tags -"))
    except _tagfile.TagFileError as error:
        raise Error("pyprobe: unexpected output: %s" % error, _INVALID)


def load(path):
    """The tag file at PATH (written by ``pyprobe --tags PATH``) as probe()
    returns its values.  Raises Error when it cannot be read (status 7) or
    is not a tag file as pyprobe writes it (status 5).  It does not check
    which interpreter the file describes: build hooks use require()."""
    return _load(os.fspath(path))[0]


def _load(path):
    """load()'s values, and which pyprobe wrote the file (or None): one
    reading of it."""
    try:
        with open(path, encoding="utf-8", errors="surrogateescape",
                  newline="") as stream:
            text = stream.read()
        return _public(_tagfile.parse(text, path)), _tagfile.writer(text)
    except OSError as error:
        raise Error("pyprobe: %s: %s" % (path, error.strerror or error),
                    _UNREADABLE)
    except _tagfile.TagFileError as error:
        raise Error("pyprobe: %s" % error, _INVALID)


def require(path, python=None):
    """The tag file at PATH, as load() returns it, provided that it
    describes PYTHON (default: the interpreter running this) and was
    written by this very pyprobe version (the file says which, and its
    names must be this one's).  Raises Error (status
    5) otherwise, naming both interpreters: a stale file, or one that a
    before-build step wrote for another interpreter, would make a wheel of
    the wrong kind, tagged as if it were right.  The interpreters are
    compared by what decides the build (ABI tag, EXT_SUFFIX, platform tag
    ...), so a file written in another virtual environment of the same
    interpreter is accepted."""
    path = os.fspath(path)
    there, wrote = _load(path)
    here = probe(python)
    this = _run(["--version"]).split("\n")[0]
    if wrote != this:
        raise Error("pyprobe: %s: written by %s, but this is %s: write it "
                    "again with this one (%s)"
                    % (path, wrote or "a pyprobe that does not say which",
                       this, executable()), _INVALID)
    if set(there) != set(here):
        unknown = sorted(set(there) - set(here))
        missing = sorted(set(here) - set(there))
        raise Error("pyprobe: %s: written by another pyprobe version (%s): "
                    "write it again with this one (%s)"
                    % (path, "; ".join(
                        (["names unknown here: " + " ".join(unknown)]
                         if unknown else []) +
                        (["names missing: " + " ".join(missing)]
                         if missing else [])), executable()), _INVALID)
    differ = [name for name in _SAME_INTERPRETER if there[name] != here[name]]
    if differ:
        raise Error("pyprobe: %s: the tag file describes %s (%s, EXT_SUFFIX "
                    "%s), but this is %s (%s, EXT_SUFFIX %s); they differ "
                    "in %s" % (path, there["abi_tag"], there["python"],
                               there["ext_suffix"], here["abi_tag"],
                               here["python"], here["ext_suffix"],
                               ", ".join(differ)), _INVALID)
    return there
