"""Writing a file whole or not at all.

:func:`write_atomic` writes to a temporary file in the target's folder, flushes it to disk
(fsync), gives it the mode the target had (or the umask's default for a new file) and
renames it over the target. A reader sees the old file or the new one, never a mix; a failure
at any step removes the temporary file, leaves the previous file untouched and raises
:class:`~canonical.errors.WriteError` (IO-010) naming the file and the cause.

A process killed between the write and the rename leaves the target intact and a hidden
``.NAME.PID.*.tmp`` beside it; the next write of the same target removes such leftovers of
processes that no longer run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

from canonical.errors import WriteError
from canonical.files.rules import WRITE_FAILED


def write_atomic(path: str | Path, content: str | bytes, *, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``content`` atomically (text is encoded with ``encoding``)."""
    target = Path(path)
    data = content.encode(encoding) if isinstance(content, str) else content
    folder = target.parent
    _remove_leftovers(target)
    try:
        if target.is_dir():
            raise IsADirectoryError(21, "is a directory")
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp",
                                   dir=folder)
    except OSError as exc:
        raise _error(target, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode(target))
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _error(target, exc) from None
        raise
    _sync_folder(folder)


def write_tree(target: Path, files: Mapping[str, bytes]) -> None:
    """Create the folder ``target`` holding ``files`` (relative POSIX names -> content).

    The folder is built under a temporary name beside ``target`` and renamed into place in one
    step, so it appears complete or not at all; ``FileExistsError`` when ``target`` exists,
    :class:`WriteError` (IO-010) when it cannot be written.
    """
    if target.exists():
        raise FileExistsError(str(target))
    ensure_folder(target.parent)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        raise _error(target, exc) from None
    try:
        for name, data in files.items():
            path = tmp.joinpath(*name.split("/"))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        tmp.chmod(0o755)
        os.rename(tmp, target)  # fails if target appeared meanwhile (non-empty)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError) and not isinstance(exc, FileExistsError):
            raise _error(target, exc) from None
        raise


def ensure_folder(folder: str | Path) -> Path:
    """Create ``folder`` (and its parents) for writing, or :class:`WriteError` (IO-010)."""
    path = Path(folder)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise WriteError(f"cannot create the folder: {reason}", source=str(path),
                         rule_id=WRITE_FAILED.id) from None
    return path


def _error(target: Path, exc: OSError) -> WriteError:
    reason = exc.strerror or str(exc) or type(exc).__name__
    return WriteError(f"cannot write: {reason}; the previous file (if any) is unchanged",
                      source=str(target), rule_id=WRITE_FAILED.id)


def _mode(target: Path) -> int:
    """The permission bits of the file being replaced, else what ``open()`` would give."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every file system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_leftovers(target: Path) -> None:
    """Remove temporary files of earlier writes of ``target`` whose process is gone."""
    try:
        candidates = list(target.parent.glob(f".{glob_escape(target.name)}.*.tmp"))
    except OSError:
        return
    for leftover in candidates:
        pid_text = leftover.name[len(target.name) + 2:].split(".", 1)[0]
        if not pid_text.isdigit() or _running(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            leftover.unlink()


def glob_escape(name: str) -> str:
    """``name`` with glob metacharacters made literal."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True
