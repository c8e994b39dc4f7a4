#!/bin/sh
# fuzz/run_fuzzer.sh - what the runners of fuzz_body, fuzz_import and fuzz_parse share
# (tests/http/fuzz_body.sh, tests/app/fuzz_import.sh, tests/core/fuzz_parse.sh):
#   sh fuzz/run_fuzzer.sh NAME MAX_LEN [WORKDIR [BUILD]]   (FUZZ_SECONDS, default 30)
#
# Builds the library (src/util ... src/http, and BUILD/gen/migrations.c and web_assets.c,
# which `make BUILD=BUILD` makes; BUILD defaults to build/) and fuzz/fuzz_NAME.c with clang
# -fsanitize=fuzzer,address,undefined into WORKDIR (one check), replays every input of
# fuzz/regression_NAME/ (one check each) and every seed of fuzz/corpus_NAME/ (one check),
# then fuzzes for FUZZ_SECONDS from fuzz/corpus_NAME/ (with fuzz/fuzz_NAME.dict when there
# is one): one check, no crash, leak, undefined behaviour (UBSan halts, but for what
# fuzz/ubsan_known.supp lists, each reported to its owner), timeout or broken property;
# and one more: no finding the harness prints as "fuzz_NAME: FIELD ..." without stopping.
# Lines "fuzz_NAME: NOTE ..." (known faults of code the harness does not own, documented
# at the top of the harness) are shown, not counted.
# A fuzzer that cannot be built or run fails: it has not passed (without clang or
# libFuzzer too: scripts/install-deps.sh installs them). The last line is "N passed, M failed".
set -u
cd "$(dirname "$0")/.."
NAME=$1
MAX_LEN=$2
WORK=${3:-${TMPDIR:-/tmp}/giaoban-fuzz-$NAME}
BUILD=${4:-build}
SECONDS_=${FUZZ_SECONDS:-30}
H=fuzz_$NAME
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
    fail "clang not found: $H cannot run (scripts/install-deps.sh installs it)"
    finish
fi
if ! pkg-config --exists $PKGS; then
    fail "pkg-config does not know every library $H needs: $PKGS"
    finish
fi
if [ ! -f "$BUILD/gen/migrations.c" ] || [ ! -f "$BUILD/gen/web_assets.c" ]; then
    fail "$BUILD/gen/migrations.c or web_assets.c is not made: run make BUILD=$BUILD first"
    finish
fi
if [ ! -f "fuzz/$H.c" ]; then
    fail "fuzz/$H.c is missing"
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
    ! clang $CFLAGS_FUZZ -fsanitize=fuzzer -Wall -Wextra -o "$WORK/$H" \
        "fuzz/$H.c" "$WORK"/obj/*.o $(pkg-config --libs $PKGS) -lm 2>>"$WORK/build.log"; then
    grep -E 'error|FAILED|fuzzer' "$WORK/build.log" | head -n 30
    if grep -qi "libclang_rt.fuzzer\|fuzzer.*not found\|unsupported option.*fuzzer" "$WORK/build.log"; then
        fail "clang has no libFuzzer: $H cannot run"
    else
        fail "$H does not build (see $WORK/build.log)"
    fi
    finish
fi
pass

# UBSan stops at its first report (the input is kept), but for the known ones.
UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$(pwd)/fuzz/ubsan_known.supp"
export UBSAN_OPTIONS
OPTS="-rss_limit_mb=2048 -timeout=60 -max_len=$MAX_LEN"
: >"$WORK/replay-all.log"
# The inputs that once crashed or were refused wrongly, each on its own.
for f in fuzz/regression_$NAME/*; do
    [ -f "$f" ] || continue
    # shellcheck disable=SC2086
    if "$WORK/$H" $OPTS -runs=0 "$f" >"$WORK/replay.log" 2>&1; then
        pass
    else
        grep -aE "$H:|ERROR|SUMMARY|runtime error|#[0-9]+ 0x" "$WORK/replay.log" | head -n 20
        fail "regression input $f"
    fi
    cat "$WORK/replay.log" >>"$WORK/replay-all.log"
done
# Every seed once, as it is (a seed that crashes would only be skipped by the fuzzing).
# shellcheck disable=SC2086
if "$WORK/$H" $OPTS -runs=0 "fuzz/corpus_$NAME"/* >"$WORK/replay.log" 2>&1; then
    pass
else
    grep -aE "$H:|ERROR|SUMMARY|runtime error|#[0-9]+ 0x" "$WORK/replay.log" | head -n 20
    fail "a seed of fuzz/corpus_$NAME/ fails"
fi
cat "$WORK/replay.log" >>"$WORK/replay-all.log"

# The fuzzing itself. New inputs go to $WORK/corpus; fuzz/corpus_$NAME keeps the seeds.
DICT=""
[ -f "fuzz/$H.dict" ] && DICT="-dict=fuzz/$H.dict"
# shellcheck disable=SC2086
"$WORK/$H" $OPTS -max_total_time="$SECONDS_" -print_final_stats=1 $DICT \
    -artifact_prefix="$WORK/" "$WORK/corpus" "fuzz/corpus_$NAME" >"$WORK/run.log" 2>&1
st=$?
runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$WORK/run.log" | tail -n 1)
grep -aE '^#[0-9]+.*(DONE|pulse)' "$WORK/run.log" | tail -n 1
grep -aE '^stat::' "$WORK/run.log"
if [ "$st" -eq 0 ] && [ "${runs:-0}" -gt 0 ]; then
    pass
else
    grep -aE "$H:|ERROR|SUMMARY|runtime error|#[0-9]+ 0x" "$WORK/run.log" | head -n 40
    art=$(ls -t "$WORK"/crash-* "$WORK"/leak-* "$WORK"/timeout-* "$WORK"/oom-* 2>/dev/null | head -n 1)
    fail "$H: exit $st after ${runs:-0} runs; input ${art:-none} (once fixed, move it to fuzz/regression_$NAME/)"
fi
# Known faults of code the harness does not own: shown, not counted.
grep -ahE "^$H: NOTE " "$WORK/run.log" "$WORK/replay-all.log" 2>/dev/null | cut -c1-300 |
    sort -u | head -n 10
# The findings that do not stop the fuzzer (printed once each by the harness).
if grep -qaE "^$H: FIELD " "$WORK/run.log" "$WORK/replay-all.log" 2>/dev/null; then
    grep -ahE "^$H: FIELD " "$WORK/run.log" "$WORK/replay-all.log" | cut -c1-400 |
        sort -u | head -n 20
    fail "$H: findings above (FIELD: a refused body's error.field is null or names no member)"
else
    pass
fi
finish
