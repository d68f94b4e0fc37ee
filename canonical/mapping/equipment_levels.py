"""ISA-95 equipment levels to canonical resource kinds: the plant's table over a shipped default.

B2MML names the level of each piece of equipment (``EquipmentLevel`` in v7,
``EquipmentElementLevel`` in V0401 and V0600): Enterprise, Site, Area, ProcessCell, Unit,
ProductionLine, WorkCell, ProductionUnit, StorageZone, StorageUnit, WorkCenter, WorkUnit,
EquipmentModule, ControlModule, or ``Other`` with an ``OtherValue``. What a level *means* is
a plant's choice (one plant's ProcessCell is a line, another's a work center), so:

1. a plant's governed mapping table ``equipment_levels.csv`` (like every mapping table:
   source system, source code = the level word or the ``OtherValue`` of ``Other``,
   canonical code = a ``ResourceKind``, validity, approval) is asked first;
2. else the shipped default (``canonical/mapping/data/equipment_levels.csv``): a level
   with a kind, or a level the canonical model declares *not carried* with the reason
   (Enterprise is above the plant; storage zones and units are locations; ISA-88
   equipment and control modules are parts of a machine);
3. else an ``OtherValue`` that is itself a canonical kind (``tool``, ``labor_pool``);
4. else the level is unknown: the caller reports it.

The writer goes the other way (:func:`level_for`): the plant's outbound row, else the first
shipped level of the kind, else ``Other`` with the kind as ``OtherValue``.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from canonical.errors import UnmappedCodeError
from canonical.models import ResourceKind
from canonical.resources import package_file

if TYPE_CHECKING:
    from canonical.mapping.plant import Plant

#: The plant mapping table (catalogue entry in :mod:`canonical.mapping.tables`).
TABLE = "equipment_levels"
#: The level word whose ``OtherValue`` names the level.
OTHER = "Other"
_KINDS = frozenset(k.value for k in ResourceKind)


@dataclass(frozen=True, slots=True)
class Level:
    """What one equipment level means canonically."""

    word: str  # the level as written (the OtherValue of Other)
    kind: str | None = None  # a ResourceKind value
    not_carried: str | None = None  # why the canonical model has no kind for it (declared)
    source: str = "default"  # "plant" (the plant's table), "default" (shipped), "kind"


@dataclass(frozen=True, slots=True)
class _Default:
    kind: str | None
    note: str


@cache
def shipped() -> Mapping[str, _Default]:
    """The shipped default: level word -> kind (``None``: not carried) and the reason."""
    text = package_file("mapping", "data", "equipment_levels.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines())
    return {row["level"]: _Default(row["kind"] or None, row["note"]) for row in rows}


def resolve(word: str, *, plant: Plant | None = None, system: str = "B2MML",
            on: date | None = None) -> Level:
    """The canonical meaning of the level ``word`` (an ``Other`` level passes its
    ``OtherValue`` as ``word``)."""
    if plant is not None and TABLE in plant.tables:
        try:
            return Level(word, plant.lookup(TABLE, system, word, on=on), source="plant")
        except UnmappedCodeError:
            pass
    default = shipped().get(word)
    if default is not None:
        return Level(word, default.kind, None if default.kind else default.note)
    if word in _KINDS:
        return Level(word, word, source="kind")
    return Level(word)


def level_for(kind: str, *, plant: Plant | None = None, system: str = "B2MML",
              on: date | None = None) -> tuple[str, str | None]:
    """The level to write for ``kind``: (level word, OtherValue or ``None``)."""
    if plant is not None and TABLE in plant.tables:
        try:
            word = plant.reverse_row(TABLE, system, kind, on=on).source_code
            return (word, None) if word in shipped() else (OTHER, word)
        except UnmappedCodeError:
            pass
    for word, default in shipped().items():
        if default.kind == kind:
            return word, None
    return OTHER, kind


def known_levels() -> tuple[str, ...]:
    """Every level word of the shipped default (for messages and docs)."""
    return tuple(shipped())
