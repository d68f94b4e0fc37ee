"""What a batch run returns: per-rule outcomes with counts, percentages and samples.

:class:`BatchResult` keeps what a steward needs (how many rows fail each rule, which
values) and converts to the project-wide :class:`~canonical.report.Report` (one
:class:`~canonical.report.Finding` per failed rule and column, ``path`` = column name).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from canonical.report import Finding, Report, Severity
from canonical.rules import Rule

if TYPE_CHECKING:
    import pandas as pd

SAMPLE_SIZE = 5


def _severity(rule_id: str) -> Severity:
    from canonical.rules import catalogue

    found = catalogue().get(rule_id)
    return found.severity if found is not None else Severity.ERROR


def show(value: object) -> str:
    """A sample value as the report prints it (repr, shortened)."""
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


@dataclass(frozen=True, slots=True)
class RuleOutcome:
    """One evaluated expectation or check: how many rows failed it and some of their values."""

    rule_id: str
    column: str
    check: str  # the GE expectation type or our check's name
    failing: int
    rows: int
    sample: tuple[str, ...] = ()
    summary: str = ""
    severity: Severity | None = None
    #: the shown values of the first failing rows in row order, at most ``pool_size`` (the
    #: sample is drawn from them): what merging the outcomes of two chunks needs
    pool: tuple[str, ...] = field(default=(), compare=False, repr=False)
    pool_size: int = field(default=0, compare=False, repr=False)
    #: the first failing row of the extract (0-based, counting data rows) when the engine
    #: knows it, and its line in the extract file when the file's format has lines
    first_row: int | None = None
    line: int | None = None

    @property
    def failed(self) -> bool:
        return self.failing > 0

    @property
    def percent(self) -> float:
        return 100.0 * self.failing / self.rows if self.rows else 0.0

    @property
    def level(self) -> Severity:
        return self.severity if self.severity is not None else _severity(self.rule_id)

    def message(self) -> str:
        head = f"{self.failing} of {self.rows} rows ({self.percent:.2f}%) fail {self.check}"
        if self.summary:
            head += f": {self.summary}"
        if self.sample:
            head += "; sample: " + ", ".join(self.sample)
        if self.failed and self.first_row is not None:
            head += f"; first failing row: {self.first_row + 1}"
        return head

    def finding(self) -> Finding:
        return Finding(rule_id=self.rule_id, message=self.message(), severity=self.level,
                       path=self.column or "$", value=self.sample[0] if self.sample else None,
                       line=self.line)

    def to_dict(self) -> dict[str, object]:
        return {"rule_id": self.rule_id, "severity": self.level.value, "column": self.column,
                "check": self.check, "failing": self.failing, "rows": self.rows,
                "percent": round(self.percent, 4), "sample": list(self.sample),
                "summary": self.summary,
                "first_row": None if self.first_row is None else self.first_row + 1,
                "line": self.line}


def outcome(rule: Rule, column: str, check: str, failing: int, rows: int,
            sample: list[object] | tuple[object, ...] = (), summary: str = "", *,
            first: int = 0, first_row: int | None = None) -> RuleOutcome:
    """An outcome of one of our own checks; the sample is sorted so engines agree.

    ``sample`` holds the values of the first ``first`` failing rows, in row order;
    ``first_row`` is the first failing row (0-based) when known."""
    pool = tuple(show(v) for v in sample)
    return RuleOutcome(rule.id, column, check, failing, rows, sampled(pool),
                       summary or rule.summary, rule.severity, pool, first or len(pool),
                       first_row)


def first_failing(mask: pd.Series) -> int | None:
    """The row label of the first true value of a boolean ``mask`` (``None``: none is true,
    or the label is no row number)."""
    values = mask.to_numpy(dtype=bool, na_value=False)
    return row_of(mask.index[values.argmax()]) if values.any() else None


def row_of(label: object) -> int | None:
    """A row label as a row number (``None`` when the frame's labels are not numbers)."""
    if isinstance(label, bool):
        return None
    try:
        return operator.index(label)  # type: ignore[arg-type]
    except TypeError:
        return None


def sampled(pool: tuple[str, ...]) -> tuple[str, ...]:
    """The sample a report shows of the pooled values: the first few, sorted, each once."""
    return tuple(sorted(set(pool))[:SAMPLE_SIZE])


def merged(first: RuleOutcome, then: RuleOutcome) -> RuleOutcome:
    """One outcome of two consecutive parts of an extract (``first`` read before ``then``):
    what one run over both parts gives (counts add up, the pool keeps the first values)."""
    size = max(first.pool_size, then.pool_size)
    pool = (first.pool + then.pool)[:size]
    row = first.first_row if first.first_row is not None else then.first_row
    return replace(first, failing=first.failing + then.failing, rows=first.rows + then.rows,
                   sample=sampled(pool), pool=pool, pool_size=size, first_row=row)


@dataclass(frozen=True, slots=True)
class BatchResult:
    """The result of running one suite on one extract."""

    extract: str
    rows: int
    engine: str
    outcomes: tuple[RuleOutcome, ...] = ()
    notes: tuple[Finding, ...] = ()  # findings about the extract as a whole (columns, skips)
    plant: str | None = None
    source: str | None = None
    extras: dict[str, float] = field(default_factory=dict)  # timings, for the benchmark

    @property
    def failures(self) -> tuple[RuleOutcome, ...]:
        return tuple(o for o in self.outcomes if o.failed)

    def to_report(self) -> Report:
        findings = [*self.notes, *(o.finding() for o in self.failures)]
        if self.source is not None:
            findings = [f.located(file=self.source) for f in findings]
        return Report.of(findings)

    @property
    def ok(self) -> bool:
        return self.to_report().ok

    def to_dict(self) -> dict[str, object]:
        report = self.to_report()
        return {
            "extract": self.extract, "engine": self.engine, "plant": self.plant,
            "source": self.source, "rows": self.rows, "ok": report.ok,
            "errors": len(report.errors), "warnings": len(report.warnings),
            "failed_rules": [o.to_dict() for o in self.failures],
            "notes": [n.to_dict() for n in self.notes],
            "evaluated": len(self.outcomes),
        }
