"""Export a mapping table as SSSOM TSV (Simple Standard for Sharing Ontological Mappings).

One mapping per approved row (optionally of one source system): ``subject_id`` is the
plant's source code as a CURIE of the plant/system/table namespace, ``object_id`` the
canonical code in the canonical value namespace of the table, the predicate
``skos:exactMatch`` and the justification ``semapv:ManualMappingCuration``. SSSOM has no
effective dating, approval state or plant scope; those stay in our own tables and are
summarised in ``comment``. The metadata block (``#``-prefixed YAML) carries the
``curie_map``, ``mapping_set_id``, version and license.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from canonical.mapping.plant import Plant
from canonical.mapping.rows import MappingRow, RowStatus

BASE = "https://w3id.org/mfg-canonical"
COLUMNS = ("subject_id", "subject_label", "predicate_id", "object_id", "object_label",
           "mapping_justification", "author_label", "reviewer_label", "comment")
UNSPECIFIED_LICENSE = "https://w3id.org/sssom/license/unspecified"


def _cell(text: str) -> str:
    """A TSV cell: tabs and line breaks cannot appear inside one."""
    return " ".join(text.replace("\t", " ").split()) if text else ""


def _prefix(plant: str, system: str) -> str:
    """A CURIE prefix (an NCName) for a plant's system: ``DE01_SAP_ECC``."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", f"{plant}_{system}")
    return name if name[0].isalpha() else f"p{name}"


def _local(code: str) -> str:
    return quote(code, safe="-._~")


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def export_sssom(plant: Plant, table: str, *, source_system: str | None = None) -> str:
    """The SSSOM TSV text of the approved rows of ``table``."""
    data = plant.table(table)
    systems = [source_system] if source_system else list(plant.source_systems)
    for name in systems:
        plant.system(name)
    object_prefix = f"canon_{table}"
    curies = {"skos": "http://www.w3.org/2004/02/skos/core#",
              "semapv": "https://w3id.org/semapv/vocab/",
              object_prefix: f"{BASE}/value/{table}/"}
    for name in systems:
        curies[_prefix(plant.id, name)] = f"{BASE}/plant/{plant.id}/{name}/{table}/"
    meta = [
        "#curie_map:",
        *(f"#  {prefix}: {_quoted(uri)}" for prefix, uri in curies.items()),
        f"#mapping_set_id: {_quoted(f'{BASE}/plant/{plant.id}/mappings/{table}.sssom.tsv')}",
        f"#mapping_set_title: {_quoted(f'{plant.config.name}: {table}')}",
        f"#license: {_quoted(plant.config.license or UNSPECIFIED_LICENSE)}",
    ]
    if plant.config.version:
        meta.append(f"#mapping_set_version: {_quoted(plant.config.version)}")
    lines = ["\t".join(COLUMNS)]
    rows = sorted((r for r in data.rows if r.status is RowStatus.APPROVED
                   and r.source_system in systems),
                  key=lambda r: (r.source_system, r.key, r.valid_from))
    lines.extend("\t".join(_row(plant, table, object_prefix, r)) for r in rows)
    return "\n".join(meta + lines) + "\n"


def _row(plant: Plant, table: str, object_prefix: str, row: MappingRow) -> tuple[str, ...]:
    period = row.period()
    comment = f"valid {period}; direction {row.direction.value}"
    if row.note:
        comment += f"; {row.note}"
    return (
        f"{_prefix(plant.id, row.source_system)}:{_local(row.source_code)}",
        _cell(row.source_code),
        "skos:exactMatch",
        f"{object_prefix}:{_local(row.canonical_code)}",
        _cell(row.canonical_code),
        "semapv:ManualMappingCuration",
        _cell(row.owner),
        _cell(row.approved_by),
        _cell(comment),
    )
