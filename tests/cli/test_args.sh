#!/bin/sh
# The command line refuses what it used to take silently: tests/cli/test_args.sh GIAOBAN DB_URL
# DB_URL is a SQLite file path (removed first) or an empty PostgreSQL database.
# Every command of `giaoban --help` is tried (the list, its words and its options are read
# from the help, so a later command is covered): an empty value of each option, a single
# option given twice, a word more than its usage names; each refusal exits 2, names what is
# wrong and writes nothing. Then every control character in the search texts, units and
# contents, and a tab and \001 in every option and word of every command: a refusal naming
# the field, never a crash. The last line is "N passed, M failed".
set -u
GB=$1
DB=$2
case "$DB" in postgres*) ;; *) rm -f "$DB" "$DB-wal" "$DB-shm" ;; esac
export GIAOBAN_DB="$DB"
export GIAOBAN_TODAY=2020-10-01
PASS=0
FAIL=0
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/giaoban-args.XXXXXX")
ERR=$TMPD/err
pass() { PASS=$((PASS + 1)); }
fail() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
eq() { if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', want '$3'"; fi; }
# refuse NAME PATTERN CMD...: exit 2 and stderr matches PATTERN.
refuse() {
    name=$1; pat=$2; shift 2
    "$@" >/dev/null 2>"$ERR" </dev/null
    st=$?
    if [ "$st" -eq 2 ] && grep -q -- "$pat" "$ERR"; then pass; else
        fail "$name: exit $st, want 2 matching '$pat' ($(head -c 300 "$ERR"))"; fi
}
# accept NAME CMD...: exit 0 (with --help last: the parser took every argument).
accept() {
    name=$1; shift
    if "$@" >/dev/null 2>"$ERR" </dev/null; then pass; else
        fail "$name: exit $?, want 0 ($(head -c 300 "$ERR"))"; fi
}
total() { "$GB" "$@" --format json | jq -r '.total'; }
# What the refusals must leave as it was.
state() {
    echo "tasks $(total task list --limit 1) units $(total unit list) meetings $(total meeting list)" \
        "docs $(total doc list) users $(total user list) people $(total person list)"
}

"$GB" init >/dev/null 2>&1
"$GB" unit add --code T --name "Ủy ban nhân dân tỉnh Thử" --kind tinh >/dev/null
"$GB" unit add --code T.KT --name "Phòng Kinh tế" --kind phong --parent T >/dev/null
"$GB" unit add --code T.X --name "Phòng Giải thể" --kind phong --parent T >/dev/null
before=$(state)
ntasks=$(total task list --limit 1)

# The classic slip: an unquoted value with spaces.
refuse "unquoted content" "Thừa tham số: 'thông' (giá trị có dấu cách phải đặt trong dấu nháy: --content \"Khai thông kênh\")" \
    "$GB" task add --content Khai thông kênh --unit T.KT
refuse "unquoted content, attached" "Thừa tham số: 'thông'.*--content \"Khai thông kênh\"" \
    "$GB" task add --content=Khai thông kênh --unit T.KT
refuse "unquoted note after the number" "Thừa tham số: 'nạo'.*--note \"Đã nạo vét\"" \
    "$GB" task progress 1 --note Đã nạo vét
refuse "unquoted unit name" "Thừa tham số: 'Kinh'" "$GB" unit show Phòng Kinh tế
# Empty values are not "none"; --db neither.
refuse "empty deadline" "Tùy chọn --deadline không được để trống" "$GB" task add --content "Việc A" --unit T.KT --deadline ''
refuse "empty unit" "Tùy chọn --unit không được để trống" "$GB" task add --content "Việc A" --unit=
refuse "empty content" "Tùy chọn --content không được để trống" "$GB" task add --content "" --unit T.KT
refuse "empty --db" "Tùy chọn --db không được để trống" "$GB" --db '' task list
refuse "empty --db=" "Tùy chọn --db không được để trống" "$GB" --db= task list
refuse "--db twice" "Tùy chọn --db chỉ được dùng một lần" "$GB" --db "$DB" --db "$DB" task list
refuse "--db and serve --db" "Tùy chọn --db chỉ được dùng một lần" "$GB" --db "$DB" serve --db "$DB"
refuse "a forgotten value" "Tùy chọn --content cần một giá trị (trước --unit" "$GB" task add --content --unit T.KT
refuse "a value at the end" "Tùy chọn --deadline cần một giá trị" "$GB" task add --content "Việc A" --unit T.KT --deadline
# A single option given twice, and the pairs that cannot go together.
refuse "two units" "Tùy chọn --unit chỉ được dùng một lần" "$GB" task add --content "Việc A" --unit T.KT --unit T
refuse "--parent and --root" "--root" "$GB" unit move T.KT --parent T --root
refuse "--month and --plan" "--plan" "$GB" indicator set --indicator CT --unit T --month 2020-08 --plan 2020 --value 1
refuse "--if-version 5abc" "if-version" "$GB" task progress 1 --if-version 5abc
refuse "--sort 3a" "sort" "$GB" indicator add --code CT --name "Chỉ tiêu" --measure "tỷ đồng" --sort 3a
refuse "pause takes --reason, not --note" "Tùy chọn không hợp lệ: --note" "$GB" task pause 1 --note "x"
refuse "-o where there is no output" "Tùy chọn không hợp lệ: -o" "$GB" task list -o "$TMPD/x"
eq "nothing stored by the refusals" "$(state)" "$before"
# "None" is said: a recurring task, as without --deadline.
if id=$("$GB" task add --content "Việc thường xuyên" --unit T.KT --deadline none 2>"$ERR"); then
    eq "--deadline none: no deadline" "$("$GB" task show "$id" --format json | jq -r '.deadline')" null
else fail "--deadline none: $(cat "$ERR")"; fi
if id=$("$GB" task add --content "Việc thường xuyên 2" --unit T.KT 2>"$ERR"); then
    eq "no --deadline: no deadline" "$("$GB" task show "$id" --format json | jq -r '.deadline')" null
else fail "no --deadline: $(cat "$ERR")"; fi
refuse "--deadline none with an hour" "--time" "$GB" task add --content "Việc B" --unit T.KT --deadline none --time 14:00
# Repeatable options repeat; "--" ends the options; search joins its words.
if "$GB" task add --content "Việc phối hợp" --unit T.KT --coord T --coord T.X --deadline 2020-12-01 >/dev/null 2>"$ERR"; then pass
else fail "--coord twice: $(cat "$ERR")"; fi
eq "three tasks stored" "$(total task list --limit 1)" "$((ntasks + 3))"
"$GB" search "viec thuong xuyen" --format json >"$TMPD/one" 2>"$ERR"
"$GB" search viec thuong xuyen --format json >"$TMPD/many" 2>>"$ERR"
if [ -s "$TMPD/one" ] && cmp -s "$TMPD/one" "$TMPD/many" && [ "$(jq .total <"$TMPD/one")" -ge 2 ]; then pass
else fail "search: several words are one text ($(head -c 200 "$ERR"))"; fi
accept "-- before a word like an option" "$GB" search -- --deadline
accept "a value that starts with '-- '" "$GB" task list --text "-- x"

# Every command: its words, the words it refuses, and each option empty and given twice.
"$GB" --help | awk '/^  [a-z]/ {print $1}' | sort -u >"$TMPD/names"
: >"$TMPD/cmds"
while read -r name; do
    out=$("$GB" "$name" --help 2>&1)
    case "$out" in
    "Lệnh con của '$name':"*) for s in ${out#*:}; do echo "$name $s"; done >>"$TMPD/cmds" ;;
    *) echo "$name" >>"$TMPD/cmds" ;;
    esac
done <"$TMPD/names"
# The words and options a usage line names: "WORDS|any<TAB>--opt=v --flag=f --rep=r -o=v".
read_usage() {
    awk '{
        n = split($0, t, " "); words = 0; any = 0; opts = ""
        for (i = 1; i <= n; i++) {
            s = t[i]; gsub(/^[\[\(]+/, "", s)
            dots = s ~ /\.\.\.$/; sub(/\.\.\.$/, "", s)
            closed = s ~ /[\]\)]$/; gsub(/[\]\)]+$/, "", s)
            if (s == "" || s == "|") continue
            if (s ~ /^-/) {
                kind = "f"
                if (!closed && i < n && t[i + 1] !~ /^[\[\(-]/ && t[i + 1] != "|") {
                    kind = t[i + 1] ~ /[\]\)]\.\.\.$/ ? "r" : "v"; i++
                }
                opts = opts " " s "=" kind
            } else if (dots && !closed) any = 1
            else words++
        }
        print (any ? "any" : words) "\t" opts
    }'
}
before=$(state)
n=0
while read -r cmd; do
    n=$((n + 1))
    usage=$("$GB" $cmd --help | head -n 1)
    shape=$(echo "$usage" | sed -E "s/^giaoban (\[--db URL\] )?$cmd ?//" | read_usage)
    nw=${shape%%"	"*}
    opts=${shape#*"	"}
    # As many words as the usage names are taken; one more is refused, named.
    if [ "$nw" = any ]; then w="mot hai ba bon nam"; else
        w=""; i=0; while [ "$i" -lt "$nw" ]; do w="$w 1"; i=$((i + 1)); done; fi
    accept "$cmd: takes $nw words" "$GB" $cmd $w --help
    if [ "$nw" != any ]; then
        refuse "$cmd: a word too many" "Thừa tham số: 'thừa_một'" "$GB" $cmd $w thừa_một
        refuse "$cmd: a word too many before the options" "Thừa tham số: 'thừa_hai'" \
            "$GB" $cmd $w thừa_hai --format json
    fi
    refuse "$cmd: an unknown option" "Tùy chọn không hợp lệ: --khong-co" "$GB" $cmd $w --khong-co
    first_value=$(echo "$opts" | tr ' ' '\n' | grep -E '=[vr]$' | head -n 1 | sed 's/=.*//')
    for o in $opts; do
        kind=${o#*=}
        o=${o%=*}
        case $kind in
        f)
            refuse "$cmd $o=x" "Tùy chọn $o không nhận giá trị" "$GB" $cmd $w "$o=x" ;;
        v | r)
            refuse "$cmd $o ''" "Tùy chọn $o không được để trống" "$GB" $cmd $w "$o" ''
            if [ "$o" = "$first_value" ]; then # the same code for every option
                case $o in --*) refuse "$cmd $o=" "Tùy chọn $o không được để trống" "$GB" $cmd $w "$o=" ;; esac
                refuse "$cmd $o at the end" "Tùy chọn $o cần một giá trị" "$GB" $cmd $w "$o"
            fi
            if [ "$kind" = v ]; then
                refuse "$cmd $o twice" "Tùy chọn $o chỉ được dùng một lần" "$GB" $cmd $w "$o" x "$o" y
            else
                accept "$cmd $o repeats" "$GB" $cmd $w "$o" x "$o" y --help
            fi ;;
        esac
    done
    eq "$cmd: nothing written" "$(state)" "$before"
done <"$TMPD/cmds"
if [ "$n" -ge 50 ]; then pass; else fail "only $n commands in --help"; fi

# Every control character in the search texts, the lead unit and the content: refused, naming
# the field (a tab, a line feed and a carriage return are text in a task's content, kept).
before=$(state)
ntasks=$(total task list --limit 1)
kept=0
c=1
while [ "$c" -le 127 ]; do
    [ "$c" -eq 32 ] && c=127
    oct=$(printf '%03o' "$c")
    v=$(printf "a\\${oct}b")
    refuse "task list --text \\$oct" "text" "$GB" task list --text "$v"
    refuse "search \\$oct" "query" "$GB" search "$v"
    refuse "task list --unit \\$oct" "unit" "$GB" task list --unit "$v"
    refuse "task add --unit \\$oct" "unit" "$GB" task add --content "Việc C" --unit "$v"
    case $c in
    9 | 10 | 13)
        accept "task add --content \\$oct (text)" "$GB" task add --content "$v" --unit T.KT
        kept=$((kept + 1)) ;;
    *) refuse "task add --content \\$oct" "content" "$GB" task add --content "$v" --unit T.KT ;;
    esac
    c=$((c + 1))
done
refuse "a control character in a message is shown as '?'" "Số hiệu không hợp lệ (nhiệm vụ): 'a?b'" \
    "$GB" task show "$(printf 'a\033b')"
eq "nothing stored but the three contents" "$(total task list --limit 1)" "$((ntasks + kept))"

# A tab and \001 in every option and every word of every command: whatever the answer,
# an exit status (never a signal, never a sanitizer's report). Each command runs from a
# valid line, with one value replaced, so that the value reaches the use case.
mid=$("$GB" meeting add --title "Họp thử" --date 2020-09-01 --host T) || fail "meeting add"
nid=$("$GB" doc add --dir di --unit T --date 2020-09-01 --subject "Thông báo kết luận" --number 1/TB-UBND --type TB --meeting "$mid") || fail "doc add"
pid=$("$GB" person add --name "Nguyễn Văn B" --unit T) || fail "person add"
tid=$("$GB" task add --content "Việc thử" --unit T.KT --deadline 2020-12-01 --notice "$nid") || fail "task add"
echo "mật-khẩu-thử-123" | "$GB" user add thu_nghiem --role viewer --unit T >/dev/null || fail "user add"
"$GB" indicator add --code CT1 --name "Chỉ tiêu thử" --measure "tỷ đồng" >/dev/null || fail "indicator add"
printf 'Giao Phòng Kinh tế rà soát trước ngày 15/9/2020.\n' >"$TMPD/tb.txt"
printf 'Mã chỉ tiêu,Đơn vị,Năm,Tháng,Giá trị\nCT1,T,2020,8,5\n' >"$TMPD/ct.csv"
# The valid line of a command: its words, then "|", then its options (no quote in them).
base() {
    case $1 in
    "unit add") echo "| --code T.Y --name 'Phòng Thử' --kind phong --parent T --short 'P. Thử' --head 'Nguyễn A' --head-title 'Trưởng phòng' --alias 'Phòng T' --from 2020-01-01" ;;
    "unit show") echo "T.KT |" ;;
    "unit move") echo "T.KT | --parent T" ;;
    "unit close") echo "T.X | --date 2020-09-01 --successor T.KT" ;;
    "person add") echo "| --name 'Nguyễn Văn A' --title 'Chuyên viên' --unit T.KT" ;;
    "person list") echo "| --unit T" ;;
    "meeting add") echo "| --title 'Họp thử' --date 2020-09-01 --host T --kind giao_ban --chair 'Nguyễn B' --attend T.KT --period-from 2020-08-01 --period-to 2020-08-31 --notes 'Ghi chú'" ;;
    "meeting list") echo "| --unit T --from 2020-01-01 --to 2020-12-31" ;;
    "meeting show") echo "$mid |" ;;
    "doc add") echo "| --dir den --unit T --date 2020-09-01 --subject 'Công văn' --number 2/CV-UBND --type CV --issuer 'Sở Tài chính' --handler T.KT --deadline 2020-09-15 --processed 2020-09-10 --meeting $mid" ;;
    "doc list") echo "| --unit T --dir di --type TB --from 2020-01-01 --to 2020-12-31" ;;
    "task add") echo "| --content 'Việc quét' --unit T.KT --by T --by-person $pid --coord T --assigned 2020-09-01 --deadline 2020-12-01 --time 14:00 --notice $nid --meeting $mid --parent $tid --sector 'Kinh tế'" ;;
    "task list") echo "| --unit T --by T --status open --as-of 2020-10-01 --deadline-from 2020-01-01 --deadline-to 2020-12-31 --notice $nid --meeting $mid --text 'việc' --limit 10 --offset 0" ;;
    "task show") echo "$tid | --as-of 2020-10-01" ;;
    "task progress") echo "$tid | --percent 10 --note 'Đang làm' --date 2020-10-01 --as-unit T.KT" ;;
    "task extend" | "task approve") echo "$tid | --deadline 2020-12-20 --reason 'Mưa' --note 'Đồng ý' --date 2020-10-01" ;;
    "task done") echo "$tid | --result 'Xong' --evidence $nid --date 2020-10-01" ;;
    "task "*) echo "$tid | --reason 'Lý do' --note 'Ghi chú' --date 2020-10-01" ;;
    "report summary") echo "| --unit T --by T --from 2020-01-01 --to 2020-12-31 --as-of 2020-10-01 --overdue-limit 5" ;;
    "report documents") echo "| --unit T --from 2020-01-01 --to 2020-12-31" ;;
    "report briefing") echo "| --unit T --month 2020-08 --as-of 2020-09-07 --format html -o $TMPD/b.html" ;;
    search) echo "kenh muong |" ;;
    "setting get") echo "soon_days |" ;;
    "setting set") echo "soon_days 3 |" ;;
    "user add") echo "thu_nghiem_2 | --role viewer --unit T" ;;
    "user password" | "user disable" | "user enable") echo "thu_nghiem_khac |" ;;
    "token create") echo "| --user thu_nghiem --label 'Hệ thống khác'" ;;
    "token revoke") echo "999 |" ;;
    extract) echo "$TMPD/tb.txt | --date 2020-09-01 --unit T --notice $nid" ;;
    "dossier add") echo "| --unit T --procedure 'Cấp phép' --received 2020-09-01 --due 2020-09-10 --returned 2020-09-09 --code HS1 --applicant 'Nguyễn C'" ;;
    "petition add") echo "| --unit T --kind kien_nghi --summary 'Kiến nghị' --received 2020-09-01 --deadline 2020-10-01 --resolved 2020-09-20 --result 'Đã trả lời' --session 'Kỳ họp 1' --source 'Cử tri'" ;;
    "indicator add") echo "| --code CT2 --name 'Chỉ tiêu 2' --measure 'ha' --ytd sum --compare ratio --sort 2" ;;
    "indicator set") echo "| --indicator CT1 --unit T --month 2020-08 --value 5" ;;
    "indicator import" | "dossier import") echo "$TMPD/ct.csv | --unit T" ;;
    *) echo "" ;;
    esac
}
# sweep NAME CMD ARGS...: run it, "$V" stands for the value tried; any exit status but a
# signal or a sanitizer's (1: ASan's), within 60 seconds.
sweep() {
    name=$1; shift
    (cd "$TMPD" && eval "timeout 60 \"\$GB\" $*") >/dev/null 2>"$ERR" <"$TMPD/pw"
    st=$?
    if [ "$st" -ge 124 ] || [ "$st" -eq 1 ] ||
        grep -q 'AddressSanitizer\|runtime error\|LeakSanitizer' "$ERR"; then
        fail "$name: exit $st ($(head -c 300 "$ERR"))"
    else pass; fi
}
echo "mật-khẩu-thử-123" >"$TMPD/pw"
while read -r cmd; do
    set -- $cmd
    [ "$1" = demo ] && continue # no value to try, and it fills the database
    line=$(base "$cmd")
    [ -n "$line" ] || line="$("$GB" $cmd --help | head -n 1 | sed -E "s/^giaoban (\[--db URL\] )?$cmd ?//" |
        read_usage | awk -F'\t' '{ if ($1 == "any") n = 1; else n = $1; for (i = 0; i < n; i++) printf "1 "; print "|" }')"
    bw=${line%%|*}
    bo=${line#*|}
    opts=$("$GB" $cmd --help | head -n 1 | sed -E "s/^giaoban (\[--db URL\] )?$cmd ?//" |
        read_usage | cut -f2)
    # The valid line's options that this command has (the task events share one line).
    keep=""
    eval "set -- $bo"
    while [ $# -gt 0 ]; do
        x=$1; shift
        kind=""
        for p in $opts; do [ "${p%=*}" = "$x" ] && kind=${p#*=}; done
        case $kind in
        v | r) keep="$keep '$x' '$1'"; shift ;;
        f) keep="$keep '$x'" ;;
        *) [ $# -gt 0 ] && case $1 in -*) ;; *) shift ;; esac ;;
        esac
    done
    words=$(for x in $bw; do printf "'%s' " "$x"; done)
    for V in "$(printf 'a\tb')" "$(printf 'a\001b')"; do
        export V
        # each word in turn
        k=0
        for _ in $bw; do
            k=$((k + 1)); args=""; j=0
            for x in $bw; do j=$((j + 1)); if [ "$j" -eq "$k" ]; then args="$args \"\$V\""; else args="$args '$x'"; fi; done
            sweep "$cmd word $k" "$cmd $args $keep"
        done
        # each value option in turn, in place of its value in the valid line or added to it
        for o in $opts; do
            case ${o#*=} in f) continue ;; esac
            o=${o%=*}
            [ "$cmd $o" = "serve --db" ] && continue # a file name; the server would start
            eval "set -- $keep"
            args=""; prev=""; found=0
            for x in "$@"; do
                if [ "$prev" = "$o" ] && [ "$found" -eq 0 ]; then args="$args \"\$V\""; found=1
                else args="$args '$x'"; fi
                prev=$x
            done
            [ "$found" -eq 1 ] || args="$args $o \"\$V\""
            sweep "$cmd $o" "$cmd $words $args"
        done
    done
done <"$TMPD/cmds"

rm -rf "$TMPD"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
