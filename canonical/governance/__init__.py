"""Schema release governance: semantic diff, compatibility verdicts, waivers, releases, migrations.

* :func:`diff` compares two LinkML schemas (files, release versions ``"1.0.0"`` or
  ``git:REV:path``) with imports and inheritance resolved and returns a
  :class:`~canonical.changes.Changelog`: every change with its consumer and producer
  verdicts, the breaking flag under the compatibility mode and the bump it demands.
* :func:`check_release` checks the schema version and CHANGELOG against the latest release
  snapshot (``schemas/releases/<version>/``); :func:`cut_snapshot` takes one.
* :func:`migrate` upgrades payloads across major versions with registered steps.
* :func:`check_plant_release` / :func:`cut_plant_release` do for a plant's mappings (tables,
  plant.yaml, specs, B2MML files) what ``check_release`` / ``cut_snapshot`` do for the schema
  (``plant_release``; the snapshots themselves are :mod:`canonical.mapping.snapshots`);
  ``plant_b2mml`` checks a plant's B2MML files (overrides, defaults, their approvals).

Module map: ``source`` (where a schema comes from) -> ``load`` (checks, SchemaView;
``imports`` resolves and reports every import) -> ``facts`` (flattened elements) ->
``compare`` (raw changes, on ``found``'s recorder; ``ranges``, ``constraints``,
``expressions``, ``designators``, ``props`` with the property policies) -> ``placement``
(one change where it is defined, with the classes it affects) -> ``diff`` (verdicts under a
mode; ``locate`` adds file and line) -> ``check`` / ``release`` / ``changelog``;
``rules`` holds every GOV rule id and the change-kind table; ``migration`` the registry.
linkml is imported inside functions only; this package is never imported by
``import canonical``.
"""

from __future__ import annotations

from canonical.governance.check import ReleaseCheck, check_release
from canonical.governance.diff import DEFAULT_MODE, diff
from canonical.governance.migration import MigrationRegistry, migrate
from canonical.governance.plant_release import (
    PlantReleaseCheck,
    check_plant_release,
    cut_plant_release,
)
from canonical.governance.release import cut_snapshot, verify_snapshots

__all__ = [
    "DEFAULT_MODE",
    "MigrationRegistry",
    "PlantReleaseCheck",
    "ReleaseCheck",
    "check_plant_release",
    "check_release",
    "cut_plant_release",
    "cut_snapshot",
    "diff",
    "migrate",
    "verify_snapshots",
]
