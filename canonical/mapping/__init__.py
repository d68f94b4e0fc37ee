"""Per-plant mapping tables: format, loading, lookups and governance checks.

A plant folder (``mappings/<plant-id>/``) holds ``plant.yaml`` (identity, time zone, source
systems and their declarative normalisation rules) and one CSV per table of the catalogue
(:data:`~canonical.mapping.tables.TABLES`). The layers, bottom up:

- :mod:`~canonical.mapping.csvfile`, :mod:`~canonical.mapping.config`: read CSV and YAML
  without ever raising on bad content (findings with file and line instead);
- :mod:`~canonical.mapping.rows`, :mod:`~canonical.mapping.source`: rows and a plant folder;
- :mod:`~canonical.mapping.checks`: governance checks (rule ids in :mod:`~canonical.mapping.rules`);
- :mod:`~canonical.mapping.index`, :mod:`~canonical.mapping.plant`: the immutable
  :class:`Plant` with effective-dated inbound and outbound lookups;
- :mod:`~canonical.mapping.diff`, :mod:`~canonical.mapping.coverage`,
  :mod:`~canonical.mapping.sssom`: reviewing, measuring and exchanging tables;
- plant governance: :mod:`~canonical.mapping.specdocs` (specs as governed documents, their
  content fingerprint), :mod:`~canonical.mapping.specdiff` (spec changes),
  :mod:`~canonical.mapping.specchecks` (approvals, MAP-360..366),
  :mod:`~canonical.mapping.approve` (recording approvals), :mod:`~canonical.mapping.snapshots`
  (release snapshots, ``load_plant(..., release=...)``); rule ids and change kinds in
  :mod:`~canonical.mapping.plant_rules`.

This package holds tables only. The mapping engine (native payloads to canonical objects)
is the layer above, :mod:`canonical.engine`; it installs itself behind
:meth:`Plant.to_canonical` and :meth:`Plant.from_canonical`, and
:func:`canonical.engine.check_plant` adds the spec checks to :func:`check_plant`.
"""

from __future__ import annotations

from canonical.mapping.checks import check_plant
from canonical.mapping.config import PlantConfig, SourceSystem
from canonical.mapping.normalise import Normaliser
from canonical.mapping.plant import Plant, load_plant
from canonical.mapping.rows import Direction, MappingRow, RowStatus
from canonical.mapping.source import shipped_plants
from canonical.mapping.tables import TABLES, TableSpec

__all__ = [
    "TABLES",
    "Direction",
    "MappingRow",
    "Normaliser",
    "Plant",
    "PlantConfig",
    "RowStatus",
    "SourceSystem",
    "TableSpec",
    "check_plant",
    "load_plant",
    "shipped_plants",
]
