# build.sh: the wheel, offline, with build isolation: pip installs
# build-system.requires from dist/ (pyprobe) and Debian's wheels of
# setuptools and wheel (python3-setuptools-whl, python3-wheel-whl).
pip wheel --no-index --find-links dist --find-links /usr/share/python-wheels .
