#!/bin/sh
# arm64.sh - a real aarch64 CPython: Debian's arm64 python3.11, unpacked
# into a sysroot and run under QEMU user mode through a two-line wrapper
# (tests/tools/setup-arm64-python.sh; $PYPROBE_TEST_ARM64 names the
# wrapper, the sysroot is beside it). For each pyprobe under test:
#
#  1. the live probe through the wrapper: every public name against what
#     the interpreter says through its own sysconfig (tools/expected-facts.py
#     plus the names it does not cover), and every name against Debian's
#     x86_64 python3.11, the same build for another CPU;
#  2. pyprobe tags, live, --use-sysconfig, from a facts file and from the
#     sysroot's _sysconfigdata, against packaging 26.3 run by the arm64
#     interpreter itself (../shared/oracle), or where that is not here
#     against the list recorded from it
#     (tests/data/oracle-tags/debian-arm64-python3.11.txt);
#  3. --sysconfigdata (both of the sysroot's files) and --facts give the
#     live probe's values;
#  4. tests/examples/make-sh/build.sh cross-compiles mod.c with
#     aarch64-linux-gnu-gcc and pyprobe's flags, version-specific and
#     abi3, and the arm64 interpreter imports each (and verify-import
#     passes).
#
# The pyprobes: the one built here ($PYPROBE), and an aarch64 pyprobe
# when $PYPROBE_AARCH64 names one (make check-aarch64 cross-builds it),
# run under qemu-aarch64-static; their answers must then be the same,
# byte for byte.
. "$(dirname "$0")/../lib.sh"

wrapper=${PYPROBE_TEST_ARM64:-}
if [ -z "$wrapper" ] || [ ! -x "$wrapper" ]; then
    skip "no arm64 CPython: set PYPROBE_TEST_ARM64 to the wrapper that" \
         "tests/tools/setup-arm64-python.sh DEST prints (.ci/run does)"
fi
require_debian_python
sysroot=$(cd "$(dirname "$wrapper")/sysroot" && pwd) ||
    fatal "no sysroot beside $wrapper"
command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 ||
    fatal "aarch64-linux-gnu-gcc is missing (apt-get install gcc-aarch64-linux-gnu)"
cross_cc="aarch64-linux-gnu-gcc --sysroot=$sysroot"
recorded=$top_srcdir/tests/data/oracle-tags/debian-arm64-python3.11.txt
oracle=${PYPROBE_ORACLE:-$top_srcdir/../shared/oracle}
[ -x "$oracle/sys-tags" ] || oracle=
native=$PYPROBE

# The reference list, once: packaging 26.3 run by the arm64 interpreter.
if [ -n "$oracle" ]; then
    "$oracle/sys-tags" "$wrapper" >"$T/want-tags" </dev/null ||
        fatal "the reference failed on $wrapper"
    note "reference: packaging 26.3 ($oracle) run by $wrapper"
    if [ "${PYPROBE_RECORD_ORACLE:-0}" = 1 ]; then
        cp "$T/want-tags" "$recorded" || fatal "cannot write $recorded"
        note "recorded $recorded"
    fi
    check "the recorded arm64 list is still the reference's" \
        cmp -s "$T/want-tags" "$recorded"
else
    cp "$recorded" "$T/want-tags" || fatal "no $recorded"
    note "no reference here: comparing with $recorded"
fi

# aarch64_pyprobe: a wrapper running $PYPROBE_AARCH64 under QEMU (without
# -L: the host's multiarch arm64 libc and jansson serve it, and its file
# names stay the host's), after checking what it is: $T/pyprobe-aarch64.
aarch64_pyprobe() {
    readelf -h "$PYPROBE_AARCH64" >"$T/readelf" 2>&1 ||
        fatal "readelf cannot read $PYPROBE_AARCH64"
    note "$PYPROBE_AARCH64: $(grep 'Machine:' "$T/readelf" | tr -s ' ')"
    grep -q 'Machine: *AArch64' "$T/readelf" ||
        fatal "$PYPROBE_AARCH64 is not an AArch64 program"
    printf '#!/bin/sh\nexec qemu-aarch64-static "%s" "$@"\n' \
        "$PYPROBE_AARCH64" >"$T/pyprobe-aarch64"
    chmod +x "$T/pyprobe-aarch64"
}

# The names expected-facts.py does not give, as this interpreter's own
# sysconfig (and os, importlib) say them; the policy's decisions are
# checked against x86_64 python3.11's below.
more_expected() {
    "$wrapper" -I -c '
import importlib.machinery, os, sys, sysconfig
v = sysconfig.get_config_var
platform_tag = sysconfig.get_platform().replace("-", "_").replace(".", "_")
library = v("LDLIBRARY")
print("python=" + sys.argv[1])
print("executable=" + sys.executable)
print("implementation_version=%d.%d.%d" % sys.implementation.version[:3])
print("platform_tag=" + platform_tag)
print("libc=glibc " + os.confstr("CS_GNU_LIBC_VERSION").split()[1])
print("libpython=" + library[len("lib"):library.index(".so")])
print("shared=%d" % v("Py_ENABLE_SHARED"))
print("stable_abi_suffixes=" + " ".join(
    s for s in importlib.machinery.EXTENSION_SUFFIXES if ".abi3" in s))
print("cppflags=-I" + sysconfig.get_paths()["include"])
print("build_suffix=" + v("EXT_SUFFIX"))
print("wheel_tag=cp%s-cp%s-%s" % (v("py_version_nodot"),
      v("SOABI").split("-")[1], platform_tag))
' "$wrapper"
}

# names_live: 1. the live probe, name by name.
names_live() {
    for nl_mode in "" --use-sysconfig; do
        {
            "$wrapper" -I "$top_srcdir/tests/tools/expected-facts.py" &&
                more_expected
        } >"$T/want" || { fail "the arm64 interpreter's own answer failed"; return; }
        nl_gets=
        for nl_n in $(cut -d= -f1 "$T/want"); do nl_gets="$nl_gets --get $nl_n"; done
        # shellcheck disable=SC2086
        "$PYPROBE" --python "$wrapper" $nl_mode $nl_gets >"$T/values" ||
            { fail "pyprobe --python $wrapper $nl_mode failed"; continue; }
        for nl_n in $(cut -d= -f1 "$T/want"); do
            IFS= read -r nl_v && printf '%s=%s\n' "$nl_n" "$nl_v"
        done <"$T/values" >"$T/got"
        if cmp -s "$T/want" "$T/got"; then
            pass "live ${nl_mode:-fast path}: $(wc -l <"$T/got") names equal the" \
                 "interpreter's sysconfig ($(grep -E '^(platform_tag|ext_suffix)=' "$T/got" | tr '\n' ' '))"
        else
            fail "live ${nl_mode:-fast path}: pyprobe and the arm64 interpreter disagree:"
            diff "$T/want" "$T/got" | sed 's/^/    /'
        fi
    done
    # Every name, against the same Debian build for x86_64: only the CPU
    # and the sysroot may differ (and the name it was called by).
    all_values "$T/arm64" --python "$wrapper" || { fail "probe of $wrapper failed"; return; }
    all_values "$T/x86" --python "$DEBIAN_PY" || { fail "probe of $DEBIAN_PY failed"; return; }
    sed "s|$sysroot||g" "$T/arm64" >"$T/arm64.mapped"
    sed 's/x86_64/aarch64/g' "$T/x86" >"$T/x86.mapped"
    same_values "every name but PYTHON equals x86_64 python3.11's" \
        "$T/x86.mapped" "$T/arm64.mapped"
    cp "$T/arm64" "$answers/values-arm64"
    cp "$T/x86" "$answers/values-x86_64"
}

# tags_list WHAT ARGS...: 2. one list against the reference.
tags_list() {
    tl_what=$1
    shift
    if ! "$PYPROBE" tags "$@" >"$T/got-tags" 2>"$T/err"; then
        fail "tags $tl_what: pyprobe tags failed: $(cat "$T/err")"
        return
    fi
    if cmp -s "$T/want-tags" "$T/got-tags"; then
        pass "tags $tl_what: $(wc -l <"$T/got-tags") tags, identical to packaging 26.3's"
    else
        fail "tags $tl_what: the list differs from packaging 26.3's:"
        diff "$T/want-tags" "$T/got-tags" | head -n 20 | sed 's/^/    /'
    fi
}

# described: 3. description files and a facts file give the live values.
described() {
    all_values "$T/live" --python "$wrapper" || { fail "live probe failed"; return; }
    "$PYPROBE" --python "$wrapper" --json >"$T/facts.json" ||
        { fail "pyprobe --json failed"; return; }
    all_values "$T/facts" --facts "$T/facts.json" || { fail "--facts failed"; return; }
    cmp -s "$T/live" "$T/facts" &&
        pass "--facts: every name, PYTHON included, equals the live probe" ||
        { fail "--facts differs from the live probe:"; diff "$T/live" "$T/facts" | sed 's/^/    /'; }
    tags_list "(--facts)" --facts "$T/facts.json"
    for de_file in "$sysroot"/usr/lib/python3.11/_sysconfigdata_*.py; do
        de_name=$(basename "$de_file")
        if ! all_values "$T/file" --sysconfigdata "$de_file" --libc glibc-2.36; then
            fail "--sysconfigdata $de_name failed"
            continue
        fi
        same_values "--sysconfigdata $de_name (version from the sysroot's patchlevel.h) gives the live values" \
            "$T/live" "$T/file"
        tags_list "(--sysconfigdata $de_name)" --sysconfigdata "$de_file" --libc glibc-2.36
        cp "$T/file" "$answers/values-$de_name"
    done
}

# extension: 4. cross-compile mod.c with build.sh, import it on arm64.
extension() {
    rm -rf "$T/ext"
    mkdir -p "$T/ext/bin"
    cp "$top_srcdir/tests/examples/make-sh/build.sh" \
        "$top_srcdir/tests/examples/make-sh/mod.c" "$T/ext/" || fatal "no build.sh"
    ln -s "$PYPROBE" "$T/ext/bin/pyprobe"
    for ex_policy in "" --limited-api=3.8; do
        rm -rf "$T/ext/build"
        # shellcheck disable=SC2086
        if ! (cd "$T/ext" && PATH=$T/ext/bin:$PATH PYTHON=$wrapper \
                CC=$cross_cc sh ./build.sh $ex_policy) >"$T/build.log" 2>&1; then
            fail "build.sh $ex_policy with $cross_cc failed:"
            sed 's/^/    /' "$T/build.log"
            continue
        fi
        case $ex_policy in
        "") ex_file=mod.cpython-311-aarch64-linux-gnu.so ex_build=version-specific ;;
        *)  ex_file=mod.abi3.so ex_build="abi3 0x03080000" ;;
        esac
        if [ "$(ls "$T/ext/build" | grep '\.so$')" != "$ex_file" ]; then
            fail "build.sh $ex_policy made $(ls "$T/ext/build" | tr '\n' ' '), not $ex_file"
            continue
        fi
        readelf -h "$T/ext/build/$ex_file" | grep -q 'Machine: *AArch64' ||
            { fail "$ex_file is not an AArch64 object"; continue; }
        ex_got=$("$wrapper" -I -c 'import sys; sys.path.insert(0, sys.argv[1])
import mod; print(mod.build(), mod.add(40, 2), mod.__file__.rsplit("/", 1)[1])' \
            "$T/ext/build" 2>&1)
        if [ "$ex_got" = "$ex_build 42 $ex_file" ]; then
            pass "cross-compiled $ex_file (AArch64) imported by the arm64 interpreter: $ex_got"
        else
            fail "importing $ex_file on arm64: got '$ex_got', expected '$ex_build 42 $ex_file'"
        fi
        if "$PYPROBE" verify-import --python "$wrapper" --path "$T/ext/build" mod \
                >"$T/out" 2>"$T/err"; then
            pass "verify-import mod ($ex_file): $(cat "$T/out")"
        else
            fail "verify-import mod ($ex_file): $(cat "$T/out" "$T/err")"
        fi
    done
}

pyprobes=$native
if [ -n "${PYPROBE_AARCH64:-}" ]; then
    aarch64_pyprobe
    pyprobes="$pyprobes $T/pyprobe-aarch64"
fi
n=0
for PYPROBE in $pyprobes; do
    n=$((n + 1))
    answers=$T/answers-$n
    mkdir -p "$answers"
    case $PYPROBE in
    "$native") note "=== pyprobe: $PYPROBE ($(uname -m), native)" ;;
    *) note "=== pyprobe: $PYPROBE_AARCH64 under qemu-aarch64-static" ;;
    esac
    names_live
    tags_list "(live)" --python "$wrapper"
    cp "$T/got-tags" "$answers/tags"
    tags_list "(--use-sysconfig)" --python "$wrapper" --use-sysconfig
    described
    extension
    # Other answers both pyprobes must give alike.
    "$PYPROBE" tags --python "$DEBIAN_PY" >"$answers/tags-x86_64" 2>&1
    "$PYPROBE" --python "$wrapper" >"$answers/summary" 2>&1
    "$PYPROBE" --python "$wrapper" --header "$answers/probe.h" \
        --tags "$answers/python.env" >/dev/null 2>&1 ||
        fail "--header/--tags for $wrapper failed"
    "$PYPROBE" check-wheel --python "$wrapper" --expect-abi cp311 \
        foo-1.0-cp311-cp311-manylinux_2_28_aarch64.whl \
        foo-1.0-cp311-abi3-manylinux_2_17_aarch64.whl \
        foo-1.0-cp311-cp311-manylinux_2_28_x86_64.whl \
        >"$answers/check-wheel" 2>&1
    echo "exit $?" >>"$answers/check-wheel"
done

if [ "$n" -gt 1 ]; then
    if diff -r "$T/answers-1" "$T/answers-2" >"$T/answers.diff"; then
        pass "the aarch64 pyprobe (under QEMU) gives the x86_64 one's answers:" \
             "$(ls "$T/answers-1" | wc -l) outputs identical ($(ls "$T/answers-1" | tr '\n' ' '))"
    else
        fail "the aarch64 pyprobe answers differently:"
        head -n 40 "$T/answers.diff" | sed 's/^/    /'
    fi
else
    note "no aarch64 pyprobe (PYPROBE_AARCH64; make check-aarch64 builds one)"
fi
finish
