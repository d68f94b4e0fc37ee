"""Checks of a plant's spec files: :func:`check_specs` and, with the tables, :func:`check_plant`
(what ``canon mappings check`` runs)."""

from __future__ import annotations

from pathlib import Path

from canonical.engine.plans import build, read_specs, spec_files
from canonical.mapping import Plant
from canonical.mapping.checks import read_and_check
from canonical.mapping.csvfile import MAX_TABLE_BYTES
from canonical.mapping.plant import plant_from
from canonical.mapping.source import PlantSource, resolve_plant
from canonical.mapping.specchecks import spec_findings
from canonical.mapping.specdocs import read_spec_documents
from canonical.mapping.streamcheck import check_folder
from canonical.report import Finding, Report


def check_specs(plant: Plant | str | Path) -> Report:
    """Check the spec files of a plant (a loaded plant, a folder or a shipped id).

    When the plant's tables do not load, only the structure of the specs is checked (the
    table check reports why the plant does not load). An unknown id or a missing folder
    raises :class:`~canonical.errors.PlantNotFoundError`.
    """
    if isinstance(plant, Plant):
        return build(plant).report
    source, report = read_and_check(resolve_plant(plant))
    return check_specs_of(source, report)


def check_specs_of(source: PlantSource, report: Report) -> Report:
    """The specs of a plant folder already read and checked (``report``: its table checks),
    so the tables are not read twice."""
    if report.errors or source.config is None:
        return Report.of(read_specs(source.folder)[1])  # structure only; the tables say why
    return build(plant_from(source, report)).report


def check_plant(path_or_name: str | Path, *, max_bytes: int = MAX_TABLE_BYTES) -> Report:
    """Every finding of a plant folder (or shipped id): its tables
    (:func:`canonical.mapping.check_plant`), its spec files and their approvals
    (:mod:`canonical.mapping.specchecks`), on one read of the folder.

    A folder without spec files is checked row by row (:mod:`canonical.mapping.streamcheck`:
    memory grows with the rows that share a key); compiling specs needs the plant's lookups,
    so a folder with specs is loaded whole."""
    folder = resolve_plant(path_or_name)
    if not spec_files(folder):
        source, report = check_folder(folder, max_bytes=max_bytes)
        findings = [*report, *spec_governance(source)]
        findings.sort(key=lambda f: (f.file or "", f.line or 0))
        return Report.of(findings)
    source, report = read_and_check(folder, max_bytes=max_bytes)
    findings = [*report, *check_specs_of(source, report), *spec_governance(source)]
    findings.sort(key=lambda f: (f.file or "", f.line or 0))
    return Report.of(findings)


def spec_governance(source: PlantSource) -> list[Finding]:
    """Approval and invisible-code findings of the plant's specs (MAP-360..366)."""
    name = source.folder.name if source.label.startswith("mappings/") else source.label
    return spec_findings(read_spec_documents(source.folder, source.label)[0], name)
