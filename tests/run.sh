#!/bin/sh
# Run every test: the C test binaries (once as built, once under ASan+UBSan
# when build-asan/ exists) and the end-to-end CLI scripts, each against
# SQLite and against a throwaway PostgreSQL cluster started here.
# Every test prints "N passed, M failed"; this script adds them up and ends
# with the same line. Exit status 1 if anything failed.
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
LOG=$(mktemp -d "${TMPDIR:-/tmp}/giaoban-tests.XXXXXX")
chmod 755 "$LOG"
PASSED=0
FAILED=0
PGDIR="$LOG/pg"

count() { # name, output file, exit status
    name=$1; out=$2; st=$3
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
    if [ -z "$line" ]; then
        echo "FAIL $name: no result line (exit $st); see $out"
        FAILED=$((FAILED + 1))
        return
    fi
    p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
    if [ "$st" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    PASSED=$((PASSED + p))
    FAILED=$((FAILED + f))
    if [ "$f" -ne 0 ]; then
        echo "FAIL $name: $line"
        grep -E '^FAIL|ERROR|AddressSanitizer|runtime error' "$out" | head -n 30
    else
        echo "ok   $name: $line"
    fi
}

run() { # name, command...
    name=$1; shift
    out="$LOG/$(echo "$name" | tr '/ ' '__').log"
    "$@" >"$out" 2>&1
    count "$name" "$out" $?
}

# PostgreSQL for the store and CLI tests.
PG_URL=""
if PG_URL=$(sh scripts/pg-cluster.sh start "$PGDIR" 2>"$LOG/pg-start.log"); then
    echo "PostgreSQL test cluster: $PG_URL"
else
    echo "FAIL could not start the PostgreSQL test cluster:"
    tail -n 20 "$LOG/pg-start.log"
    FAILED=$((FAILED + 1))
fi
newdb() { sh scripts/pg-cluster.sh newdb "$PGDIR" "$1" 2>>"$LOG/pg-start.log"; }
cleanup() { [ -n "$PG_URL" ] && sh scripts/pg-cluster.sh stop "$PGDIR" >/dev/null 2>&1; }
trap cleanup EXIT INT TERM

for build in build build-asan; do
    [ -d "$build/tests" ] || continue
    for t in $(find "$build/tests" -type f -perm -u+x -name 'test_*' | sort); do
        name="$build/${t#$build/tests/}"
        pgurl=""
        if [ -n "$PG_URL" ]; then
            pgurl=$(newdb "t_$(echo "$name" | tr -c 'a-z0-9\n' '_')")
        fi
        run "$name" env GIAOBAN_TEST_PG="$pgurl" GIAOBAN_TEST_TMP="$LOG" \
            ASAN_OPTIONS=detect_leaks=1 "$t"
    done
done

for build in build build-asan; do
    [ -x "$build/giaoban" ] || continue
    for s in tests/cli/test_*.sh; do
        [ -f "$s" ] || continue
        base=$(basename "$s" .sh)
        run "$build/$base (sqlite)" env ASAN_OPTIONS=detect_leaks=1 \
            sh "$s" "$ROOT/$build/giaoban" "$LOG/$build-$base.db"
        if [ -n "$PG_URL" ]; then
            url=$(newdb "c_$(echo "$build$base" | tr -c 'a-z0-9\n' '_')")
            run "$build/$base (postgres)" env ASAN_OPTIONS=detect_leaks=1 \
                sh "$s" "$ROOT/$build/giaoban" "$url"
        fi
    done
done

# The web page in headless Chromium (tests/web/), against build/giaoban; Chromium, Node.js
# and playwright-core are installed first when missing (scripts/install-web-deps.sh).
if [ -x build/giaoban ]; then
    if sh scripts/install-web-deps.sh >"$LOG/web-deps.log" 2>&1; then
        run "web (chromium)" sh tests/web/run.sh "$ROOT/build/giaoban"
    else
        echo "FAIL could not install the browser test tools; see $LOG/web-deps.log"
        tail -n 10 "$LOG/web-deps.log"
        FAILED=$((FAILED + 1))
    fi
fi
run "web (unit)" sh tests/web/unit.sh   # the page's pure modules under node --test (tests/web/unit/)
run "pkg/test_package" sh tests/pkg/test_package.sh build   # make deb, dpkg-deb -I/-c, the extracted server as nobody

# The layer check (tools/check-layers.sh) on the real tree and on planted violations.
run "tools/test_layers" sh tests/tools/test_layers.sh build

# The extractor's libFuzzer harness, 60 s under ASan+UBSan (a failure without clang/libFuzzer).
run "fuzz_extract" sh tests/extract/fuzz_extract.sh "$LOG/fuzz-extract"
# The query fuzzer over every GET route and parameter, 60 s, the same way.
run "fuzz_query" sh tests/http/fuzz_query.sh "$LOG/fuzz-query" build
# The TCVN3 / VNI converter's fuzzer, 30 s, the same way.
run "fuzz_legacy" sh tests/text/fuzz_legacy.sh "$LOG/fuzz-legacy"
# Request bodies of every POST route, the CSV/XLSX imports, the date/number/text parsers:
# 30 s each (FUZZ_SECONDS), the same way (fuzz/run_fuzzer.sh).
run "fuzz_body" sh tests/http/fuzz_body.sh "$LOG/fuzz-body" build
run "fuzz_import" sh tests/app/fuzz_import.sh "$LOG/fuzz-import" build
run "fuzz_parse" sh tests/core/fuzz_parse.sh "$LOG/fuzz-parse" build

# The HTTP API: the real server on a free loopback port, driven by curl (tests/http/).
for build in build build-asan; do
    [ -x "$build/giaoban" ] || continue
    for s in tests/http/test_*.sh; do
        [ -f "$s" ] || continue
        base=$(basename "$s" .sh)
        run "$build/$base (sqlite)" env ASAN_OPTIONS=detect_leaks=1 \
            sh "$s" "$ROOT/$build/giaoban" "$LOG/$build-$base.db" "$LOG/$build-$base-demo.db"
        if [ -n "$PG_URL" ]; then
            tag=$(echo "$build$base" | tr -c 'a-z0-9\n' '_')
            url=$(newdb "h_$tag")
            demo=$(newdb "hd_$tag")
            run "$build/$base (postgres)" env ASAN_OPTIONS=detect_leaks=1 \
                sh "$s" "$ROOT/$build/giaoban" "$url" "$demo"
        fi
    done
done

echo "logs: $LOG"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
