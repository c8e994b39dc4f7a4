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
# Rows the imports refuse, naming the line (and the column), writing nothing: an extra column,
# a NUL byte, month 0 or 13, day 32, a negative count, numbers beyond 64 bits, bytes that are
# not UTF-8. Every bad file starts with a good row, which must not be written either.
# bad KIND NAME PATTERN CONTENT [OPTION...]: importing CONTENT (a printf format) exits 2 with a
# message matching PATTERN.
bad() {
    kind=$1; name=$2; pat=$3; content=$4; shift 4
    printf "$content" >"$DIR/bad-import.csv"
    refuse "$kind import: $name" 2 "$pat" "$GB" "$kind" import "$DIR/bad-import.csv" "$@"
}
ok "indicator before the bad imports" "$GB" report briefing --unit LS.CL --month 2022-06 --format json
ytd=$(jq -r '.indicators[] | select(.code=="DL") | .year_to_date.text' "$OUT")
plan=$(jq -r '.indicators[] | select(.code=="DL") | .plan_text' "$OUT")
H='Mã chỉ tiêu,Năm,Tháng,Giá trị\nDL,2022,5,1\n'
bad indicator "an extra column" "Dòng 3: có 5 cột, nhiều hơn dòng tên cột (4 cột)" "${H}DL,2022,6,7,9\n" --unit LS.CL
bad indicator "an unquoted decimal comma" "Dòng 3: có 5 cột, nhiều hơn dòng tên cột (4 cột)" "${H}DL,2022,6,1000,5\n" --unit LS.CL
bad indicator "an empty extra column" "Dòng 3: có 5 cột" "${H}DL,2022,6,7,\n" --unit LS.CL
bad indicator "a NUL byte in a field" "Dòng 3: chứa ký tự NUL" "${H}DL,2022,6,7\000\n" --unit LS.CL
bad indicator "a NUL byte starting a line" "Dòng 2: chứa ký tự NUL" 'Mã chỉ tiêu,Năm,Tháng,Giá trị\n\000DL,2022,5,1\n' --unit LS.CL
bad indicator "a NUL byte in the header" "Dòng 1: chứa ký tự NUL" 'Mã chỉ tiêu,Năm,Tháng\000,Giá trị\nDL,2022,5,1\n' --unit LS.CL
bad indicator "month 0" "Dòng 3, cột Tháng: tháng 0 không hợp lệ (1-12, hoặc KH" "${H}DL,2022,0,7\n" --unit LS.CL
bad indicator "month 13" "Dòng 3, cột Tháng: tháng 13 không hợp lệ" "${H}DL,2022,13,7\n" --unit LS.CL
bad indicator "month -1" "Dòng 3, cột Tháng: tháng '-1' không hợp lệ" "${H}DL,2022,-1,7\n" --unit LS.CL
bad indicator "a month beyond 64 bits" "Dòng 3, cột Tháng: tháng '99999999999999999999' không hợp lệ" "${H}DL,2022,99999999999999999999,7\n" --unit LS.CL
bad indicator "a month 2^64+6" "Dòng 3, cột Tháng: tháng '18446744073709551622' không hợp lệ" "${H}DL,2022,18446744073709551622,7\n" --unit LS.CL
bad indicator "year 0" "Dòng 3, cột Năm: năm 0 không hợp lệ (1900-2200)" "${H}DL,0,6,7\n" --unit LS.CL
bad indicator "a year beyond 64 bits" "Dòng 3, cột Năm: năm '99999999999999999999' không hợp lệ" "${H}DL,99999999999999999999,6,7\n" --unit LS.CL
bad indicator "a negative count" "Dòng 3, cột Giá trị: giá trị âm '-7' không hợp lệ: chỉ tiêu DL không thể âm" "${H}DL,2022,6,-7\n" --unit LS.CL
bad indicator "a value beyond 64 bits" "Dòng 3, cột Giá trị: Số quá lớn" "${H}DL,2022,6,99999999999999999999999\n" --unit LS.CL
bad indicator "a negative value beyond 64 bits" "Dòng 3, cột Giá trị: Số quá lớn" "${H}DL,2022,6,-18446744073709551617\n" --unit LS.CL
bad indicator "bytes that are not UTF-8" "Dòng 3: tệp không phải mã Unicode UTF-8" "${H}DL,2022,6,7\377\n" --unit LS.CL
bad indicator "two bad rows" "Tệp có 2 dòng lỗi trên 3 dòng số liệu, đầu tiên là dòng 3" "${H}DL,2022,13,7\nDL,2022,6,-7\n" --unit LS.CL
grep -q "dòng 3: cột Tháng: tháng 13" "$ERR" && grep -q "dòng 4: cột Giá trị: giá trị âm" "$ERR" && pass || fail "two bad rows listed: $(head -c 400 "$ERR")"
ok "indicator after the bad imports" "$GB" report briefing --unit LS.CL --month 2022-06 --format json
eq "the bad imports wrote nothing" "$(jq -r '.indicators[] | select(.code=="DL") | .year_to_date.text' "$OUT")" "$ytd"
eq "the bad imports left the plan" "$(jq -r '.indicators[] | select(.code=="DL") | .plan_text' "$OUT")" "$plan"
ok "a rate may be negative" "$GB" indicator add --code TT --name "Tốc độ tăng trưởng" --measure "%" --compare change
printf 'Mã chỉ tiêu,Năm,Tháng,Giá trị\nTT,2022,6,"-2,5"\n' >"$DIR/rate.csv"
ok "a negative rate imported" "$GB" indicator import "$DIR/rate.csv" --unit LS.CL

H='Mã hồ sơ,Thủ tục,Đơn vị,Ngày tiếp nhận\nCT-10,A,LS.CL.TP,12/6/2022\n'
bad dossier "an extra column" "Dòng 3: có 5 cột, nhiều hơn dòng tên cột (4 cột)" "${H}CT-9,A,LS.CL.TP,12/6/2022,x\n"
bad dossier "a NUL byte" "Dòng 3: chứa ký tự NUL" "${H}CT-9,A\000,LS.CL.TP,12/6/2022\n"
bad dossier "month 0 in a date" "Dòng 3, cột Ngày tiếp nhận: Ngày không hợp lệ: '12/0/2022': tháng phải từ 1 đến 12" "${H}CT-9,A,LS.CL.TP,12/0/2022\n"
bad dossier "month 13 in a date" "Dòng 3, cột Ngày tiếp nhận: Ngày không hợp lệ: '12/13/2022': tháng phải từ 1 đến 12" "${H}CT-9,A,LS.CL.TP,12/13/2022\n"
bad dossier "day 32" "Dòng 3, cột Ngày tiếp nhận: Ngày không hợp lệ: '32/5/2022': tháng 5 năm 2022 chỉ có 31 ngày" "${H}CT-9,A,LS.CL.TP,32/5/2022\n"
bad dossier "a negative day" "Dòng 3, cột Ngày tiếp nhận: Ngày không hợp lệ: '-1/6/2022'" "${H}CT-9,A,LS.CL.TP,-1/6/2022\n"
bad dossier "a day beyond 64 bits" "Dòng 3, cột Ngày tiếp nhận: Ngày không hợp lệ: '99999999999999999999/6/2022'" "${H}CT-9,A,LS.CL.TP,99999999999999999999/6/2022\n"
bad dossier "a year beyond 64 bits" "Dòng 3, cột Ngày tiếp nhận: Ngày không hợp lệ: '12/6/99999999999999999999'" "${H}CT-9,A,LS.CL.TP,12/6/99999999999999999999\n"
bad dossier "hour 25" "Dòng 3, cột Ngày tiếp nhận: giờ '25:00' sau ngày không hợp lệ" "${H}CT-9,A,LS.CL.TP,12/6/2022 25:00\n"
bad dossier "minute 60" "Dòng 3, cột Ngày tiếp nhận: giờ '08:60' sau ngày không hợp lệ" "${H}CT-9,A,LS.CL.TP,12/6/2022 08:60\n"
bad dossier "month 13 in the due date" "Dòng 2, cột Ngày hẹn trả: Ngày không hợp lệ: '13/13/2022'" 'Mã hồ sơ,Thủ tục,Đơn vị,Ngày tiếp nhận,Ngày hẹn trả\nCT-9,A,LS.CL.TP,12/6/2022,13/13/2022\n'
bad dossier "bytes that are not UTF-8" "Dòng 3: tệp không phải mã Unicode UTF-8" "${H}CT-9,A\377,LS.CL.TP,12/6/2022\n"
ok "dossiers after the bad imports" "$GB" report briefing --unit LS.CL.TP --month 2022-06 --as-of 2022-07-05 --format json
eq "the bad dossier imports wrote nothing" "$(jq -r .dossiers.month.received "$OUT")" 4
printf 'Mã hồ sơ,Thủ tục,Đơn vị,Ngày tiếp nhận\nCT-12,A,LS.CL.TP,12/6/2022 8:30:00 CH\nCT-13,A,LS.CL.TP,13/6/2022 08:30:00+07:00\n' >"$DIR/times.csv"
ok "dates with a time of day" "$GB" dossier import "$DIR/times.csv"
ok "dossiers after the times" "$GB" report briefing --unit LS.CL.TP --month 2022-06 --as-of 2022-07-05 --format json
eq "the dates with a time imported" "$(jq -r .dossiers.month.received "$OUT")" 6
refuse "English number" 2 "1.297.314" "$GB" indicator set --indicator DL --unit LS.CL --month 2022-06 --value "1,297,314"
# A file from old office software, in TCVN3 (ABC): converted, the clerk told so.
printf 'Ma ho so,Thu tuc,Don vi,Ngay tiep nhan\nCT-30,B\266o Th\276ng M\255\352ng Kh\255\254ng Ninh B\327nh,LS.CL.TP,12/6/2022\n' >"$DIR/tcvn3.csv"
ok "a TCVN3 file imported" "$GB" dossier import "$DIR/tcvn3.csv"
grep -q "TCVN3" "$OUT" && pass || fail "the TCVN3 import does not say so: $(head -c 300 "$OUT")"
ok "dossiers after the TCVN3 file" "$GB" report briefing --unit LS.CL.TP --month 2022-06 --as-of 2022-07-05 --format json
eq "the TCVN3 dossier counted" "$(jq -r .dossiers.month.received "$OUT")" 7
printf 'Ma ho so,Thu tuc,Don vi,Ngay tiep nhan\nCT-31,Xin cha\370o ca\371c ba\357n \321ie\340u chi\352nh,LS.CL.TP,13/6/2022\n' >"$DIR/vni.csv"
ok "a VNI file imported" "$GB" dossier import "$DIR/vni.csv"
grep -q "VNI" "$OUT" && pass || fail "the VNI import does not say so: $(head -c 300 "$OUT")"
printf 'Ma ho so,Thu tuc,Don vi,Ngay tiep nhan\nCT-32,Caf\351 cr\350me br\373l\351e d\351j\340,LS.CL.TP,13/6/2022\n' >"$DIR/latin1.csv"
refuse "a Latin-1 file is no Vietnamese" 2 "không nhận ra" "$GB" dossier import "$DIR/latin1.csv"

# The same rule as the import: a count cannot be negative, a rate in % can.
refuse "a negative count set" 2 "không thể âm" "$GB" indicator set --indicator DL --unit LS.CL --month 2022-06 --value "-5"
refuse "a month 0 set" 2 "Tháng không hợp lệ" "$GB" indicator set --indicator DL --unit LS.CL --month 2022-00 --value "5"
ok "a negative rate set" "$GB" indicator set --indicator TT --unit LS.CL --month 2022-05 --value "-1,5"
ok "the rate in the report" "$GB" report briefing --unit LS.CL --month 2022-06 --format json
eq "the negative count was not written" "$(jq -r '.indicators[] | select(.code=="DL") | .year_to_date.text' "$OUT")" "$ytd"

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
