#!/usr/bin/env python3
"""Fuzz the tag-file reader of data/pyprobe_env.py (no atheris here).

    pyprobe_env_fuzz.py replay PATH...
        Parse each file (each file in a directory) once.
    pyprobe_env_fuzz.py fuzz [--seconds S] [--runs N] CORPUS [NEW]
        Mutate the inputs in CORPUS, feeding each mutant to the reader,
        until S seconds or N runs have passed; mutants with an outcome
        not seen before are kept in NEW (a poor man's coverage guidance:
        each distinct refusal is a distinct path). Prints the statistics.

A finding is anything but a dict of the documented shape or a
TagFileError: another exception, or a value that is not a str (bool
for the booleans). Findings are written to NEW/crash-* and make the
exit status 1. The reader is imported from data/ beside this tree.
"""

import dis
import os
import random
import re
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "data"))
import pyprobe_env  # noqa: E402

# Pieces of tag files that random bytes would take long to find.
TOKENS = [
    "PYPROBE__SH=1;", "PYPROBE__SH=", "PYPROBE_", "PYPROBE__", "=", "\n",
    "$$", "$(PYPROBE__EMPTY)", "$(PYPROBE__HASH)", "$(PYPROBE__BS)",
    "$(PYPROBE__NL)", "$(PYPROBE__", "$(", ")", "#", "\\", " ", "\t", "\r",
    "\x00", "\x7f", "\udcff", "\u00e9", "define PYPROBE__NL =", "endef # =",
    "define ", "PYPROBE_MYPYC=", "PYPROBE_PYTHON=", "0", "1", "2",
]


def check(text):
    """None, or what is wrong with the reader's answer for text."""
    try:
        env = pyprobe_env.parse(text, "fuzz")
    except pyprobe_env.TagFileError:
        return None
    except Exception:  # noqa: BLE001 - every other exception is a finding
        return traceback.format_exc()
    if not isinstance(env, dict) or "PYPROBE_PYTHON" not in env:
        return "not a dict with PYPROBE_PYTHON: %r" % (env,)
    for name, value in env.items():
        wanted = bool if name in pyprobe_env.BOOLEANS else str
        if not pyprobe_env._NAME.match(name) or type(value) is not wanted:
            return "bad entry %r: %r" % (name, value)
    return None


_VARYING = re.compile(r"'.*'|\".*\"|PYPROBE_\w+|\d+")


def outcome(text):
    """A short name for the path the reader took."""
    try:
        pyprobe_env.parse(text, "fuzz")
        return "accepted"
    except pyprobe_env.TagFileError as error:
        # Line numbers, names and values vary with the input; the
        # reason does not.
        return _VARYING.sub("_", str(error).split(": ", 1)[-1])
    except Exception as error:  # noqa: BLE001
        return "crash " + type(error).__name__


def coverage(corpus):
    """Lines of the reader (parse and _decode) that the corpus runs, and
    how many lines they have."""
    codes = [pyprobe_env.parse, pyprobe_env._decode]
    code_lines = set()
    for function in codes:
        stack = [function.__code__]
        while stack:
            code = stack.pop()
            code_lines.update(line for _, line in dis.findlinestarts(code)
                              if line is not None)
            stack.extend(c for c in code.co_consts if hasattr(c, "co_code"))
    hit = set()
    source = pyprobe_env.__file__

    def tracer(frame, event, arg):
        if frame.f_code.co_filename == source:
            hit.add(frame.f_lineno)
        return tracer

    sys.settrace(tracer)
    try:
        for text in corpus:
            check(text)
    finally:
        sys.settrace(None)
    return len(hit & code_lines), len(code_lines)


def read(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "surrogateescape")


def files(paths):
    for path in paths:
        if os.path.isdir(path):
            for name in sorted(os.listdir(path)):
                if not name.startswith(".") and os.path.isfile(os.path.join(path, name)):
                    yield os.path.join(path, name)
        else:
            yield path


def mutate(text, corpus, rng):
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(7)
        at = rng.randint(0, len(text))
        if choice == 0 and text:                       # change a character
            at = min(at, len(text) - 1)
            text = text[:at] + chr(rng.randrange(0x80)) + text[at + 1:]
        elif choice == 1:                              # insert a token
            text = text[:at] + rng.choice(TOKENS) + text[at:]
        elif choice == 2:                              # delete a range
            text = text[:at] + text[at + rng.randint(1, 16):]
        elif choice == 3:                              # repeat a range
            piece = text[at:at + rng.randint(1, 32)]
            text = text[:at] + piece * rng.randint(1, 8) + text[at:]
        elif choice == 4:                              # splice another input
            other = rng.choice(corpus)
            cut = rng.randint(0, len(other))
            text = text[:at] + other[cut:cut + rng.randint(1, 200)] + text[at:]
        elif choice == 5:                              # swap two lines
            lines = text.split("\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        else:                                          # drop a line
            lines = text.split("\n")
            del lines[rng.randrange(len(lines))]
            text = "\n".join(lines)
    return text


def fuzz(argv):
    seconds, runs = None, None
    while argv and argv[0].startswith("--"):
        option, value = argv[0], argv[1]
        argv = argv[2:]
        if option == "--seconds":
            seconds = float(value)
        elif option == "--runs":
            runs = int(value)
        else:
            raise SystemExit("pyprobe_env_fuzz: unknown option %s" % option)
    if seconds is None and runs is None:
        seconds = 60.0          # neither given: a minute
    corpus_dir = argv[0]
    new_dir = argv[1] if len(argv) > 1 else corpus_dir
    os.makedirs(new_dir, exist_ok=True)
    corpus = [read(p) for p in files([corpus_dir])]
    if not corpus:
        raise SystemExit("pyprobe_env_fuzz: %s is empty" % corpus_dir)
    seen = {outcome(t) for t in corpus}
    rng = random.Random(os.getpid() ^ int(time.time()))
    start, done, crashes, slowest = time.monotonic(), 0, 0, 0.0
    while ((seconds is None or time.monotonic() - start < seconds) and
           (runs is None or done < runs)):
        text = mutate(rng.choice(corpus), corpus, rng)
        began = time.monotonic()
        problem = check(text)
        slowest = max(slowest, time.monotonic() - began)
        done += 1
        if problem:
            crashes += 1
            name = os.path.join(new_dir, "crash-%d" % done)
            with open(name, "wb") as f:
                f.write(text.encode("utf-8", "surrogateescape"))
            print("finding in %s:\n%s" % (name, problem), file=sys.stderr)
            continue
        kind = outcome(text)
        if kind not in seen:
            seen.add(kind)
            corpus.append(text)
            with open(os.path.join(new_dir, "new-%d" % done), "wb") as f:
                f.write(text.encode("utf-8", "surrogateescape"))
    elapsed = time.monotonic() - start
    covered, lines = coverage(corpus)
    print("pyprobe_env: %d runs in %.0f s (%.0f/s), %d outcomes, corpus %d, "
          "lines %d of %d, slowest %.3f s, %d findings"
          % (done, elapsed, done / elapsed, len(seen), len(corpus), covered,
             lines, slowest, crashes))
    return 1 if crashes else 0


def replay(paths):
    count, bad = 0, 0
    for path in files(paths):
        count += 1
        problem = check(read(path))
        if problem:
            bad += 1
            print("%s: %s" % (path, problem), file=sys.stderr)
    print("pyprobe_env_fuzz: %d inputs replayed, %d findings" % (count, bad))
    return 1 if bad else 0


def main(argv):
    if len(argv) >= 2 and argv[0] == "replay":
        return replay(argv[1:])
    if len(argv) >= 2 and argv[0] == "fuzz":
        return fuzz(argv[1:])
    print(__doc__.strip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
