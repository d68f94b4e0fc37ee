"""``check_specs``: every finding of a plant's spec files, for ``canon mappings check``."""

from __future__ import annotations

from pathlib import Path

from canonical.errors import CanonicalError
from canonical.mapping import Plant, load_plant
from canonical.mapping.engine.plans import build, read_specs
from canonical.mapping.plant import plant_from
from canonical.mapping.source import PlantSource
from canonical.report import Report


def check_specs(plant: Plant | str | Path) -> Report:
    """Check the spec files of a plant (a loaded plant, a folder or a shipped id).

    When the plant's tables cannot be loaded, only the structure of the specs is checked
    (the table check reports why the plant does not load).
    """
    if isinstance(plant, Plant):
        return build(plant).report
    try:
        loaded = load_plant(plant)
    except CanonicalError:
        from canonical.mapping.source import resolve_plant

        try:
            folder = resolve_plant(plant)
        except CanonicalError:
            return Report()
        return Report.of(read_specs(folder)[1])
    return build(loaded).report


def check_specs_of(source: PlantSource, report: Report) -> Report:
    """The hook ``canon mappings check`` runs: the specs of a plant folder already read and
    checked (``report``), so the tables are not read twice."""
    if report.errors or source.config is None:
        return Report.of(read_specs(source.folder)[1])  # structure only; the tables say why
    return build(plant_from(source, report)).report
