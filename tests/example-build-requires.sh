#!/bin/sh
# Worked example (tests/examples/build-requires): pyprobe in
# build-system.requires, and a setup.py that asks pyprobe.probe() about
# the interpreter running the build. Built as the README prints it
# (build.sh: pip wheel with build isolation, offline, pyprobe's wheel from
# dist/ and setuptools and wheel from /usr/share/python-wheels), in a
# virtual environment of Debian's python3.11 (an abi3 wheel, cp38-abi3)
# and of Debian's pypy3 (a version-specific wheel, pp39-pypy39_pp73: no
# limited API there). Not the free-threaded CPython: Debian's setuptools
# wheel, the only one here, is patched for Debian's interpreters and
# fails on another ("AttributeError: install_layout"). Each wheel's name is the tag pyprobe gives, check-wheel
# --expect-abi accepts it, and it installs and imports in that
# environment, saying how it was compiled. The C source is the
# c-extension example's (pyprobe_cdemo). Uses the pyprobe wheel that
# tests/static-binary.sh built. Also runs the README's install recipe
# (tests/examples/wheel/install.sh) as printed.
. "$top_srcdir/tests/examples/common.sh"
example=$examples/build-requires
pyprobe_wheel=$(ls "$top_builddir"/tests/static-build/build/dist/pyprobe-*.whl 2>/dev/null) || {
    echo "ERROR: no pyprobe wheel: tests/static-binary.sh makes it (make check runs it first)"
    exit 99
}
for whl in setuptools wheel; do
    ls /usr/share/python-wheels/"$whl"-*.whl >/dev/null 2>&1 || {
        echo "SKIP: no $whl wheel in /usr/share/python-wheels (apt-get install" \
             "python3-setuptools-whl python3-wheel-whl, as in the README's Quick start)"
        exit 77
    }
done
for file in pyproject.toml setup.py build.sh; do
    same_as_readme "tests/examples/build-requires/$file" "$example/$file"
done

# The README's install recipe, as printed, in a directory with dist/.
same_as_readme tests/examples/wheel/install.sh "$examples/wheel/install.sh"
mkdir "$tmp/install" "$tmp/install/dist" && cp "$pyprobe_wheel" "$tmp/install/dist/" || exit 99
if (cd "$tmp/install" && env PATH="/usr/bin:$PATH" sh -e "$examples/wheel/install.sh") \
        >"$tmp/install.log" 2>&1; then
    want="$("$PYPROBE" --python /usr/bin/python3 --get abi_tag --get wheel_tag)"
    [ "$(tail -n 2 "$tmp/install.log")" = "$want" ] &&
        ok "install.sh: the wheel's pyprobe and API answer for the venv: $(tail -n 2 "$tmp/install.log" | tr '\n' ' ')" ||
        { fail "install.sh printed, expected $want:"; cat "$tmp/install.log"; }
else
    fail "install.sh failed:"; cat "$tmp/install.log"
fi

# Debian's pythons only: Debian's setuptools wheel is patched for them
# (install_layout), and fails on another CPython (the free-threaded one).
pythons="/usr/bin/python3.11 /usr/bin/pypy3"
n=0
for py in $pythons; do
    n=$((n + 1))
    venv=$tmp/venv$n pkg=$tmp/pkg$n
    "$py" -m venv "$venv" || { fail "$py: cannot make a virtual environment"; continue; }
    cp -R "$example" "$pkg" && cp -R "$examples/c-extension/pyprobe_cdemo" "$pkg/" &&
        chmod -R u+w "$pkg" && mkdir "$pkg/dist" && cp "$pyprobe_wheel" "$pkg/dist/" ||
        exit 99
    tag=$("$PYPROBE" --python "$py" --limited-api=3.8 --get wheel_tag)
    build_path=$("$PYPROBE" --python "$py" --limited-api=3.8 --get build_path)
    log=$tmp/build$n.log
    if ! (cd "$pkg" && env PATH="$venv/bin:$PATH" PIP_VERBOSE=1 sh ./build.sh) >"$log" 2>&1; then
        fail "$py: the build failed:"; tail -n 30 "$log"; continue
    fi
    built=$(cd "$pkg" && ls pyprobe_cdemo-*.whl)
    [ "$built" = "pyprobe_cdemo-1.0-$tag.whl" ] && ok "$py: built $built" ||
        { fail "$py: built '$built', expected pyprobe_cdemo-1.0-$tag.whl"; continue; }
    grep -q 'Installing build dependencies' "$log" &&
        grep -q "Processing ./dist/$(basename "$pyprobe_wheel")" "$log" &&
        ok "$py: pip installed the build requirements, pyprobe from dist/, in isolation" ||
        fail "$py: the log does not show pyprobe installed for an isolated build"
    grep -q "pyprobe: building $build_path for .*, wheel tag $tag" "$log" &&
        ok "$py: setup.py's pyprobe.probe() chose $build_path" ||
        fail "$py: the log does not show setup.py's plan"
    abi=$(echo "$tag" | cut -d- -f2)
    "$PYPROBE" check-wheel --python "$py" --expect-abi "$abi" "$pkg/$built" >/dev/null &&
        ok "$py: check-wheel --expect-abi $abi accepts it" ||
        fail "$py: check-wheel --expect-abi $abi refuses it"
    "$venv/bin/python" -m pip install -q --no-index --no-deps "$pkg/$built" ||
        { fail "$py: pip cannot install $built"; continue; }
    said=$(cd "$tmp" && "$venv/bin/python" -c 'import pyprobe_cdemo as d; print(d.build(), d.add(2, 3))')
    case $build_path:$said in
        abi3:"abi3 0x03080000 5"|version-specific:"version-specific 5")
            ok "$py: it imports and says: $said" ;;
        *) fail "$py: importing it says '$said' for $build_path" ;;
    esac
done
exit $status
