#!/bin/sh
# The working-day calendar from the command line: tests/cli/test_calendar.sh GIAOBAN DB_URL
# `calendar holidays` and `calendar add-workdays` need no database (the admin-edited days are
# not stored yet); DB_URL is taken, as by every CLI test, and left alone.
# Every check says what it expects; the last line is "N passed, M failed".
set -u
GB=$1
export GIAOBAN_DB="$2"
export GIAOBAN_TODAY=2026-12-02
PASS=0
FAIL=0
OUT=$(mktemp)
ERR=$(mktemp)

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
eq() {
    if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', want '$3'"; fi
}
jget() { jq -r "$1" <"$OUT"; }

# add-workdays: text in the Vietnamese format, JSON in ISO.
ok "across Tết 2025" "$GB" calendar add-workdays 24/1/2025 1
eq "24/1/2025 + 1" "$(cat "$OUT")" "03/02/2025"
ok "across Tết 2026" "$GB" calendar add-workdays 2026-02-13 1
eq "13/2/2026 + 1" "$(cat "$OUT")" "23/02/2026"
ok "across the year's end" "$GB" calendar add-workdays 31/12/2025 6 --format json
eq "json date" "$(jget .date)" "2026-01-10"
eq "json from" "$(jget .from)" "2025-12-31"
eq "json working_days" "$(jget .working_days)" "6"
ok "n = 0" "$GB" calendar add-workdays 15/9/2020 0
eq "15/9/2020 + 0" "$(cat "$OUT")" "15/9/2020"
ok "ten working days" "$GB" calendar add-workdays 15.9.2020 10
eq "15/9/2020 + 10" "$(cat "$OUT")" "29/9/2020"
ok "over the swapped days of 2024" "$GB" calendar add-workdays 26/4/2024 3
eq "26/4/2024 + 3 (Saturday 4/5 worked)" "$(cat "$OUT")" "04/5/2024"

# A date without a year, resolved forward from today (2/12/2026): "15/1" is next January,
# "30/11" two days ago is this year's.
ok "15/1 typed in December" "$GB" calendar add-workdays 15/1 0
eq "15/1 is next January" "$(cat "$OUT")" "15/01/2027"
ok "30/11 typed on 2/12" "$GB" calendar add-workdays 30.11 1
eq "30/11/2026 + 1" "$(cat "$OUT")" "01/12/2026"
refuse "31/4 without a year" 2 "Ngày không hợp lệ: 31/4" "$GB" calendar add-workdays 31/4 1

# holidays: JSON as other lists print it, {"total", "items"} with date and name.
ok "holidays 2025 json" "$GB" calendar holidays 2025 --format json
eq "2025 total" "$(jget .total)" "13"
eq "2025 first" "$(jget '.items[0].date + " " + .items[0].name')" "2025-01-01 Tết Dương lịch"
eq "2025 swapped Saturday" "$(jget '[.items[] | select(.off == false) | .date] | join(",")')" "2025-04-26"
eq "2025 Giỗ Tổ" "$(jget '[.items[] | select(.name | startswith("Giỗ Tổ")) | .date] | join(",")')" "2025-04-07"
eq "2025 Tết days" "$(jget '[.items[] | select(.name == "Tết Âm lịch") | .date] | length')" "5"
ok "holidays 2022 json" "$GB" calendar holidays 2022 --format json
eq "2022 compensatory days" "$(jget '[.items[] | select(.name | startswith("Nghỉ bù")) | .date] | join(",")')" \
    "2022-01-03,2022-04-11,2022-05-02,2022-05-03"
ok "holidays 2027 text" "$GB" calendar holidays 2027
if grep -q "^10/02/2027 .*Nghỉ bù Tết Âm lịch" "$OUT" && grep -q "chưa có thông báo" "$OUT"; then
    pass
else
    fail "holidays 2027 text: $(head -c 400 "$OUT")"
fi

# Bad input: exit 2, the message naming the argument.
refuse "impossible date" 2 "31/02/2021" "$GB" calendar add-workdays 31/02/2021 1
refuse "not a date" 2 "Ngày không hợp lệ" "$GB" calendar add-workdays hôm-qua 1
refuse "N not a number" 2 "N (số ngày làm việc)" "$GB" calendar add-workdays 1/1/2025 mười
refuse "N absurd" 2 "từ 0 đến 366: '1000'" "$GB" calendar add-workdays 1/1/2025 1000
refuse "N negative" 2 "N (số ngày làm việc)" "$GB" calendar add-workdays 1/1/2025 -1
refuse "N missing" 2 "Thiếu N" "$GB" calendar add-workdays 1/1/2025
refuse "result past 2199" 2 "2199" "$GB" calendar add-workdays 1/12/2199 100
refuse "year out of range" 2 "NĂM phải là một năm từ 1900 đến 2199: '1800'" "$GB" calendar holidays 1800
refuse "year not a number" 2 "NĂM" "$GB" calendar holidays năm-nay
refuse "year missing" 2 "Thiếu NĂM" "$GB" calendar holidays
refuse "bad format" 2 "Định dạng" "$GB" calendar holidays 2025 --format xml
refuse "a word too many" 2 "" "$GB" calendar holidays 2025 2026

rm -f "$OUT" "$ERR"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
