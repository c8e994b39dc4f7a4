#!/bin/sh
# Install what Giao Ban needs from Debian's packages, only what is missing.
# Runs as root, or through sudo. Safe to run again: it installs nothing twice.
set -eu

PKGS="build-essential pkg-config clang
libsqlite3-dev sqlite3
libpq-dev postgresql postgresql-client
libutf8proc-dev libjansson-dev libsodium-dev libmicrohttpd-dev libcurl4-openssl-dev
libxlsxwriter-dev libpango1.0-dev libcairo2-dev fonts-liberation
libminizip-dev zlib1g-dev poppler-utils
valgrind hyperfine jq
dpkg-dev man-db groff-base curl
chromium nodejs"
# (The browser tests also need npm and playwright-core: scripts/install-web-deps.sh; npm is not
# listed here because a Node.js from elsewhere carries its own and conflicts with Debian's.)

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    echo "install-deps: everything is installed"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=sudo
    else
        echo "install-deps: need root (or sudo) to install:$missing" >&2
        exit 1
    fi
else
    SUDO=
fi

echo "install-deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
