"""Reading the rows of one table file: :func:`~canonical.mapping.rows.parse_row`, fast.

A :class:`RowReader` is set up once per file from its header (column positions, extra and
free columns). A row whose cells pass every per-row check becomes a
:class:`~canonical.mapping.rows.MappingRow` straight from the CSV fields; any other row goes
through :func:`~canonical.mapping.rows.parse_row`, which reports its findings. The fast path
only ever decides "clean", so both paths give the same rows and the same findings.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from operator import itemgetter
from types import MappingProxyType

from canonical.mapping.rows import (
    NO_EXTRA,
    OPEN_END,
    Direction,
    MappingRow,
    RowStatus,
    extra_problem,
    parse_date,
    parse_row,
)
from canonical.mapping.tables import COMMON_COLUMNS, FREE_COLUMN_PREFIX, ColumnKind, TableSpec
from canonical.report import Finding

_STATUSES = {s.value: s for s in RowStatus}
_DIRECTIONS = {d.value: d for d in Direction}
_DIRECTIONS[""] = Direction.BOTH
#: extra column kinds whose only per-row check is "no outer whitespace"
_PLAIN_KINDS = frozenset({ColumnKind.TEXT, ColumnKind.UNIT, ColumnKind.ENUM, ColumnKind.REFERENCE})


class RowReader:
    """Turns the CSV fields of one table file into rows, reporting to ``findings``."""

    def __init__(self, spec: TableSpec, columns: tuple[str, ...], file: str,
                 findings: list[Finding]) -> None:
        self.spec, self.columns, self.file, self.findings = spec, columns, file, findings
        index = {c: i for i, c in enumerate(columns)}
        self._fast = all(c in index for c in COMMON_COLUMNS) and all(
            c.name in index for c in spec.extras if c.required)
        self._common = itemgetter(*(index.get(c, 0) for c in COMMON_COLUMNS))
        self._direction = index.get("direction")
        self._extras = tuple((c.name, c.kind, c.choices, c.required, index[c.name])
                             for c in spec.extras if c.name in index)
        self._free = tuple((i, c) for i, c in enumerate(columns)
                           if c.startswith(FREE_COLUMN_PREFIX))
        self._dates: dict[str, date | None] = {}  # bounded by the file's distinct date strings

    def read(self, fields: list[str], line: int, normalise: Callable[[str], str]) -> MappingRow | None:
        """The row of ``fields`` (as many as the header has), or ``None`` when unusable."""
        row = self._clean_row(fields, line, normalise) if self._fast else None
        if row is not None:
            return row
        values = dict(zip(self.columns, fields, strict=True))
        return parse_row(self.spec, values, line=line, file=self.file, findings=self.findings,
                         normalise=normalise)

    def _date(self, text: str) -> date | None:
        dates = self._dates
        if text in dates:
            return dates[text]
        parsed = dates[text] = parse_date(text)
        return parsed

    def _clean_row(self, fields: list[str], line: int,
                   normalise: Callable[[str], str]) -> MappingRow | None:
        """The row when every per-row check passes without a finding, else ``None``."""
        system, code, canonical, start, end, raw_status, owner, approved_by, note = (
            self._common(fields))
        if not (system and code and canonical and start and raw_status and owner
                and system.isprintable() and system == system.strip()
                and code.isprintable() and code == code.strip()
                and canonical.isprintable() and canonical == canonical.strip()):
            return None  # printable strings hold no control character, no whitespace but " "
        dates = self._dates
        valid_from = dates.get(start) or self._date(start)
        valid_to = (dates.get(end) or self._date(end)) if end else OPEN_END
        if valid_from is None or valid_to is None or valid_to < valid_from:
            return None
        status = _STATUSES.get(raw_status)
        if status is None:
            return None
        if status is RowStatus.APPROVED:
            approver = approved_by.strip()
            if not approver or approver == owner.strip():
                return None
        direction = _DIRECTIONS.get(fields[self._direction] if self._direction is not None else "")
        if direction is None:
            return None
        extra: dict[str, str] = {}
        for name, kind, choices, required, i in self._extras:
            value = fields[i]
            if not value:
                if required:
                    return None
                continue
            if value != value.strip() if kind in _PLAIN_KINDS else extra_problem(kind, choices, value):
                return None
            extra[name] = value
        for i, name in self._free:
            extra[name] = fields[i]
        if "factor" in extra and "factor_unit" not in extra:
            return None
        return MappingRow(self.spec.name, line, system, code, normalise(code), canonical,
                          valid_from, valid_to, status, direction, owner, approved_by, note,
                          MappingProxyType(extra) if extra else NO_EXTRA)
