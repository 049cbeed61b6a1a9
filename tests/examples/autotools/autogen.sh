#!/bin/sh
# autogen.sh: make configure. aclocal finds pyprobe.m4 where pyprobe put it.
ACLOCAL_PATH=$(pyprobe --print-aclocaldir) autoreconf -fi
