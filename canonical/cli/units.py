"""``canon convert`` and ``canon units``: exact unit conversion and the unit table.

Exit codes: 0 success; 1 a conversion that cannot be done (incompatible units, unknown or
deleted code, missing or unusable material factor); 2 usage errors (bad value, unreadable
materials file, unknown dimension).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import click

from canonical.cli.output import EXIT_FINDINGS, EXIT_OK, fail, format_option
from canonical.errors import InputError, InvalidQuantityError, MaterialUnitError, UnitError
from canonical.units import convert as convert_value
from canonical.units.table import Unit, active_units, dimensions, lookup

if TYPE_CHECKING:  # pragma: no cover - typing only
    from canonical.units.material import MaterialLike


def _plain(value: Decimal) -> str:
    return f"{value:f}"


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("value")
@click.argument("from_unit")
@click.argument("to_unit")
@click.option("--material", "material_id", help="Material id whose alternative units to use.")
@click.option(
    "--materials", "materials_file", type=click.Path(path_type=Path),
    help="File of canonical Material records (JSON, JSON Lines or YAML).",
)
@format_option
def convert(
    value: str, from_unit: str, to_unit: str, material_id: str | None,
    materials_file: Path | None, fmt: str,
) -> None:
    """Convert VALUE from FROM_UNIT to TO_UNIT (UN/ECE Rec 20 codes), exactly.

    Example: canon convert 2.5 LBR KGM  prints  1.133980925 KGM
    """
    if material_id is not None and materials_file is None:
        fail("--material needs --materials FILE")
    material: MaterialLike | None = None
    if material_id is not None and materials_file is not None:
        catalogue = _read_materials(materials_file)
        material = catalogue.get(material_id)
        if material is None:
            fail(MaterialUnitError(material_id, f"not found in {materials_file}"), EXIT_FINDINGS)
    try:
        result = convert_value(value, from_unit, to_unit, material=material)
    except InvalidQuantityError as exc:
        fail(exc)
    except UnitError as exc:
        fail(exc, EXIT_FINDINGS)
    if fmt == "json":
        click.echo(json.dumps({"value": _plain(result), "unit": to_unit}))
    else:
        click.echo(f"{_plain(result)} {to_unit}")
    sys.exit(EXIT_OK)


def _read_materials(path: Path) -> Mapping[str, MaterialLike]:
    """Material records by id, parsed with the generated model; exit 2 when unreadable."""
    from pydantic import ValidationError

    from canonical.models import Material
    from canonical.reading import parse_records, read_text

    try:
        text = read_text(path)
        if path.suffix.lower() in {".yaml", ".yml"}:
            data = _yaml_records(text, str(path))
        else:
            data = [record.data for record in parse_records(text, source=str(path))]
    except InputError as exc:
        fail(exc)
    catalogue: dict[str, MaterialLike] = {}
    for index, record in enumerate(data):
        items = record if isinstance(record, list) else [record]
        for item in items:
            try:
                parsed = Material.model_validate(item)
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"])
                fail(InputError(f"record {index}: {where}: {first['msg']}", source=str(path)))
            catalogue[parsed.id] = parsed
    return catalogue


def _yaml_records(text: str, source: str) -> list[object]:
    from canonical.files.yamlsafe import load_yaml_data

    loaded = load_yaml_data(text, source=source)
    return loaded if isinstance(loaded, list) else [loaded]


@click.group()
def units() -> None:
    """The canonical unit table (UN/ECE Rec 20 codes)."""


@units.command("list")
@click.option("--dimension", help="Only units of this dimension (mass, length, count...).")
@format_option
def list_units(dimension: str | None, fmt: str) -> None:
    """List the active canonical unit codes."""
    if dimension is not None and dimension not in dimensions():
        fail(f"unknown dimension {dimension!r}; expected one of: {', '.join(dimensions())}")
    rows = list(active_units(dimension))
    if fmt == "json":
        click.echo(json.dumps([_as_dict(u) for u in rows], indent=2, ensure_ascii=False))
        return
    for unit in rows:
        factor = unit.factor_text or "per material"
        offset = f" (offset {unit.offset_text})" if unit.offset else ""
        click.echo(f"{unit.code:<4} {unit.name:<45} {unit.symbol:<12} {unit.dimension:<16} "
                   f"{factor}{offset}".rstrip())


@units.command("show")
@click.argument("code")
@format_option
def show(code: str, fmt: str) -> None:
    """Show one unit code: name, symbol, dimension, exact factor, status."""
    try:
        unit = lookup(code)
    except UnitError as exc:
        fail(exc, EXIT_FINDINGS)
    if fmt == "json":
        click.echo(json.dumps(_as_dict(unit), indent=2, ensure_ascii=False))
        return
    for key, value in _as_dict(unit).items():
        click.echo(f"{key + ':':<12} {value}")


def _as_dict(unit: Unit) -> dict[str, str]:
    return {
        "code": unit.code,
        "name": unit.name,
        "symbol": unit.symbol,
        "dimension": unit.dimension,
        "factor": unit.factor_text or "per material",
        "offset": unit.offset_text,
        "status": unit.status,
        "level": unit.level,
        "source": unit.source,
    }
