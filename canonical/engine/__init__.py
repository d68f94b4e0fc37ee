"""The mapping engine: plant-native payloads to canonical objects and back, declaratively.

Its own layer, above the plant tables (:mod:`canonical.mapping`) and record validation
(:mod:`canonical.validation`): it reads tables and validates what it builds; neither
imports it, by statement or by name. Callers map through :func:`to_canonical` and
:func:`from_canonical` here (``canonical.to_canonical`` re-exports them).

A plant folder's ``specs/`` hold one YAML spec per (source system, entity, direction). The
engine is generic: specs say which native path feeds which canonical field, through which
plant table, normalisation, unit handling and time zone; no plant-specific Python exists.

- :mod:`~canonical.engine.spec`, :mod:`~canonical.engine.load`: the spec model
  and its reader (structural checks);
- :mod:`~canonical.engine.compile`: semantic checks and compilation to nodes
  (:mod:`~canonical.engine.scalar`, :mod:`~canonical.engine.quantity`,
  :mod:`~canonical.engine.objects`, :mod:`~canonical.engine.lists`) forming a
  :class:`~canonical.engine.plan.Plan`; a scalar reads codes
  (:mod:`~canonical.engine.codes`) and times
  (:mod:`~canonical.engine.timestamps`); an object refuses keys it does not know
  (:mod:`~canonical.engine.known_keys`); each object runs as one generated straight-line
  function (:mod:`~canonical.engine.codegen`; :meth:`Plan.source
  <canonical.engine.plan.Plan.source>` prints it);
- :mod:`~canonical.engine.plans`: plans compiled once per plant and cached;
- :mod:`~canonical.engine.api`: :func:`to_canonical`, :func:`from_canonical`;
- :mod:`~canonical.engine.check`: :func:`check_specs`, and :func:`check_plant` (tables and
  specs on one read) for ``canon mappings check``;
- :mod:`~canonical.engine.events`: event envelopes with deterministic ids.

Rule ids: :mod:`~canonical.engine.rules` (``ENG-xxx``).
"""

from __future__ import annotations

from canonical.engine.api import MappingResult, from_canonical, to_canonical
from canonical.engine.check import check_plant, check_specs
from canonical.engine.plans import generated_source, plans_for

__all__ = ["MappingResult", "check_plant", "check_specs", "from_canonical", "generated_source",
           "plans_for", "to_canonical"]
