#!/bin/sh
# Worked example 2 (tests/examples/c-extension): one C extension whose
# setup.py takes the build path, the macros, the file suffix and the wheel
# tag from the tag file that the before-build step wrote.
#  - built for real with python3.11: version-specific (cp311-cp311) and,
#    with the example's --limited-api=3.8, abi3 (cp38-abi3); each wheel
#    is checked, installed and imported, and the extension reports the
#    macros it was compiled with;
#  - free-threaded 3.13t/3.14t and 3.15/3.15t (abi3, abi3.abi3t, abi3t):
#    no such interpreter runs here, so the before-build step runs on the
#    recorded sheets' stand-ins and `setup.py pyprobe_plan` shows what the
#    build would do (tag, suffix, macros) without compiling against
#    headers that are not here; building from such a tag file with
#    python3.11 stops with pyprobe's message, and makes no wheel.
# The before-build command is read from the example's pyproject.toml.
. "$(dirname "$0")/common.sh"
py=$(build_python) || exit 77

abi3_command=$(cibw_option "$py" "$examples/c-extension/pyproject.toml" \
               before-build "$tmp/pkg") ||
    fatal "no before-build in pyproject.toml"
echo "before-build: $abi3_command"
case $abi3_command in
    *--limited-api=3.8*) ;;
    *) fail "the example's before-build does not ask for --limited-api=3.8" ;;
esac
plain_command=$(printf '%s' "$abi3_command" | sed 's/ --limited-api=[0-9.]*//')

# prepare PYTHON COMMAND: a fresh copy of the package, and before-build
# run in it with PYTHON as python.
prepare() {
    rm -rf "$tmp/pkg" "$tmp/bin"
    cp -R "$examples/c-extension" "$tmp/pkg" && chmod -R u+w "$tmp/pkg" ||
        fatal "cannot copy the example"
    fake_path "$tmp/bin" "$1"
    (cd "$tmp/pkg" && PATH="$tmp/bin:$PATH" sh -c "$2")
}

# real NAME COMMAND WHEEL-TAG EXPECT-ABI SO BUILD: build with python3.11,
# check the wheel's name and its one extension, install it, import it.
real() {
    name=$1 wheel_name=pyprobe_cdemo-1.0-$3.whl
    prepare "$py" "$2" || { fail "$name: before-build failed"; return; }
    log=$tmp/$name.log
    if ! pip_wheel "$py" "$tmp/pkg" "$tmp/$name" "$log"; then
        fail "$name: the build failed:"; tail -n 30 "$log"; return
    fi
    got=$(ls "$tmp/$name")
    [ "$got" = "$wheel_name" ] && pass "$name: built $got" ||
        { fail "$name: built '$got', expected $wheel_name"; return; }
    wheel=$tmp/$name/$wheel_name
    sos=$(wheel_files "$wheel" | grep '\.so$')
    [ "$sos" = "pyprobe_cdemo/_speedups$5" ] &&
        pass "$name: the one extension is _speedups$5" ||
        fail "$name: extensions in the wheel: $sos"
    grep -q "pyprobe: building $6, suffix $5, wheel tag $3" "$log" ||
        fail "$name: the log does not show the plan"
    "$PYPROBE" check-wheel --python "$py" --expect-abi "$4" "$wheel" \
        > /dev/null || fail "$name: pyprobe check-wheel --expect-abi $4 says no"
    "$py" -m pip install -q --no-index --no-deps --target "$tmp/site-$name" \
        "$wheel" 2>/dev/null || fail "$name: pip cannot install the wheel"
    got=$(cd "$tmp" && PYTHONPATH=$tmp/site-$name "$py" -c \
          'import pyprobe_cdemo as d; print(d.build(), d.add(2, 3))')
    [ "$got" = "$7 5" ] && pass "$name: it imports and says: $got" ||
        fail "$name: import gave '$got', expected '$7 5'"
}

real version-specific "$plain_command" cp311-cp311-linux_x86_64 cp311 \
    .cpython-311-x86_64-linux-gnu.so version-specific version-specific
real abi3 "$abi3_command" cp38-abi3-linux_x86_64 abi3 .abi3.so abi3 \
    "abi3 0x03080000"

# plan SHEET OPTIONS -- KEY=VALUE...: before-build on the stand-in for
# SHEET (with the example's options plus OPTIONS), then the plan setup.py
# makes, compared with KEY=VALUE and with pyprobe's own answers.
plan() {
    sheet=$1; shift
    extra=
    while [ "$1" != -- ]; do extra="$extra $1"; shift; done
    shift
    stand=$(stand_in "$sheet")
    prepare "$stand" "$abi3_command$extra" ||
        { fail "$sheet$extra: before-build failed"; return; }
    if ! (cd "$tmp/pkg" && "$py" setup.py -q pyprobe_plan) \
            > "$tmp/plan.json" 2> "$tmp/plan.log"; then
        fail "$sheet$extra: setup.py pyprobe_plan failed:"; cat "$tmp/plan.log"
        return
    fi
    "$PYPROBE" --python "$stand" --limited-api=3.8 $extra \
        --get build_cppflags --get build_path > "$tmp/pyprobe.out"
    "$py" - "$tmp/plan.json" "$tmp/pyprobe.out" "$sheet$extra" "$@" <<'PY'
import json, shlex, sys
plan = json.load(open(sys.argv[1]))
cppflags, path = open(sys.argv[2]).read().splitlines()
label, status = sys.argv[3], 0
want = dict(pair.split("=", 1) for pair in sys.argv[4:])
if not plan["mismatch"]:
    print("FAIL - %s: the plan does not say that the tag file is another "
          "interpreter's" % label)
    status = 1
got = {"build_path": plan["build_path"], "wheel_tag": plan["wheel_tag"],
       "filename": plan["filename"],
       "macros": " ".join(m[0] + ("=" + m[1] if m[1] else "")
                          for m in plan["macros"]),
       "limited": str(plan["py_limited_api"])}
for key, value in want.items():
    if got[key] != value:
        print("FAIL - %s: %s is %r, expected %r" % (label, key, got[key], value))
        status = 1
# The macros setup.py defines are exactly pyprobe's -D flags.
flags = [f[2:] for f in shlex.split(cppflags) if f.startswith("-D")]
if got["macros"] != " ".join(flags) or path != plan["build_path"]:
    print("FAIL - %s: setup.py plans %r %r, pyprobe says %r %r"
          % (label, plan["build_path"], got["macros"], path, flags))
    status = 1
if not status:
    print("ok - %s: would build %s as %s, macros: %s" % (
        label, plan["wheel_tag"], plan["filename"], got["macros"] or "none"))
sys.exit(status)
PY
    [ $? = 0 ] || count_failure
}

plan cpython-3.14t -- build_path=version-specific \
    wheel_tag=cp314-cp314t-linux_x86_64 \
    filename=pyprobe_cdemo/_speedups.cpython-314t-x86_64-linux-gnu.so \
    macros= limited=False
plan cpython-3.13t -- build_path=version-specific \
    wheel_tag=cp313-cp313t-linux_x86_64 \
    filename=pyprobe_cdemo/_speedups.cpython-313t-x86_64-linux-gnu.so \
    macros= limited=False
plan cpython-3.15 -- build_path=abi3 wheel_tag=cp38-abi3-linux_x86_64 \
    filename=pyprobe_cdemo/_speedups.abi3.so \
    macros=Py_LIMITED_API=0x03080000 limited=True
plan cpython-3.15t -- build_path=version-specific \
    wheel_tag=cp315-cp315t-linux_x86_64 limited=False macros=
plan cpython-3.15 --abi3t=yes -- build_path=abi3.abi3t \
    wheel_tag=cp315-abi3.abi3t-linux_x86_64 \
    filename=pyprobe_cdemo/_speedups.abi3t.so limited=True
plan cpython-3.15t --abi3t=yes -- build_path=abi3.abi3t \
    wheel_tag=cp315-abi3.abi3t-linux_x86_64 \
    filename=pyprobe_cdemo/_speedups.abi3t.so limited=True
plan cpython-3.15t --abi3t=only -- build_path=abi3t \
    wheel_tag=cp315-abi3t-linux_x86_64 \
    filename=pyprobe_cdemo/_speedups.abi3t.so limited=True

# Building, not planning, from the 3.14t tag file with python3.11: no wheel.
if prepare "$(stand_in cpython-3.14t)" "$abi3_command"; then
    log=$tmp/foreign.log
    want="pyprobe: $tmp/pkg/pyprobe.env: the tag file describes cp314t"
    if pip_wheel "$py" "$tmp/pkg" "$tmp/foreign" "$log"; then
        fail "foreign: python3.11 built $(ls "$tmp/foreign") from 3.14t's tag file"
    elif grep -q "$want .*, but this is $py " "$log"; then
        pass "foreign: the build stops: $(grep -o "$want.*" "$log" | sed 1q)"
    else
        fail "foreign: the build failed, but not with pyprobe's message:"
        tail -n 20 "$log"
    fi
else
    fail "foreign: before-build failed"
fi

finish
