"""What changed in plant.yaml: identity, time zone, rounding, source systems, normalisation.

Part of the plant diff (:mod:`canonical.mapping.diff`). ``version`` is not compared: it is
what the diff's bump moves. Each change is located at its key's line in the new plant.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from canonical.changes import Change, Verdict
from canonical.changes.model import ChangeKind
from canonical.mapping import plant_rules as kinds
from canonical.mapping.config import ROUNDING_MODES, PlantConfig, SourceSystem
from canonical.mapping.source import PLANT_FILE
from canonical.mapping.yamlnodes import YamlDocument
from canonical.units.rounding import RoundingPolicy

#: Compared descriptive fields.
_PLANT_FIELDS = ("id", "name", "canonical_schema", "owner", "contact", "license")


def plant_changes(old: PlantConfig | None, new: PlantConfig | None,
                   doc: YamlDocument | None, file: str) -> Iterator[Change]:
    if old is None or new is None:
        return

    def at(kind: ChangeKind, keys: tuple[str, ...], message: str, before: str | None,
           after: str | None, verdict: Verdict | None = None) -> Change:
        return kind.change("/".join((PLANT_FILE, *keys)), message, consumer=verdict,
                       producer=verdict, before=before, after=after, file=file,
                       line=doc.line(*keys) if doc is not None else None)

    for field in _PLANT_FIELDS:
        a, b = getattr(old, field), getattr(new, field)
        if a != b:
            verdict = Verdict.REVIEW if field == "id" else None
            yield at(kinds.PLANT_CHANGED, (field,), f"{field} {a!r} -> {b!r}", a, b, verdict)
    if old.time_zone != new.time_zone:  # every naive timestamp shifts
        yield at(kinds.TIME_ZONE_CHANGED, ("time_zone",), f"time_zone {old.time_zone!r} -> "
                 f"{new.time_zone!r}", old.time_zone, new.time_zone)
    if _policy_text(old.rounding) != _policy_text(new.rounding):  # quantities round anew
        a, b = _policy_text(old.rounding), _policy_text(new.rounding)
        yield at(kinds.ROUNDING_CHANGED, ("rounding",), f"rounding {a} -> {b}", a, b)
    for name in sorted(set(old.source_systems) | set(new.source_systems)):
        a_sys, b_sys = old.source_systems.get(name), new.source_systems.get(name)
        keys = ("source_systems", name)
        if a_sys is None:
            yield at(kinds.SYSTEM_ADDED, keys, f"source system {name} added", None,
                     _system_text(b_sys) if b_sys else None)
        elif b_sys is None:
            yield at(kinds.SYSTEM_REMOVED, keys, f"source system {name} removed",
                     _system_text(a_sys), None)
        else:
            yield from _system_changes(name, a_sys, b_sys, at)


class _At(Protocol):
    def __call__(self, kind: ChangeKind, keys: tuple[str, ...], message: str,
                 before: str | None, after: str | None, verdict: Verdict | None = None
                 ) -> Change: ...


def _system_changes(name: str, old: SourceSystem, new: SourceSystem, at: _At) -> Iterator[Change]:
    keys = ("source_systems", name)
    for field in ("kind", "outbound", "status_separator"):
        a, b = getattr(old, field), getattr(new, field)
        if a != b:
            yield at(kinds.SYSTEM_CHANGED, (*keys, field), f"source system {name} {field} "
                     f"{a!r} -> {b!r}", repr(a), repr(b))
    if old.description != new.description:
        yield at(kinds.PLANT_CHANGED, (*keys, "description"), f"source system {name} "
                 "description changed", old.description, new.description)
    for kind in sorted(set(old.normalisation) | set(new.normalisation)):
        a, b = _steps(old, kind), _steps(new, kind)
        if a != b:
            yield at(kinds.NORMALISATION_CHANGED, (*keys, "normalisation", kind),
                     f"source system {name} normalisation of {kind}: {a} -> {b}", a, b)


def _steps(system: SourceSystem, kind: str) -> str:
    found = system.normalisation.get(kind)
    if found is None:
        return "(none)"
    return (f"inbound={[s.to_data() for s in found.inbound]} "
            f"outbound={[s.to_data() for s in found.outbound]}")


def _policy_text(policy: RoundingPolicy) -> str:
    mode = next(name for name, m in ROUNDING_MODES.items() if m is policy.mode)
    return (f"mode={mode} places={dict(sorted(policy.places.items()))} "
            f"dimension_places={dict(sorted(policy.dimension_places.items()))}")


def _system_text(system: SourceSystem) -> str:
    rules = {kind: {"inbound": [s.to_data() for s in n.inbound],
                    "outbound": [s.to_data() for s in n.outbound]}
             for kind, n in sorted(system.normalisation.items())}
    return (f"kind={system.kind} outbound={system.outbound} "
            f"status_separator={system.status_separator!r} normalisation={rules}")
