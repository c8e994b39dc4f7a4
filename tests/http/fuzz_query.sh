#!/bin/sh
# The query fuzzer (fuzz/fuzz_query.c) for a while under ASan+UBSan, as CI runs it:
#   tests/http/fuzz_query.sh WORKDIR [BUILD]   (FUZZ_SECONDS, default 60)
# Builds the harness and the whole library with clang (libFuzzer), using the generated
# sources of BUILD (default build/, made by `make`), replays fuzz/regression_query/ and runs
# from fuzz/corpus_query/. A fuzzer that cannot be built or run fails. The last line is
# "N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
WORK=${1:-${TMPDIR:-/tmp}/giaoban-fuzz-query}
BUILD=${2:-build}
mkdir -p "$WORK/corpus"
PKGS="sqlite3 libpq libutf8proc jansson libmicrohttpd libsodium xlsxwriter pangocairo cairo libcurl minizip zlib"
if ! command -v clang >/dev/null 2>&1; then
    echo "FAIL clang not found: the fuzzer cannot run"
    echo "0 passed, 1 failed"
    exit 1
fi
if [ ! -f "$BUILD/gen/migrations.c" ] || [ ! -f "$BUILD/gen/web_assets.c" ]; then
    echo "FAIL $BUILD/gen is not made: run make first"
    echo "0 passed, 1 failed"
    exit 1
fi
# shellcheck disable=SC2046
if ! clang -std=c17 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -Isrc -I"$BUILD/gen" \
    $(pkg-config --cflags $PKGS) -o "$WORK/fuzz_query" fuzz/fuzz_query.c \
    src/util/*.c src/text/*.c src/core/*.c src/extract/*.c src/store/*.c src/app/*.c \
    src/report/*.c src/http/*.c "$BUILD/gen/migrations.c" "$BUILD/gen/web_assets.c" \
    $(pkg-config --libs $PKGS) -lm 2>"$WORK/build.log"; then
    tail -n 30 "$WORK/build.log"
    echo "FAIL fuzz_query does not build"
    echo "0 passed, 1 failed"
    exit 1
fi
passed=0
failed=0
# The inputs that once crashed, replayed one by one.
if [ -d fuzz/regression_query ] && [ -n "$(ls fuzz/regression_query)" ]; then
    if "$WORK/fuzz_query" -runs=0 fuzz/regression_query/* >"$WORK/regression.log" 2>&1; then
        passed=$((passed + 1))
    else
        tail -n 30 "$WORK/regression.log"
        echo "FAIL fuzz_query: a regression input fails again"
        failed=$((failed + 1))
    fi
fi
if "$WORK/fuzz_query" -max_total_time="${FUZZ_SECONDS:-60}" -max_len=2048 -rss_limit_mb=2048 \
    -artifact_prefix="$WORK/" "$WORK/corpus" fuzz/corpus_query >"$WORK/run.log" 2>&1; then
    grep -E "^#[0-9]+.*DONE|Done [0-9]+ runs" "$WORK/run.log" | tail -n 1
    passed=$((passed + 1))
else
    tail -n 40 "$WORK/run.log"
    echo "FAIL fuzz_query: crash input in $WORK (move it to fuzz/regression_query/)"
    failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
