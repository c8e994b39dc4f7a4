#!/bin/sh
# Control characters and bad values in query parameters, every one of them:
#   tests/http/test_control.sh GIAOBAN DB_URL [DEMO_DB_URL]
# Loads the demo into DB_URL (a SQLite file path, removed first, or an empty PostgreSQL
# database; DEMO_DB_URL is not used), starts the real server on a free loopback port and
# drives it with curl. Generated from the server's own OpenAPI document, not typed by hand:
# for every GET route, every query parameter it declares (and q for the search texts, and an
# undeclared "x"), every control character U+0001-U+001F and U+007F, a NUL (%00), U+0085 and
# U+202E, percent-encoded in the middle of an otherwise valid value: 400 with error.field the
# parameter's name. A tab in a search text once crashed the server (SIGSEGV). Then: the
# server still answers /healthz and every route (200) and is still running; every declared
# parameter given twice: 400 naming it; out-of-range numbers, impossible dates, ids beyond
# 64 bits (query: 400, path: 400 or 404) naming the parameter, and a search text refused
# for being blank or too long naming q. The CLI's search texts
# (task list --text, search) with every control character: exit status 2, never a signal.
# The last line is "N passed, M failed".
set -u
GB=$1
DB=$2
case "$DB" in postgres*) ;; *) rm -f "$DB" "$DB-wal" "$DB-shm" ;; esac
export GIAOBAN_DB="$DB"
export GIAOBAN_TODAY=2020-10-01
PASS=0
FAIL=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/giaoban-control.XXXXXX")
OUT=$TMP/out
SPID=""

pass() { PASS=$((PASS + 1)); }
fail() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
eq() { if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', want '$3'"; fi; }
jget() { jq -r "$1" <"$OUT" 2>/dev/null; }
finish() {
    [ -n "$SPID" ] && kill "$SPID" 2>/dev/null
    echo "$PASS passed, $FAIL failed"
    rm -rf "$TMP"
    [ "$FAIL" -eq 0 ]
    exit $?
}
# get PATH_AND_QUERY: status in $CODE, body in $OUT (as the administrator).
get() {
    CODE=$(curl -s -g -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer $TOK" \
        "http://127.0.0.1:$PORT$1")
}

# ---- the demo, an administrator of one province, the server ----
if "$GB" demo >"$TMP/demo.out" 2>&1; then pass; else
    fail "giaoban demo: $(tail -c 300 "$TMP/demo.out")"
    finish
fi
if echo "pass-ctl-admin-123" | "$GB" user add ctladmin --role admin --unit NA >/dev/null 2>"$OUT"
then pass; else fail "user add ctladmin: $(cat "$OUT")"; finish; fi
TOK=$("$GB" token create --user ctladmin)
"$GB" serve --db "$DB" --listen 127.0.0.1:0 >"$TMP/serve.out" 2>"$TMP/serve.err" &
SPID=$!
i=0
while [ $i -lt 150 ] && ! grep -q listening "$TMP/serve.out" 2>/dev/null; do
    sleep 0.1; i=$((i + 1))
done
PORT=$(sed -nE 's/^listening on http:\/\/127\.0\.0\.1:([0-9]+)$/\1/p' "$TMP/serve.out")
[ -n "$PORT" ] || { fail "server did not start: $(head -c 300 "$TMP/serve.err")"; finish; }

get /api/v1/openapi.json
[ "$CODE" = 200 ] || { fail "openapi.json: $CODE"; finish; }
cp "$OUT" "$TMP/openapi.json"
# An existing record of each kind, in the administrator's province, for the {id} paths and
# the id parameters.
firstid() { get "$1"; jget '.items[0].id // empty'; }
TASK=$(firstid "/api/v1/tasks?limit=1")
MEET=$(firstid "/api/v1/meetings?limit=1")
DOC=$(firstid "/api/v1/documents?limit=1")
NOTICE=$(firstid "/api/v1/documents?type=TB&limit=1")
UNIT=$(firstid "/api/v1/units")
case "$TASK$MEET$DOC$NOTICE$UNIT" in
*[!0-9]* | "") fail "no ids from the demo (task '$TASK' meeting '$MEET' doc '$DOC' notice '$NOTICE' unit '$UNIT')"; finish ;;
*) pass ;;
esac
# subst PATH: {id} replaced by an existing record of the path's kind.
subst() {
    case "$1" in
    */units/*) echo "$1" | sed "s/{id}/$UNIT/" ;;
    */meetings/*) echo "$1" | sed "s/{id}/$MEET/" ;;
    */documents/*) echo "$1" | sed "s/{id}/$DOC/" ;;
    *) echo "$1" | sed "s/{id}/$TASK/" ;;
    esac
}

# From the document: every GET route with its full request (every query parameter it
# declares, each with a valid value of at least two characters, so that a character can go
# in its middle) and its minimal one (the parameters it says are required); then every
# (route, parameter, type, format, valid value, the full request without it), with q on the
# two search routes, and an undeclared x on every route (the router checks every parameter,
# declared or not, before the handler).
jq -r --arg meet "$MEET" --arg notice "$NOTICE" --arg task "$TASK" '
    def base($name; $type; $fmt):
        if $fmt == "date" then "2020-09-07"
        elif $type == "boolean" then "true"
        elif $name == "meeting" then $meet
        elif $name == "notice" then $notice
        elif $name == "object_id" then $task
        elif $type == "integer" then "12"
        elif $name == "unit" or $name == "by" then "NA.CL"
        elif $name == "q" then "kenh"
        elif $name == "month" then "2020-08"
        elif $name == "format" then "json"
        elif $name == "category" then "open_overdue"
        elif $name == "direction" then "in"
        elif $name == "type" then "TB"
        elif $name == "object_kind" then "task"
        else "abcd" end;
    .paths | to_entries[] | .key as $p | (.value.get // empty) |
    [.parameters[]? | select(.in == "query") |
        {name, type: (.schema.type // "string"), fmt: (.schema.format // "-"),
         required: (.required // false)}] as $ps |
    ($ps + (if ($p == "/api/v1/search" or $p == "/api/v1/tasks") and
               ([$ps[] | .name] | index("q") | not)
            then [{name: "q", type: "string", fmt: "-", required: false}] else [] end)) as $ps2 |
    [$ps2[] | . + {v: base(.name; .type; .fmt)}] as $pv |
    (["route", $p, ([$pv[] | "\(.name)=\(.v)"] | join("&")),
      ([$pv[] | select(.required) | "\(.name)=\(.v)"] | join("&"))] | @tsv),
    ($pv[] | . as $x |
        ["param", $p, .name, .type, .fmt, .v,
         ([$pv[] | select(.name != $x.name) | "\(.name)=\(.v)"] | join("&"))] | @tsv),
    (["param", $p, "x", "string", "undeclared", "abcd",
      ([$pv[] | "\(.name)=\(.v)"] | join("&"))] | @tsv)' "$TMP/openapi.json" >"$TMP/doc.tsv"
awk -F'\t' '$1 == "route" { print $2 }' "$TMP/doc.tsv" >"$TMP/routes"
awk -F'\t' '$1 == "route" { print $2 "\t" $3 "\t" $4 }' "$TMP/doc.tsv" >"$TMP/full"
awk -F'\t' '$1 == "param" { print $2 "\t" $3 "\t" $4 "\t" $5 "\t" $6 "\t" $7 }' "$TMP/doc.tsv" \
    >"$TMP/params"
nr=$(wc -l <"$TMP/routes")
if [ "$nr" -ge 15 ]; then pass; else fail "only $nr GET routes in the document"; fi
np=$(grep -vc "	undeclared	" "$TMP/params")
if [ "$np" -ge 40 ]; then pass; else fail "only $np declared query parameters in the document"; fi
# url PATH QUERY: the path with its id, and ?QUERY when there is one.
url() { if [ -n "$2" ]; then echo "$(subst "$1")?$2"; else subst "$1"; fi; }

# The full request of every route answers 200: the control for the battery (again after
# it). And so does the minimal one: the document says which parameters a route requires.
all_routes_ok() { # LABEL
    bad=0
    while IFS='	' read -r p full req; do
        get "$(url "$p" "$full")"
        if [ "$CODE" != 200 ]; then
            bad=$((bad + 1)); fail "$1: GET $(url "$p" "$full"): $CODE $(head -c 200 "$OUT")"
        fi
    done <"$TMP/full"
    [ $bad -eq 0 ] && pass
}
all_routes_ok "before the battery"
while IFS='	' read -r p full req; do
    get "$(url "$p" "$req")"
    if [ "$CODE" = 200 ]; then pass; else
        fail "the document's required parameters do not suffice: GET $(url "$p" "$req"): $CODE $(head -c 200 "$OUT")"
    fi
done <"$TMP/full"

# batch LABEL FILE: every line "EXPECTED_STATUSES EXPECTED_FIELDS PATH_AND_QUERY" sent by
# one curl (one connection, in order); each answer checked: its status among
# EXPECTED_STATUSES and error.field among EXPECTED_FIELDS (both comma-separated; "null":
# none).
# Prints the first 12 failures and counts every one.
batch() {
    rm -rf "$TMP/r"; mkdir "$TMP/r"
    awk -v port="$PORT" -v dir="$TMP/r" '{
        printf "url = \"http://127.0.0.1:%s%s\"\noutput = \"%s/%d\"\n", port, $3, dir, NR }' \
        "$2" >"$TMP/curl.cfg"
    n=$(wc -l <"$2")
    curl -s -g -K "$TMP/curl.cfg" -H "Authorization: Bearer $TOK" -w '%{http_code}\n' \
        >"$TMP/codes" 2>/dev/null
    # error.field of every answer, one line each (one jq for all; one by one if one is not
    # JSON or is missing)
    files=$(i=1; while [ $i -le "$n" ]; do printf '%s/r/%d ' "$TMP" $i; i=$((i + 1)); done)
    # shellcheck disable=SC2086
    if ! jq -r '.error.field // "null"' $files >"$TMP/fields" 2>/dev/null ||
        [ "$(wc -l <"$TMP/fields")" -ne "$n" ]; then
        : >"$TMP/fields"
        for f in $files; do
            { [ -f "$f" ] && jq -r '.error.field // "null"' <"$f" 2>/dev/null | head -n 1 |
                grep . >>"$TMP/fields"; } || echo "(no JSON answer)" >>"$TMP/fields"
        done
    fi
    paste -d ' ' "$TMP/codes" "$TMP/fields" "$2" | awk -v label="$1" -v dir="$TMP/r" '
        { code = $1; got = $2; st = $3; want = $4; url = $5
          if (index("," st ",", "," code ",") && index("," want ",", "," got ",")) { ok++; next }
          bad++
          if (bad <= 12) {
              body = ""; getline body < (dir "/" NR); close(dir "/" NR)
              printf "FAIL %s: %.200s: %s field %s (%.160s), want %s naming %s\n",
                     label, url, code, got, body, st, want } }
        END { if (bad > 12) printf "FAIL %s: ... %d of %d failed in all\n", label, bad, NR
              printf "%d %d\n", ok + 0, bad + 0 > "/dev/stderr" }' 2>"$TMP/counts"
    read -r ok bad <"$TMP/counts"
    PASS=$((PASS + ok)); FAIL=$((FAIL + bad))
    [ "$n" -gt 0 ] || fail "$1: no case"
}
# cases TEMPLATE_FILE: from "STATUSES FIELD PATH NAME VALUE REST" lines, the batch lines
# "STATUSES FIELD PATH?REST&NAME=VALUE" (the parameter under test last: the router must
# read every parameter, not only the first).
cases() {
    awk '{ q = ($6 == "" ? "" : $6 "&"); print $1, $2, $3 "?" q $4 "=" $5 }' "$1"
}

# ---- 1. every control character in every parameter of every GET route ----
chars=""
i=1
while [ $i -le 31 ]; do chars="$chars $(printf '%%%02X' $i)"; i=$((i + 1)); done
chars="$chars %7F %00 %C2%85 %E2%80%AE"
: >"$TMP/tpl"
while IFS='	' read -r p name type fmt v rest; do
    path=$(subst "$p")
    half=$((${#v} / 2))
    pre=$(echo "$v" | awk -v h=$half '{ print substr($0, 1, h) }')
    post=$(echo "$v" | awk -v h=$half '{ print substr($0, h + 1) }')
    for c in $chars; do
        echo "400 $name $path $name $pre$c$post $rest" >>"$TMP/tpl"
    done
done <"$TMP/params"
cases "$TMP/tpl" >"$TMP/cases"
nc=$(wc -l <"$TMP/cases")
if [ "$nc" -ge $((40 * 35)) ]; then pass; else fail "only $nc control-character cases"; fi
batch "control character" "$TMP/cases"
# The same characters first, before the valid parameters, in the two search texts.
: >"$TMP/cases"
for p in /api/v1/search /api/v1/tasks; do
    for c in $chars; do echo "400 q $p?q=k${c}nh&limit=5" >>"$TMP/cases"; done
done
batch "control character before a valid parameter" "$TMP/cases"

# ---- 2. the server survived ----
CODE=$(curl -s -o "$OUT" -w '%{http_code}' "http://127.0.0.1:$PORT/healthz")
eq "healthz after the battery" "$CODE" 200
ALIVE=1
if kill -0 "$SPID" 2>/dev/null; then pass; else
    ALIVE=0
    fail "the server died: $(tail -c 300 "$TMP/serve.err"); the other HTTP checks are not run"
fi
if [ $ALIVE -eq 1 ]; then
all_routes_ok "after the battery"

# ---- 3. every declared parameter given twice ----
: >"$TMP/tpl"
while IFS='	' read -r p name type fmt v rest; do
    [ "$fmt" = undeclared ] && continue
    echo "400 $name $(subst "$p") $name $v&$name=$v $rest" >>"$TMP/tpl"
done <"$TMP/params"
cases "$TMP/tpl" >"$TMP/cases"
echo "400 limit /api/v1/tasks?limit=5&limit=6" >>"$TMP/cases"
echo "400 q /api/v1/search?q=kenh&limit=5&q=muong" >>"$TMP/cases"
batch "repeated parameter" "$TMP/cases"

# ---- 4. out-of-range numbers, impossible dates, words for booleans ----
: >"$TMP/tpl"
while IFS='	' read -r p name type fmt v rest; do
    [ "$fmt" = undeclared ] && continue
    path=$(subst "$p")
    if [ "$type" = integer ]; then
        for x in -1 1e9 99999999999999999999 18446744073709551617 1.5 abc 0x10; do
            echo "400 $name $path $name $x $rest" >>"$TMP/tpl"
        done
    elif [ "$fmt" = date ]; then
        for x in abc 2020-02-30 2020-13-01 31/2/2020 2020-09-07x; do
            echo "400 $name $path $name $x $rest" >>"$TMP/tpl"
        done
    elif [ "$type" = boolean ]; then
        echo "400 $name $path $name maybe $rest" >>"$TMP/tpl"
    fi
done <"$TMP/params"
cases "$TMP/tpl" >"$TMP/cases"
for q in limit=-1 limit=1e9 limit=99999999999999999999 offset=-1 as_of=abc as_of=2020-02-30; do
    echo "400 ${q%%=*} /api/v1/tasks?$q" >>"$TMP/cases"
done
batch "out of range" "$TMP/cases"
# The search texts the app refuses for what they mean (blank, too long, no letter): named
# as the parameter, q, not as the CLI's option (text) or the app's argument (query).
long=$(printf 'kenh%.0s' $(seq 1 150))
: >"$TMP/cases"
for p in /api/v1/tasks /api/v1/search; do
    for x in + %20%20 "$long"; do echo "400,413 q $p?q=$x" >>"$TMP/cases"; done
done
echo "400 q /api/v1/search?q=%21%21" >>"$TMP/cases"
batch "search text refused by the app" "$TMP/cases"
# A path id beyond 64 bits (or at its bound, where no record is): 400 or 404 naming the id
# as a missing record's is named (GET of an id that does not exist: 404, "task" for
# /tasks/{id}), or "id", the path parameter's name in the document.
: >"$TMP/cases"
while IFS='	' read -r p full req; do
    case "$p" in *"{id}"*) ;; *) continue ;; esac
    get "$(echo "$p" | sed "s/{id}/987654321/")"
    nf=$(jget '.error.field // "id"')
    eq "GET $p of a missing record" "$CODE" 404
    for x in 99999999999999999999 18446744073709551616 9223372036854775808 9223372036854775807; do
        echo "400,404 $nf,id $(echo "$p" | sed "s/{id}/$x/")" >>"$TMP/cases"
    done
done <"$TMP/full"
batch "path id beyond 64 bits" "$TMP/cases"

# ---- 5. the server survived all of it ----
CODE=$(curl -s -o "$OUT" -w '%{http_code}' "http://127.0.0.1:$PORT/healthz")
eq "healthz at the end" "$CODE" 200
get "/api/v1/tasks?q=kenh&limit=5"
eq "a normal search of tasks at the end" "$CODE" 200
if kill -0 "$SPID" 2>/dev/null; then pass; else fail "the server died: $(tail -c 300 "$TMP/serve.err")"; fi
fi # ALIVE

# ---- 6. the CLI: the same characters in its search texts, exit status 2, no signal ----
bad=0
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 \
    127 c285 e280ae; do
    case $i in
    c285) c=$(printf '\302\205') ;;
    e280ae) c=$(printf '\342\200\256') ;;
    *) c=$(printf "\\$(printf '%03o' "$i")x"); c=${c%x} ;; # the x keeps a newline from $( )
    esac
    "$GB" task list --text "k${c}nh" >"$TMP/cli.out" 2>&1; st1=$?
    "$GB" search "k${c}nh" >"$TMP/cli2.out" 2>&1; st2=$?
    for pair in "task list --text:$st1:$TMP/cli.out" "search:$st2:$TMP/cli2.out"; do
        cmd=${pair%%:*}; rest=${pair#*:}; st=${rest%%:*}; f=${rest#*:}
        if [ "$st" -eq 2 ]; then pass; else
            FAIL=$((FAIL + 1)); bad=$((bad + 1))
            if [ "$st" -ge 128 ]; then what="killed by signal $((st - 128))"; else what="exit $st"; fi
            [ $bad -le 12 ] && echo "FAIL CLI $cmd with character $i: $what, want exit 2 ($(head -c 160 "$f"))"
        fi
    done
done
[ $bad -gt 12 ] && echo "FAIL CLI: ... $bad failed in all"
finish
