#!/usr/bin/env python3
"""Synthetic fact sheets for the platforms this machine cannot run:
Windows, macOS, musl Linux on aarch64 (and iOS, Android, Emscripten).

    PYTHONPATH=/work/shared/oracle python3 tests/tools/gen-synthetic-tags.py
        write tests/fixtures/synthetic/*.json
    PYTHONPATH=/work/shared/oracle python3 tests/tools/gen-synthetic-tags.py \
        --check
        write nothing; exit 1 unless every committed sheet is exactly what
        this script makes now (tests/integration/tags-oracle.sh runs this
        when the reference is there)
    python3 tests/tools/gen-synthetic-tags.py pose SHEET.json -I -S -c SCRIPT [MODE]
        pose as the interpreter of SHEET (see below); needs no reference

Each synthetic sheet starts from a recorded one
(tests/fixtures/interpreters/*.json) and changes the platform values that
packaging and pyprobe's probe script read: sys.platform, sys.executable
and the prefixes, sys.maxsize, platform.system/machine/mac_ver,
sysconfig.get_platform, the config variables (EXT_SUFFIX, SOABI,
MULTIARCH, Py_DEBUG, ...), EXTENSION_SUFFIXES, struct.calcsize('P') and
os.confstr('CS_GNU_LIBC_VERSION'). What the recorded format has no key
for is under "synthetic": the ELF header and PT_INTERP of sys.executable
and what the musl loader prints (both read on musl), and whether
sys.gettotalrefcount exists when sys.abiflags does not say "d" (Windows).

Three more sheets pose as iOS, Android and Emscripten interpreters
("synthetic.expect": "unsupported"): pyprobe has no tag scheme for them
and must refuse them, so their "packaging.tags.sys_tags" is null.

"packaging.tags.sys_tags" holds the reference's list for the sheet:
packaging 26.3 runs sys_tags() itself, with every value it reads from the
running interpreter and machine replaced by the sheet's (sys, sysconfig,
platform, EXTENSION_SUFFIXES, the 32-bit flag, os.confstr, the ELF file
at sys.executable, the musl loader's output). The list is also checked
to be cpython_tags() + compatible_tags() (generic_tags() for other
implementations). Before writing anything the script checks this
harness on the recorded sheets: fed their values it must give the list
recorded in each.

pose: tests/tools/replay-python.py poses as a recorded interpreter for
pyprobe, but it cannot pose as a Windows one (the probe script imports
nt there, and os has no uname) nor a musl one (the probe script reads
the ELF header of sys.executable and runs the musl loader). "pose" runs
the very probe script pyprobe sent with replay-python.py's fake modules
(build_modules, loaded from that file) plus those three: a Windows
nt/os, the ELF image built from "synthetic.elf" at sys.executable, and a
subprocess that answers as the musl loader. Sheets say which stand-in to
use in "synthetic.stand_in". """

import ast
import builtins
import copy
import functools
import glob
import io
import json
import os
import struct
import sys
import tempfile
import types

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
RECORDED = os.path.join(TOP, "tests", "fixtures", "interpreters")
OUT_DIR = os.path.join(TOP, "tests", "fixtures", "synthetic")
REPLAY = os.path.join(TOP, "tests", "tools", "replay-python.py")
PROBE = os.path.join(TOP, "data", "probe.py")


# ---- the ELF image of sys.executable --------------------------------------

def elf_image(elf):
    """A minimal ELF file: the header packaging and the probe read
    (class, data, machine, flags) and one PT_INTERP program header."""
    capacity, encoding, machine, flags, interp = elf
    order = "<" if encoding == 1 else ">"
    wide = capacity == 2
    ehsize, phentsize = (64, 56) if wide else (52, 32)
    data = interp.encode() + b"\0"
    at = ehsize + phentsize
    ident = b"\x7fELF" + bytes([capacity, encoding, 1, 0]) + bytes(8)
    if wide:
        header = struct.pack(order + "HHIQQQIHHHHHH", 3, machine, 1, 0,
                             ehsize, 0, flags, ehsize, phentsize, 1, 64, 0, 0)
        program = struct.pack(order + "IIQQQQQQ", 3, 4, at, at, at,
                              len(data), len(data), 1)
    else:
        header = struct.pack(order + "HHIIIIIHHHHHH", 3, machine, 1, 0,
                             ehsize, 0, flags, ehsize, phentsize, 1, 40, 0, 0)
        program = struct.pack(order + "IIIIIIII", 3, at, at, at,
                              len(data), len(data), 4, 1)
    return ident + header + program + data


def has_refcount(sheet):
    syn = sheet.get("synthetic") or {}
    if "gettotalrefcount" in syn:
        return syn["gettotalrefcount"]
    return "d" in (sheet["sys"].get("abiflags") or "")


# ---- the reference, seeing a sheet ----------------------------------------

def reference_tags(sheet, workdir):
    """packaging.tags.sys_tags() as the sheet's interpreter would print it."""
    from packaging import _manylinux, _musllinux, tags

    syn = sheet.get("synthetic") or {}
    rsys = sheet["sys"]
    plat = sheet["platform"]
    config = dict(sheet["sysconfig.get_config_vars"])
    executable = os.path.join(workdir, "no-such-python")
    if syn.get("elf"):
        executable = os.path.join(workdir, sheet["fixture"])
        with open(executable, "wb") as f:
            f.write(elf_image(syn["elf"]))
    fake_sys = types.SimpleNamespace(
        version_info=tuple(rsys["version_info"]),
        implementation=types.SimpleNamespace(
            name=rsys["implementation.name"],
            _multiarch=rsys["implementation._multiarch"]),
        maxunicode=0x10FFFF, maxsize=rsys["maxsize"],
        platform=rsys["platform"], executable=executable)
    if has_refcount(sheet):
        fake_sys.gettotalrefcount = lambda: 0
    mac = plat.get("mac_ver") or ["", "", ""]
    fake_platform = types.SimpleNamespace(
        system=lambda: plat["system"], machine=lambda: plat["machine"],
        mac_ver=lambda: (mac[0], ("", "", ""), mac[2]))
    libc = sheet["os.confstr(CS_GNU_LIBC_VERSION)"]

    def confstr(name):
        if name != "CS_GNU_LIBC_VERSION" or libc is None:
            raise ValueError("unrecognized configuration name")
        return libc

    def loader(args, **kwargs):
        if not syn.get("elf") or args != [syn["elf"][4]]:
            raise FileNotFoundError(args[0])
        return types.SimpleNamespace(returncode=1, stdout=None,
                                     stderr=syn["musl_loader_stderr"])

    def no_subprocess(*args, **kwargs):
        raise AssertionError("the reference ran %r" % (args,))

    is_32bit = sheet["struct.calcsize(P)"] == 4
    patches = [
        (tags, "sys", fake_sys),
        (tags, "sysconfig", types.SimpleNamespace(
            get_config_var=config.get,
            get_platform=lambda: sheet["sysconfig.get_platform"])),
        (tags, "platform", fake_platform),
        (tags, "subprocess", types.SimpleNamespace(run=no_subprocess,
                                                   PIPE=-1)),
        (tags, "EXTENSION_SUFFIXES", list(sheet["EXTENSION_SUFFIXES"])),
        (tags, "_linux_platforms", functools.partial(
            tags._linux_platforms, is_32bit=is_32bit)),
        (tags, "_mac_arch", functools.partial(tags._mac_arch,
                                              is_32bit=is_32bit)),
        (_manylinux, "sys", types.SimpleNamespace(executable=executable)),
        (_manylinux, "os", types.SimpleNamespace(confstr=confstr)),
        (_manylinux, "_glibc_version_string_ctypes", lambda: None),
        (_musllinux, "sys", types.SimpleNamespace(executable=executable)),
        (_musllinux, "subprocess", types.SimpleNamespace(run=loader,
                                                         PIPE=-1)),
    ]
    saved = [(module, name, getattr(module, name))
             for module, name, _ in patches]
    for module, name, value in patches:
        setattr(module, name, value)
    _manylinux._get_glibc_version.cache_clear()
    _musllinux._get_musl_version.cache_clear()
    try:
        result = [str(tag) for tag in tags.sys_tags()]
        name = tags.interpreter_name()
        if name == "cp":
            parts = list(tags.cpython_tags()) + list(tags.compatible_tags(
                interpreter="cp" + tags.interpreter_version()))
        else:
            parts = list(tags.generic_tags()) + list(tags.compatible_tags(
                interpreter="pp3" if name == "pp" else None))
        assert result == [str(tag) for tag in parts], sheet["fixture"]
        return result
    finally:
        for module, name, value in saved:
            setattr(module, name, value)
        _manylinux._get_glibc_version.cache_clear()
        _musllinux._get_musl_version.cache_clear()


def check_harness(workdir):
    sheets = sorted(glob.glob(os.path.join(RECORDED, "*.json")))
    if not sheets:
        sys.exit("no recorded fact sheets in %s" % RECORDED)
    for path in sheets:
        with open(path) as f:
            sheet = json.load(f)
        if reference_tags(sheet, workdir) != sheet["packaging.tags.sys_tags"]:
            sys.exit("the harness does not reproduce %s" % path)
    return len(sheets)


# ---- the synthetic sheets -------------------------------------------------

def probe_config_vars():
    """CONFIG_VARS of the probe script: what pyprobe reads of the config."""
    with open(PROBE) as f:
        tree = ast.parse(f.read())
    for node in tree.body:
        if (isinstance(node, ast.Assign) and
                getattr(node.targets[0], "id", None) == "CONFIG_VARS"):
            return list(ast.literal_eval(node.value))
    sys.exit("no CONFIG_VARS in %s" % PROBE)


def load_recorded(name):
    with open(os.path.join(RECORDED, name + ".json")) as f:
        return json.load(f)


def replace_strings(value, pairs):
    if isinstance(value, str):
        for old, new in pairs:
            value = value.replace(old, new)
        return value
    if isinstance(value, list):
        return [replace_strings(v, pairs) for v in value]
    if isinstance(value, dict):
        return {k: replace_strings(v, pairs) for k, v in value.items()}
    return value


def base_sheet(source, name, description, stand_in):
    sheet = copy.deepcopy(load_recorded(source))
    sheet["fixture"] = name
    sheet["synthetic"] = {"from": source + ".json",
                          "description": description,
                          "stand_in": stand_in,
                          "elf": None, "musl_loader_stderr": None}
    return sheet


def set_prefix(sheet, prefix, executable, paths):
    rsys = sheet["sys"]
    for key in ("prefix", "base_prefix", "exec_prefix"):
        rsys[key] = prefix
    rsys["executable"] = rsys["_base_executable"] = executable
    sheet["sysconfig.get_paths"] = paths
    # build-details.json describes the recorded (Linux) build.
    sheet["build-details.json"] = None
    sheet["build-details.json path"] = None


def windows(source, name, plat, description, debug=False):
    """CPython for Windows as the python.org installer lays it out."""
    sheet = base_sheet(source, name, description, "pose")
    rsys = sheet["sys"]
    major, minor = rsys["version_info"][:2]
    nodot = "%d%d" % (major, minor)
    threaded = "t" if "t" in (rsys["abiflags"] or "") else ""
    tag = {"win-amd64": "win_amd64", "win32": "win32",
           "win-arm64": "win_arm64"}[plat]
    machine = {"win-amd64": "AMD64", "win32": "AMD64",
               "win-arm64": "ARM64"}[plat]
    # CPython's rule (Include/internal/pycore_importdl.h, commit 379790c0,
    # lines 28-47; before 3.13 Python/dynload_win.c, commit 003b808e,
    # lines 17-35): PYD_DEBUG_SUFFIX "_d" for a debug build, then
    # "." PYD_SOABI ".pyd" with PYD_SOABI "cp" MAJOR MINOR, "t" when
    # Py_GIL_DISABLED, "-" PYD_PLATFORM_TAG (PC/pyconfig.h.in: win_amd64,
    # win32, win_arm64); _PyImport_DynLoadFiletab lists that tagged suffix
    # and then the untagged "_d" ".pyd" (the stable ABI's): so
    # .cp314t-win_amd64.pyd and .pyd for free-threaded 3.14, and
    # _d.cp311-win_amd64.pyd and _d.pyd for a debug 3.11.
    d = "_d" if debug else ""
    ext_suffix = "%s.cp%s%s-%s.pyd" % (d, nodot, threaded, tag)
    prefix = "C:\\Program Files\\Python%s%s%s" % (
        nodot, threaded, "-32" if plat == "win32" else "")
    exe = "python%s%s%s.exe" % ("%d.%d" % (major, minor) if threaded else "",
                                threaded, d)
    paths = {
        "stdlib": prefix + "\\Lib", "platstdlib": prefix + "\\Lib",
        "purelib": prefix + "\\Lib\\site-packages",
        "platlib": prefix + "\\Lib\\site-packages",
        "include": prefix + "\\Include", "platinclude": prefix + "\\Include",
        "scripts": prefix + "\\Scripts", "data": prefix,
    }
    set_prefix(sheet, prefix, prefix + "\\" + exe, paths)
    rsys["platform"] = "win32"
    rsys["implementation._multiarch"] = None
    # sys.abiflags exists on Windows from 3.14 on.
    if (major, minor) < (3, 14):
        rsys["abiflags"] = None
    elif debug:
        rsys["abiflags"] = threaded + "d"
    if plat == "win32":
        rsys["maxsize"] = 2 ** 31 - 1
        sheet["struct.calcsize(P)"] = 4
    sheet["synthetic"]["gettotalrefcount"] = debug
    # sysconfig._init_non_posix() and the common variables; 3.13 added
    # SOABI, Py_GIL_DISABLED and Py_DEBUG (from _sysconfig), 3.14 ABIFLAGS.
    config = {
        "LIBDEST": paths["stdlib"], "BINLIBDEST": paths["platstdlib"],
        "INCLUDEPY": paths["include"], "EXT_SUFFIX": ext_suffix,
        "EXE": ".exe", "VERSION": nodot, "BINDIR": prefix, "TZPATH": "",
        "prefix": prefix, "exec_prefix": prefix, "base": prefix,
        "platbase": prefix, "installed_base": prefix,
        "installed_platbase": prefix, "projectbase": prefix,
        "py_version": "%d.%d.%d" % tuple(rsys["version_info"][:3]),
        "py_version_short": "%d.%d" % (major, minor),
        "py_version_nodot": nodot, "py_version_nodot_plat": "",
        "abiflags": "", "platlibdir": "DLLs", "SO": ext_suffix,
        "srcdir": prefix,
    }
    # 3.13's _init_non_posix also sets LIBDIR (installed_base\libs, where
    # the import libraries are) and LIBRARY = LDLIBRARY, the file name of
    # the interpreter's DLL (sys.dllhandle).
    if (major, minor) >= (3, 13):
        dll = "python%s%s%s.dll" % (nodot, threaded, d)
        config.update(SOABI="cp%s%s%s-%s" % (nodot, threaded,
                                             "d" if debug else "", tag),
                      Py_GIL_DISABLED=1 if threaded else 0,
                      Py_DEBUG=1 if debug else 0,
                      LIBDIR=prefix + "\\libs", LIBRARY=dll,
                      LDLIBRARY=dll)
    if (major, minor) >= (3, 14):
        config["ABIFLAGS"] = config["abiflags"] = rsys["abiflags"]
    sheet["sysconfig.get_config_vars"] = config
    sheet["EXTENSION_SUFFIXES"] = [ext_suffix, d + ".pyd"]
    sheet["sysconfig.get_platform"] = plat
    sheet["platform"] = {"libc_ver": ["", ""], "mac_ver": ["", "", ""],
                         "machine": machine, "system": "Windows"}
    sheet["os.confstr(CS_GNU_LIBC_VERSION)"] = None
    return sheet


def macos(source, name, release, machine, build_platform, description):
    """CPython for macOS as the python.org framework installer lays it
    out; build_platform is what sysconfig.get_platform() says."""
    sheet = base_sheet(source, name, description, "replay")
    rsys = sheet["sys"]
    major, minor = rsys["version_info"][:2]
    short = "%d.%d" % (major, minor)
    nodot = "%d%d" % (major, minor)
    abiflags = rsys["abiflags"] or ""
    framework = "PythonT" if "t" in abiflags else "Python"
    prefix = "/Library/Frameworks/%s.framework/Versions/%s%s" % (
        framework, short, "t" if "t" in abiflags else "")
    stdlib = "%s/lib/python%s%s" % (prefix, short, "t" if "t" in abiflags
                                    else "")
    include = "%s/include/python%s%s" % (prefix, short, abiflags)
    paths = {"stdlib": stdlib, "platstdlib": stdlib,
             "purelib": stdlib + "/site-packages",
             "platlib": stdlib + "/site-packages", "include": include,
             "platinclude": include, "scripts": prefix + "/bin",
             "data": prefix}
    set_prefix(sheet, prefix, "%s/bin/python%s%s" % (prefix, short, abiflags),
               paths)
    rsys["platform"] = "darwin"
    rsys["implementation._multiarch"] = "darwin"
    soabi = "cpython-%s%s-darwin" % (nodot, abiflags)
    keep = set(probe_config_vars()) | {
        "py_version_nodot", "Py_DEBUG", "Py_GIL_DISABLED", "WITH_PYMALLOC",
        "Py_UNICODE_SIZE", "EXT_SUFFIX", "SIZEOF_VOID_P", "prefix",
        "exec_prefix", "py_version", "py_version_short", "abiflags"}
    config = {k: v for k, v in sheet["sysconfig.get_config_vars"].items()
              if k in keep}
    arch = "arm64" if machine == "arm64" else "x86_64"
    config.update({
        "prefix": prefix, "exec_prefix": prefix, "SOABI": soabi,
        "EXT_SUFFIX": "." + soabi + ".so", "MULTIARCH": "darwin",
        "MACHDEP": "darwin", "HOST_GNU_TYPE": "%s-apple-darwin" % arch,
        "CC": "clang", "CCSHARED": "", "INCLUDEPY": include,
        "LIBDEST": stdlib, "LIBDIR": prefix + "/lib",
        "LIBPL": "%s/config-%s%s-darwin" % (stdlib, short, abiflags),
        "LDLIBRARY": "%s.framework/Versions/%s/%s" % (
            framework, short + ("t" if "t" in abiflags else ""), framework),
        "LIBRARY": "libpython%s%s.a" % (short, abiflags),
        "LDSHARED": "clang -bundle -undefined dynamic_lookup",
        "LINKFORSHARED": "-Wl,-stack_size,1000000 -framework CoreFoundation",
        "MACOSX_DEPLOYMENT_TARGET": build_platform.split("-")[1],
        "Py_ENABLE_SHARED": 0,
    })
    sheet["sysconfig.get_config_vars"] = config
    # The recorded list with the darwin suffix first and without the
    # Linux triplet forms (.abi3-x86_64-linux-gnu.so).
    recorded = sheet["EXTENSION_SUFFIXES"]
    sheet["EXTENSION_SUFFIXES"] = ["." + soabi + ".so"] + [
        s for s in recorded[1:] if "-linux-" not in s]
    sheet["sysconfig.get_platform"] = build_platform
    sheet["platform"] = {"libc_ver": ["", ""],
                         "mac_ver": [release, "('', '', '')", machine],
                         "machine": machine, "system": "Darwin"}
    sheet["os.confstr(CS_GNU_LIBC_VERSION)"] = None
    return sheet


def musl_aarch64(source, name, musl, description):
    """CPython on Alpine Linux on aarch64: musl, no glibc."""
    sheet = base_sheet(source, name, description, "pose")
    pairs = [("x86_64-pc-linux-gnu", "aarch64-alpine-linux-musl"),
             ("x86_64-linux-gnu", "aarch64-linux-musl"),
             ("linux-x86_64", "linux-aarch64")]
    for key in ("sys", "sysconfig.get_config_vars", "EXTENSION_SUFFIXES",
                "sysconfig.get_platform", "build-details.json"):
        sheet[key] = replace_strings(sheet[key], pairs)
    sheet["platform"] = {"libc_ver": ["", ""], "mac_ver": ["", "", ""],
                         "machine": "aarch64", "system": "Linux"}
    sheet["os.confstr(CS_GNU_LIBC_VERSION)"] = None
    loader = "/lib/ld-musl-aarch64.so.1"
    sheet["synthetic"]["elf"] = [2, 1, 183, 0, loader]
    sheet["synthetic"]["musl_loader_stderr"] = (
        "musl libc (aarch64)\nVersion %s\nDynamic Program Loader\n"
        "Usage:\t%s [options] [--] pathname [args]\n" % (musl, loader))
    return sheet


def unsupported(source, name, sys_platform, system, build_platform,
                multiarch, ext_suffix, description):
    """A platform pyprobe has no tag scheme for: it must refuse it (exit
    status 6) rather than print a list. The reference's list is not
    recorded ("packaging.tags.sys_tags" is null)."""
    sheet = base_sheet(source, name, description, "replay")
    sheet["synthetic"]["expect"] = "unsupported"
    rsys = sheet["sys"]
    rsys["platform"] = sys_platform
    rsys["implementation._multiarch"] = multiarch
    config = sheet["sysconfig.get_config_vars"]
    soabi = ext_suffix.split(".")[1]
    config.update(EXT_SUFFIX=ext_suffix, SOABI=soabi, MULTIARCH=multiarch,
                  MACHDEP=sys_platform)
    sheet["EXTENSION_SUFFIXES"] = [ext_suffix] + [
        s for s in sheet["EXTENSION_SUFFIXES"][1:] if "-linux-" not in s]
    sheet["sysconfig.get_platform"] = build_platform
    machine = "wasm32" if system == "Emscripten" else "arm64"
    sheet["platform"] = {"libc_ver": ["", ""], "mac_ver": ["", "", ""],
                         "machine": machine, "system": system}
    sheet["os.confstr(CS_GNU_LIBC_VERSION)"] = None
    sheet["build-details.json"] = None
    sheet["build-details.json path"] = None
    return sheet


def cases():
    return [
        windows("cpython-3.13t", "windows-amd64-3.13t", "win-amd64",
                "free-threaded CPython 3.13 on 64-bit Windows"),
        windows("cpython-3.14", "windows-amd64-3.14", "win-amd64",
                "CPython 3.14 on 64-bit Windows"),
        windows("cpython-3.14t", "windows-amd64-3.14t", "win-amd64",
                "free-threaded CPython 3.14 on 64-bit Windows"),
        windows("cpython-3.15t", "windows-amd64-3.15t", "win-amd64",
                "free-threaded CPython 3.15 on 64-bit Windows (abi3t)"),
        windows("cpython-3.15", "windows-amd64-3.15", "win-amd64",
                "CPython 3.15 on 64-bit Windows (abi3 and abi3t)"),
        windows("cpython-3.11d-debian", "windows-amd64-3.11d", "win-amd64",
                "debug CPython 3.11 on Windows: no Py_DEBUG, _d.pyd",
                debug=True),
        windows("cpython-3.13-pyenv", "windows-win32-3.13", "win32",
                "32-bit CPython 3.13 on Windows"),
        windows("cpython-3.15", "windows-arm64-3.15", "win-arm64",
                "CPython 3.15 on Windows on ARM"),
        macos("cpython-3.12-pyenv", "macos-10.15-x86_64-3.12", "10.15.7",
              "x86_64", "macosx-10.15-x86_64",
              "CPython 3.12 on macOS 10.15 (Intel)"),
        macos("cpython-3.13-pyenv", "macos-14-x86_64-3.13", "14.6.1",
              "x86_64", "macosx-10.13-x86_64",
              "CPython 3.13 on macOS 14 (Intel)"),
        macos("cpython-3.14t", "macos-14-arm64-3.14t", "14.4", "arm64",
              "macosx-11.0-arm64",
              "free-threaded CPython 3.14 on macOS 14 (Apple silicon)"),
        macos("cpython-3.10-pyenv", "macos-11-arm64-3.10", "11.7.10",
              "arm64", "macosx-11.0-arm64",
              "CPython 3.10 on macOS 11 (Apple silicon)"),
        macos("cpython-3.14", "macos-15-universal2-arm64-3.14", "15.1",
              "arm64", "macosx-10.13-universal2",
              "a universal2 CPython 3.14 running on Apple silicon"),
        macos("cpython-3.11-debian", "macos-13-universal2-x86_64-3.11",
              "13.6.9", "x86_64", "macosx-10.9-universal2",
              "a universal2 CPython 3.11 running on an Intel Mac"),
        musl_aarch64("cpython-3.14", "linux-musl-aarch64-3.14", "1.2.5",
                     "CPython 3.14 on Alpine Linux (musl 1.2.5), aarch64"),
        musl_aarch64("cpython-3.15t", "linux-musl-aarch64-3.15t", "1.2.5",
                     "free-threaded CPython 3.15 on musl 1.2.5, aarch64"),
        unsupported("cpython-3.14", "unsupported-ios-3.14", "ios", "iOS",
                    "ios-13.0-arm64-iphoneos", "arm64-iphoneos",
                    ".cpython-314-arm64-iphoneos.dylib",
                    "CPython 3.14 on an iPhone"),
        unsupported("cpython-3.14", "unsupported-android-3.14", "android",
                    "Android", "android-24-arm64_v8a",
                    "aarch64-linux-android",
                    ".cpython-314-aarch64-linux-android.so",
                    "CPython 3.14 on Android"),
        unsupported("cpython-3.13-pyenv", "unsupported-emscripten-3.13",
                    "emscripten", "Emscripten", "emscripten-3.1.58-wasm32",
                    "wasm32-emscripten",
                    ".cpython-313-wasm32-emscripten.so",
                    "CPython 3.13 for Emscripten (Pyodide)"),
    ]


def render(sheet):
    return json.dumps(sheet, indent=1, sort_keys=True) + "\n"


def generate(check_only):
    from packaging import __version__

    with tempfile.TemporaryDirectory() as workdir:
        reproduced = check_harness(workdir)
        print("the harness reproduces %d recorded sheets" % reproduced,
              file=sys.stderr)
        made = {}
        for sheet in cases():
            sheet["packaging.version"] = __version__
            sheet["packaging.tags.sys_tags"] = (
                None if sheet["synthetic"].get("expect") == "unsupported"
                else reference_tags(sheet, workdir))
            made[sheet["fixture"] + ".json"] = render(sheet)
    if check_only:
        stale = 0
        on_disk = {os.path.basename(p) for p in
                   glob.glob(os.path.join(OUT_DIR, "*.json"))}
        for name in sorted(on_disk | set(made)):
            path = os.path.join(OUT_DIR, name)
            try:
                with open(path) as f:
                    text = f.read()
            except OSError:
                text = None
            if text != made.get(name):
                print("stale: %s" % path, file=sys.stderr)
                stale += 1
        if stale:
            sys.exit("%d synthetic sheets differ from what the reference "
                     "gives now; rerun %s" % (stale, sys.argv[0]))
        print("%d synthetic sheets match the reference" % len(made),
              file=sys.stderr)
        return
    os.makedirs(OUT_DIR, exist_ok=True)
    for old in glob.glob(os.path.join(OUT_DIR, "*.json")):
        os.remove(old)
    for name, text in made.items():
        with open(os.path.join(OUT_DIR, name), "w") as f:
            f.write(text)
    print("wrote %d sheets to %s" % (len(made), OUT_DIR), file=sys.stderr)


# ---- pose as a synthetic interpreter --------------------------------------

def fail(message):
    sys.stderr.write("gen-synthetic-tags pose: %s\n" % message)
    sys.exit(90)


def replay_build_modules():
    """build_modules from tests/tools/replay-python.py (without running it)."""
    with open(REPLAY) as f:
        tree = ast.parse(f.read(), REPLAY)
    tree.body = [node for node in tree.body
                 if not (isinstance(node, ast.Expr) and
                         isinstance(node.value, ast.Call) and
                         getattr(node.value.func, "id", None) == "main")]
    namespace = {"__name__": "replay_python"}
    exec(compile(tree, REPLAY, "exec"), namespace)
    return namespace["build_modules"]


def pose(sheet_path, args):
    if len(args) < 4 or args[:3] != ["-I", "-S", "-c"]:
        fail("expected: pose SHEET.json -I -S -c SCRIPT [MODE], got %r"
             % args)
    with open(sheet_path) as f:
        sheet = json.load(f)
    syn = sheet.get("synthetic") or {}
    modules = replay_build_modules()(sheet, ["-c"] + args[4:])
    fake_sys = modules["sys"]
    if has_refcount(sheet):
        fake_sys.gettotalrefcount = lambda: 0
    elif hasattr(fake_sys, "gettotalrefcount"):
        del fake_sys.gettotalrefcount

    def no_such_file(path):
        raise FileNotFoundError(path)

    if sheet["sys"]["platform"] == "win32":
        # Windows: nt instead of posix; os has neither uname nor confstr.
        nt = types.ModuleType("nt")
        nt.environ = {}
        nt.stat = no_such_file
        modules["nt"] = nt
        del modules["posix"]
        del modules["os"].uname
        del modules["os"].confstr
    image = elf_image(syn["elf"]) if syn.get("elf") else None
    if syn.get("musl_loader_stderr") is not None:
        subprocess = types.ModuleType("subprocess")
        subprocess.DEVNULL, subprocess.PIPE = -3, -1

        class SubprocessError(Exception):
            pass

        def run(command, **kwargs):
            if command != [syn["elf"][4]]:
                raise FileNotFoundError(command[0])
            return types.SimpleNamespace(
                returncode=1, stdout=None,
                stderr=syn["musl_loader_stderr"].encode())

        subprocess.SubprocessError = SubprocessError
        subprocess.run = run
        modules["subprocess"] = subprocess

    details_path = sheet.get("build-details.json path")
    details = sheet.get("build-details.json")
    real_import = builtins.__import__
    real_open = builtins.open

    def fake_import(name, globals=None, locals=None, fromlist=(), level=0):
        if name in modules:
            if name == "importlib.machinery" and not fromlist:
                return modules["importlib"]
            return modules[name]
        if name.startswith("_sysconfigdata_"):
            raise ImportError("No module named %r" % name)
        fail("the probe script imported %r, which this stand-in does not "
             "fake" % name)

    def fake_open(path, mode="r", *args, **kwargs):
        if image is not None and path == sheet["sys"]["executable"]:
            if "b" not in mode:
                fail("the probe script opened the executable as text")
            return io.BytesIO(image)
        if details_path and path == details_path and details is not None:
            data = json.dumps(details)
            return io.BytesIO(data.encode()) if "b" in mode else \
                io.StringIO(data)
        raise FileNotFoundError(path)

    code = compile(args[3], "<string>", "exec")
    builtins.__import__ = fake_import
    builtins.open = fake_open
    try:
        exec(code, {"__name__": "__main__", "__builtins__": builtins})
    finally:
        builtins.__import__ = real_import
        builtins.open = real_open


def main():
    args = sys.argv[1:]
    if args[:1] == ["pose"] and len(args) >= 2:
        pose(args[1], args[2:])
    elif args in ([], ["--check"]):
        generate(check_only=bool(args))
    else:
        sys.exit("usage: %s [--check] | pose SHEET.json -I -S -c SCRIPT "
                 "[MODE]" % sys.argv[0])


if __name__ == "__main__":
    main()
