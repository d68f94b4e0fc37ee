#!/usr/bin/env bash
# Make sure Debian's headless-capable Chromium is installed (used by the docs smoke test).
# Idempotent: does nothing when /usr/bin/chromium already exists. Needs root (or sudo) and
# access to the Debian package mirrors; the test suite fails with a pointer to this script
# when Chromium is missing.
set -euo pipefail

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "ensure-chromium: $CHROMIUM is missing and this user is not root; install the" \
             "Debian package 'chromium' by hand" >&2
        exit 1
    fi
fi

echo "ensure-chromium: installing Debian's chromium (for the docs browser smoke test)" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
"$CHROMIUM" --version >&2
