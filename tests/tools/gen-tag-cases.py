#!/usr/bin/env python3
"""Generate tests/data/tags/*.txt: inputs for pp_sys_tags() and the tag
list the reference (packaging 26.3) gives for them.

    PYTHONPATH=/work/shared/oracle python3 tests/tools/gen-tag-cases.py \
        [FIXTURE-DIR]

The reference runs packaging.tags.sys_tags() itself, with everything it
reads from the running interpreter and machine replaced by the case's
values: sys (version_info, implementation, maxunicode, gettotalrefcount),
sysconfig (config vars, get_platform), platform (system, mac_ver),
EXTENSION_SUFFIXES, the 32-bit flag, the glibc and musl versions and the
ELF header of sys.executable. Before writing anything the script checks
this harness: fed the values recorded in each fact sheet of FIXTURE-DIR
(default tests/fixtures/interpreters) it must reproduce the tag list
recorded in that sheet.

Each data file holds "key=value" lines (a value "@none" is None / unset,
-1 for numbers), a line "--", then the expected tags one per line. A case
with "expect=unsupported" has no tags: pp_sys_tags() must refuse it; one
with "expect=error" has none either: the reference raises an exception
for its inputs, and pp_sys_tags() must fail.
cases.list names every case, in order.
"""

import contextlib
import functools
import glob
import json
import os
import sys
import types

from packaging import _manylinux, _musllinux, tags

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
OUT_DIR = os.path.join(TOP, "tests", "data", "tags")

ORIGINAL = {
    "sys": tags.sys,
    "sysconfig": tags.sysconfig,
    "platform": tags.platform,
    "subprocess": tags.subprocess,
    "EXTENSION_SUFFIXES": tags.EXTENSION_SUFFIXES,
    "_linux_platforms": tags._linux_platforms,
    "_mac_arch": tags._mac_arch,
    "_get_glibc_version": _manylinux._get_glibc_version,
    "_parse_elf": _manylinux._parse_elf,
    "_get_musl_version": _musllinux._get_musl_version,
}


class Case:
    """Everything sys_tags() reads, as pp_tag_inputs holds it."""

    def __init__(self, name, description, *, implementation="cpython",
                 version=(3, 12), config=None, extension_suffixes=None,
                 has_gettotalrefcount=False, maxunicode=0x10FFFF,
                 system="Linux", sysconfig_platform="linux-x86_64",
                 is_32bit=False, glibc=(2, 36), musl=None,
                 elf=(2, 1, 62, 0), mac=None, mac_machine=None,
                 mac_compat_release=None, expect="ok"):
        self.name = name
        self.description = description
        self.implementation = implementation
        self.version = tuple(version)
        major, minor = self.version
        self.config = {"py_version_nodot": "%d%d" % (major, minor),
                       "Py_DEBUG": 0, "WITH_PYMALLOC": 1}
        self.config.update(config or {})
        self.extension_suffixes = list(extension_suffixes or [])
        self.has_gettotalrefcount = has_gettotalrefcount
        self.maxunicode = maxunicode
        self.system = system
        self.sysconfig_platform = sysconfig_platform
        self.is_32bit = is_32bit
        self.glibc = glibc
        self.musl = musl
        self.elf = elf
        self.mac = mac                    # platform.mac_ver()[0]: "14.2"
        self.mac_machine = mac_machine    # platform.mac_ver()[2]
        # What a second platform.mac_ver() with SYSTEM_VERSION_COMPAT=0
        # says (packaging asks when the first answer is 10.16).
        self.mac_compat_release = mac_compat_release
        self.expect = expect


def fake_sys(case):
    fake = types.SimpleNamespace(
        version_info=case.version + (0, "final", 0),
        implementation=types.SimpleNamespace(name=case.implementation),
        maxunicode=case.maxunicode,
        executable="/nonexistent/python",
    )
    if case.has_gettotalrefcount:
        fake.gettotalrefcount = lambda: 0
    return fake


class FakeElf:
    def __init__(self, elf):
        self.capacity, self.encoding, self.machine, self.flags = elf


@contextlib.contextmanager
def patched(case):
    """Make packaging see the case instead of this machine."""
    config = dict(case.config)

    def mac_ver():
        return (case.mac or "", ("", "", ""), case.mac_machine or "")

    def run(args, **kwargs):
        assert case.mac_compat_release is not None, case.name
        return types.SimpleNamespace(stdout=case.mac_compat_release + "\n")

    @contextlib.contextmanager
    def parse_elf(path):
        yield FakeElf(case.elf) if case.elf else None

    tags.sys = fake_sys(case)
    tags.sysconfig = types.SimpleNamespace(
        get_config_var=config.get,
        get_platform=lambda: case.sysconfig_platform)
    tags.platform = types.SimpleNamespace(system=lambda: case.system,
                                          mac_ver=mac_ver)
    tags.subprocess = types.SimpleNamespace(run=run, PIPE=-1)
    tags.EXTENSION_SUFFIXES = case.extension_suffixes
    tags._linux_platforms = functools.partial(
        ORIGINAL["_linux_platforms"], is_32bit=case.is_32bit)
    tags._mac_arch = functools.partial(ORIGINAL["_mac_arch"],
                                       is_32bit=case.is_32bit)
    glibc = case.glibc or (-1, -1)
    _manylinux._get_glibc_version = lambda: _manylinux._GLibCVersion(*glibc)
    _manylinux._parse_elf = parse_elf
    musl = _musllinux._MuslVersion(*case.musl) if case.musl else None
    _musllinux._get_musl_version = lambda executable: musl
    try:
        yield
    finally:
        for key in ("sys", "sysconfig", "platform", "subprocess",
                    "EXTENSION_SUFFIXES", "_linux_platforms", "_mac_arch"):
            setattr(tags, key, ORIGINAL[key])
        for key in ("_get_glibc_version", "_parse_elf"):
            setattr(_manylinux, key, ORIGINAL[key])
        _musllinux._get_musl_version = ORIGINAL["_get_musl_version"]


def reference_tags(case):
    with patched(case):
        return [str(tag) for tag in tags.sys_tags()]


# ---- the harness must reproduce the recorded fact sheets -----------------

def truth(value):
    return -1 if value is None else int(bool(value))


def case_from_sheet(path):
    sheet = json.load(open(path))
    config = sheet["sysconfig.get_config_vars"]
    libc = sheet["os.confstr(CS_GNU_LIBC_VERSION)"]
    glibc = None
    if libc and libc.startswith("glibc "):
        glibc = tuple(int(x) for x in libc.split()[1].split(".")[:2])
    keep = ("py_version_nodot", "Py_DEBUG", "Py_GIL_DISABLED", "WITH_PYMALLOC",
            "Py_UNICODE_SIZE", "EXT_SUFFIX")
    return Case(
        os.path.basename(path), "fact sheet",
        implementation=sheet["sys"]["implementation.name"],
        version=sheet["sys"]["version_info"][:2],
        config={k: config.get(k) for k in keep},
        extension_suffixes=sheet["EXTENSION_SUFFIXES"],
        has_gettotalrefcount="d" in sheet["sys"]["abiflags"],
        system=sheet["platform"]["system"],
        sysconfig_platform=sheet["sysconfig.get_platform"],
        is_32bit=sheet["struct.calcsize(P)"] == 4,
        glibc=glibc), sheet["packaging.tags.sys_tags"]


def check_harness(fixture_dir):
    sheets = sorted(glob.glob(os.path.join(fixture_dir, "*.json")))
    if not sheets:
        sys.exit("no fact sheets in %s" % fixture_dir)
    for path in sheets:
        case, recorded = case_from_sheet(path)
        got = reference_tags(case)
        if got != recorded:
            sys.exit("harness does not reproduce %s" % path)
    print("harness reproduces %d fact sheets" % len(sheets), file=sys.stderr)


# ---- the cases ------------------------------------------------------------

def linux(version=(3, 12), abiflags="", **kw):
    major, minor = version
    soabi = "cpython-%d%d%s-x86_64-linux-gnu" % (major, minor, abiflags)
    config = {"EXT_SUFFIX": "." + soabi + ".so",
              "Py_GIL_DISABLED": 1 if "t" in abiflags else 0,
              "Py_DEBUG": 1 if "d" in abiflags else 0}
    config.update(kw.pop("config", {}))
    kw.setdefault("extension_suffixes",
                  [config["EXT_SUFFIX"], ".abi3.so", ".so"])
    return dict(version=version, config=config, **kw)


def mac(release, machine, version=(3, 12), **kw):
    major, minor = version
    config = {"EXT_SUFFIX": ".cpython-%d%d-darwin.so" % (major, minor),
              "Py_GIL_DISABLED": 0}
    config.update(kw.pop("config", {}))
    return dict(version=version, config=config, system="Darwin",
                sysconfig_platform="macosx-10.13-universal2", mac=release,
                mac_machine=machine, glibc=None, elf=None, **kw)


def windows(platform_, version, abiflags="", **kw):
    major, minor = version
    plat = {"win-amd64": "win_amd64", "win32": "win32",
            "win-arm64": "win_arm64"}[platform_]
    suffix = ".cp%d%d%s-%s.pyd" % (major, minor, abiflags, plat)
    config = {"EXT_SUFFIX": suffix, "Py_DEBUG": None,
              "Py_GIL_DISABLED": 1 if "t" in abiflags else 0,
              "WITH_PYMALLOC": None}
    config.update(kw.pop("config", {}))
    kw.setdefault("extension_suffixes", [suffix, ".pyd"])
    return dict(version=version, config=config, system="Windows",
                sysconfig_platform=platform_, glibc=None, elf=None,
                is_32bit=platform_ == "win32", **kw)


ARMHF = (1, 1, 40, 0x05000400)      # 32-bit LSB ARM, EABI5, hard float
ARMEL = (1, 1, 40, 0x05000200)      # soft float
I386 = (1, 1, 3, 0)
X8664 = (2, 1, 62, 0)
AARCH64 = (2, 1, 183, 0)


def cases():
    c = []

    def add(name, description, **kw):
        c.append(Case(name, description, **kw))

    # macOS
    add("macos-10.9-x86_64", "macOS 10.9 on x86_64, CPython 3.8",
        **mac("10.9.5", "x86_64", version=(3, 8)))
    add("macos-10.15-x86_64", "macOS 10.15 on x86_64",
        **mac("10.15.7", "x86_64"))
    add("macos-11-arm64", "macOS 11.0 on Apple silicon",
        **mac("11.0", "arm64"))
    add("macos-14-x86_64", "macOS 14 on x86_64", **mac("14.2.1", "x86_64"))
    add("macos-14-arm64", "macOS 14 on arm64, CPython 3.13t",
        **mac("14.4", "arm64", version=(3, 13),
              config={"Py_GIL_DISABLED": 1,
                      "EXT_SUFFIX": ".cpython-313t-darwin.so"}))
    add("macos-15-arm64-3.15", "macOS 15 on arm64, CPython 3.15",
        **mac("15.1", "arm64", version=(3, 15)))
    add("macos-10.16-reported", "an old-SDK Python says 10.16 and so does "
        "the SYSTEM_VERSION_COMPAT=0 re-query",
        **mac("10.16", "x86_64", mac_compat_release="10.16"))
    add("macos-10.16-resolved", "what the prober records for an old-SDK "
        "Python on macOS 12.6 (packaging re-queries 10.16)",
        **mac("12.6", "x86_64"))
    add("macos-15-one-part", "platform.mac_ver() says just '15'",
        **mac("15", "arm64"))
    add("macos-10.5-i386-32bit", "a 32-bit Python on Intel macOS 10.5",
        **mac("10.5.8", "i386", is_32bit=True, version=(3, 6),
              config={"EXT_SUFFIX": ".cpython-36m-darwin.so"}))
    add("macos-10.6-x86_64-32bit", "a 32-bit Python on x86_64 macOS 10.6",
        **mac("10.6.8", "x86_64", is_32bit=True, version=(3, 6),
              config={"EXT_SUFFIX": ".cpython-36m-darwin.so"}))
    add("macos-10.5-ppc", "a 32-bit Python on PowerPC macOS 10.5",
        **mac("10.5.8", "ppc", is_32bit=True, version=(3, 6),
              config={"EXT_SUFFIX": ".cpython-36m-darwin.so"}))
    add("macos-10.5-ppc64", "a 64-bit Python on PowerPC macOS 10.5",
        **mac("10.5.8", "ppc64", version=(3, 6),
              config={"EXT_SUFFIX": ".cpython-36m-darwin.so"}))

    # Windows
    for plat in ("win-amd64", "win32", "win-arm64"):
        add("windows-%s-3.11" % plat, "CPython 3.11 on %s" % plat,
            **windows(plat, (3, 11)))
        add("windows-%s-3.13t" % plat, "CPython 3.13t on %s" % plat,
            **windows(plat, (3, 13), "t"))
        add("windows-%s-3.15" % plat, "CPython 3.15 on %s" % plat,
            **windows(plat, (3, 15)))
    add("windows-win-amd64-3.15t", "CPython 3.15t on win-amd64",
        **windows("win-amd64", (3, 15), "t"))
    add("windows-win-amd64-3.12-debug", "a debug CPython 3.12 on Windows: "
        "Py_DEBUG is unset, '_d.pyd' is in EXTENSION_SUFFIXES",
        **windows("win-amd64", (3, 12), "d",
                  extension_suffixes=["_d.cp312d-win_amd64.pyd", "_d.pyd"]))
    add("windows-win32-3.7-pyd", "CPython 3.7 on win32 (EXT_SUFFIX '.pyd')",
        **windows("win32", (3, 7), config={"EXT_SUFFIX": ".pyd",
                                           "WITH_PYMALLOC": None}))
    add("windows-win-amd64-3.14-refcount", "Py_DEBUG unset but "
        "sys.gettotalrefcount present",
        **windows("win-amd64", (3, 14), has_gettotalrefcount=True))

    # Linux: musl
    add("linux-musl-1.2-x86_64", "Alpine: musl 1.2 on x86_64",
        **linux(glibc=None, musl=(1, 2)))
    add("linux-musl-1.2-aarch64", "Alpine: musl 1.2 on aarch64, 3.13t",
        **linux(version=(3, 13), abiflags="t", glibc=None, musl=(1, 2),
                sysconfig_platform="linux-aarch64", elf=AARCH64))
    add("linux-musl-1.1-armv7l-armel", "musl 1.1 on soft-float armv7l",
        **linux(glibc=None, musl=(1, 1), sysconfig_platform="linux-armv7l",
                is_32bit=True, elf=ARMEL))

    # Linux: glibc on other architectures
    add("linux-glibc-2.17-aarch64", "glibc 2.17 on aarch64",
        **linux(glibc=(2, 17), sysconfig_platform="linux-aarch64",
                elf=AARCH64))
    add("linux-glibc-2.16-aarch64", "glibc 2.16 on aarch64: below the "
        "manylinux floor", **linux(glibc=(2, 16),
                                   sysconfig_platform="linux-aarch64",
                                   elf=AARCH64))
    add("linux-glibc-2.28-aarch64-3.15t", "glibc 2.28 on aarch64, 3.15t",
        **linux(version=(3, 15), abiflags="t", glibc=(2, 28),
                sysconfig_platform="linux-aarch64", elf=AARCH64))
    add("linux-glibc-2.31-ppc64le", "ppc64le", **linux(
        glibc=(2, 31), sysconfig_platform="linux-ppc64le",
        elf=(2, 1, 21, 0)))
    add("linux-glibc-2.34-s390x", "s390x", **linux(
        glibc=(2, 34), sysconfig_platform="linux-s390x",
        elf=(2, 2, 22, 0)))
    add("linux-glibc-2.39-riscv64", "riscv64", **linux(
        glibc=(2, 39), sysconfig_platform="linux-riscv64",
        elf=(2, 1, 243, 0)))
    add("linux-glibc-2.36-loongarch64", "loongarch64", **linux(
        glibc=(2, 36), sysconfig_platform="linux-loongarch64",
        elf=(2, 1, 258, 0)))
    add("linux-glibc-2.36-mips64", "an architecture manylinux does not "
        "define", **linux(glibc=(2, 36), sysconfig_platform="linux-mips64",
                          elf=(2, 2, 8, 0)))
    add("linux-glibc-2.35-ppc64", "big-endian ppc64", **linux(
        glibc=(2, 35), sysconfig_platform="linux-ppc64", elf=(2, 2, 21, 0)))

    # Linux: 32-bit
    add("linux-i686-on-x86_64", "a 32-bit Python on an x86_64 kernel",
        **linux(glibc=(2, 31), is_32bit=True, elf=I386))
    add("linux-i686-native", "sysconfig says linux-i686",
        **linux(glibc=(2, 28), sysconfig_platform="linux-i686",
                is_32bit=True, elf=I386))
    add("linux-i686-elf-mismatch", "i686 but the executable is not a "
        "32-bit i386 ELF", **linux(glibc=(2, 31), is_32bit=True, elf=X8664))
    add("linux-i686-elf-unreadable", "i686 and the ELF header unreadable",
        **linux(glibc=(2, 31), is_32bit=True, elf=None))
    add("linux-armv7l-armhf", "armv7l, hard float",
        **linux(glibc=(2, 36), sysconfig_platform="linux-armv7l",
                is_32bit=True, elf=ARMHF))
    add("linux-armv7l-armel", "armv7l, soft float: no manylinux",
        **linux(glibc=(2, 36), sysconfig_platform="linux-armv7l",
                is_32bit=True, elf=ARMEL))
    add("linux-armv8l-on-aarch64", "a 32-bit Python on an aarch64 kernel",
        **linux(glibc=(2, 36), sysconfig_platform="linux-aarch64",
                is_32bit=True, elf=ARMHF))
    add("linux-armv8l-musl", "armv8l with musl",
        **linux(glibc=None, musl=(1, 2), sysconfig_platform="linux-armv8l",
                is_32bit=True, elf=ARMHF))

    # Linux: glibc ladder ends
    add("linux-glibc-2.5-x86_64", "glibc 2.5: manylinux1 only",
        **linux(glibc=(2, 5)))
    add("linux-glibc-2.12-x86_64", "glibc 2.12", **linux(glibc=(2, 12)))
    add("linux-glibc-2.4-x86_64", "glibc 2.4: too old for manylinux",
        **linux(glibc=(2, 4)))
    add("linux-glibc-3.1-x86_64", "a future glibc 3.1",
        **linux(glibc=(3, 1)))
    add("linux-glibc-unknown", "neither glibc nor musl",
        **linux(glibc=None))
    add("linux-glibc-and-musl", "both versions known", **linux(
        glibc=(2, 17), musl=(1, 2)))

    # CPython ABI flags
    add("linux-3.6m", "CPython 3.6m",
        **linux(version=(3, 6), abiflags="m"))
    add("linux-3.7dm", "CPython 3.7 debug (cp37dm)",
        **linux(version=(3, 7), abiflags="dm", has_gettotalrefcount=True))
    add("linux-3.7-pymalloc-unset", "CPython 3.7, WITH_PYMALLOC unset",
        **linux(version=(3, 7), config={"WITH_PYMALLOC": None}))
    add("linux-3.7-no-pymalloc", "CPython 3.7 without pymalloc",
        **linux(version=(3, 7), config={"WITH_PYMALLOC": 0}))
    add("linux-3.2mu", "CPython 3.2, UCS-4", **linux(
        version=(3, 2), abiflags="mu", config={"Py_UNICODE_SIZE": 4}))
    add("linux-3.2-unicode-unset-narrow", "CPython 3.2, Py_UNICODE_SIZE "
        "unset, narrow build", **linux(
            version=(3, 2), config={"Py_UNICODE_SIZE": None},
            maxunicode=0xFFFF))
    add("linux-3.2-unicode-unset-wide", "CPython 3.2, Py_UNICODE_SIZE "
        "unset, wide build", **linux(
            version=(3, 2), config={"Py_UNICODE_SIZE": None}))
    add("linux-3.1", "CPython 3.1: before abi3", **linux(version=(3, 1)))
    add("linux-3.13d", "CPython 3.13 debug", **linux(
        version=(3, 13), abiflags="d"))
    add("linux-3.14td", "CPython 3.14 free-threaded debug", **linux(
        version=(3, 14), abiflags="td", has_gettotalrefcount=True))
    add("linux-3.15td", "CPython 3.15 free-threaded debug", **linux(
        version=(3, 15), abiflags="td"))
    add("linux-3.12-debug-unset-refcount", "Py_DEBUG unset, "
        "gettotalrefcount present", **linux(
            config={"Py_DEBUG": None}, has_gettotalrefcount=True))
    add("linux-3.12-gil-disabled-ignored", "Py_GIL_DISABLED=1 before 3.13 "
        "does not make a 't'", **linux(config={"Py_GIL_DISABLED": 1}))
    add("linux-3.13-py-version-nodot-unset", "py_version_nodot unset",
        **linux(version=(3, 13), config={"py_version_nodot": None}))
    add("linux-3.13-py-version-nodot-odd", "py_version_nodot differs from "
        "version_info", **linux(version=(3, 13),
                                config={"py_version_nodot": "3_13"}))

    # Other implementations
    add("pypy-3.10-linux", "PyPy 3.10 on Linux", implementation="pypy",
        version=(3, 10), config={
            "EXT_SUFFIX": ".pypy310-pp73-x86_64-linux-gnu.so",
            "WITH_PYMALLOC": None},
        extension_suffixes=[".pypy310-pp73-x86_64-linux-gnu.so"])
    add("pypy-3.10-macos", "PyPy 3.10 on macOS arm64",
        implementation="pypy", **mac("14.0", "arm64", version=(3, 10),
                                     config={"EXT_SUFFIX":
                                             ".pypy310-pp73-darwin.so"}))
    add("pypy-3.11-windows", "PyPy 3.11 on Windows", implementation="pypy",
        **windows("win-amd64", (3, 11), config={
            "EXT_SUFFIX": ".pypy311-pp73-win_amd64.pyd"}))
    add("graalpy-linux", "GraalPy, current EXT_SUFFIX",
        implementation="graalpy", version=(3, 11), config={
            "EXT_SUFFIX": ".graalpy250-311-native-x86_64-linux.so"})
    add("graalpy-macos-old", "GraalPy, EXT_SUFFIX as in packaging's comment",
        implementation="graalpy", **mac("13.1", "x86_64", version=(3, 8),
                                        config={"EXT_SUFFIX":
                                                ".graalpy-38-native-x86_64-darwin.dylib"}))
    add("other-impl-soabi", "an unknown implementation with an SOABI",
        implementation="pyston", version=(3, 8),
        config={"EXT_SUFFIX": ".pyston-23-x86_64-linux-gnu.so"})
    add("other-impl-empty-soabi", "an unknown implementation, no SOABI",
        implementation="rustpython", version=(3, 12),
        config={"EXT_SUFFIX": "..so"})
    add("other-impl-cpython-soabi", "an unknown implementation with a "
        "CPython-style EXT_SUFFIX", implementation="xpython",
        version=(3, 12), config={"EXT_SUFFIX":
                                 ".cpython-312-x86_64-linux-gnu.so"})
    add("other-impl-pyd", "an unknown implementation with '.pyd'",
        implementation="ironpython", version=(3, 4),
        system="Windows", sysconfig_platform="win-amd64", glibc=None,
        config={"EXT_SUFFIX": ".pyd"})
    add("other-impl-python-name", "implementation 'python' (short 'py')",
        implementation="python", version=(3, 12),
        config={"EXT_SUFFIX": ".python-312.so"})

    # Other systems
    add("freebsd", "FreeBSD: the sysconfig platform as is",
        system="FreeBSD", sysconfig_platform="freebsd-14.0-RELEASE-amd64",
        glibc=None, **{k: v for k, v in linux().items()
                       if k not in ("glibc",)})
    add("cygwin", "Cygwin", system="CYGWIN_NT-10.0-19045",
        sysconfig_platform="cygwin-3.5.3-x86_64", glibc=None,
        **{k: v for k, v in linux().items() if k != "glibc"})
    add("linux-odd-platform", "system Linux but sysconfig does not say "
        "linux-", **linux(sysconfig_platform="Linux-x86_64"))

    # Inputs the reference fails on
    add("error-macos-11-one-part", "platform.mac_ver() says just '11': "
        "packaging fails (IndexError)", expect="error",
        **mac("11", "arm64"))
    add("error-pypy-no-ext-suffix", "PyPy without EXT_SUFFIX: packaging "
        "raises SystemError", expect="error", implementation="pypy",
        version=(3, 10), config={"EXT_SUFFIX": None})
    add("error-pypy-ext-suffix-no-dot", "EXT_SUFFIX not starting with '.'",
        expect="error", implementation="pypy", version=(3, 10),
        config={"EXT_SUFFIX": "pypy310-pp73.so"})
    add("error-cpython-soabi-without-version", "EXT_SUFFIX '.cpython.so' "
        "on a non-CPython: packaging fails (IndexError)", expect="error",
        implementation="xpython", version=(3, 12),
        config={"EXT_SUFFIX": ".cpython.so"})

    # Refused
    add("ios", "iOS", expect="unsupported", system="iOS",
        sysconfig_platform="ios-13.0-arm64-iphoneos", glibc=None)
    add("ipados", "iPadOS", expect="unsupported", system="iPadOS",
        sysconfig_platform="ios-17.0-arm64-iphoneos", glibc=None)
    add("android", "Android", expect="unsupported", system="Android",
        sysconfig_platform="android-24-arm64_v8a", glibc=None)
    add("emscripten", "Emscripten", expect="unsupported",
        system="Emscripten", sysconfig_platform="emscripten-3.1.58-wasm32",
        glibc=None)
    return c


# ---- output ---------------------------------------------------------------

def value(v):
    return "@none" if v is None else str(v)


def write_case(case):
    config = case.config
    lines = ["# generated by tests/tools/gen-tag-cases.py from packaging "
             "26.3; do not edit", "# " + case.description]
    elf = case.elf or (0, 0, 0, 0)
    glibc = case.glibc or (-1, -1)
    musl = case.musl or (-1, -1)
    mac_major = mac_minor = -1
    if case.mac:
        parts = [int(x) for x in case.mac.split(".")[:2]]
        mac_major = parts[0]
        mac_minor = parts[1] if len(parts) > 1 else -1
    fields = [
        ("implementation", case.implementation),
        ("major", case.version[0]), ("minor", case.version[1]),
        ("py_version_nodot", config.get("py_version_nodot")),
        ("py_debug", truth(config.get("Py_DEBUG"))),
        ("gil_disabled", truth(config.get("Py_GIL_DISABLED"))),
        ("with_pymalloc", truth(config.get("WITH_PYMALLOC"))),
        ("unicode_size", value(config.get("Py_UNICODE_SIZE")).replace(
            "@none", "-1")),
        ("has_gettotalrefcount", int(case.has_gettotalrefcount)),
        ("maxunicode", case.maxunicode),
    ]
    fields += [("extension_suffix", s) for s in case.extension_suffixes]
    fields += [
        ("ext_suffix", config.get("EXT_SUFFIX")),
        ("system", case.system),
        ("sysconfig_platform", case.sysconfig_platform),
        ("is_32bit", int(case.is_32bit)),
        ("glibc_major", glibc[0]), ("glibc_minor", glibc[1]),
        ("musl_major", musl[0]), ("musl_minor", musl[1]),
        ("elf_known", int(case.elf is not None)),
        ("elf_class", elf[0]), ("elf_data", elf[1]),
        ("elf_machine", elf[2]), ("elf_flags", elf[3]),
        ("mac_major", mac_major), ("mac_minor", mac_minor),
        ("mac_machine", case.mac_machine if case.mac else None),
        ("expect", case.expect),
    ]
    lines += ["%s=%s" % (k, value(v)) for k, v in fields]
    lines.append("--")
    if case.expect == "ok":
        lines += reference_tags(case)
    elif case.expect == "error":
        try:
            reference_tags(case)
        except (SystemError, ValueError, IndexError):
            pass
        else:
            sys.exit("case %s: the reference does not fail" % case.name)
    with open(os.path.join(OUT_DIR, case.name + ".txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    fixture_dir = (sys.argv[1] if len(sys.argv) > 1 else
                   os.path.join(TOP, "tests", "fixtures", "interpreters"))
    check_harness(fixture_dir)
    all_cases = cases()
    names = [case.name for case in all_cases]
    assert len(set(names)) == len(names), "duplicate case names"
    os.makedirs(OUT_DIR, exist_ok=True)
    for old in glob.glob(os.path.join(OUT_DIR, "*.txt")):
        os.remove(old)
    for case in all_cases:
        write_case(case)
    with open(os.path.join(OUT_DIR, "cases.list"), "w") as f:
        f.write("# generated by tests/tools/gen-tag-cases.py; one case a "
                "line\n")
        f.write("".join(name + "\n" for name in names))
    print("wrote %d cases to %s" % (len(all_cases), OUT_DIR), file=sys.stderr)


if __name__ == "__main__":
    main()
