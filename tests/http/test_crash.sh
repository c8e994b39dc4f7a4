#!/bin/sh
# A crash in the middle of writes: tests/http/test_crash.sh GIAOBAN DB_URL [unused]
# Eight clients assign tasks through the API as fast as they can, and report half of them
# done, while the server is killed with SIGKILL (then, on a new server, stopped with
# SIGTERM: it must exit 0). Afterwards, read by the CLI: every task
# whose creation the server acknowledged (201) is there with its content, and every done
# report it acknowledged is in its history; no task is there twice; the running totals agree
# with the tasks (a summary before and after `reindex`, which recomputes them from the
# tasks, is the same), so no transaction was half written. Then a new server serves the
# database and takes writes again. On SQLite the answers wait for the WAL's sync (deferred,
# off the pool threads): this checks that no answer leaves before its commit.
set -u
GB=$1
DB=$2
case "$DB" in postgres*) ;; *) rm -f "$DB" "$DB-wal" "$DB-shm" ;; esac
export GIAOBAN_DB="$DB"
export GIAOBAN_TODAY=2020-10-01
PASS=0
FAIL=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/giaoban-crash.XXXXXX")
SPID=""

pass() { PASS=$((PASS + 1)); }
fail() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
eq() { if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', want '$3'"; fi; }
finish() {
    [ -n "$SPID" ] && kill -9 "$SPID" 2>/dev/null
    echo "$PASS passed, $FAIL failed"
    rm -rf "$TMP"
    [ "$FAIL" -eq 0 ]
    exit $?
}

start() {
    : >"$TMP/srv.out"
    "$GB" serve --db "$DB" --listen 127.0.0.1:0 >"$TMP/srv.out" 2>>"$TMP/srv.err" &
    SPID=$!
    i=0
    while [ $i -lt 100 ] && ! grep -q listening "$TMP/srv.out" 2>/dev/null; do
        sleep 0.1; i=$((i + 1))
    done
    PORT=$(sed -nE 's/^listening on http:\/\/127\.0\.0\.1:([0-9]+)$/\1/p' "$TMP/srv.out")
    if [ -z "$PORT" ]; then
        fail "server did not start: $(head -c 400 "$TMP/srv.err")"
        finish
    fi
}

"$GB" init >/dev/null 2>&1
"$GB" unit add --code T --name "Ủy ban nhân dân tỉnh Thử" --kind tinh >/dev/null
"$GB" unit add --code T.A --name "Sở Xây dựng" --kind so --parent T >/dev/null
"$GB" unit add --code T.B --name "Sở Tài chính" --kind so --parent T >/dev/null
echo "pass-office-123" | "$GB" user add office --role office --unit T >/dev/null
TOK=$("$GB" token create --user office)
case "$TOK" in gb_*) pass ;; *) fail "token create: '$TOK'"; finish ;; esac

# client N: assign tasks until the server is gone; each acknowledged id (and each
# acknowledged done report) goes to its file only after the answer came.
client() {
    n=$1
    k=0
    while :; do
        k=$((k + 1))
        unit=T.A; [ $((k % 2)) -eq 0 ] && unit=T.B
        # Some deadlines already past (overdue), some ahead, some none.
        case $((k % 3)) in
        0) dl=',"deadline":"2020-09-15"' ;;
        1) dl=',"deadline":"2020-12-31"' ;;
        *) dl='' ;;
        esac
        code=$(curl -s -m 20 -o "$TMP/c$n.out" -w '%{http_code}' -X POST \
            -H "Authorization: Bearer $TOK" -H "Content-Type: application/json" \
            --data-binary "{\"content\":\"Việc $n-$k của máy khách\",\"lead_unit\":\"$unit\",\"assigned\":\"2020-09-01\"$dl}" \
            "http://127.0.0.1:$PORT/api/v1/tasks") || break
        [ "$code" = 201 ] || break
        id=$(sed -nE 's/^\{"id":([0-9]+),.*/\1/p' "$TMP/c$n.out")
        echo "$id Việc $n-$k của máy khách" >>"$TMP/acked.$n"
        if [ $((k % 2)) -eq 0 ]; then
            code=$(curl -s -m 20 -o "$TMP/c$n.out" -w '%{http_code}' -X POST \
                -H "Authorization: Bearer $TOK" -H "Content-Type: application/json" \
                -H 'If-Match: "1"' --data-binary '{"date":"2020-09-20","note":"Xong"}' \
                "http://127.0.0.1:$PORT/api/v1/tasks/$id/done") || break
            [ "$code" = 200 ] || [ "$code" = 201 ] || break
            echo "$id" >>"$TMP/done.$n"
        fi
    done
}

# writes SIGNAL: start a server, eight clients, stop the server with SIGNAL after 3 s of
# writes; sets STATUS (the server's exit status).
writes() {
    start
    for n in 1 2 3 4 5 6 7 8; do
        client $n &
    done
    sleep 3
    kill "-$1" "$SPID"
    wait "$SPID" 2>/dev/null
    STATUS=$?
    SPID=""
    wait
}

# verify LABEL: every acknowledged creation and done report is in the database, once; the
# running totals agree with the tasks. Sets N_PRESENT.
verify() {
    cat "$TMP"/acked.* | sort >"$TMP/acked"
    cat "$TMP"/done.* | sort >"$TMP/done"
    n_acked=$(wc -l <"$TMP/acked")
    n_done=$(wc -l <"$TMP/done")
    echo "$1: $n_acked creations and $n_done done reports acknowledged in all"
    if [ "$n_acked" -ge 20 ]; then pass; else fail "$1: only $n_acked creations acknowledged"; fi
    if [ "$n_done" -ge 5 ]; then pass; else fail "$1: only $n_done done reports acknowledged"; fi

    # Every acknowledged task is there, with its content, once (a page of 1,000 at a time).
    : >"$TMP/list.json"
    offset=0
    while :; do
        "$GB" task list --unit T --subtree --limit 1000 --offset $offset --format json \
            >"$TMP/page.json" 2>"$TMP/list.err" || { fail "$1: task list: $(cat "$TMP/list.err")"; break; }
        jq -c '.items[]' "$TMP/page.json" >>"$TMP/list.json"
        offset=$((offset + 1000))
        [ "$offset" -lt "$(jq .total "$TMP/page.json")" ] || break
    done
    jq -r '"\(.id) \(.content)"' "$TMP/list.json" | sort >"$TMP/present"
    eq "$1: acknowledged tasks missing" "$(comm -23 "$TMP/acked" "$TMP/present" | head -n 3)" ""
    eq "$1: no task listed twice" "$(cut -d' ' -f1 "$TMP/present" | sort | uniq -d | head -n 3)" ""
    N_PRESENT=$(wc -l <"$TMP/present")
    if [ "$N_PRESENT" -ge "$n_acked" ] && [ "$N_PRESENT" -le $((n_acked + 8 + ${2:-0})) ]; then pass; else
        fail "$1: $N_PRESENT tasks for $n_acked acknowledged (at most one unacknowledged per client)"
    fi
    jq -r 'select(.state == "awaiting_confirmation") | .id' "$TMP/list.json" | sort >"$TMP/awaiting"
    eq "$1: acknowledged done reports missing" "$(comm -23 "$TMP/done" "$TMP/awaiting" | head -n 3)" ""

    # The running totals agree with the tasks: reindex recomputes them and changes nothing.
    "$GB" report summary --unit T --subtree --as-of 2020-10-01 --format json |
        jq -S 'del(.overdue)' >"$TMP/sum.before"
    eq "$1: assigned in the summary" "$(jq .assigned "$TMP/sum.before")" "$N_PRESENT"
    "$GB" reindex >/dev/null 2>&1
    eq "$1: reindex" "$?" 0
    "$GB" report summary --unit T --subtree --as-of 2020-10-01 --format json |
        jq -S 'del(.overdue)' >"$TMP/sum.after"
    if cmp -s "$TMP/sum.before" "$TMP/sum.after"; then pass; else
        fail "$1: running totals differ from the tasks: $(diff "$TMP/sum.before" "$TMP/sum.after" | head -n 6)"
    fi
}

export LC_ALL=C
for n in 1 2 3 4 5 6 7 8; do : >"$TMP/acked.$n"; : >"$TMP/done.$n"; done
writes 9
verify "after SIGKILL"

# SIGTERM amid writes: the writes in flight finish, and the server exits 0 (clients' files
# keep their lines, so the earlier tasks are checked again; those the kill left
# unacknowledged may be there too).
writes TERM
eq "exit status after SIGTERM amid writes" "$STATUS" 0
[ "$STATUS" = 0 ] || grep -v '^{"ts"' "$TMP/srv.err" | tail -n 15
verify "after SIGTERM" 8

# A new server serves the database and takes writes.
start
code=$(curl -s -o "$TMP/new.out" -w '%{http_code}' -X POST -H "Authorization: Bearer $TOK" \
    -H "Content-Type: application/json" \
    --data-binary '{"content":"Việc sau sự cố","lead_unit":"T.A","deadline":"2020-12-31"}' \
    "http://127.0.0.1:$PORT/api/v1/tasks")
eq "creation after the restart" "$code" 201
code=$(curl -s -o "$TMP/new.out" -w '%{http_code}' -H "Authorization: Bearer $TOK" \
    "http://127.0.0.1:$PORT/api/v1/tasks?unit=T&subtree=true&limit=1")
eq "list after the restart" "$code" 200
eq "the new task counted" "$(jq .total "$TMP/new.out")" "$((N_PRESENT + 1))"
kill -TERM "$SPID"
wait "$SPID"
eq "exit status after SIGTERM" "$?" 0
SPID=""
finish
