#!/usr/bin/env python3
"""Generate tests/data/wheel-names.txt: wheel filenames with their rank
on each recorded interpreter, as the reference check-wheel computes it.

    PYTHONPATH=/work/shared/oracle python3 tests/tools/gen-wheel-names.py \
        > tests/data/wheel-names.txt

check-wheel (in the reference directory) parses
os.path.basename(name) with packaging.utils.parse_wheel_filename and
ranks the wheel as the smallest index in sys_tags() of any of its tags:
"-" when none is there, "!" when the name is invalid. Here sys_tags() is
the list recorded in each fact sheet of tests/fixtures/interpreters.

Line format: one rank per interpreter (in the order of the
"# interpreters:" line), then the filename in brackets, escaped: every
byte outside 0x21..0x7e, and the backslash, is written as \\xHH.
"""

import json
import os
import sys

from packaging import utils

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(TOP, "tests", "fixtures", "interpreters")

INTERPRETERS = [
    "cpython-3.8-pyenv", "cpython-3.10-pyenv", "cpython-3.11-debian",
    "cpython-3.11d-debian", "cpython-3.12-pyenv", "cpython-3.13-pyenv",
    "cpython-3.13t", "cpython-3.14", "cpython-3.14t", "cpython-3.15",
    "cpython-3.15t", "pypy-3.9-debian",
]

ML = "manylinux_2_17_x86_64.manylinux2014_x86_64"

NAMES = [
    # pure Python
    "foo-1.0-py3-none-any.whl",
    "foo-1.0-py2.py3-none-any.whl",
    "foo-1.0-py2-none-any.whl",
    "foo-1.0-py311-none-any.whl",
    "foo-1.0-py31-none-any.whl",
    "foo-1.0-py3-none-linux_x86_64.whl",
    "foo-1.0-py3-none-manylinux_2_36_x86_64.whl",
    "foo-1.0-py3-none-manylinux_2_37_x86_64.whl",
    "foo-1.0-cp311-none-any.whl",
    "foo-1.0-cp313-none-any.whl",
    "foo-1.0-pp3-none-any.whl",
    "foo-1.0-pp39-none-any.whl",
    "FOO-1.0-PY3-NONE-ANY.whl",
    "foo-1.0-Py3-None-Any.whl",
    # version-specific CPython ABIs: the substring traps
    "foo-1.0-cp311-cp311-%s.whl" % ML,
    "foo-1.0-cp311-cp311d-linux_x86_64.whl",
    "foo-1.0-cp313-cp313-%s.whl" % ML,
    "foo-1.0-cp313-cp313t-%s.whl" % ML,
    "foo-1.0-cp314-cp314-manylinux_2_28_x86_64.whl",
    "foo-1.0-cp314-cp314t-manylinux_2_28_x86_64.whl",
    "foo-1.0-cp315-cp315-manylinux_2_28_x86_64.whl",
    "foo-1.0-cp315-cp315t-manylinux_2_28_x86_64.whl",
    "foo-1.0-cp314t-cp314t-manylinux_2_28_x86_64.whl",
    "foo-1.0-cp38-cp38-manylinux1_x86_64.whl",
    "foo-1.0-cp38-cp38-manylinux_2_5_x86_64.manylinux1_x86_64.whl",
    "foo-1.0-cp310-cp310-manylinux_2_12_x86_64.manylinux2010_x86_64.whl",
    "foo-1.0-cp39-cp39-linux_x86_64.whl",
    "foo-1.0-cp311.cp312.cp313.cp314-cp311.cp312.cp313.cp314-linux_x86_64.whl",
    "foo-1.0-CP311-CP311-MANYLINUX_2_17_X86_64.whl",
    # stable ABI: abi3 and abi3t
    "foo-1.0-cp311-abi3-manylinux_2_17_x86_64.whl",
    "foo-1.0-cp38-abi3-manylinux_2_5_x86_64.manylinux1_x86_64.whl",
    "foo-1.0-cp32-abi3-linux_x86_64.whl",
    "foo-1.0-cp310-abi3-linux_x86_64.whl",
    "foo-1.0-cp310-abi3t-linux_x86_64.whl",
    "foo-1.0-cp32-abi3t-linux_x86_64.whl",
    "foo-1.0-cp313-abi3t-manylinux_2_17_x86_64.whl",
    "foo-1.0-cp315-abi3.abi3t-manylinux_2_28_x86_64.manylinux_2_34_x86_64.whl",
    "foo-1.0-cp315-abi3t-manylinux_2_28_x86_64.whl",
    "foo-1.0-cp315-abi3-manylinux_2_28_x86_64.whl",
    "foo-1.0-cp315t-abi3t-manylinux_2_28_x86_64.whl",
    "foo-1.0-cp316-abi3.abi3t-manylinux_2_28_x86_64.whl",
    "foo-1.0-cp39-abi3-none.whl",
    "foo-1.0-cp36.cp37.cp38.cp39.cp310-abi3.none-any.whl",
    "foo-1.0-cp311-abi3.ABI3T-LINUX_X86_64.whl",
    # every platform family
    "foo-1.0-cp311-cp311-musllinux_1_2_x86_64.whl",
    "foo-1.0-cp311-cp311-win_amd64.whl",
    "foo-1.0-cp311-cp311-win32.whl",
    "foo-1.0-cp311-cp311-win_arm64.whl",
    "foo-1.0-cp311-cp311-macosx_11_0_arm64.whl",
    "foo-1.0-cp311-cp311-macosx_10_9_universal2.whl",
    "foo-1.0-cp311-cp311-macosx_10_9_x86_64.macosx_11_0_arm64.whl",
    "foo-1.0-cp311-cp311-linux_i686.whl",
    "foo-1.0-cp311-cp311-manylinux_2_17_i686.manylinux2014_i686.whl",
    "foo-1.0-cp311-cp311-manylinux_2_17_aarch64.manylinux2014_aarch64.whl",
    "foo-1.0-cp311-cp311-manylinux_2_17_ppc64le.whl",
    "foo-1.0-cp311-cp311-manylinux_2_17_s390x.whl",
    "foo-1.0-cp311-cp311-linux_armv7l.whl",
    "foo-1.0-cp311-cp311-ios_13_0_arm64_iphoneos.whl",
    "foo-1.0-cp313-cp313-android_24_arm64_v8a.whl",
    "foo-1.0-cp312-cp312-pyemscripten_2024_0_wasm32.whl",
    "foo-1.0-cp311-cp311-freebsd_14_0_release_amd64.whl",
    "foo-1.0-py3-none-manylinux_2_17_x86_64.musllinux_1_1_x86_64.whl",
    # other implementations
    "foo-1.0-pp39-pypy39_pp73-%s.whl" % ML,
    "foo-1.0-pp39-pypy39_pp73-win_amd64.whl",
    "foo-1.0-pp310-pypy310_pp73-%s.whl" % ML,
    "foo-1.0-pp39-none-linux_x86_64.whl",
    "foo-1.0-graalpy311-graalpy242_311_native-manylinux_2_28_x86_64.whl",
    # build tags
    "foo-1.0-1-py3-none-any.whl",
    "foo-1.0-0-py3-none-any.whl",
    "foo-1.0-1abc-py3-none-any.whl",
    "foo-1.0-123_x.y-cp311-cp311-linux_x86_64.whl",
    "foo-1.0-abc-py3-none-any.whl",
    "foo-1.0-_1-py3-none-any.whl",
    "foo-1.0-\u0661-py3-none-any.whl",
    # PEP 440
    "foo-1.0a1-py3-none-any.whl",
    "foo-1.0.post1-py3-none-any.whl",
    "foo-1.0.dev0-py3-none-any.whl",
    "foo-1!2.0-py3-none-any.whl",
    "foo-2.0+cpu.1-py3-none-any.whl",
    "foo-2.0+cpu_1-py3-none-any.whl",
    "foo-v1.0-py3-none-any.whl",
    "foo-V1.0RC1-py3-none-any.whl",
    "foo-1.0_post1-py3-none-any.whl",
    "foo-1.0.0.dev0+abc.DEF-py3-none-any.whl",
    "foo-2024.10.1-py3-none-any.whl",
    "foo-1.0.x-py3-none-any.whl",
    "foo-1..0-py3-none-any.whl",
    "foo-1.0+-py3-none-any.whl",
    "foo-1.0_1-py3-none-any.whl",
    "foo-latest-py3-none-any.whl",
    "foo--py3-none-any.whl",
    "foo- 1.0-py3-none-any.whl",
    "foo-1.0\t-py3-none-any.whl",
    "foo-\u00a01.0-py3-none-any.whl",
    "foo-1.0\u200b-py3-none-any.whl",
    # project names
    "Foo_Bar-1.0-py3-none-any.whl",
    "foo.bar-1.0-py3-none-any.whl",
    "foo__bar-1.0-py3-none-any.whl",
    "foo_-1.0-py3-none-any.whl",
    "-1.0-py3-none-any.whl",
    "f\u00f3o-1.0-py3-none-any.whl",
    "foo bar-1.0-py3-none-any.whl",
    "foo+bar-1.0-py3-none-any.whl",
    "foo\n-1.0-py3-none-any.whl",
    "foo\n\n-1.0-py3-none-any.whl",
    # extension and shape
    "foo-1.0-py3-none-any.WHL",
    "foo-1.0-py3-none-any.zip",
    "foo-1.0-py3-none-any.whl.metadata",
    "foo-1.0-py3-none-any",
    ".whl",
    "foo-1.0-none-any.whl",
    "foo-1.0-1-2-py3-none-any.whl",
    "foo-1.0-py3-none-any.whl.whl",
    "foo-1.0-py3-none-any..whl",
    "foo-1.0-py3.-none-any.whl",
    "foo-1.0-py3-none-.whl",
    "foo-1.0-py3.py3.PY3-none.NONE-any.whl",
    # refused since packaging 26.3: an empty member of a compressed tag
    # set, a Python tag that is not an identifier
    "foo-1.0-cp311..cp312-none-any.whl",
    "foo-1.0-.py3-none-any.whl",
    "foo-1.0-py3-none..abi3-any.whl",
    "foo-1.0-py3-none-any..linux_x86_64.whl",
    "foo-1.0-cp311-cp311-.linux_x86_64.whl",
    "foo-1.0-3x-none-any.whl",
    "foo-1.0-py3.7-none-any.whl",
    "foo-1.0-py2.py3.3-none-any.whl",
    "foo-1.0-3-none-any.whl",
    "foo-1.0-_py3-none-any.whl",
    "foo-1.0-py_3-none-any.whl",
    "foo-1.0-py3$-none-any.whl",
    "foo-1.0-p\u00fd3-none-any.whl",
    "foo-1.0-py3\n-none-any.whl",
    "foo-1.0-py3-3none-any.whl",
    "foo-1.0-py3-none-3any.whl",
    # paths: only the last component counts
    "dist/foo-1.0-py3-none-any.whl",
    "/tmp/build-1-2-3/foo-1.0-cp311-cp311-linux_x86_64.whl",
    "dist/foo-1.0-py3-none-any.whl/",
    "dist-1.0-py3-none-any/foo.whl",
]


def escape(text):
    out = []
    for byte in text.encode("utf-8"):
        if 0x21 <= byte <= 0x7E and byte != 0x5C:
            out.append(chr(byte))
        else:
            out.append("\\x%02x" % byte)
    return "".join(out)


def rank(name, ranks):
    """check-wheel's answer for one wheel on one interpreter."""
    try:
        _, _, _, wheel_tags = utils.parse_wheel_filename(
            os.path.basename(name))
    except utils.InvalidWheelFilename:
        return "!"
    best = min((ranks[t] for t in wheel_tags if t in ranks), default=None)
    return "-" if best is None else str(best)


def main():
    from packaging.tags import Tag

    tables = []
    for interpreter in INTERPRETERS:
        with open(os.path.join(FIXTURES, interpreter + ".json")) as f:
            recorded = json.load(f)["packaging.tags.sys_tags"]
        ranks = {}
        for i, text in enumerate(recorded):
            ranks.setdefault(Tag(*text.split("-")), i)
        tables.append(ranks)
    assert len(set(NAMES)) == len(NAMES), "duplicate names"
    print("# generated by tests/tools/gen-wheel-names.py from packaging "
          "26.3; do not edit")
    print("# format: RANK... [ESCAPED-FILENAME] (see the script)")
    print("# interpreters: " + " ".join(INTERPRETERS))
    for name in NAMES:
        row = [rank(name, ranks) for ranks in tables]
        print(" ".join(row) + " [" + escape(name) + "]")
    print("%d names x %d interpreters" % (len(NAMES), len(INTERPRETERS)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
