#!/bin/sh
# Watching the server run: tests/http/test_metrics.sh GIAOBAN DB_URL [DEMO_DB_URL]
# On DB_URL (a SQLite file path, removed first, or an empty PostgreSQL database) with the demo
# data: a scripted set of requests, then /metrics counts exactly those by route pattern and
# status (and each histogram's _count and +Inf bucket agree), counts stay exact under
# concurrent requests, /metrics is refused from outside the loopback; /readyz is 200, then
# 503 naming the cause once the database is made unavailable (SQLite: its file moved away,
# and 200 again once it is back; PostgreSQL: the server's connections terminated); each line
# of the access log is JSON with the documented fields, holds no token, password or query
# text, and X-Request-Id is kept or replaced as docs/DEPLOY.md says; --log none writes no
# line. DEMO_DB_URL is not used. Last line "N passed, M failed".
set -u
GB=$1
DB=$2
case "$DB" in postgres*) PG=1 ;; *) PG=0; rm -f "$DB" "$DB-wal" "$DB-shm" ;; esac
export GIAOBAN_DB="$DB"
export GIAOBAN_TODAY=2020-10-01
PASS=0
FAIL=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/giaoban-metrics.XXXXXX")
OUT=$TMP/out
HDR=$TMP/hdr
PIDS=""

pass() { PASS=$((PASS + 1)); }
fail() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
eq() { if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', want '$3'"; fi; }
finish() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    [ "$PG" = 0 ] && [ -f "$DB.moved" ] && mv "$DB.moved" "$DB"
    echo "$PASS passed, $FAIL failed"
    [ -n "${KEEP:-}" ] || rm -rf "$TMP"
    [ "$FAIL" -eq 0 ]
    exit $?
}

# start NAME [OPTIONS...]: a server in the background on a free port; sets PORT and SPID.
start() {
    sname=$1; shift
    "$GB" serve --db "$DB" --listen 127.0.0.1:0 --trust-proxy "$@" \
        >"$TMP/$sname.out" 2>"$TMP/$sname.err" &
    SPID=$!
    PIDS="$PIDS $SPID"
    i=0
    while [ $i -lt 100 ] && ! grep -q listening "$TMP/$sname.out" 2>/dev/null; do
        sleep 0.1; i=$((i + 1))
    done
    PORT=$(sed -nE 's/^listening on http:\/\/127\.0\.0\.1:([0-9]+)$/\1/p' "$TMP/$sname.out")
    if [ -z "$PORT" ]; then
        fail "$sname: server did not start: $(head -c 400 "$TMP/$sname.err")"
        finish
    fi
}

# get [-a TOKEN] [-H HEADER] PATH: body in $OUT, headers in $HDR, status in $CODE.
get() {
    gauth=""; gh="X-Nothing: 1"
    while :; do
        case "$1" in
        -a) gauth=$2; shift 2 ;;
        -H) gh=$2; shift 2 ;;
        *) break ;;
        esac
    done
    if [ -n "$gauth" ]; then
        CODE=$(curl -s -o "$OUT" -D "$HDR" -w '%{http_code}' -H "Authorization: Bearer $gauth" \
            -H "$gh" "http://127.0.0.1:$PORT$1")
    else
        CODE=$(curl -s -o "$OUT" -D "$HDR" -w '%{http_code}' -H "$gh" "http://127.0.0.1:$PORT$1")
    fi
}
expect() { eq "$1: status" "$CODE" "$2"; }
# metric NAME{LABELS}: its value in $TMP/metrics, or "none".
metric() {
    v=$(grep -F "$1 " "$TMP/metrics" | grep -vF "#" | awk -v k="$1" '$1 == k { print $2 }')
    echo "${v:-none}"
}

# ---- the data: the demo, an office clerk with a password and a token ----
if ! "$GB" demo >"$OUT" 2>&1; then
    fail "demo: $(head -c 300 "$OUT")"
    finish
fi
PASSWORD="Pw-metrics-7731"
echo "$PASSWORD" | "$GB" user add clerk.m --role office --unit "UBND tỉnh Lạng Sơn" >"$OUT" 2>&1 ||
    fail "user add: $(cat "$OUT")"
TOK=$("$GB" token create --user clerk.m)
[ -n "$TOK" ] && pass || fail "token create gave nothing"

start main
get /readyz
expect "/readyz" 200
eq "/readyz body" "$(jq -c . <"$OUT" 2>/dev/null)" '{"status":"ready"}'
grep -qi '^Cache-Control: no-store' "$HDR" && pass || fail "/readyz may be cached"

# ---- the scripted requests ----
SUMQ="unit=UBND%20t%E1%BB%89nh%20L%E1%BA%A1ng%20S%C6%A1n&from=2020-01-01&to=2020-06-30"
for off in 0 5 10; do
    get -a "$TOK" "/api/v1/tasks?limit=5&offset=$off"
    expect "task page $off" 200
    [ "$off" = 0 ] && IDS=$(jq -r '.items[].id' <"$OUT" | head -n 2)
done
set -- $IDS
ID1=${1:-1}
ID2=${2:-2}
[ "$#" -eq 2 ] && pass || fail "the clerk sees not two tasks to read: '$IDS'"
get -a "$TOK" "/api/v1/tasks/$ID1"
expect "task $ID1" 200
get -a "$TOK" "/api/v1/tasks/$ID2"
expect "task $ID2" 200
for n in 1 2; do
    get -a "$TOK" "/api/v1/reports/summary?$SUMQ"
    expect "summary $n" 200
done
get -a "$TOK" /api/v1/no-such-thing/12
expect "an unknown path" 404
get /api/v1/tasks
expect "a task page without a token" 401
get -a "$TOK" "/api/v1/tasks?limit=SECRETQUERYTEXT"
expect "a bad limit" 400
# A login: the password goes in the body only, and must not reach the log.
CODE=$(curl -s -o "$OUT" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary "{\"username\":\"clerk.m\",\"password\":\"$PASSWORD\"}" \
    "http://127.0.0.1:$PORT/api/v1/session")
expect "log in" 201
COOKIE_SECRET=$(jq -r '.csrf_token // empty' <"$OUT")
# Request ids: a plain one is kept, any other replaced.
get -H "X-Request-Id: run-42.a_B" /healthz
eq "a plain X-Request-Id is kept" "$(sed -n 's/^X-Request-Id: *//Ip' "$HDR" | tr -d '\r')" \
    "run-42.a_B"
get -H "X-Request-Id: bad id <script>" /healthz
RID=$(sed -n 's/^X-Request-Id: *//Ip' "$HDR" | tr -d '\r')
case "$RID" in
*script* | "") fail "an X-Request-Id with spaces and brackets was kept: '$RID'" ;;
*) if echo "$RID" | grep -Eq '^[0-9a-f]{16}$'; then pass; else fail "made request id '$RID'"; fi ;;
esac
LONG=$(printf '%070d' 0)
get -H "X-Request-Id: $LONG" /healthz
RID2=$(sed -n 's/^X-Request-Id: *//Ip' "$HDR" | tr -d '\r')
[ "$RID2" != "$LONG" ] && [ -n "$RID2" ] && pass || fail "a 70-character X-Request-Id was kept"
[ "$RID2" != "$RID" ] && pass || fail "two requests were given the same id $RID"

# ---- /metrics ----
CODE=$(curl -s -o "$TMP/metrics" -D "$HDR" -w '%{http_code}' "http://127.0.0.1:$PORT/metrics")
expect "/metrics" 200
grep -qi '^Content-Type: text/plain; version=0.0.4' "$HDR" && pass ||
    fail "/metrics Content-Type: $(grep -i '^Content-Type' "$HDR")"
R='giaoban_http_requests_total{route='
eq "task pages 200" "$(metric "$R\"/api/v1/tasks\",method=\"GET\",status=\"200\"}")" 3
eq "task pages 401" "$(metric "$R\"/api/v1/tasks\",method=\"GET\",status=\"401\"}")" 1
eq "task pages 400" "$(metric "$R\"/api/v1/tasks\",method=\"GET\",status=\"400\"}")" 1
eq "one task 200 (by pattern)" "$(metric "$R\"/api/v1/tasks/{id}\",method=\"GET\",status=\"200\"}")" 2
eq "summaries 200" "$(metric "$R\"/api/v1/reports/summary\",method=\"GET\",status=\"200\"}")" 2
eq "unmatched 404" "$(metric "$R\"unmatched\",method=\"GET\",status=\"404\"}")" 1
eq "log in 200" "$(metric "$R\"/api/v1/session\",method=\"POST\",status=\"201\"}")" 1
eq "/healthz 200" "$(metric "$R\"/healthz\",method=\"GET\",status=\"200\"}")" 3
eq "/readyz 200" "$(metric "$R\"/readyz\",method=\"GET\",status=\"200\"}")" 1
# Exactly these request lines and no other (the scrape itself counts once it is sent).
eq "request lines" "$(grep -c '^giaoban_http_requests_total{' "$TMP/metrics")" 9
if grep -Eq 'route="[^"]*/[0-9]' "$TMP/metrics"; then fail "a raw id in a route label"; else pass; fi
H='giaoban_http_request_duration_seconds'
eq "tasks histogram _count" "$(metric "${H}_count{route=\"/api/v1/tasks\",method=\"GET\"}")" 5
eq "tasks histogram +Inf" \
    "$(metric "${H}_bucket{route=\"/api/v1/tasks\",method=\"GET\",le=\"+Inf\"}")" 5
eq "summary histogram _count" \
    "$(metric "${H}_count{route=\"/api/v1/reports/summary\",method=\"GET\"}")" 2
# Buckets never decrease, each histogram's +Inf bucket is its _count, and the _counts add up
# to the requests counted.
BAD=$(awk '
    /^giaoban_http_request_duration_seconds_bucket/ {
        key = $1; sub(/^[a-z_]+_bucket/, "", key); sub(/,le=.*/, "", key)
        if (key == last && $2 + 0 < prev) bad++
        last = key; prev = $2 + 0
        if ($1 ~ /le="\+Inf"/) inf[key] = $2 }
    /^giaoban_http_request_duration_seconds_count/ {
        key = $1; sub(/^[a-z_]+_count/, "", key); sub(/}$/, "", key)
        cnt[key] = $2; total += $2 }
    /^giaoban_http_requests_total/ { req += $2 }
    END { for (k in cnt) if (inf[k] != cnt[k]) bad++
          if (total != req || total == 0) bad++
          print bad + 0 }' "$TMP/metrics")
eq "histograms agree with the counters" "$BAD" 0
grep -Eq "^${H}_bucket\{route=\"/api/v1/tasks\",method=\"GET\",le=\"0.001\"\} " "$TMP/metrics" &&
    grep -Eq "^${H}_bucket\{route=\"/api/v1/tasks\",method=\"GET\",le=\"10\"\} " "$TMP/metrics" &&
    pass || fail "the buckets do not run from 1 ms to 10 s"
HITS=$(metric giaoban_answer_cache_hits_total)
[ "$HITS" != none ] && [ "$HITS" -ge 1 ] && pass ||
    fail "the second summary was not an answer cache hit: hits $HITS"
[ "$(metric giaoban_answer_cache_misses_total)" != none ] && pass || fail "no cache misses line"
eq "writes waiting for their sync" "$(metric giaoban_sync_waiting)" 0
grep -Eq '^giaoban_build_info\{version="[^"]+",backend="(sqlite|postgres)",' "$TMP/metrics" &&
    pass || fail "build info: $(grep build_info "$TMP/metrics")"
ST=$(metric giaoban_process_start_time_seconds)
NOW=$(date +%s)
[ "$ST" != none ] && awk -v s="$ST" -v n="$NOW" 'BEGIN { exit !(s > n - 600 && s <= n + 1) }' &&
    pass || fail "process start time $ST, now $NOW"
[ "$(metric giaoban_uptime_seconds)" != none ] && pass || fail "no uptime"
# Every sample line is NAME{...} VALUE or NAME VALUE, every name prefixed and declared.
BADL=$(grep -v '^#' "$TMP/metrics" | grep -Evc '^giaoban_[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? [0-9.e+-]+$')
eq "malformed sample lines" "$BADL" 0
for n in $(grep -v '^#' "$TMP/metrics" | sed -E 's/[{ ].*//; s/_(bucket|sum|count)$//' | sort -u); do
    grep -q "^# TYPE $n " "$TMP/metrics" || fail "no TYPE line for $n"
done
if grep -qF "$TOK" "$TMP/metrics" || grep -q "clerk.m" "$TMP/metrics"; then
    fail "/metrics shows a token or an account"
else
    pass
fi

# Exact under concurrency: 8 clients, 25 requests each.
seq 200 | xargs -P 8 -I{} curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz"
curl -s -o "$TMP/metrics" "http://127.0.0.1:$PORT/metrics"
eq "/healthz after 200 concurrent requests" "$(metric "$R\"/healthz\",method=\"GET\",status=\"200\"}")" 203
eq "the first scrape counted" "$(metric "$R\"/metrics\",method=\"GET\",status=\"200\"}")" 1

# Who may read it: the loopback only (with --trust-proxy, the address the proxy gives).
get -H "X-Forwarded-For: 10.1.2.3" /metrics
expect "/metrics from 10.1.2.3" 403
get -H "X-Forwarded-For: 127.0.0.1" /metrics
expect "/metrics from 127.0.0.1 through the proxy" 200

# ---- the access log ----
LOG=$TMP/main.err
grep '^{' "$LOG" >"$TMP/lines"
NL=$(wc -l <"$TMP/lines")
# 1 readyz + 3 + 2 + 2 + 1 + 1 + 1 + 1 login + 3 healthz + 1 metrics + 200 + 1 + 2 = 219
eq "log lines, one per request" "$NL" 219
BADJ=0
while IFS= read -r line; do
    echo "$line" | jq -e '(.ts | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$"))
        and (.request_id | type == "string" and length > 0) and (.method | type == "string")
        and (.route | type == "string") and (.status | type == "number")
        and (.ms | type == "number") and (.bytes | type == "number")
        and (has("account")) and (.account == null or (.account | type == "string"))' \
        >/dev/null 2>&1 || BADJ=$((BADJ + 1))
done <"$TMP/lines"
eq "log lines that are not JSON with every field" "$BADJ" 0
NOTJSON=$(grep -v '^{' "$LOG" | grep -vc '^giaoban serve: ')
eq "other lines on stderr" "$NOTJSON" 0
eq "a task page line names the account" \
    "$(jq -r 'select(.route == "/api/v1/tasks" and .status == 200) | .account' "$TMP/lines" | sort -u)" \
    clerk.m
eq "the 401 line has no account" \
    "$(jq -r 'select(.route == "/api/v1/tasks" and .status == 401) | .account' "$TMP/lines")" null
eq "a task's line has the pattern, not the path" \
    "$(jq -r 'select(.route == "/api/v1/tasks/{id}") | .status' "$TMP/lines" | tr '\n' ' ')" "200 200 "
eq "the kept request id is in the log" \
    "$(jq -r 'select(.request_id == "run-42.a_B") | .route' "$TMP/lines")" /healthz
B=$(jq -r 'select(.route == "/readyz") | .bytes' "$TMP/lines" | head -n 1)
eq "the bytes of /readyz's answer" "$B" 18
for secret in "$TOK" "$PASSWORD" SECRETQUERYTEXT "offset=" "Bearer" ${COOKIE_SECRET:+"$COOKIE_SECRET"}; do
    if grep -qF -- "$secret" "$LOG"; then fail "the log holds '$secret'"; else pass; fi
done

# ---- the database made unavailable ----
get /healthz
expect "/healthz before" 200
if [ "$PG" = 1 ]; then
    psql -q -X -At "$DB" -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()" >"$OUT" 2>&1 ||
        fail "psql: $(cat "$OUT")"
    sleep 0.3
    get /readyz
    expect "/readyz with the server's connections terminated" 503
    eq "/readyz says unavailable" "$(jq -r .status <"$OUT")" unavailable
    eq "/readyz names the backend" "$(jq -r .backend <"$OUT")" postgres
    C=$(jq -r .cause <"$OUT")
    case "$C" in *PostgreSQL* | *postgres*) pass ;; *) fail "/readyz cause: '$C'" ;; esac
else
    mv "$DB" "$DB.moved"
    get /readyz
    expect "/readyz with the database file moved away" 503
    eq "/readyz says unavailable" "$(jq -r .status <"$OUT")" unavailable
    eq "/readyz code" "$(jq -r .code <"$OUT")" file_missing
    C=$(jq -r .cause <"$OUT")
    case "$C" in *"$DB"*) pass ;; *) fail "/readyz cause does not name the file: '$C'" ;; esac
    mv "$DB.moved" "$DB"
    get /readyz
    expect "/readyz with the file back" 200
    cp "$DB" "$DB.copy" && mv "$DB.copy" "$DB.other" && mv "$DB" "$DB.moved" && mv "$DB.other" "$DB"
    get /readyz
    expect "/readyz with another file in its place" 503
    eq "/readyz code" "$(jq -r .code <"$OUT")" file_replaced
    rm -f "$DB" && mv "$DB.moved" "$DB"
fi
get /healthz
expect "/healthz still answers: the process is alive" 200
eq "the 503 is logged" "$(grep '^{' "$LOG" | jq -r 'select(.route == "/readyz") | .status' | sort -u | tr '\n' ' ')" \
    "$( [ "$PG" = 1 ] && echo "200 503 " || echo "200 503 ")"
kill -TERM "$SPID"
wait "$SPID"
eq "exit status after SIGTERM" "$?" 0
PIDS=""

# ---- --log none ----
start quiet --log none
get /healthz
expect "/healthz with --log none" 200
get -a "$TOK" "/api/v1/tasks?limit=1"
kill -TERM "$SPID"
wait "$SPID"
PIDS=""
eq "JSON lines with --log none" "$(grep -c '^{' "$TMP/quiet.err")" 0
"$GB" serve --db "$DB" --listen 127.0.0.1:0 --log text >"$OUT" 2>&1
eq "--log text is refused" "$?" 2
finish
