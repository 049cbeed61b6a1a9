#!/usr/bin/env python3
"""Write the fuzz harnesses' seed corpora from the project's test data.

    python3 tests/tools/gen-fuzz-seeds.py PYPROBE OUTDIR

PYPROBE is a built pyprobe (for the facts files and tag files of the
interpreters found here); OUTDIR gets one directory per harness
(answer, build_details, ...), each holding seed-NAME files. The
committed corpora in tests/fuzz/corpus are these seeds plus what
libFuzzer found and kept (make fuzz, then -merge), so regenerate seeds
into a fresh directory and merge, rather than over the corpus.
"""

import glob
import gzip
import json
import os
import re
import subprocess
import sys
import tarfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHEETS = sorted(glob.glob(os.path.join(TOP, "tests/fixtures/*/*.json")))
REPRODUCERS = os.path.join(TOP, "tests/data/reproducers")
# Kept in step with the separators in the harnesses.
PATCHLEVEL_SEPARATOR = b"\n#### patchlevel.h\n"
WHEELS_SEPARATOR = b"\n#### wheels\n"


def interpreters():
    """The live interpreters of this machine that pyprobe can probe."""
    found = ["/usr/bin/python3.11", "/usr/bin/python3.11d", "/usr/bin/pypy3"]
    found += sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.*/bin/python3")))
    return [p for p in found if os.access(p, os.X_OK)]


class Corpus:
    def __init__(self, root):
        self.root = root

    def add(self, harness, name, data):
        directory = os.path.join(self.root, harness)
        os.makedirs(directory, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        name = re.sub(r"[^A-Za-z0-9._-]", "_", name)
        with open(os.path.join(directory, "seed-" + name), "wb") as f:
            f.write(data)


def unescape(text):
    return re.sub(r"\\x([0-9a-f]{2})", lambda m: chr(int(m.group(1), 16)),
                  text).encode("latin-1")


def bracketed_lines(path):
    """The [ESCAPED] field of each line of a generated case table."""
    with open(path, encoding="ascii") as f:
        for line in f:
            m = re.search(r"\[(.*)\]$", line.rstrip("\n"))
            if m and not line.startswith("#"):
                yield unescape(m.group(1))


def answers(corpus, pythons):
    with open(os.path.join(TOP, "data/probe.py"), encoding="utf-8") as f:
        script = f.read()
    for python in pythons:
        out = subprocess.run([python, "-I", "-S", "-c", script, "auto"],
                             stdout=subprocess.PIPE, check=True).stdout
        corpus.add("answer", python.replace("/", "_"), out)


def facts_and_tags(corpus, pyprobe, pythons):
    for python in pythons:
        name = python.replace("/", "_")
        facts = subprocess.run([pyprobe, "--python", python, "--json"],
                               stdout=subprocess.PIPE, check=True).stdout
        corpus.add("facts_json", name, facts)
        tags = subprocess.run([pyprobe, "--python", python, "--tags", "-"],
                              stdout=subprocess.PIPE, check=True).stdout
        corpus.add("pyprobe_env", name, tags)
    corpus.add("facts_json", "reproducer-facts-bad-limited-api",
               open(os.path.join(REPRODUCERS, "facts-bad-limited-api.json"), "rb").read())


def build_details(corpus):
    for sheet in SHEETS:
        with open(sheet, encoding="utf-8") as f:
            details = json.load(f).get("build-details.json")
        if details:
            corpus.add("build_details", os.path.basename(sheet),
                       json.dumps(details, indent=1))
    for path in glob.glob(os.path.join(REPRODUCERS, "build-details-*")):
        corpus.add("build_details", "reproducer-" + os.path.basename(path),
                   open(path, "rb").read())


def sysconfigdata(corpus):
    roots = os.path.join(TOP, "tests/data/sysroots")
    for root in sorted(os.listdir(roots)):
        modules, levels = [], []
        for here, _, files in os.walk(os.path.join(roots, root)):
            modules += [os.path.join(here, f) for f in files
                        if f.startswith("_sysconfigdata") and f.endswith(".py")]
            levels += [os.path.join(here, f) for f in files if f == "patchlevel.h"]
        for path in sorted(modules):
            data = open(path, "rb").read()
            if levels:
                data += PATCHLEVEL_SEPARATOR + open(levels[0], "rb").read()
            corpus.add("sysconfigdata", root + "-" + os.path.basename(path), data)
    with tarfile.open(os.path.join(REPRODUCERS, "sysroot-patchlevel-minor-40000.tar.gz")) as tar:
        members = {m.name: m for m in tar.getmembers() if m.isfile()}
        module = next(n for n in members if "_sysconfigdata" in n)
        level = next(n for n in members if n.endswith("patchlevel.h"))
        corpus.add("sysconfigdata", "reproducer-patchlevel-minor-40000",
                   tar.extractfile(members[module]).read() + PATCHLEVEL_SEPARATOR +
                   tar.extractfile(members[level]).read())


def cache_entries(corpus, pyprobe, python, scratch):
    """A real entry, with the parts only this machine knows replaced by
    the harness's placeholders (see fuzz_cache_entry.c)."""
    env = dict(os.environ, PYPROBE_CACHE_DIR=scratch)
    env.pop("PYPROBE_NO_CACHE", None)
    subprocess.run([pyprobe, "--python", python, "--json"], env=env,
                   stdout=subprocess.DEVNULL, check=True)
    for path in glob.glob(os.path.join(scratch, "*.json")):
        entry = json.load(open(path, encoding="utf-8"))
        entry["key"] = "@KEY@"
        entry["interpreter"] = {"real": "@REAL@", "id": "@ID@"}
        corpus.add("cache_entry", "with-files", json.dumps(entry))
        entry["files"] = []
        corpus.add("cache_entry", "no-files", json.dumps(entry))
        del entry["probe"]
        corpus.add("cache_entry", "reproducer-without-probe", json.dumps(entry))


def small_tables(corpus):
    for i, text in enumerate(bracketed_lines(os.path.join(TOP, "tests/data/pep440-versions.txt"))):
        if i % 10 == 0:   # a sample: the rest are near neighbours
            corpus.add("pep440", "%04d" % i, text)
    names = list(bracketed_lines(os.path.join(TOP, "tests/data/wheel-names.txt")))
    for i, text in enumerate(names):
        corpus.add("wheel_name", "%03d" % i, text)
    corpus.add("release_manifest", "issue",
               b"cp314 manylinux_2_28_aarch64\ncp314t manylinux_2_28_aarch64\n"
               b"cp315-abi3.abi3t manylinux_2_28_x86_64  # comment\n" +
               WHEELS_SEPARATOR +
               b"foo-1.0-cp314-cp314-manylinux_2_28_aarch64.whl\n"
               b"foo-1.0-cp314-cp314t-manylinux_2_28_aarch64.whl\n"
               b"foo-1.0-cp315-abi3.abi3t-manylinux_2_28_x86_64.whl\n"
               b"README.md\nfoo-1.0-cp314-abi3-manylinux_2_28_aarch64.whl\n")
    corpus.add("release_manifest", "wheel-names",
               b"cp311 manylinux_2_17_x86_64\ncp38-abi3 win_amd64\n" +
               WHEELS_SEPARATOR + b"\n".join(names[:40]))


def main():
    pyprobe, out = sys.argv[1], sys.argv[2]
    corpus = Corpus(out)
    pythons = interpreters()
    answers(corpus, pythons)
    facts_and_tags(corpus, pyprobe, pythons)
    build_details(corpus)
    sysconfigdata(corpus)
    scratch = os.path.join(out, ".cache-scratch")
    os.makedirs(scratch, exist_ok=True)
    cache_entries(corpus, pyprobe, "/usr/bin/python3.11", scratch)
    subprocess.run(["rm", "-rf", scratch], check=True)
    small_tables(corpus)


if __name__ == "__main__":
    main()
