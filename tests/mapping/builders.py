"""Build small plant folders in a temporary directory for mapping tests."""

from __future__ import annotations

from pathlib import Path

HEADER = "source_system,source_code,canonical_code,valid_from,valid_to,status,owner,approved_by,note"

PLANT_YAML = """\
id: P1
name: Test plant
time_zone: Europe/Berlin
version: "1.0.0"
source_systems:
  ERP:
    kind: erp
    status_separator: " "
    normalisation:
      materials:
        inbound: [trim, strip_leading_zeros]
        outbound: [{pad_left: 6}]
      default:
        inbound: [trim]
  MES:
    kind: mes
    normalisation:
      default:
        inbound: [trim, upper]
"""

#: A clean row of each table (the header is HEADER plus the table's extra columns).
CLEAN: dict[str, tuple[str, str]] = {
    "materials": ("", "ERP,000042,42,2024-01-01,,approved,ann,bob,"),
    "units": ("", "ERP,KG,KGM,2024-01-01,,approved,ann,bob,"),
    "order_statuses": (",precedence", "ERP,REL,released,2024-01-01,,approved,ann,bob,,20"),
    "resources": (",kind,parent", "ERP,P1,P1,2024-01-01,,approved,ann,bob,,site,"),
}


def table(header_extra: str, *rows: str) -> str:
    return "\n".join([HEADER + header_extra, *rows]) + "\n"


def make_plant(root: Path, tables: dict[str, str | bytes], *, plant_yaml: str | bytes = PLANT_YAML,
               name: str = "P1") -> Path:
    """A plant folder ``root/name`` with plant.yaml and the given table files."""
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(plant_yaml, bytes):
        (folder / "plant.yaml").write_bytes(plant_yaml)
    else:
        (folder / "plant.yaml").write_text(plant_yaml, encoding="utf-8")
    for file, content in tables.items():
        path = folder / (file if "." in file else f"{file}.csv")
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return folder
