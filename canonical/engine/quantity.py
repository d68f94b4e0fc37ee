"""A quantity field: amount and plant unit code in, exact canonical Quantity out (and back).

The plant unit code goes through the plant's ``units`` table. When the spec asks
(``to_base_unit: material``), the amount is converted exactly to the material's base unit
(the ``base_unit`` column of the materials table), applying a packaging factor of the unit row
first (``KAR`` = 12 ``H87``); the conversion is :func:`canonical.units.convert`, never float.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from canonical.engine import rules
from canonical.engine.context import Ctx, Loc, WrongAt, get, put
from canonical.engine.lookups import TableLookup
from canonical.engine.scalar import Fast
from canonical.engine.spec import NativeType, Path
from canonical.engine.steps import FAIL, SKIP, Say, fail, located
from canonical.engine.values import Problem, json_type, read_decimal, write_decimal
from canonical.errors import UnitError
from canonical.mapping.rows import MappingRow, RowStatus
from canonical.models import Quantity
from canonical.units import convert


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
        read = self.read
        self.fast: Fast = lambda src, out, ctx: read(src, out, ctx, None)

    def decode(self, src: dict[str, object], ctx: Ctx, loc: Loc, out: dict[str, object]) -> None:
        """Read this quantity into ``out``, adding a located finding for each problem."""
        value = self.read(src, out, ctx, located(ctx, loc, self.field, self.value_path))
        if value is not FAIL and value is not SKIP:
            out[self.field] = value

    def read(self, src: dict[str, object], out: dict[str, object], ctx: Ctx,
             say: Say | None) -> object:
        """The canonical quantity (a dict) of ``src``; FAIL, or SKIP when it is absent."""
        amount = self._amount(src, say)
        if amount is FAIL or amount is SKIP:
            return amount
        assert isinstance(amount, Decimal)
        row = self._unit_row(src, ctx.day, say)
        if not isinstance(row, MappingRow):
            return FAIL
        if self.base_of is None:
            return {"value": amount, "unit": row.canonical_code}
        material = (ctx.root if self.base_from_root else out).get(self.base_of)
        if not isinstance(material, str):
            return SKIP  # the material did not map: its own finding says why
        return self._to_base(amount, row, material, say)

    def _unit_row(self, src: dict[str, object], day: date, say: Say | None) -> object:
        """The units-table row of the native unit code on ``day``, or FAIL."""
        unit_path = self.unit_path
        at = unit_path or self.value_path
        native_unit: object = self.unit_value
        if unit_path is not None:
            native_unit = src.get(unit_path[0]) if len(unit_path) == 1 else get(src, unit_path)
        if native_unit is None or native_unit == "":
            return fail(say, rules.MISSING, "unit is missing", at=at)
        if type(native_unit) is not str:
            return fail(say, rules.WRONG_TYPE, "expected a unit code string, got "
                        f"{json_type(native_unit)}", native_unit, at=at)
        row = self.units.row(native_unit, day)
        if row is None:
            return fail(say, rules.UNMAPPED, f"{self.units.system} unit {native_unit!r} has no "
                        f"approved mapping in table units on {day}", native_unit, at=at)
        if row.status is RowStatus.DEPRECATED:
            if say is None:
                return FAIL
            say(rules.DEPRECATED_ROW, f"unit {native_unit!r} maps through a deprecated row "
                f"(line {row.line})", native_unit, at=at)
        return row

    def _amount(self, src: dict[str, object], say: Say | None) -> object:
        path = self.value_path
        raw = src.get(path[0]) if len(path) == 1 else get(src, path)
        if raw is None or raw == "":
            return fail(say, rules.MISSING, "required amount is missing") if self.required \
                else SKIP
        if type(raw) is WrongAt:
            return fail(say, rules.WRONG_TYPE, "expected an object on the way to the amount",
                        raw.value)
        if self.native is NativeType.STRING and type(raw) is not str:
            return fail(say, rules.WRONG_TYPE, "expected the amount as a string, got "
                        f"{json_type(raw)}", raw)
        if self.native is NativeType.NUMBER and type(raw) is not int and type(raw) is not Decimal:
            return fail(say, rules.WRONG_TYPE, "expected the amount as a number, got "
                        f"{json_type(raw)}", raw)
        amount = read_decimal(raw, comma=self.comma)
        if type(amount) is Problem:
            return fail(say, rules.BAD_DECIMAL, amount, raw)
        return amount

    def _to_base(self, amount: Decimal, row: MappingRow, material: str,
                 say: Say | None) -> object:
        """``amount`` of the unit ``row`` maps to, in the base unit of ``material`` (a
        packaging factor of the row first: ``KAR`` = 12 ``H87``); FAIL when it cannot be."""
        at = self.unit_path or self.value_path
        base = self.base_units.get(material)
        if base is None:
            return fail(say, rules.UNIT_CONVERSION, f"material {material!r} has no base_unit in "
                        "the materials table", material, at=at)
        unit = row.canonical_code
        factor = row.extra.get("factor")
        if factor:
            amount, unit = amount * Decimal(factor), row.extra.get("factor_unit", unit)
        if unit == base:
            return {"value": amount, "unit": unit}
        try:
            return {"value": convert(amount, unit, base), "unit": base}
        except UnitError as exc:
            return fail(say, rules.UNIT_CONVERSION, f"{exc.message} (material {material!r}, "
                        f"base unit {base})", unit, at=at)
        except ArithmeticError:  # an amount beyond Decimal's exponent range
            return fail(say, rules.UNIT_CONVERSION, f"{amount} {unit} cannot be converted to "
                        f"{base}", unit, at=at)

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
