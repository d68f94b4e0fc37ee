"""The change-report model: :class:`Change`, :class:`Changelog` and their verdict enums.

Verdicts are stated from two sides of a data contract:

* ``consumer``: an *old reader* (built against the old version) reading *new* data;
* ``producer``: an *old writer* whose data is read by a *new* reader.

The compatibility :class:`Mode` decides which side counts as ``breaking``: ``backward``
(new readers must read old data: the producer verdict), ``forward`` (old readers must read
new data: the consumer verdict) or ``full`` (both).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from canonical.report import Report
from canonical.rules import Rule


class Verdict(StrEnum):
    """Effect of a change on one side of the contract."""

    COMPATIBLE = "compatible"
    BREAKING = "breaking"
    REVIEW = "needs_review"  # the diff cannot tell; a person must decide (counts as breaking)

    @property
    def blocks(self) -> bool:
        return self is not Verdict.COMPATIBLE


class Mode(StrEnum):
    """Which direction of compatibility a release promises."""

    BACKWARD = "backward"  # new readers read old data (producer side)
    FORWARD = "forward"  # old readers read new data (consumer side)
    FULL = "full"  # both

    def breaking(self, consumer: Verdict, producer: Verdict) -> bool:
        """Whether a change with these verdicts breaks the promise of this mode."""
        if self is Mode.BACKWARD:
            return producer.blocks
        if self is Mode.FORWARD:
            return consumer.blocks
        return consumer.blocks or producer.blocks


_BUMP_ORDER = ("none", "patch", "minor", "major")


class Bump(StrEnum):
    """A semantic-version increment, ordered ``none < patch < minor < major``."""

    NONE = "none"
    PATCH = "patch"
    MINOR = "minor"
    MAJOR = "major"

    @property
    def rank(self) -> int:
        return _BUMP_ORDER.index(self.value)

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Bump):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Bump):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Bump):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Bump):
            return NotImplemented
        return self.rank < other.rank

    @classmethod
    def highest(cls, bumps: list[Bump] | tuple[Bump, ...]) -> Bump:
        return max(bumps, key=lambda b: b.rank, default=cls.NONE)


class FailOn(StrEnum):
    """Which unwaived changes make a diff fail (exit code 1)."""

    BREAKING = "breaking"
    ANY = "any"
    NONE = "none"


def fingerprint(kind: str, path: str, before: str | None = None, after: str | None = None) -> str:
    """A stable id of a change: the same edit always gets the same 12 hex digits.

    It depends on what changed (kind, path, before, after), never on the mode, the message
    wording or the order of changes, so waivers keyed by it survive re-runs.
    """
    text = "\x1f".join((kind, path, before or "", after or ""))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Approval:
    """A waiver applied to a change: who approved shipping it, why, until when."""

    id: str
    reason: str
    approver: str
    approved_on: date
    expires: str  # an ISO date or a version
    bump: Bump = Bump.MINOR  # the bump the approver accepts for this change

    def to_dict(self) -> dict[str, str]:
        return {
            "id": self.id,
            "reason": self.reason,
            "approver": self.approver,
            "approved_on": self.approved_on.isoformat(),
            "expires": self.expires,
            "bump": self.bump.value,
        }


@dataclass(frozen=True, slots=True)
class Change:
    """One change between two versions of a governed artifact."""

    kind: str
    path: str
    message: str
    consumer: Verdict = Verdict.COMPATIBLE
    producer: Verdict = Verdict.COMPATIBLE
    breaking: bool = False
    bump: Bump = Bump.PATCH
    rule_id: str | None = None
    before: str | None = None
    after: str | None = None
    waiver: Approval | None = None
    #: Where the change is in the new version (a repository-relative file and 1-based line),
    #: for annotations; ``None`` when the diff cannot tell.
    file: str | None = None
    line: int | None = None
    affects: tuple[str, ...] = ()  # the elements (classes) this change reaches beyond its path

    @property
    def id(self) -> str:
        return fingerprint(self.kind, self.path, self.before, self.after)

    @property
    def effective_bump(self) -> Bump:
        """The bump this change demands once its waiver (if any) is taken into account."""
        if self.waiver is None:
            return self.bump
        return self.waiver.bump if self.waiver.bump < self.bump else self.bump

    def fails(self, fail_on: FailOn) -> bool:
        if self.waiver is not None or fail_on is FailOn.NONE:
            return False
        return fail_on is FailOn.ANY or self.breaking

    def waived(self, approval: Approval) -> Change:
        return replace(self, waiver=approval)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "path": self.path,
            "breaking": self.breaking,
            "consumer": self.consumer.value,
            "producer": self.producer.value,
            "bump": self.bump.value,
            "message": self.message,
            "rule_id": self.rule_id,
            "before": self.before,
            "after": self.after,
            "waiver": None if self.waiver is None else self.waiver.to_dict(),
            **({"file": self.file} if self.file is not None else {}),
            **({"line": self.line} if self.line is not None else {}),
            **({"affects": list(self.affects)} if self.affects else {}),
        }


@dataclass(frozen=True, slots=True)
class ChangeKind:
    """A kind of change (schema or plant) with its rule, its default verdicts (``consumer``,
    ``producer``) and the bump it demands when it is not breaking."""

    kind: str
    rule: Rule
    consumer: Verdict
    producer: Verdict
    bump: Bump

    @property
    def id(self) -> str:
        return self.rule.id

    def change(self, path: str, message: str, *, bump: Bump | None = None,
               consumer: Verdict | None = None, producer: Verdict | None = None,
               before: str | None = None, after: str | None = None, file: str | None = None,
               line: int | None = None) -> Change:
        """A change of this kind. Verdicts and bump default to the kind's; a breaking or
        needs-review verdict makes it breaking and demands a major bump, a compatible change
        keeps its bump (minor: something added, patch: documentation)."""
        consumer = self.consumer if consumer is None else consumer
        producer = self.producer if producer is None else producer
        breaking = consumer.blocks or producer.blocks
        return Change(self.kind, path, message, consumer=consumer, producer=producer,
                      breaking=breaking, bump=Bump.MAJOR if breaking else bump or self.bump,
                      rule_id=self.id, before=before, after=after, file=file, line=line)


@dataclass(frozen=True, slots=True)
class Changelog:
    """Every change between an old and a new version, plus findings about the diff itself."""

    subject: str
    changes: tuple[Change, ...] = ()
    old_version: str | None = None
    new_version: str | None = None
    old_source: str | None = None
    new_source: str | None = None
    mode: Mode | None = None
    findings: Report = field(default_factory=Report)

    @property
    def bump(self) -> Bump:
        """The recommended version bump: the highest any (waiver-adjusted) change demands."""
        return Bump.highest([c.effective_bump for c in self.changes])

    @property
    def breaking(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.breaking)

    @property
    def waived(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.waiver is not None)

    def failing(self, fail_on: FailOn) -> tuple[Change, ...]:
        """The changes that make the diff fail at this level (waived ones never do)."""
        return tuple(c for c in self.changes if c.fails(fail_on))

    def with_changes(
        self, changes: tuple[Change, ...], findings: Report | None = None
    ) -> Changelog:
        return replace(
            self, changes=changes, findings=self.findings + (findings or Report())
        )

    def summary(self) -> dict[str, int]:
        return {
            "changes": len(self.changes),
            "breaking": len(self.breaking),
            "waived": len(self.waived),
            "needs_review": sum(
                1 for c in self.changes if Verdict.REVIEW in (c.consumer, c.producer)
            ),
        }

    def by_class(self) -> dict[str, tuple[Change, ...]]:
        """The per-class view: each affected element (a class, in a schema diff) with its changes.

        A change lists the elements it reaches in ``affects``; one without that list shows
        under the first segment of its path (``Order`` for ``Order.priority``).
        """
        view: dict[str, list[Change]] = {}
        for change in self.changes:
            for name in change.affects or (change.path.split(".", 1)[0],):
                view.setdefault(name, []).append(change)
        return {name: tuple(view[name]) for name in sorted(view)}

    def to_dict(self) -> dict[str, object]:
        """The JSON report (schema: ``schemas/changelog-report.schema.json``)."""
        return {
            "subject": self.subject,
            "old_version": self.old_version,
            "new_version": self.new_version,
            "old_source": self.old_source,
            "new_source": self.new_source,
            "mode": None if self.mode is None else self.mode.value,
            "bump": self.bump.value,
            "summary": self.summary(),
            "changes": [c.to_dict() for c in self.changes],
            "findings": [f.to_dict() for f in self.findings],
        }
