"""Recording approvals: ``canon mappings approve`` writes them, nobody edits them by hand.

:func:`approve_spec` sets a spec's ``status: approved``, ``approved_by``, ``approved_on`` and
the ``approved_fingerprint`` of its current content; :func:`approve_b2mml` sets the same keys
in a B2MML file's record in ``b2mml-approvals.yaml``; :func:`approve_row` sets a table row's
``status`` and ``approved_by``. Both refuse (:class:`~canonical.errors.ApprovalRefusedError`,
MAP-367) an approval by the owner (four eyes), a spec without an owner, and a spec or row
that does not exist. Only the approval lines or the row's cells change; comments, order and
every other line stay byte for byte, and the file is replaced atomically.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from canonical.errors import ApprovalRefusedError, InputError
from canonical.files.atomic import write_atomic
from canonical.files.yamlsafe import load_yaml_data
from canonical.mapping.b2mmlapprovals import LEDGER, B2mmlApproval, read_b2mml_approvals
from canonical.mapping.b2mmldiff import FOLDER
from canonical.mapping.csvfile import iter_records
from canonical.mapping.rows import MappingRow, RowStatus
from canonical.mapping.source import read_plant_folder
from canonical.mapping.specdocs import (
    SPECS,
    SpecDocument,
    content_fingerprint,
    normalise,
    read_spec_documents,
)
from canonical.mapping.tables import TableSpec

#: Written without quotes: names, ``sha256:<hex>`` and ISO dates (read back as dates).
_PLAIN = re.compile(r"^([A-Za-z][\w.@ -]*|sha256:[0-9a-f]+|\d{4}-\d{2}-\d{2})$")
#: The order approval keys are written in, after ``owner:``.
_WRITTEN = ("status", "approved_by", "approved_on", "approved_fingerprint")


@dataclass(frozen=True, slots=True)
class Approved:
    """What an approval recorded: the file, the approver and (specs) the fingerprint."""

    file: str
    approver: str
    fingerprint: str = ""
    unchanged: bool = False  # it was already approved exactly so


def _scalar(value: str) -> str:
    plain = _PLAIN.match(value) and value.lower() not in ("yes", "no", "on", "off", "true",
                                                           "false", "null")
    return value if plain else json.dumps(value, ensure_ascii=False)


def approve_spec(folder: Path, name: str, approver: str, *, on: date, label: str = "") -> Approved:
    """Approve spec ``name`` (its file name in ``specs/``) of the plant at ``folder``."""
    approver = approver.strip()
    docs, _ = read_spec_documents(folder, label or str(folder))
    doc = next((d for d in docs if d.name == name or d.name == f"{name}.yaml"), None)
    if doc is None:
        known = ", ".join(d.name for d in docs) or "none"
        raise ApprovalRefusedError(f"no readable spec {name!r} in {folder / SPECS} (specs: "
                                   f"{known})", source=str(folder / SPECS))
    owner = doc.approval("owner")
    if not owner:
        raise ApprovalRefusedError("the spec has no owner: add 'owner: <team or person>' "
                                   "(the author), then approve", source=doc.file, line=1)
    if not approver or approver == owner:
        raise ApprovalRefusedError(f"{approver!r} owns this spec and cannot approve it (four "
                                   "eyes: another steward approves)", source=doc.file,
                                   line=doc.line("owner"))
    fingerprint = doc.fingerprint
    values = {"status": "approved", "approved_by": approver,
              "approved_fingerprint": fingerprint}
    if all(doc.approval(k) == v for k, v in values.items()):
        return Approved(doc.file, approver, fingerprint, unchanged=True)
    values["approved_on"] = on.isoformat()
    path = folder / SPECS / doc.name
    text = _set_keys(_text(path), values, doc.file)
    _verify(text, values, doc)
    write_atomic(path, text)
    return Approved(doc.file, approver, fingerprint)


def _text(path: Path) -> str:
    """The file's text with its line ends as written (``read_text`` would turn CRLF into LF,
    and the approval would rewrite every line of a file saved on Windows)."""
    return path.read_bytes().decode("utf-8")


def _verify(text: str, values: dict[str, str], doc: SpecDocument) -> None:
    """Refuse to write unless the edited text reads back as the same content with exactly
    the approval recorded (a spec in flow style or with a block-scalar owner is not edited)."""
    try:
        data = load_yaml_data(text, source=doc.file)
    except InputError:
        data = None
    ok = isinstance(data, dict) and content_fingerprint(normalise(
        {str(k): v for k, v in data.items()})) == doc.fingerprint and all(
        str(data.get(k)) == v for k, v in values.items())
    if not ok:
        raise ApprovalRefusedError("the approval cannot be recorded without changing the spec "
                                   "(write its top-level keys in block style, one per line)",
                                   source=doc.file, line=doc.line("owner"))


def _set_keys(text: str, values: dict[str, str], file: str, block: tuple[int, int] | None = None,
              indent: str = "") -> str:
    """``text`` with the ``key: value`` lines of ``values`` replaced or inserted after
    ``owner:`` in ``block`` (0-based line range, the whole text by default), where the keys
    start at ``indent`` (top-level keys of a block mapping start in column 0)."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    first, last = block or (0, len(lines))

    def index(key: str) -> int | None:
        found = [i for i in range(first, last) if re.match(rf"{indent}{key}\s*:", lines[i])]
        if len(found) > 1:
            raise ApprovalRefusedError(f"{key!r} appears {len(found)} times; keep one",
                                       source=file, line=found[1] + 1)
        return found[0] if found else None

    after = index("owner")
    if after is None:  # the owner is not a line of its own (flow style)
        raise ApprovalRefusedError("'owner:' is not a line of its own; write the keys in "
                                   "block style, one per line", source=file, line=first + 1)
    for key in _WRITTEN:
        if key not in values:
            continue
        line = f"{indent}{key}: {_scalar(values[key])}{newline}"
        at = index(key)
        if at is not None:
            lines[at] = line
            after = max(after, at)
        else:
            if not lines[after].endswith(("\n", "\r")):  # the file's last line, unterminated
                lines[after] += newline
            after += 1
            last += 1
            lines.insert(after, line)
    return "".join(lines)


def approve_b2mml(folder: Path, name: str, approver: str, *, on: date,
                  label: str = "") -> Approved:
    """Approve the B2MML file ``name`` (``b2mml.yaml``, ``b2mml/V0600/lots.yaml`` or
    ``V0600/lots.yaml``) of the plant at ``folder``: its record in ``b2mml-approvals.yaml``
    gets the approval keys; the B2MML file itself is not touched."""
    approver = approver.strip()
    approvals, _ = read_b2mml_approvals(folder, label or str(folder))
    subject = next((a for a in approvals if a.name in (name, f"{FOLDER}/{name}")), None)
    if subject is None:
        known = ", ".join(a.name for a in approvals) or "none"
        raise ApprovalRefusedError(f"no readable B2MML file {name!r} in {folder} (files: "
                                   f"{known})", source=str(folder))
    owner = subject.approval("owner")
    if not owner:
        raise ApprovalRefusedError(f"{subject.noun} has no owner: add 'owner: <team or "
                                   f"person>'{subject.owner_at} (the author), then approve",
                                   source=subject.file, line=subject.line())
    if not approver or approver == owner:
        raise ApprovalRefusedError(f"{approver!r} owns {subject.name} and cannot approve it "
                                   "(four eyes: another steward approves)", source=subject.file,
                                   line=subject.line("owner"))
    values = {"status": "approved", "approved_by": approver,
              "approved_fingerprint": subject.fingerprint}
    if all(subject.approval(k) == v for k, v in values.items()):
        return Approved(subject.document.file, approver, subject.fingerprint, unchanged=True)
    values["approved_on"] = on.isoformat()
    path = folder / LEDGER
    text = _text(path)
    start = (subject.line() or 1) - 1  # the record's own line: `b2mml/V0600/lots.yaml:`
    lines = text.splitlines(keepends=True)
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1] not in ("", " ", "\t",
                "#", "\r", "\n")), len(lines))
    body = [line for line in lines[start + 1:end] if line.strip() and
            not line.lstrip().startswith("#")]
    indent = body[0][:len(body[0]) - len(body[0].lstrip(" "))] if body else ""
    if not indent:
        raise ApprovalRefusedError(f"the record of {subject.name} is not in block style; write "
                                   "its keys one per line, indented below it",
                                   source=subject.file, line=start + 1)
    edited = _set_keys(text, values, subject.file, (start + 1, end), indent)
    _verify_record(edited, values, subject)
    write_atomic(path, edited)
    return Approved(subject.document.file, approver, subject.fingerprint)


def _verify_record(text: str, values: dict[str, str], subject: B2mmlApproval) -> None:
    """Refuse to write unless the edited ledger reads back with exactly the approval recorded
    and every other record as it was."""
    try:
        data = load_yaml_data(text, source=subject.file)
    except InputError:
        data = None
    before = subject.ledger.data if subject.ledger is not None else None
    ok = isinstance(data, dict) and isinstance(before, dict) and set(data) == set(before) \
        and all(data[k] == v for k, v in before.items() if k != subject.name) \
        and isinstance(data[subject.name], dict) and all(
            str(data[subject.name].get(k)) == v for k, v in values.items())
    if not ok:
        raise ApprovalRefusedError(f"the approval of {subject.name} cannot be recorded without "
                                   f"changing other records of {LEDGER} (write each record's "
                                   "keys in block style, one per line)", source=subject.file,
                                   line=subject.line())


def approve_row(folder: Path, ident: str, approver: str, *, label: str = "") -> Approved:
    """Approve the row ``ident`` (``table/system/code@valid_from`` as the diff names it;
    ``@valid_from`` may be left out when the code has one row)."""
    approver = approver.strip()
    table, _, rest = ident.partition("/")
    system, _, keyed = rest.partition("/")
    code, _, start = keyed.rpartition("@") if "@" in keyed else (keyed, "", "")

    def named(spec: TableSpec, _file: str, r: MappingRow) -> bool:
        return spec.name == table and r.source_system == system and r.key == code and (
            not start or r.valid_from.isoformat() == start)

    # the tables are streamed: only the rows the id names are kept (issue 20)
    source = read_plant_folder(folder, label=label or str(folder), keep=named)
    data = source.tables.get(table)
    if not (table and system and code) or data is None:
        raise ApprovalRefusedError(f"{ident!r}: expected TABLE/SYSTEM/CODE[@VALID_FROM] of a "
                                   "table of the plant", source=str(folder))
    rows = list(data.rows)
    if len(rows) != 1:
        found = ", ".join(f"@{r.valid_from.isoformat()}" for r in rows)
        raise ApprovalRefusedError(f"{ident!r} names {len(rows)} rows" + (
            f" ({found}); add @VALID_FROM" if rows else ""), source=data.file)
    row = rows[0]
    if not approver or approver == row.owner.strip():
        raise ApprovalRefusedError(f"{approver!r} owns this row and cannot approve it (four "
                                   "eyes: another steward approves)", source=data.file,
                                   line=row.line)
    if row.status is RowStatus.APPROVED and row.approved_by == approver:
        return Approved(data.file, approver, unchanged=True)
    if "approved_by" not in data.columns:
        raise ApprovalRefusedError("the table has no approved_by column", source=data.file,
                                   line=1)
    path = folder / f"{table}.csv"
    _rewrite_row(path, data.file, row.line, data.columns,
                 {"status": RowStatus.APPROVED.value, "approved_by": approver})
    return Approved(data.file, approver)


def _rewrite_row(path: Path, file: str, line: int, columns: tuple[str, ...],
                 cells: dict[str, str]) -> None:
    raw = path.read_bytes()
    lines = raw.decode("utf-8").splitlines(keepends=True)
    span = next(((start, end, fields) for start, end, fields in iter_records(path, file, [])
                 if start == line), None)
    if span is None:
        raise ApprovalRefusedError("the row moved while it was being approved", source=file,
                                   line=line)
    start, end, fields = span
    for name, value in cells.items():
        fields[columns.index(name)] = value
    newline = "\r\n" if lines[start - 1].endswith("\r\n") else "\n"
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerow(fields)
    lines[start - 1:end] = [out.getvalue()]
    write_atomic(path, "".join(lines).encode("utf-8"))
