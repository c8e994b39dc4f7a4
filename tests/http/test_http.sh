#!/bin/sh
# End-to-end tests of the HTTP API: tests/http/test_http.sh GIAOBAN DB_URL [DEMO_DB_URL]
# Starts the real server (`giaoban serve`) on a free loopback port against DB_URL (a SQLite
# file path, removed first, or an empty PostgreSQL database) and talks HTTP to it with curl:
# the whole cycle, the role matrix, the unit scope, bad inputs, ETag/If-Match, the audit
# trail, the OpenAPI document, graceful shutdown; on PostgreSQL also two servers on one
# database. With DEMO_DB_URL (another empty database) the seed figures are read through the
# API. Every check says what it expects; the last line is "N passed, M failed".
set -u
GB=$1
DB=$2
DEMO_DB=${3:-}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
case "$DB" in postgres*) PG=1 ;; *) PG=0; rm -f "$DB" "$DB-wal" "$DB-shm" ;; esac
export GIAOBAN_DB="$DB"
export GIAOBAN_TODAY=2020-10-01
PASS=0
FAIL=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/giaoban-http.XXXXXX")
OUT=$TMP/out
HDR=$TMP/hdr
PIDS=""

pass() { PASS=$((PASS + 1)); }
fail() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
eq() { if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', want '$3'"; fi; }
jget() { jq -r "$1" <"$OUT" 2>/dev/null; }
finish() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    echo "$PASS passed, $FAIL failed"
    rm -rf "$TMP"
    [ "$FAIL" -eq 0 ]
    exit $?
}

# start NAME DB [OPTIONS...]: start a server in the background; sets PORT and SPID.
start() {
    sname=$1; sdb=$2; shift 2
    "$GB" serve --db "$sdb" --listen 127.0.0.1:0 --trust-proxy "$@" \
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
# stop NAME PID: SIGTERM, expect exit status 0 and the drain message.
stop() {
    kill -TERM "$2"
    wait "$2"
    eq "$1: exit status after SIGTERM" "$?" 0
    if grep -q "stopped" "$TMP/$1.err"; then pass; else fail "$1: no 'stopped' in the log"; fi
}

# call [-p PORT] [-a AUTH] [-x XFF] [-t CONTENT_TYPE] METHOD PATH [BODY] [CURL OPTIONS...]: response in $OUT,
# headers in $HDR, status in $CODE. AUTH is a role name (its API token), "none", or
# "cookie" (the session cookie jar $JAR, by default $TMP/jar, and $CSRF).
call() {
    cport=$PORT; cauth=admin; cxff=10.0.0.1; ctype=application/json
    while :; do
        case "$1" in
        -p) cport=$2; shift 2 ;;
        -t) ctype=$2; shift 2 ;;
        -a) cauth=$2; shift 2 ;;
        -x) cxff=$2; shift 2 ;;
        *) break ;;
        esac
    done
    cm=$1; cpath=$2; shift 2
    if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
        cbody=$1; shift
        set -- -H "Content-Type: $ctype" --data-binary "$cbody" "$@"
    fi
    set -- -H "X-Forwarded-For: $cxff" "$@"
    case "$cauth" in
    none) ;;
    cookie) set -- -b "${JAR:-$TMP/jar}" -c "${JAR:-$TMP/jar}" -H "X-CSRF-Token: ${CSRF:-}" "$@" ;;
    *) eval "ctok=\${TOK_$cauth:-}"; set -- -H "Authorization: Bearer $ctok" "$@" ;;
    esac
    CODE=$(curl -s -o "$OUT" -D "$HDR" -w '%{http_code}' -X "$cm" "$@" \
        "http://127.0.0.1:$cport$cpath")
}
# expect NAME STATUS: the last call's status.
expect() {
    if [ "$CODE" = "$2" ]; then pass; else fail "$1: status $CODE, want $2 ($(head -c 300 "$OUT"))"; fi
}
# expect_err NAME STATUS CODE_NAME: status and error code, with a message and the error shape.
expect_err() {
    expect "$1" "$2"
    eq "$1: error code" "$(jget .error.code)" "$3"
    if [ -n "$(jget '.error.message // empty')" ] && jq -e '.error | has("field")' <"$OUT" >/dev/null 2>&1
    then pass; else fail "$1: error body lacks message or field: $(head -c 200 "$OUT")"; fi
}
# schema NAME: the last response has every member the schema requires, and no member an
# additionalProperties:false schema lacks.
schema() {
    missing=$(jq -r --arg s "$1" --slurpfile doc "$TMP/openapi.json" '
        ($doc[0].components.schemas[$s]) as $sc | . as $o |
        [($sc.required // [])[] | . as $k | select(($o | has($k)) | not)] +
        (if $sc.additionalProperties == false then
            [keys[] | . as $k | select(($sc.properties | has($k)) | not) | "extra:" + $k] else [] end)
        | join(",")' <"$OUT" 2>&1 || echo "jq failed")
    eq "response matches schema $1" "$missing" ""
}
header() { tr -d '\r' <"$HDR" | sed -n "s/^$1: //Ip" | head -n 1; }

# ---- setup: units and accounts by the CLI ----
"$GB" init >/dev/null 2>&1
"$GB" unit add --code T --name "Ủy ban nhân dân tỉnh Thử" --kind tinh >/dev/null
"$GB" unit add --code T.H --name "Ủy ban nhân dân huyện Hòa" --kind huyen --parent T >/dev/null
"$GB" unit add --code T.H.KT --name "Phòng Kinh tế huyện Hòa" --kind phong --parent T.H >/dev/null
"$GB" unit add --code T.H.TC --name "Phòng Tài chính huyện Hòa" --kind phong --parent T.H >/dev/null
"$GB" unit add --code T.X --name "Ủy ban nhân dân huyện Xa" --kind huyen --parent T >/dev/null
Z_ID=$("$GB" unit add --code T.H.Z --name "Tổ công tác tạm thời" --kind khac --parent T.H)
for a in "admin admin T" "leader leader T.H" "office office T.H" "unit unit T.H.KT" \
    "viewer viewer T.H" "other office T.X"; do
    set -- $a
    if echo "pass-$1-123" | "$GB" user add "$1" --role "$2" --unit "$3" >/dev/null 2>"$OUT"; then
        pass
    else
        fail "user add $1: $(cat "$OUT")"
    fi
    eval "TOK_$1=\$(\"\$GB\" token create --user $1)"
done
# An account and a token for the matrix to disable, enable and revoke.
echo "pass-target-123" | "$GB" user add target --role viewer --unit T.X >/dev/null
"$GB" token create --user target --label matrix >/dev/null
TARGET_ID=$("$GB" user list --format json | jq -r '.items[] | select(.username == "target") | .id')
TARGET_TOK=$("$GB" token list --format json | jq -r '.items[] | select(.username == "target") | .id')
case "$TARGET_ID$TARGET_TOK" in *[!0-9]* | "") fail "user/token list: no ids ($TARGET_ID, $TARGET_TOK)" ;; *) pass ;; esac
if "$GB" token list | grep -q gb_; then fail "token list shows a secret"; else pass; fi
if echo "short" | "$GB" user add weak --role viewer --unit T >/dev/null 2>&1; then
    fail "a short password is refused"
else pass; fi
if echo "pass-admin-123" | "$GB" user add admin --role viewer --unit T >/dev/null 2>&1; then
    fail "a taken username is refused"
else pass; fi

start main "$DB"
MAIN_PID=$SPID

# ---- public routes and headers ----
call -a none GET /healthz
expect "healthz" 200
eq "healthz body" "$(jget .status)" ok
eq "Content-Type" "$(header Content-Type)" "application/json; charset=utf-8"
eq "nosniff" "$(header X-Content-Type-Options)" nosniff
case "$(header Content-Security-Policy)" in *"default-src 'none'"*) pass ;; *) fail "CSP header" ;; esac

call -a none GET /api/v1/openapi.json
expect "openapi" 200
eq "openapi version" "$(jget .openapi | cut -c1-2)" "3."
cp "$OUT" "$TMP/openapi.json"
# Every route of the table is in the document, with its method.
grep -oE '\{"(GET|POST|DELETE)", "/[^"]*"' "$ROOT/src/http/router.c" |
    sed -E 's/^\{"([A-Z]+)", "([^"]*)"$/\1 \2/' >"$TMP/routes"
n_routes=0
while read -r m p; do
    n_routes=$((n_routes + 1))
    lm=$(echo "$m" | tr 'A-Z' 'a-z')
    if jq -e --arg p "$p" --arg m "$lm" '.paths[$p][$m]' "$TMP/openapi.json" >/dev/null; then
        pass
    else
        fail "route $m $p is not in openapi.json"
    fi
done <"$TMP/routes"
if [ "$n_routes" -ge 35 ]; then pass; else fail "found only $n_routes routes in router.c"; fi
# ...and the document names no route the server lacks.
jq -r '.paths | to_entries[] | .key as $p | .value | keys[] | select(. != "parameters") |
       "\(ascii_upcase) \($p)"' "$TMP/openapi.json" | sort >"$TMP/doc_routes"
sort "$TMP/routes" >"$TMP/routes.sorted"
eq "openapi has no extra route" "$(comm -13 "$TMP/routes.sorted" "$TMP/doc_routes" | head -n 3)" ""

# ---- gzip for slow links: large textual answers and the page's files, when accepted ----
call -a viewer GET /api/v1/units
cp "$OUT" "$TMP/units.plain"
expect "units, plain" 200
eq "no gzip unasked" "$(header Content-Encoding)" ""
if [ "$(wc -c <"$TMP/units.plain")" -ge 1024 ]; then pass; else fail "the units answer is too small to test gzip"; fi
call -a viewer GET /api/v1/units -H "Accept-Encoding: gzip, deflate"
eq "gzip when accepted" "$(header Content-Encoding)" gzip
eq "Vary" "$(header Vary)" Accept-Encoding
if gzip -dc <"$OUT" | cmp -s - "$TMP/units.plain"; then pass; else fail "gzip answer differs from the plain one"; fi
call -a viewer GET /api/v1/units -H "Accept-Encoding: gzip;q=0, identity"
eq "no gzip with q=0" "$(header Content-Encoding)" ""
call -a viewer GET /api/v1/session -H "Accept-Encoding: gzip"
eq "a small answer is sent as it is" "$(header Content-Encoding)" ""
call -a none GET /app.js
cp "$OUT" "$TMP/app.plain"
call -a none GET /app.js -H "Accept-Encoding: gzip"
eq "the page's script in gzip" "$(header Content-Encoding)" gzip
if gzip -dc <"$OUT" | cmp -s - "$TMP/app.plain"; then pass; else fail "gzip app.js differs from the plain one"; fi
if [ "$(wc -c <"$OUT")" -lt "$(($(wc -c <"$TMP/app.plain") / 2))" ]; then pass; else fail "app.js gzip not smaller by half"; fi

call -a none GET /api/v1/tasks
expect_err "no credentials" 401 unauthenticated
schema Error
call -a none GET /api/v1/tasks -H "Authorization: Bearer gb_nonsense"
expect_err "a wrong token" 401 unauthenticated
call -a none GET /api/v1/nothing
expect_err "unknown path" 404 not_found
call DELETE /api/v1/tasks
expect_err "wrong method" 405 method_not_allowed

# ---- login with the cookie, CSRF ----
call -a none -x 10.0.0.7 POST /api/v1/session '{"username":"office","password":"wrong-password"}'
expect_err "wrong password" 401 unauthenticated
call -a none -x 10.0.0.7 POST /api/v1/session '{"username":"nobody","password":"wrong-password"}'
expect_err "unknown user, same answer" 401 unauthenticated
call -a none POST /api/v1/session '{"username":"office","password":"pass-office-123"}' -c "$TMP/jar"
expect "login" 201
CSRF=$(jget .csrf_token)
eq "login role" "$(jget .account.role)" office
eq "login gives the server's day (GIAOBAN_TODAY), not the client's" "$(jget .today)" "$GIAOBAN_TODAY"
cookie=$(header Set-Cookie)
case "$cookie" in *HttpOnly*SameSite=Strict*) pass ;; *) fail "cookie flags: $cookie" ;; esac
case "$cookie" in *Secure*) fail "Secure without --secure-cookie" ;; *) pass ;; esac
call -a cookie GET /api/v1/session
expect "session" 200
eq "session csrf" "$(jget .csrf_token)" "$CSRF"
eq "session gives the server's day" "$(jget .today)" "$GIAOBAN_TODAY"
case "$(jget .server_time)" in [1-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*) pass ;; *) fail "session server_time: $(jget .server_time)" ;; esac
SAVED=$CSRF
CSRF=""
call -a cookie POST /api/v1/people '{"name":"Nguyễn Văn A","unit_id":"T.H"}'
expect_err "cookie write without CSRF" 403 csrf
CSRF=wrong-token-wrong-token-wrong-token-wrong-t
call -a cookie POST /api/v1/people '{"name":"Nguyễn Văn A","unit_id":"T.H"}'
expect_err "cookie write with a wrong CSRF" 403 csrf
CSRF=$SAVED
call -a cookie POST /api/v1/people '{"name":"Nguyễn Văn A","title":"Chuyên viên","unit_id":"T.H"}'
expect "cookie write with CSRF" 201
eq "person name" "$(jget .name)" "Nguyễn Văn A"

# ---- the whole cycle ----
call -a office POST /api/v1/meetings \
    '{"kind":"giao_ban","title":"Họp giao ban tháng 9","date":"2020-09-07","host_unit_id":"T.H","chair":"Chủ tịch","attending":["T.H.KT","T.H.TC"]}'
expect "record a meeting" 201
MEETING=$(jget .id)
call -a office POST /api/v1/documents \
    "{\"direction\":\"out\",\"unit_id\":\"T.H\",\"number\":\"5/TB-UBND\",\"date\":\"2020-09-08\",\"subject\":\"Kết luận giao ban tháng 9\",\"meeting_id\":$MEETING}"
expect "register the notice" 201
eq "notice type from its number" "$(jget .type)" TB
NOTICE=$(jget .id)
call -a office POST /api/v1/tasks \
    "{\"content\":\"Hoàn thành kế hoạch đầu tư công\",\"lead_unit\":\"T.H.KT\",\"coordinating\":[\"T.H.TC\"],\"notice_id\":$NOTICE,\"deadline\":\"2020-09-20\",\"key_task\":true}"
expect "assign a task" 201
TASK=$(jget .id)
eq "task assigned from the notice" "$(jget .assigned)" 2020-09-08
eq "task assigner from the notice" "$(jget .assigned_by.name)" "Ủy ban nhân dân huyện Hòa"
eq "task ETag" "$(header ETag)" '"1"'
call -a office POST /api/v1/tasks '{"content":"Rà soát hồ sơ đất đai","lead_unit":"T.H.TC","deadline":"2020-09-15","assigned":"2020-09-08"}'
expect "assign a second task" 201
TASK2=$(jget .id)

call -a unit POST /api/v1/tasks/$TASK/progress '{"percent":40,"note":"Đã lập dự thảo","date":"2020-09-10"}'
expect_err "event without If-Match" 428 precondition_required
call -a unit POST /api/v1/tasks/$TASK/progress '{"percent":40,"note":"Đã lập dự thảo","date":"2020-09-10"}' -H 'If-Match: "1"'
expect "report progress" 200
eq "progress state" "$(jget .state)" in_progress
eq "progress new ETag" "$(header ETag)" '"2"'
call -a unit POST /api/v1/tasks/$TASK/progress '{"percent":50,"date":"2020-09-11"}' -H 'If-Match: "1"'
expect_err "stale If-Match" 409 conflict
call -a unit POST /api/v1/tasks/$TASK/extend '{"deadline":"2020-09-30","note":"Chờ ý kiến Sở","date":"2020-09-15"}' -H 'If-Match: "2"'
expect "request an extension" 200
call -a unit POST /api/v1/tasks/$TASK/approve '{"date":"2020-09-16"}' -H 'If-Match: *'
expect_err "a unit cannot approve" 403 forbidden
call -a leader POST /api/v1/tasks/$TASK/approve '{"date":"2020-09-16"}' -H 'If-Match: W/"3"'
expect "approve the extension" 200
eq "deadline in force" "$(jget .deadline_in_force)" 2020-09-30
eq "original deadline kept" "$(jget .deadline)" 2020-09-20
call -a unit POST /api/v1/tasks/$TASK/done '{"note":"Đã trình UBND","date":"2020-09-25"}' -H 'If-Match: "4"'
expect "report completion" 200
eq "awaiting confirmation" "$(jget .awaiting_confirmation)" true
call -a office POST /api/v1/tasks/$TASK/confirm '{"date":"2020-09-28"}' -H 'If-Match: "5"'
expect "confirm completion" 200
eq "completed on the reported day" "$(jget .completed)" 2020-09-25
eq "category" "$(jget .category)" done_before
call -a viewer GET /api/v1/tasks/$TASK
expect "task detail" 200
eq "events in the detail" "$(jget '.events | length')" 5
eq "event actors" "$(jget '[.events[].actor] | join(",")')" "unit,unit,leader,unit,office"
schema TaskDetail
jq '.events[0]' <"$OUT" >"$TMP/ev" && cp "$TMP/ev" "$TMP/save" && cp "$OUT" "$TMP/detail"
cp "$TMP/ev" "$OUT"; schema Event
cp "$TMP/detail" "$OUT"

call -a leader GET "/api/v1/reports/summary?unit=T.H&subtree=true&as_of=2020-10-01"
expect "summary" 200
schema Counts
eq "summary assigned" "$(jget .assigned)" 2
eq "summary done on time" "$(jget .done_on_time)" 1
eq "summary overdue" "$(jget .open_overdue)" 1
eq "summary overdue list" "$(jget '.overdue[0].id')" "$TASK2"
jq -S 'del(.by_unit)' "$OUT" >"$TMP/api_summary"
"$GB" report summary --unit T.H --subtree --as-of 2020-10-01 --format json | jq -S 'del(.by_unit)' \
    >"$TMP/cli_summary"
if cmp -s "$TMP/api_summary" "$TMP/cli_summary"; then pass; else
    fail "summary: API and CLI JSON differ: $(diff "$TMP/api_summary" "$TMP/cli_summary" | head -5)"
fi
call -a viewer GET "/api/v1/reports/documents?unit=T.H&from=2020-09-01&to=2020-09-30"
expect "document counts" 200
eq "outgoing in September" "$(jget .outgoing)" 1
eq "outgoing by type" "$(jget .outgoing_by_type.TB)" 1
call -a viewer GET "/api/v1/tasks?category=open_overdue&as_of=2020-10-01"
expect "list by category" 200
eq "overdue list total" "$(jget .total)" 1
call -a office POST /api/v1/tasks '{"content":"Kiểm tra hồ sơ xây dựng","lead_unit":"T.H.TC","deadline":"2020-09-10","assigned":"2020-09-08"}'
expect "assign a third task" 201
call -a leader GET "/api/v1/reports/summary?unit=T.H&subtree=true&overdue_limit=1"
expect "summary, overdue list limited" 200
eq "limited list, all still counted" "$(jget '"\(.overdue | length)/\(.open_overdue)"')" "1/2"
eq "the most overdue first" "$(jget '.overdue[0].deadline')" 2020-09-10

# Answers kept in memory (http/answer_cache.h): a list or a summary asked again is the same,
# and a task added to the unit, or an event on one, shows in the very next answer.
PAGE="/api/v1/tasks?unit=T.H.TC&category=open&as_of=2020-10-01"
call -a viewer GET "$PAGE"
n1=$(jget .total)
call -a leader GET "$PAGE"
eq "cache: asked again by another account, the same total" "$(jget .total)" "$n1"
# gz NAME TOTAL: the district's page asked in gzip (compressed once, kept beside the answer)
# has TOTAL tasks.
GZPAGE="/api/v1/tasks?unit=T.H&subtree=true&as_of=2020-10-01"
gz() {
    call -a viewer GET "$GZPAGE" -H "Accept-Encoding: gzip"
    eq "$1: gzip" "$(header Content-Encoding)" gzip
    eq "$1: total in gzip" "$(gzip -dc <"$OUT" | jq .total)" "$2"
}
call -a viewer GET "$GZPAGE"
cp "$OUT" "$TMP/page.plain"
g1=$(jget .total)
if [ "$(wc -c <"$TMP/page.plain")" -ge 1024 ]; then pass; else fail "cache: the page is too small for gzip"; fi
gz "cache: page" "$g1"
gz "cache: page again" "$g1"
if gzip -dc <"$OUT" | cmp -s - "$TMP/page.plain"; then pass; else fail "cache: the kept gzip differs from the plain page"; fi
call -a leader GET "/api/v1/reports/summary?unit=T.H&subtree=true&overdue_limit=1"
a1=$(jget .assigned)
call -a office POST /api/v1/tasks '{"content":"Việc kiểm tra bộ nhớ đệm","lead_unit":"T.H.TC","deadline":"2020-10-20","assigned":"2020-09-20"}'
expect "cache: assign a task to the unit" 201
TC=$(jget .id)
call -a viewer GET "$PAGE"
eq "cache: the new task is in the next page" "$(jget .total)" "$((n1 + 1))"
eq "cache: the new task listed" "$(jget "[.items[].id] | index($TC) != null")" true
gz "cache: page after the new task" "$((g1 + 1))"
call -a leader GET "/api/v1/reports/summary?unit=T.H&subtree=true&overdue_limit=1"
eq "cache: the next summary counts it" "$(jget .assigned)" "$((a1 + 1))"
call -a office POST /api/v1/tasks/$TC/cancel '{"note":"Giao nhầm","date":"2020-09-21"}' -H 'If-Match: *'
expect "cache: cancel it" 200
call -a viewer GET "$PAGE"
eq "cache: cancelled, it leaves the open page" "$(jget .total)" "$n1"
gz "cache: page after the cancellation" "$((g1 + 1))"
eq "cache: cancelled in the gzip page" \
    "$(gzip -dc <"$OUT" | jq -r ".items[] | select(.id == $TC) | .state")" cancelled
# A summary asked in gzip is answered from its kept gzip the second time, and a new task
# makes a new one.
SUM="/api/v1/reports/summary?unit=T.H&subtree=true"
call -a leader GET "$SUM"
cp "$OUT" "$TMP/sum.plain"
if [ "$(wc -c <"$TMP/sum.plain")" -ge 1024 ]; then pass; else fail "cache: the summary is too small for gzip"; fi
call -a leader GET "$SUM" -H "Accept-Encoding: gzip"
call -a leader GET "$SUM" -H "Accept-Encoding: gzip"
eq "cache: summary from its kept gzip" "$(header Content-Encoding)" gzip
if gzip -dc <"$OUT" | cmp -s - "$TMP/sum.plain"; then pass; else fail "cache: the summary's kept gzip differs from the plain one"; fi
call -a office POST /api/v1/tasks '{"content":"Việc thứ hai kiểm tra bộ nhớ đệm","lead_unit":"T.H.TC","deadline":"2020-10-20","assigned":"2020-09-20"}'
expect "cache: another task" 201
call -a leader GET "$SUM" -H "Accept-Encoding: gzip"
eq "cache: the summary in gzip counts it" "$(gzip -dc <"$OUT" | jq .assigned)" "$(($(jq .assigned "$TMP/sum.plain") + 1))"
call -a viewer GET "/api/v1/tasks?unit=T.H.TC&category=open&as_of=2020-10-01&limit=2"
eq "cache: another page size is another question" "$(jget '.items | length')" 2

# Reports wait their turn (server.c: two made at once); eight asked at once, each a different
# question (no cached answer), all come back whole while a page is served meanwhile.
: >"$TMP/turns"
waiters=""
for i in 1 2 3 4 5 6 7 8; do
    (curl -s -o "$TMP/turn$i" -w '%{http_code}\n' -H "Authorization: Bearer $TOK_leader" \
        "http://127.0.0.1:$PORT/api/v1/reports/summary?unit=T.H&subtree=true&overdue_limit=$i" \
        >>"$TMP/turns") &
    waiters="$waiters $!"
done
call -a viewer GET "$PAGE"
expect "a page while reports wait their turn" 200
for w in $waiters; do wait "$w"; done
eq "eight reports at once: all answered" "$(grep -c '^200$' "$TMP/turns")" 8
call -a leader GET "/api/v1/reports/summary?unit=T.H&subtree=true&overdue_limit=1"
okturns=0
for i in 1 2 3 4 5 6 7 8; do
    [ "$(jq -r '"\(.assigned) \(.overdue | length)"' "$TMP/turn$i" 2>/dev/null)" = \
        "$(jget .assigned) $(jq -r "[.open_overdue, $i] | min" <"$OUT")" ] &&
        okturns=$((okturns + 1))
done
eq "eight reports at once: each complete" "$okturns" 8
call -a viewer GET "/api/v1/tasks?unit=T.H&subtree=true&q=dau%20tu&key=true"
expect "search the list without tone marks" 200
eq "text filter" "$(jget '.items[0].id')" "$TASK"
call -a viewer GET "/api/v1/tasks?deadline_from=2020-09-16&deadline_to=2020-09-30&limit=1&offset=0"
expect "deadline range" 200
eq "deadline range total" "$(jget .total)" 1
call -a viewer GET "/api/v1/search?q=ke%20hoach"
expect "search" 200
eq "search finds the task" "$(jget '[.items[] | select(.kind == "task")][0].id')" "$TASK"
call -a viewer GET "/api/v1/meetings/$MEETING"
expect "meeting detail" 200
eq "meeting task ids" "$(jget '.task_ids | join(",")')" "$TASK"
call -a viewer GET "/api/v1/documents?direction=out"
expect "documents list" 200
eq "documents total" "$(jget .total)" 1
call -a viewer GET "/api/v1/units"
expect "units list" 200
jq '.items[0]' <"$OUT" >"$TMP/u"; cp "$OUT" "$TMP/ul"; cp "$TMP/u" "$OUT"; schema Unit; cp "$TMP/ul" "$OUT"
eq "units total" "$(jget .total)" 6
call -a viewer GET "/api/v1/people?unit=T.H"
expect "people list" 200
eq "people total" "$(jget .total)" 1

# ---- scope: a unit's subtree ----
call -a other GET /api/v1/tasks/$TASK
expect_err "another district's task" 403 forbidden
call -a other GET "/api/v1/tasks"
expect "another district's list" 200
eq "another district sees none" "$(jget .total)" 0
call -a other GET "/api/v1/tasks?unit=T.H"
expect_err "another district names ours" 403 forbidden
call -a other GET "/api/v1/reports/summary?unit=T.H"
expect_err "another district's summary" 403 forbidden
call -a other POST /api/v1/tasks '{"content":"Việc lạ","lead_unit":"T.H.KT"}'
expect_err "assign outside the scope" 403 forbidden
call -a other GET "/api/v1/search?q=ke%20hoach"
eq "search hides what is outside" "$(jget '[.items[] | select(.kind == "task")] | length')" 0
call -a unit POST /api/v1/tasks/$TASK2/progress '{"percent":10}' -H 'If-Match: *'
expect_err "a unit reports on another unit's task" 403 forbidden
call -a unit GET "/api/v1/reports/summary"
expect "a unit's own summary" 200
eq "a unit's own summary is its unit" "$(jget .unit.name)" "Phòng Kinh tế huyện Hòa"

# ---- the role matrix: every route, every role ----
# Each line: METHOD PATH ROLES_ALLOWED BODY. Allowed means neither 401 nor 403.
cat >"$TMP/matrix" <<EOF
GET /api/v1/session admin,leader,office,unit,viewer -
POST /api/v1/session/password admin,leader,office,unit,viewer {"old_password":"x","new_password":"short"}
GET /api/v1/accounts admin -
POST /api/v1/accounts admin {"username":"m_ROLE","password":"long-password-1","role":"viewer","unit_id":"T.H"}
POST /api/v1/accounts/$TARGET_ID/password admin {"new_password":"long-password-ROLE"}
POST /api/v1/accounts/$TARGET_ID/disable admin {}
POST /api/v1/accounts/$TARGET_ID/enable admin {}
GET /api/v1/tokens admin -
POST /api/v1/tokens admin {"username":"viewer","label":"matrix"}
POST /api/v1/tokens/$TARGET_TOK/revoke admin {}
GET /api/v1/audit admin -
GET /api/v1/units admin,leader,office,unit,viewer -
POST /api/v1/units admin {"code":"T.H.M_ROLE","name":"Tổ ROLE","kind":"khac","parent_id":"T.H"}
GET /api/v1/units/2 admin,leader,office,unit,viewer -
POST /api/v1/units/3/move admin {"parent_id":"T.H"}
POST /api/v1/units/$Z_ID/close admin {"date":"2020-09-01"}
GET /api/v1/people admin,leader,office,unit,viewer -
POST /api/v1/people admin,office {"name":"Cán bộ ROLE","unit_id":"T.H.KT"}
GET /api/v1/meetings admin,leader,office,unit,viewer -
POST /api/v1/meetings admin,leader,office {"title":"Họp ROLE","date":"2020-09-20","host_unit_id":"T.H.KT"}
GET /api/v1/meetings/$MEETING admin,leader,office,viewer -
GET /api/v1/documents admin,leader,office,unit,viewer -
POST /api/v1/documents admin,leader,office {"direction":"in","unit_id":"T.H.KT","date":"2020-09-20","subject":"Công văn ROLE"}
GET /api/v1/documents/$NOTICE admin,leader,office,viewer -
GET /api/v1/tasks admin,leader,office,unit,viewer -
POST /api/v1/tasks admin,leader,office {"content":"Việc của ROLE","lead_unit":"T.H.KT"}
GET /api/v1/tasks/$TASK admin,leader,office,unit,viewer -
POST /api/v1/tasks/$TASK2/progress admin,office {"percent":10}
POST /api/v1/tasks/$TASK2/extend admin,office {"deadline":"2020-12-01","note":"lý do"}
POST /api/v1/tasks/$TASK2/approve admin,leader {}
POST /api/v1/tasks/$TASK2/refuse admin,leader {"note":"không"}
POST /api/v1/tasks/$TASK2/done admin,office {}
POST /api/v1/tasks/$TASK2/confirm admin,leader,office {}
POST /api/v1/tasks/$TASK2/reject admin,leader,office {"note":"chưa đạt"}
POST /api/v1/tasks/$TASK2/return admin,office {"note":"không thuộc thẩm quyền"}
POST /api/v1/tasks/$TASK2/pause admin,leader,office {}
POST /api/v1/tasks/$TASK2/reopen admin,leader,office {}
POST /api/v1/tasks/$TASK2/cancel admin,leader,office {"note":"trùng"}
GET /api/v1/reports/summary admin,leader,office,unit,viewer -
GET /api/v1/reports/documents admin,leader,office,unit,viewer -
GET /api/v1/search?q=ke admin,leader,office,unit,viewer -
GET /api/v1/reports/briefing?month=2020-09&format=json admin,leader,office,unit,viewer -
POST /api/v1/extract admin,leader,office {"text":"Giao Phòng Kinh tế rà soát hồ sơ ROLE trước ngày 15/9.","date":"2020-09-07"}
DELETE /api/v1/session admin,leader,office,unit,viewer -
EOF
n_matrix=0
while read -r m p allowed body; do
    for role in admin leader office unit viewer; do
        n_matrix=$((n_matrix + 1))
        b=$(echo "$body" | sed "s/ROLE/$role/g")
        if [ "$b" = "-" ]; then
            call -a "$role" "$m" "$p"
        else
            call -a "$role" "$m" "$p" "$b" -H 'If-Match: *'
        fi
        case ",$allowed," in
        *",$role,"*)
            # A 403 naming "actor" is the duty rule (the admin approving its own request,
            # made on the row before), not the role: tests/http/test_bounds.sh checks it.
            case "$CODE:$(jget '.error.field // ""')" in
            401:* | 403:[!a]* | 403:) fail "matrix: $role may $m $p, got $CODE ($(head -c 200 "$OUT"))" ;;
            *) pass ;;
            esac ;;
        *) if [ "$CODE" = 403 ]; then pass; else
            fail "matrix: $role may not $m $p, got $CODE ($(head -c 200 "$OUT"))"; fi ;;
        esac
    done
done <"$TMP/matrix"
# The matrix covers every route of the table but the public ones (healthz, openapi, login).
covered=$(awk '{print $1, $2}' "$TMP/matrix" | sed -E 's/\/[0-9]+/\/{id}/; s/\?.*//; s/\$TASK2?|\$MEETING|\$NOTICE|\$Z_ID|\$TARGET_ID|\$TARGET_TOK/{id}/' | sort -u | wc -l)
eq "the matrix covers every private route" "$covered" "$((n_routes - 3))"

# ---- bad input: refused, clearly, nothing written, the server still serving ----
call -a viewer GET "/api/v1/tasks?limit=1000"
before=$(jget .total)
call -a viewer GET /api/v1/audit
head -c 2097152 /dev/zero | tr '\0' ' ' >"$TMP/big"
call -a office POST /api/v1/tasks @"$TMP/big"
expect_err "a 2 MiB body" 413 too_big
call -a office POST /api/v1/tasks @"$TMP/big" -H "Transfer-Encoding: chunked"
expect_err "a 2 MiB chunked body" 413 too_big
call -a office POST /api/v1/tasks '{"content": "x", "lead_unit": '
expect_err "JSON that does not parse" 400 invalid_json
deep=$(printf '%0.s[' $(seq 1 200))
call -a office POST /api/v1/tasks "{\"content\":$deep"
expect_err "JSON nested too deep" 422 invalid
call -a office POST /api/v1/tasks '{"content":5.5,"lead_unit":"T.H.KT"}'
expect_err "a number for a string" 422 invalid
eq "the field named" "$(jget .error.field)" content
call -a office POST /api/v1/tasks '{"content":"x","lead_unit":"T.H.KT","key_task":"yes"}'
expect_err "a string for a boolean" 422 invalid
call -a office POST /api/v1/tasks '{"content":"x","lead_unit":"T.H.KT","deadlin":"2020-10-10"}'
expect_err "an unknown field" 422 unknown_field
eq "the unknown field named" "$(jget .error.field)" deadlin
call -a office POST /api/v1/tasks '["content"]'
expect_err "an array for an object" 422 invalid
call -a office POST /api/v1/tasks '{"content":"x","content":"y","lead_unit":"T.H.KT"}'
expect_err "a duplicate key" 400 invalid_json
printf '{"content":"\377\376 bad","lead_unit":"T.H.KT"}' >"$TMP/badutf8"
call -a office POST /api/v1/tasks @"$TMP/badutf8"
expect_err "invalid UTF-8 in the body" 400 invalid_json
call -a office POST /api/v1/tasks '{"content":"a\u0000b","lead_unit":"T.H.KT"}'
expect_err "a NUL inside a string" 422 invalid
eq "the NUL's member named" "$(jget .error.field)" content
call -a viewer GET "/api/v1/tasks?q=%FF%FE"
expect_err "invalid UTF-8 in the query" 400 invalid
call -a viewer GET "/api/v1/tasks?limit=-1"
expect_err "a negative limit" 400 invalid
call -a viewer GET "/api/v1/tasks?colour=red"
expect_err "an unknown query parameter" 400 invalid
call -a office -t text/plain POST /api/v1/tasks '{"content":"x","lead_unit":"T.H.KT"}'
expect_err "a wrong Content-Type" 415 unsupported_media_type
call -a office POST /api/v1/tasks '{"content":"x","lead_unit":"T.H.KT","deadline":"31/02/2020"}'
expect_err "an impossible date" 400 invalid
eq "the date field named" "$(jget .error.field)" deadline
call -a office POST /api/v1/tasks '{"content":"x","lead_unit":"Phòng không có"}'
expect_err "an unknown unit" 400 invalid
call -a viewer GET "/api/v1/tasks/99999"
expect_err "no such task" 404 not_found
big_header=$(head -c 40000 /dev/zero | tr '\0' 'a')
call -a viewer GET /api/v1/units -H "X-Big: $big_header"
case "$CODE" in 413 | 431) pass ;; *) fail "oversized headers: status $CODE, want 431 or 413" ;; esac
# A slow client trickling a body does not hold up the others.
head -c 3000 /dev/zero | tr '\0' ' ' >"$TMP/slow"
curl -s -o /dev/null --limit-rate 500 -H "Authorization: Bearer $TOK_office" \
    -H "Content-Type: application/json" --data-binary @"$TMP/slow" \
    "http://127.0.0.1:$PORT/api/v1/tasks" &
slow=$!
sleep 0.3
t0=$(date +%s%N)
call -a none GET /healthz
t1=$(date +%s%N)
expect "served during a slow upload" 200
if [ $(((t1 - t0) / 1000000)) -lt 1000 ]; then pass; else fail "healthz took $(((t1 - t0) / 1000000)) ms during a slow upload"; fi
wait "$slow"
call -a viewer GET "/api/v1/tasks?limit=1000"
eq "nothing written by bad input" "$(jget .total)" "$before"

# ---- reading a conclusion notice: POST /api/v1/extract ----
jq -n --rawfile t "$ROOT/tests/http/cua_lo_conclusion.txt" '{text: $t, date: "2020-09-07"}' >"$TMP/cl_extract"
call -a office POST /api/v1/extract @"$TMP/cl_extract"
expect "extract the Cửa Lò conclusion" 200
schema ExtractResult
if [ "$(jget '.tasks | length')" -ge 6 ]; then pass; else fail "Cửa Lò: $(jget '.tasks | length') tasks, want at least 6"; fi
eq "the canal item's deadline" "$(jget '[.tasks[] | select(.content | test("kênh mương"))][0].deadline')" 2020-09-15
eq "its deadline as written" "$(jget '[.tasks[] | select(.content | test("kênh mương"))][0].deadline_text')" "trước ngày 15/9"
jq '.tasks[0]' <"$OUT" >"$TMP/t0" && cp "$OUT" "$TMP/xr" && cp "$TMP/t0" "$OUT" && schema ExtractTask
jq -S . "$TMP/xr" >"$TMP/api_extract"
"$GB" extract --date 2020-09-07 --format json "$ROOT/tests/http/cua_lo_conclusion.txt" | jq -S . >"$TMP/cli_extract"
if cmp -s "$TMP/api_extract" "$TMP/cli_extract"; then pass; else
    fail "extract: API and CLI JSON differ: $(diff "$TMP/api_extract" "$TMP/cli_extract" | head -5)"
fi
call -a leader POST /api/v1/extract '{"text":"Giao Phòng Kinh tế huyện Hòa chủ trì, phối hợp với Phòng Tài chính huyện Hòa rà soát các dự án chậm tiến độ trước ngày 15/9.","date":"2020-09-07","unit":"T.H"}'
expect "extract with the assigning unit" 200
eq "the lead from the directory" "$(jget '.tasks[0].lead')" "Phòng Kinh tế huyện Hòa"
eq "the lead is known" "$(jget '.tasks[0].lead_known')" true
eq "the coordinating unit" "$(jget '.tasks[0].coordinating | join(",")')" "Phòng Tài chính huyện Hòa"
call -a office POST /api/v1/extract '{"text":""}'
expect "empty text" 200
eq "empty text proposes nothing" "$(jget '.tasks | length')" 0
call -a viewer POST /api/v1/extract @"$TMP/cl_extract"
expect_err "a viewer may not extract" 403 forbidden
call -a office POST /api/v1/extract '{"date":"2020-09-07"}'
expect_err "extract without text" 400 invalid
eq "extract: the text field named" "$(jget .error.field)" text
call -a office POST /api/v1/extract '{"text":"Giao Phòng Kinh tế \u0001 trước ngày 15/9"}'
expect_err "a control character in the text" 400 invalid
eq "extract: bad text named" "$(jget .error.field)" text
printf '{"text":"\303\050 Ph\303\262ng"}' >"$TMP/bad_extract"
call -a office POST /api/v1/extract @"$TMP/bad_extract"
expect_err "invalid UTF-8 in the text" 400 invalid_json
call -a office POST /api/v1/extract '{"text":"x","date":"31/02/2020"}'
expect_err "extract: an impossible date" 400 invalid
eq "extract: the date field named" "$(jget .error.field)" date
call -a office POST /api/v1/extract '{"text":5}'
expect_err "extract: a number for the text" 422 invalid
call -a office POST /api/v1/extract '{"text":"x","unit":"T.X"}'
expect_err "extract for a unit outside the scope" 403 forbidden
call -a office POST /api/v1/extract '{"text":"x","meeting":"2020-09-07"}'
expect_err "extract: an unknown member" 422 unknown_field
head -c 1100000 /dev/zero | tr '\0' 'a' | jq -Rs '{text: .}' >"$TMP/big_extract"
call -a office POST /api/v1/extract @"$TMP/big_extract"
expect_err "extract: text over the body limit" 413 too_big

# ---- the audit trail ----
call -a admin GET "/api/v1/audit?object_kind=task&object_id=$TASK&limit=20"
expect "audit" 200
eq "audit entries of the task" "$(jget '[.items[].action] | reverse | join(",")')" \
    "task.create,task.progress,task.ext_request,task.ext_approve,task.done,task.confirm"
eq "audit actor" "$(jget '[.items[] | select(.action == "task.create")][0].actor')" office
eq "audit address (X-Forwarded-For)" "$(jget '[.items[] | select(.action == "task.create")][0].address')" 10.0.0.1
eq "audit before/after" "$(jget '[.items[] | select(.action == "task.confirm")][0] | "\(.before.state)>\(.after.state)"')" "awaiting_confirmation>done"
call -a leader GET /api/v1/audit
expect_err "a leader cannot read the audit" 403 forbidden
call -a admin GET "/api/v1/audit?object_kind=account&limit=50"
if jq -e '[.items[].action] | index("session.refused")' <"$OUT" >/dev/null; then pass; else fail "failed logins are in the audit"; fi

# ---- accounts over the API ----
call -a admin POST /api/v1/accounts '{"username":"new.clerk","password":"another-pass-1","role":"office","unit_id":"T.X"}'
expect "create an account" 201
call -a admin POST /api/v1/accounts '{"username":"new.clerk","password":"another-pass-1","role":"office","unit_id":"T.X"}'
expect_err "a taken username" 409 conflict
call -a admin POST /api/v1/accounts '{"username":"x2","password":"another-pass-1","role":"king","unit_id":"T.X"}'
expect_err "a wrong role" 400 invalid
call -a admin POST /api/v1/tokens '{"username":"new.clerk"}'
expect "create a token" 201
TOK_clerk=$(jget .token)
call -a clerk GET /api/v1/session
eq "the new token works" "$(jget .account.username)" new.clerk

# ---- one's own password, an administrator's reset, disabling, tokens ----
CLERK_ID=$(jq -r '.account.id' <"$OUT")
JAR=$TMP/jar2
call -a none POST /api/v1/session '{"username":"new.clerk","password":"another-pass-1"}' -c "$JAR"
expect "clerk login, first session" 201
JAR=$TMP/jar3
call -a none POST /api/v1/session '{"username":"new.clerk","password":"another-pass-1"}' -c "$JAR"
expect "clerk login, second session" 201
CSRF=$(jget .csrf_token)
call -a cookie POST /api/v1/session/password '{"old_password":"wrong-one-1","new_password":"clerk-new-pass-2"}'
expect_err "password change with a wrong current password" 403 forbidden
eq "...names the field" "$(jget .error.field)" old_password
call -a cookie POST /api/v1/session/password '{"old_password":"another-pass-1","new_password":"short"}'
expect_err "a new password too short" 400 invalid
eq "...names the field" "$(jget .error.field)" new_password
call -a cookie POST /api/v1/session/password '{"old_password":"another-pass-1","new_password":"clerk-new-pass-2","extra":1}'
expect_err "password change with an unknown member" 422 unknown_field
call -a cookie POST /api/v1/session/password '{"old_password":"another-pass-1","new_password":"clerk-new-pass-2"}'
expect "password changed" 204
call -a cookie GET /api/v1/session
expect "the session that changed it stays" 200
JAR=$TMP/jar2
call -a cookie GET /api/v1/session
expect_err "the other session has ended" 401 unauthenticated
JAR=
call -a none POST /api/v1/session '{"username":"new.clerk","password":"another-pass-1"}'
expect_err "the old password no longer logs in" 401 unauthenticated
call -a none POST /api/v1/session '{"username":"new.clerk","password":"clerk-new-pass-2"}'
expect "the new password logs in" 201
call -a clerk GET /api/v1/session
expect "the token outlives a password change" 200
call -a admin POST /api/v1/accounts/$CLERK_ID/password '{"new_password":"reset-by-admin-3"}'
expect "an administrator's reset" 204
call -a none POST /api/v1/session '{"username":"new.clerk","password":"reset-by-admin-3"}'
expect "the reset password logs in" 201
call -a admin POST /api/v1/accounts/1/password '{"new_password":"reset-by-admin-3"}'
expect_err "an administrator resets their own without the current one" 403 forbidden
call -a admin POST /api/v1/accounts/999999/password '{"new_password":"reset-by-admin-3"}'
expect_err "reset of an unknown account" 404 not_found
call -a admin POST /api/v1/accounts '{"username":"h.admin","password":"h-admin-pass-1","role":"admin","unit_id":"T.H"}'
expect "an administrator of a district" 201
call -a admin POST /api/v1/tokens '{"username":"h.admin"}'
TOK_hadmin=$(jget .token)
call -a hadmin POST /api/v1/accounts/$CLERK_ID/disable '{}'
expect_err "a district administrator disables another district's account" 403 forbidden
call -a hadmin POST /api/v1/accounts/$CLERK_ID/password '{"new_password":"not-theirs-123"}'
expect_err "...or resets its password" 403 forbidden
call -a hadmin GET /api/v1/tokens
eq "a district administrator sees its district's tokens only" "$(jget '[.items[].username] | unique | join(",")')" \
    "h.admin,leader,office,unit,viewer"
call -a admin POST /api/v1/accounts/1/disable '{}'
expect_err "an administrator cannot disable themselves" 403 forbidden
call -a admin POST /api/v1/accounts/$CLERK_ID/disable '{}'
expect "disable an account" 200
schema Account
eq "disabled" "$(jget .disabled)" true
call -a clerk GET /api/v1/session
expect_err "a disabled account's token is refused" 401 unauthenticated
call -a none -x 10.3.3.3 POST /api/v1/session '{"username":"new.clerk","password":"reset-by-admin-3"}'
expect_err "a disabled account cannot log in" 401 unauthenticated
call -a admin POST /api/v1/accounts/$CLERK_ID/enable '{}'
expect "enable it again" 200
eq "enabled" "$(jget .disabled)" false
call -a clerk GET /api/v1/session
expect "its token works again" 200
call -a admin GET /api/v1/tokens
expect "token list" 200
schema TokenInfoList
if grep -q gb_ "$OUT"; then fail "the token list shows a secret"; else pass; fi
CLERK_TOK=$(jget '[.items[] | select(.username == "new.clerk")][0].id')
call -a admin POST /api/v1/tokens/$CLERK_TOK/revoke '{}'
expect "revoke a token" 200
schema TokenInfo
eq "revoked" "$(jget .revoked)" true
call -a clerk GET /api/v1/session
expect_err "a revoked token is refused" 401 unauthenticated
call -a admin POST /api/v1/tokens/$CLERK_TOK/revoke '{}'
expect "revoking twice is no error" 200
call -a admin POST /api/v1/tokens/999999/revoke '{}'
expect_err "revoke an unknown token" 404 not_found
call -a admin GET "/api/v1/audit?object_kind=account&object_id=$CLERK_ID&limit=50"
eq "account changes in the audit" "$(jget '[.items[].action | select(test("password|disable|enable|token.revoke"))] | reverse | join(",")')" \
    "account.password,account.password,account.disable,account.enable,token.revoke"
if grep -qE "clerk-new-pass-2|reset-by-admin-3" "$OUT"; then fail "a password is in the audit"; else pass; fi
# Guessing the current password through a session is slowed as logins are.
JAR=$TMP/jar4
call -a none -x 10.4.4.4 POST /api/v1/session '{"username":"m_admin","password":"long-password-1"}' -c "$JAR"
expect "m_admin logs in" 201
CSRF=$(jget .csrf_token)
for i in 1 2 3 4 5; do
    call -a cookie -x 10.4.4.4 POST /api/v1/session/password "{\"old_password\":\"guess-$i-guess\",\"new_password\":\"whatever-123\"}"
done
expect_err "the fifth wrong guess" 403 forbidden
call -a cookie -x 10.4.4.4 POST /api/v1/session/password '{"old_password":"long-password-1","new_password":"whatever-123"}'
expect_err "after five wrong guesses, even the right one waits" 429 too_many_requests
if [ -n "$(header Retry-After)" ]; then pass; else fail "429 without Retry-After"; fi
call -a none -x 10.4.4.5 POST /api/v1/session '{"username":"m_admin","password":"long-password-1"}'
expect_err "...and the account's logins wait too" 429 too_many_requests
JAR=
CSRF=

# ---- failed logins are slowed, per account and per address ----
for i in 1 2 3 4 5; do
    call -a none -x 10.9.9.9 POST /api/v1/session '{"username":"viewer","password":"nope-nope-nope"}'
done
call -a none -x 10.9.9.8 POST /api/v1/session '{"username":"viewer","password":"pass-viewer-123"}'
expect_err "an account after 5 failures" 429 too_many_requests
if [ -n "$(header Retry-After)" ]; then pass; else fail "429 without Retry-After"; fi
call -a none -x 10.9.9.9 POST /api/v1/session '{"username":"leader","password":"pass-leader-123"}'
expect_err "an address after 5 failures" 429 too_many_requests
call -a none -x 10.9.9.7 POST /api/v1/session '{"username":"leader","password":"pass-leader-123"}'
expect "another account from another address" 201

# ---- two servers on one PostgreSQL database ----
if [ "$PG" = 1 ]; then
    start second "$DB"
    SECOND_PID=$SPID
    P1=$(sed -nE 's/^listening on http:\/\/127\.0\.0\.1:([0-9]+)$/\1/p' "$TMP/main.out")
    P2=$PORT
    PORT=$P1
    call -a viewer GET "/api/v1/tasks?limit=1000"
    n0=$(jget .total)
    # Both take writes at once.
    writers=""
    for p in $P1 $P2; do
        (for i in 1 2 3 4 5 6 7 8 9 10; do
            curl -s -o /dev/null -H "Authorization: Bearer $TOK_office" \
                -H "Content-Type: application/json" \
                --data-binary "{\"content\":\"Việc song song $p $i\",\"lead_unit\":\"T.H.KT\"}" \
                "http://127.0.0.1:$p/api/v1/tasks"
        done) &
        writers="$writers $!"
    done
    for w in $writers; do wait "$w"; done
    call -p "$P1" -a viewer GET "/api/v1/tasks?limit=1000"
    eq "server 1 sees all writes" "$(jget .total)" "$((n0 + 20))"
    call -p "$P2" -a viewer GET "/api/v1/tasks?limit=1000"
    eq "server 2 sees all writes" "$(jget .total)" "$((n0 + 20))"
    call -p "$P1" -a viewer GET "/api/v1/reports/summary?unit=T.H&subtree=true"
    jq -S . "$OUT" >"$TMP/s1"
    call -p "$P2" -a viewer GET "/api/v1/reports/summary?unit=T.H&subtree=true"
    jq -S . "$OUT" >"$TMP/s2"
    if cmp -s "$TMP/s1" "$TMP/s2"; then pass; else fail "the two servers' summaries differ"; fi
    # A write through one server makes the other's version stale.
    call -p "$P1" -a office POST /api/v1/tasks '{"content":"Việc hai máy chủ","lead_unit":"T.H.KT"}'
    T3=$(jget .id)
    call -p "$P2" -a unit POST /api/v1/tasks/$T3/progress '{"percent":10}' -H 'If-Match: "1"'
    expect "write through server 2" 200
    call -p "$P1" -a unit POST /api/v1/tasks/$T3/progress '{"percent":20}' -H 'If-Match: "1"'
    expect_err "stale through server 1" 409 conflict
    # Events on one task at once through both servers, naming no version (If-Match: *):
    # each is applied on the other's result, none is refused.
    : >"$TMP/codes"
    writers=""
    for p in $P1 $P2; do
        (for i in 1 2 3 4 5 6 7 8; do
            curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $TOK_unit" \
                -H "Content-Type: application/json" -H 'If-Match: *' \
                --data-binary "{\"percent\":$((20 + i))}" \
                "http://127.0.0.1:$p/api/v1/tasks/$T3/progress" >>"$TMP/codes"
        done) &
        writers="$writers $!"
    done
    for w in $writers; do wait "$w"; done
    eq "16 events at once with If-Match: *, all applied" "$(sort "$TMP/codes" | uniq -c | tr -s ' ')" " 16 200"
    call -p "$P2" -a viewer GET /api/v1/tasks/$T3
    eq "...all in the history" "$(jget '.events | length')" 17
    # A session opened on one server works on the other.
    call -p "$P1" -a none POST /api/v1/session '{"username":"office","password":"pass-office-123"}' -c "$TMP/jar2"
    CSRF2=$(jget .csrf_token)
    CODE=$(curl -s -o "$OUT" -w '%{http_code}' -b "$TMP/jar2" "http://127.0.0.1:$P2/api/v1/session")
    eq "a session on both servers" "$CODE/$(jget .csrf_token)" "200/$CSRF2"
    stop second "$SECOND_PID"
    PORT=$P1
fi

# ---- graceful shutdown: the request in flight finishes ----
printf '{"content":"Việc gửi chậm","lead_unit":"T.H.KT"%2000s}' " " >"$TMP/slowtask"
curl -s -o "$TMP/slow_out" -w '%{http_code}' --limit-rate 1500 -H "Authorization: Bearer $TOK_office" \
    -H "Content-Type: application/json" --data-binary @"$TMP/slowtask" \
    "http://127.0.0.1:$PORT/api/v1/tasks" >"$TMP/slow_code" &
slow=$!
sleep 0.5
stop main "$MAIN_PID"
wait "$slow"
eq "the request in flight at SIGTERM completes" "$(cat "$TMP/slow_code")" 201
"$GB" task list --text "gui cham" --format json >"$OUT" 2>/dev/null
eq "and its write is there" "$(jget .total)" 1

# ---- the seed figures through the API ----
if [ -n "$DEMO_DB" ]; then
    case "$DEMO_DB" in postgres*) ;; *) rm -f "$DEMO_DB" "$DEMO_DB-wal" "$DEMO_DB-shm" ;; esac
    GIAOBAN_DB="$DEMO_DB" "$GB" demo >/dev/null 2>&1
    echo "pass-seed-123" | GIAOBAN_DB="$DEMO_DB" "$GB" user add seed.ls --role viewer \
        --unit "UBND tỉnh Lạng Sơn" >/dev/null 2>&1
    TOK_seed=$(GIAOBAN_DB="$DEMO_DB" "$GB" token create --user seed.ls)
    # This server renders a PDF: fontconfig (under pango) leaks its parsed configuration, so
    # under AddressSanitizer it runs without leak detection, as the CLI's pdf test does.
    saved_asan=${ASAN_OPTIONS:-}
    export ASAN_OPTIONS=detect_leaks=0
    start demo "$DEMO_DB"
    export ASAN_OPTIONS="$saved_asan"
    call -a seed GET "/api/v1/reports/summary?unit=ubnd%20huyen%20cao%20loc&by=UBND%20t%E1%BB%89nh%20L%E1%BA%A1ng%20S%C6%A1n&from=2020-01-01&to=2020-06-30&as_of=2020-06-19"
    expect "Cao Lộc summary" 200
    eq "Cao Lộc: giao 13" "$(jget .assigned)" 13
    eq "Cao Lộc: trước hạn 4" "$(jget .done_before)" 4
    eq "Cao Lộc: quá hạn 5" "$(jget .done_late)" 5
    eq "Cao Lộc: đang giải quyết 4 (trong hạn)" "$(jget .open_in_time)" 4
    call -a seed GET "/api/v1/reports/summary?unit=UBND%20th%E1%BB%8B%20x%C3%A3%20C%E1%BB%ADa%20L%C3%B2"
    expect_err "Cửa Lò is outside a Lạng Sơn account" 403 forbidden
    # The monthly briefing report of Cửa Lò, in its four formats.
    for a in "cl.office office NA.CL" "ls.unit unit LS.CL"; do
        set -- $a
        echo "pass-$1-123" | GIAOBAN_DB="$DEMO_DB" "$GB" user add "$1" --role "$2" --unit "$3" >/dev/null 2>&1
    done
    TOK_cl=$(GIAOBAN_DB="$DEMO_DB" "$GB" token create --user cl.office)
    TOK_ls=$(GIAOBAN_DB="$DEMO_DB" "$GB" token create --user ls.unit)
    CL_Q="unit=UBND%20th%E1%BB%8B%20x%C3%A3%20C%E1%BB%ADa%20L%C3%B2&month=2020-08&as_of=2020-09-07"
    call -a cl GET "/api/v1/reports/briefing?$CL_Q&format=json"
    expect "Cửa Lò briefing, json" 200
    eq "briefing json Content-Type" "$(header Content-Type)" "application/json; charset=utf-8"
    schema Briefing
    eq "Cửa Lò: 5 thông báo kết luận" "$(jget .documents.conclusion_notices)" 5
    eq "Cửa Lò: 354 văn bản đến" "$(jget .documents.incoming)" 354
    eq "Cửa Lò: 425 văn bản đi" "$(jget .documents.outgoing)" 425
    eq "Cửa Lò: 10 nội dung quá hạn" "$(jget .tasks.open_overdue)" 10
    jq -S . "$OUT" >"$TMP/api_briefing"
    GIAOBAN_DB="$DEMO_DB" "$GB" report briefing --unit NA.CL --month 2020-08 --as-of 2020-09-07 \
        --format json | jq -S . >"$TMP/cli_briefing"
    if cmp -s "$TMP/api_briefing" "$TMP/cli_briefing"; then pass; else
        fail "briefing: API and CLI JSON differ: $(diff "$TMP/api_briefing" "$TMP/cli_briefing" | head -5)"
    fi
    call -a cl GET "/api/v1/reports/briefing?$CL_Q"
    expect "Cửa Lò briefing, html by default" 200
    eq "briefing html Content-Type" "$(header Content-Type)" "text/html; charset=utf-8"
    if grep -q "Cửa Lò" "$OUT"; then pass; else fail "the html report lacks the unit's name"; fi
    case "$(header Content-Security-Policy)" in "default-src 'none'; "*) pass ;; *) fail "html report CSP: $(header Content-Security-Policy)" ;; esac
    eq "html report: no attachment" "$(header Content-Disposition)" ""
    call -a cl GET "/api/v1/reports/briefing?$CL_Q&format=xlsx"
    expect "Cửa Lò briefing, xlsx" 200
    eq "xlsx starts with PK" "$(head -c 2 "$OUT")" PK
    eq "xlsx Content-Type" "$(header Content-Type)" "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    eq "xlsx attachment" "$(header Content-Disposition)" 'attachment; filename="bao-cao-giao-ban-NA.CL-2020-08.xlsx"'
    eq "xlsx nosniff" "$(header X-Content-Type-Options)" nosniff
    eq "xlsx no-store" "$(header Cache-Control)" no-store
    call -a cl GET "/api/v1/reports/briefing?$CL_Q&format=pdf"
    expect "Cửa Lò briefing, pdf" 200
    eq "pdf starts with %PDF" "$(head -c 4 "$OUT")" "%PDF"
    eq "pdf Content-Type" "$(header Content-Type)" application/pdf
    eq "pdf attachment" "$(header Content-Disposition)" 'attachment; filename="bao-cao-giao-ban-NA.CL-2020-08.pdf"'
    call -a cl GET "/api/v1/reports/briefing?month=2020-08&as_of=2020-09-07&format=json"
    expect "briefing of the account's own unit" 200
    eq "own unit by default" "$(jget .documents.incoming)" 354
    call -a ls GET "/api/v1/reports/briefing?$CL_Q&format=json"
    expect_err "Cửa Lò's briefing for a Cao Lộc unit account" 403 forbidden
    call -a ls GET "/api/v1/reports/briefing?$CL_Q&format=pdf"
    expect_err "nor its pdf" 403 forbidden
    call -a cl GET "/api/v1/reports/briefing?$CL_Q&format=docx"
    expect_err "briefing: an unknown format" 400 invalid
    eq "briefing: the format field named" "$(jget .error.field)" format
    call -a cl GET "/api/v1/reports/briefing?unit=NA.CL&month=2020-13&format=json"
    expect_err "briefing: a bad month" 400 invalid
    eq "briefing: the month field named" "$(jget .error.field)" month
    call -a cl GET "/api/v1/reports/briefing?unit=NA.CL&format=json"
    expect_err "briefing: no month" 400 invalid
    eq "briefing: the missing month named" "$(jget .error.field)" month
    call -a cl GET "/api/v1/reports/briefing?unit=NA.CL&month=2020-08&lang=en"
    expect_err "briefing: an unknown parameter" 400 invalid
    # The conclusion read against Cửa Lò's directory, as the CLI reads it.
    jq -n --rawfile t "$ROOT/tests/http/cua_lo_conclusion.txt" \
        '{text: $t, date: "2020-09-07", unit: "UBND thị xã Cửa Lò"}' >"$TMP/cl_extract_unit"
    call -a cl POST /api/v1/extract @"$TMP/cl_extract_unit"
    expect "extract with Cửa Lò's directory" 200
    if [ "$(jget '.tasks | length')" -ge 6 ]; then pass; else fail "Cửa Lò with its directory: $(jget '.tasks | length') tasks"; fi
    eq "with the directory, the canal item's deadline" "$(jget '[.tasks[] | select(.content | test("kênh mương"))][0].deadline')" 2020-09-15
    jq -S . "$OUT" >"$TMP/api_extract_unit"
    GIAOBAN_DB="$DEMO_DB" "$GB" extract --date 2020-09-07 --unit "UBND thị xã Cửa Lò" --format json \
        "$ROOT/tests/http/cua_lo_conclusion.txt" | jq -S . >"$TMP/cli_extract_unit"
    if cmp -s "$TMP/api_extract_unit" "$TMP/cli_extract_unit"; then pass; else
        fail "extract with a unit: API and CLI differ: $(diff "$TMP/api_extract_unit" "$TMP/cli_extract_unit" | head -5)"
    fi
    call -a ls POST /api/v1/extract @"$TMP/cl_extract_unit"
    expect_err "a unit account may not extract" 403 forbidden
    stop demo "$SPID"
fi

finish
