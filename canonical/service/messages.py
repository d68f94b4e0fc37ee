"""One native message through the contract: map, validate, wrap in an Event, map to targets.

This is the service's whole business logic, and it is the library's: the plant's mapping
engine (which validates types *and* business rules), the Event envelope with its
deterministic id, and the outbound mapping for each target system. Nothing here speaks HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from canonical.engine import from_canonical, to_canonical
from canonical.engine.events import wrap
from canonical.errors import MappingError
from canonical.mapping import Plant
from canonical.models import CanonicalModel, Event, ProductionOrder
from canonical.report import Finding
from canonical.service.occurred import occurred_at


@dataclass(frozen=True, slots=True)
class Accepted:
    """A message that mapped: the canonical object, its event and each target's payload."""

    canonical: CanonicalModel
    event: Event
    targets: dict[str, dict[str, object]]
    warnings: tuple[Finding, ...]  # inbound findings below error level
    canonical_json: str  # the wire forms, each serialised once
    event_json: str


@dataclass(frozen=True, slots=True)
class Rejected:
    """A message that did not map: inbound findings (native paths) and outbound ones
    (canonical paths, a target system that cannot take the object)."""

    inbound: tuple[Finding, ...] = ()
    outbound: tuple[Finding, ...] = ()


def verb(obj: CanonicalModel) -> str:
    """The event verb: an order's status (``released``, ``completed``...), else ``reported``."""
    if isinstance(obj, ProductionOrder):
        return obj.status.value
    return "reported"


def process(plant: Plant, entity: str, payload: object, *, source: str, targets: tuple[str, ...],
            correlation_id: str, causation_id: str | None = None,
            received: datetime | None = None) -> Accepted | Rejected:
    """Map ``payload`` from ``source`` to ``entity`` and on to each of ``targets``.

    Raises :class:`~canonical.errors.UnknownSourceSystemError` for an undeclared system; a
    plant without a spec for the pair is a :class:`Rejected` with the engine's finding.
    """
    try:
        result = to_canonical(plant, entity, payload, source=source, lenient=True)
    except MappingError as exc:  # no usable spec for this system and entity
        return Rejected(inbound=tuple(exc.findings))
    if result.value is None:
        return Rejected(inbound=result.report.findings)
    obj = result.value
    natives: dict[str, dict[str, object]] = {}
    outbound: list[Finding] = []
    for target in targets:
        try:
            mapped = from_canonical(plant, obj, target=target, lenient=True)
        except MappingError as exc:
            outbound.extend(f.located(path_prefix=f"$targets.{target}") for f in exc.findings)
            continue
        if mapped.value is None:
            outbound.extend(mapped.report.errors)
        else:
            natives[target] = mapped.value
    if outbound:
        return Rejected(outbound=tuple(outbound))
    event = wrap(obj, plant=plant.id, source_system=source, verb=verb(obj),
                 occurred_at=occurred_at(obj, received=received), payload=payload,
                 correlation_id=correlation_id, causation=causation_id)
    canonical_json = obj.to_json()
    return Accepted(obj, event, natives, result.report.warnings, canonical_json,
                    event_json(event, canonical_json))


def event_json(event: Event, payload_json: str) -> str:
    """``event.to_json()``, reusing the payload's JSON already written (the payload is the
    envelope's last field and serialises the same way on its own)."""
    envelope = event.model_dump_json(exclude={"payload"}, exclude_none=True, exclude_defaults=True)
    return f'{envelope[:-1]},"payload":{payload_json}}}'

