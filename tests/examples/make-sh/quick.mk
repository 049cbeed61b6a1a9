include build/python.env
all: mod$(PYPROBE_EXT_SUFFIX)
build/python.env: FORCE
	mkdir -p build && pyprobe --tags $@
FORCE:
mod$(PYPROBE_EXT_SUFFIX): mod.c build/python.env
	$(CC) $(PYPROBE_CPPFLAGS) -fPIC -shared -o $@ mod.c $(PYPROBE_MODULE_LDFLAGS)
