"""Streaming, forgiving-but-honest CSV reading for mapping tables.

:func:`iter_records` yields ``(line, fields)`` for every record of a CSV file, where
``line`` is the 1-based physical line the record starts on (the header is line 1). The file is
read line by line in binary and decoded per line, so a bad byte is reported with its line
and a huge file is never held in memory at once. Problems are appended to ``findings``
instead of raised: a BOM or CRLF line endings (warnings, the data is still read), bytes
that are not UTF-8, stray or unclosed quotes (the affected record is skipped, never
silently altered), and files above the size guard (not read at all).
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from canonical.errors import InputError
from canonical.files import limits
from canonical.files.guard import InputKind, open_input
from canonical.mapping import rules
from canonical.mapping.refused import input_finding
from canonical.report import Finding
from canonical.rules import Rule

#: Tables larger than this are refused by default (a 100,000-row table is about 15 MB).
MAX_TABLE_BYTES = limits.MAX_TABLE_BYTES
#: Fields longer than this are malformed (usually an unclosed quote swallowing the file).
MAX_FIELD_CHARS = 10_000

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class _Lines:
    """Decoded lines of a binary file, remembering which lines could not be decoded."""

    def __init__(self, stream: BinaryIO, file: str, findings: list[Finding]) -> None:
        self.stream, self.file, self.findings = stream, file, findings
        self.bad_lines: set[int] = set()
        self.fatal = False

    def __iter__(self) -> Iterator[str]:
        crlf_reported = False
        for number, raw in enumerate(self.stream, 1):
            if number == 1:
                if raw.startswith(_UTF16_BOMS):
                    self._add(rules.NOT_UTF8, "file is UTF-16 encoded; save it as UTF-8", 1)
                    self.fatal = True
                    return
                if raw.startswith(codecs.BOM_UTF8):
                    self._add(rules.BOM, "UTF-8 byte order mark at the start of the file; "
                              "save without BOM (the BOM is ignored)", 1)
                    raw = raw[len(codecs.BOM_UTF8):]
            if not crlf_reported and raw.endswith(b"\r\n"):
                crlf_reported = True
                self._add(rules.CRLF, "Windows (CRLF) line endings; use LF "
                          "(the data is read the same way)", number)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                self._add(rules.NOT_UTF8, f"byte {raw[exc.start]:#04x} at column "
                          f"{exc.start + 1} is not UTF-8{_legacy_hint(raw, exc.start)}; the row is "
                          "skipped", number)
                self.bad_lines.add(number)
                text = raw.decode("utf-8", "replace")
            yield text

    def _add(self, rule: Rule, message: str, line: int) -> None:
        self.findings.append(rule.finding(message).located(file=self.file, line=line))


def _legacy_hint(raw: bytes, at: int) -> str:
    """Name the likely encoding of a line that is not UTF-8, when it reads as Windows-1252.

    Spreadsheets in Western European locales save "CSV" in Windows-1252 (``ß`` is byte
    0xdf); the hint says what was probably meant, but the row is never decoded with a guess.
    """
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return (f" (in Windows-1252 it would be {raw[at:at + 1].decode('cp1252')!r}: save the "
            "file as 'CSV UTF-8')")


def iter_records(
    path: Path, file: str, findings: list[Finding], *, max_bytes: int = MAX_TABLE_BYTES,
) -> Iterator[tuple[int, int, list[str]]]:
    """Yield ``(start_line, end_line, fields)`` per CSV record; problems go to ``findings``.

    A record spans several lines only when a quoted field contains line breaks; callers
    decide which columns may (see :func:`spans_lines_badly`).
    """
    stream = _open(path, file, findings, max_bytes)
    if stream is None:
        return
    with stream:
        lines = _Lines(stream, file, findings)
        reader = csv.reader(lines, strict=True)
        while True:
            start = reader.line_num + 1
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                findings.append(rules.BAD_CSV.finding(
                    f"malformed CSV ({exc}); check for an unclosed or stray quote"
                ).located(file=file, line=start))
                if "end of data" in str(exc) or "field larger" in str(exc):
                    return
                continue
            if lines.fatal:
                return
            end = reader.line_num
            if lines.bad_lines and any(n in lines.bad_lines for n in range(start, end + 1)):
                continue
            if fields and max(map(len, fields)) > MAX_FIELD_CHARS:
                findings.append(rules.BAD_CSV.finding(
                    f"a field is longer than {MAX_FIELD_CHARS} characters: unclosed quote?"
                ).located(file=file, line=start))
                continue
            yield start, end, fields


def spans_lines_badly(fields: list[str], multiline_columns: frozenset[int]) -> bool:
    """True when a line break sits in a column that may not hold one (an unclosed quote)."""
    return any("\n" in f or "\r" in f for i, f in enumerate(fields) if i not in multiline_columns)


def _open(path: Path, file: str, findings: list[Finding], max_bytes: int) -> BinaryIO | None:
    try:
        return open_input(path, InputKind.TABLE, max_bytes=max_bytes, source=file)
    except InputError as exc:
        findings.append(input_finding(exc, file))
        return None
