# install.sh: pyprobe from its wheel in dist/, into a virtual environment,
# offline; then the command and the Python API answer for that interpreter.
python3 -m venv venv
venv/bin/pip install --no-index dist/pyprobe-*.whl
venv/bin/pyprobe --python venv/bin/python --get abi_tag
venv/bin/python -c 'import pyprobe; print(pyprobe.probe()["wheel_tag"])'
