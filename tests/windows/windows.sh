#!/bin/sh
# windows.sh - pyprobe.exe (cross-built with mingw-w64) under Wine.
#
# make check-windows builds pyprobe.exe and the Windows stand-in
# interpreter (tests/windows/stand-in.c) and runs this with
# PYPROBE_WINDOWS_EXE, PYPROBE_WINDOWS_STAND_IN and PYPROBE_WINDOWS_OBJDUMP
# set. What it checks:
#   - pyprobe.exe needs no DLL beyond Windows' own;
#   - every command runs, and --help says what the native program says;
#   - live probes: Wine runs this machine's python3 and Debian's
#     python3.11 for pyprobe.exe (Z:\usr\bin\python3.11), and the
#     answer is the native pyprobe's on every name but PYTHON and EXECUTABLE (the interpreter is named by
#     its Windows path, and Python cannot tell its own path from one);
#   - the process handling, with the stand-in (a real Windows program):
#     the probe script arrives byte for byte; a hanging interpreter is
#     killed at --timeout, and at Ctrl-C (a SIGINT to Wine), with the
#     program it started; a flood of output and a crash are errors;
#   - the -l word of MODULE_LDFLAGS, given to MinGW's linker with
#     import libraries made by dlltool, links the DLL of the build path;
#   - the wheel make wheel builds from it (PYPROBE_WINDOWS_WHEEL): name,
#     tag, RECORD and files, its program runs, pyprobe.exe's check-wheel
#     accepts it on win_amd64 interpreters only;
#   - the recorded Windows interpreters (tests/fixtures/synthetic/
#     windows-*.json) replayed through the stand-in: facts, decisions
#     and tags as the native pyprobe and packaging give them;
#   - pyprobe.exe's tag file read back by sh and GNU make: every value
#     as --json gives it, Windows paths ($(PYPROBE__BS)) included;
#   - outputs written atomically to paths with spaces and non-ASCII
#     letters, and left alone when unchanged; an output another process
#     holds open (without FILE_SHARE_DELETE) waited for, or given up on
#     after the retries with exit 7; interpreters found through
#     PATH and the PythonCore registry keys; the cache in
#     %LOCALAPPDATA%\pyprobe.
# No real Windows CPython runs here.

. "$(dirname "$0")/../lib.sh"
: "${PYPROBE_WINDOWS_EXE:?set by make check-windows}"
: "${PYPROBE_WINDOWS_STAND_IN:?set by make check-windows}"
: "${PYPROBE_WINDOWS_OBJDUMP:=x86_64-w64-mingw32-objdump}"
wine=${WINE:-/usr/lib/wine/wine64}
[ -x "$wine" ] || wine=$(command -v wine64 || command -v wine || :)
[ -n "$wine" ] || skip "Wine is not installed (apt-get install wine wine64)"
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"

# Wine's first start in a new prefix takes a while; the prefix is kept
# with the build (WINEPREFIX overrides). Wine turns the command line into
# Windows' UTF-16 by the locale: UTF-8, whatever the tests' LC_ALL.
: "${WINEPREFIX:=$top_builddir/windows/wineprefix}"
WINEDEBUG=-all
export WINEPREFIX WINEDEBUG
exe=$T/pyprobe.exe
cp "$PYPROBE_WINDOWS_EXE" "$exe"
# "win ARGS": pyprobe.exe under Wine (a script, so that run can time it).
mkdir -p "$T/bin"
printf '#!/bin/sh\nLC_ALL=C.UTF-8 exec "%s" "%s" "$@"\n' "$wine" "$exe" \
    >"$T/bin/win"
chmod +x "$T/bin/win"
PATH=$T/bin:$PATH
RUN_LIMIT=300 run "$wine" "$exe" --version ||
    fatal "Wine cannot start pyprobe.exe: $(cat "$T/err")"

# --- the program --------------------------------------------------------
"$PYPROBE_WINDOWS_OBJDUMP" -p "$exe" | sed -n 's/^[[:space:]]*DLL Name: //p' \
    >"$T/dlls"
note "pyprobe.exe imports: $(tr '\n' ' ' <"$T/dlls")"
if grep -viqxE 'kernel32\.dll|advapi32\.dll|msvcrt\.dll|ws2_32\.dll|user32\.dll|shell32\.dll' \
        "$T/dlls"; then
    fail "pyprobe.exe needs a DLL that is not Windows' own"
else
    pass "pyprobe.exe needs only Windows' own DLLs"
fi

for command in "" tags check-wheel check-release verify-import list; do
    # shellcheck disable=SC2086
    run win $command --help
    win_rc=$RC
    cp "$T/out" "$T/win-help"
    # shellcheck disable=SC2086
    run "$PYPROBE" $command --help
    if [ "$win_rc" = 0 ] && cmp -s "$T/out" "$T/win-help"; then
        pass "pyprobe.exe ${command:-(probe)} --help: as the native program"
    else
        fail "pyprobe.exe ${command:-(probe)} --help: exit $win_rc, or" \
             "not the native text"
        diff "$T/out" "$T/win-help" | head -n 10
    fi
done

# --- a live probe of this machine's python3 -------------------------------
# compare_json NATIVE WINDOWS WHAT: equal but for the interpreter's paths.
compare_json() {
    python3 - "$1" "$2" <<'PY'
import json, sys
native, windows = (json.load(open(p)) for p in sys.argv[1:3])
host = {'python', 'executable'}
probe_host = {'executable', 'base_executable', 'depends'}
differ = sorted(k for k in set(native) | set(windows)
                if k not in host | {'probe'} and native.get(k) != windows.get(k))
differ += sorted('probe.' + k for k in set(native['probe']) | set(windows['probe'])
                 if k not in probe_host
                 and native['probe'].get(k) != windows['probe'].get(k))
for k in differ:
    print('  %s: native %r, pyprobe.exe %r' % (k, native.get(k), windows.get(k)))
sys.exit(1 if differ else 0)
PY
}
# live_probe PYTHON: pyprobe.exe probes the Linux interpreter PYTHON
# through Wine (Z:\...) and must give the native answer and tags.
live_probe() {
    python=$1
    windows_python="Z:$(printf '%s' "$python" | tr / '\\')"
    expect_exit 0 win --python "$windows_python" --json
    cp "$T/out" "$T/live-win.json"
    expect_exit 0 "$PYPROBE" --python "$python" --json
    cp "$T/out" "$T/live-native.json"
    if compare_json "$T/live-native.json" "$T/live-win.json" >"$T/diff"; then
        pass "live probe of $windows_python: the native answer on every name" \
             "but PYTHON and EXECUTABLE"
    else
        fail "live probe of $windows_python differs from the native one:"
        cat "$T/diff"
    fi
    expect_exit 0 win tags --python "$windows_python"
    cp "$T/out" "$T/tags-win"
    expect_exit 0 "$PYPROBE" tags --python "$python"
    check "live probe of $windows_python: pyprobe.exe tags lists the native tags" \
        cmp -s "$T/out" "$T/tags-win"
}
# The python3 on PATH, and Debian's own python3.11 (the issue's
# Z:\usr\bin\python3.11) when that is another interpreter.
path_python=$(python3 -c 'import os, sys; print(os.path.realpath(sys.executable))')
live_probe "$path_python"
if [ -x /usr/bin/python3.11 ] &&
        [ "$(realpath /usr/bin/python3.11)" != "$path_python" ]; then
    live_probe /usr/bin/python3.11
fi

# --- process handling, with the Windows stand-in --------------------------
stand_in=$T/stand-in.exe
cp "$PYPROBE_WINDOWS_STAND_IN" "$stand_in"
start=$(date +%s%N)
PYPROBE_STAND_IN=hang PYPROBE_STAND_IN_HEARTBEAT=$T/heartbeat \
    expect_exit 4 win --python "$stand_in" --timeout 2
wall_ms=$(( ($(date +%s%N) - start) / 1000000 ))
note "the hanging stand-in: pyprobe.exe returned after $wall_ms ms (limit 2000)"
check "a hanging interpreter: the time-out error" grep -q 'did not finish within 2.000 s' "$T/err"
check "a hanging interpreter: pyprobe.exe returns soon after --timeout" \
    test "$wall_ms" -lt 6000
beat1=$(cat "$T/heartbeat" 2>/dev/null)
sleep 1
beat2=$(cat "$T/heartbeat" 2>/dev/null)
if [ -n "$beat1" ] && [ "$beat1" = "$beat2" ]; then
    pass "a hanging interpreter: the program it started is ended too"
else
    fail "a hanging interpreter: its child still runs (heartbeat $beat1, $beat2)"
fi
# Ctrl-C: Wine turns a SIGINT to a Windows program into CTRL_C_EVENT for
# its console control handlers (as Ctrl-C in a terminal does); pyprobe's
# ends the jobs of the interpreters running, then pyprobe, with
# STATUS_CONTROL_C_EXIT (0xC000013A: Wine passes its low byte, 58, on).
rm -f "$T/heartbeat"
PYPROBE_STAND_IN=hang PYPROBE_STAND_IN_HEARTBEAT=$T/heartbeat \
    win --python "$stand_in" --timeout 60 >"$T/ctrl-c.out" 2>"$T/ctrl-c.err" &
pyprobe_pid=$!
polls=0
while [ ! -s "$T/heartbeat" ] && [ $polls -lt 400 ]; do
    sleep 0.05
    polls=$((polls + 1))
done
sleep 0.3
kill -INT "$pyprobe_pid"
sent=$(date +%s%N)
polls=0
while kill -0 "$pyprobe_pid" 2>/dev/null && [ $polls -lt 100 ]; do
    sleep 0.05
    polls=$((polls + 1))
done
ctrl_c_ms=$(( ($(date +%s%N) - sent) / 1000000 ))
if kill -0 "$pyprobe_pid" 2>/dev/null; then
    fail "Ctrl-C: pyprobe.exe still runs 5 s after it"
    kill -KILL "$pyprobe_pid"
fi
ctrl_c_rc=0
wait "$pyprobe_pid" || ctrl_c_rc=$?
beat1=$(cat "$T/heartbeat" 2>/dev/null)
sleep 1
beat2=$(cat "$T/heartbeat" 2>/dev/null)
note "Ctrl-C (SIGINT to Wine) while the stand-in hangs: pyprobe.exe ended" \
     "$ctrl_c_ms ms later with status $ctrl_c_rc; heartbeat $beat1, $beat2"
check "Ctrl-C: the interpreter had started its child" test -n "$beat1"
check "Ctrl-C: pyprobe.exe ends with STATUS_CONTROL_C_EXIT (58 under Wine)" \
    test "$ctrl_c_rc" = 58
check "Ctrl-C: pyprobe.exe reports no failure of its own" \
    test ! -s "$T/ctrl-c.err"
check "Ctrl-C: the program the interpreter started is ended too" \
    test -n "$beat1" -a "$beat1" = "$beat2"

PYPROBE_STAND_IN=flood expect_exit 4 win --python "$stand_in"
check "a flood of output: stopped at the output limit" \
    grep -q 'printed more than' "$T/err"
PYPROBE_STAND_IN=crash expect_exit 4 win --python "$stand_in"
check "a crashing interpreter: an error naming its exit status" \
    grep -q 'exited with status' "$T/err"

# Arguments the MSVCRT rules make hard: blanks, quotes, backslashes
# before a quote and at the end, tabs, non-ASCII letters; the verify-import
# script (quotes, backslashes, newlines) comes first.
args_want=$T/args-want
{
    printf '%s\0' -I -S -c
    cat "$top_srcdir/data/verify_import.py"
    printf '\0%s\0' 4
    printf '%s\0' 'C:\dir with blanks\' 'a\\"b"c\' "tab	in" 'ünï cödé' mod
} >"$args_want"
PYPROBE_STAND_IN=args PYPROBE_STAND_IN_ARGS=$T/args-got \
    run win verify-import --python "$stand_in" --path 'C:\dir with blanks\' \
    --path 'a\\"b"c\' --path "tab	in" --path 'ünï cödé' mod
if cmp -s "$args_want" "$T/args-got"; then
    pass "arguments with blanks, quotes, backslashes, tabs and UTF-8" \
         "arrive byte for byte"
else
    fail "the stand-in received other arguments:"
    od -c "$T/args-got" 2>/dev/null | tail -n 8
fi

# --- the recorded Windows interpreters ------------------------------------
script=$top_srcdir/data/probe.py
pose=$top_srcdir/tests/tools/gen-synthetic-tags.py
for sheet in "$top_srcdir"/tests/fixtures/synthetic/windows-*.json; do
    name=$(basename "$sheet" .json)
    # The native pyprobe probes a stand-in that poses as the sheet's
    # interpreter; its answer is what the Windows stand-in replays.
    printf '#!/bin/sh\nexec python3 "%s" pose "%s" "$@"\n' "$pose" "$sheet" \
        >"$T/pose-$name"
    chmod +x "$T/pose-$name"
    expect_exit 0 "$PYPROBE" --python "$T/pose-$name" --json
    cp "$T/out" "$T/$name-native.json"
    python3 - "$pose" "$sheet" "$script" >"$T/$name.answer" <<'PY'
import subprocess, sys
pose, sheet, script = sys.argv[1:4]
text = open(script, encoding='utf-8').read()
sys.stdout.flush()
subprocess.run([sys.executable, pose, 'pose', sheet, '-I', '-S', '-c', text,
                'auto', 'shared'], check=True)
PY
    export PYPROBE_STAND_IN=replay PYPROBE_STAND_IN_SCRIPT="$script" \
        PYPROBE_STAND_IN_ANSWER="$T/$name.answer"
    if expect_exit 0 win --python "$stand_in" --json; then
        pass "$name: the stand-in received the probe script byte for byte"
        cp "$T/out" "$T/$name-win.json"
        if compare_json "$T/$name-native.json" "$T/$name-win.json" >"$T/diff"
        then
            pass "$name: facts and decisions as the native pyprobe's"
        else
            fail "$name: pyprobe.exe differs from the native pyprobe:"
            cat "$T/diff"
        fi
    fi
    expect_exit 0 win tags --python "$stand_in"
    python3 -c 'import json, sys; print("\n".join(json.load(open(sys.argv[1]))["packaging.tags.sys_tags"]))' \
        "$sheet" >"$T/want-tags"
    check "$name: pyprobe.exe tags is packaging 26.3's list" \
        cmp -s "$T/out" "$T/want-tags"
    # The header and the tag file, for a stable-ABI policy (the link
    # flags follow the build path): the native pyprobe's but for PYTHON,
    # which names the stand-in here and the posing script there.
    policy="--limited-api=3.11 --abi3t=yes"
    # shellcheck disable=SC2086
    expect_exit 0 win --python "$stand_in" $policy \
        --header "$T/$name-win.h" --tags "$T/$name-win.env"
    # shellcheck disable=SC2086
    expect_exit 0 "$PYPROBE" --python "$T/pose-$name" $policy \
        --header "$T/$name-native.h" --tags "$T/$name-native.env"
    for kind in h env; do
        for side in win native; do
            sed -e "s/PYPROBE_PYTHON='[^']*'/PYPROBE_PYTHON=X/" \
                -e 's/^PYPROBE_PYTHON=.*/PYPROBE_PYTHON=X/' \
                -e 's/^#define PYPROBE_PYTHON .*/#define PYPROBE_PYTHON X/' \
                "$T/$name-$side.$kind" >"$T/$name-$side.$kind.cmp" 2>/dev/null
        done
        what=$([ $kind = h ] && echo header || echo "tag file")
        if [ -s "$T/$name-win.$kind.cmp" ] &&
           cmp -s "$T/$name-native.$kind.cmp" "$T/$name-win.$kind.cmp"; then
            pass "$name: the $what is the native pyprobe's"
        else
            fail "$name: pyprobe.exe's $what differs from the native one:"
            diff "$T/$name-native.$kind.cmp" "$T/$name-win.$kind.cmp" |
                head -n 10
        fi
    done
    unset PYPROBE_STAND_IN PYPROBE_STAND_IN_SCRIPT PYPROBE_STAND_IN_ANSWER
done

# What CPython's sources say, through pyprobe.exe: EXT_SUFFIX (Include/
# internal/pycore_importdl.h: "_d" if debug, ".cp3XY", "t" if
# free-threaded, "-" platform tag, ".pyd") and the import library of
# each build path (PC/pyconfig.h.in's #pragma comment(lib, ...), with
# Include/pyabi.h's Py_TARGET_ABI3T => Py_LIMITED_API + Py_GIL_DISABLED).
while IFS='|' read -r name policy key want; do
    # shellcheck disable=SC2086
    PYPROBE_STAND_IN=replay PYPROBE_STAND_IN_SCRIPT="$script" \
        PYPROBE_STAND_IN_ANSWER="$T/$name.answer" \
        run win --python "$stand_in" $policy --get "$key"
    got=$(cat "$T/out")
    case "$RC:$got" in
        "0:$want"|"0:"*" -l$want") pass "$name ${policy:-(no policy)}: $key $want" ;;
        *) fail "$name ${policy:-(no policy)}: $key is '$got' (exit $RC)," \
                "expected $want" ;;
    esac
done <<'EOF'
windows-amd64-3.14t||ext_suffix|.cp314t-win_amd64.pyd
windows-amd64-3.13t||ext_suffix|.cp313t-win_amd64.pyd
windows-amd64-3.11d||ext_suffix|_d.cp311-win_amd64.pyd
windows-amd64-3.13t||module_ldflags|python313t
windows-amd64-3.13t|--limited-api=3.11|module_ldflags|python313t
windows-amd64-3.14||module_ldflags|python314
windows-amd64-3.14|--limited-api=3.11|module_ldflags|python3
windows-amd64-3.14t|--limited-api=3.11|module_ldflags|python314t
windows-amd64-3.15|--limited-api=3.11|module_ldflags|python3
windows-amd64-3.15|--limited-api=3.11 --abi3t=yes|module_ldflags|python3t
windows-amd64-3.15t||module_ldflags|python315t
windows-amd64-3.15t|--limited-api=3.15 --abi3t=yes|module_ldflags|python3t
windows-amd64-3.15t|--limited-api=3.15 --abi3t=only|module_ldflags|python3t
windows-amd64-3.11d||module_ldflags|python311_d
windows-amd64-3.13t||embed_libs|python313t
windows-amd64-3.14t||libdir|C:\Program Files\Python314t\libs
windows-amd64-3.14t||libpython|python314t
windows-amd64-3.14t||shared|1
windows-amd64-3.15|--limited-api=3.11 --abi3t=yes|embed_libs|python315
windows-amd64-3.15t|--limited-api=3.15 --abi3t=only|embed_libs|python315t
windows-amd64-3.11d||embed_libs|python311_d
windows-win32-3.13|--limited-api=3.11|module_ldflags|python3
EOF

# --- MODULE_LDFLAGS with MinGW's linker -----------------------------------
# The -l word of MODULE_LDFLAGS names an import library; MinGW's ld finds
# NAME.lib for -lNAME. Import libraries for each DLL CPython's layouts
# have (dlltool from a .def file, each naming its own DLL), then an
# extension linked with the word pyprobe.exe gives: it must import the
# DLL that build path loads through.
mingw_gcc=${PYPROBE_WINDOWS_OBJDUMP%objdump}gcc
mingw_dlltool=${PYPROBE_WINDOWS_OBJDUMP%objdump}dlltool
if command -v "$mingw_gcc" >/dev/null 2>&1 &&
   command -v "$mingw_dlltool" >/dev/null 2>&1; then
    mkdir -p "$T/libs"
    for dll in python3 python3t python314 python315 python315t; do
        printf 'LIBRARY %s.dll\nEXPORTS\nPyLong_FromLong\n' "$dll" \
            >"$T/libs/$dll.def"
        "$mingw_dlltool" -d "$T/libs/$dll.def" -l "$T/libs/$dll.lib" \
            -D "$dll.dll"
    done
    printf '%s\n' 'void *PyLong_FromLong(long);' \
        '__declspec(dllexport) void *PyInit_ext(void) { return PyLong_FromLong(1); }' \
        >"$T/ext.c"
    while IFS='|' read -r name policy want; do
        # shellcheck disable=SC2086
        PYPROBE_STAND_IN=replay PYPROBE_STAND_IN_SCRIPT="$script" \
            PYPROBE_STAND_IN_ANSWER="$T/$name.answer" \
            run win --python "$stand_in" $policy --get module_ldflags
        lib=$(sed -n 's/.* \(-l[^ ]*\)$/\1/p' "$T/out")
        rm -f "$T/ext.pyd"
        "$mingw_gcc" -shared -o "$T/ext.pyd" "$T/ext.c" -L"$T/libs" $lib \
            2>"$T/link.err"
        got=$("$PYPROBE_WINDOWS_OBJDUMP" -p "$T/ext.pyd" 2>/dev/null |
              sed -n 's/^[[:space:]]*DLL Name: \(python.*\)/\1/p')
        check "$name ${policy:-(no policy)}: $lib links the extension to $want (got ${got:-nothing})" \
            test "$got" = "$want"
    done <<'EOF'
windows-amd64-3.14||python314.dll
windows-amd64-3.14|--limited-api=3.11|python3.dll
windows-amd64-3.15|--limited-api=3.11 --abi3t=yes|python3t.dll
windows-amd64-3.15t||python315t.dll
windows-amd64-3.15t|--limited-api=3.15 --abi3t=only|python3t.dll
EOF
else
    note "no $mingw_gcc or $mingw_dlltool: MODULE_LDFLAGS not linked"
fi

# --- paths with spaces and non-ASCII letters; atomic, lazy writes ----------
dir="$T/Program Files/Pythön 3.14t"
mkdir -p "$dir"
cp "$stand_in" "$dir/python.exe"
sheet=$top_srcdir/tests/fixtures/synthetic/windows-amd64-3.14t.json
export PYPROBE_STAND_IN=replay PYPROBE_STAND_IN_SCRIPT="$script" \
    PYPROBE_STAND_IN_ANSWER="$T/windows-amd64-3.14t.answer"
out="$T/out dir é"
mkdir -p "$out"
expect_exit 0 win --python "$dir/python.exe" --tags "$out/pyth on.env" \
    --header "$out/pyprobe ü.h"
check "a UTF-8 path with spaces: the tag file is written" \
    grep -q '^PYPROBE_FREE_THREADED=1$' "$out/pyth on.env"
check "a UTF-8 path with spaces: PYPROBE_PYTHON names it" \
    grep -q 'Pythön 3.14t' "$out/pyth on.env"
check "Windows free-threaded: CPPFLAGS define Py_GIL_DISABLED" \
    grep -q '^PYPROBE_CPPFLAGS=.*-DPy_GIL_DISABLED=1' "$out/pyth on.env"
check "no temporary file is left" test "$(ls -A "$out" | wc -l)" = 2
touch -d '2001-01-01 00:00:00' "$out/pyth on.env"
expect_exit 0 win --python "$dir/python.exe" --tags "$out/pyth on.env"
check "an unchanged tag file is not touched" \
    test "$(date -r "$out/pyth on.env" +%Y)" = 2001
printf 'old\n' >"$out/pyth on.env"
expect_exit 0 win --python "$dir/python.exe" --tags "$out/pyth on.env"
check "a changed tag file is replaced" \
    grep -q '^PYPROBE_FREE_THREADED=1$' "$out/pyth on.env"

# --- an output another process holds open ---------------------------------
# The stand-in in "hold" mode opens the target without FILE_SHARE_DELETE,
# as a virus scanner or an editor may; MoveFileExW cannot replace it
# until it is closed (Wine enforces the sharing mode as Windows does).
# pyprobe retries for 2 s: a 1.5 s hold is waited out, a 4 s one is an
# error (exit 7) that leaves the old file as it was.
held_dir=$T/held
mkdir -p "$held_dir"
# hold_then_write MS OUTPUT-OPTION: hold $held_dir/target for MS ms while
# pyprobe.exe writes it; sets RC, WAIT_MS and HOLDER (the holder's exit).
hold_then_write() {
    printf 'old\n' >"$held_dir/target"
    rm -f "$held_dir/ready"
    PYPROBE_STAND_IN=hold PYPROBE_STAND_IN_READY="$held_dir/ready" \
        PYPROBE_STAND_IN_HOLD="Z:$(printf '%s' "$held_dir/target" | tr / '\\')" \
        PYPROBE_STAND_IN_HOLD_MS=$1 LC_ALL=C.UTF-8 \
        "$wine" "$stand_in" >"$T/holder.out" 2>&1 &
    holder_pid=$!
    polls=0
    while [ ! -e "$held_dir/ready" ] && [ $polls -lt 400 ]; do
        sleep 0.05
        polls=$((polls + 1))
    done
    hold_start=$(date +%s%N)
    PYPROBE_STAND_IN=replay PYPROBE_STAND_IN_SCRIPT="$script" \
        PYPROBE_STAND_IN_ANSWER="$T/windows-amd64-3.14t.answer" \
        run win --python "$stand_in" "$2" "$held_dir/target"
    WAIT_MS=$(( ($(date +%s%N) - hold_start) / 1000000 ))
    HOLDER=0
    wait "$holder_pid" || HOLDER=$?
}
hold_then_write 1500 --tags
note "a tag file held open for 1.5 s: pyprobe.exe exit $RC after $WAIT_MS ms" \
     "(holder exit $HOLDER)"
check "a held tag file: the holder had it open" test "$HOLDER" = 0
check "a tag file held for 1.5 s: pyprobe.exe waits, then writes it" \
    test "$RC" = 0 -a "$WAIT_MS" -ge 1300
check "a tag file held for 1.5 s: the new tag file is in place" \
    grep -q '^PYPROBE_FREE_THREADED=1$' "$held_dir/target"
hold_then_write 4000 --header
note "a header held open for 4 s: pyprobe.exe exit $RC after $WAIT_MS ms:" \
     "$(cat "$T/err")"
check "a header held past the retries: exit 7 (a file cannot be written)" \
    test "$RC" = 7
check "a header held past the retries: one line, pyprobe: PATH: why" \
    sh -c 'test "$(wc -l <"$1")" = 1 &&
           grep -q "^pyprobe: .*held/target: cannot replace it: " "$1"' \
    - "$T/err"
check "a header held past the retries: given up within 3 s" \
    test "$WAIT_MS" -lt 3000
check "a header held past the retries: the old file is left as it was" \
    grep -qx old "$held_dir/target"
check "a header held past the retries: no temporary file is left" \
    test "$(ls -A "$held_dir" | grep -vx -e target -e ready | wc -l)" = 0

# --- Windows paths in the tag file: sh and make read them back ----------
# Every Windows path holds backslashes, so its KEY=value line takes
# make's escaping ($(PYPROBE__BS) for each backslash); sh reads the
# first line. Both must give back the values --json gives, byte for byte.
PYPROBE_STAND_IN=replay PYPROBE_STAND_IN_SCRIPT="$script" \
    PYPROBE_STAND_IN_ANSWER="$T/windows-amd64-3.15.answer" \
    expect_exit 0 win --python "$stand_in" --limited-api=3.11 --abi3t=yes \
    --tags "$T/readback.env" --json
cp "$T/out" "$T/readback.json"
check "the tag file escapes Windows paths for make with \$(PYPROBE__BS)" \
    grep -q '^PYPROBE_INCLUDEDIR=.*C:$(PYPROBE__BS)Program Files' \
    "$T/readback.env"
# want: NAME=value lines as --json gives the values (lists space-joined).
python3 - "$T/readback.json" >"$T/readback.want" <<'PY'
import json, sys
facts = json.load(open(sys.argv[1]))
for key, value in sorted(facts.items()):
    if key in ("probe", "policy", "format", "format_version",
               "pyprobe_version"):
        continue
    if isinstance(value, list):
        value = " ".join(value)
    print("PYPROBE_%s=%s" % (key.upper(), value))
PY
sed -n 's/^\(PYPROBE_[A-Z0-9_]*\)=.*/\1/p' "$T/readback.want" >"$T/readback.names"
# shellcheck disable=SC2016
env -i PATH="$PATH" sh -c '. "$1"; while read -r name; do
        eval "printf \"%s=%s\\n\" \"\$name\" \"\$$name\""
    done <"$2"' - "$T/readback.env" "$T/readback.names" >"$T/readback.sh"
{
    printf 'include %s\n' "$T/readback.env"
    printf '$(foreach n,%s,$(info $(n)=$($(n))))\n' \
        "$(tr '\n' ' ' <"$T/readback.names")"
    printf 'all: ;@:\n'
} >"$T/readback.mk"
make -s -f "$T/readback.mk" >"$T/readback.make" 2>&1
for reader in sh make; do
    if cmp -s "$T/readback.want" "$T/readback.$reader"; then
        pass "$reader reads back every value of pyprobe.exe's tag file" \
             "($(wc -l <"$T/readback.want") names, Windows paths included)"
    else
        fail "$reader reads other values from pyprobe.exe's tag file:"
        diff "$T/readback.want" "$T/readback.$reader" | head -n 10
    fi
done

# --- the Windows wheel ---------------------------------------------------
# make wheel in the Windows build: python/make-wheel.py reads the
# platform tag from the PE header (machine 0x8664: win_amd64).
if [ -n "${PYPROBE_WINDOWS_WHEEL:-}" ]; then
    version=$(LC_ALL=C "$PYPROBE" --version | sed -n '1s/^pyprobe //p')
    wheel_name=$(basename "$PYPROBE_WINDOWS_WHEEL")
    check "the Windows wheel is named pyprobe-$version-py3-none-win_amd64.whl" \
        test "$wheel_name" = "pyprobe-$version-py3-none-win_amd64.whl"
    python3 "$top_srcdir/tests/tools/wheel-format.py" \
        "$PYPROBE_WINDOWS_WHEEL" "$version" >"$T/wheel-format" 2>&1
    wheel_status=$?
    sed 's/^/# /' "$T/wheel-format"
    check "the Windows wheel: RECORD, WHEEL (Tag: py3-none-win_amd64), METADATA and its files" \
        test "$wheel_status" = 0
    mkdir -p "$T/wheel"
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
        "$PYPROBE_WINDOWS_WHEEL" "$T/wheel"
    wheel_exe=$T/wheel/pyprobe-$version.data/scripts/pyprobe.exe
    check "the Windows wheel's program is an x86-64 PE (machine 0x8664)" \
        python3 -c 'import struct, sys
d = open(sys.argv[1], "rb").read(4096)
pe = struct.unpack_from("<I", d, 0x3C)[0]
sys.exit(d[pe:pe + 4] != b"PE\0\0" or struct.unpack_from("<H", d, pe + 4)[0] != 0x8664)' \
        "$wheel_exe"
    run "$wine" "$wheel_exe" --version
    check "the Windows wheel's pyprobe.exe runs: $(head -n 1 "$T/out")" \
        test "$RC" = 0 -a "$(head -n 1 "$T/out")" = "pyprobe $version"
    # pyprobe.exe's check-wheel, on interpreters replayed by the stand-in:
    # a win_amd64 CPython installs it, a win32 one does not.
    for sheet_want in windows-amd64-3.14:0 windows-amd64-3.15t:0 \
                      windows-win32-3.13:1 windows-arm64-3.15:1; do
        name=${sheet_want%:*}
        PYPROBE_STAND_IN=replay PYPROBE_STAND_IN_SCRIPT="$script" \
            PYPROBE_STAND_IN_ANSWER="$T/$name.answer" \
            run win check-wheel --python "$stand_in" "$PYPROBE_WINDOWS_WHEEL"
        check "pyprobe.exe check-wheel on $name: exit ${sheet_want#*:} ($(tr '\n' ' ' <"$T/out"))" \
            test "$RC" = "${sheet_want#*:}"
    done
fi

# --- finding interpreters ----------------------------------------------
# Wine's PATH is the Windows one; WINEPATH adds to it.
WINEPATH="Z:$(printf '%s' "$dir" | tr / '\\')" expect_exit 0 win list
check "list finds python.exe on PATH" grep -q 'Pythön 3.14t' "$T/out"
regdir="$T/Registered Python"
mkdir -p "$regdir"
cp "$stand_in" "$regdir/python.exe"
winreg="Z:$(printf '%s' "$regdir" | tr / '\\')"
key='HKCU\Software\Python\PythonCore\3.14t\InstallPath'
LC_ALL=C.UTF-8 "$wine" reg add "$key" /ve /d "$winreg" /f >/dev/null 2>&1
expect_exit 0 win list
check "list finds the interpreter of a PythonCore registry key" \
    grep -q 'Registered Python' "$T/out"
LC_ALL=C.UTF-8 "$wine" reg delete 'HKCU\Software\Python' /f >/dev/null 2>&1

# --- the cache ---------------------------------------------------------
# An answer is kept only for the interpreter itself: the replayed answer
# names the stand-in as its executable.
python3 - "$T/windows-amd64-3.14t.answer" "$T/cached.answer" \
    "Z:$(printf '%s' "$dir/python.exe" | tr / '\\')" <<'PY'
import ast, sys
lines = open(sys.argv[1]).read().split('\n')
info = ast.literal_eval(lines[1])
info['executable'] = info['base_executable'] = sys.argv[3]
lines[1] = ascii(info)
open(sys.argv[2], 'w').write('\n'.join(lines))
PY
local_dir=$(LC_ALL=C.UTF-8 "$wine" cmd /c 'echo %LOCALAPPDATA%' 2>/dev/null |
            tr -d '\r')
unix_local=$(LC_ALL=C.UTF-8 "$wine" winepath -u "$local_dir" 2>/dev/null)
rm -rf "$unix_local/pyprobe"
# The subshell reports only its own failures (FAILED counts from the
# start of the script).
failed_before=$FAILED
(unset PYPROBE_NO_CACHE PYPROBE_CACHE_DIR
 PYPROBE_STAND_IN_ANSWER=$T/cached.answer \
     expect_exit 0 win --python "$dir/python.exe" --get free_threaded
 check "the cache is in %LOCALAPPDATA%\\pyprobe ($local_dir)" \
     test -n "$(ls "$unix_local/pyprobe" 2>/dev/null)"
 PYPROBE_STAND_IN_ANSWER=$T/no-such-answer \
     expect_exit 0 win --python "$dir/python.exe" --get free_threaded
 check "the cached answer is used: the interpreter is not run again" \
     grep -qx 1 "$T/out"
 exit $((FAILED - failed_before))) || FAILED=$((FAILED + $?))
CHECKS=$((CHECKS + 2))
unset PYPROBE_STAND_IN PYPROBE_STAND_IN_SCRIPT PYPROBE_STAND_IN_ANSWER
finish
