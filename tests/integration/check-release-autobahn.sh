#!/bin/sh
# check-release-autobahn.sh - pyprobe check-release on autobahn's release
# matrix, with the failure that shipped: four platforms (macOS arm64,
# Linux x86_64, Linux aarch64, Windows amd64) x cp311-cp314 and pypy311,
# where the Linux aarch64 cp314 cell held a free-threaded wheel,
# autobahn-26.6.1-cp314-cp314t-manylinux_2_24_aarch64.manylinux_2_28_aarch64.whl
# (crossbario/autobahn-python#1875).
#
# Where the names come from:
#  - the cells: the 20 wheel targets autobahn's own release gate checked
#    for v26.6.1 (.github/workflows/release.yml, the "targets" of
#    check-release-fileset at tag v26.6.1, e5be16a1), copied below as
#    they are written there; note pypy311's aarch64 target,
#    manylinux_2_17;
#  - the failing wheel: its name as autobahn#1875 gives it;
#  - the other 19 names are not in any source available here. They are
#    built on the patterns of the same tooling's 26.6.1 wheels
#    (crossbario/zlmdb#124 lists zlmdb 26.6.1's four cp314 files:
#    macosx_15_0_arm64, manylinux_2_24_x86_64.manylinux_2_28_x86_64,
#    the cp314t manylinux_2_24_aarch64.manylinux_2_28_aarch64, win_amd64)
#    and, for pypy311 on aarch64, autobahn 25.12.1's published
#    manylinux2014_aarch64.manylinux_2_17_aarch64 (docs/release-notes.rst).
# The checks are on the cells and the exit status, not on the whole
# output text.
. "$(dirname "$0")/../lib.sh"

version=26.6.1
bad=autobahn-$version-cp314-cp314t-manylinux_2_24_aarch64.manylinux_2_28_aarch64.whl
fixed=autobahn-$version-cp314-cp314-manylinux_2_24_aarch64.manylinux_2_28_aarch64.whl

# autobahn's release targets for v26.6.1, one per wheel.
targets='
cpy311-macos-arm64
cpy311-linux-x86_64-manylinux_2_28
cpy311-linux-aarch64-manylinux_2_28
cpy311-win-amd64
cpy312-macos-arm64
cpy312-linux-x86_64-manylinux_2_28
cpy312-linux-aarch64-manylinux_2_28
cpy312-win-amd64
cpy313-macos-arm64
cpy313-linux-x86_64-manylinux_2_28
cpy313-linux-aarch64-manylinux_2_28
cpy313-win-amd64
cpy314-macos-arm64
cpy314-linux-x86_64-manylinux_2_28
cpy314-linux-aarch64-manylinux_2_28
cpy314-win-amd64
pypy311-macos-arm64
pypy311-linux-x86_64-manylinux_2_28
pypy311-linux-aarch64-manylinux_2_17
pypy311-win-amd64'

# Each target as a manifest cell (IMPLEMENTATION PLATFORM) and as the
# wheel published for it, in $T/manifest and $T/release.
mkdir "$T/release"
for target in $targets; do
    case $target in
    cpy*) python=cp${target#cpy}; python=${python%%-*}; abi=$python ;;
    pypy311-*) python=pp311; abi=pypy311_pp73 ;;
    esac
    case $target in
    *-macos-arm64) cell=macosx_15_0_arm64; platform=$cell ;;
    *-win-amd64) cell=win_amd64; platform=$cell ;;
    *-linux-*-manylinux_2_17)
        arch=${target#*-linux-}; arch=${arch%%-*}
        cell=manylinux_2_17_$arch
        platform=manylinux2014_$arch.manylinux_2_17_$arch ;;
    *-linux-*-manylinux_2_28)
        arch=${target#*-linux-}; arch=${arch%%-*}
        cell=manylinux_2_28_$arch
        platform=manylinux_2_24_$arch.manylinux_2_28_$arch ;;
    *) fatal "no cell for target $target" ;;
    esac
    case $python in pp311) echo "pp311-pypy311_pp73 $cell" ;;
                    *) echo "$python $cell" ;; esac >>"$T/manifest"
    : >"$T/release/autobahn-$version-$python-$abi-$platform.whl"
done
# The 26.6.1 fileset as it was published: 20 wheels, one of them wrong.
[ -f "$T/release/$fixed" ] || fatal "no $fixed among the names"
mv "$T/release/$fixed" "$T/release/$bad"
[ "$(ls "$T/release" | wc -l)" -eq 20 ] || fatal "not 20 wheels"
[ "$(sort -u "$T/manifest" | wc -l)" -eq 20 ] || fatal "not 20 cells"

# verdicts WHAT EXPECTED-STATUS: run check-release on $T/release; pass if
# the status is EXPECTED-STATUS and every wheel but those in $T/not-ok is
# on a line of its own that starts with "ok", and those are on none.
verdicts() {
    vd_what=$1
    pyprobe check-release "$T/manifest" "$T/release"
    vd_problems=
    [ "$RC" -eq "$2" ] || vd_problems="exit status $RC, expected $2;"
    for vd_wheel in $(ls "$T/release"); do
        vd_ok=$(grep -c "^ok .*$vd_wheel" "$T/out")
        if grep -qxF "$vd_wheel" "$T/not-ok"; then
            [ "$vd_ok" -eq 0 ] || vd_problems="$vd_problems $vd_wheel is ok;"
        else
            [ "$vd_ok" -eq 1 ] || vd_problems="$vd_problems $vd_wheel is not ok;"
            grep -v '^ok ' "$T/out" | grep -qF "$vd_wheel" &&
                vd_problems="$vd_problems $vd_wheel is also on another line;"
        fi
    done
    if [ -z "$vd_problems" ]; then
        pass "$vd_what: exit $RC"
    else
        fail "$vd_what: $vd_problems"
        show_output
    fi
}

# 1. As published: the cp314t wheel is in the cp314 aarch64 cell.
echo "$bad" >"$T/not-ok"
verdicts "26.6.1 as published: only the cp314t wheel fails" 1
# Its own line (a missing cell's line may name it as the nearest wheel).
line=$(grep -F "$bad" "$T/out" | grep -v '^missing ')
case $line in
wrong-abi*cp314t*"cp314 manylinux_2_28_aarch64"*)
    pass "it is of the wrong ABI for cell cp314 manylinux_2_28_aarch64: $line" ;;
*)  fail "the cp314t wheel's line does not say wrong ABI in the cp314 aarch64 cell: $line" ;;
esac

# 2. Both wheels: the GIL one fills the cell, the cp314t one is not asked
# for (cp314 is a substring of cp314t, but never the same tag).
: >"$T/release/$fixed"
verdicts "with the cp314 wheel added, the cp314t one still fails" 1

# 3. A cp314t cell in the manifest (autobahn#1903's next step): all fine.
echo "cp314t manylinux_2_28_aarch64" >>"$T/manifest"
: >"$T/not-ok"
verdicts "with a cp314t aarch64 cell, both wheels fill a cell" 0

# 4. The fixed release: 20 wheels, 20 cells.
sed -i '$d' "$T/manifest"
rm "$T/release/$bad"
verdicts "the fixed fileset passes" 0
finish
