# build.sh: hatchling is not available as a wheel here, so no isolation: a
set -e
# virtual environment that sees Debian's hatchling, mypy and setuptools,
# pyprobe installed into it from dist/, and the build run there.
python3 -m venv --system-site-packages build-env
build-env/bin/pip install --no-index dist/pyprobe-*.whl
build-env/bin/pip wheel --no-build-isolation --no-index .
