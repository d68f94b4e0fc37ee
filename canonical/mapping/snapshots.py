"""Plant release snapshots: ``<plant>/releases/<version>/<plant id>/``, immutable once cut.

A release copies what decides how the plant maps (plant.yaml, every table file, every spec,
its B2MML files: ``b2mml.yaml`` and the overrides under ``b2mml/``, with their approvals
``b2mml-approvals.yaml``) byte for byte,
and records each file's SHA-256 in ``releases/<version>/SHA256SUMS``
(``sha256sum -c`` format, run from that folder). The copy sits in a folder named after the
plant, so it reads, checks and diffs exactly as the plant folder did::

    mappings/DE01/releases/2025.4.0/SHA256SUMS
    mappings/DE01/releases/2025.4.0/DE01/plant.yaml
    mappings/DE01/releases/2025.4.0/DE01/units.csv ...
    mappings/DE01/releases/2025.4.0/DE01/specs/MES_DE.Lot.inbound.yaml ...
    mappings/DE01/releases/2025.4.0/DE01/b2mml/V0600/schedules.yaml ...

:func:`write_snapshot` writes the folder atomically and refuses to replace a release with
different content (MAP-382); :func:`release_folder` verifies the checksums before a release
is used (``load_plant(..., release=...)``), so a replayed message maps as it did.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from canonical.changes.semver import SemVer
from canonical.errors import PlantReleaseError
from canonical.files.atomic import write_tree
from canonical.mapping import plant_rules as rules
from canonical.mapping.b2mmlapprovals import LEDGER
from canonical.mapping.b2mmldiff import b2mml_paths
from canonical.mapping.source import PLANT_FILE
from canonical.mapping.specdocs import SPECS, spec_paths
from canonical.report import Finding, Report

RELEASES = "releases"
SUMS = "SHA256SUMS"


def releases_root(plant_folder: Path) -> Path:
    return plant_folder / RELEASES


def released_versions(plant_folder: Path) -> list[str]:
    """Released versions of the plant, oldest first."""
    root = releases_root(plant_folder)
    if not root.is_dir():
        return []
    found = [p.name for p in root.iterdir() if p.is_dir() and SemVer.is_valid(p.name)
             and (p / SUMS).is_file()]
    return sorted(found, key=SemVer.parse)


def snapshot_files(plant_folder: Path) -> dict[str, bytes]:
    """The governed files of a plant folder, by POSIX name relative to it."""
    files: dict[str, bytes] = {}
    for path in sorted(plant_folder.iterdir()):
        if path.is_file() and (path.name in (PLANT_FILE, LEDGER)
                               or path.suffix.lower() == ".csv"):
            files[path.name] = path.read_bytes()
    for path in spec_paths(plant_folder):
        files[f"{SPECS}/{path.name}"] = path.read_bytes()
    for path in b2mml_paths(plant_folder):  # what B2MML documents import with
        files[path.relative_to(plant_folder).as_posix()] = path.read_bytes()
    return files


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _sums_text(plant_id: str, files: dict[str, bytes]) -> bytes:
    lines = [f"{_digest(data)}  {plant_id}/{name}" for name, data in sorted(files.items())]
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_snapshot(plant_folder: Path, plant_id: str, version: str) -> Path:
    """Cut release ``version`` of the plant folder; the release folder.

    Idempotent for identical content; :class:`~canonical.errors.PlantReleaseError`
    (MAP-382) when the release exists with different content.
    """
    files = snapshot_files(plant_folder)
    target = releases_root(plant_folder) / version
    tree = {f"{plant_id}/{name}": data for name, data in files.items()}
    tree[SUMS] = _sums_text(plant_id, files)
    if target.exists():
        existing = {str(p.relative_to(target).as_posix()): p.read_bytes()
                    for p in sorted(target.rglob("*")) if p.is_file()}
        if existing == tree:
            return target
        raise PlantReleaseError(
            f"release {version} already exists with different content; released snapshots "
            "are immutable: bump the plant version", plant=plant_id, version=version,
            source=str(target), rule_id=rules.RELEASE_MODIFIED.id)
    write_tree(target, tree)
    return target


def verify_snapshot(plant_folder: Path, version: str) -> Report:
    """MAP-382 for every file of release ``version`` that differs from, is missing in or is
    not recorded in its SHA256SUMS."""
    folder = releases_root(plant_folder) / version
    sums_file = folder / SUMS
    findings: list[Finding] = []

    def add(message: str, name: str) -> None:
        findings.append(rules.RELEASE_MODIFIED.finding(message, value=name).located(
            file=str(folder / name)))

    if not sums_file.is_file():
        add(f"release {version} has no {SUMS}", SUMS)
        return Report.of(findings)
    recorded: dict[str, str] = {}
    for line in sums_file.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.strip().partition("  ")
        if digest and name:
            recorded[name] = digest
    for name, digest in sorted(recorded.items()):
        path = folder / name
        if not path.is_file():
            add(f"{name} is recorded in {SUMS} but missing", name)
        elif _digest(path.read_bytes()) != digest:
            add(f"{name} was modified after release {version} (sha256 differs from {SUMS}); "
                "released plants are immutable: revert it and release a new version", name)
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and name != SUMS and name not in recorded:
            add(f"{name} is not recorded in {SUMS}", name)
    return Report.of(findings)


def release_folder(plant_folder: Path, version: str) -> Path:
    """The verified plant folder of release ``version`` (MAP-387 missing, MAP-382 modified)."""
    root = releases_root(plant_folder) / version
    plants = [p for p in root.iterdir() if p.is_dir()] if root.is_dir() else []
    if not (root / SUMS).is_file() or len(plants) != 1:
        known = ", ".join(released_versions(plant_folder)) or "none"
        raise PlantReleaseError(f"no release {version} of this plant (released: {known})",
                                plant=plant_folder.name, version=version,
                                source=str(root), rule_id=rules.RELEASE_NOT_FOUND.id)
    report = verify_snapshot(plant_folder, version)
    if report.errors:
        raise PlantReleaseError("; ".join(f.render() for f in report.errors),
                                plant=plant_folder.name, version=version, source=str(root))
    return plants[0]
