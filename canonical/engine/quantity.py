"""A quantity field: amount and plant unit code in, exact canonical Quantity out (and back).

The plant unit code goes through the plant's ``units`` table. When the spec asks
(``to_base_unit: material``), the amount is converted exactly to the material's base unit
(the ``base_unit`` column of the materials table), applying a packaging factor of the unit row
first (``KAR`` = 12 ``H87``); the conversion is :func:`canonical.units.convert`, never float.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from canonical.engine import rules
from canonical.engine.context import Ctx, Loc, WrongAt, get, put
from canonical.engine.lookups import TableLookup
from canonical.engine.spec import NativeType, Path
from canonical.engine.values import (
    Problem,
    json_type,
    plain_decimal,
    read_decimal,
    write_decimal,
)
from canonical.errors import UnitError
from canonical.mapping.rows import MappingRow, RowStatus
from canonical.models import Quantity
from canonical.units import convert

_APPROVED = RowStatus.APPROVED


class QuantityNode:
    __slots__ = (
        "base_from_root",
        "base_of",
        "base_units",
        "comma",
        "fast",
        "field",
        "native",
        "required",
        "simple",
        "unit_path",
        "unit_value",
        "units",
        "value_path",
    )

    def __init__(self, field: str, *, required: bool, value_path: Path, unit_path: Path | None,
                 unit_value: str | None, units: TableLookup, base_of: str | None,
                 base_units: Mapping[str, str], native: NativeType, comma: bool) -> None:
        self.field, self.required = field, required
        self.value_path, self.unit_path, self.unit_value = value_path, unit_path, unit_value
        self.units, self.base_units, self.native, self.comma = units, base_units, native, comma
        self.base_from_root = base_of is not None and base_of.startswith("$.")
        self.base_of = base_of[2:] if base_of is not None and self.base_from_root else base_of
        self.simple = (not comma and native is NativeType.STRING and len(value_path) == 1
                       and unit_path is not None and len(unit_path) == 1
                       and not self.base_from_root)
        self.fast = self.simple and base_of is None

    def decode(self, src: dict[str, object], ctx: Ctx, loc: Loc, out: dict[str, object]) -> None:
        if self.fast:  # plain string amount and unit, no conversion: the common case
            raw = src.get(self.value_path[0])
            code = src.get(self.unit_path[0])  # type: ignore[index]
            if type(raw) is str and type(code) is str and plain_decimal(raw):
                row = self.units.row(code, ctx.day)
                if row is not None and row.status is _APPROVED:
                    out[self.field] = {"value": Decimal(raw), "unit": row.canonical_code}
                    return
        path = self.value_path
        raw = src.get(path[0]) if len(path) == 1 else get(src, path)
        if raw is None or raw == "":
            if self.required:
                ctx.add(rules.MISSING, f"{self.field}: required amount is missing", loc,
                        self.value_path)
            return
        if type(raw) is WrongAt:
            ctx.add(rules.WRONG_TYPE, f"{self.field}: expected an object on the way to the "
                    "amount", loc, self.value_path, raw.value)
            return
        if self.native is NativeType.STRING and type(raw) is not str:
            ctx.add(rules.WRONG_TYPE, f"{self.field}: expected the amount as a string, got "
                    f"{json_type(raw)}", loc, self.value_path, raw)
            return
        if self.native is NativeType.NUMBER and type(raw) is not int and type(raw) is not Decimal:
            ctx.add(rules.WRONG_TYPE, f"{self.field}: expected the amount as a number, got "
                    f"{json_type(raw)}", loc, self.value_path, raw)
            return
        amount = read_decimal(raw, comma=self.comma)
        if type(amount) is Problem:
            ctx.add(rules.BAD_DECIMAL, f"{self.field}: {amount}", loc, self.value_path, raw)
            return
        assert isinstance(amount, Decimal)
        unit_tail: Path = self.unit_path or self.value_path
        unit_path = self.unit_path
        if unit_path is None:
            code = self.unit_value
        else:
            code = src.get(unit_path[0]) if len(unit_path) == 1 else get(src, unit_path)
        if code is None or code == "":
            ctx.add(rules.MISSING, f"{self.field}: unit is missing", loc, unit_tail)
            return
        if type(code) is not str:
            ctx.add(rules.WRONG_TYPE, f"{self.field}: expected a unit code string, got "
                    f"{json_type(code)}", loc, unit_tail, code)
            return
        row = self.units.row(code, ctx.day)
        if row is None:
            ctx.add(rules.UNMAPPED, f"{self.field}: {self.units.system} unit {code!r} has no "
                    f"approved mapping in table units on {ctx.day}", loc, unit_tail, code)
            return
        if row.status is RowStatus.DEPRECATED:
            ctx.add(rules.DEPRECATED_ROW, f"{self.field}: unit {code!r} maps through a "
                    f"deprecated row (line {row.line})", loc, unit_tail, code)
        if self.base_of is not None:
            self.in_base(amount, row, ctx.root if self.base_from_root else out, ctx, loc, out)
            return
        out[self.field] = {"value": amount, "unit": row.canonical_code}

    def in_base(self, amount: Decimal, row: MappingRow, holder: dict[str, object], ctx: Ctx,
                loc: Loc, out: dict[str, object]) -> None:
        """Write ``amount`` of the unit ``row`` maps to, in the base unit of the material
        ``holder`` names; nothing when that material did not map (its finding is there)."""
        material = holder.get(self.base_of)  # type: ignore[arg-type]
        if not isinstance(material, str):
            return
        converted = self._to_base(amount, row.canonical_code, row.extra, material, ctx, loc,
                                  self.unit_path or self.value_path)
        if converted is not None:
            out[self.field] = {"value": converted[0], "unit": converted[1]}

    def _to_base(self, amount: Decimal, unit: str, extra: Mapping[str, str], material: str,
                 ctx: Ctx, loc: Loc, tail: Path) -> tuple[Decimal, str] | None:
        base = self.base_units.get(material)
        if base is None:
            ctx.add(rules.UNIT_CONVERSION, f"{self.field}: material {material!r} has no "
                    "base_unit in the materials table", loc, tail, material)
            return None
        factor = extra.get("factor")
        if factor:
            amount, unit = amount * Decimal(factor), extra.get("factor_unit", unit)
        if unit == base:
            return amount, unit
        try:
            return convert(amount, unit, base), base
        except UnitError as exc:
            ctx.add(rules.UNIT_CONVERSION, f"{self.field}: {exc.message} (material "
                    f"{material!r}, base unit {base})", loc, tail, unit)
        except ArithmeticError:  # an amount beyond Decimal's exponent range
            ctx.add(rules.UNIT_CONVERSION, f"{self.field}: {amount} {unit} cannot be converted "
                    f"to {base}", loc, tail, unit)
        return None

    def encode(self, value: object, ctx: Ctx, loc: Loc, out: dict[str, object]) -> None:
        assert isinstance(value, Quantity)
        tail = (self.field,)
        native_unit = self.units.reverse(value.unit, ctx.day)
        if native_unit is None:
            ctx.add(rules.NO_REVERSE, f"{self.field}: unit {value.unit!r} has no approved "
                    f"outbound mapping to {self.units.system} in table units on {ctx.day}",
                    loc, (*tail, "unit"), value.unit)
            return
        if self.unit_path is not None:
            before = get(out, self.unit_path)
            if before is not None and before != native_unit:
                ctx.add(rules.CONSTANT_MISMATCH, f"{self.field}: unit {value.unit!r} differs "
                        f"from the unit already written to {'.'.join(self.unit_path)} by a "
                        "quantity sharing that field", loc, (*tail, "unit"), value.unit)
                return
            put(out, self.unit_path, native_unit)
        elif native_unit != self.unit_value:
            ctx.add(rules.CONSTANT_MISMATCH, f"{self.field}: unit {value.unit!r} is not the "
                    f"spec's fixed unit {self.unit_value!r}", loc, (*tail, "unit"), value.unit)
            return
        amount: object = value.value
        if self.native is NativeType.STRING:
            amount = write_decimal(value.value, comma=self.comma)
        put(out, self.value_path, amount)
