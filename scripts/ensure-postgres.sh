#!/usr/bin/env bash
# Make sure Debian's PostgreSQL server binaries are installed (the service's storage tests run
# against SQLite *and* PostgreSQL). Idempotent: does nothing when initdb is already there.
# The tests start a throwaway cluster of their own (tests/service/postgres.py: a temporary data
# directory owned by the postgres user, a free loopback port), so no system service is started
# or changed here. Needs root (or sudo) and access to the Debian package mirrors.
set -euo pipefail

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "ensure-postgres: PostgreSQL is missing and this user is not root; install the" \
             "Debian package 'postgresql' by hand" >&2
        exit 1
    fi
fi

echo "ensure-postgres: installing Debian's postgresql (for the service storage tests)" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# policy-rc.d 101: the package must not start the system cluster (the tests start their own)
POLICY=/usr/sbin/policy-rc.d
if [ ! -e "$POLICY" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
    $SUDO chmod +x "$POLICY"
    trap '$SUDO rm -f "$POLICY"' EXIT
fi
$SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
ls /usr/lib/postgresql/*/bin/initdb >&2
