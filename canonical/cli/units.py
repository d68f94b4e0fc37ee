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
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

import click

from canonical.cli.inputs import InputFile, label
from canonical.cli.options import output_option
from canonical.cli.output import EXIT_FINDINGS, EXIT_OK, fail, format_option
from canonical.errors import InputError, InvalidQuantityError, MaterialUnitError, UnitError
from canonical.units import convert as convert_value
from canonical.units import convert_exact
from canonical.units.table import Unit, active_units, dimensions, lookup

if TYPE_CHECKING:  # pragma: no cover - typing only
    from canonical.units.material import MaterialLike


#: decimal places of a converted value that has no finite decimal expansion
DEFAULT_PLACES = 12


def _plain(value: Decimal) -> str:
    return f"{value:f}"


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("value")
@click.argument("from_unit")
@click.argument("to_unit")
@click.option("--material", "material_id", help="Material id whose alternative units to use.")
@click.option(
    "--materials", "materials_file", type=InputFile(".yaml"),
    help="File of canonical Material records (JSON, JSON Lines or YAML).",
)
@click.option("--places", type=click.IntRange(0, 30), default=DEFAULT_PLACES, show_default=True,
              help="Decimal places of a result that is not a finite decimal (rounded half-even, "
              "with a note on stderr giving the exact fraction).")
@format_option
@output_option
def convert(
    value: str, from_unit: str, to_unit: str, material_id: str | None,
    materials_file: Path | None, places: int, fmt: str,
) -> None:
    """Convert VALUE from FROM_UNIT to TO_UNIT (UN/ECE Rec 20 codes), exactly.

    Example: canon convert 2.5 LBR KGM  prints  1.133980925 KGM. A result with no finite
    decimal expansion (2.5 H87 is 5/24 DZN) is rounded half-even to --places decimal places
    and the exact fraction is noted on stderr.
    """
    if material_id is not None and materials_file is None:
        fail("--material needs --materials FILE")
    material: MaterialLike | None = None
    if material_id is not None and materials_file is not None:
        catalogue = _read_materials(materials_file)
        material = catalogue.get(material_id)
        if material is None:
            fail(MaterialUnitError(material_id, f"not found in {label(materials_file)}"),
                 EXIT_FINDINGS)
    try:
        result = convert_value(value, from_unit, to_unit, material=material)
        exact = convert_exact(value, from_unit, to_unit, material=material)
    except InvalidQuantityError as exc:
        fail(exc)
    except UnitError as exc:
        fail(exc, EXIT_FINDINGS)
    extra: dict[str, object] = {}
    if not _terminates(exact):
        result = _rounded(exact, places)
        extra = {"exact": f"{exact.numerator}/{exact.denominator}", "rounded_to_places": places}
        click.echo(f"note: {value} {from_unit} is exactly {extra['exact']} {to_unit}, which has "
                   f"no finite decimal expansion; shown rounded half-even to {places} decimal "
                   "places (--places to choose)", err=True)
    if fmt == "json":
        click.echo(json.dumps({"value": _plain(result), "unit": to_unit, **extra}))
    else:
        click.echo(f"{_plain(result)} {to_unit}")
    sys.exit(EXIT_OK)


def _terminates(value: Fraction) -> bool:
    """Whether ``value`` has a finite decimal expansion (its denominator is 2^a 5^b)."""
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return denominator == 1


def _rounded(value: Fraction, places: int) -> Decimal:
    """``value`` rounded half-even to ``places`` decimal places, exactly (no float, no
    intermediate rounding)."""
    return Decimal(round(value * 10**places)).scaleb(-places)


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
@output_option
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
@output_option
def show(code: str, fmt: str) -> None:
    """Show one unit: name, symbol, dimension, exact factor, status, synonyms.

    CODE is a Rec 20 code (LBR) or, when it is not one, a unit name or common synonym
    (pounds, pcs). Codes that plant systems use differently (SAP's ST is a piece) are
    explained.
    """
    from canonical.units.names import by_name, plant_note

    note = plant_note(code.strip())
    try:
        unit = lookup(code)
    except UnitError as exc:
        if note:  # a plant code with another meaning: explain it, never resolve it by name
            fail(f"{exc}\nnote: {code.strip()}: {note}", EXIT_FINDINGS)
        named = by_name(code)
        if named is None:
            fail(f"{exc}; 'canon units search WORD' finds a unit by name", EXIT_FINDINGS)
        unit = named
        click.echo(f"{code!r} is not a unit code; it names {unit.code} ({unit.name})", err=True)
    if fmt == "json":
        click.echo(json.dumps({**_as_dict(unit), "plant_note": note}, indent=2,
                              ensure_ascii=False))
        return
    for key, value in _as_dict(unit).items():
        click.echo(f"{key + ':':<12} {value}")
    if note:
        click.echo(f"{'plant note:':<12} {note}")


@units.command("search")
@click.argument("words", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="Show at most this many units.")
@format_option
@output_option
def search(words: tuple[str, ...], limit: int, fmt: str) -> None:
    """Find unit codes by name, symbol or common synonym (pound, meters, pcs), best first.

    Exit 0 when something matches, 1 when nothing does.
    """
    from canonical.units.names import search as find

    found = find(" ".join(words), limit=limit)
    if fmt == "json":
        click.echo(json.dumps([_as_dict(u) for u in found], indent=2, ensure_ascii=False))
    else:
        for unit in found:
            click.echo(f"{unit.code:<4} {unit.name:<45} {unit.symbol:<12} {unit.dimension}".rstrip())
        if not found:
            click.echo(f"no unit matches {' '.join(words)!r}", err=True)
    sys.exit(EXIT_OK if found else EXIT_FINDINGS)


def _as_dict(unit: Unit) -> dict[str, str]:
    from canonical.units.names import synonyms

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
        "synonyms": ", ".join(synonyms(unit.code)),
    }
