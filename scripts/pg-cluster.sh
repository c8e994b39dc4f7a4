#!/bin/sh
# A throwaway PostgreSQL cluster for the tests and the benchmarks.
#
#   sh scripts/pg-cluster.sh start DIR       fresh cluster in DIR; prints its URL
#   sh scripts/pg-cluster.sh url DIR         prints the URL again
#   sh scripts/pg-cluster.sh newdb DIR NAME  (re)creates database NAME; prints its URL
#   sh scripts/pg-cluster.sh stop DIR        stops the server, removes DIR
#
# Only URLs go to stdout; progress and failures go to stderr. DIR holds
# data/ (the cluster), log (the server's), url and the socket. The server
# listens on 127.0.0.1 only, on a free port picked at random, and trusts
# every local connection: a test fixture, never a place for real data.
#
# initdb refuses to run as root, and CI runs as root: then the cluster
# belongs to a system user, gbtest, created if missing. The binaries are
# the ones on PATH, else the newest of Debian's /usr/lib/postgresql/*/bin
# (not on PATH there); $PG_BINDIR chooses explicitly.
set -eu

MARK=.giaoban-pg-cluster
OWNER=gbtest

say() { echo "pg-cluster: $*" >&2; }
die() { say "$*"; exit 1; }

usage() {
    echo "usage: sh scripts/pg-cluster.sh start DIR | stop DIR | url DIR | newdb DIR NAME" >&2
    exit 2
}

# The directory with initdb, pg_ctl and postgres of one version, together.
find_bindir() {
    if [ -n "${PG_BINDIR:-}" ]; then
        [ -x "$PG_BINDIR/initdb" ] || die "no initdb in PG_BINDIR=$PG_BINDIR"
        echo "$PG_BINDIR"
        return
    fi
    if p=$(command -v initdb 2>/dev/null) && [ -n "$p" ]; then
        # /usr/local/bin/initdb may be a link into the real directory, beside pg_ctl.
        d=$(dirname "$(readlink -f "$p")")
        if [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then
            echo "$d"
            return
        fi
    fi
    best=""
    best_v=-1
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] || continue
        v=$(basename "$(dirname "$d")")
        v=${v%%.*}
        case "$v" in '' | *[!0-9]*) continue ;; esac
        if [ "$v" -gt "$best_v" ]; then
            best=$d
            best_v=$v
        fi
    done
    [ -n "$best" ] || die "initdb not found (install the postgresql package)"
    echo "$best"
}

# A client tool: beside the server's binaries, else on PATH.
tool() {
    if [ -x "$BINDIR/$1" ]; then
        echo "$BINDIR/$1"
    elif command -v "$1" >/dev/null 2>&1; then
        command -v "$1"
    else
        die "$1 not found"
    fi
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command as the cluster's owner: gbtest when we are root, else ourselves.
as_owner() {
    if ! is_root; then
        (cd / && "$@")
    elif command -v runuser >/dev/null 2>&1 || [ -x /usr/sbin/runuser ]; then
        (cd / && PATH="$PATH:/usr/sbin:/sbin" runuser -u "$OWNER" -- "$@")
    else
        cmd=""
        for a in "$@"; do
            cmd="$cmd '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
        done
        (cd / && su "$OWNER" -s /bin/sh -c "$cmd")
    fi
}

ensure_owner_user() {
    id "$OWNER" >/dev/null 2>&1 && return
    say "creating system user $OWNER (initdb does not run as root)"
    PATH="$PATH:/usr/sbin:/sbin"
    if command -v useradd >/dev/null 2>&1; then
        useradd -r -M -d /nonexistent -s /bin/sh "$OWNER" 2>/dev/null || true
    elif command -v adduser >/dev/null 2>&1; then
        adduser --system --no-create-home --shell /bin/sh "$OWNER" >/dev/null 2>&1 || true
    fi
    id "$OWNER" >/dev/null 2>&1 || die "could not create user $OWNER"
}

# gbtest must reach DIR: give search (x, not read) permission on each parent lacking it.
ensure_traversable() {
    d=$(dirname "$1")
    while [ "$d" != "/" ]; do
        if ! as_owner test -x "$d"; then
            say "allowing $OWNER to traverse $d (chmod o+x)"
            chmod o+x "$d"
        fi
        d=$(dirname "$d")
    done
}

abspath() {
    case "$1" in
    /*) echo "$1" ;;
    *) echo "$(pwd)/$1" ;;
    esac
}

# 0 if something listens on 127.0.0.1:$1 (or on every address).
port_taken() {
    if command -v ss >/dev/null 2>&1; then
        ss -ltnH 2>/dev/null | awk '{print $4}' | grep -q ":$1\$"
    elif command -v bash >/dev/null 2>&1; then
        bash -c ": >/dev/tcp/127.0.0.1/$1" 2>/dev/null
    else
        return 1 # unknown: the server's own bind decides, and we retry
    fi
}

random_port() {
    n=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
    echo $((20000 + n % 40001))
}

server_running() {
    [ -f "$1/data/PG_VERSION" ] && as_owner "$BINDIR/pg_ctl" -D "$1/data" status >/dev/null 2>&1
}

stop_server() {
    if server_running "$1"; then
        say "stopping the server in $1"
        as_owner "$BINDIR/pg_ctl" -D "$1/data" -m fast -w -t 60 stop >&2 ||
            die "could not stop the server in $1"
    fi
}

# Refuse to delete a directory this script did not make (a mistyped argument).
check_ours() {
    [ -d "$1" ] || return 0
    [ -f "$1/$MARK" ] && return 0
    [ -z "$(ls -A "$1")" ] && return 0
    die "$1 is not empty and is not a cluster made by this script; refusing to touch it"
}

url_of() {
    [ -f "$1/url" ] || die "no cluster in $1 (no $1/url)"
    cat "$1/url"
}

port_of() {
    url_of "$1" | sed -E 's|^.*@127\.0\.0\.1:([0-9]+)/.*$|\1|'
}

cmd_start() {
    dir=$(abspath "$1")
    case "$dir" in *"'"* | *'"'* | *\\*) die "DIR must not contain quotes or backslashes" ;; esac
    check_ours "$dir"
    stop_server "$dir"
    rm -rf "$dir"
    mkdir -p "$dir"
    : >"$dir/$MARK"
    chmod 755 "$dir"
    if is_root; then
        ensure_owner_user
        chown -R "$OWNER" "$dir"
        ensure_traversable "$dir"
    fi

    initdb=$BINDIR/initdb
    say "initdb ($initdb) in $dir/data"
    if ! as_owner "$initdb" -D "$dir/data" -U giaoban --auth=trust -E UTF8 --locale=C.UTF-8 \
        --no-sync >"$dir/initdb.log" 2>&1; then
        say "locale C.UTF-8 refused; trying C"
        rm -rf "$dir/data"
        as_owner "$initdb" -D "$dir/data" -U giaoban --auth=trust -E UTF8 --locale=C \
            --no-sync >"$dir/initdb.log" 2>&1 || {
            tail -n 20 "$dir/initdb.log" >&2
            die "initdb failed"
        }
    fi

    # A Unix socket path longer than sun_path (108 bytes) is refused: then TCP only.
    sock=$dir
    [ ${#dir} -le 80 ] || sock=""
    tries=0
    while :; do
        tries=$((tries + 1))
        port=$(random_port)
        if port_taken "$port"; then
            [ "$tries" -lt 50 ] || die "no free port found"
            continue
        fi
        say "starting on 127.0.0.1:$port"
        if as_owner "$BINDIR/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k '$sock' -c fsync=on -c max_connections=50" \
            start >&2; then
            break
        fi
        # Another program took the port between the check and the bind: try another.
        if [ "$tries" -lt 5 ] && tail -n 20 "$dir/log" 2>/dev/null |
            grep -qiE 'could not bind|address already in use|could not create any TCP'; then
            say "port $port was taken; trying another"
            continue
        fi
        say "the server did not start; the end of $dir/log:"
        tail -n 30 "$dir/log" >&2 || true
        exit 1
    done

    url="postgres://giaoban@127.0.0.1:$port/giaoban"
    if ! "$(tool createdb)" -h 127.0.0.1 -p "$port" -U giaoban giaoban >&2; then
        stop_server "$dir"
        die "createdb giaoban failed"
    fi
    echo "$url" >"$dir/url"
    chmod 644 "$dir/url"
    echo "$url"
}

cmd_stop() {
    dir=$(abspath "$1")
    [ -e "$dir" ] || return 0
    check_ours "$dir"
    stop_server "$dir"
    rm -rf "$dir"
}

cmd_newdb() {
    dir=$(abspath "$1")
    name=$2
    case "$name" in
    '' | [0-9]* | *[!a-z0-9_]*) die "database name must be lowercase letters, digits, _: $name" ;;
    esac
    [ ${#name} -le 63 ] || die "database name longer than 63 bytes: $name"
    [ -f "$dir/url" ] || die "no cluster in $dir (no $dir/url)"
    port=$(port_of "$dir")
    PGOPTIONS="-c client_min_messages=warning" "$(tool dropdb)" --if-exists -h 127.0.0.1 -p "$port" -U giaoban "$name" >&2
    "$(tool createdb)" -h 127.0.0.1 -p "$port" -U giaoban "$name" >&2
    echo "postgres://giaoban@127.0.0.1:$port/$name"
}

[ $# -ge 2 ] || usage
case "$1" in
start)
    [ $# -eq 2 ] || usage
    BINDIR=$(find_bindir)
    cmd_start "$2"
    ;;
stop)
    [ $# -eq 2 ] || usage
    BINDIR=$(find_bindir)
    cmd_stop "$2"
    ;;
url)
    [ $# -eq 2 ] || usage
    url_of "$(abspath "$2")"
    ;;
newdb)
    [ $# -eq 3 ] || usage
    BINDIR=$(find_bindir)
    cmd_newdb "$2" "$3"
    ;;
*) usage ;;
esac
