"""Derive the curated unit table ``data/units.csv`` from the raw UN/ECE Rec 20 code list.

Run from a checkout (the raw list lives beside the repository, never inside the package)::

    python -m canonical.units.derive ../shared/uom/rec20-units-of-measure.csv \
        canonical/units/data/units.csv

What it does, row by row of Rec 20 (revision 17):

- ``Status`` X / D rows are kept as ``deleted`` / ``deprecated`` so they can be refused with
  their replacement (taken from "common code XYZ" in the description, or from the overrides).
- Active rows are kept when their ``ConversionFactor`` parses to a number times a *coherent*
  SI expression (``kg``, ``m³``, ``N x m``...) of a dimension the canonical model supports, and
  the number is exact: a power of ten times at most four significant digits (``10⁻³ kg``,
  ``3 600 s``). Rec 20 rounds everything else to about seven digits, so such rows are kept only
  when ``data/overrides.csv`` gives their exact legal factor.
- ``data/overrides.csv`` then wins field by field (exact factors, temperature offsets, count,
  ratio, calendar and Rec 21 package units, replacements).

pint is used here, at derivation time only, to read the dimension of the SI expression.
The output is deterministic (sorted by code); a test re-derives it and fails on any drift.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace
from fractions import Fraction
from importlib.resources import files
from pathlib import Path
from typing import Any

from canonical.files.atomic import write_atomic
from canonical.units.exact import factor_text, terminates
from canonical.units.exact import parse_factor as parse_exact

COLUMNS = ("code", "name", "symbol", "dimension", "factor", "offset", "status", "replacement",
           "level", "source")

#: pint dimensionality (as printed by pint) -> canonical dimension name
DIMENSIONS: dict[str, str] = {
    "[mass]": "mass",
    "[length]": "length",
    "[length] ** 2": "area",
    "[length] ** 3": "volume",
    "[time]": "time",
    "1 / [time]": "frequency",
    "[length] / [time]": "velocity",
    "[length] / [time] ** 2": "acceleration",
    "[mass] / [time]": "mass_flow",
    "[length] ** 3 / [time]": "volume_flow",
    "[mass] / [length] ** 3": "density",
    "[mass] * [length] / [time] ** 2": "force",
    "[mass] / [length] / [time] ** 2": "pressure",
    "[mass] * [length] ** 2 / [time] ** 2": "energy",
    "[mass] * [length] ** 2 / [time] ** 3": "power",
    "[current]": "electric_current",
    "[current] * [time]": "electric_charge",
    "[mass] * [length] ** 2 / [time] ** 3 / [current]": "voltage",
    "[mass] / [length] / [time]": "dynamic_viscosity",
    "[length] ** 2 / [time]": "kinematic_viscosity",
}

_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_NUMBER = re.compile(
    r"^(?:(?P<mant>\d[\d ]*(?:,[\d ]*\d)?|\d+/\d+)\s*(?:[x\u00d7]\s*)?)??"
    r"(?:10(?P<exp>[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))?\s*(?P<unit>[^\d⁰¹²³⁴⁵⁶⁷⁸⁹].*)?$"
)
#: SI symbols a kept factor expression may use. Others (rad, sr, Bq, Ci, bit, Bd, H, Ω, P) make
#: pint merge kinds that are not interchangeable (Bq with Hz, rad/s with Hz, H/Ω with s).
SI_SYMBOLS = frozenset({"kg", "m", "s", "K", "A", "N", "Pa", "J", "W", "Hz", "C", "V", "x"})
#: Active rows left out on purpose, although their factor parses: quantities that share an SI
#: dimension with another kind but must not convert to it (torque N·m vs energy J, reactive and
#: apparent power var/VA vs W, H/Ω and P/bar vs s, Hz·m vs m/s, J/m³ vs Pa, Pa·m²/kg vs m/s²,
#: N·s/m vs kg/s, Pa·m³/s leak rates vs W, mL/(cm²·s) vs m/s), gas volumes at reference
#: conditions (not m³), lumber measures, ping and brake horsepower whose Rec 20 factor is
#: rounded, and "foot per thousand" (a ratio).
EXCLUDED = frozenset({
    "NU", "B48", "B74", "B93", "D83", "DN", "J72", "M97", "Q27", "B12",
    "D44", "D46", "KVA", "KVR", "M35", "MVA",
    "G98", "G99", "H03", "H04", "H05", "H06", "F06", "J74", "N35", "H07", "L16",
    "H34", "H39", "M17", "M18", "M27", "B8", "E46", "JM", "33", "P79", "C58", "35",
    "F88", "F91", "F92", "F93", "F94", "F95", "F96", "F97", "F98", "F99", "G01",
    "NM3", "SM3", "WCD", "WSD", "BHP", "E19", "E33",
})
_REPLACEMENT = re.compile(r"common code ([0-9A-Z]{2,3})\)")
_STATUS = {"": "active", "X": "deleted", "D": "deprecated"}


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the curated unit table, all fields as the strings written to the CSV."""

    code: str
    name: str
    symbol: str = ""
    dimension: str = ""
    factor: str = ""
    offset: str = ""
    status: str = "active"
    replacement: str = ""
    level: str = ""
    source: str = "rec20"


def parse_factor(text: str) -> tuple[Fraction, str] | None:
    """``'2,834 952 x 10⁻² kg'`` -> (Fraction('0.02834952'), 'kg'); None when unreadable."""
    text = " ".join(text.replace("\xa0", " ").split())
    match = _NUMBER.match(text)
    if match is None:
        return None
    mant, exp, unit = match.group("mant"), match.group("exp"), (match.group("unit") or "").strip()
    if mant is None and exp is None:
        return (Fraction(1), unit) if unit else None
    value = Fraction(1)
    if mant is not None:
        value = Fraction(mant.replace(" ", "").replace(",", "."))
    if exp is not None:
        value *= Fraction(10) ** int(exp.translate(_SUPERSCRIPT))
    return value, unit


def significant_digits(value: Fraction) -> int | None:
    """Digits of a terminating decimal without leading/trailing zeros; None if not terminating."""
    if not terminates(value):
        return None
    return len(factor_text(value).replace("-", "").replace(".", "").strip("0"))


class _SIReader:
    """Reads the dimension of a coherent SI expression with pint (derivation time only)."""

    def __init__(self) -> None:
        import pint

        self._ureg: Any = pint.UnitRegistry()

    def dimension(self, unit: str) -> str | None:
        if not set(re.findall(r"[^\W\d_]+", unit.translate(_SUPERSCRIPT))) <= SI_SYMBOLS:
            return None
        expr = unit.translate(_SUPERSCRIPT)
        expr = re.sub(r"([a-zA-Z)])(-?\d+)", r"\1**\2", expr)
        expr = expr.replace(" x ", "*").replace("\u00d7", "*").replace("·", "*").replace(" ", "")
        try:
            quantity = self._ureg.parse_expression(expr).to_base_units()
        except Exception:
            return None
        if float(quantity.magnitude) != 1.0:
            return None
        return DIMENSIONS.get(str(quantity.dimensionality))


def read_overrides(text: str) -> dict[str, dict[str, str]]:
    """code -> {column: value} for the non-empty cells of ``overrides.csv`` (``#`` comments)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    out: dict[str, dict[str, str]] = {}
    for record in csv.DictReader(lines):
        code = record["code"]
        cells = {k: v for k, v in record.items() if k in COLUMNS and k != "code" and v}
        if "factor" in cells:
            cells["factor"] = factor_text(parse_exact(cells["factor"]))
        out[code] = cells
    return out


def derive(rec20: Iterable[dict[str, str]], overrides: dict[str, dict[str, str]]) -> list[Row]:
    """The curated rows, sorted by code."""
    reader = _SIReader()
    rows: dict[str, Row] = {}
    for raw in rec20:
        row = _from_rec20(raw, reader, overrides)
        if row is not None:
            rows[row.code] = row
    for code, cells in overrides.items():
        base = rows.get(code) or Row(code=code, name=cells.get("name", ""), source="rec21")
        if base.source == "rec20" and code in rows and any(
            k in cells for k in ("dimension", "factor", "offset")
        ):
            base = replace(base, source="rec20+exact")
        rows[code] = replace(base, **cells)
    return [rows[code] for code in sorted(rows)]


def _from_rec20(
    raw: dict[str, str], reader: _SIReader, overrides: dict[str, dict[str, str]]
) -> Row | None:
    status = _STATUS.get(raw["Status"].strip())
    if status is None:  # a stray marker in the source ("¦"): treat as not usable
        status = "deprecated"
    row = Row(
        code=raw["CommonCode"].strip(), name=raw["Name"].strip(), symbol=raw["Symbol"].strip(),
        status=status, level=raw["LevelAndCategory"].strip(),
    )
    if status != "active":
        found = _REPLACEMENT.search(raw["Description"])
        return replace(row, replacement=found.group(1) if found else "")
    if row.code in overrides:
        return row
    if row.code in EXCLUDED:
        return None
    parsed = parse_factor(raw["ConversionFactor"])
    if parsed is None:
        return None
    value, unit = parsed
    digits = significant_digits(value)
    if digits is None or digits > 4:
        return None
    dimension = reader.dimension(unit) if unit else None
    if dimension is None:
        return None
    return replace(row, dimension=dimension, factor=factor_text(value))


def render_csv(rows: Iterable[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([getattr(row, f.name) for f in fields(Row)])
    return buffer.getvalue()


def derive_text(rec20_csv: Path) -> str:
    """The full text of ``units.csv`` derived from the raw Rec 20 CSV and the shipped overrides."""
    overrides = read_overrides(
        files("canonical.units").joinpath("data", "overrides.csv").read_text(encoding="utf-8")
    )
    with rec20_csv.open(encoding="utf-8", newline="") as handle:
        return render_csv(derive(csv.DictReader(handle), overrides))


def main(argv: Iterator[str] | list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print("usage: python -m canonical.units.derive REC20_CSV OUT_CSV", file=sys.stderr)
        return 2
    write_atomic(Path(args[1]), derive_text(Path(args[0])))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
