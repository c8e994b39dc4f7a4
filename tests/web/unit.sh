#!/bin/sh
# tests/web/unit.sh - the unit tests of the web page's pure modules (src/web/format.js,
# src/web/rules.js): tests/web/unit/*.test.mjs under Node's own test runner (node --test,
# no npm package), without a browser or a server.
#
# Usage: sh tests/web/unit.sh
# Prints node's TAP output, a "FAIL <test>" line for each failed test and ends with
# "N passed, M failed" (from node's "# pass N" / "# fail M"). Exit status 1 when a test
# failed or was cancelled, when no test ran, or when node is missing or too old.
set -u
cd "$(dirname "$0")/../.."

fail() {
    echo "FAIL $*"
    echo "0 passed, 1 failed"
    exit 1
}

command -v node >/dev/null 2>&1 || fail "no node (Node.js 20 or later; scripts/install-web-deps.sh installs it)"
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)
[ "${major:-0}" -ge 20 ] 2>/dev/null || fail "node $(node --version 2>/dev/null) is older than 20"

set -- tests/web/unit/*.test.mjs
[ -f "$1" ] || fail "no tests/web/unit/*.test.mjs"

out=$(mktemp "${TMPDIR:-/tmp}/giaoban-web-unit.XXXXXX")
trap 'rm -f "$out"' EXIT INT TERM
node --test --test-reporter=tap "$@" >"$out" 2>&1
st=$?
cat "$out"

# The summary lines of the top level (nested subtests are indented).
num() { sed -n "s/^# $1 \([0-9][0-9]*\)\$/\1/p" "$out" | tail -n 1; }
pass=$(num pass); failed=$(num fail); cancelled=$(num cancelled)
[ -n "$pass" ] && [ -n "$failed" ] || fail "node --test printed no '# pass' / '# fail' lines (exit $st)"
failed=$((failed + ${cancelled:-0}))
sed -n 's/^not ok [0-9]* - \(.*\)$/FAIL \1/p' "$out"
if [ "$pass" -eq 0 ] && [ "$failed" -eq 0 ]; then
    echo "FAIL no test ran"
    failed=1
fi
# node failing without a failed test (a file that does not load is one): count it.
if [ "$st" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "FAIL node --test exited with $st"
    failed=1
fi
echo "$pass passed, $failed failed"
[ "$failed" -eq 0 ]
