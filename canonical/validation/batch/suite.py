"""A batch suite: the extract layout of one entity plus its expectations and cross-row checks.

Suites are generated from the LinkML schema (:mod:`canonical.validation.batch.generate`)
into ``validators/canonical/<Extract>.json``. Each file *is* a Great Expectations 1.x suite
(``name``, ``expectations`` of ``type``/``kwargs``/``meta``, ``meta``), so
``gx.ExpectationSuite(**json.load(f))`` loads it unchanged; the extract layout and the
checks Great Expectations cannot express live in the suite's ``meta``. This module reads
them without importing Great Expectations.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from canonical.errors import UnknownEntityError
from canonical.resources import data_dir

SUITE_FOLDER = "canonical"


class Storage(StrEnum):
    """How a column is stored in a prepared frame (what the expectations assume)."""

    STRING = "string"
    INTEGER = "integer"
    BOOLEAN = "boolean"


@dataclass(frozen=True, slots=True)
class Column:
    """One column of an extract layout."""

    name: str
    storage: Storage
    kind: str  # identifier, text, decimal, unit, timestamp, date, enum, integer, boolean, string
    required: bool
    description: str = ""

    def to_data(self) -> dict[str, object]:
        return {"name": self.name, "storage": self.storage.value, "kind": self.kind,
                "required": self.required, "description": self.description}


@dataclass(frozen=True, slots=True)
class Expectation:
    """One Great Expectations expectation with the rule id its failures are reported under."""

    type: str
    kwargs: dict[str, Any]
    rule_id: str

    @property
    def column(self) -> str:
        return str(self.kwargs.get("column") or ",".join(self.kwargs.get("column_list", ())))

    def to_data(self) -> dict[str, object]:
        return {"type": self.type, "kwargs": self.kwargs, "meta": {"rule_id": self.rule_id}}


@dataclass(frozen=True, slots=True)
class Check:
    """A cross-row or cross-extract check run by our own vectorised code."""

    check: str  # name of the implementation in canonical.validation.batch.crossrow
    rule_id: str
    columns: tuple[str, ...]
    related: str = ""  # extract the check needs besides this one ("" = none)
    targets: tuple[str, ...] = ()  # columns of the related extract that ``columns`` reference

    def to_data(self) -> dict[str, object]:
        data: dict[str, object] = {"check": self.check, "rule_id": self.rule_id,
                                   "columns": list(self.columns)}
        if self.related:
            data["related"] = self.related
            data["targets"] = list(self.targets)
        return data


@dataclass(frozen=True, slots=True)
class Suite:
    """The suite of one extract (an entity or a child extract such as ``LotGenealogy``)."""

    name: str
    extract: str
    columns: tuple[Column, ...]
    expectations: tuple[Expectation, ...]
    checks: tuple[Check, ...] = ()
    header: dict[str, Any] = field(default_factory=dict)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    def to_data(self) -> dict[str, object]:
        return {
            "name": self.name,
            "expectations": [e.to_data() for e in self.expectations],
            "meta": {
                **self.header,
                "extract": self.extract,
                "columns": [c.to_data() for c in self.columns],
                "checks": [c.to_data() for c in self.checks],
            },
        }

    def to_json(self) -> str:
        return json.dumps(self.to_data(), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Suite:
        meta = data["meta"]
        header = {k: v for k, v in meta.items() if k not in ("extract", "columns", "checks")}
        return cls(
            name=data["name"],
            extract=meta["extract"],
            columns=tuple(
                Column(c["name"], Storage(c["storage"]), c["kind"], c["required"],
                       c.get("description", ""))
                for c in meta["columns"]
            ),
            expectations=tuple(
                Expectation(e["type"], dict(e["kwargs"]), e["meta"]["rule_id"])
                for e in data["expectations"]
            ),
            checks=tuple(
                Check(c["check"], c["rule_id"], tuple(c["columns"]), c.get("related", ""),
                      tuple(c.get("targets", ())))
                for c in meta["checks"]
            ),
            header=header,
        )


def suite_dir() -> Path:
    return data_dir("validators") / SUITE_FOLDER


def suite_names() -> list[str]:
    """Every extract with a committed suite (the seven entities and the child extracts)."""
    return sorted(p.stem for p in suite_dir().glob("*.json"))


@cache
def load_suite(extract: str) -> Suite:
    """The committed suite of ``extract``; :class:`UnknownEntityError` when there is none."""
    path = suite_dir() / f"{extract}.json"
    if not path.is_file():
        raise UnknownEntityError(extract, suite_names())
    return Suite.from_data(json.loads(path.read_text(encoding="utf-8")))
