#!/bin/sh
# tools/check-layers.sh can fail: on the real tree it passes; on a copy of the
# tree (src/, tools/, Makefile and the objects of BUILD) each kind of violation
# is planted one at a time, and the check must fail naming the file, the line
# and what was included or called.
#   sh tests/tools/test_layers.sh [BUILD]    BUILD: a built tree (default build)
# The symbol cases recompile the planted file in the copy only.
set -u
cd "$(dirname "$0")/../.." || exit 1
B=${1:-build}
B=${B%/}
PASSED=0
FAILED=0
T=$(mktemp -d "${TMPDIR:-/tmp}/test-layers.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
OUT=$T/out

pass() { PASSED=$((PASSED + 1)); echo "ok   $1"; }
fail() {
    FAILED=$((FAILED + 1)); echo "FAIL $1"
    [ -f "$OUT" ] && sed 's/^/     | /' "$OUT" | head -n 20
}

# expect_caught NAME FILE WHAT STATUS: the check failed with a line
# "FILE:N: ...WHAT..." (N > 0) and did not say "layers ok".
expect_caught() {
    if [ "$4" -eq 0 ]; then fail "$1: the check passed"; return; fi
    if grep -q '^layers ok' "$OUT"; then fail "$1: failed but said layers ok"; return; fi
    if grep -E "^$2:[1-9][0-9]*: " "$OUT" | grep -qF -- "$3"; then
        pass "$1"
    else
        fail "$1: no line naming $2 and $3"
    fi
}

# 1. The real tree.
if [ ! -d "$B/src" ]; then
    fail "real tree: no objects in $B/ (run make BUILD=$B all first)"
    echo "$PASSED passed, $FAILED failed"
    exit 1
fi
sh tools/check-layers.sh "$B" >"$OUT" 2>&1
st=$?
if [ "$st" -eq 0 ] && grep -q '^layers ok$' "$OUT"; then
    pass "real tree: layers ok (includes and symbols of $B/)"
else
    fail "real tree: sh tools/check-layers.sh $B"
fi

# 2. The copy: sources and objects with their times, so make rebuilds only
# what a case changes.
C=$T/tree
mkdir -p "$C/$B"
cp -pR src tools Makefile "$C/"
for d in src gen tools; do
    [ -d "$B/$d" ] && cp -pR "$B/$d" "$C/$B/"
done
mk() { make -s --no-print-directory -C "$C" BUILD="$B" check-layers; }

mk >"$OUT" 2>&1
st=$?
if [ "$st" -eq 0 ] && grep -q '^layers ok$' "$OUT"; then
    pass "unmodified copy: make check-layers passes"
else
    fail "unmodified copy: make check-layers"
    echo "$PASSED passed, $FAILED failed"
    exit 1
fi

# plant_include NAME FILE LINE WHAT: append LINE to FILE in the copy, run the
# include check, put FILE back (with its time).
plant_include() {
    cp -p "$C/$2" "$T/orig"
    printf '%s\n' "$3" >>"$C/$2"
    sh "$C/tools/check-layers.sh" >"$OUT" 2>&1
    st=$?
    cp -p "$T/orig" "$C/$2"
    expect_caught "$1" "$2" "$4" "$st"
}

plant_include "core includes report/report.h" \
    src/core/day.c '#include "report/report.h"' '"report/report.h"'
plant_include "core includes http/http_int.h as ../http/http_int.h" \
    src/core/day.c '#include "../http/http_int.h"' '"../http/http_int.h"'
plant_include "core includes <sodium.h>" src/core/day.c '#include <sodium.h>' '<sodium.h>'
plant_include "core includes <cairo.h>" src/core/day.c '#include <cairo.h>' '<cairo.h>'
plant_include "text includes core/day.h (siblings)" \
    src/text/normalize.c '#include "core/day.h"' '"core/day.h"'
plant_include "core includes text/normalize.h (siblings)" \
    src/core/task.c '#include "text/normalize.h"' '"text/normalize.h"'
plant_include "app includes store/store_int.h (private to store/)" \
    src/app/app_task.c '#include "store/store_int.h"' '"store/store_int.h"'
plant_include "store includes app/app.h" src/store/store.c '#include "app/app.h"' '"app/app.h"'
plant_include "util includes <jansson.h>" src/util/buf.c '#include <jansson.h>' '<jansson.h>'
plant_include "a quoted include that resolves to nothing" \
    src/core/task.c '#include "core/no_such_header.h"' '"core/no_such_header.h"'
plant_include "a quoted system header (resolves to nothing under src/)" \
    src/store/store.c '#include "sqlite3.h"' '"sqlite3.h"'
plant_include "app includes <sqlite3.h>" src/app/app_task.c '#include <sqlite3.h>' '<sqlite3.h>'
plant_include "store.c includes <libpq-fe.h> (only store_pg.c may)" \
    src/store/store.c '#include <libpq-fe.h>' '<libpq-fe.h>'
plant_include "router.c includes <microhttpd.h> (only server.c may)" \
    src/http/router.c '#include <microhttpd.h>' '<microhttpd.h>'
plant_include "spacing: '  #  include   \"report/report.h\"' in core" \
    src/core/status.c '  #  include   "report/report.h"' '"report/report.h"'
plant_include "a tab: '#include<TAB>\"./../app/app.h\"' in extract" \
    src/extract/extract.c "$(printf '#include\t"./../app/app.h"')" '"./../app/app.h"'
plant_include "an angle include of a project header: <app/app.h> in core" \
    src/core/day.c '#include <app/app.h>' '<app/app.h>'
plant_include "a quoted include leaving src/: ../../tests/check.h" \
    src/core/day.c '#include "../../tests/check.h"' '"../../tests/check.h"'
plant_include "app includes <jansson.h>" src/app/app_unit.c '#include <jansson.h>' '<jansson.h>'
plant_include "http includes <curl/curl.h> (libcurl: no file of src/)" \
    src/http/router.c '#include <curl/curl.h>' '<curl/curl.h>'
plant_include "router.c includes <zlib.h> (only gzip.c may)" \
    src/http/router.c '#include <zlib.h>' '<zlib.h>'
plant_include "app_import.c includes <unzip.h> (only xlsx_read.c may)" \
    src/app/app_import.c '#include <unzip.h>' '<unzip.h>'
plant_include "a system header outside libc/POSIX and the map: <openssl/ssl.h>" \
    src/util/buf.c '#include <openssl/ssl.h>' '<openssl/ssl.h>'
plant_include "an include of a macro" src/util/buf.c '#include HEADER' 'HEADER'

# plant_symbol NAME FILE WHAT LINES...: append the C lines to FILE in the copy,
# recompile it through make check-layers, then put FILE back (newer than the
# object, so that the next make rebuilds it).
plant_symbol() {
    name=$1; file=$2; what=$3; shift 3
    cp -p "$C/$file" "$T/orig"
    printf '%s\n' "$@" >>"$C/$file"
    mk >"$OUT" 2>&1
    st=$?
    cp "$T/orig" "$C/$file"
    touch "$C/$file"
    if grep -q 'error:' "$OUT"; then fail "$name: the plant did not compile"; return; fi
    expect_caught "$name" "$file" "$what" "$st"
}

if grep -q '^store src/http/api_read.c store_backend$' tools/layers-allow.txt; then
    fail "new store call from http: store_backend is allowlisted for api_read.c; pick another"
else
    plant_symbol "a new store call from src/http (store_backend in api_read.c)" \
        src/http/api_read.c store_backend \
        '#include "store/store.h"' \
        'const char *layers_probe_http(const struct store *s);' \
        'const char *layers_probe_http(const struct store *s) { return store_backend(s); }'
fi
plant_symbol "core calls an app function without including its header" \
    src/core/day.c app_scope_require \
    'int app_scope_require(void);' \
    'int layers_probe_core(void);' \
    'int layers_probe_core(void) { return app_scope_require(); }'
plant_symbol "core calls sqlite3 without including its header" \
    src/core/timeline.c sqlite3_libversion \
    'const char *sqlite3_libversion(void);' \
    'const char *layers_probe_lib(void);' \
    'const char *layers_probe_lib(void) { return sqlite3_libversion(); }'

# Back to the unmodified copy: passes again (the planted objects rebuilt).
mk >"$OUT" 2>&1
st=$?
if [ "$st" -eq 0 ] && grep -q '^layers ok$' "$OUT"; then
    pass "restored copy: make check-layers passes again"
else
    fail "restored copy: make check-layers"
fi

# The allowlist: a call listed that no longer exists is reported, and does
# not fail; a line of no known form fails.
cp -p "$C/tools/layers-allow.txt" "$T/orig"
echo "store src/http/api_read.c store_no_such_call" >>"$C/tools/layers-allow.txt"
n=$(wc -l <"$C/tools/layers-allow.txt")
sh "$C/tools/check-layers.sh" "$B" >"$OUT" 2>&1
st=$?
if [ "$st" -eq 0 ] && grep -q "^tools/layers-allow.txt:$n: stale: src/http/api_read.c store_no_such_call" "$OUT" \
    && grep -q '^layers ok$' "$OUT"; then
    pass "a stale allowlist line is reported (and does not fail)"
else
    fail "a stale allowlist line is reported"
fi
cp -p "$T/orig" "$C/tools/layers-allow.txt"
echo "store src/http/api_read.c" >>"$C/tools/layers-allow.txt"
sh "$C/tools/check-layers.sh" "$B" >"$OUT" 2>&1
st=$?
if [ "$st" -ne 0 ] && grep -q "^tools/layers-allow.txt:$n: " "$OUT"; then
    pass "a malformed allowlist line fails"
else
    fail "a malformed allowlist line fails"
fi
cp -p "$T/orig" "$C/tools/layers-allow.txt"

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
