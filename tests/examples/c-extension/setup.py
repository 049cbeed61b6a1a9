# setup.py: build the extension version-specific, abi3 or abi3t as the tag
# file from the before-build step says (PYPROBE_BUILD_PATH): its macros,
# its file suffix and the wheel tag all come from pyprobe.
# `python setup.py pyprobe_plan` prints the plan without building; only
# building refuses a tag file written for another interpreter.
import json
import os
import shlex
import subprocess
import sys

from setuptools import Command, Extension, setup
from setuptools.command.build_ext import build_ext
try:
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:                     # setuptools < 70.1
    from wheel.bdist_wheel import bdist_wheel

TAGS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pyprobe.env")


def read_tags(path):
    """The tag file as a dict, and how its interpreter differs from this
    one (None if it is this one), read with the helper pyprobe installs."""
    pyprobe = os.environ.get("PYPROBE", "pyprobe")
    datadir = subprocess.check_output([pyprobe, "--print-datadir"],
                                      universal_newlines=True).strip()
    sys.path.insert(0, datadir)
    import pyprobe_env
    env = pyprobe_env.load(path)
    return env, pyprobe_env.mismatch(env)


def make_plan(env, mismatch):
    """What pyprobe decided, in setuptools' terms."""
    flags = shlex.split(env["PYPROBE_BUILD_CPPFLAGS"])
    macros = [tuple(f[2:].split("=", 1)) if "=" in f else (f[2:], None)
              for f in flags if f.startswith("-D")]
    return {"build_path": env["PYPROBE_BUILD_PATH"],
            "suffix": env["PYPROBE_BUILD_SUFFIX"],
            "wheel_tag": env["PYPROBE_WHEEL_TAG"],
            "macros": macros, "mismatch": mismatch}


if os.path.exists(TAGS):
    plan = make_plan(*read_tags(TAGS))
else:           # pip install from the sdist: setuptools' defaults are right
    plan = {"build_path": "version-specific", "suffix": None,
            "wheel_tag": None, "macros": [], "mismatch": None}
print("pyprobe: building %(build_path)s, suffix %(suffix)s, wheel tag "
      "%(wheel_tag)s" % plan, file=sys.stderr)


class BuildExt(build_ext):
    def run(self):
        # the plan is for that interpreter: the wheel would be wrong
        if plan["mismatch"]:
            sys.exit("pyprobe: %s: %s" % (TAGS, plan["mismatch"]))
        super().run()

    def get_ext_filename(self, fullname):
        # setuptools knows .abi3.so, not .abi3t.so: use pyprobe's suffix
        if not plan["suffix"]:
            return super().get_ext_filename(fullname)
        return os.path.join(*fullname.split(".")) + plan["suffix"]


class BdistWheel(bdist_wheel):
    def get_tag(self):
        if not plan["wheel_tag"]:
            return super().get_tag()
        return tuple(plan["wheel_tag"].split("-"))


class PyprobePlan(Command):
    description = "print what the build would do, as JSON"
    user_options = []

    def initialize_options(self):
        pass

    def finalize_options(self):
        pass

    def run(self):
        ext = self.distribution.ext_modules[0]
        print(json.dumps(dict(plan, macros=ext.define_macros,
                              filename=BuildExt(self.distribution)
                              .get_ext_filename(ext.name),
                              py_limited_api=ext.py_limited_api)))


setup(
    ext_modules=[Extension(
        "pyprobe_cdemo._speedups", ["pyprobe_cdemo/_speedups.c"],
        define_macros=plan["macros"],
        py_limited_api=plan["build_path"] != "version-specific")],
    cmdclass={"build_ext": BuildExt, "bdist_wheel": BdistWheel,
              "pyprobe_plan": PyprobePlan},
)
