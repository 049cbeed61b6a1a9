# setup.py: build the extension as pyprobe decides for the interpreter running
# this build: abi3 (minimum 3.8) where that interpreter can load it,
# version-specific elsewhere (free-threaded 3.13 and 3.14, PyPy); the macros
# and the wheel tag come from pyprobe too.
import shlex
import sys

import pyprobe
from setuptools import Extension, setup
try:
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:                     # setuptools < 70.1
    from wheel.bdist_wheel import bdist_wheel

facts = pyprobe.probe(limited_api="3.8")    # raises pyprobe.Error on failure
macros = [tuple(flag[2:].split("=", 1)) if "=" in flag else (flag[2:], None)
          for flag in shlex.split(facts["build_cppflags"])
          if flag.startswith("-D")]
print("pyprobe: building %s for %s, wheel tag %s"
      % (facts["build_path"], facts["abi_tag"], facts["wheel_tag"]),
      file=sys.stderr)


class BdistWheel(bdist_wheel):
    def get_tag(self):
        return tuple(facts["wheel_tag"].split("-"))


setup(
    ext_modules=[Extension(
        "pyprobe_cdemo._speedups", ["pyprobe_cdemo/_speedups.c"],
        define_macros=macros,
        py_limited_api=facts["build_path"] != "version-specific")],
    cmdclass={"bdist_wheel": BdistWheel},
)
