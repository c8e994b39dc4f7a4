#!/bin/sh
# The extractor's libFuzzer harness for a while under ASan+UBSan, as CI runs it:
#   tests/extract/fuzz_extract.sh WORKDIR   (FUZZ_SECONDS, default 60)
# Builds fuzz/fuzz_extract.c into WORKDIR with clang (as `make fuzz` does) and
# runs it from fuzz/corpus. Without clang or libFuzzer it says so and counts one
# failure: a fuzzer that cannot run has not passed (scripts/install-deps.sh
# installs clang). The last line is "N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
WORK=${1:-${TMPDIR:-/tmp}/giaoban-fuzz}
mkdir -p "$WORK/corpus"
if ! command -v clang >/dev/null 2>&1; then
    echo "FAIL clang not found: the fuzzer cannot run"
    echo "0 passed, 1 failed"
    exit 1
fi
if ! clang -std=c17 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
    $(pkg-config --cflags libutf8proc) -o "$WORK/fuzz_extract" fuzz/fuzz_extract.c \
    src/util/*.c src/text/*.c src/core/*.c src/extract/*.c \
    $(pkg-config --libs libutf8proc) 2>"$WORK/build.log"; then
    if grep -q "fuzzer" "$WORK/build.log" && grep -qi "cannot find\|not found\|unsupported" "$WORK/build.log"; then
        cat "$WORK/build.log"
        echo "FAIL clang has no libFuzzer: the fuzzer cannot run"
        echo "0 passed, 1 failed"
        exit 1
    fi
    cat "$WORK/build.log"
    echo "FAIL fuzz_extract does not build"
    echo "0 passed, 1 failed"
    exit 1
fi
if "$WORK/fuzz_extract" -max_total_time="${FUZZ_SECONDS:-60}" -max_len=8192 -rss_limit_mb=2048 \
    -artifact_prefix="$WORK/" "$WORK/corpus" fuzz/corpus >"$WORK/run.log" 2>&1; then
    tail -n 1 "$WORK/run.log"
    # exit 0 without having run anything is no pass either
    if grep -qE '^Done [1-9][0-9]* runs' "$WORK/run.log"; then
        echo "1 passed, 0 failed"
    else
        echo "FAIL fuzz_extract: exit 0 but no input was run"
        echo "0 passed, 1 failed"
        exit 1
    fi
else
    tail -n 40 "$WORK/run.log"
    echo "FAIL fuzz_extract: crash input in $WORK (move it to fuzz/regression/)"
    echo "0 passed, 1 failed"
    exit 1
fi
