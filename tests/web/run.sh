#!/bin/sh
# tests/web/run.sh - the browser tests of the web page.
#
# Usage: sh tests/web/run.sh [GIAOBAN_BINARY]   (default build/giaoban)
#        GIAOBAN_WEB_DB=postgres://... sh tests/web/run.sh ...   (an empty PostgreSQL database)
# Loads the seed demo into a fresh SQLite database, adds one account per role
# (random passwords, read from standard input as `giaoban user add` wants),
# starts the real `giaoban serve` on a free loopback port, runs
# tests/web/test_web.mjs in Debian's Chromium through playwright-core, stops
# the server, prints where the screenshots are and ends with "N passed, M failed".
# Needs /usr/bin/chromium and node_modules/playwright-core (scripts/install-web-deps.sh).
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BIN=${1:-$ROOT/build/giaoban}
case $BIN in /*) ;; *) BIN=$ROOT/$BIN ;; esac
WORK=$(mktemp -d "${TMPDIR:-/tmp}/giaoban-web.XXXXXX")
chmod 755 "$WORK"
DB=${GIAOBAN_WEB_DB:-$WORK/web.db}   # an empty database: SQLite file here, or a PostgreSQL URL
SHOTS=$WORK/screenshots
SERVER_PID=""

fail() {
    echo "FAIL $*"
    echo "0 passed, 1 failed"
    exit 1
}
stop() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
        SERVER_PID=""
    fi
}
trap stop EXIT INT TERM

[ -x "$BIN" ] || fail "no binary at $BIN"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || fail "no Chromium at /usr/bin/chromium (scripts/install-deps.sh installs it)"
[ -d "$ROOT/node_modules/playwright-core" ] || fail "no node_modules/playwright-core (run sh scripts/install-web-deps.sh)"

"$BIN" --db "$DB" demo >"$WORK/demo.log" 2>&1 || fail "demo: $(tail -n 3 "$WORK/demo.log")"

# One account per role. The passwords are random and never leave $WORK.
accounts="admin:admin:NA leader:leader:NA.CL leader_ls:leader:LS.CL office:office:NA.CL unit:unit:NA.CL.TCKH viewer:viewer:NA.CL"
: >"$WORK/accounts.txt"
for a in $accounts; do
    role_key=${a%%:*}; rest=${a#*:}; role=${rest%%:*}; unit=${rest#*:}
    user="web_$role_key"
    pass=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
    printf '%s\n' "$pass" | "$BIN" --db "$DB" user add "$user" --role "$role" --unit "$unit" \
        >>"$WORK/demo.log" 2>&1 || fail "user add $user: $(tail -n 2 "$WORK/demo.log")"
    echo "$role_key $user $pass" >>"$WORK/accounts.txt"
done
"$BIN" --db "$DB" unit list --format json >"$WORK/units.json" || fail "unit list"
node -e '
const fs = require("fs");
const [acc, units, out] = process.argv.slice(1);
const r = { ids: {} };
for (const line of fs.readFileSync(acc, "utf8").trim().split("\n")) {
    const [k, username, password] = line.split(" ");
    r[k] = { username, password };
}
const u = JSON.parse(fs.readFileSync(units, "utf8"));
for (const x of (u.items || u)) r.ids[x.code] = x.id;
fs.writeFileSync(out, JSON.stringify(r));
' "$WORK/accounts.txt" "$WORK/units.json" "$WORK/accounts.json" || fail "accounts.json"

# Port 0: the server picks a free port and says which.
"$BIN" --db "$DB" serve --listen 127.0.0.1:0 >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
BASE=""
i=0
while [ $i -lt 100 ]; do
    BASE=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$WORK/server.log" | head -n 1)
    [ -n "$BASE" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || fail "server exited: $(tail -n 3 "$WORK/server.log")"
    sleep 0.1
    i=$((i + 1))
done
[ -n "$BASE" ] || fail "server did not start"
echo "server: $BASE (log $WORK/server.log)"

node tests/web/test_web.mjs "$BASE" "$SHOTS" "$WORK/accounts.json"
st=$?
stop

exit $st
