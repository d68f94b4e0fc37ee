"""Release snapshots: ``schemas/releases/<version>/canonical.yaml``, immutable once cut.

Every released schema version is copied byte for byte into its own folder and its SHA-256
recorded in ``schemas/releases/SHA256SUMS`` (``sha256sum -c`` format). :func:`verify_snapshots`
fails (GOV-092) when a recorded snapshot changed, disappeared or was added without being
recorded; a test runs it, so a released contract cannot drift silently.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from canonical.changes.semver import SemVer
from canonical.files.atomic import ensure_folder, write_atomic
from canonical.files.rules import RELEASE_DAMAGED
from canonical.files.yamlsafe import parse_yaml
from canonical.governance import rules
from canonical.report import Finding, Report
from canonical.resources import data_dir

SNAPSHOT_NAME = "canonical.yaml"
SUMS_NAME = "SHA256SUMS"
_SUM_LINE = re.compile(r"[0-9a-f]{64}  \S.*")


def releases_dir() -> Path:
    """The folder holding one sub-folder per released schema version."""
    return data_dir("schemas") / "releases"


def release_file(version: str, root: Path | None = None) -> Path:
    return (root or releases_dir()) / version / SNAPSHOT_NAME


def released_versions(root: Path | None = None) -> list[str]:
    """Released versions, oldest first (folders named X.Y.Z holding a snapshot)."""
    folder = root or releases_dir()
    if not folder.is_dir():
        return []
    found = [p.name for p in folder.iterdir()
             if p.is_dir() and SemVer.is_valid(p.name) and (p / SNAPSHOT_NAME).is_file()]
    return sorted(found, key=SemVer.parse)


def latest_release(root: Path | None = None) -> str | None:
    versions = released_versions(root)
    return versions[-1] if versions else None


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_sums(root: Path | None = None) -> dict[str, str]:
    """``{"1.0.0/canonical.yaml": sha256}`` from the committed manifest."""
    sums = (root or releases_dir()) / SUMS_NAME
    if not sums.is_file():
        return {}
    out: dict[str, str] = {}
    for number, line in enumerate(sums.read_text(encoding="utf-8").splitlines(), 1):
        digest, _, name = line.strip().partition("  ")
        if not line.strip():
            continue
        if not _SUM_LINE.fullmatch(line.strip()):
            from canonical.errors import SchemaLoadError

            raise SchemaLoadError(
                "not a 'SHA256  VERSION/canonical.yaml' line (a damaged or hand-edited "
                "manifest); restore it from version control", source=str(sums), line=number,
                rule_id=RELEASE_DAMAGED.id)
        out[name] = digest
    return out


def _write_sums(sums: dict[str, str], root: Path) -> None:
    lines = [f"{digest}  {name}" for name, digest in sorted(sums.items())]
    write_atomic(root / SUMS_NAME, "\n".join(lines) + "\n")


def verify_snapshots(root: Path | None = None) -> Report:
    """GOV-092 findings for every snapshot that differs from, or is missing in, the manifest."""
    folder = root or releases_dir()
    sums = read_sums(folder)
    findings: list[Finding] = []
    for name, digest in sorted(sums.items()):
        path = folder / name
        if not path.is_file():
            findings.append(rules.RELEASE_MODIFIED.finding(
                f"released snapshot {name} is recorded in {SUMS_NAME} but missing", path=name))
        elif _digest(path) != digest:
            findings.append(rules.RELEASE_MODIFIED.finding(
                f"released snapshot {name} was modified (sha256 differs from {SUMS_NAME}); "
                "released versions are immutable: revert it and release a new version",
                path=name))
    for version in released_versions(folder):
        name = f"{version}/{SNAPSHOT_NAME}"
        if name not in sums:
            findings.append(rules.RELEASE_MODIFIED.finding(
                f"snapshot {name} is not recorded in {SUMS_NAME}; cut releases with "
                "`canon schema release`", path=name))
    return Report.of(findings)


def cut_snapshot(source: Path, root: Path | None = None) -> Path:
    """Copy the schema at ``source`` to ``releases/<its version>/`` and record its hash.

    Idempotent for an identical snapshot; refuses to overwrite a different one (GOV-092).
    Validates the schema first (raises :class:`~canonical.errors.SchemaLoadError`).
    """
    from canonical.errors import SchemaLoadError
    from canonical.governance.load import load_schema
    from canonical.governance.source import resolve

    folder = root or releases_dir()
    loaded = load_schema(resolve(str(source)))
    data = parse_yaml(loaded.source.text, source=str(source)).data
    if isinstance(data, dict) and any(
        isinstance(i, str) and ":" not in i for i in data.get("imports") or []
    ):
        raise SchemaLoadError("snapshots of schemas with local imports are not supported",
                              source=str(source), rule_id=rules.UNRESOLVED_IMPORT.id)
    target = release_file(loaded.version, folder)
    body = source.read_bytes()
    name = f"{loaded.version}/{SNAPSHOT_NAME}"
    sums = read_sums(folder)
    unrecorded = [v for v in released_versions(folder)
                  if v != loaded.version and f"{v}/{SNAPSHOT_NAME}" not in sums]
    if unrecorded:
        raise SchemaLoadError(
            f"{SUMS_NAME} does not record the released snapshot(s) {', '.join(unrecorded)} (a "
            "damaged manifest); restore it from version control, then release again",
            source=str(folder / SUMS_NAME), rule_id=RELEASE_DAMAGED.id)
    if _snapshot_done(target, body, sums.get(name), source):
        return target
    ensure_folder(target.parent)
    write_atomic(target, body)  # the snapshot first: a manifest never names a missing file
    sums[name] = hashlib.sha256(body).hexdigest()
    _write_sums(sums, folder)
    return target


def _snapshot_done(target: Path, body: bytes, recorded: str | None, source: Path) -> bool:
    """True when this exact release is complete; False when it is (still) to be written.

    A snapshot not recorded in SHA256SUMS is an interrupted release and is rewritten; a
    recorded one is immutable (GOV-092 when the schema differs); a recorded snapshot whose
    bytes no longer match its hash, or that is missing while the schema differs from the
    hash, is damaged and refused (IO-040) rather than guessed at.
    """
    from canonical.errors import SchemaLoadError

    wanted = hashlib.sha256(body).hexdigest()
    current = _digest(target) if target.is_file() else None
    if recorded is None or (current is None and recorded == wanted):
        return False  # never completed, or lost and restorable byte for byte: (re)write
    if current == recorded:
        if current == wanted:
            return True
        raise SchemaLoadError(
            f"release {target.parent.name} already exists with different content; released "
            "snapshots are immutable: bump the schema version", source=str(source),
            rule_id=rules.RELEASE_MODIFIED.id)
    state = "is missing" if current is None else "does not match its recorded sha256"
    raise SchemaLoadError(
        f"released snapshot {state} ({SUMS_NAME} records {recorded}); restore it from version "
        "control, then release again", source=str(target), rule_id=RELEASE_DAMAGED.id)
