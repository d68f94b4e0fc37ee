"""One mapping row and its per-row checks (dates, status, empty and padded codes, extras)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType
from typing import Protocol

from canonical.mapping import rules
from canonical.mapping.invisible import invisible_problem
from canonical.mapping.plant_rules import INVISIBLE_CHARACTER
from canonical.mapping.tables import ColumnKind, TableSpec
from canonical.report import Finding, Severity
from canonical.rules import Rule

#: An open ``valid_to`` is stored as this date, so intervals compare without branches.
OPEN_END = date.max
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CODE_COLUMNS = ("source_system", "source_code", "canonical_code")
#: The ``extra`` of a row without extra values (shared, read-only).
NO_EXTRA: Mapping[str, str] = MappingProxyType({})
_NOT_EMPTY = ("source_system", "source_code", "canonical_code", "valid_from", "status", "owner")


class _Add(Protocol):
    def __call__(self, rule: Rule, message: str, value: str | None = None) -> None: ...


class RowStatus(StrEnum):
    """Approval state of a row: only ``approved`` rows map (deprecated: inbound only)."""

    DRAFT = "draft"
    APPROVED = "approved"
    DEPRECATED = "deprecated"


class Direction(StrEnum):
    """``both``: used inbound and for reverse (outbound) lookups; ``inbound``: never outbound."""

    BOTH = "both"
    INBOUND = "inbound"


@dataclass(frozen=True, slots=True)
class MappingRow:
    """A parsed row. ``key`` is ``source_code`` after the system's inbound normalisation;
    ``valid_to`` is inclusive and :data:`OPEN_END` when the CSV cell is empty."""

    table: str
    line: int
    source_system: str
    source_code: str
    key: str
    canonical_code: str
    valid_from: date
    valid_to: date
    status: RowStatus
    direction: Direction
    owner: str
    approved_by: str
    note: str
    extra: Mapping[str, str]

    @property
    def open_ended(self) -> bool:
        return self.valid_to == OPEN_END

    def valid_on(self, on: date) -> bool:
        return self.valid_from <= on <= self.valid_to

    def overlaps(self, other: MappingRow) -> bool:
        return self.valid_from <= other.valid_to and other.valid_from <= self.valid_to

    def period(self) -> str:
        end = "open" if self.open_ended else self.valid_to.isoformat()
        return f"{self.valid_from.isoformat()}..{end}"


def parse_row(
    spec: TableSpec, values: Mapping[str, str], *, line: int, file: str,
    findings: list[Finding], normalise: Callable[[str], str] = str,
) -> MappingRow | None:
    """Check one row's cells; the row, or ``None`` when it cannot be used at all."""
    start = len(findings)

    def add(rule: Rule, message: str, value: str | None = None) -> None:
        findings.append(rule.finding(message, value=value).located(file=file, line=line))

    for column in _NOT_EMPTY:
        if not values.get(column, ""):
            add(rules.EMPTY_VALUE, f"{column} is empty")
    for column in _CODE_COLUMNS:
        value = values.get(column, "")
        if value and (value != value.strip() or _CONTROL.search(value)):
            add(rules.WHITESPACE, f"{column} {value!r} has leading/trailing whitespace or "
                "control characters", value)
        elif value and (problem := invisible_problem(value)):
            add(INVISIBLE_CHARACTER, f"{column} {problem}", value)
    valid_from = _date(values.get("valid_from", ""), "valid_from", add)
    valid_to = _date(values.get("valid_to", ""), "valid_to", add) if values.get("valid_to") \
        else OPEN_END
    if valid_from is not None and valid_to is not None and valid_to < valid_from:
        add(rules.DATES_REVERSED, f"valid_to {valid_to} is before valid_from {valid_from}")
    raw_status = values.get("status", "")
    status = RowStatus(raw_status) if raw_status in RowStatus._value2member_map_ else None
    if status is None and raw_status:
        add(rules.BAD_STATUS, f"status {raw_status!r} is not draft, approved or deprecated",
            raw_status)
    if status is RowStatus.APPROVED:
        approver = values.get("approved_by", "").strip()
        if not approver:
            add(rules.NOT_APPROVED_BY, "approved row has no approved_by")
        elif approver == values.get("owner", "").strip():
            add(rules.SELF_APPROVED, f"approved_by {approver!r} is also the row's owner")
    raw_direction = values.get("direction", "") or Direction.BOTH.value
    direction = Direction(raw_direction) if raw_direction in Direction._value2member_map_ \
        else None
    if direction is None:
        add(rules.BAD_EXTRA_VALUE, f"direction {raw_direction!r} must be 'both' or 'inbound'",
            raw_direction)
    extra = _extras(spec, values, add)
    if any(f.severity is Severity.ERROR for f in findings[start:]) or None in (
            valid_from, valid_to, status, direction):
        return None
    assert valid_from is not None and valid_to is not None
    assert status is not None and direction is not None
    code = values["source_code"]
    return MappingRow(spec.name, line, values["source_system"], code, normalise(code),
                      values["canonical_code"], valid_from, valid_to, status, direction,
                      values["owner"], values.get("approved_by", ""), values.get("note", ""),
                      MappingProxyType(extra) if extra else NO_EXTRA)


@lru_cache(maxsize=4096)
def parse_date(text: str) -> date | None:
    """Parsed once per distinct text: tables repeat few dates, rows then share the objects."""
    if _ISO_DATE.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    return None


def _date(text: str, column: str, add: _Add) -> date | None:
    if not text:
        return None
    parsed = parse_date(text)
    if parsed is None:
        add(rules.BAD_DATE, f"{column} {text!r} is not a date YYYY-MM-DD", text)
    return parsed


def _extras(spec: TableSpec, values: Mapping[str, str], add: _Add) -> dict[str, str]:
    extra: dict[str, str] = {}
    for column in spec.extras:
        value = values.get(column.name, "")
        if not value:
            if column.required:
                add(rules.EMPTY_VALUE, f"{column.name} is empty")
            continue
        problem = extra_problem(column.kind, column.choices, value)
        if problem:
            add(rules.BAD_EXTRA_VALUE, f"{column.name} {value!r}: {problem}", value)
        extra[column.name] = value
    for name, value in values.items():
        if name.startswith("x_"):
            extra[name] = value
    if "factor" in extra and "factor_unit" not in extra:
        add(rules.BAD_EXTRA_VALUE, "factor needs a factor_unit (1 source unit = factor x "
            "factor_unit)")
    return extra


def extra_problem(kind: ColumnKind, choices: tuple[str, ...], value: str) -> str:
    if value != value.strip():
        return "leading/trailing whitespace"
    if kind is ColumnKind.INTEGER and not re.fullmatch(r"-?\d{1,9}", value):
        return "must be a whole number"
    if kind is ColumnKind.DECIMAL:
        try:
            number = Decimal(value)
        except InvalidOperation:
            return "must be a decimal number such as 12 or 0.5"
        if not number.is_finite() or number <= 0 or "e" in value.lower():
            return "must be a positive plain decimal"
    if kind is ColumnKind.CHOICE and value not in choices:
        return f"must be one of {', '.join(choices)}"
    return ""


