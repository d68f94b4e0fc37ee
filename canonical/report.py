"""Findings and reports: what every check in the package returns.

A check never raises on the first problem; it returns a :class:`Report` listing every
:class:`Finding` (rule id, severity, where, what). The caller decides what to do:
``report.raise_for_findings()`` turns errors into :class:`~canonical.errors.ValidationFailed`.
Record validation, mapping governance, the mapping engine, batch suites and schema
governance all speak this one model, so their output formats are shared.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum

from canonical.docsite import rule_url
from canonical.errors import ValidationFailed


class Severity(StrEnum):
    """How bad a finding is. Only ``error`` makes a report fail by default."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by a check.

    ``path`` is a JSON path into the checked record (``$.operations[2].sequence``);
    ``file``/``line``/``record`` locate it in the input when known. A finding that reports
    another one (the mapping engine's ``ENG-120`` for a mapped object that breaks
    ``ORD-001``) names it in ``cause_rule_id`` and where it is in the canonical object in
    ``canonical_path``, next to the native ``path``: callers never parse the message.
    """

    rule_id: str
    message: str
    severity: Severity = Severity.ERROR
    path: str = "$"
    file: str | None = None
    line: int | None = None
    record: int | None = None
    value: str | None = None
    cause_rule_id: str | None = None
    canonical_path: str | None = None

    def located(
        self, *, file: str | None = None, line: int | None = None, record: int | None = None,
        path_prefix: str | None = None,
    ) -> Finding:
        """A copy of this finding with its location filled in."""
        path = self.path
        if path_prefix is not None:
            path = path_prefix + path[1:] if path.startswith("$") else path_prefix + path
        return replace(
            self,
            file=file if file is not None else self.file,
            line=line if line is not None else self.line,
            record=record if record is not None else self.record,
            path=path,
        )

    def where(self) -> str:
        parts: list[str] = []
        if self.file is not None:
            parts.append(self.file if self.line is None else f"{self.file}:{self.line}")
        if self.record is not None:
            parts.append(f"record {self.record}")
        if (self.path and self.path != "$") or not parts:
            parts.append(self.path)
        return " ".join(parts)

    def render(self) -> str:
        """One line: ``file:line record N $.path [RULE] severity: message``, then the cause
        (``(ORD-001 at canonical $.scheduled_end)``) when there is one."""
        line = f"{self.where()} [{self.rule_id}] {self.severity.value}: {self.message}"
        if self.cause_rule_id is None and self.canonical_path is None:
            return line
        cause = f"{self.cause_rule_id} " if self.cause_rule_id else ""
        at = f"at canonical {self.canonical_path}" if self.canonical_path else ""
        return f"{line} ({cause}{at})".replace(" )", ")")

    def to_dict(self) -> dict[str, str | int | None]:
        return {
            "rule_id": self.rule_id,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
            "file": self.file,
            "line": self.line,
            "record": self.record,
            "value": self.value,
            "cause_rule_id": self.cause_rule_id,
            "canonical_path": self.canonical_path,
            "docs_url": rule_url(self.rule_id),
        }


@dataclass(frozen=True, slots=True)
class Report:
    """An immutable list of findings with helpers to query it."""

    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Report:
        return cls(tuple(findings))

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def __bool__(self) -> bool:  # a report is truthy when it *has* findings
        return bool(self.findings)

    def __add__(self, other: Report) -> Report:
        return Report(self.findings + other.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when there is no error-level finding (warnings allowed)."""
        return not self.errors

    def failed(self, *, strict: bool = False) -> bool:
        """Errors fail; with ``strict`` warnings fail too."""
        return bool(self.errors) or (strict and bool(self.warnings))

    def rule_ids(self) -> list[str]:
        return [f.rule_id for f in self.findings]

    def raise_for_findings(self) -> None:
        """Raise :class:`~canonical.errors.ValidationFailed` when the report has errors."""
        if self.errors:
            raise ValidationFailed(self)

    def to_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "findings": [f.to_dict() for f in self.findings],
        }
