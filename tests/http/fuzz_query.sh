#!/bin/sh
# The query fuzzer (fuzz/fuzz_query.c) for a while under ASan+UBSan, as CI runs it:
#   tests/http/fuzz_query.sh [WORKDIR [BUILD]]   (FUZZ_SECONDS, default 60)
# Builds the library (src/util ... src/http, and BUILD/gen/migrations.c and web_assets.c,
# which `make BUILD=BUILD` makes; BUILD defaults to build/) and the harness with clang
# -fsanitize=fuzzer,address,undefined into WORKDIR, replays every input of
# fuzz/regression_query/ (one check each), then fuzzes for FUZZ_SECONDS from
# fuzz/corpus_query/ with fuzz/fuzz_query.dict (one check: no crash, leak, undefined
# behaviour, 5xx or broken invariant; one more: no finding, i.e. every error.field named a
# parameter and no out-of-range integer was taken). A fuzzer that cannot be built or run
# fails: it has not passed. The last line is "N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
WORK=${1:-${TMPDIR:-/tmp}/giaoban-fuzz-query}
BUILD=${2:-build}
SECONDS_=${FUZZ_SECONDS:-60}
PKGS="sqlite3 libpq libutf8proc jansson libmicrohttpd libsodium xlsxwriter pangocairo cairo libcurl minizip zlib"
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}
mkdir -p "$WORK/corpus" "$WORK/obj"
if ! command -v clang >/dev/null 2>&1; then
    fail "clang not found: the fuzzer cannot run (scripts/install-deps.sh installs it)"
    finish
fi
if ! pkg-config --exists $PKGS; then
    fail "pkg-config does not know every library the server needs: $PKGS"
    finish
fi
if [ ! -f "$BUILD/gen/migrations.c" ] || [ ! -f "$BUILD/gen/web_assets.c" ]; then
    fail "$BUILD/gen/migrations.c or web_assets.c is not made: run make BUILD=$BUILD first"
    finish
fi

# The library with coverage (fuzzer-no-link) and sanitizers, one object per source, on
# every core; then the harness linked with libFuzzer.
CFLAGS_FUZZ="-std=c17 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -Isrc -I$BUILD/gen $(pkg-config --cflags $PKGS)"
JOBS=$(nproc 2>/dev/null || echo 2)
rm -f "$WORK"/obj/*.o "$WORK/build.log"
: >"$WORK/build.log"
# shellcheck disable=SC2086
ls src/util/*.c src/text/*.c src/core/*.c src/extract/*.c src/store/*.c src/app/*.c \
    src/report/*.c src/http/*.c "$BUILD/gen/migrations.c" "$BUILD/gen/web_assets.c" |
    xargs -P "$JOBS" -I{} sh -c 'o="$1/obj/$(echo "$2" | tr / _).o"
        clang $3 -c -o "$o" "$2" 2>>"$1/build.log" || echo "FAILED $2" >>"$1/build.log"' \
        sh "$WORK" {} "$CFLAGS_FUZZ"
# shellcheck disable=SC2086
if grep -q '^FAILED' "$WORK/build.log" ||
    ! clang $CFLAGS_FUZZ -fsanitize=fuzzer -Wall -Wextra -o "$WORK/fuzz_query" \
        fuzz/fuzz_query.c "$WORK"/obj/*.o $(pkg-config --libs $PKGS) -lm 2>>"$WORK/build.log"; then
    grep -E 'error|FAILED|fuzzer' "$WORK/build.log" | head -n 30
    if grep -qi "libclang_rt.fuzzer\|fuzzer.*not found\|unsupported option.*fuzzer" "$WORK/build.log"; then
        fail "clang has no libFuzzer: the fuzzer cannot run"
    else
        fail "fuzz_query does not build (see $WORK/build.log)"
    fi
    finish
fi
pass

OPTS="-rss_limit_mb=2048 -timeout=60 -max_len=4096"
# The inputs that once crashed or were refused wrongly, each on its own.
n_reg=0
: >"$WORK/regression-all.log"
for f in fuzz/regression_query/*; do
    [ -f "$f" ] || continue
    n_reg=$((n_reg + 1))
    # shellcheck disable=SC2086
    if "$WORK/fuzz_query" $OPTS -runs=0 "$f" >"$WORK/regression.log" 2>&1; then
        pass
    else
        grep -E 'fuzz_query:|ERROR|SUMMARY|#[0-9]+ 0x' "$WORK/regression.log" | head -n 20
        fail "regression input $f"
    fi
    cat "$WORK/regression.log" >>"$WORK/regression-all.log"
done
[ "$n_reg" -gt 0 ] || fail "fuzz/regression_query/ holds no input"

# The fuzzing itself. New inputs go to $WORK/corpus; fuzz/corpus_query keeps the seeds.
# shellcheck disable=SC2086
"$WORK/fuzz_query" $OPTS -max_total_time="$SECONDS_" -print_final_stats=1 \
    -dict=fuzz/fuzz_query.dict -artifact_prefix="$WORK/" \
    "$WORK/corpus" fuzz/corpus_query >"$WORK/run.log" 2>&1
st=$?
runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$WORK/run.log" | tail -n 1)
grep -E '^#[0-9]+.*(DONE|pulse)' "$WORK/run.log" | tail -n 1
grep -E '^stat::' "$WORK/run.log"
if [ "$st" -eq 0 ] && [ "${runs:-0}" -gt 0 ]; then
    pass
else
    grep -E 'fuzz_query:|ERROR|SUMMARY|runtime error|#[0-9]+ 0x' "$WORK/run.log" | head -n 40
    art=$(ls -t "$WORK"/crash-* "$WORK"/leak-* "$WORK"/timeout-* "$WORK"/oom-* 2>/dev/null | head -n 1)
    fail "fuzz_query: exit $st after ${runs:-0} runs; input ${art:-none} (move it to fuzz/regression_query/)"
fi
# The findings that do not stop the fuzzer (fuzz/fuzz_query.c prints each once): an error
# whose field names no parameter (FIELD), an integer beyond 64 bits or below 0 taken (RANGE).
if grep -qE '^fuzz_query: (FIELD|RANGE) ' "$WORK/run.log" "$WORK/regression-all.log" 2>/dev/null; then
    grep -hE '^fuzz_query: (FIELD|RANGE) ' "$WORK/run.log" "$WORK/regression-all.log" |
        sort -u | head -n 20
    fail "fuzz_query: findings above (FIELD: error.field names no parameter; RANGE: a number out of range taken)"
else
    pass
fi
finish
