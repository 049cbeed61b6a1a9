"""python -m pyprobe ARG...: the pyprobe command (pyprobe --help), with
the interpreter running this as its default interpreter ($PYTHON), as
``python -m pip`` works on its own interpreter; --python still wins."""

import os
import subprocess
import sys

from . import Error, executable


def main():
    try:
        program = executable()
    except Error as error:
        print(error.message, file=sys.stderr)
        return error.status
    arguments = [program] + sys.argv[1:]
    environment = dict(os.environ, PYTHON=sys.executable)
    sys.stdout.flush()
    try:
        if os.name == "posix":
            os.execve(program, arguments, environment)
        return subprocess.call(arguments, env=environment)
    except OSError as error:
        print("pyprobe: %s: %s" % (program, error.strerror or error),
              file=sys.stderr)
        return 126          # found but cannot run, as sh says


if __name__ == "__main__":
    sys.exit(main())
