"""Atomic file writes: a temporary file in the target's folder, then one rename.

A reader (another process, CI, a crash half-way) sees the old file or the new file, never a
half-written one. :func:`write_tree` does the same for a whole folder (a release snapshot):
it is built under a temporary name beside the target and renamed into place in one step.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (the folder must exist)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_tree(target: Path, files: Mapping[str, bytes]) -> None:
    """Create the folder ``target`` holding ``files`` (relative POSIX names -> content).

    The folder appears complete or not at all; ``FileExistsError`` when ``target`` exists.
    """
    if target.exists():
        raise FileExistsError(str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for name, data in files.items():
            path = tmp.joinpath(*name.split("/"))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        tmp.chmod(0o755)
        os.rename(tmp, target)  # fails if target appeared meanwhile (non-empty)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
