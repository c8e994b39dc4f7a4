#!/bin/sh
# The layer check: the dependency arrows of docs/ARCHITECTURE.md, checked on the
# real include graph and, given a build directory, on the objects' symbols.
#
#   sh tools/check-layers.sh            the #include lines of src/ only
#   sh tools/check-layers.sh BUILD      and the symbols of BUILD/src/*/*.o (nm)
#
# Layers, bottom to top (text and core are siblings: neither sees the other):
#   util < text, core < extract < store < app < report < http (web) < cli
# A file may include, and an object may use symbols of, its own layer and
# lower layers only, and no other layer's private *_int.h. Every quoted
# include must resolve to a file under src/ (as the compiler does: the
# includer's directory, then -Isrc); an angle include that names a file under
# src/ counts as a quoted one. A system header must be libc/POSIX or an outside
# library in the files init_libs() below gives it; an object's undefined
# symbols of an outside library (by prefix) likewise.
# http/ and cli/ objects may call store functions (symbols defined in
# src/store/) only as listed in tools/layers-allow.txt (store_open and
# store_close always): a new call fails, a listed call that is gone is
# reported as stale so the list only shrinks. The same file lists the few
# exceptions to the other rules, each with its reason.
#
# Each violation is one line: FILE:LINE: INCLUDE-OR-SYMBOL: rule broken.
# "layers ok" and exit status 0 only when there is none.
set -u
cd "$(dirname "$0")/.." || exit 1
BUILD=${1:-}
BUILD=${BUILD%/}
ALLOW=tools/layers-allow.txt
TMP=$(mktemp -d "${TMPDIR:-/tmp}/check-layers.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
[ -f "$ALLOW" ] || : >"$TMP/empty-allow"
[ -f "$ALLOW" ] || ALLOW=$TMP/empty-allow

# The layer of a path under src/ and its rank; the shared awk functions.
cat >"$TMP/lib.awk" <<'EOF'
function layer_of(p,   a, n) {
    n = split(p, a, "/")
    if (n < 3 || a[1] != "src") return ""
    if (a[2] == "web") return "http"
    if (a[2] in RANK) return a[2]
    return ""
}
function init_layers() {
    RANK["util"] = 0; RANK["text"] = 1; RANK["core"] = 1; RANK["extract"] = 2
    RANK["store"] = 3; RANK["app"] = 4; RANK["report"] = 5; RANK["http"] = 6
    RANK["cli"] = 7
}
# "" when layer a may depend on layer b, else the rule broken.
function edge_rule(a, b) {
    if (a == b || RANK[b] < RANK[a]) return ""
    if (RANK[b] == RANK[a]) return a " and " b " are siblings: neither may depend on the other"
    return a " may not depend on " b " (upward: " b " is above " a ")"
}
# Each outside library: name, headers, symbols, the files that may use it, why.
function lib(name, h, sym, files, why) {
    LIB[++NLIB] = name; LIB_H[NLIB] = h; LIB_S[NLIB] = sym; LIB_F[NLIB] = files
    LIB_W[NLIB] = why
}
function init_libs() {
    lib("sqlite3", "^sqlite3(ext)?\\.h$", "^sqlite3_", "^src/store/store_sqlite\\.c$",
        "SQLite only in its driver, src/store/store_sqlite.c")
    lib("libpq", "^(libpq-fe\\.h$|libpq/|postgres_ext\\.h$|pg_config)", "^PQ", "^src/store/store_pg\\.c$",
        "libpq only in its driver, src/store/store_pg.c")
    lib("microhttpd", "^microhttpd\\.h$", "^MHD_", "^src/http/server\\.c$",
        "libmicrohttpd only in src/http/server.c")
    lib("sodium", "^sodium(\\.h$|/)", "^(sodium_|crypto_|randombytes_)", "^src/app/app_account\\.c$",
        "libsodium only in src/app/app_account.c")
    lib("cairo-pango", "^(cairo(-[a-z]+)?\\.h$|cairo/|pango/|glib(\\.h$|/|-object\\.h$)|gobject/)",
        "^(cairo_|pango_|g_)", "^src/report/", "cairo and pango (and their glib) only in src/report/")
    lib("xlsxwriter", "^xlsxwriter(\\.h$|/)", "^(lxw_|workbook_|worksheet_|format_|chart_|chartsheet_)",
        "^src/report/", "libxlsxwriter only in src/report/")
    lib("utf8proc", "^utf8proc\\.h$", "^utf8proc_", "^src/text/", "utf8proc only in src/text/")
    lib("jansson", "^jansson(_config)?\\.h$", "^(json_|jansson_)", "^src/(report|http|cli)/",
        "jansson (JSON output) only in src/report/, src/http/, src/cli/")
    lib("zlib", "^(zlib|zconf)\\.h$", "^(deflate|inflate|crc32|adler32|compress|uncompress|zlibVersion|gz[a-z])",
        "^src/http/gzip\\.c$", "zlib only in src/http/gzip.c")
    lib("minizip", "^(minizip/)?(unzip|zip|ioapi|mz[a-z_]*)\\.h$", "^(unz[A-Z]|zip[A-Z]|fill_[a-z0-9_]*filefunc)",
        "^src/app/xlsx_read\\.c$", "minizip only in src/app/xlsx_read.c")
    lib("curl", "^curl/", "^curl_", "^$", "libcurl is used by no file of src/")
}
function allowed(kind, file, what,   k) {
    k = kind " " file " " what
    if (k in ALLOWED) { USED[k] = 1; return 1 }
    return 0
}
function read_allow(path, quiet,   line, n, f, k) {
    while ((getline line < path) > 0) {
        ALLOW_LNO++
        sub(/^[ \t]+/, "", line)
        if (line == "" || substr(line, 1, 1) == "#") continue
        n = split(line, f, /[ \t]+/)
        if ((f[1] == "include" || f[1] == "lib") && n >= 4) k = f[1] " " f[2] " " f[3]
        else if (f[1] == "store" && n >= 3) k = "store " f[2] " " f[3]
        else {
            if (!quiet) printf "%s:%d: %s: an allowlist line is \"lib FILE LIBRARY REASON...\", \"include FILE PATH-OR-HEADER REASON...\" or \"store FILE SYMBOL\"\n", path, ALLOW_LNO, line
            BAD++
            continue
        }
        ALLOWED[k] = 1; ALLOW_AT[k] = ALLOW_LNO; ALLOW_KIND[k] = f[1]
    }
    close(path)
}
function stale(kind, path,   k) {
    for (k in ALLOWED)
        if (ALLOW_KIND[k] == kind && !(k in USED))
            printf "%s:%d: stale: %s is no longer needed; remove the line\n", path, ALLOW_AT[k], substr(k, length(kind) + 2)
}
EOF

# 1. Includes. Every file under src/ is known, so resolving a quoted include is
# normalising a path and looking it up.
find src -type f | sort >"$TMP/files"
find src -type f \( -name '*.c' -o -name '*.h' \) | sort >"$TMP/sources"
# shellcheck disable=SC2046
awk -v allow="$ALLOW" -f "$TMP/lib.awk" -f /dev/stdin "$TMP/files" $(cat "$TMP/sources") \
    >"$TMP/inc.out" <<'EOF'
BEGIN {
    init_layers(); read_allow(allow, 0)
    # C17 and POSIX.1-2017 headers, and the glibc ones libc users reach for.
    n = split("assert.h complex.h ctype.h errno.h fenv.h float.h inttypes.h iso646.h " \
        "limits.h locale.h math.h setjmp.h signal.h stdalign.h stdarg.h stdatomic.h " \
        "stdbool.h stddef.h stdint.h stdio.h stdlib.h stdnoreturn.h string.h tgmath.h " \
        "threads.h time.h uchar.h wchar.h wctype.h " \
        "aio.h arpa/inet.h cpio.h dirent.h dlfcn.h fcntl.h fmtmsg.h fnmatch.h ftw.h " \
        "glob.h grp.h iconv.h langinfo.h libgen.h monetary.h mqueue.h ndbm.h net/if.h " \
        "netdb.h netinet/in.h netinet/tcp.h nl_types.h poll.h pthread.h pwd.h regex.h " \
        "sched.h search.h semaphore.h spawn.h strings.h stropts.h syslog.h tar.h " \
        "termios.h trace.h ulimit.h unistd.h utime.h utmpx.h wordexp.h " \
        "sys/ipc.h sys/mman.h sys/msg.h sys/resource.h sys/select.h sys/sem.h " \
        "sys/shm.h sys/socket.h sys/stat.h sys/statvfs.h sys/time.h sys/times.h " \
        "sys/types.h sys/uio.h sys/un.h sys/utsname.h sys/wait.h " \
        "malloc.h endian.h execinfo.h getopt.h features.h sys/random.h sys/sysinfo.h " \
        "sys/prctl.h sys/file.h sys/ioctl.h", h, " ")
    for (i = 1; i <= n; i++) LIBC[h[i]] = 1
    init_libs()
}
FILENAME == ARGV[1] { FILE[$0] = 1; next }
FNR == 1 { src = FILENAME; me = layer_of(src); dir = src; sub(/\/[^\/]*$/, "", dir)
    if (me == "") { printf "%s:1: %s: the file is in no layer\n", src, src; BAD++ } }
/^[ \t]*#[ \t]*include/ {
    rest = $0; sub(/^[ \t]*#[ \t]*include[ \t]*/, "", rest)
    q = substr(rest, 1, 1)
    if (q == "\"") close_q = "\""; else if (q == "<") close_q = ">"
    else { printf "%s:%d: %s: an include of a macro or of nothing cannot be checked\n", src, FNR, $0; BAD++; next }
    name = substr(rest, 2); e = index(name, close_q)
    if (e == 0) { printf "%s:%d: %s: unterminated include\n", src, FNR, $0; BAD++; next }
    name = substr(name, 1, e - 1); shown = q name close_q
    target = ""
    if (substr(name, 1, 1) == "/") {
        printf "%s:%d: %s: an absolute include path\n", src, FNR, shown; BAD++; next
    }
    if (q == "\"") {
        t = norm(dir "/" name); if (t in FILE) target = t
        else { t = norm("src/" name); if (t in FILE) target = t }
        if (target == "") {
            if (!allowed("include", src, name)) {
                printf "%s:%d: %s: a quoted include must resolve to a file under src/ (from %s/ or -Isrc)\n", src, FNR, shown, dir; BAD++
            }
            next
        }
    } else {
        t = norm("src/" name); if (t in FILE) target = t
    }
    if (target != "") {
        to = layer_of(target)
        if (to == "") r = target " is in no layer"
        else r = edge_rule(me, to)
        if (r == "" && me != to && target ~ /_int\.h$/) r = target " is private to " to "/ (an _int.h header)"
        if (r != "" && me != "" && !allowed("include", src, target)) {
            printf "%s:%d: %s: %s (resolves to %s)\n", src, FNR, shown, r, target; BAD++
        }
        next
    }
    # A system header.
    for (i = 1; i <= NLIB; i++) if (name ~ LIB_H[i]) break
    if (i <= NLIB) {
        if (src !~ LIB_F[i] && !allowed("lib", src, LIB[i])) {
            printf "%s:%d: %s: %s\n", src, FNR, shown, LIB_W[i]; BAD++
        }
    } else if (!(name in LIBC) && !allowed("include", src, name)) {
        printf "%s:%d: %s: neither libc/POSIX nor an outside library of the layer map (tools/check-layers.sh)\n", src, FNR, shown; BAD++
    }
}
function norm(p,   a, n, i, o, k, r) {
    n = split(p, a, "/"); k = 0
    for (i = 1; i <= n; i++) {
        if (a[i] == "" || a[i] == ".") continue
        if (a[i] == ".." && k > 0 && o[k] != "..") { k--; continue }
        o[++k] = a[i]
    }
    r = ""
    for (i = 1; i <= k; i++) r = r (i > 1 ? "/" : "") o[i]
    return r
}
END { stale("include", allow); stale("lib", allow); exit (BAD > 0) }
EOF
inc_st=$?

# 2. Symbols: every undefined symbol an object uses that another object of src/
# defines must be defined in the same or a lower layer.
sym_st=0
if [ -n "$BUILD" ]; then
    : >"$TMP/objs"
    for c in $(find src -name '*.c' | sort); do
        o="$BUILD/${c%.c}.o"
        if [ ! -f "$o" ]; then
            echo "$c:1: $o: no object to check (run make BUILD=$BUILD all)"; sym_st=1
        elif [ "$c" -nt "$o" ]; then
            echo "$c:1: $o: the object is older than its source (run make BUILD=$BUILD all)"; sym_st=1
        else
            echo "$o" >>"$TMP/objs"
        fi
    done
    for o in "$BUILD"/gen/*.o; do [ -f "$o" ] && echo "$o" >>"$TMP/objs"; done
    # shellcheck disable=SC2046
    if [ "$sym_st" -ne 0 ]; then
        echo "$BUILD: symbols not checked: the objects above are missing or out of date"
    elif [ -s "$TMP/objs" ] && nm -P -A $(cat "$TMP/objs") >"$TMP/nm" 2>"$TMP/nm.err"; then
        awk -v allow="$ALLOW" -v build="$BUILD" -f "$TMP/lib.awk" -f /dev/stdin "$TMP/nm" \
            >"$TMP/sym.out" <<'EOF' || sym_st=1
BEGIN { init_layers(); init_libs(); read_allow(allow, 1); ALLOW_BAD = BAD; BAD = 0 }
{   # "BUILD/src/http/router.o: name T value size" (nm -P -A)
    obj = $1; sub(/:$/, "", obj); sym = $2; ty = $3
    if (ty == "U" || ty == "w" || ty == "v") { nref++; ROBJ[nref] = obj; RSYM[nref] = sym; next }
    if (ty ~ /^[A-Z]$/) DEF[sym] = obj
}
function src_of(o) { o = substr(o, length(build) + 2); sub(/\.o$/, ".c", o); return o }
function layer_obj(o,   s) {
    s = src_of(o)
    if (s == "gen/migrations.c") return "store"
    if (s == "gen/web_assets.c") return "http"
    return layer_of(s)
}
function line_of(file, sym,   line, n, r) {
    n = 0; r = 0
    while ((getline line < file) > 0) {
        n++
        if (line ~ ("(^|[^A-Za-z0-9_])" sym "([^A-Za-z0-9_]|$)")) { r = n; break }
    }
    close(file)
    return r
}
END {
    for (i = 1; i <= nref; i++) {
        o = ROBJ[i]; s = RSYM[i]
        f = src_of(o)
        if (!(s in DEF)) {  # from outside src/: a library's?
            for (j = 1; j <= NLIB; j++) if (s ~ LIB_S[j]) break
            if (j <= NLIB && f !~ LIB_F[j] && !allowed("lib", f, LIB[j]) && !((f " " j) in SAID)) {
                SAID[f " " j] = 1
                printf "%s:%d: %s: %s (the object uses %s)\n", f, line_of(f, s), s, LIB_W[j], LIB[j]; BAD++
            }
            continue
        }
        if (DEF[s] == o) continue
        me = layer_obj(o); to = layer_obj(DEF[s])
        if (me == "" || to == "") continue
        r = edge_rule(me, to)
        if (r != "") {
            printf "%s:%d: %s: %s (defined in %s)\n", f, line_of(f, s), s, r, src_of(DEF[s]); BAD++
        } else if ((me == "http" || me == "cli") && to == "store" && s != "store_open" && s != "store_close" \
                   && !allowed("store", f, s)) {
            printf "%s:%d: %s: a new store call from %s/ (defined in %s): go through app/; %s lists the calls allowed\n", \
                f, line_of(f, s), s, me, src_of(DEF[s]), allow; BAD++
        }
    }
    stale("store", allow)
    exit ((BAD + ALLOW_BAD) > 0)
}
EOF
    else
        echo "$BUILD: nm failed:"; cat "$TMP/nm.err"; sym_st=1
    fi
fi

sort -t: -k1,1 -k2,2n "$TMP/inc.out"
[ -f "$TMP/sym.out" ] && sort -t: -k1,1 -k2,2n "$TMP/sym.out"
if [ "$inc_st" -ne 0 ] || [ "$sym_st" -ne 0 ]; then
    exit 1
fi
if [ -n "$BUILD" ]; then
    echo "layers ok"
else
    echo "layers ok (includes only: give a build directory to check the symbols too)"
fi
exit 0
