#!/bin/sh
# The briefing report from the command line: tests/cli/test_briefing.sh GIAOBAN DB_URL
# `report briefing` in the four formats on the seed demo, entering dossiers,
# petitions and indicator values, imports that load and imports that are
# refused (exit 2, the bad line named, nothing written).
# The last line is "N passed, M failed".
set -u
GB=$1
DB=$2
case "$DB" in postgres*) ;; *) rm -f "$DB" "$DB-wal" "$DB-shm" ;; esac
export GIAOBAN_DB="$DB"
export GIAOBAN_TODAY=2022-06-30
PASS=0
FAIL=0
DIR=$(mktemp -d)
OUT=$DIR/out
ERR=$DIR/err
trap 'rm -rf "$DIR"' EXIT

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

ok "demo loads" "$GB" demo
ok "json" "$GB" report briefing --unit NA.CL --month 2020-08 --as-of 2020-09-07 --format json -o "$DIR/cl.json"
eq "5 notices" "$(jq -r .documents.conclusion_notices "$DIR/cl.json")" 5
eq "354 incoming" "$(jq -r .documents.incoming "$DIR/cl.json")" 354
eq "425 outgoing" "$(jq -r .documents.outgoing "$DIR/cl.json")" 425
eq "10 overdue" "$(jq -r .tasks.open_overdue "$DIR/cl.json")" 10
ok "html to stdout" "$GB" report briefing --unit "UBND thị xã Cửa Lò" --month 8/2020 --as-of 7/9/2020
grep -q "ban hành 5 thông báo kết luận" "$OUT" && pass || fail "html opening"
ok "xlsx" "$GB" report briefing --unit QN.MC --month 2021-02 --as-of 2021-03-03 --format xlsx -o "$DIR/mc.xlsx"
[ "$(head -c 2 "$DIR/mc.xlsx")" = "PK" ] && pass || fail "xlsx is a zip"
# Fontconfig keeps its configuration until exit; not a leak of ours.
ok "pdf" env ASAN_OPTIONS=detect_leaks=0 "$GB" report briefing --unit QN.MC --month 2021-02 --as-of 2021-03-03 --format pdf -o "$DIR/mc.pdf"
[ "$(head -c 4 "$DIR/mc.pdf")" = "%PDF" ] && pass || fail "pdf header"
ok "voter petitions" "$GB" report briefing --unit LS.CL --month 2020-06 --as-of 2020-06-19 --format json
eq "7/7" "$(jq -r '.petitions[] | select(.kind=="cu_tri") | .year_to_date.resolved_text' "$OUT")" "7/7"
refuse "unknown format" 2 "Định dạng" "$GB" report briefing --unit NA.CL --month 2020-08 --format doc
refuse "bad month" 2 "Tháng không hợp lệ" "$GB" report briefing --unit NA.CL --month 2020-13
refuse "as of before the month" 2 "trước tháng" "$GB" report briefing --unit NA.CL --month 2020-08 --as-of 2020-07-01

ok "dossier add" "$GB" dossier add --unit LS.CL.TP --procedure "Chứng thực bản sao" --received 2022-06-01 --due 2022-06-03 --returned 2022-06-02 --code CT-1
refuse "dossier returned before received" 2 "trước ngày tiếp nhận" "$GB" dossier add --unit LS.CL.TP --procedure X --received 2022-06-05 --returned 2022-06-01
refuse "dossier due years later" 2 "hơn 3 năm" "$GB" dossier add --unit LS.CL.TP --procedure X --received 2022-06-05 --due 2032-06-05
ok "petition add" "$GB" petition add --unit LS.CL --kind "kiến nghị cử tri" --summary "Đề nghị làm đường" --received 2022-06-02 --session "Kỳ họp thứ 5"
refuse "petition kind" 2 "Loại đơn" "$GB" petition add --unit LS.CL --kind "thư khen" --summary X --received 2022-06-02

printf 'Mã hồ sơ,Thủ tục,Đơn vị,Ngày tiếp nhận,Ngày hẹn trả,Ngày trả kết quả\nCT-2,Chứng thực chữ ký,LS.CL.TP,10/6/2022,13/6/2022,13/6/2022\nCT-3,Cấp bản sao trích lục,LS.CL.TP,11/6/2022,16/6/2022,\n' >"$DIR/ok.csv"
ok "dossier import" "$GB" dossier import "$DIR/ok.csv"
grep -q "Đã nhập 2 dòng" "$OUT" && pass || fail "import says 2 rows"
printf 'Mã hồ sơ,Thủ tục,Đơn vị,Ngày tiếp nhận\nCT-4,A,LS.CL.TP,12/6/2022\nCT-5,B,LS.CL.TP,32/6/2022\nCT-2,C,LS.CL.TP,12/6/2022\n' >"$DIR/bad.csv"
refuse "bad import refused" 2 "dòng 3" "$GB" dossier import "$DIR/bad.csv"
ok "count after" "$GB" report briefing --unit LS.CL.TP --month 2022-06 --format json
eq "bad import wrote nothing" "$(jq -r .dossiers.month.received "$OUT")" 3
eq "CT-3 still open, overdue" "$(jq -r .dossiers.month.open_overdue "$OUT")" 1
# Next month's export repeats CT-2 as it was, CT-3 now returned (late), and a new CT-6.
printf 'Mã hồ sơ,Thủ tục,Đơn vị,Ngày tiếp nhận,Ngày hẹn trả,Ngày trả kết quả\nCT-2,Chứng thực chữ ký,LS.CL.TP,10/6/2022,13/6/2022,13/6/2022\nCT-3,Cấp bản sao trích lục,LS.CL.TP,11/6/2022,16/6/2022,20/6/2022\nCT-6,Đăng ký khai sinh,LS.CL.TP,14/6/2022,17/6/2022,15/6/2022\n' >"$DIR/again.csv"
ok "export imported again" "$GB" dossier import "$DIR/again.csv"
grep -q "1 mới, 1 đã có được cập nhật, 1 đã có không đổi" "$OUT" && pass || fail "re-import says new/updated/unchanged: $(cat "$OUT")"
ok "count after re-import" "$GB" report briefing --unit LS.CL.TP --month 2022-06 --as-of 2022-07-05 --format json
eq "re-import adds only the new one" "$(jq -r .dossiers.month.received "$OUT")" 4
eq "CT-3 returned late" "$(jq -r .dossiers.month.done_late "$OUT")" 1
eq "nothing overdue left" "$(jq -r .dossiers.month.open_overdue "$OUT")" 0
eq "on time: CT-1, CT-2, CT-6" "$(jq -r .dossiers.month.done_on_time "$OUT")" 3
printf 'Thủ tục,Ngày tiếp nhận\nC\270p gi\245y,12/6/2022\n' >"$DIR/tcvn3.csv"
refuse "legacy encoding" 2 "TCVN3" "$GB" dossier import "$DIR/tcvn3.csv" --unit LS.CL.TP

ok "indicator add" "$GB" indicator add --code DL --name "Tổng khách du lịch" --measure "lượt khách" --compare change
ok "indicator set" "$GB" indicator set --indicator DL --unit LS.CL --month 2022-05 --value "1.200"
ok "indicator set plan" "$GB" indicator set --indicator DL --unit LS.CL --plan 2022 --value "10.000"
printf 'Mã chỉ tiêu,Năm,Tháng,Giá trị\nDL,2022,1,"1.000"\nDL,2022,2,"1000,5"\nDL,2022,3,900\nDL,2022,4,950\nDL,2022,6,1100\nDL,2021,6,"4.000"\n' >"$DIR/dl.csv"
ok "indicator import" "$GB" indicator import "$DIR/dl.csv" --unit LS.CL
ok "indicator in the report" "$GB" report briefing --unit LS.CL --month 2022-06 --format json
eq "year to date" "$(jq -r '.indicators[] | select(.code=="DL") | .year_to_date.text' "$OUT")" "6.150,5"
eq "plan" "$(jq -r '.indicators[] | select(.code=="DL") | .plan_text' "$OUT")" "đạt 61,5% kế hoạch"
# Rows the imports refuse, naming the line, writing nothing: an extra column, a NUL byte,
# month 0 or 13, a number beyond 64 bits.
ok "indicator before the bad imports" "$GB" report briefing --unit LS.CL --month 2022-06 --format json
ytd=$(jq -r '.indicators[] | select(.code=="DL") | .year_to_date.text' "$OUT")
printf 'Mã chỉ tiêu,Năm,Tháng,Giá trị\nDL,2022,5,1\nDL,2022,6,7,9\n' >"$DIR/extra.csv"
refuse "indicator import: an extra column" 2 "[Dd]òng 3.*nhiều hơn dòng tên cột" "$GB" indicator import "$DIR/extra.csv" --unit LS.CL
printf 'Mã chỉ tiêu,Năm,Tháng,Giá trị\nDL,2022,5,1\nDL,2022,6,7\000\n' >"$DIR/nul.csv"
refuse "indicator import: a NUL byte" 2 "[Dd]òng 3.*NUL" "$GB" indicator import "$DIR/nul.csv" --unit LS.CL
printf 'Mã chỉ tiêu,Năm,Tháng,Giá trị\nDL,2022,5,1\nDL,2022,0,7\n' >"$DIR/m0.csv"
refuse "indicator import: month 0" 2 "[Dd]òng 3.*tháng không hợp lệ" "$GB" indicator import "$DIR/m0.csv" --unit LS.CL
printf 'Mã chỉ tiêu,Năm,Tháng,Giá trị\nDL,2022,13,7\n' >"$DIR/m13.csv"
refuse "indicator import: month 13" 2 "[Dd]òng 2.*tháng không hợp lệ" "$GB" indicator import "$DIR/m13.csv" --unit LS.CL
printf 'Mã chỉ tiêu,Năm,Tháng,Giá trị\nDL,2022,4,99999999999999999999999\n' >"$DIR/big.csv"
refuse "indicator import: a number beyond 64 bits" 2 "[Dd]òng 2" "$GB" indicator import "$DIR/big.csv" --unit LS.CL
ok "indicator after the bad imports" "$GB" report briefing --unit LS.CL --month 2022-06 --format json
eq "the bad imports wrote nothing" "$(jq -r '.indicators[] | select(.code=="DL") | .year_to_date.text' "$OUT")" "$ytd"
printf 'Mã hồ sơ,Thủ tục,Đơn vị,Ngày tiếp nhận\nCT-9,A,LS.CL.TP,12/6/2022,x\n' >"$DIR/dextra.csv"
refuse "dossier import: an extra column" 2 "[Dd]òng 2.*nhiều hơn" "$GB" dossier import "$DIR/dextra.csv"
printf 'Mã hồ sơ,Thủ tục,Đơn vị,Ngày tiếp nhận\nCT-9,A\000,LS.CL.TP,12/6/2022\n' >"$DIR/dnul.csv"
refuse "dossier import: a NUL byte" 2 "[Dd]òng 2.*NUL" "$GB" dossier import "$DIR/dnul.csv"
printf 'Mã hồ sơ,Thủ tục,Đơn vị,Ngày tiếp nhận\nCT-9,A,LS.CL.TP,12/0/2022\n' >"$DIR/dm0.csv"
refuse "dossier import: month 0 in a date" 2 "[Dd]òng 2" "$GB" dossier import "$DIR/dm0.csv"
ok "dossiers after the bad imports" "$GB" report briefing --unit LS.CL.TP --month 2022-06 --as-of 2022-07-05 --format json
eq "the bad dossier imports wrote nothing" "$(jq -r .dossiers.month.received "$OUT")" 4
refuse "English number" 2 "1.297.314" "$GB" indicator set --indicator DL --unit LS.CL --month 2022-06 --value "1,297,314"

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
