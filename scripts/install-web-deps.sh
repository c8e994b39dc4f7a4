#!/bin/sh
# scripts/install-web-deps.sh - what the browser tests (tests/web/) need, only what is missing:
# Debian's Chromium, Node.js and npm (apt-get), and playwright-core from the npm registry,
# installed by `npm ci` exactly as package-lock.json pins it. No browser is downloaded:
# the tests drive /usr/bin/chromium. Safe to run again; runs as root or through sudo.
set -eu
cd "$(dirname "$0")/.."

SUDO=
if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
fi

missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
# A Node.js from elsewhere may carry its own npm; Debian's npm only where there is none.
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -n "$missing" ]; then
    echo "install-web-deps: installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# npm ci only when node_modules does not match the lock file already.
if [ -d node_modules/playwright-core ] && cmp -s package-lock.json node_modules/.giaoban-lock; then
    echo "install-web-deps: everything is installed"
    exit 0
fi
echo "install-web-deps: npm ci (playwright-core)"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json node_modules/.giaoban-lock
