"""A plant's spec files as governed documents: content, approval metadata and fingerprint.

A spec (``<plant>/specs/*.yaml``, format in docs/guides/mapping-engine.md) carries who owns
it and who approved it, as table rows do::

    owner: MES-Team DE01
    status: approved                 # draft | approved | deprecated
    approved_by: a.schmidt
    approved_on: 2026-12-06
    approved_fingerprint: sha256:4c1f...   # the content the approver saw

:func:`content_fingerprint` hashes the spec's *meaning*: its data with the approval keys left
out and the engine's shorthands spelled out (``id: AUFNR`` is ``id: {path: AUFNR}``, a
``$.`` path prefix is dropped), so comments, key order and quoting never invalidate an
approval, and any change of what the spec maps does. This module reads YAML only; the
engine (``canonical.mapping.engine``) parses the same files into executable rules.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Protocol

from canonical.mapping.yamlnodes import YamlDocument, load_yaml
from canonical.report import Finding

#: The folder of spec files inside a plant folder.
SPECS = "specs"
#: Keys recording the approval; everything else is the content the approval covers.
APPROVAL_KEYS = ("owner", "status", "approved_by", "approved_on", "approved_fingerprint")
SPEC_STATUSES = ("draft", "approved", "deprecated")
FINGERPRINT_PREFIX = "sha256:"

#: Keys of a field rule holding a native path (compared without a ``$.`` prefix).
PATH_KEYS = frozenset({"path", "each", "at", "when", "time_path", "unit"})


class Approvable(Protocol):
    """A governed file with an approval record: a spec (the keys are in the file itself) or a
    B2MML file (its record is in the plant's ``b2mml-approvals.yaml``,
    :mod:`canonical.mapping.b2mmlapprovals`). One concept of approval, checked by
    :func:`canonical.mapping.specchecks.approval_findings` and written by
    :mod:`canonical.mapping.approve`."""

    option: ClassVar[str]  # the ``canon mappings approve`` option naming it

    @property
    def noun(self) -> str: ...  # how messages name it: "spec", "B2MML file b2mml/V0600/lots.yaml"

    @property
    def owner_at(self) -> str: ...  # where 'owner:' is written ("" = in the file itself)

    @property
    def name(self) -> str: ...

    @property
    def file(self) -> str: ...

    @property
    def data(self) -> Mapping[str, object]: ...

    @property
    def fingerprint(self) -> str: ...

    def approval(self, key: str) -> str: ...

    def line(self, *keys: str) -> int | None: ...


@dataclass(frozen=True, slots=True)
class SpecDocument:
    """One spec file: ``name`` (file name in specs/), ``file`` (as findings name it), the
    parsed YAML (with key lines) and its normalised content."""

    name: str
    file: str
    doc: YamlDocument
    content: Mapping[str, object]  # normalised, approval keys removed
    raw: bytes = b""  # the file's bytes
    noun: ClassVar[str] = "spec"
    option: ClassVar[str] = "--spec"
    owner_at: ClassVar[str] = ""

    @property
    def data(self) -> Mapping[str, object]:
        raw = self.doc.data
        return raw if isinstance(raw, dict) else {}

    def approval(self, key: str) -> str:
        value = self.data.get(key)
        return "" if value is None else str(value).strip()

    @property
    def fingerprint(self) -> str:
        return content_fingerprint(self.content)

    @property
    def header(self) -> tuple[str, str, str]:
        return tuple(str(self.content.get(k, "")) for k in (  # type: ignore[return-value]
            "system", "entity", "direction"))

    def line(self, *keys: str) -> int | None:
        return self.doc.line(*keys)


def content_fingerprint(content: object) -> str:
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=str)
    return FINGERPRINT_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise(data: Mapping[str, object]) -> dict[str, object]:
    """The spec's content: approval keys removed, shorthands and path prefixes spelled out."""
    out = {str(k): v for k, v in data.items() if str(k) not in APPROVAL_KEYS}
    return _object(out)


def _object(data: Mapping[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in data.items():
        if key == "fields" and isinstance(value, dict):
            out[key] = {str(k): _rule(v) for k, v in value.items()}
        elif key == "items" and isinstance(value, list):
            out[key] = [_object(_keys(v)) if isinstance(v, dict) else v for v in value]
        elif key == "constants" and isinstance(value, dict):
            out[key] = {_path(k): v for k, v in value.items()}
        elif key == "ignore" and isinstance(value, list):
            out[key] = [_path(v) for v in value]
        elif key in PATH_KEYS:
            out[key] = _path(value)
        else:
            out[key] = value
    return out


def _rule(body: object) -> object:
    if isinstance(body, str):  # shorthand `id: AUFNR`
        return {"path": _path(body)}
    if not isinstance(body, dict):
        return body
    data = _keys(body)
    values = data.get("values")
    if isinstance(values, dict):
        data["values"] = {_code(k): v for k, v in values.items()}
    raw_quantity = data.get("quantity")
    if isinstance(raw_quantity, dict):
        quantity = _object(_keys(raw_quantity))
        if "value" in quantity:
            quantity["value"] = _path(quantity["value"])
        data["quantity"] = quantity
    if isinstance(data.get("item"), dict | str):
        data["item"] = _rule(data["item"])
    return _object(data)


def _keys(value: Mapping[object, object]) -> dict[str, object]:
    return {str(k): v for k, v in value.items()}


def _code(key: object) -> str:
    """A values-map key as the engine reads it (YAML ``true`` is the code ``"true"``)."""
    return "true" if key is True else "false" if key is False else str(key)


def _path(value: object) -> object:
    if isinstance(value, str) and value.startswith("$."):
        return value[2:]
    return value


def spec_paths(folder: Path) -> list[Path]:
    specs = folder / SPECS
    return sorted(specs.glob("*.yaml")) if specs.is_dir() else []


def read_spec_documents(
    folder: Path, label: str, *, known: Mapping[bytes, SpecDocument] | None = None,
) -> tuple[list[SpecDocument], list[Finding]]:
    """Every spec file of ``folder``; files in findings are ``label/specs/<name>``.

    A file that is not YAML is reported (by the YAML reader's rule) and left out. ``known``
    maps file contents already parsed (the other side of a diff) to their documents, so an
    unchanged spec is not parsed twice.
    """
    docs: list[SpecDocument] = []
    findings: list[Finding] = []
    for path in spec_paths(folder):
        file = f"{label}/{SPECS}/{path.name}"
        same = known.get(_bytes(path)) if known else None
        if same is not None:
            docs.append(SpecDocument(path.name, file, same.doc, same.content, same.raw))
            continue
        doc, problem = load_yaml(path, file)
        if problem is not None or doc is None:
            if problem is not None:
                findings.append(problem)
            continue
        data = doc.data if isinstance(doc.data, dict) else {}
        docs.append(SpecDocument(path.name, file, doc, normalise(_keys(data)), _bytes(path)))
    return docs, findings


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""  # load_yaml reports why
