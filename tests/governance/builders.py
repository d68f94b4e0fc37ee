"""Helpers for governance tests: build small LinkML schemas from fragments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schemas"
CASES_FILE = FIXTURES / "diff_cases.yaml"


def load_table() -> dict[str, Any]:
    data = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def schema_text(body: dict[str, Any], version: str | None, table: dict[str, Any]) -> str:
    """A full schema: the table header, ``version``, the common types/enums, then ``body``."""
    doc: dict[str, Any] = dict(table["header"])
    if version is not None:
        doc["version"] = version
    for section, common in table.get("common", {}).items():
        doc[section] = dict(common)
    for section, content in body.items():
        merged = dict(doc.get(section, {}))
        merged.update(content or {})
        doc[section] = merged
    return yaml.safe_dump(doc, sort_keys=False)


def write_schema(folder: Path, name: str, body: dict[str, Any], version: str | None = "1.0.0",
                 table: dict[str, Any] | None = None) -> Path:
    path = folder / name
    path.write_text(schema_text(body, version, table or load_table()), encoding="utf-8")
    return path
