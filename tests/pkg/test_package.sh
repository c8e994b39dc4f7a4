#!/bin/sh
# The Debian package and make install:
#   tests/pkg/test_package.sh [BUILD]      (BUILD: the build directory, default build)
# Builds BUILD/giaoban_VERSION_ARCH.deb (make deb), inspects it with dpkg-deb -I and -c (the
# files, the conffile, the Depends against the libraries the binary needs, the postinst's
# system user and data folder, the unit's hardening lines; systemd-analyze verify and its
# exposure score when systemd-analyze is there; the postinst run with the commands it calls
# stubbed: adduser --system and the data folder on a first install, no adduser on an
# upgrade), extracts it into a throwaway root (dpkg-deb
# -x: nothing is installed on this machine), renders the man page with man -l and groff -ww
# (no warning; every command of `giaoban --help` has its subsection), then starts the
# extracted binary as the unit does (serve --config with the shipped file, only the database
# and the port changed) as the user nobody (setpriv; as the current user when not root, and
# it says so), on a fresh SQLite database in a folder only nobody may write: /healthz and
# /readyz answer 200 (/readyz: {"status":"ready"}, the database read), SIGTERM exits 0. Also
# a bad configuration refused naming the file and the line, and make install / install-config
# / uninstall into a DESTDIR. A missing tool is a failure. Last line "N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
export LC_ALL=C.UTF-8
unset GIAOBAN_DB GIAOBAN_TODAY
PASS=0
FAIL=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/giaoban-pkg.XXXXXX")
chmod 755 "$TMP"
SPID=""

pass() { PASS=$((PASS + 1)); }
fail() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
check() { # name, command...: passes when the command succeeds
    name=$1; shift
    if "$@" >/dev/null 2>&1; then pass; else fail "$name"; fi
}
finish() {
    if [ -n "$SPID" ]; then kill "$SPID" 2>/dev/null; fi
    echo "$PASS passed, $FAIL failed"
    rm -rf "$TMP"
    [ "$FAIL" -eq 0 ]
    exit $?
}

# ---- the tools ----
for tool in dpkg-deb dpkg-shlibdeps dpkg man groff curl objdump ldd make; do
    if command -v "$tool" >/dev/null 2>&1; then pass; else
        fail "tool $tool is missing (scripts/install-deps.sh installs it)"
    fi
done
[ "$FAIL" -eq 0 ] || finish

# ---- build the package ----
if ! make -s BUILD="$BUILD" deb >"$TMP/make.out" 2>&1; then
    fail "make deb: $(tail -n 20 "$TMP/make.out")"
    finish
fi
DEB=$(tail -n 1 "$TMP/make.out")
case "$DEB" in "$BUILD"/giaoban_*_*.deb) pass ;; *) fail "make deb named '$DEB'" ;; esac
[ -f "$DEB" ] || { fail "no package at '$DEB'"; finish; }
pass

# ---- dpkg-deb -I: the control file ----
dpkg-deb -I "$DEB" >"$TMP/info" 2>&1 || fail "dpkg-deb -I"
field() { dpkg-deb -f "$DEB" "$1" 2>/dev/null; }
[ "$(field Package)" = giaoban ] && pass || fail "Package: '$(field Package)'"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] && pass || fail "Architecture"
case $(field Version) in [0-9]*) pass ;; *) fail "Version: '$(field Version)'" ;; esac
grep -q ' conffiles' "$TMP/info" && pass || fail "dpkg-deb -I lists no conffiles"
DEPENDS=$(field Depends)
echo "Depends: $DEPENDS"
has_dep() { echo ", $DEPENDS," | grep -Eq ", $1( \\([^)]*\\))?,"; }
has_dep adduser && pass || fail "Depends lacks adduser (the postinst's adduser)"
mkdir -p "$TMP/root" "$TMP/control"
dpkg-deb -x "$DEB" "$TMP/root" || { fail "dpkg-deb -x"; finish; }
dpkg-deb -e "$DEB" "$TMP/control" || fail "dpkg-deb -e"
BIN=$TMP/root/usr/bin/giaoban
# Every library the binary names (NEEDED) must be in Depends by its Debian package.
objdump -p "$BIN" | awk '$1 == "NEEDED" { print $2 }' >"$TMP/needed"
[ -s "$TMP/needed" ] && pass || fail "objdump found no NEEDED libraries"
while read -r so; do
    path=$(ldd "$BIN" | awk -v so="$so" '$1 == so { print $3 }')
    if [ -z "$path" ]; then fail "ldd does not resolve $so"; continue; fi
    pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -n 1 | cut -d: -f1)
    [ -n "$pkg" ] || pkg=$(dpkg -S "$path" 2>/dev/null | head -n 1 | cut -d: -f1)
    if [ -z "$pkg" ]; then fail "no Debian package owns $path ($so)"; continue; fi
    if has_dep "$pkg"; then pass; else fail "Depends lacks $pkg (for $so)"; fi
done <"$TMP/needed"
grep -qx '/etc/giaoban/giaoban.conf' "$TMP/control/conffiles" && pass ||
    fail "conffiles lacks /etc/giaoban/giaoban.conf"
grep -q 'adduser .*--system' "$TMP/control/postinst" && pass || fail "postinst: no adduser --system"
grep -q 'install -d -o giaoban -g giaoban -m 0750 /var/lib/giaoban' "$TMP/control/postinst" &&
    pass || fail "postinst: no /var/lib/giaoban owned by giaoban"
for s in postinst prerm postrm; do
    [ -x "$TMP/control/$s" ] && sh -n "$TMP/control/$s" && pass || fail "maintainer script $s"
done
# The postinst run with every command it calls stubbed (each logs its arguments and changes
# nothing): the user is made when getent does not know it, not when it does.
mkdir -p "$TMP/stubs"
for cmd in adduser install chown chmod dpkg-statoverride systemctl; do
    printf '#!/bin/sh\necho "%s $*" >>"%s/stubs.log"\n' "$cmd" "$TMP" >"$TMP/stubs/$cmd"
done
printf '#!/bin/sh\nexit 2\n' >"$TMP/stubs/getent"   # no such user yet
printf '#!/bin/sh\nexit 1\n' >>"$TMP/stubs/dpkg-statoverride"   # no override
chmod 755 "$TMP/stubs"/*
if PATH="$TMP/stubs:$PATH" sh "$TMP/control/postinst" configure "" >/dev/null 2>&1; then pass
else fail "postinst configure (stubbed) failed"; fi
grep -qx 'adduser --quiet --system --group --home /var/lib/giaoban --no-create-home --shell /usr/sbin/nologin giaoban' \
    "$TMP/stubs.log" && pass || fail "postinst: adduser not called as expected: $(cat "$TMP/stubs.log")"
grep -qx 'install -d -o giaoban -g giaoban -m 0750 /var/lib/giaoban' "$TMP/stubs.log" && pass ||
    fail "postinst: /var/lib/giaoban not made: $(cat "$TMP/stubs.log")"
: >"$TMP/stubs.log"
printf '#!/bin/sh\necho "giaoban:x:999:999::/var/lib/giaoban:/usr/sbin/nologin"\n' >"$TMP/stubs/getent"
PATH="$TMP/stubs:$PATH" sh "$TMP/control/postinst" configure 0.1.0 >/dev/null 2>&1
if grep -q '^adduser' "$TMP/stubs.log"; then fail "postinst: adduser again on upgrade"; else pass; fi

# ---- dpkg-deb -c: the files ----
dpkg-deb -c "$DEB" >"$TMP/list" || fail "dpkg-deb -c"
for f in ./usr/bin/giaoban ./usr/share/man/man1/giaoban.1.gz ./etc/giaoban/giaoban.conf \
    ./lib/systemd/system/giaoban.service ./usr/share/doc/giaoban/copyright; do
    if awk -v f="$f" '$6 == f { found = 1 } END { exit !found }' "$TMP/list"; then pass; else
        fail "package lacks $f"
    fi
done
awk '$2 != "root/root" { bad = 1 } END { exit bad }' "$TMP/list" && pass ||
    fail "files not owned by root/root"
awk '$6 == "./usr/bin/giaoban" { exit !($1 ~ /^-rwxr-xr-x/) }' "$TMP/list" && pass ||
    fail "usr/bin/giaoban is not 0755"

# ---- the unit ----
UNIT=$TMP/root/lib/systemd/system/giaoban.service
for line in 'User=giaoban' 'ExecStart=/usr/bin/giaoban serve --config /etc/giaoban/giaoban.conf' \
    'ProtectSystem=strict' 'ProtectHome=yes' 'NoNewPrivileges=yes' 'PrivateTmp=yes' \
    'PrivateDevices=yes' 'ProtectKernelTunables=yes' 'ProtectKernelModules=yes' \
    'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX' 'ReadWritePaths=/var/lib/giaoban' \
    'CapabilityBoundingSet=' 'SystemCallFilter=@system-service' 'Restart=on-failure' \
    'WantedBy=multi-user.target'; do
    grep -qxF "$line" "$UNIT" && pass || fail "unit lacks the line '$line'"
done
if command -v systemd-analyze >/dev/null 2>&1; then
    # As installed, but with ExecStart at the extracted binary (verify checks it exists).
    mkdir -p "$TMP/unit"
    sed "s|/usr/bin/giaoban|$BIN|" "$UNIT" >"$TMP/unit/giaoban.service"
    if systemd-analyze verify --man=no "$TMP/unit/giaoban.service" >"$TMP/verify" 2>&1; then
        pass
    else
        fail "systemd-analyze verify: $(cat "$TMP/verify")"
    fi
    score=$(systemd-analyze security --offline=yes "$TMP/unit/giaoban.service" 2>/dev/null |
        sed -nE 's/.*Overall exposure level for giaoban.service: ([0-9.]+).*/\1/p')
    echo "systemd-analyze security: exposure $score"
    if [ -n "$score" ] && awk -v s="$score" 'BEGIN { exit !(s <= 2.0) }'; then pass; else
        fail "systemd-analyze security: exposure '$score', want at most 2.0"
    fi
else
    echo "SKIP systemd-analyze is not installed: the unit was checked line by line only"
fi

# ---- the man page ----
MAN=$TMP/root/usr/share/man/man1/giaoban.1.gz
if man --warnings -l "$MAN" >"$TMP/man.out" 2>"$TMP/man.err"; then pass; else
    fail "man -l: exit status $?"
fi
[ ! -s "$TMP/man.err" ] && pass || fail "man --warnings -l: $(head -n 5 "$TMP/man.err")"
zcat "$MAN" | groff -k -ww -man -Tutf8 -z >"$TMP/groff.err" 2>&1
[ ! -s "$TMP/groff.err" ] && pass || fail "groff -ww: $(head -n 5 "$TMP/groff.err")"
for text in 'GIAOBAN(1)' 'TÊN' 'CÁC LỆNH' 'TỆP CẤU HÌNH' 'TRẠNG THÁI THOÁT' \
    '/etc/giaoban/giaoban.conf' 'giaoban serve'; do
    grep -qF "$text" "$TMP/man.out" && pass || fail "man page lacks '$text'"
done
# Each command the binary lists has its subsection (the page is made from the binary).
zcat "$MAN" | sed -n 's/^\.SS //p' | sed 's/\\-/-/g' >"$TMP/man.sections"
"$BIN" --help | awk '/^Các lệnh:/ { on = 1; next } on && /^$/ { exit } on { print $1, $2 }' |
while read -r name second; do
    if grep -qxF "$name $second" "$TMP/man.sections" || grep -qxF "$name" "$TMP/man.sections"
    then echo pass; else echo "fail $name $second"; fi
done >"$TMP/man.commands"
n=$(grep -c '^pass' "$TMP/man.commands")
[ "$n" -ge 20 ] && pass || fail "only $n commands of --help in the man page"
if grep -q '^fail' "$TMP/man.commands"; then
    fail "commands missing from the man page: $(grep '^fail' "$TMP/man.commands" | tr '\n' ' ')"
else pass; fi

# ---- run it as the service does ----
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1 && command -v setpriv >/dev/null 2>&1; then
    GROUP=$(id -gn nobody)
    AS="setpriv --reuid=nobody --regid=$GROUP --clear-groups --no-new-privs --"
    echo "running the extracted server as nobody:$GROUP (the package's giaoban user stands in)"
else
    GROUP=$(id -gn)
    AS=""
    echo "NOTE: not root (or no nobody/setpriv): running the server as $(id -un), not a service user"
fi
DATA=$TMP/var/lib/giaoban
ETC=$TMP/etc/giaoban
mkdir -p "$DATA" "$ETC"
chmod 755 "$TMP/var" "$TMP/var/lib" "$TMP/etc"
chmod 750 "$DATA"
CONF=$ETC/giaoban.conf
# The shipped file, with only the database and the port changed (every other key as shipped).
sed -e "s|^db = .*|db = $DATA/giaoban.db|" -e "s|^listen = .*|listen = 127.0.0.1:0|" \
    "$TMP/root/etc/giaoban/giaoban.conf" >"$CONF"
grep -q "^db = $DATA/giaoban.db\$" "$CONF" && grep -q '^listen = 127.0.0.1:0$' "$CONF" && pass ||
    fail "the shipped configuration has no db or listen line to change"
chmod 640 "$CONF"
if [ -n "$AS" ]; then
    chown "nobody:$GROUP" "$DATA"
    chown "root:$GROUP" "$CONF"
fi
# The data folder is the only place it may write: the folder above is not its own.
(cd "$DATA" && exec $AS "$BIN" serve --config "$CONF" >"$TMP/serve.out" 2>"$TMP/serve.err") &
SPID=$!
i=0
while [ $i -lt 100 ] && ! grep -q listening "$TMP/serve.out" 2>/dev/null; do
    kill -0 "$SPID" 2>/dev/null || break
    sleep 0.1; i=$((i + 1))
done
PORT=$(sed -nE 's/^listening on http:\/\/127\.0\.0\.1:([0-9]+)$/\1/p' "$TMP/serve.out")
if [ -z "$PORT" ]; then
    fail "the extracted server did not start: $(cat "$TMP/serve.err" "$TMP/serve.out" | head -n 5)"
    SPID=""
    finish
fi
pass
code=$(curl -s -o "$TMP/health" -w '%{http_code}' "http://127.0.0.1:$PORT/healthz")
[ "$code" = 200 ] && pass || fail "/healthz: $code $(cat "$TMP/health")"
code=$(curl -s -o "$TMP/ready" -w '%{http_code}' "http://127.0.0.1:$PORT/readyz")
if [ "$code" = 200 ] && grep -q '"status":"ready"' "$TMP/ready"; then
    pass
else
    fail "/readyz: $code $(cat "$TMP/ready"), want 200 {\"status\":\"ready\"}"
fi
# The database was made where the configuration says, by the service's user.
[ -f "$DATA/giaoban.db" ] && pass || fail "no database at $DATA/giaoban.db"
if [ -n "$AS" ]; then
    [ "$(stat -c %U "$DATA/giaoban.db" 2>/dev/null)" = nobody ] && pass ||
        fail "the database is not owned by nobody"
fi
# A read of the API answers too (401 without a session: the server and the database work).
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/v1/units")
[ "$code" = 401 ] && pass || fail "/api/v1/units without a session: $code, want 401"
kill -TERM "$SPID"
wait "$SPID"
st=$?
SPID=""
[ "$st" -eq 0 ] && pass || fail "SIGTERM: exit status $st, want 0 ($(tail -n 3 "$TMP/serve.err"))"

# ---- a bad configuration starts nothing and says where ----
printf 'db = %s/other.db\nlisten = 127.0.0.1:0\nthread = 4\n' "$DATA" >"$TMP/bad.conf"
$AS "$BIN" serve --config "$TMP/bad.conf" >"$TMP/bad.out" 2>"$TMP/bad.err" </dev/null
st=$?
[ "$st" -eq 2 ] && pass || fail "bad configuration: exit status $st, want 2"
grep -q "$TMP/bad.conf, dòng 3: không có khóa 'thread'" "$TMP/bad.err" && pass ||
    fail "bad configuration: message '$(cat "$TMP/bad.err")'"
[ ! -e "$DATA/other.db" ] && pass || fail "a bad configuration opened its database"
# The command line wins over the file: --threads 0 is refused as an option.
$AS "$BIN" serve --config "$CONF" --threads 0 >/dev/null 2>"$TMP/cl.err" </dev/null
st=$?
[ "$st" -eq 2 ] && grep -q -- '--threads' "$TMP/cl.err" && pass ||
    fail "--threads 0 over the file: exit $st, '$(cat "$TMP/cl.err")'"

# ---- make install, install-config, uninstall into a DESTDIR ----
D=$TMP/dest
if make -s BUILD="$BUILD" DESTDIR="$D" PREFIX=/usr install install-config >"$TMP/inst.out" 2>&1
then pass; else fail "make install: $(tail -n 5 "$TMP/inst.out")"; fi
for f in usr/bin/giaoban usr/share/man/man1/giaoban.1 etc/giaoban/giaoban.conf; do
    [ -f "$D/$f" ] && pass || fail "make install: no $f"
done
[ -x "$D/usr/bin/giaoban" ] && pass || fail "make install: giaoban not executable"
echo "# edited" >>"$D/etc/giaoban/giaoban.conf"
make -s BUILD="$BUILD" DESTDIR="$D" PREFIX=/usr install-config >/dev/null 2>&1
grep -q '^# edited$' "$D/etc/giaoban/giaoban.conf" && pass ||
    fail "make install-config overwrote an existing configuration"
make -s BUILD="$BUILD" DESTDIR="$D" PREFIX=/usr uninstall >/dev/null 2>&1 && pass ||
    fail "make uninstall"
[ ! -e "$D/usr/bin/giaoban" ] && [ ! -e "$D/usr/share/man/man1/giaoban.1" ] && pass ||
    fail "make uninstall left files"
[ -f "$D/etc/giaoban/giaoban.conf" ] && pass || fail "make uninstall removed the configuration"

finish
