"""The checks of a plant's B2MML files, for ``canon mappings check``, ``approve`` and releases.

A plant's B2MML files are its spec overrides (``b2mml/<version>/<family>.yaml``, checked by
the B2MML spec reader: B2M-400..405), its declared defaults (``b2mml.yaml``, B2M-305 when the
importer would refuse them) and their approvals (``b2mml-approvals.yaml``, MAP-362..366,
:mod:`canonical.mapping.b2mmlapprovals`). The B2MML package sits above the mapping layer, so
the three meet here, in governance, not in :mod:`canonical.mapping`.
"""

from __future__ import annotations

from pathlib import Path

from canonical.b2mml import defaults
from canonical.b2mml.specload import check_plant as check_overrides
from canonical.errors import B2MMLError, InputError
from canonical.mapping.b2mmlapprovals import b2mml_approval_findings
from canonical.report import Finding, Report


def b2mml_file_findings(folder: Path, label: str) -> list[Finding]:
    """What is wrong with the B2MML files themselves (overrides and defaults), located in
    them; files in findings are ``label/...`` for the defaults, as the spec reader names
    them for the overrides."""
    found = list(check_overrides(folder))
    if not (folder / defaults.FILE).is_file():  # no defaults (or no plant folder at all)
        return found
    try:
        defaults.load(folder)
    except (B2MMLError, InputError) as exc:  # the import would refuse the plant's documents
        found.append(Finding(exc.rule_id, exc.reason, file=f"{label}/{defaults.FILE}",
                             line=exc.line))
    return found


def check_plant_b2mml(folder: Path, label: str, plant: str) -> Report:
    """Every finding of the plant's B2MML files and their approvals (``plant``: how hints
    name the plant in ``canon mappings approve PLANT ...``)."""
    return Report.of([*b2mml_file_findings(folder, label),
                      *b2mml_approval_findings(folder, label, plant)])
