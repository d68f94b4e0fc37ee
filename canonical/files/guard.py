"""Opening an input file safely: regular files only, within a size limit.

Every reader of the package (records, mapping tables, YAML, XML, batch extracts) opens its
file through :func:`open_input` or :func:`read_input`. The file is opened without blocking
(a FIFO without a writer would otherwise hang the command forever), then checked on the open
descriptor, so a file swapped after a check cannot slip through:

* not a regular file (FIFO, character or block device, socket): IO-011;
* larger than the limit of its :class:`InputKind`: IO-006;
* a folder, missing, no permission, any other OS error: IO-001.

Each refusal is an :class:`~canonical.errors.InputError` naming the file.
"""

from __future__ import annotations

import os
import stat
from enum import Enum
from pathlib import Path
from typing import BinaryIO

from canonical.errors import InputError
from canonical.files import limits
from canonical.files.rules import NOT_REGULAR, TOO_LARGE, UNREADABLE

UNREADABLE_ID = UNREADABLE.id
TOO_LARGE_ID = TOO_LARGE.id


class InputKind(Enum):
    """What a file is read as, with its default size limit in bytes."""

    RECORDS = ("JSON records", limits.MAX_RECORDS_BYTES)
    TABLE = ("CSV table", limits.MAX_TABLE_BYTES)
    YAML = ("YAML file", limits.MAX_YAML_BYTES)
    XML = ("XML document", limits.MAX_XML_BYTES)
    EXTRACT = ("batch extract", limits.MAX_EXTRACT_BYTES)
    STREAM = ("streamed file", None)

    def __init__(self, label: str, max_bytes: int | None) -> None:
        self.label = label
        self.max_bytes = max_bytes


_KINDS = (
    (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _what(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def open_input(
    path: str | Path, kind: InputKind, *, max_bytes: int | None = None, source: str | None = None,
) -> BinaryIO:
    """The file opened for binary reading, or :class:`InputError` (IO-001/IO-006/IO-011).

    ``max_bytes`` overrides the kind's limit; ``source`` is how messages name the file.
    """
    where = source if source is not None else str(path)
    limit = kind.max_bytes if max_bytes is None else max_bytes
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        raise _not_regular(where, "a folder", kind) from None
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror or exc}", source=where,
                         rule_id=UNREADABLE_ID) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(where, _what(info.st_mode), kind)
        if limit is not None and info.st_size > limit:
            raise InputError(
                f"{info.st_size} bytes exceeds the {limit}-byte limit for a {kind.label}",
                source=where, rule_id=TOO_LARGE_ID)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_input(
    path: str | Path, kind: InputKind, *, max_bytes: int | None = None, source: str | None = None,
) -> bytes:
    """The whole content of a guarded input (a file that grows past the limit is refused)."""
    where = source if source is not None else str(path)
    limit = kind.max_bytes if max_bytes is None else max_bytes
    with open_input(path, kind, max_bytes=max_bytes, source=source) as handle:
        try:
            data = handle.read() if limit is None else handle.read(limit + 1)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", source=where,
                             rule_id=UNREADABLE_ID) from None
    if limit is not None and len(data) > limit:
        raise InputError(f"more than the {limit}-byte limit for a {kind.label}",
                         source=where, rule_id=TOO_LARGE_ID)
    return data


def _not_regular(where: str, what: str, kind: InputKind) -> InputError:
    # a folder has always been IO-001 ("cannot be opened"); FIFOs and devices are IO-011
    rule_id = UNREADABLE_ID if what == "a folder" else NOT_REGULAR.id
    return InputError(f"is {what}, not a regular file; expected a {kind.label}",
                      source=where, rule_id=rule_id)
