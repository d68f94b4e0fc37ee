"""A throwaway PostgreSQL cluster for the storage tests (Debian's server binaries).

``CANON_TEST_POSTGRES_URL`` points the tests at an existing server instead. Otherwise a
cluster is created in a temporary folder, owned by the ``postgres`` user when the tests run
as root (PostgreSQL refuses to run as root), listening on a free loopback port, and removed
afterwards. ``make test`` installs the binaries first (scripts/ensure-postgres.sh).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from .server import free_port

HINT = "PostgreSQL server binaries are missing: run `bash scripts/ensure-postgres.sh` (make test does)"


def _bin_dir() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return os.path.dirname(found[-1]) if found else None


def _as_owner(args: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", "postgres", "--", *args]


@contextmanager
def cluster() -> Iterator[str]:
    """Yields a ``postgresql://`` URL of an empty database."""
    given = os.environ.get("CANON_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    bin_dir = _bin_dir()
    if bin_dir is None:
        raise RuntimeError(HINT)
    folder = tempfile.mkdtemp(prefix="canon-pg-")
    data = os.path.join(folder, "data")
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    port = free_port()
    try:
        subprocess.run(_as_owner([f"{bin_dir}/initdb", "-D", data, "-U", "postgres", "--auth=trust",
                                  "--no-sync", "-E", "UTF8"]), check=True, capture_output=True)
        subprocess.run(_as_owner([f"{bin_dir}/pg_ctl", "-D", data, "-w", "-l", f"{folder}/log", "-o",
                                  f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off",
                                  "start"]), check=True, capture_output=True)
        try:
            yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(_as_owner([f"{bin_dir}/pg_ctl", "-D", data, "-m", "immediate", "stop"]),
                           capture_output=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
