"""A C extension that pyprobe's example builds version-specific, abi3 or
abi3t, as the tag file says."""
from ._speedups import add, build

__all__ = ["add", "build"]
