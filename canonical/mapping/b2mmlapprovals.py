"""Approvals of a plant's B2MML files: one record per file in ``b2mml-approvals.yaml``.

A plant's B2MML files (the overrides ``b2mml/<version>/<family>.yaml`` and the declared
defaults ``b2mml.yaml``, :mod:`canonical.mapping.b2mmldiff`) are governed as its specs are:
an owner writes them, another steward approves them as they are, and a plant release refuses
one that is unapproved or changed since its approval (MAP-388). The B2MML reader accepts only
its own keys in those files, so their approvals are recorded beside them, in one file, with
the keys a spec carries (:mod:`canonical.mapping.specdocs`)::

    # mappings/CZ03/b2mml-approvals.yaml
    b2mml.yaml:
      owner: MES-Team CZ03
      status: approved
      approved_by: j.novak
      approved_on: 2026-12-06
      approved_fingerprint: sha256:4c1f...   # the content the approver saw
    b2mml/V0600/schedules.yaml:
      owner: MES-Team CZ03                   # written by the author; approved: not yet

The fingerprint hashes the file's data (what the YAML says, not how it is written), so
comments, quoting and key order never invalidate an approval and any change of what the file
maps does. The same checks (:func:`~canonical.mapping.specchecks.approval_findings`,
MAP-362..366) and the same ``canon mappings approve`` (``--b2mml FILE``) serve both.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from canonical.changes import Change
from canonical.mapping import plant_rules as rules
from canonical.mapping.b2mmldiff import FOLDER, B2mmlDocument, read_b2mml_documents
from canonical.mapping.specchecks import approval_findings
from canonical.mapping.specdocs import APPROVAL_KEYS
from canonical.mapping.yamlnodes import YamlDocument, load_yaml
from canonical.report import Finding, Severity

#: The approval records of a plant's B2MML files (beside plant.yaml).
LEDGER = "b2mml-approvals.yaml"


@dataclass(frozen=True, slots=True)
class B2mmlApproval:
    """One B2MML file with its approval record (located in the ledger when there is one,
    else at the file itself: nobody has claimed it yet)."""

    document: B2mmlDocument
    ledger: YamlDocument | None
    ledger_file: str
    option: ClassVar[str] = "--b2mml"

    @property
    def name(self) -> str:
        return self.document.name

    @property
    def noun(self) -> str:
        return f"B2MML file {self.name}"

    @property
    def owner_at(self) -> str:
        return f" under '{self.name}:' in {LEDGER}"

    @property
    def recorded(self) -> bool:
        data = self.ledger.data if self.ledger is not None else None
        return isinstance(data, dict) and self.name in data

    @property
    def file(self) -> str:
        return self.ledger_file if self.recorded else self.document.file

    @property
    def data(self) -> Mapping[str, object]:
        data = self.ledger.data if self.ledger is not None else None
        record = data.get(self.name) if isinstance(data, dict) else None
        return {str(k): v for k, v in record.items()} if isinstance(record, dict) else {}

    @property
    def fingerprint(self) -> str:
        return self.document.fingerprint

    def approval(self, key: str) -> str:
        value = self.data.get(key)
        return "" if value is None else str(value).strip()

    def line(self, *keys: str) -> int | None:
        if self.ledger is None or not self.recorded:
            return 1
        return self.ledger.line(self.name, *keys)


def read_b2mml_approvals(folder: Path, label: str) -> tuple[list[B2mmlApproval], list[Finding]]:
    """Every readable B2MML file of ``folder`` with its record; findings for a file or a
    ledger that does not read, a record that is not a mapping, and (warning) a record that
    names no B2MML file of the plant."""
    docs, findings = read_b2mml_documents(folder, label)
    ledger_file = f"{label}/{LEDGER}"
    ledger, problem = _ledger(folder, ledger_file)
    findings.extend([problem] if problem is not None else [])
    data = ledger.data if ledger is not None else None
    if ledger is not None and data is not None and not isinstance(data, dict):
        findings.append(rules.SPEC_APPROVAL_FIELD.finding(
            f"{LEDGER} maps each B2MML file (b2mml.yaml, b2mml/<version>/<family>.yaml) to "
            "its approval record", path="$").located(file=ledger_file, line=1))
    names = {d.name for d in docs}
    for name, record in data.items() if isinstance(data, dict) else ():
        line = ledger.line(str(name)) if ledger else None
        if not isinstance(record, dict):
            findings.append(rules.SPEC_APPROVAL_FIELD.finding(
                f"the record of {name} is not a mapping (owner, status, approved_by, "
                "approved_on, approved_fingerprint)", path=f"$.{name}").located(
                file=ledger_file, line=line))
        elif name not in names:
            findings.append(rules.SPEC_APPROVAL_FIELD.finding(
                f"{name} is not a B2MML file of the plant (b2mml.yaml or "
                f"{FOLDER}/<version>/<family>.yaml); remove its record or fix the name",
                path=f"$.{name}", severity=Severity.WARNING).located(
                file=ledger_file, line=line))
    return [B2mmlApproval(d, ledger, ledger_file) for d in docs], findings


def _ledger(folder: Path, file: str) -> tuple[YamlDocument | None, Finding | None]:
    return load_yaml(folder / LEDGER, file) if (folder / LEDGER).is_file() else (None, None)


def approval_changes(old: list[B2mmlDocument], new: list[B2mmlDocument], old_folder: Path,
                     new_folder: Path, new_label: str) -> Iterator[Change]:
    """An approval recorded, renewed or withdrawn for a B2MML file that exists in ``new``
    (MAP-347, as for a spec: it maps nothing, so it demands no bump), located at the key's
    line in the new ledger. A ledger that does not read records nothing here (the check
    reports it)."""
    file = f"{new_label}/{LEDGER}"
    before_ledger, _ = _ledger(old_folder, file)
    after_ledger, _ = _ledger(new_folder, file)
    before = {d.name: B2mmlApproval(d, before_ledger, file) for d in old}
    for doc in new:
        now = B2mmlApproval(doc, after_ledger, file)
        was = before.get(doc.name)
        for key in APPROVAL_KEYS:
            a, b = (was.approval(key) if was is not None else ""), now.approval(key)
            if a != b:
                yield rules.SPEC_APPROVAL_CHANGED.change(
                    f"{doc.name}/{key}", f"{key} {a!r} -> {b!r}", before=a or None,
                    after=b or None, file=file, line=now.line(key) if now.recorded else None)


def b2mml_approval_findings(folder: Path, label: str, plant: str, *,
                            release: bool = False) -> list[Finding]:
    """Approval findings of every B2MML file of a plant (MAP-362..366, as for specs) and of
    its ledger; ``plant`` is how hints name the plant. At a ``release`` a B2MML file that
    does not read is reported too (it cannot have been approved as it is); the daily check
    leaves that to the B2MML spec checks (B2M-400)."""
    approvals, found = read_b2mml_approvals(folder, label)
    if not release:
        found = [f for f in found if f.file == f"{label}/{LEDGER}"]
    for approval in approvals:  # value: the file, so callers need not parse the message
        found.extend(replace(f, value=approval.name)
                     for f in approval_findings(approval, plant=plant, release=release))
    return found

