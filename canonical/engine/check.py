"""Checks of a plant's spec files: :func:`check_specs` and, with the tables, :func:`check_plant`
(what ``canon mappings check`` runs).

Both read the tables row by row (:mod:`canonical.mapping.streamcheck`): memory grows with
the rows that share a key, not with the tables, whether the folder has specs or not.
Compiling a spec reads no table row: what it needs of the plant is plant.yaml (source
systems, their normalisations and outbound flag, the time zone) and the table names, which
every plant has (a table without a file is empty). So the specs are compiled against the
plant of the streamed read, whose tables hold no rows
(``tests/engine/test_check_streams.py`` holds both to the whole-table check).
"""

from __future__ import annotations

from pathlib import Path

from canonical.engine.plans import build, read_specs, spec_files
from canonical.mapping import Plant
from canonical.mapping.csvfile import MAX_TABLE_BYTES
from canonical.mapping.plant import plant_from
from canonical.mapping.source import PlantSource, resolve_plant
from canonical.mapping.specchecks import spec_findings
from canonical.mapping.specdocs import read_spec_documents
from canonical.mapping.streamcheck import check_folder
from canonical.report import Finding, Report


def check_specs(plant: Plant | str | Path, *, max_bytes: int = MAX_TABLE_BYTES) -> Report:
    """Check the spec files of a plant (a loaded plant, a folder or a shipped id).

    When the plant's tables do not load, only the structure of the specs is checked (the
    table check reports why the plant does not load). An unknown id or a missing folder
    raises :class:`~canonical.errors.PlantNotFoundError`.
    """
    if isinstance(plant, Plant):
        return build(plant).report
    source, report = check_folder(resolve_plant(plant), max_bytes=max_bytes)
    return check_specs_of(source, report)


def check_specs_of(source: PlantSource, report: Report) -> Report:
    """The specs of a plant folder already read and checked (``report``: its table checks),
    so the tables are not read again. The tables of ``source`` may hold no rows (a streamed
    read): compiling reads none."""
    if report.errors or source.config is None:
        return Report.of(read_specs(source.folder)[1])  # structure only; the tables say why
    return build(plant_from(source, report)).report


def check_plant(path_or_name: str | Path, *, max_bytes: int = MAX_TABLE_BYTES) -> Report:
    """Every finding of a plant folder (or shipped id): its tables
    (:func:`canonical.mapping.check_plant`), its spec files and their approvals
    (:mod:`canonical.mapping.specchecks`), on one streamed check of the folder
    (:mod:`canonical.mapping.streamcheck`: memory grows with the rows that share a key)."""
    source, report = check_folder(resolve_plant(path_or_name), max_bytes=max_bytes)
    specs = check_specs_of(source, report) if spec_files(source.folder) else Report()
    findings = [*report, *specs, *spec_governance(source)]
    findings.sort(key=lambda f: (f.file or "", f.line or 0))
    return Report.of(findings)


def spec_governance(source: PlantSource) -> list[Finding]:
    """Approval and invisible-code findings of the plant's specs (MAP-360..366)."""
    name = source.folder.name if source.label.startswith("mappings/") else source.label
    return spec_findings(read_spec_documents(source.folder, source.label)[0], name)
