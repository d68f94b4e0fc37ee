"""``canon validate``: check canonical records in JSON, JSON Lines or JSON array files."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from canonical.cli.inputs import InputFile, label
from canonical.cli.options import entity_option, output_option
from canonical.cli.output import (
    EXIT_FINDINGS,
    EXIT_OK,
    check_format_option,
    counts,
    fail,
    render_report,
)
from canonical.cli.progress import counted, enabled, progress_option
from canonical.errors import InputError, UnknownEntityError
from canonical.files.rules import CHANGED_WHILE_READ
from canonical.reading import estimated_records, iter_located
from canonical.report import Report
from canonical.validation import entity_model
from canonical.validation.collection import Where
from canonical.validation.jsontext import line_parser
from canonical.validation.validate import validate_stream


@click.command()
@click.argument("files", nargs=-1, required=True, type=InputFile(".json"))
@entity_option()
@check_format_option
@output_option
@progress_option
def validate(files: tuple[Path, ...], entity: str, fmt: str, progress: bool | None) -> None:
    """Validate canonical records (structure and business rules).

    Exit 0 when every record passes, 1 when any record has an error finding, 2 for usage
    errors or unreadable input.
    """
    try:
        model = entity_model(entity)
    except UnknownEntityError as exc:
        fail(exc)
    # all files form one extract: duplicate ids and references are checked across files;
    # records are streamed, so memory grows with the largest record, not with the files
    total = 0
    show = enabled(progress)
    accept = line_parser(model)  # most lines: parsed straight into the model

    def records() -> Iterator[tuple[object, Where]]:
        nonlocal total
        for path in files:  # ``yield from``: no Python frame of ours per record (the hot loop)
            total += yield from iter_located(path, accept=accept, label=label(path))

    def again() -> Iterator[tuple[object, Where]]:
        # the same records once more, for a rule across records that needs more than it kept
        # (equipment states out of order, ids that seem repeated): only from unchanged files
        for path in files:
            _unchanged(path, stamps[path])
            yield from iter_located(path, accept=accept, label=label(path))
            _unchanged(path, stamps[path])

    try:
        stamps = {path: _stamp(path) for path in files}
        checking = counted(records(), f"validating {entity}", show=True) if show else records()
        expected = sum(estimated_records(path) for path in files)  # sizes the id index
        report = Report(tuple(validate_stream(checking, entity, expected=expected, again=again)))
    except InputError as exc:
        fail(exc)
    render_report(report, fmt, summary=counts(report, total), suite=f"canon validate {entity}")
    sys.exit(EXIT_FINDINGS if report.errors else EXIT_OK)


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What says a file is still the one read: size, modification time, inode (None: none)."""
    try:
        status = os.stat(path)
    except OSError:
        return None  # the read itself reports it, located
    return status.st_size, status.st_mtime_ns, status.st_ino


def _unchanged(path: Path, stamp: tuple[int, int, int] | None) -> None:
    if _stamp(path) != stamp:
        raise InputError(
            "the file changed while it was validated (it is read a second time to check ids that "
            "seem repeated or equipment states out of start order); validate a finished file",
            source=label(path), rule_id=CHANGED_WHILE_READ.id)
