#!/usr/bin/env python3
"""make-wheel.py - pack pyprobe into a wheel (the binary distribution
format), with nothing but the Python standard library.  `make wheel` runs
it; see the README's "Install from a wheel".

    python3 make-wheel.py --binary src/pyprobe --version 0.1.0 \\
        --package python/pyprobe --tagfile-reader data/pyprobe_env.py \\
        --metadata-text README --license COPYING \\
        --data share/aclocal/pyprobe.m4=m4/pyprobe.m4 ... --outdir dist

The wheel holds the binary as its script (the `pyprobe` command), the
Python package `pyprobe` with the tag-file reader data/pyprobe_env.py as
pyprobe/_tagfile.py (one parser for both), the --data files under
NAME-VERSION.data/data/ (installed under the environment's prefix), and
WHEEL, METADATA and RECORD.  The platform tags come from the binary
itself, so a cross-built binary gets its target's tags:

- ELF (Linux): the machine from its header; it must be static (no
  program interpreter, no dynamic section), since a wheel tagged
  manylinux and musllinux may land on either C library.  It then runs on
  any Linux kernel at least as new as the one its C library was built
  for (the NT_GNU_ABI_TAG note; static musl binaries carry none), and
  manylinux2014 (CentOS 7, kernel 3.10) is the oldest manylinux whose
  kernel is new enough for today's glibc (3.2 on x86_64, 3.7 on aarch64):
  manylinux_2_17_ARCH.manylinux2014_ARCH.musllinux_1_1_ARCH.
- PE (Windows): win_amd64, win32 or win_arm64 from the machine field.

Prints the wheel's path.  The wheel is written to a temporary file and
renamed into place; its bytes depend only on the inputs (sorted entries,
fixed times: SOURCE_DATE_EPOCH, else 1980-01-01).
"""

import argparse
import base64
import csv
import hashlib
import io
import os
import re
import struct
import sys
import tempfile
import time
import zipfile

NAME = "pyprobe"

# ELF e_machine -> the architecture part of the platform tag, per class
# (1: 32-bit, 2: 64-bit) and byte order (1: little, 2: big endian).
ELF_ARCH = {
    (62, 2, 1): "x86_64",
    (3, 1, 1): "i686",
    (183, 2, 1): "aarch64",
    (40, 1, 1): "armv7l",
    (21, 2, 1): "ppc64le",
    (22, 2, 2): "s390x",
}
# manylinux2014's kernel (CentOS 7): a binary needing a newer one gets no
# manylinux2014 tag.
MANYLINUX2014_KERNEL = (3, 10, 0)
PE_ARCH = {0x8664: "win_amd64", 0x14C: "win32", 0xAA64: "win_arm64"}


class Refused(Exception):
    """The binary cannot be put in a wheel with honest tags."""


def elf_platforms(data):
    ident = data[:16]
    elf_class, byte_order = ident[4], ident[5]
    if elf_class not in (1, 2) or byte_order not in (1, 2):
        raise Refused("not a valid ELF header")
    end = "<" if byte_order == 1 else ">"
    machine = struct.unpack_from(end + "H", data, 18)[0]
    arch = ELF_ARCH.get((machine, elf_class, byte_order))
    if arch is None:
        raise Refused("ELF machine %d (class %d, byte order %d) has no "
                      "manylinux2014 tag" % (machine, elf_class, byte_order))
    if elf_class == 2:
        phoff = struct.unpack_from(end + "Q", data, 32)[0]
        phentsize, phnum = struct.unpack_from(end + "HH", data, 54)
    else:
        phoff = struct.unpack_from(end + "I", data, 28)[0]
        phentsize, phnum = struct.unpack_from(end + "HH", data, 42)
    kernel = None
    for index in range(phnum):
        at = phoff + index * phentsize
        kind = struct.unpack_from(end + "I", data, at)[0]
        if kind == 3:
            raise Refused("it is dynamically linked (it names a program "
                          "interpreter): configure --enable-static-binary")
        if kind == 2:
            raise Refused("it has a dynamic section: configure "
                          "--enable-static-binary")
        if kind == 4:
            if elf_class == 2:
                offset, _, _, size = struct.unpack_from(end + "QQQQ", data, at + 8)
            else:
                offset, _, _, size = struct.unpack_from(end + "IIII", data, at + 4)
            kernel = kernel or abi_tag_kernel(data[offset:offset + size], end)
    if kernel and kernel > MANYLINUX2014_KERNEL:
        raise Refused("it needs Linux %s, newer than manylinux2014's %s"
                      % (".".join(map(str, kernel)),
                         ".".join(map(str, MANYLINUX2014_KERNEL))))
    return ["manylinux_2_17_" + arch, "manylinux2014_" + arch,
            "musllinux_1_1_" + arch]


def abi_tag_kernel(notes, end):
    """The oldest Linux kernel in a GNU ABI tag note, or None."""
    at = 0
    while at + 12 <= len(notes):
        namesz, descsz, kind = struct.unpack_from(end + "III", notes, at)
        name_at = at + 12
        desc_at = name_at + (namesz + 3) // 4 * 4
        if notes[name_at:name_at + namesz] == b"GNU\0" and kind == 1 \
                and descsz >= 16:
            os_id, major, minor, patch = struct.unpack_from(end + "IIII",
                                                            notes, desc_at)
            if os_id == 0:          # ELF_NOTE_OS_LINUX
                return (major, minor, patch)
        at = desc_at + (descsz + 3) // 4 * 4
    return None


def pe_platforms(data):
    pe_at = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe_at:pe_at + 4] != b"PE\0\0":
        raise Refused("not a valid PE file")
    machine = struct.unpack_from("<H", data, pe_at + 4)[0]
    if machine not in PE_ARCH:
        raise Refused("PE machine 0x%x has no wheel platform tag" % machine)
    return [PE_ARCH[machine]]


def platforms(data):
    """The platform tags for the program in DATA, or Refused."""
    if data[:4] == b"\x7fELF":
        return elf_platforms(data)
    if data[:2] == b"MZ" and len(data) > 0x40:
        return pe_platforms(data)
    raise Refused("neither an ELF nor a PE executable")


def record_hash(content):
    digest = hashlib.sha256(content).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).decode().rstrip("=")


def metadata(version, text):
    head = [
        "Metadata-Version: 2.1",
        "Name: " + NAME,
        "Version: " + version,
        "Summary: what a Python interpreter really is (GIL or free-threaded, "
        "ABI, wheel tags), and how to build extensions for it",
        "License: MIT",
        "Requires-Python: >=3.6",
        "Classifier: License :: OSI Approved :: MIT License",
        "Classifier: Programming Language :: C",
        "Classifier: Programming Language :: Python :: 3",
        "Classifier: Topic :: Software Development :: Build Tools",
        "Description-Content-Type: text/plain",
    ]
    return ("\n".join(head) + "\n\n" + text).encode("utf-8")


def wheel_file(tags):
    lines = ["Wheel-Version: 1.0",
             "Generator: pyprobe python/make-wheel.py",
             "Root-Is-Purelib: false"]
    lines += ["Tag: py3-none-" + tag for tag in tags]
    return ("\n".join(lines) + "\n").encode("ascii")


def main(argv=None):
    parser = argparse.ArgumentParser(description="Pack pyprobe into a wheel.")
    parser.add_argument("--binary", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--package", required=True,
                        help="the directory of the Python package pyprobe")
    parser.add_argument("--tagfile-reader", required=True,
                        help="data/pyprobe_env.py, packed as pyprobe/_tagfile.py")
    parser.add_argument("--metadata-text", required=True,
                        help="the long description (the README)")
    parser.add_argument("--license", required=True)
    parser.add_argument("--data", action="append", default=[],
                        metavar="DEST=FILE",
                        help="FILE installed as PREFIX/DEST (share/aclocal/...)")
    parser.add_argument("--outdir", required=True)
    options = parser.parse_args(argv)
    if not re.match(r"^[0-9]+(\.[0-9]+)*$", options.version):
        parser.error("--version %r is not a release version" % options.version)

    def read(path):
        with open(path, "rb") as stream:
            return stream.read()

    try:
        program = read(options.binary)
        tags = platforms(program)
    except OSError as error:
        sys.exit("make-wheel.py: %s: %s" % (options.binary, error.strerror))
    except (Refused, struct.error) as error:
        sys.exit("make-wheel.py: %s: %s" % (
            options.binary, error if isinstance(error, Refused)
            else "truncated executable header"))
    exe = ".exe" if tags[0].startswith("win") else ""
    data_dir = "%s-%s.data" % (NAME, options.version)
    info_dir = "%s-%s.dist-info" % (NAME, options.version)

    # (archive name, content, executable?) for every file but RECORD.
    files = [("%s/scripts/%s%s" % (data_dir, NAME, exe), program, True)]
    for entry in sorted(os.listdir(options.package)):
        if entry.endswith(".py"):
            files.append(("%s/%s" % (NAME, entry),
                          read(os.path.join(options.package, entry)), False))
    files.append(("%s/_tagfile.py" % NAME, read(options.tagfile_reader), False))
    for spec in options.data:
        dest, equals, source = spec.partition("=")
        if not equals or dest.startswith("/") or ".." in dest.split("/"):
            parser.error("--data %r is not DEST=FILE with a relative DEST" % spec)
        files.append(("%s/data/%s" % (data_dir, dest), read(source), False))
    files.sort()
    text = read(options.metadata_text).decode("utf-8")
    files += [("%s/COPYING" % info_dir, read(options.license), False),
              ("%s/METADATA" % info_dir, metadata(options.version, text), False),
              ("%s/WHEEL" % info_dir, wheel_file(tags), False)]

    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for name, content, _ in files:
        writer.writerow([name, record_hash(content), len(content)])
    writer.writerow(["%s/RECORD" % info_dir, "", ""])
    files.append(("%s/RECORD" % info_dir, record.getvalue().encode(), False))

    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    wheel_name = "%s-%s-py3-none-%s.whl" % (NAME, options.version,
                                            ".".join(tags))
    os.makedirs(options.outdir, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".make-wheel-", dir=options.outdir)
    try:
        with os.fdopen(fd, "wb") as stream, \
                zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content, executable in files:
                info = zipfile.ZipInfo(name, stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = (0o100755 if executable else 0o100644) << 16
                archive.writestr(info, content)
        umask = os.umask(0o22)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        target = os.path.join(options.outdir, wheel_name)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
