mkdir -p build
pyprobe --tags build/python.env
. build/python.env
if [ "$PYPROBE_FREE_THREADED" = 1 ]; then echo "free-threaded: $PYPROBE_ABI_TAG"; fi
eval "set -- $PYPROBE_CPPFLAGS $PYPROBE_MODULE_LDFLAGS"   # flags are escaped for sh
cc "$@" -fPIC -shared -o "mod$PYPROBE_EXT_SUFFIX" mod.c
