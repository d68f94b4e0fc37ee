"""What an import returns: the canonical records by entity, and every finding."""

from __future__ import annotations

from dataclasses import dataclass, field

from canonical.b2mml.version import Version
from canonical.models import CanonicalModel
from canonical.report import Report


@dataclass(frozen=True, slots=True)
class ImportResult:
    """Canonical records read from one B2MML document (by entity name, in document order)."""

    version: Version
    noun: str
    records: dict[str, list[CanonicalModel]] = field(default_factory=dict)
    report: Report = field(default_factory=Report)

    @property
    def ok(self) -> bool:
        return self.report.ok

    def of(self, entity: str) -> list[CanonicalModel]:
        return self.records.get(entity, [])

    def to_json_dict(self) -> dict[str, object]:
        return {
            "b2mml_version": self.version.value,
            "document": self.noun,
            "records": {name: [r.to_json_dict() for r in recs]
                        for name, recs in self.records.items()},
        }
