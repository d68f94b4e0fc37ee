"""Writing canonical records as B2MML documents.

:func:`write_document` takes records of one entity and returns the XML and a report. Every
entity is written from the B2MML spec of the version that writes it (``Lot`` ->
``MaterialInformation`` in V0401, V0600 and v7, ``Resource`` -> ``EquipmentInformation`` in
the three versions, v7 ``ProductionOrder`` -> ``OperationsSchedule``, v7 ``Operation`` ->
``OperationsPerformance``, one segment response per confirmation: :mod:`canonical.b2mml.export`,
:mod:`canonical.b2mml.groupwrite`). A field the document cannot carry is reported
(B2M-203, warning) instead of being dropped silently; a record that cannot be written at all
is an error finding (B2M-201) and is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from canonical.b2mml import rules
from canonical.b2mml.version import Version
from canonical.b2mml.writer.xml import serialise
from canonical.errors import B2MMLError
from canonical.models import CanonicalModel
from canonical.report import Finding, Report

#: entity -> the document it is written as
DOCUMENTS = {"ProductionOrder": "OperationsSchedule", "Operation": "OperationsPerformance",
             "Lot": "MaterialInformation", "Resource": "EquipmentInformation"}
#: entities written in every B2MML version (the others: v7 only)
EVERY_VERSION = frozenset({"Resource", "Lot"})


def versions(entity: str) -> tuple[str, ...]:
    """The B2MML versions ``entity`` can be written as."""
    return tuple(v.value for v in Version) if entity in EVERY_VERSION else (Version.V7.value,)


@dataclass(frozen=True, slots=True)
class WriteResult:
    """The written document and what could not be carried."""

    xml: bytes
    report: Report


def write_document(records: Sequence[CanonicalModel], entity: str, *, version: str = "v7",
                   doc_id: str | None = None) -> WriteResult:
    """Write ``records`` (all of ``entity``) as one B2MML document of ``version``."""
    if entity not in DOCUMENTS:
        raise B2MMLError(f"no B2MML document for entity {entity!r}; writable: "
                         + ", ".join(DOCUMENTS), rule_id=rules.UNSUPPORTED_EXPORT.id)
    if version not in versions(entity):
        raise B2MMLError(f"{entity} is written as B2MML {', '.join(versions(entity))}, not "
                         f"{version!r}", rule_id=rules.UNSUPPORTED_EXPORT.id)
    from canonical.b2mml.specwrite import write_from_spec

    written = write_from_spec(records, entity, version, doc_id)
    if written is None:
        raise B2MMLError(f"no B2MML {version} spec writes {entity}",
                         rule_id=rules.UNSUPPORTED_EXPORT.id)
    return WriteResult(serialise(written[0]), written[1])


def dropped(record: CanonicalModel, carried: frozenset[str], index: int, prefix: str,
             findings: list[Finding]) -> None:
    for name in record.to_json_dict():
        if name not in carried:
            findings.append(rules.DROPPED_FIELD.finding(
                f"{name} has no place in the B2MML document; not written",
                path=f"{prefix}.{name}").located(record=index))
