# hatch_build.py: a hatchling build hook that compiles with mypyc where
# pyprobe says so for the interpreter running the build (GIL CPython, under
# the default policy), and tags the wheel as pyprobe says; else the wheel
# stays pure Python.
import os
import sys

import pyprobe
from hatchling.builders.hooks.plugin.interface import BuildHookInterface

MODULES = ["pyprobe_hdemo/core.py"]


class PyprobeMypycHook(BuildHookInterface):
    def initialize(self, version, build_data):
        if self.target_name != "wheel":
            return
        facts = pyprobe.probe()             # raises pyprobe.Error on failure
        print("pyprobe: mypyc %s: %s" % ("used" if facts["mypyc"] else "skipped",
                                         facts["mypyc_reason"]), file=sys.stderr)
        if not facts["mypyc"]:
            return
        # mypyc makes setuptools Extensions; build them with setuptools
        from mypyc.build import mypycify
        from setuptools import Distribution
        here = os.getcwd()
        os.chdir(self.root)
        try:
            build = Distribution({"ext_modules": mypycify(MODULES)})
            build_ext = build.get_command_obj("build_ext")
            build_ext.build_lib = os.path.join("build", "hatch-mypyc")
            build_ext.ensure_finalized()
            build_ext.run()
            outputs = build_ext.get_outputs()
        finally:
            os.chdir(here)
        for path in outputs:
            relative = os.path.relpath(path, os.path.join("build", "hatch-mypyc"))
            build_data["force_include"][os.path.join(self.root, path)] = relative
        build_data["pure_python"] = False
        build_data["tag"] = facts["wheel_tag"]
