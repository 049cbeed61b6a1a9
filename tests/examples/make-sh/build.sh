#!/bin/sh
# build.sh: build mod.c for $PYTHON (default python3) the way pyprobe says.
set -e
mkdir -p build
pyprobe --tags build/python.env "$@"
. build/python.env
echo "building mod for $PYPROBE_ABI_TAG: $PYPROBE_BUILD_PATH"
# flags are escaped for the shell, as pkg-config's are: expand with eval
eval "set -- $PYPROBE_BUILD_CPPFLAGS $PYPROBE_MODULE_LDFLAGS"
${CC:-cc} "$@" -fPIC -shared -o "build/mod$PYPROBE_BUILD_SUFFIX" mod.c
