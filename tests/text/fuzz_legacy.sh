#!/bin/sh
# The TCVN3 / VNI converter's libFuzzer harness under ASan+UBSan:
#   tests/text/fuzz_legacy.sh WORKDIR   (FUZZ_SECONDS, default 30)
# Builds fuzz/fuzz_legacy.c into WORKDIR with clang and runs it, from a seed corpus it
# writes there (a TCVN3 line, a VNI line, UTF-8, Windows-1252). Without clang or libFuzzer
# it says so and counts one failure: a fuzzer that cannot run has not passed. The last line
# is "N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
WORK=${1:-${TMPDIR:-/tmp}/giaoban-fuzz-legacy}
mkdir -p "$WORK/corpus"
fail() {
    echo "FAIL $1"
    echo "0 passed, 1 failed"
    exit 1
}
command -v clang >/dev/null 2>&1 || fail "clang not found: the fuzzer cannot run"
if ! clang -std=c17 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=undefined -Isrc $(pkg-config --cflags libutf8proc) \
    -o "$WORK/fuzz_legacy" fuzz/fuzz_legacy.c src/util/*.c src/text/*.c \
    $(pkg-config --libs libutf8proc) 2>"$WORK/build.log"; then
    cat "$WORK/build.log"
    if grep -q "fuzzer" "$WORK/build.log" && grep -qi "cannot find\|not found\|unsupported" "$WORK/build.log"; then
        fail "clang has no libFuzzer: the fuzzer cannot run"
    fi
    fail "fuzz_legacy does not build"
fi
printf 'K\325T LU\313N: Giao Ph\337ng T\265i ch\335nh - K\325 ho\271ch ch\361 tr\327\n' >"$WORK/corpus/seed-tcvn3"
printf 'KE\301T LUA\304N: Giao Pho\370ng Ta\370i ch\355nh - Ke\341 hoa\357ch chu\373 tr\354\n' >"$WORK/corpus/seed-vni"
printf 'Kết luận: Giao Phòng Tài chính chủ trì\n' >"$WORK/corpus/seed-utf8"
printf 'Le pr\351sident a pr\351cis\351 \340 la s\351ance \223o\371\224\n' >"$WORK/corpus/seed-cp1252"
if "$WORK/fuzz_legacy" -max_total_time="${FUZZ_SECONDS:-30}" -max_len=4096 -rss_limit_mb=2048 \
    -artifact_prefix="$WORK/" "$WORK/corpus" >"$WORK/run.log" 2>&1; then
    tail -n 1 "$WORK/run.log"
    # exit 0 without having run anything is no pass either
    grep -qE '^Done [1-9][0-9]* runs' "$WORK/run.log" || fail "fuzz_legacy: exit 0 but no input was run"
    echo "1 passed, 0 failed"
else
    tail -n 40 "$WORK/run.log"
    fail "fuzz_legacy: crash input in $WORK"
fi
