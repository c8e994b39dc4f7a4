#!/bin/sh
# End-to-end tests of the command line: tests/cli/test_cli.sh GIAOBAN DB_URL
# DB_URL is a SQLite file path (removed first) or an empty PostgreSQL database.
# Every check says what it expects; the last line is "N passed, M failed".
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

pass() { PASS=$((PASS + 1)); }
fail() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }

# ok NAME CMD...: the command succeeds; its stdout is kept in $OUT.
ok() {
    name=$1; shift
    if "$@" >"$OUT" 2>"$ERR"; then pass; else fail "$name: exit $? ($(head -c 300 "$ERR"))"; fi
}
# refuse NAME STATUS PATTERN CMD...: exits with STATUS and stderr matches PATTERN.
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
# fails NAME PATTERN CMD...: any non-zero exit, stderr matches PATTERN (other programs).
fails() {
    name=$1; pat=$2; shift 2
    if "$@" >"$OUT" 2>"$ERR"; then
        fail "$name: succeeded"
    elif ! grep -q -- "$pat" "$ERR"; then
        fail "$name: message '$(head -c 300 "$ERR")' lacks '$pat'"
    else
        pass
    fi
}
# eq NAME GOT WANT
eq() {
    if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', want '$3'"; fi
}
# jget FILTER: read a value from the last command's JSON output.
jget() { jq -r "$1" <"$OUT"; }
count_tasks() { "$GB" task list --limit 1000 --format json | jq -r .total; }

ok "init" "$GB" init
ok "add province" "$GB" unit add --code T --name "Ủy ban nhân dân tỉnh Thử" --short "UBND tỉnh Thử" --kind tinh
ok "add district" "$GB" unit add --code T.H --name "Ủy ban nhân dân huyện Hòa" --short "UBND huyện Hòa" --kind huyen --parent T
ok "add dept" "$GB" unit add --code T.H.TCKH --name "Phòng Tài chính - Kế hoạch huyện Hòa" --short "Phòng TC-KH" --kind phong --parent "ubnd huyen hoa" --alias "Phòng Tài chính Kế hoạch"
ok "add dept 2" "$GB" unit add --code T.H.KT --name "Phòng Kinh tế huyện Hòa" --kind phong --parent T.H
ok "add commune" "$GB" unit add --code T.H.XA --name "Ủy ban nhân dân xã Đồng Tâm" --short "UBND xã Đồng Tâm" --kind xa --parent T.H

# Bad units.
refuse "duplicate code" 5 "đã được dùng" "$GB" unit add --code T.H.KT --name "Khác" --kind phong
refuse "unknown parent" 2 "Không tìm thấy đơn vị" "$GB" unit add --code X1 --name "X" --kind phong --parent "Không Có"
refuse "invalid utf-8 name" 2 "UTF-8" "$GB" unit add --code X2 --name "$(printf 'Ph\377ng')" --kind phong
long=$(head -c 400 /dev/zero | tr '\0' 'a')
refuse "name too long" 2 "quá dài" "$GB" unit add --code X3 --name "$long" --kind phong
refuse "bad kind" 2 "Loại" "$GB" unit add --code X4 --name "X" --kind hanh_tinh
refuse "cycle in tree" 2 "vòng lặp" "$GB" unit move T.H --parent T.H.XA
ok "unit list" "$GB" unit list --format json
eq "no unit written by refusals" "$(jget .total)" 5
eq "tree unchanged" "$(jget '.items[] | select(.code=="T.H") | .parent_id')" 1
ok "alias resolves" "$GB" unit show "phong tai chinh ke hoach" --format json
eq "alias -> TC-KH" "$(jget .code)" T.H.TCKH
ok "short name, no tone marks" "$GB" unit show tckh --format json
eq "tckh -> TC-KH" "$(jget .code)" T.H.TCKH

# Bad tasks: nothing written.
refuse "impossible date" 2 "28 ngày" "$GB" task add --content "Việc A" --unit tckh --deadline 31/02/2021
refuse "deadline before assigned" 2 "trước ngày giao" "$GB" task add --content "Việc A" --unit tckh --assigned 10/9/2020 --deadline 1/9/2020
refuse "unknown unit" 2 "Không tìm thấy đơn vị" "$GB" task add --content "Việc A" --unit "Sở Không Tồn Tại"
refuse "empty content" 2 "không được để trống" "$GB" task add --content "   " --unit tckh
refuse "invalid utf-8 content" 2 "UTF-8" "$GB" task add --content "$(printf 'Vi\300\257c')" --unit tckh
refuse "unknown option" 2 "Tùy chọn không hợp lệ" "$GB" task add --content "x" --unit tckh --bogus 1
eq "no task written" "$(count_tasks)" 0

# The cycle: assign, progress, extension asked late, approved, done, confirmed.
ok "task add" "$GB" task add --content "Hoàn thành việc khai thông kênh mương" --unit tckh --by "UBND huyện Hòa" --assigned 1/9/2020 --deadline 15/9/2020 --coord T.H.XA
T1=$(cat "$OUT")
ok "task add 2" "$GB" task add --content "Rà soát quy hoạch" --unit T.H.KT --by T.H --assigned 2020-09-01 --deadline 2020-09-10
T2=$(cat "$OUT")
ok "task add ongoing" "$GB" task add --content "Tiếp tục phòng, chống dịch" --unit T.H.XA --by T.H --assigned 2020-09-01
T3=$(cat "$OUT")
ok "progress" "$GB" task progress "$T1" --percent 40 --note "Đã nạo vét 2 km" --date 2020-09-10
refuse "percent out of range" 2 "0 đến 100" "$GB" task progress "$T1" --percent 140
ok "extend after deadline" "$GB" task extend "$T1" --deadline 30/9/2020 --reason "Mưa lớn" --date 2020-09-16
ok "show" "$GB" task show "$T1" --format json
eq "late request flagged" "$(jget '.events[] | select(.kind=="ext_request") | .late_request')" true
eq "pending extension" "$(jget .pending_extension)" 2020-09-30
refuse "approve date before request" 2 "trước sự kiện gần nhất" env GIAOBAN_USER=lanhdao "$GB" task approve "$T1" --date 2020-09-15
refuse "approve one's own request" 4 "không tự đồng ý" "$GB" task approve "$T1" --date 2020-09-18
ok "approve" env GIAOBAN_USER=lanhdao "$GB" task approve "$T1" --date 2020-09-18
ok "summary before approval" "$GB" report summary --unit "UBND huyện Hòa" --subtree --as-of 2020-09-17 --format json
eq "overdue before approval" "$(jget .open_overdue)" 2
eq "days overdue of T1" "$(jget ".overdue[] | select(.id==$T1) | .days_overdue")" 2
ok "summary after approval" "$GB" report summary --unit "UBND huyện Hòa" --subtree --as-of 2020-09-18 --format json
eq "in time after approval" "$(jget .open_in_time)" 1
eq "overdue after approval" "$(jget .open_overdue)" 1
eq "no deadline counted apart" "$(jget .no_deadline)" 1
ok "done" "$GB" task done "$T1" --result "Đã khai thông toàn bộ" --date 2020-09-25
ok "summary awaiting" "$GB" report summary --unit T.H --subtree --as-of 2020-09-26 --format json
eq "awaiting confirmation still open" "$(jget .open_in_time)" 1
eq "awaiting counted" "$(jget .awaiting_confirmation)" 1
ok "the awaiting list" "$GB" task list --unit T.H --subtree --status awaiting_confirmation --as-of 2020-09-26 --format json
eq "the awaiting list holds the reported task" "$(jget '[.total, .items[0].id] | @tsv')" "$(printf '1\t%s' "$T1")"
ok "awaiting before the report" "$GB" task list --unit T.H --subtree --status awaiting_confirmation --as-of 2020-09-24 --format json
eq "nothing awaits before the report" "$(jget .total)" 0
refuse "confirm one's own report" 4 "không tự xác nhận" "$GB" task confirm "$T1" --date 2020-09-29
ok "confirm" env GIAOBAN_USER=vanphong "$GB" task confirm "$T1" --date 2020-09-29
ok "summary after confirm" "$GB" report summary --unit T.H --subtree --as-of 2020-09-30 --format json
eq "done before deadline (reported 25/9, deadline 30/9)" "$(jget .done_before)" 1
eq "done_on_time" "$(jget .done_on_time)" 1
eq "on-time rate 1/(1+0+1)" "$(jget .on_time_rate.text)" "50,0%"
ok "same figures task by task" "$GB" report summary --unit T.H --subtree --as-of 2020-09-30 --from 2020-01-01 --format json
eq "scan path agrees: done_before" "$(jget .done_before)" 1
eq "scan path agrees: overdue" "$(jget .open_overdue)" 1
ok "late done on T2" "$GB" task done "$T2" --date 2020-09-20
ok "confirm T2" env GIAOBAN_USER=vanphong "$GB" task confirm "$T2" --date 2020-09-21
ok "summary late" "$GB" report summary --unit T.H --subtree --as-of 2020-09-30 --format json
eq "done late" "$(jget .done_late)" 1
ok "reopen T2" "$GB" task reopen "$T2" --reason "Kết quả chưa đạt" --date 2020-09-22
ok "summary reopened" "$GB" report summary --unit T.H --subtree --as-of 2020-09-30 --format json
eq "reopened is overdue again" "$(jget .open_overdue)" 1
ok "cancel T2" "$GB" task cancel "$T2" --reason "Không còn phù hợp" --date 2020-09-23
refuse "done on cancelled" 2 "bị hủy" "$GB" task done "$T2" --date 2020-09-24
ok "summary cancelled" "$GB" report summary --unit T.H --subtree --as-of 2020-09-30 --format json
eq "cancelled left out" "$(jget .assigned)" 2
eq "cancelled counted apart" "$(jget .cancelled)" 1
refuse "confirm without report" 2 "Không thể xác nhận" "$GB" task confirm "$T3"
refuse "future event" 2 "tương lai" "$GB" task progress "$T3" --date 2021-01-01
refuse "stale version" 5 "người khác" "$GB" task progress "$T3" --if-version 99
ok "task list overdue" "$GB" task list --unit T.H --subtree --status open_overdue --as-of 2020-09-17 --format json
eq "list overdue as of 17/9" "$(jget .total)" 2
ok "history kept" "$GB" task show "$T2" --format json
eq "events of T2" "$(jget '.events | length')" 4

# Vietnamese text: NFD in, NFC stored; search without tone marks.
nfd=$(printf 'Ke\314\202\314\201 hoa\314\243ch ca\314\211i ca\314\201ch')
ok "nfd content" "$GB" task add --content "$nfd" --unit T.H.KT --assigned 2020-09-01
T4=$(cat "$OUT")
ok "show nfd" "$GB" task show "$T4" --format json
eq "stored NFC" "$(jget .content)" "Kế hoạch cải cách"
ok "search no tone marks" "$GB" search "ke hoach" --format json
eq "search finds NFC text" "$(jget '[.items[] | select(.kind=="task")] | length')" 1
ok "search đ folds to d" "$GB" search "DONG TAM" --format json
eq "search finds unit" "$(jget '.items[0].kind')" unit

# Documents.
ok "meeting" "$GB" meeting add --title "Giao ban tháng 9" --date 2020-09-07 --host T.H --chair "Nguyễn Văn A" --attend T.H.KT --attend tckh
M1=$(cat "$OUT")
ok "notice" "$GB" doc add --dir di --unit T.H --number 5/TB-UBND --date 2020-09-08 --subject "Kết luận giao ban" --meeting "$M1"
N1=$(cat "$OUT")
refuse "duplicate number" 5 "đã có trong sổ" "$GB" doc add --dir di --unit T.H --number 5/TB-UBND --date 2020-09-09 --subject "Khác"
ok "incoming" "$GB" doc add --dir den --unit T.H --number 12/SNV-TCBC --issuer "Sở Nội vụ" --date 2020-09-03 --subject "V/v báo cáo" --processed 2020-09-05
ok "cv" "$GB" doc add --dir di --unit T.H --number 321/UBND-KT --date 2020-09-10 --subject "V/v thu ngân sách"
ok "task from notice" "$GB" task add --content "Thu thuế đúng kế hoạch" --unit tckh --notice "$N1" --deadline 31/12/2020
ok "notice task" "$GB" task show "$(cat "$OUT")" --format json
eq "assigned from notice date" "$(jget .assigned)" 2020-09-08
eq "assigner from notice's register" "$(jget .assigned_by.name)" "Ủy ban nhân dân huyện Hòa"
# The notice named as it is written on it, not by its id.
ok "task from the notice's number" "$GB" task add --content "Rà soát thu chi" --unit tckh --notice 5/TB-UBND --deadline 31/12/2020
ok "that task" "$GB" task show "$(cat "$OUT")" --format json
eq "the number names the notice" "$(jget .notice_id)" "$N1"
refuse "an unknown number" 3 "Không có văn bản đi số '99/TB-UBND'" "$GB" task add --content "X" --unit tckh --notice 99/TB-UBND
refuse "an incoming document's number is no notice" 3 "Không có văn bản đi số" "$GB" task add --content "X" --unit tckh --notice 12/SNV-TCBC
ok "doc counts" "$GB" report documents --unit T.H --from 2020-09-01 --to 2020-09-30 --format json
eq "incoming" "$(jget .incoming)" 1
eq "outgoing" "$(jget .outgoing)" 2
eq "TB" "$(jget .outgoing_by_type.TB)" 1
eq "CV from a number without type" "$(jget .outgoing_by_type.CV)" 1

# Merged unit: its tasks add up under the successor.
ok "commune 2" "$GB" unit add --code T.H.XB --name "Ủy ban nhân dân xã Bình" --kind xa --parent T.H
ok "task of commune 2" "$GB" task add --content "Việc của xã Bình" --unit T.H.XB --by T.H --assigned 2020-09-01 --deadline 2020-09-05
refuse "successor cycle" 2 "kế thừa" "$GB" unit close T.H.XB --date 2020-09-30 --successor T.H.XB
ok "merge" "$GB" unit close T.H.XB --date 2020-09-30 --successor T.H.XA
ok "summary of successor" "$GB" report summary --unit T.H.XA --as-of 2020-09-30 --format json
eq "merged unit's task under successor" "$(jget .open_overdue)" 1

# History is append-only, in the database itself.
case "$DB" in
postgres*) SQL="psql -q -v ON_ERROR_STOP=1 $DB -c" ;;
*) SQL="sqlite3 $DB" ;;
esac
if command -v "${SQL%% *}" >/dev/null 2>&1; then
    fails "events cannot be deleted" "append-only" $SQL "DELETE FROM task_event"
    fails "events cannot be changed" "append-only" $SQL "UPDATE task_event SET day = 0"
    ok "history still there" "$GB" task show "$T2" --format json
    eq "events of T2 after attempts" "$(jget '.events | length')" 4
fi

# Two writers at once: nothing lost (SQLite waits on its lock, PostgreSQL on rows).
before=$(count_tasks)
writer() {
    i=0
    while [ $i -lt 25 ]; do
        "$GB" task add --content "Việc song song $1-$i" --unit T.H.KT --assigned 2020-09-01 --deadline 2020-09-20 >/dev/null || echo "writer $1 failed at $i"
        i=$((i + 1))
    done
}
writer a >"$OUT.a" 2>&1 &
writer b >"$OUT.b" 2>&1 &
wait
eq "writer a lost nothing" "$(cat "$OUT.a")" ""
eq "writer b lost nothing" "$(cat "$OUT.b")" ""
eq "50 tasks written by two writers" "$(count_tasks)" $((before + 50))
ok "totals after concurrent writes" "$GB" report summary --unit T.H.KT --as-of 2020-09-30 --format json
overdue_fast=$(jget .open_overdue)
ok "task by task after concurrent writes" "$GB" report summary --unit T.H.KT --as-of 2020-09-30 --from 2000-01-01 --format json
eq "concurrent writes kept the totals exact" "$(jget .open_overdue)" "$overdue_fast"
rm -f "$OUT.a" "$OUT.b"

# The database cannot be opened: a clear message, exit 1.
refuse "db cannot open" 1 "Không mở được" "$GB" --db /nonexistent/dir/x.db init
refuse "not a database" 1 "Không mở được" "$GB" --db /etc/passwd init

rm -f "$OUT" "$ERR"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
