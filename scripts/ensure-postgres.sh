#!/usr/bin/env bash
# Make sure Debian's PostgreSQL server binaries are installed (the service's storage tests run
# against SQLite *and* PostgreSQL). Idempotent: does nothing when initdb is already there.
# The tests start a throwaway cluster of their own (tests/service/postgres.py: a temporary data
# directory owned by the postgres user, a free loopback port, removed afterwards), so no system
# service is started or changed here. Needs root (or sudo) and the Debian package mirrors.
set -euo pipefail
. "$(dirname "$0")/apt-install.sh"

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    exit 0
fi

apt_install "ensure-postgres (for the service storage tests)" postgresql
ls /usr/lib/postgresql/*/bin/initdb >&2
