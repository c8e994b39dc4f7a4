#!/bin/sh
# The seed demo, end to end: tests/cli/test_demo.sh GIAOBAN DB_URL
# The figures the five seed texts quote must come out of the ordinary reports,
# on SQLite and on PostgreSQL; a demo on a database that is not empty refuses.
# The last line is "N passed, M failed".
set -u
GB=$1
DB=$2
case "$DB" in postgres*) ;; *) rm -f "$DB" "$DB-wal" "$DB-shm" ;; esac
export GIAOBAN_DB="$DB"
export GIAOBAN_TODAY=2020-10-01
PASS=0
FAIL=0
OUT=$(mktemp)
ERR=$(mktemp)
trap 'rm -f "$OUT" "$ERR"' EXIT

pass() { PASS=$((PASS + 1)); }
fail() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
ok() {
    name=$1; shift
    if "$@" >"$OUT" 2>"$ERR"; then pass; else fail "$name: exit $? ($(head -c 300 "$ERR"))"; fi
}
refuse() {
    name=$1; want=$2; pat=$3; shift 3
    "$@" >"$OUT" 2>"$ERR"
    st=$?
    if [ "$st" -ne "$want" ]; then
        fail "$name: exit $st, want $want ($(head -c 300 "$ERR"))"
    elif ! grep -q -- "$pat" "$ERR"; then
        fail "$name: message '$(head -c 300 "$ERR")' lacks '$pat'"
    else
        pass
    fi
}
eq() { if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', want '$3'"; fi; }
jget() { jq -r "$1" <"$OUT"; }

ok "demo loads" "$GB" demo
# One account per role, each with its own random password printed once.
ACCOUNTS=$(mktemp)
grep -E '^  demo\.' "$OUT" >"$ACCOUNTS"
eq "demo accounts printed" "$(wc -l <"$ACCOUNTS" | tr -d ' ')" 6
eq "passwords differ" "$(awk '{print $2}' "$ACCOUNTS" | sort -u | wc -l | tr -d ' ')" 6
eq "passwords are 12 characters" "$(awk 'length($2) != 12' "$ACCOUNTS" | wc -l | tr -d ' ')" 0
ok "accounts listed" "$GB" user list --format json
eq "demo.kinhte is a unit account" "$(jget '.items[] | select(.username=="demo.kinhte") | .role')" unit
if grep -q "$(awk 'NR==1{print $2}' "$ACCOUNTS")" "$DB" 2>/dev/null; then
    fail "a demo password is stored in clear"
else
    pass
fi
# The printed password opens a session on the real server; a wrong one does not.
if command -v curl >/dev/null 2>&1; then
    SRV=$(mktemp)
    "$GB" serve --listen 127.0.0.1:0 >"$SRV" 2>/dev/null &
    SRVPID=$!
    i=0
    while [ $i -lt 100 ] && ! grep -q listening "$SRV"; do sleep 0.1; i=$((i + 1)); done
    PORT=$(sed -nE 's/^listening on http:\/\/127\.0\.0\.1:([0-9]+)$/\1/p' "$SRV")
    PW=$(awk '$1=="demo.lanhdao"{print $2}' "$ACCOUNTS")
    code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
        -d "{\"username\":\"demo.lanhdao\",\"password\":\"$PW\"}" "http://127.0.0.1:$PORT/api/v1/session")
    eq "demo leader logs in" "$code" 201
    code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
        -d '{"username":"demo.lanhdao","password":"sai-mat-khau"}' "http://127.0.0.1:$PORT/api/v1/session")
    if [ "$code" = 401 ] || [ "$code" = 403 ]; then pass; else fail "wrong password: HTTP $code"; fi
    # A long-running server sees units another process adds or moves (its cached unit tree
    # follows the database's unit_version). Every pool thread is asked several times.
    TOKL=$("$GB" token create --user demo.lanhdao)
    sum_assigned() {
        curl -s -H "Authorization: Bearer $TOKL" \
            "http://127.0.0.1:$PORT/api/v1/reports/summary?unit=NA.CL&subtree=true&as_of=2020-10-01&overdue_limit=1" |
            jq -r .assigned
    }
    base=$(sum_assigned)
    for i in 1 2 3 4 5 6 7 8; do sum_assigned >/dev/null; done
    "$GB" unit add --code NA.CL.MOI --name "Phòng Mới thị xã Cửa Lò" --kind phong --parent NA.CL >/dev/null 2>&1
    "$GB" task add --content "Việc của phòng mới" --unit NA.CL.MOI --by NA.CL --assigned 2020-09-20 \
        --deadline 2020-09-25 >/dev/null 2>&1
    seen=""
    for i in 1 2 3 4 5 6 7 8; do seen="$seen $(sum_assigned)"; done
    eq "every server thread sees the new unit's task" "$seen" "$(for i in 1 2 3 4 5 6 7 8; do printf ' %s' $((base + 1)); done)"
    "$GB" unit move NA.CL.MOI --parent LS.CL >/dev/null 2>&1
    seen=""
    for i in 1 2 3 4 5 6 7 8; do seen="$seen $(sum_assigned)"; done
    eq "every server thread sees the unit moved away" "$seen" "$(for i in 1 2 3 4 5 6 7 8; do printf ' %s' "$base"; done)"
    # An administrator resets a password from the command line; only the new one works.
    if echo "mat-khau-moi-9" | "$GB" user password demo.xem >/dev/null 2>"$ERR"; then pass; else fail "user password: $(cat "$ERR")"; fi
    code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
        -d '{"username":"demo.xem","password":"mat-khau-moi-9"}' "http://127.0.0.1:$PORT/api/v1/session")
    eq "new password logs in" "$code" 201
    PW=$(awk '$1=="demo.xem"{print $2}' "$ACCOUNTS")
    code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
        -d "{\"username\":\"demo.xem\",\"password\":\"$PW\"}" "http://127.0.0.1:$PORT/api/v1/session")
    if [ "$code" = 401 ] || [ "$code" = 403 ]; then pass; else fail "old password after reset: HTTP $code"; fi
    # Locking an account from the command line stops its token at once; unlocking restores it.
    whoami() { curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKL" "http://127.0.0.1:$PORT/api/v1/session"; }
    ok "user disable" "$GB" user disable demo.lanhdao
    eq "a locked account's token" "$(whoami)" 401
    ok "user enable" "$GB" user enable demo.lanhdao
    eq "an unlocked account's token" "$(whoami)" 200
    TID=$("$GB" token list --format json | jq -r '[.items[] | select(.username == "demo.lanhdao")][0].id')
    ok "token revoke" "$GB" token revoke "$TID"
    eq "a revoked token" "$(whoami)" 401
    eq "token list says revoked" "$("$GB" token list --format json | jq -r ".items[] | select(.id == $TID) | .revoked")" true
    refuse "revoke a token that is no number" 2 "Số của mã truy cập" "$GB" token revoke abc
    refuse "revoke an unknown token" 3 "999999" "$GB" token revoke 999999
    refuse "disable nobody" 3 "khong.co" "$GB" user disable khong.co
    kill -TERM "$SRVPID" 2>/dev/null
    wait "$SRVPID" 2>/dev/null
    rm -f "$SRV"
fi
rm -f "$ACCOUNTS"
refuse "password too short" 2 "Mật khẩu mới" sh -c "echo ngan | '$GB' user password demo.admin"
refuse "password of nobody" 3 "khong.co" sh -c "echo mat-khau-moi-9 | '$GB' user password khong.co"

# UBND huyện Cao Lộc, first half of 2020, as of 19/6/2020 (seed 003).
ok "Cao Lộc summary" "$GB" report summary --unit "UBND huyện Cao Lộc" --by "UBND tỉnh Lạng Sơn" \
    --from 2020-01-01 --to 2020-06-30 --as-of 2020-06-19 --format json
eq "Cao Lộc assigned" "$(jget .assigned)" 13
eq "Cao Lộc done on time" "$(jget .done_on_time)" 4
eq "Cao Lộc done before the deadline" "$(jget .done_before)" 4
eq "Cao Lộc done late" "$(jget .done_late)" 5
eq "Cao Lộc open in time" "$(jget .open_in_time)" 4
eq "Cao Lộc open overdue" "$(jget .open_overdue)" 0
# Same question asked with a folded name and a typed date.
ok "Cao Lộc, no tone marks" "$GB" report summary --unit "ubnd huyen cao loc" --by "ubnd tinh lang son" \
    --from 1/1/2020 --to 30/6/2020 --as-of 19/6/2020 --format json
eq "Cao Lộc folded assigned" "$(jget .assigned)" 13
# A week later the inspection's conclusions (notice of 24/6) have joined the count.
ok "Cao Lộc, end of June" "$GB" report summary --unit "UBND huyện Cao Lộc" --by "UBND tỉnh Lạng Sơn" \
    --from 2020-01-01 --to 2020-06-30 --as-of 2020-06-30 --format json
eq "Cao Lộc assigned by 30/6" "$(jget .assigned)" 16
eq "Cao Lộc overdue by 30/6 (the hail plan, due 25/6)" "$(jget .open_overdue)" 1

# UBND thị xã Cửa Lò, briefing of 7/9/2020 (seed 000).
ok "Cửa Lò summary" "$GB" report summary --unit "UBND thị xã Cửa Lò" --subtree \
    --by "UBND thị xã Cửa Lò" --as-of 2020-09-07 --format json
eq "Cửa Lò overdue items" "$(jget .open_overdue)" 10
eq "Cửa Lò overdue list" "$(jget '.overdue | length')" 10
eq "Cửa Lò most overdue first" "$(jget '.overdue[0].days_overdue')" 13
eq "Cửa Lò by unit adds up" "$(jget '[.by_unit[].open_overdue] | add')" 10
ok "Cửa Lò worst three" "$GB" report summary --unit "UBND thị xã Cửa Lò" --subtree \
    --by "UBND thị xã Cửa Lò" --as-of 2020-09-07 --overdue-limit 3 --format json
eq "limited list" "$(jget '.overdue | length')" 3
eq "limited list still counts all" "$(jget .open_overdue)" 10
eq "limited list keeps the worst" "$(jget '.overdue[0].days_overdue')" 13
refuse "bad overdue limit" 2 "overdue-limit" "$GB" report summary --unit "UBND thị xã Cửa Lò" --overdue-limit nhieu
ok "Cửa Lò documents" "$GB" report documents --unit "UBND thị xã Cửa Lò" --from 2020-08-01 \
    --to 2020-08-31 --format json
eq "Cửa Lò incoming" "$(jget .incoming)" 354
eq "Cửa Lò outgoing" "$(jget .outgoing)" 425
eq "Cửa Lò notices" "$(jget .outgoing_by_type.TB)" 5
eq "Cửa Lò outgoing by type adds up" "$(jget '[.outgoing_by_type[]] | add')" 425

# The canal clearing of the 7/9 conclusion: found without tone marks, due 15/9/2020.
ok "search canal" "$GB" search "kenh muong"
if grep -q "khai thông kênh mương" "$OUT"; then pass; else fail "search kenh muong: $(cat "$OUT")"; fi
ok "canal task" "$GB" task list --unit "UBND thị xã Cửa Lò" --subtree --text "kenh muong" --format json
eq "canal deadline" "$(jget '.items[0].deadline')" 2020-09-15
eq "canal lead" "$(jget '.items[0].lead_unit.name')" "Phòng Kinh tế thị xã Cửa Lò"
eq "canal from the 7/9 notice" "$(jget '.items[0].source')" notice

# Every seed meeting is there with its conclusions as tasks.
ok "meetings" "$GB" meeting list --format json
for m in "Giao ban định kỳ tháng 9/2020" "khối Văn hóa - Xã hội" "Họp Ủy viên UBND thành phố tháng 9/2021" \
    "kiểm tra tình hình thực hiện nhiệm vụ được giao tại huyện Cao Lộc" "Giao ban thường kỳ tháng 2/2021"; do
    if grep -q -- "$m" "$OUT"; then pass; else fail "meeting '$m' missing"; fi
done
ok "Móng Cái tasks" "$GB" task list --unit "UBND thành phố Móng Cái" --subtree --format json
eq "Móng Cái conclusion items" "$(jget .total)" 10
ok "Bắc Kạn tasks" "$GB" task list --unit "UBND thành phố Bắc Kạn" --subtree --format json
eq "Bắc Kạn conclusion items" "$(jget .total)" 10
ok "Bắc Kạn drill" "$GB" task list --unit "Ban CHQS thành phố" --format json
eq "Bắc Kạn drill deadline" "$(jget '.items[0].deadline')" 2021-10-20

# An extension approved in time keeps a task in time; the original deadline stays visible.
ok "Đại hội task" "$GB" task list --unit "UBND huyện Cao Lộc" --text "dai hoi dang bo" --as-of 2020-06-19 --format json
eq "original deadline" "$(jget '.items[0].deadline')" 2020-06-15
eq "deadline in force" "$(jget '.items[0].deadline_in_force')" 2020-07-15
eq "in time thanks to the extension" "$(jget '.items[0].category')" open_in_time

# A merged unit's tasks add up under its successor.
ok "successor covers merged" "$GB" report summary --unit "Phòng Văn hóa, Khoa học và Thông tin thành phố Đông Hà" \
    --as-of 2020-12-31 --format json
eq "merged tasks counted" "$(jget .assigned)" 2

# Not on a database that has data; --replace starts again, with the same figures.
refuse "demo refuses a non-empty database" 5 "replace" "$GB" demo
ok "demo --replace" "$GB" demo --replace
ok "Cửa Lò after replace" "$GB" report summary --unit "UBND thị xã Cửa Lò" --subtree \
    --by "UBND thị xã Cửa Lò" --as-of 2020-09-07 --format json
eq "Cửa Lò overdue after replace" "$(jget .open_overdue)" 10
ok "unit count after replace" "$GB" unit list --format json
units=$(jget .total)
"$GB" demo --replace >/dev/null 2>&1
"$GB" unit list --format json >"$OUT" 2>/dev/null
eq "replace does not duplicate" "$(jget .total)" "$units"

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
