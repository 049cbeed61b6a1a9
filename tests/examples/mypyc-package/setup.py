# setup.py: compile with mypyc where the tag file that pyprobe wrote in the
# before-build step says so (PYPROBE_MYPYC), else build pure Python.
import os
import subprocess
import sys

from setuptools import setup

TAGS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pyprobe.env")


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


if os.path.exists(TAGS):
    env = read_tags(TAGS)
    use_mypyc, why = env["PYPROBE_MYPYC"], env["PYPROBE_MYPYC_REASON"]
else:
    use_mypyc, why = False, "no pyprobe.env (before-build writes it)"
print("pyprobe: mypyc %s: %s" % ("used" if use_mypyc else "skipped", why),
      file=sys.stderr)

ext_modules = []
if use_mypyc:
    from mypyc.build import mypycify
    ext_modules = mypycify(["pyprobe_demo/core.py"])
setup(ext_modules=ext_modules)
