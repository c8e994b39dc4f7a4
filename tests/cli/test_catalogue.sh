#!/bin/sh
# The official unit catalogue since 1 July 2025 (`giaoban unit import-catalogue`):
#   tests/cli/test_catalogue.sh GIAOBAN DB_URL
# DB_URL is a SQLite file path (removed first) or an empty PostgreSQL database.
# Bad files change nothing and name the line; an import into an empty database gives 34
# provinces and 3,321 communes by kind; a second run changes nothing and audits nothing; the
# seed demo's figures are the same after the catalogue as before; old units present under
# their old codes are closed on 2025-07-01 with their successors (one or several), refuse new
# tasks after that day, and show under the unit they went into. Last line "N passed, M failed".
set -u
GB=$1
DB=$2
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=$HERE/../../data/dvhc-2025
case "$DB" in postgres*) ;; *) rm -f "$DB" "$DB-wal" "$DB-shm" ;; esac
export GIAOBAN_DB="$DB"
export GIAOBAN_TODAY=2025-08-01
PASS=0
FAIL=0
TMP=$(mktemp -d)
OUT=$TMP/out
ERR=$TMP/err
trap 'rm -rf "$TMP"' EXIT

pass() { PASS=$((PASS + 1)); }
fail() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
ok() {
    name=$1; shift
    if "$@" >"$OUT" 2>"$ERR"; then pass; else fail "$name: exit $? ($(head -c 400 "$ERR"))"; fi
}
refuse() {
    name=$1; want=$2; pat=$3; shift 3
    "$@" >"$OUT" 2>"$ERR"
    st=$?
    if [ "$st" -ne "$want" ]; then
        fail "$name: exit $st, want $want ($(head -c 400 "$ERR"))"
    elif ! grep -q -- "$pat" "$ERR"; then
        fail "$name: message '$(head -c 400 "$ERR")' lacks '$pat'"
    else
        pass
    fi
}
eq() {
    if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', want '$3'"; fi
}
jget() { jq -r "$1" <"$OUT"; }
# sql QUERY: one value from the database itself (the audit trail has no command).
sql() {
    case "$DB" in
    postgres*) psql -X -At "$DB" -c "$1" ;;
    *) sqlite3 "$DB" "$1" ;;
    esac
}
units() { "$GB" unit list --format json | jq -r .total; }
audits() { sql "SELECT count(*) FROM audit"; }

ok "init" "$GB" init

# ---- Bad files: nothing written, the file, line and column named ----
bad() { rm -rf "$TMP/bad"; cp -r "$DATA" "$TMP/bad"; }
check_nothing() {
    eq "$1: no unit written" "$(units)" 0
    eq "$1: no audit row" "$(audits)" 0
}
bad
sed -n 2p "$DATA/communes.csv" >>"$TMP/bad/communes.csv"
refuse "duplicate code" 2 "communes.csv, dòng 3323, cột 1 (code): mã '00004' trùng với dòng 2" \
    "$GB" unit import-catalogue "$TMP/bad"
check_nothing "duplicate code"

bad
sed -i '101s/,[0-9][0-9]$/,99/' "$TMP/bad/communes.csv"
refuse "commune of a missing province" 2 \
    "communes.csv, dòng 101, cột 4 (province_code): tỉnh, thành phố mã '99' không có" \
    "$GB" unit import-catalogue "$TMP/bad"
check_nothing "missing province"

bad
sed -i '2s/^01,/04,/' "$TMP/bad/provinces.csv"
refuse "duplicate province" 2 "provinces.csv, dòng 3, cột 1 (code): mã '04' trùng với dòng 2" \
    "$GB" unit import-catalogue "$TMP/bad"
check_nothing "duplicate province"

bad
printf '16732,99999,Ph\377\376ng X,phuong,Huyện Y,Tỉnh Z,full\n' >>"$TMP/bad/merged_from.csv"
refuse "text not UTF-8" 2 "merged_from.csv, dòng 10648, cột 3 (old_name): chữ không đúng mã UTF-8" \
    "$GB" unit import-catalogue "$TMP/bad"
check_nothing "not UTF-8"

bad
sed -i '3s/,tinh$//' "$TMP/bad/provinces.csv"
refuse "wrong column count" 2 "provinces.csv, dòng 3: có 2 cột, cần 3 cột" \
    "$GB" unit import-catalogue "$TMP/bad"
check_nothing "column count"

bad
sed -i '1s/.*/ma,ten,loai/' "$TMP/bad/provinces.csv"
refuse "wrong header" 2 "provinces.csv, dòng 1: dòng tiêu đề phải là 'code,name,kind'" \
    "$GB" unit import-catalogue "$TMP/bad"

bad
sed -i '5s/^\([0-9]*\),/\1,X/' "$TMP/bad/merged_from.csv"
refuse "bad old code" 2 "merged_from.csv, dòng 5, cột 2 (old_code)" \
    "$GB" unit import-catalogue "$TMP/bad"

bad
echo '12345,00001,Xã Không Có,xa,Huyện A,Tỉnh B,full' >>"$TMP/bad/merged_from.csv"
refuse "unknown new unit" 2 "merged_from.csv, dòng 10648, cột 1 (new_code): đơn vị mới mã '12345' không có" \
    "$GB" unit import-catalogue "$TMP/bad"

bad
sed -i '2s/,phuong,/,huyen,/' "$TMP/bad/communes.csv"
refuse "bad kind" 2 "communes.csv, dòng 2, cột 3 (kind): loại 'huyen' không hợp lệ" \
    "$GB" unit import-catalogue "$TMP/bad"
refuse "missing directory" 2 "Không mở được tệp" "$GB" unit import-catalogue "$TMP/none"
check_nothing "after every bad file"

# ---- Into an empty database ----
ok "import" "$GB" unit import-catalogue "$DATA" --format json
eq "import: provinces read" "$(jget .provinces)" 34
eq "import: communes read" "$(jget .communes)" 3321
eq "import: created" "$(jget .created)" 3355
eq "import: closed (no old unit here)" "$(jget .closed)" 0
eq "import: changed" "$(jget .changed)" true
echo "import (empty database): $(jget .ms) ms" >&2
eq "one audit row per unit" "$(audits)" 3355
ok "unit list json" "$GB" unit list --format json
eq "list: total" "$(jget .total)" 3355
eq "list: total is the items" "$(jget '.items | length')" 3355
eq "list: by kind" "$(jget '[.items[].kind] | group_by(.) | map("\(.[0])=\(length)") | join(" ")')" \
    "dac_khu=13 phuong=687 thanh_pho=6 tinh=28 xa=2621"
eq "list: provinces at the top" "$(jget '[.items[] | select(.parent == null)] | length')" 34
eq "list: every item has the keys" \
    "$(jget '[.items[] | has("code") and has("name") and has("kind") and has("parent") and has("valid_from") and has("valid_to")] | all')" true
eq "list: all in force from 2025-07-01" \
    "$(jget '[.items[] | select(.valid_from == "2025-07-01" and .valid_to == null)] | length')" 3355
eq "list: Phường Cửa Lò" \
    "$(jget '.items[] | select(.code == "16732") | "\(.name)|\(.kind)|\(.parent)|\(.valid_from)|\(.valid_to)"')" \
    "Phường Cửa Lò|phuong|40|2025-07-01|null"
eq "list: Thành phố Hà Nội" \
    "$(jget '.items[] | select(.code == "01") | "\(.name)|\(.kind)|\(.parent)"')" "Thành phố Hà Nội|thanh_pho|null"
eq "list: communes of Nghệ An" "$(jget '[.items[] | select(.parent == "40")] | length')" \
    "$(awk -F, '$4 == "40"' "$DATA/communes.csv" | wc -l | tr -d ' ')"

ok "import twice" "$GB" unit import-catalogue "$DATA"
if grep -q "Không có thay đổi" "$OUT" && grep -q "3.321 xã, phường, đặc khu" "$OUT"; then
    pass
else
    fail "import twice: '$(cat "$OUT")'"
fi
ok "import twice json" "$GB" unit import-catalogue "$DATA" --format json
eq "twice: nothing created" "$(jget '.created + .updated + .closed')" 0
eq "twice: all unchanged" "$(jget .unchanged)" 3355
eq "twice: no new audit row" "$(audits)" 3355
eq "twice: same units" "$(units)" 3355

# A unit renamed by hand is put back, audited, once.
sql "UPDATE unit SET name = 'Phường Cửa Lò Cũ' WHERE code = '16732'" >/dev/null
ok "import after a change" "$GB" unit import-catalogue "$DATA" --format json
eq "change: one updated" "$(jget .updated)" 1
eq "change: one audit row" "$(audits)" 3356
ok "show 16732" "$GB" unit show 16732 --format json
eq "change: name back" "$(jget .name)" "Phường Cửa Lò"

# ---- The demo, then the catalogue: the seed figures unchanged ----
ok "demo" "$GB" demo --replace
"$GB" unit list --format json | jq -r '.items[].code' >"$TMP/demo_units"
eq "demo units" "$(wc -l <"$TMP/demo_units" | tr -d ' ')" 66
figures() {
    while read -r code; do
        for day in 2020-09-07 2021-03-01 2025-08-01; do
            echo "$code $day"
            "$GB" report summary --unit "$code" --subtree --as-of "$day" --format json || echo FAILED
        done
    done <"$TMP/demo_units"
}
figures >"$TMP/before" 2>&1
ok "import into the demo" "$GB" unit import-catalogue "$DATA" --format json
eq "demo: created" "$(jget .created)" 3355
eq "demo: no old unit closed" "$(jget .closed)" 0
figures >"$TMP/after" 2>&1
if cmp -s "$TMP/before" "$TMP/after" && ! grep -q FAILED "$TMP/before" &&
    [ "$(grep -c '^  "assigned"' "$TMP/before")" -ge 198 ]; then
    pass
else
    fail "demo figures changed by the catalogue: $(diff "$TMP/before" "$TMP/after" | head -5)"
fi
eq "demo + catalogue units" "$(units)" 3421
ok "demo unit still resolves" "$GB" unit show NA.CL --format json
eq "demo unit" "$(jget .code)" NA.CL

# ---- Old units under their old codes: closed with their successors ----
ok "demo again" "$GB" demo --replace
add() { "$GB" unit add --from 2015-01-01 "$@" >/dev/null; }
ok "old province" add --code 40 --name "Tỉnh Nghệ An (cũ)" --kind tinh
ok "old district" add --code 412 --name "Thị xã Cửa Lò (cũ)" --kind huyen --parent 40
for w in "16717 Nghi Thuỷ" "16720 Nghi Tân" "16723 Thu Thuỷ" "16726 Nghi Hòa" "16729 Nghi Hải" \
    "16732 Nghi Hương" "16735 Nghi Thu"; do
    ok "old ward ${w#* }" add --code "${w%% *}" --name "Phường ${w#* } (cũ)" --kind phuong --parent 412
done
ok "old Hà Nội" add --code 01 --name "Thành phố Hà Nội (cũ)" --kind thanh_pho
ok "old Đại Mỗ" add --code 00634 --name "Phường Đại Mỗ (cũ)" --kind phuong --parent 01
ok "task of Nghi Hương" "$GB" task add --unit 16732 --content "Rà soát hồ sơ đất ven biển" \
    --assigned 2025-05-10 --deadline 2025-09-30
ok "task of Đại Mỗ" "$GB" task add --unit 00634 --content "Thu gom rác thải" \
    --assigned 2025-06-01 --deadline 2025-06-20
OLD_NH=$(sql "SELECT id FROM unit WHERE code = '16732'")
OLD_DM=$(sql "SELECT id FROM unit WHERE code = '00634'")
A0=$(audits)
ok "import over old units" "$GB" unit import-catalogue "$DATA" --format json
eq "old: created" "$(jget .created)" 3355
eq "old: closed" "$(jget .closed)" 10
eq "old: found" "$(jget .old_found)" 10
eq "old: audit rows" "$(audits)" $((A0 + 3365))
ok "show old Nghi Hương" "$GB" unit show "#$OLD_NH" --format json
eq "old Nghi Hương closed" "$(jget '"\(.valid_to)|\(.successors | map(.code) | join(","))"')" "2025-07-01|16732"
ok "show old Đại Mỗ" "$GB" unit show "#$OLD_DM" --format json
eq "Đại Mỗ split in five" "$(jget '.successors | map(.code) | join(",")')" "00634,00622,00637,09556,09886"
ok "show old Đại Mỗ text" "$GB" unit show "#$OLD_DM"
if grep -q "Các đơn vị kế thừa (5)" "$OUT"; then pass; else fail "Đại Mỗ text: $(cat "$OUT")"; fi
ok "show 16732 (in force today)" "$GB" unit show 16732 --format json
eq "16732 is Phường Cửa Lò" "$(jget '"\(.name)|\(.valid_from)|\(.valid_to)|\(.parent)"')" \
    "Phường Cửa Lò|2025-07-01|null|40"
eq "Phường Cửa Lò from seven wards" "$(jget '.merged_from | map(.code) | join(",")')" \
    "16717,16720,16723,16726,16729,16732,16735"
ok "show 16732 text" "$GB" unit show 16732
if grep -q "Các đơn vị đã sáp nhập vào đơn vị này (7)" "$OUT" && grep -q "Phường Nghi Hương (cũ) \[16732\], kết thúc 01/7/2025" "$OUT"; then
    pass
else
    fail "16732 text: $(cat "$OUT")"
fi
ok "province 40 today" "$GB" unit show 40 --format json
eq "40 is the new province" "$(jget '"\(.name)|\(.valid_from)"')" "Tỉnh Nghệ An|2025-07-01"
refuse "closed unit takes no new task" 2 "đã sáp nhập vào Phường Cửa Lò (16732) từ ngày 01/7/2025" \
    "$GB" task add --unit "#$OLD_NH" --content "Việc mới" --assigned 2025-07-02
refuse "split unit names its successors" 2 "Phường Tây Mỗ (00634), Phường Xuân Phương (00622)" \
    "$GB" task add --unit "#$OLD_DM" --content "Việc mới" --assigned 2025-07-01
ok "a task before the day is taken" "$GB" task add --unit "#$OLD_NH" --content "Việc cũ" \
    --assigned 2025-06-30
ok "the successor takes it" "$GB" task add --unit 16732 --content "Việc mới" --assigned 2025-07-02
ok "old tasks under the successor" "$GB" report summary --unit 16732 --as-of 2025-08-01 --format json
eq "Phường Cửa Lò counts Nghi Hương's tasks" "$(jget .assigned)" 3
A1=$(audits)
ok "import over old units twice" "$GB" unit import-catalogue "$DATA" --format json
eq "old twice: no change" "$(jget '.created + .updated + .closed')" 0
eq "old twice: no audit row" "$(audits)" "$A1"

# A unit of the same code in force, which the catalogue does not close: refused whole.
ok "demo once more" "$GB" demo --replace
ok "a unit of the office under a catalogue code" add --code 11948 --name "Tổ công tác 11948" --kind khac
refuse "code taken by a unit the catalogue does not close" 5 "Mã '11948' đang là mã của đơn vị 'Tổ công tác 11948'" \
    "$GB" unit import-catalogue "$DATA"
eq "refused: nothing written" "$(units)" 67

ok "demo over closed units" "$GB" demo --replace
eq "wiped and seeded" "$(units)" 66

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
