#!/bin/sh
# HTTP benchmark of `giaoban serve` with wrk: bench/http/run.sh GIAOBAN DB_URL [SECONDS] [CONNS]
# DB_URL holds a generated dataset (bench/bench_gen.c: province HL, "today" 2024-12-31).
# Adds an account and a token (bench.http, admin at HL), starts the server on a free loopback
# port, and measures, each for SECONDS (default 10) with CONNS connections (default 32):
#   healthz (no database: the ceiling), a unit's open tasks (one page of 50; and in gzip, as
#   browsers ask), the overdue list of a district (first page), the province summary (the
#   dashboard's question: the 15 most overdue listed; and every overdue task listed, also in
#   gzip), a task's detail (random ids), task creation, and progress events on the tasks
#   just created (random ids, If-Match: *).
# Prints one line per case: requests/s, p50, p99 (ms), non-2xx count; then the server's peak
# resident memory. Writes go into DB_URL: use a copy. THREADS, MEMORY and CACHE (MiB) pass
# --threads, --memory and --cache to the server (CACHE=0: every answer computed).
# ONLY (a piece of a case's name) runs only the cases whose name holds it, and REPEAT runs
# each case that many times in a row (e.g. ONLY=creation REPEAT=3: task creation alone).
# Two cases measure the answer cache's other side: pages of random units (each unit's first
# ask computes its page), and a unit's page read while one request in ten assigns a task to
# that unit (each assignment makes its next page computed again).
set -eu
GB=$1
DB=$2
SECS=${3:-10}
CONNS=${4:-32}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/giaoban-httpbench.XXXXXX")
export GIAOBAN_DB="$DB" GIAOBAN_TODAY=2024-12-31
echo "bench-password-1" | "$GB" user add bench.http --role admin --unit HL >/dev/null 2>&1 || true
TOK=$("$GB" token create --user bench.http --label wrk)
"$GB" serve --listen 127.0.0.1:0 --threads "${THREADS:-4}" ${MEMORY:+--memory "$MEMORY"} \
    ${CACHE:+--cache "$CACHE"} >"$TMP/out" 2>"$TMP/err" &
SPID=$!
trap 'kill $SPID 2>/dev/null; rm -rf "$TMP"' EXIT
i=0
while [ $i -lt 600 ] && ! grep -q listening "$TMP/out"; do sleep 0.1; i=$((i + 1)); done
PORT=$(sed -nE 's/.*:([0-9]+)$/\1/p' "$TMP/out")
URL="http://127.0.0.1:$PORT"
MAXID=$(curl -s -H "Authorization: Bearer $TOK" "$URL/api/v1/tasks?limit=1&unit=HL&subtree=true" | jq .total)

cat >"$TMP/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("%.0f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, non2xx, summary.requests))
end
LUA
cat "$TMP/report.lua" >"$TMP/detail.lua"
cat >>"$TMP/detail.lua" <<LUA
math.randomseed(7)
request = function()
  return wrk.format("GET", "/api/v1/tasks/" .. math.random(1, $MAXID))
end
LUA
UNITS=$(curl -s -H "Authorization: Bearer $TOK" "$URL/api/v1/units" | jq -r '[.items[].code] | join(" ")')
cat "$TMP/report.lua" >"$TMP/units.lua"
cat >>"$TMP/units.lua" <<LUA
math.randomseed(5)
units = {}
for c in string.gmatch("$UNITS", "%S+") do units[#units + 1] = c end
request = function()
  return wrk.format("GET", "/api/v1/tasks?unit=" .. units[math.random(1, #units)] ..
    "&category=open&limit=50")
end
LUA
cat "$TMP/report.lua" >"$TMP/mixed.lua"
cat >>"$TMP/mixed.lua" <<LUA
n = 0
request = function()
  n = n + 1
  if n % 10 == 0 then
    return wrk.format("POST", "/api/v1/tasks", {["Content-Type"] = "application/json",
      ["Authorization"] = "Bearer $TOK"},
      '{"content":"Nhiệm vụ đo tải xen kẽ","lead_unit":"HL.SXD","deadline":"2025-01-31"}')
  end
  return wrk.format("GET", "/api/v1/tasks?unit=HL.SXD&category=open&limit=50")
end
LUA
cat "$TMP/report.lua" >"$TMP/gzip.lua"
echo 'wrk.headers["Accept-Encoding"] = "gzip"' >>"$TMP/gzip.lua"
cat "$TMP/report.lua" >"$TMP/create.lua"
cat >>"$TMP/create.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"content":"Nhiệm vụ đo tải","lead_unit":"HL.SXD","deadline":"2025-01-31"}'
LUA
# case NAME PATH [SCRIPT]
case_() {
    name=$1; path=$2; script=${3:-$TMP/report.lua}
    case "$name" in *"${ONLY:-}"*) ;; *) return 0 ;; esac
    r=0
    while [ $r -lt "${REPEAT:-1}" ]; do
        line=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout 10s --latency \
            -H "Authorization: Bearer $TOK" -s "$script" "$URL$path" 2>/dev/null | tail -n 1)
        set -- $line
        printf '%-32s %8s req/s  p50 %7s ms  p99 %8s ms  non-2xx %s of %s\n' "$name" "$1" "$2" \
            "$3" "$4" "$5"
        r=$((r + 1))
    done
}
echo "# giaoban serve on $(echo "$DB" | sed 's/:.*@/:...@/'), $(nproc) cores, wrk -t2 -c$CONNS -d${SECS}s, threads ${THREADS:-4}, cache ${CACHE:-default}, $MAXID tasks"
case_ "healthz (no database)" /healthz
case_ "unit open tasks, page 50" "/api/v1/tasks?unit=HL.SXD&category=open&limit=50"
case_ "unit open page, gzip (browser)" "/api/v1/tasks?unit=HL.SXD&category=open&limit=50" \
    "$TMP/gzip.lua"
case_ "unit open, random unit" /api/v1/tasks "$TMP/units.lua"
case_ "unit tasks, page 50" "/api/v1/tasks?unit=HL.SXD&limit=50"
case_ "district overdue, page 50" "/api/v1/tasks?unit=HL.ANCAT&subtree=true&category=open_overdue&limit=50"
case_ "task detail (random)" /api/v1/tasks/1 "$TMP/detail.lua"
case_ "province summary, 15 overdue" "/api/v1/reports/summary?unit=HL&subtree=true&overdue_limit=15"
case_ "province summary, all overdue" "/api/v1/reports/summary?unit=HL&subtree=true"
case_ "province summary, all, gzip" "/api/v1/reports/summary?unit=HL&subtree=true" \
    "$TMP/gzip.lua"
new_task() {
    curl -s -H "Authorization: Bearer $TOK" -H "Content-Type: application/json" \
        -d '{"content":"Nhiệm vụ đo tải tiến độ","lead_unit":"HL.SXD"}' "$URL/api/v1/tasks" | jq .id
}
FIRST=$(new_task)
case_ "unit open page, 1 in 10 assigns" /api/v1/tasks "$TMP/mixed.lua"
case_ "task creation" /api/v1/tasks "$TMP/create.lua"
LAST=$(new_task)
# Progress reports on the tasks just created, at random (as clerks report on many tasks).
cat "$TMP/report.lua" >"$TMP/progress.lua"
cat >>"$TMP/progress.lua" <<LUA
math.randomseed(11)
request = function()
  return wrk.format("POST", "/api/v1/tasks/" .. math.random($FIRST, $LAST) .. "/progress",
    {["Content-Type"] = "application/json", ["If-Match"] = "*",
     ["Authorization"] = "Bearer $TOK"},
    '{"percent":50,"note":"đang thực hiện"}')
end
LUA
case_ "progress event (random new)" "/api/v1/tasks/$FIRST/progress" "$TMP/progress.lua"
st=/proc/$SPID/status
echo "server peak resident memory: $(sed -n 's/^VmHWM:[[:space:]]*//p' $st);" \
    "now: anonymous $(sed -n 's/^RssAnon:[[:space:]]*//p' $st)," \
    "file pages $(sed -n 's/^RssFile:[[:space:]]*//p' $st)"
