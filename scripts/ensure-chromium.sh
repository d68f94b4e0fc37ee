#!/usr/bin/env bash
# Make sure Debian's headless-capable Chromium is installed (used by the docs smoke test).
# Idempotent: does nothing when /usr/bin/chromium already exists. Needs root (or sudo) and
# access to the Debian package mirrors; the test suite fails with a pointer to this script
# when Chromium is missing.
set -euo pipefail
. "$(dirname "$0")/apt-install.sh"

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
    exit 0
fi

apt_install "ensure-chromium (for the docs browser smoke test)" chromium
"$CHROMIUM" --version >&2
