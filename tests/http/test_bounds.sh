#!/bin/sh
# The bounds the server keeps whatever it is sent: tests/http/test_bounds.sh GIAOBAN DB_URL
# Two provinces on one server. Every record a write names (notice, meeting, parent task,
# person, coordinating or acting unit, evidence document, attending unit) must lie in the
# caller's province: tried for every role that may write, against the other province's
# records, with the same request on the caller's own records as the control. The audit
# trail is read within the reader's subtree. Nobody confirms their own completion report or
# approves their own extension request. And a battery of wrong JSON types generated from the
# OpenAPI document: every member of every route's body, each wrong type, null where not
# nullable, "" for dates, ids and units: 422 naming the member, nothing written.
# The last line is "N passed, M failed".
set -u
GB=$1
DB=$2
case "$DB" in postgres*) ;; *) rm -f "$DB" "$DB-wal" "$DB-shm" ;; esac
export GIAOBAN_DB="$DB"
export GIAOBAN_TODAY=2020-10-01
PASS=0
FAIL=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/giaoban-bounds.XXXXXX")
OUT=$TMP/out
SPID=""

pass() { PASS=$((PASS + 1)); }
fail() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
eq() { if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', want '$3'"; fi; }
jget() { jq -r "$1" <"$OUT" 2>/dev/null; }
finish() {
    [ -n "$SPID" ] && kill "$SPID" 2>/dev/null
    echo "$PASS passed, $FAIL failed"
    rm -rf "$TMP"
    [ "$FAIL" -eq 0 ]
    exit $?
}

# call ROLE METHOD PATH [BODY]: status in $CODE, body in $OUT. ROLE names a token.
call() {
    crole=$1; cm=$2; cpath=$3; shift 3
    eval "ctok=\${TOK_$crole:-}"
    if [ $# -gt 0 ]; then
        CODE=$(curl -s -o "$OUT" -w '%{http_code}' -X "$cm" -H "Authorization: Bearer $ctok" \
            -H 'Content-Type: application/json' -H 'If-Match: *' --data-binary "$1" \
            "http://127.0.0.1:$PORT$cpath")
    else
        CODE=$(curl -s -o "$OUT" -w '%{http_code}' -X "$cm" -H "Authorization: Bearer $ctok" \
            "http://127.0.0.1:$PORT$cpath")
    fi
}
expect() { # NAME STATUS [FIELD]
    if [ "$CODE" = "$2" ]; then pass; else fail "$1: status $CODE, want $2 ($(head -c 300 "$OUT"))"; fi
    if [ $# -ge 3 ]; then eq "$1: field" "$(jget '.error.field // ""')" "$3"; fi
}
ntasks() { "$GB" task list --limit 1000 --format json | jq '.total'; }

# ---- two provinces, their records, their accounts ----
"$GB" init >/dev/null 2>&1
"$GB" unit add --code P --name "Ủy ban nhân dân tỉnh Phú" --kind tinh >/dev/null
"$GB" unit add --code P.H --name "Ủy ban nhân dân huyện Phong" --kind huyen --parent P >/dev/null
"$GB" unit add --code P.H.KT --name "Phòng Kinh tế huyện Phong" --kind phong --parent P.H >/dev/null
"$GB" unit add --code Q --name "Ủy ban nhân dân tỉnh Quang" --kind tinh >/dev/null
"$GB" unit add --code Q.H --name "Ủy ban nhân dân huyện Quế" --kind huyen --parent Q >/dev/null
uid() { "$GB" unit show "$1" --format json | jq -r '.id'; }
P_H=$(uid P.H); P_KT=$(uid P.H.KT); Q_H=$(uid Q.H)
for side in P Q; do
    m=$("$GB" meeting add --title "Giao ban tháng 9 $side" --date 2020-09-05 --host "$side")
    n=$("$GB" doc add --dir di --unit "$side" --date 2020-09-07 --type TB --number "1/TB-$side" \
        --subject "Kết luận giao ban $side" --meeting "$m")
    ev=$("$GB" doc add --dir di --unit "$side.H" --date 2020-09-20 --type BC \
        --number "2/BC-$side" --subject "Báo cáo kết quả $side")
    p=$("$GB" person add --name "Nguyễn Văn $side" --unit "$side")
    t=$("$GB" task add --content "Việc gốc của $side" --unit "$side.H" --by "$side" \
        --assigned 2020-09-07 --deadline 2020-11-30)
    eval "MEET_$side=$m NOTICE_$side=$n EVID_$side=$ev PERSON_$side=$p TASK_$side=$t"
done
for a in "admin_p admin P" "leader_p leader P" "office_p office P" "unit_p unit P.H" \
    "admin_q admin Q" "leader_q leader Q" "office_q office Q"; do
    set -- $a
    echo "pass-$1-12345" | "$GB" user add "$1" --role "$2" --unit "$3" >/dev/null 2>&1 ||
        fail "user add $1"
    eval "TOK_$1=\$(\"\$GB\" token create --user $1)"
done
case "$MEET_P$NOTICE_Q$EVID_Q$PERSON_Q$TASK_Q" in *[!0-9]* | "") fail "setup: ids ($MEET_P $NOTICE_Q $EVID_Q $PERSON_Q $TASK_Q)"; finish ;; esac

"$GB" serve --db "$DB" --listen 127.0.0.1:0 >"$TMP/serve.out" 2>"$TMP/serve.err" &
SPID=$!
i=0
while [ $i -lt 100 ] && ! grep -q listening "$TMP/serve.out" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
PORT=$(sed -nE 's/^listening on http:\/\/127\.0\.0\.1:([0-9]+)$/\1/p' "$TMP/serve.out")
[ -n "$PORT" ] || { fail "server did not start: $(head -c 300 "$TMP/serve.err")"; finish; }

# ---- 1. references across provinces: every writing role of P, against Q's records ----
# Each line: FIELD JSON-MEMBER-OF-Q JSON-MEMBER-OF-P (the control, which must be taken).
# The refusal names the body's member, as the caller wrote it (not the app's own name).
cat >"$TMP/refs" <<EOF
notice_id "notice_id":$NOTICE_Q "notice_id":$NOTICE_P
meeting_id "meeting_id":$MEET_Q "meeting_id":$MEET_P
parent_id "parent_id":$TASK_Q "parent_id":$TASK_P
assigner_person_id "assigner_person_id":$PERSON_Q "assigner_person_id":$PERSON_P
coordinating "coordinating":[$Q_H] "coordinating":[$P_H]
EOF
for role in admin_p leader_p office_p; do
    while read -r field theirs ours; do
        before=$(ntasks)
        call "$role" POST /api/v1/tasks "{\"content\":\"Việc thử $field\",\"lead_unit\":$P_KT,$theirs}"
        expect "$role: a task naming Q's $field" 403 "$field"
        eq "$role: nothing written for Q's $field" "$(ntasks)" "$before"
        call "$role" POST /api/v1/tasks "{\"content\":\"Việc thử $field\",\"lead_unit\":$P_KT,$ours}"
        expect "$role: a task naming P's own $field" 201
    done <"$TMP/refs"
    # Documents: the meeting a notice concludes, the handler.
    call "$role" POST /api/v1/documents "{\"direction\":\"out\",\"unit_id\":\"P\",\"date\":\"2020-09-08\",\"subject\":\"TB thử\",\"type\":\"TB\",\"meeting_id\":$MEET_Q}"
    expect "$role: a notice of Q's meeting" 403 meeting_id
    call "$role" POST /api/v1/documents "{\"direction\":\"in\",\"unit_id\":\"P\",\"date\":\"2020-09-08\",\"subject\":\"CV thử\",\"handler_unit_id\":$Q_H}"
    expect "$role: a document handled by Q's unit" 403 handler_unit_id
    call "$role" POST /api/v1/documents "{\"direction\":\"out\",\"unit_id\":\"P\",\"date\":\"2020-09-08\",\"subject\":\"TB thử\",\"type\":\"TB\",\"meeting_id\":$MEET_P}"
    expect "$role: a notice of P's own meeting" 201
    # Meetings: Q's unit attending.
    call "$role" POST /api/v1/meetings "{\"title\":\"Họp thử\",\"date\":\"2020-09-09\",\"host_unit_id\":\"P\",\"attending\":[$Q_H]}"
    expect "$role: a meeting attended by Q's unit" 403 attending
    call "$role" POST /api/v1/meetings "{\"title\":\"Họp thử\",\"date\":\"2020-09-09\",\"host_unit_id\":\"P\",\"attending\":[$P_H]}"
    expect "$role: a meeting attended by P's unit" 201
done
# Events: Q's evidence document, Q's unit as the actor; the control with P's.
for role in admin_p office_p unit_p; do
    t=$("$GB" task add --content "Việc báo cáo của $role" --unit P.H --by P --assigned 2020-09-07 --deadline 2020-12-31)
    call "$role" POST "/api/v1/tasks/$t/progress" "{\"percent\":10,\"evidence_doc_id\":$EVID_Q}"
    expect "$role: progress with Q's evidence" 403 evidence_doc_id
    call "$role" POST "/api/v1/tasks/$t/progress" "{\"percent\":10,\"actor_unit\":$Q_H}"
    expect "$role: progress on behalf of Q's unit" 403 actor_unit
    eq "$role: no event written" "$("$GB" task show "$t" --format json | jq '.events | length')" 0
    call "$role" POST "/api/v1/tasks/$t/progress" "{\"percent\":10,\"evidence_doc_id\":$EVID_P}"
    expect "$role: progress with P's evidence" 200
done
# Q's accounts cannot act on P's task at all.
for role in admin_q leader_q office_q; do
    call "$role" POST "/api/v1/tasks/$TASK_P/pause" '{}'
    expect "$role: pausing P's task" 403
done

# ---- 2. the audit trail, within the reader's subtree ----
call admin_p GET "/api/v1/audit?object_kind=task&object_id=$TASK_P"
expect "P's admin reads P's task trail" 200
n=$(jget '.items | length')
if [ "${n:-0}" -ge 1 ]; then pass; else fail "P's task trail is empty for P's admin"; fi
call admin_q GET "/api/v1/audit?object_kind=task&object_id=$TASK_P"
expect "Q's admin asks for P's task trail" 200
eq "Q's admin sees none of it" "$(jget '.items | length')" 0
call admin_q GET "/api/v1/audit?limit=1000"
eq "no row of Q's whole trail is about P's records" \
    "$(jget "[.items[] | select((.object_kind == \"task\" and .object_id == $TASK_P) or (.object_kind == \"unit\" and .object_id == $P_H))] | length")" 0
if [ "$(jget '.items | length')" -ge 1 ]; then pass; else fail "Q's admin sees no row of its own"; fi

# ---- 3. nobody confirms their own report or approves their own request ----
# done -> confirm: every role that may do both (admin, office); extend -> approve: admin.
for role in admin_p office_p; do
    t=$("$GB" task add --content "Việc xác nhận của $role" --unit P.H --by P --assigned 2020-09-07 --deadline 2020-12-31)
    call "$role" POST "/api/v1/tasks/$t/done" '{"note":"Đã xong","date":"2020-09-20"}'
    expect "$role reports done" 200
    call "$role" POST "/api/v1/tasks/$t/confirm" '{"date":"2020-09-21"}'
    expect "$role confirms its own report" 403 actor
    case "$(jget .error.message)" in *"không tự xác nhận"*) pass ;; *) fail "the refusal says why: $(jget .error.message)" ;; esac
    eq "$role: still awaiting confirmation" "$("$GB" task show "$t" --format json | jq -r '.state')" awaiting_confirmation
    call leader_p POST "/api/v1/tasks/$t/confirm" '{"date":"2020-09-21"}'
    expect "another account confirms $role's report" 200
done
t=$("$GB" task add --content "Việc gia hạn" --unit P.H --by P --assigned 2020-09-07 --deadline 2020-10-30)
call admin_p POST "/api/v1/tasks/$t/extend" '{"deadline":"2020-12-31","note":"Mưa lớn","date":"2020-09-20"}'
expect "admin asks for an extension" 200
call admin_p POST "/api/v1/tasks/$t/approve" '{"date":"2020-09-21"}'
expect "admin approves its own request" 403 actor
call leader_p POST "/api/v1/tasks/$t/approve" '{"date":"2020-09-21"}'
expect "the leader approves it" 200
# The unit reports, the office confirms: the ordinary way is open.
t=$("$GB" task add --content "Việc của đơn vị" --unit P.H --by P --assigned 2020-09-07 --deadline 2020-12-31)
call unit_p POST "/api/v1/tasks/$t/done" '{"note":"Đã xong","date":"2020-09-20"}'
expect "the unit reports done" 200
call office_p POST "/api/v1/tasks/$t/confirm" '{"date":"2020-09-21"}'
expect "the office confirms the unit's report" 200
# The audit trail says who did what.
call admin_p GET "/api/v1/audit?object_kind=task&object_id=$t"
eq "audit: who reported, who confirmed" \
    "$(jget '[.items[] | select(.action == "task.done" or .action == "task.confirm") | "\(.action)=\(.actor)"] | sort | join(",")')" \
    "task.confirm=office_p,task.done=unit_p"
# The CLI, acting as a named person, keeps the same rule.
t=$("$GB" task add --content "Việc dòng lệnh" --unit P.H --by P --assigned 2020-09-07 --deadline 2020-12-31)
GIAOBAN_USER=clerk "$GB" task done "$t" --result "Đã xong" --date 2020-09-20 >/dev/null 2>&1 || fail "CLI done"
if GIAOBAN_USER=clerk "$GB" task confirm "$t" --date 2020-09-21 >/dev/null 2>"$OUT"; then
    fail "the CLI's clerk confirms its own report"
else
    case "$(cat "$OUT")" in *"không tự xác nhận"*) pass ;; *) fail "CLI refusal: $(cat "$OUT")" ;; esac
fi
if GIAOBAN_USER=chief "$GB" task confirm "$t" --date 2020-09-21 >/dev/null 2>"$OUT"; then pass; else
    fail "another CLI user confirms: $(cat "$OUT")"; fi

# ---- 4. wrong JSON types, from the OpenAPI document ----
call admin_p GET /api/v1/openapi.json
cp "$OUT" "$TMP/openapi.json"
# One line per case: METHOD PATH MEMBER BODY (the body holds only the member).
jq -r --arg id "$TASK_P" '
  .components.schemas as $s |
  .paths | to_entries[] | .key as $p | .value | to_entries[] |
  select(.value.requestBody != null) | (.key | ascii_upcase) as $m |
  (.value.requestBody.content["application/json"].schema["$ref"] | sub("#/components/schemas/"; "")) as $name |
  $s[$name].properties // {} | to_entries[] | .key as $k | .value as $v |
  ( if $v.anyOf then [true, 1.5, [], {}, "", 0, -3]
    elif $v.type == "string" then [12, true, [], {}, 1.5] + (if ($v.minLength // 0) > 0 then [""] else [] end)
    elif $v.type == "integer" then ["12", 1.5, true, [], {}, "", ($v.minimum // 0) - 1]
        + (if $v.maximum then [$v.maximum + 1] else [] end)
    elif $v.type == "boolean" then ["true", 1, [], {}, ""]
    elif $v.type == "array" then ["x", 12, {}, [true], [[]], [{}]]
        + (if $v.items.anyOf then [[""], [0]] else [12] | [.] end)
    else [] end )
  + (if $v.nullable then [] else [null] end)
  | .[] | "\($m) \($p | gsub("{id}"; $id)) \($k) \({($k): .} | tojson)"
' "$TMP/openapi.json" >"$TMP/battery"
nb=$(wc -l <"$TMP/battery")
if [ "$nb" -ge 300 ]; then pass; else fail "the battery has only $nb cases"; fi
# Every route that takes a body is in it.
nbody=$(jq '[.paths[][] | select(.requestBody != null)] | length' "$TMP/openapi.json")
if [ "$(cut -d' ' -f1,2 "$TMP/battery" | sort -u | wc -l)" -ge "$((nbody - 3))" ]; then pass; else
    fail "the battery misses routes with a body ($nbody)"; fi
before=$(ntasks)
bad=0
while read -r m p k body; do
    call admin_p "$m" "$p" "$body"
    if [ "$CODE" = 422 ] && [ "$(jget .error.field)" = "$k" ]; then pass; else
        bad=$((bad + 1))
        [ $bad -le 20 ] && fail "$m $p $body: $CODE $(head -c 200 "$OUT")"
    fi
done <"$TMP/battery"
[ $bad -gt 20 ] && fail "... and $((bad - 20)) more battery cases"
eq "the battery wrote no task" "$(ntasks)" "$before"
# What the parser refuses before the members are read.
for body in '{"content":"a\u0000b","lead_unit":"P.H"}'; do
    call admin_p POST /api/v1/tasks "$body"
    expect "a NUL inside a text member" 422 content
done
for body in '{"content":"\ud800","lead_unit":"P.H"}' '{"content":"x","lead_unit":99999999999999999999}' \
    '{"content":"x","lead_unit":"P.H","lead_unit":"P"}'; do
    call admin_p POST /api/v1/tasks "$body"
    expect "refused by the parser: $body" 400
done
call admin_p POST /api/v1/tasks '{"content":"Việc có giờ","lead_unit":"P.H","deadline":"2020-12-01","deadline_time":"14:00abc"}'
expect "a malformed hour" 400 deadline_time
call admin_p POST /api/v1/tasks '{"content":"Việc có giờ","lead_unit":"P.H","deadline":"2020-12-01","deadline_time":"14:30"}'
expect "a well-formed hour" 201
eq "no task from the refused bodies (only the hour's)" "$(ntasks)" "$((before + 1))"
# ---- 5. control characters and bad numbers in query parameters, from the OpenAPI document ----
# Every query parameter of every GET route, a few characters each; every character in the
# search texts (a tab there once took the server down). 400 naming the parameter.
jq -r --arg id "$TASK_P" '.paths | to_entries[] | .key as $p | .value.get // empty |
    .parameters[]? | select(.in == "query") | "\($p | gsub("{id}"; $id)) \(.name)"' \
    "$TMP/openapi.json" >"$TMP/params"
np=$(wc -l <"$TMP/params")
if [ "$np" -ge 40 ]; then pass; else fail "only $np query parameters in the document"; fi
qget() { CODE=$(curl -s -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer $TOK_admin_p" \
    "http://127.0.0.1:$PORT$1"); }
bad=0
while read -r p name; do
    for c in %09 %01 %0A %1F %7F %00 %C2%85 %E2%80%AE; do
        qget "$p?$name=ab${c}cd"
        if [ "$CODE" = 400 ] && [ "$(jget .error.field)" = "$name" ]; then pass; else
            bad=$((bad + 1)); [ $bad -le 10 ] && fail "$p?$name=ab${c}cd: $CODE $(head -c 200 "$OUT")"
        fi
    done
done <"$TMP/params"
for p in /api/v1/tasks /api/v1/search; do
    i=1
    while [ $i -le 127 ]; do
        [ $i -eq 32 ] && i=127
        c=$(printf '%%%02X' $i)
        qget "$p?q=k${c}nh"
        if [ "$CODE" = 400 ] && [ "$(jget .error.field)" = q ]; then pass; else
            bad=$((bad + 1)); [ $bad -le 10 ] && fail "$p?q=k${c}nh: $CODE $(head -c 200 "$OUT")"
        fi
        i=$((i + 1))
    done
done
[ $bad -gt 10 ] && fail "... and $((bad - 10)) more query cases"
for q in "limit=5&limit=6" "limit=-1" "limit=1e9" "limit=99999999999999999999" "offset=-1" \
    "as_of=abc" "as_of=2020-02-30" "notice=0" "meeting=1.5"; do
    qget "/api/v1/tasks?$q"
    expect "tasks?$q" 400 "${q%%=*}"
done
qget "/api/v1/tasks/99999999999999999999"
expect "an id beyond 64 bits in the path" 404
# The CLI takes the same texts without a crash: every control character, exit status 2.
bad=0
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 127; do
    c=$(printf "\\$(printf '%03o' $i)x"); c=${c%x} # the x keeps a newline from $( )
    "$GB" task list --text "k${c}nh" >/dev/null 2>&1; st1=$?
    "$GB" search "k${c}nh" >/dev/null 2>&1; st2=$?
    if [ $st1 -eq 2 ] && [ $st2 -eq 2 ]; then pass; else
        bad=$((bad + 1)); [ $bad -le 5 ] && fail "CLI with control character $i: exit $st1 / $st2"
    fi
done
# The server is still serving.
CODE=$(curl -s -o "$OUT" -w '%{http_code}' "http://127.0.0.1:$PORT/healthz")
eq "healthz after all of it" "$CODE" 200
if kill -0 "$SPID" 2>/dev/null; then pass; else fail "the server died"; fi
finish
