"""Build every generated artifact from the LinkML source, or check that none has drifted.

One command regenerates everything (``canon schema build`` / ``make generate``):

- ``schemas/canonical.schema.json``: JSON Schema (draft 2019-09) for non-Python services,
  closed content model (``additionalProperties: false``), from LinkML's own generator with
  no override of what LinkML means (:mod:`canonical.schema.jsonschema_gen`);
- ``canonical/models/v1.py``: the pydantic v2 models.

``check()`` regenerates into memory and reports every file that differs, which is what the
drift test and CI run. linkml is imported here only (the ``[schema]`` extra).
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from canonical.errors import SchemaLoadError
from canonical.files.atomic import ensure_folder, write_atomic
from canonical.resources import data_file
from canonical.schema.pydantic_gen import PydanticGenerator, Source, header

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Artifact:
    """One generated file: where it goes and its expected content."""

    path: Path
    content: str


def _view(schema_path: Path) -> Any:
    from linkml_runtime.utils.schemaview import SchemaView

    try:
        return SchemaView(str(schema_path))
    except Exception as exc:  # linkml raises many types; wrap them where they enter
        raise SchemaLoadError(f"cannot load LinkML schema: {exc}", source=str(schema_path)) from exc


def _json_schema(schema_path: Path, source: Source) -> str:
    from canonical.schema.jsonschema_gen import json_schema

    document = json_schema(str(schema_path), comment=header(source, comment="").replace("\n", " ").strip())
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def artifacts(schema_path: Path | None = None, *, root: Path | None = None) -> list[Artifact]:
    """Every generated artifact with the content the current source produces."""
    schema_path = schema_path or data_file("schemas", "canonical.yaml")
    text = schema_path.read_text(encoding="utf-8")
    source = Source(text=text, name="schemas/canonical.yaml")
    view = _view(schema_path)
    schemas_dir = (root / "schemas") if root else schema_path.parent
    package_dir = (root / "canonical") if root else _PACKAGE_DIR
    return [
        Artifact(schemas_dir / "canonical.schema.json", _json_schema(schema_path, source)),
        Artifact(package_dir / "models" / "v1.py", PydanticGenerator(view, source).generate()),
    ]


def build(schema_path: Path | None = None, *, root: Path | None = None) -> list[Path]:
    """Write every artifact; return the paths written."""
    written = []
    for artifact in artifacts(schema_path, root=root):
        write_atomic(ensure_folder(artifact.path.parent) / artifact.path.name, artifact.content)
        written.append(artifact.path)
    return written


def check(schema_path: Path | None = None, *, root: Path | None = None) -> list[str]:
    """Unified diffs of every committed artifact that differs from a fresh build (empty = OK)."""
    problems = []
    for artifact in artifacts(schema_path, root=root):
        current = artifact.path.read_text(encoding="utf-8") if artifact.path.exists() else ""
        if current != artifact.content:
            diff = difflib.unified_diff(
                current.splitlines(keepends=True),
                artifact.content.splitlines(keepends=True),
                fromfile=f"{artifact.path} (committed)",
                tofile=f"{artifact.path} (generated)",
                n=1,
            )
            problems.append("".join(list(diff)[:60]))
    return problems
