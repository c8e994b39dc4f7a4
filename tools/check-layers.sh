#!/bin/sh
# The dependency arrows of docs/ARCHITECTURE.md, checked on #include lines:
#   util <- text, core <- extract <- store <- app <- report <- http <- cli
# core/ and text/ do no I/O: they see no database, HTTP or JSON header.
set -u
cd "$(dirname "$0")/.."
bad=0
deny() { # dir, pattern, why
    hits=$(grep -rnE "#include [<\"]($2)" "src/$1" 2>/dev/null)
    if [ -n "$hits" ]; then
        echo "layer violation in src/$1 ($3):"
        echo "$hits"
        bad=1
    fi
}
deny util "text/|core/|store/|app/|cli/|sqlite3|libpq|jansson|utf8proc|microhttpd" "util is the bottom"
deny text "core/|store/|app/|cli/|sqlite3|libpq|jansson|microhttpd" "text does no I/O"
deny core "text/|store/|app/|cli/|sqlite3|libpq|jansson|microhttpd|utf8proc" "core is pure"
deny extract "store/|app/|report/|http/|cli/|sqlite3|libpq|jansson|microhttpd" "extract reads text only"
deny store "app/|report/|http/|cli/|jansson|microhttpd" "store is below app"
deny app "report/|http/|cli/|sqlite3|libpq-fe|jansson|microhttpd" "app reaches the db only through store.h"
deny report "http/|cli/|sqlite3|libpq-fe|microhttpd" "report renders what app computes"
deny http "cli/|sqlite3|libpq-fe" "http speaks to app, never to a database"
for f in src/store/*.c; do
    case "$f" in src/store/store_sqlite.c) continue ;; esac
    grep -q '#include <sqlite3.h>' "$f" && { echo "$f includes sqlite3.h: only store_sqlite.c may"; bad=1; }
done
for f in src/store/*.c; do
    case "$f" in src/store/store_pg.c) continue ;; esac
    grep -q '#include <libpq-fe.h>' "$f" && { echo "$f includes libpq-fe.h: only store_pg.c may"; bad=1; }
done
[ "$bad" -eq 0 ] && echo "layers ok"
exit "$bad"
