"""The mapping engine: plant-native payloads to canonical objects and back, declaratively.

A plant folder's ``specs/`` hold one YAML spec per (source system, entity, direction). The
engine is generic: specs say which native path feeds which canonical field, through which
plant table, normalisation, unit handling and time zone; no plant-specific Python exists.

- :mod:`~canonical.mapping.engine.spec`, :mod:`~canonical.mapping.engine.load`: the spec model
  and its reader (structural checks);
- :mod:`~canonical.mapping.engine.compile`: semantic checks and compilation to nodes
  (:mod:`~canonical.mapping.engine.scalar`, :mod:`~canonical.mapping.engine.quantity`,
  :mod:`~canonical.mapping.engine.objects`, :mod:`~canonical.mapping.engine.lists`) forming a
  :class:`~canonical.mapping.engine.plan.Plan`; a scalar reads codes
  (:mod:`~canonical.mapping.engine.codes`) and times
  (:mod:`~canonical.mapping.engine.timestamps`), its common case on a
  :mod:`~canonical.mapping.engine.fast_path`; an object refuses keys it does not know
  (:mod:`~canonical.mapping.engine.known_keys`);
- :mod:`~canonical.mapping.engine.plans`: plans compiled once per plant and cached;
- :mod:`~canonical.mapping.engine.api`: :func:`to_canonical`, :func:`from_canonical`;
- :mod:`~canonical.mapping.engine.check`: :func:`check_specs` for ``canon mappings check``;
- :mod:`~canonical.mapping.engine.events`: event envelopes with deterministic ids.

Rule ids: :mod:`~canonical.mapping.engine.rules` (``ENG-xxx``).
"""

from __future__ import annotations

from canonical.mapping.engine.api import MappingResult, from_canonical, to_canonical
from canonical.mapping.engine.check import check_specs
from canonical.mapping.engine.plans import plans_for

__all__ = ["MappingResult", "check_specs", "from_canonical", "plans_for", "to_canonical"]
