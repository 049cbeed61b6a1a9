"""A pure-Python package that pyprobe's example compiles with mypyc where
the interpreter running the build allows it."""
from . import core
from .core import fib

__all__ = ["compiled", "fib"]


def compiled():
    """True when core is the mypyc-compiled extension, not core.py."""
    return not core.__file__.endswith(".py")
