#!/bin/sh
# tests/web/bench.sh - the dashboard's speed in Chromium on a large database (docs/PERFORMANCE.md).
#
# Usage: sh tests/web/bench.sh DB_URL [GIAOBAN_BINARY] [AS_OF]
# DB_URL is a database filled by bench/bench_gen (1M tasks). Adds a leader account at the top
# unit (random password), starts `giaoban serve` on a free loopback port, and runs
# tests/web/bench_dashboard.mjs: navigation start to the figures shown, median of 7 loads.
set -eu
cd "$(dirname "$0")/../.."
DB=$1
BIN=${2:-build/giaoban}
AS_OF=${3:-$(TZ=Asia/Ho_Chi_Minh date +%F)}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/giaoban-webbench.XXXXXX")
"$BIN" --db "$DB" unit list --format json >"$WORK/units.json"
ROOT_CODE=$(node -e 'const u=JSON.parse(require("fs").readFileSync(process.argv[1])); const l=u.items||u; const r=l.find(x=>!x.parent_id); console.log(r.code + " " + r.id)' "$WORK/units.json")
CODE=${ROOT_CODE% *}
ID=${ROOT_CODE#* }
USER="webbench_$$"
PASS=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$PASS" | "$BIN" --db "$DB" user add "$USER" --role leader --unit "$CODE" >/dev/null
"$BIN" --db "$DB" serve --listen 127.0.0.1:0 >"$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null' EXIT INT TERM
BASE=""
for i in $(seq 1 300); do
    BASE=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$WORK/server.log" | head -n 1)
    [ -n "$BASE" ] && break
    sleep 0.1
done
[ -n "$BASE" ] || { echo "server did not start: $(tail -n 3 "$WORK/server.log")"; exit 1; }
echo "server $BASE on $DB; leader of $CODE; as of $AS_OF"
node tests/web/bench_dashboard.mjs "$BASE" "$USER" "$PASS" "$ID" "$AS_OF" "${RUNS:-7}"
