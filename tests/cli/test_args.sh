#!/bin/sh
# The command line refuses what it used to take silently: tests/cli/test_args.sh GIAOBAN DB_URL
# An empty option value, words left over after the options, a single option given twice;
# every command of `giaoban --help` is tried with a word too many (generated, so a later
# command is covered). Each refusal exits 2, names what is wrong and writes nothing.
# The last line is "N passed, M failed".
set -u
GB=$1
DB=$2
case "$DB" in postgres*) ;; *) rm -f "$DB" "$DB-wal" "$DB-shm" ;; esac
export GIAOBAN_DB="$DB"
export GIAOBAN_TODAY=2020-10-01
PASS=0
FAIL=0
ERR=$(mktemp "${TMPDIR:-/tmp}/giaoban-args.XXXXXX")
pass() { PASS=$((PASS + 1)); }
fail() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
eq() { if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', want '$3'"; fi; }
# refuse NAME PATTERN CMD...: exit 2 and stderr matches PATTERN.
refuse() {
    name=$1; pat=$2; shift 2
    "$@" >/dev/null 2>"$ERR"
    st=$?
    if [ "$st" -eq 2 ] && grep -q -- "$pat" "$ERR"; then pass; else
        fail "$name: exit $st, want 2 matching '$pat' ($(head -c 300 "$ERR"))"; fi
}
ntasks() { "$GB" task list --limit 1000 --format json | jq '.total'; }

"$GB" init >/dev/null 2>&1
"$GB" unit add --code T --name "Ủy ban nhân dân tỉnh Thử" --kind tinh >/dev/null
"$GB" unit add --code T.KT --name "Phòng Kinh tế" --kind phong --parent T >/dev/null
before=$(ntasks)

# Words left over: the classic slip of an unquoted value.
refuse "unquoted content" "Thừa tham số: 'thông'" "$GB" task add --content Khai thông kênh --unit T.KT
eq "nothing stored for the unquoted content" "$(ntasks)" "$before"
# Empty values are not "none".
refuse "empty deadline" "--deadline không được để trống" "$GB" task add --content "Việc A" --unit T.KT --deadline ''
refuse "empty unit" "--unit không được để trống" "$GB" task add --content "Việc A" --unit=
refuse "empty content" "--content không được để trống" "$GB" task add --content "" --unit T.KT
eq "nothing stored for the empty values" "$(ntasks)" "$before"
# A single option given twice.
refuse "two units" "--unit chỉ được dùng một lần" "$GB" task add --content "Việc A" --unit T.KT --unit T
eq "nothing stored for two units" "$(ntasks)" "$before"
# "None" is said: a recurring task.
if id=$("$GB" task add --content "Việc thường xuyên" --unit T.KT --deadline none 2>"$ERR"); then
    eq "--deadline none: no deadline" "$("$GB" task show "$id" --format json | jq -r '.deadline')" null
else fail "--deadline none: $(cat "$ERR")"; fi
refuse "--deadline none with an hour" "--time" "$GB" task add --content "Việc B" --unit T.KT --deadline none --time 14:00
# A repeatable option stays repeatable.
if "$GB" task add --content "Việc phối hợp" --unit T.KT --coord T --deadline 2020-12-01 >/dev/null 2>"$ERR"; then pass
else fail "--coord once: $(cat "$ERR")"; fi

# Every command with one word too many: after as many words as its usage names.
"$GB" --help | awk '/^  [a-z]/ {print $1, $2}' >"$ERR.cmds"
n=0
while read -r cmd sub; do
    case "$sub" in [a-z]*) ;; *) sub="" ;; esac
    usage=$("$GB" $cmd $sub --help | head -n 1)
    # Usages with words after the options or alternatives are tried below, by hand.
    case "$usage" in *"[TỆP]"* | *" -o "* | *" | giaoban "*) continue ;; esac
    # The words the usage line names before its options (SỐ, ĐƠN_VỊ, TÊN_ĐĂNG_NHẬP, TỆP...).
    words=$(echo "$usage" | sed -E "s/^giaoban (\[--db URL\] )?$cmd ?${sub:+$sub ?}//; s/ \| giaoban.*//" |
        awk '{k=0; for (i=1; i<=NF; i++) { if ($i ~ /^[\[(]?-/) break; k++ } print k}')
    set --
    i=0
    while [ "$i" -lt "$words" ]; do set -- "$@" "1"; i=$((i + 1)); done
    n=$((n + 1))
    "$GB" $cmd $sub "$@" thừa_một >/dev/null 2>"$ERR"
    st=$?
    if [ "$st" -eq 2 ] && grep -q "Thừa tham số: 'thừa_một'" "$ERR"; then pass; else
        fail "$cmd $sub: a word too many: exit $st ($(head -c 200 "$ERR"))"; fi
done <"$ERR.cmds"
if [ "$n" -ge 40 ]; then pass; else fail "only $n commands in --help"; fi
printf 'Giao Phòng Kinh tế rà soát trước ngày 15/9.\n' >"$ERR.txt"
refuse "extract: two files" "Thừa tham số: 'thừa'" "$GB" extract "$ERR.txt" thừa
refuse "setting: a word too many" "Thừa tham số: 'thừa'" "$GB" setting set soon_days 3 thừa
refuse "report briefing: a word after -o FILE" "Thừa tham số: 'thừa'" \
    "$GB" report briefing --unit T --month 2020-08 -o "$ERR.html" thừa
rm -f "$ERR.txt" "$ERR.html"
eq "nothing stored by any of them" "$(ntasks)" "$((before + 2))"
rm -f "$ERR" "$ERR.cmds"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
