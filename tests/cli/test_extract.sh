#!/bin/sh
# `giaoban extract` end to end: tests/cli/test_extract.sh GIAOBAN DB_URL
# Proposals from a notice against the demo's unit directory, as text and JSON;
# --create makes them tasks of a notice in one transaction (all or nothing).
# The last line is "N passed, M failed".
set -u
GB=$1
DB=$2
case "$DB" in postgres*) ;; *) rm -f "$DB" "$DB-wal" "$DB-shm" ;; esac
export GIAOBAN_DB="$DB"
export GIAOBAN_TODAY=2020-10-01
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CORPUS="$ROOT/tests/extract/corpus"
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
eq() { if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', want '$3'"; fi; }
jget() { jq -r "$1" <"$OUT"; }

ok "demo loads" "$GB" demo
NOTICE=$("$GB" doc list | awk -F'\t' '$4 == "214/TB-UBND" { print $1 }')
[ -n "$NOTICE" ] && pass || fail "the Cửa Lò notice 214/TB-UBND is in the demo"

ok "seed conclusion, JSON" "$GB" extract --format json --date 2020-09-07 \
    --unit "UBND thị xã Cửa Lò" "$CORPUS/001-seed-cua-lo.txt"
eq "seven tasks" "$(jget '.tasks | length')" 7
eq "the canal task's deadline" "$(jget '.tasks[1].deadline')" 2020-09-15
eq "its deadline as written" "$(jget '.tasks[1].deadline_text')" "trước ngày 15/9"
eq "evidence is a span" "$(jget '.tasks[1].evidence.deadline | length')" 2

ok "standard input, units from the directory" "$GB" extract --format json --date 2020-09-07 \
    --unit "ubnd thi xa cua lo" <"$CORPUS/010-tb-cua-lo-thu-ngan-sach.txt"
eq "lead by its directory name" "$(jget '.tasks[0].lead')" "Chi cục Thuế thị xã Cửa Lò"
eq "lead known" "$(jget '.tasks[0].lead_known')" true
eq "coordinating" "$(jget '.tasks[0].coordinating[0]')" "Phòng Tài chính - Kế hoạch thị xã Cửa Lò"
eq "group lead not known" "$(jget '.tasks[3].lead_known')" false

ok "no date, no unit" "$GB" extract --format json "$CORPUS/010-tb-cua-lo-thu-ngan-sach.txt"
eq "deadline without a year has no date" "$(jget '.tasks[1].deadline')" null
eq "but keeps its text" "$(jget '.tasks[1].deadline_text')" "trước ngày 25/9"

ok "text output" "$GB" extract --date 2020-09-07 --unit "UBND thị xã Cửa Lò" \
    "$CORPUS/001-seed-cua-lo.txt"
grep -q "Thời hạn: 15/9/2020" "$OUT" && pass || fail "text output shows the deadline"

# "Phòng Tài chính" in TCVN3 (ABC), as old office software wrote it: converted, and said so.
printf 'Ph\337ng T\265i ch\335nh' >"$OUT.tcvn3"
"$GB" extract "$OUT.tcvn3" >/dev/null 2>"$ERR"
eq "a TCVN3 text is read" "$?" 0
grep -q "TCVN3" "$ERR" && pass || fail "the TCVN3 conversion is not told: $(head -c 200 "$ERR")"
printf 'Caf\351 cr\350me br\373l\351e d\351j\340 servie' >"$OUT.bad"
"$GB" extract "$OUT.bad" >/dev/null 2>"$ERR"
eq "a Latin-1 text that is no Vietnamese is refused" "$?" 2
grep -q "UTF-8" "$ERR" && pass || fail "the message names the encoding"
rm -f "$OUT.bad"

BEFORE=$("$GB" task list --notice "$NOTICE" --format json | jq '.total')
"$GB" extract --create --notice "$NOTICE" "$CORPUS/010-tb-cua-lo-thu-ngan-sach.txt" \
    >/dev/null 2>"$ERR"
eq "an unknown lead refuses the batch" "$?" 2
AFTER=$("$GB" task list --notice "$NOTICE" --format json | jq '.total')
eq "nothing created" "$AFTER" "$BEFORE"
ok "create the known ones" "$GB" extract --create --skip-unknown --notice "$NOTICE" \
    "$CORPUS/010-tb-cua-lo-thu-ngan-sach.txt"
AFTER=$("$GB" task list --notice "$NOTICE" --format json | jq '.total')
eq "three created" "$AFTER" "$((BEFORE + 3))"

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
