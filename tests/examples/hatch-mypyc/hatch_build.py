# hatch_build.py: a hatchling build hook that compiles with mypyc where the
# tag file that pyprobe wrote in the before-build step says so
# (PYPROBE_MYPYC), and tags the wheel as pyprobe says (PYPROBE_WHEEL_TAG);
# else the wheel stays pure Python.
import os
import subprocess
import sys

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

MODULES = ["pyprobe_hdemo/core.py"]


def read_tags(path):
    """The tag file as a dict, read with the helper pyprobe installs; stop
    if it was written for another interpreter."""
    pyprobe = os.environ.get("PYPROBE", "pyprobe")
    datadir = subprocess.check_output([pyprobe, "--print-datadir"],
                                      universal_newlines=True).strip()
    sys.path.insert(0, datadir)
    import pyprobe_env
    env = pyprobe_env.load(path)
    problem = pyprobe_env.mismatch(env)
    if problem:
        # its decisions are for that interpreter: the wheel would be wrong
        sys.exit("pyprobe: %s: %s" % (path, problem))
    return env


class PyprobeMypycHook(BuildHookInterface):
    def initialize(self, version, build_data):
        if self.target_name != "wheel":
            return
        tags = os.path.join(self.root, "pyprobe.env")
        if os.path.exists(tags):
            env = read_tags(tags)
            use_mypyc, why = env["PYPROBE_MYPYC"], env["PYPROBE_MYPYC_REASON"]
        else:
            use_mypyc, why = False, "no pyprobe.env (before-build writes it)"
        print("pyprobe: mypyc %s: %s" % ("used" if use_mypyc else "skipped",
                                         why), file=sys.stderr)
        if not use_mypyc:
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
        build_data["tag"] = env["PYPROBE_WHEEL_TAG"]
