"""A quantity field: amount and plant unit code in, exact canonical Quantity out (and back).

The plant unit code goes through the plant's ``units`` table. When the spec asks
(``to_base_unit: material``), the amount is converted exactly to the material's base unit
(the ``base_unit`` column of the materials table), applying a packaging factor of the unit row
first (``KAR`` = 12 ``H87``); the conversion is :func:`canonical.units.convert`, never float.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import partial
from typing import cast

from pydantic import BeforeValidator

from canonical.engine import rules
from canonical.engine.amounts import amount_reader
from canonical.engine.context import Ctx, Loc, WrongAt, anchor_of, get, put, show
from canonical.engine.lookups import TableLookup
from canonical.engine.numbers import NumberFormat
from canonical.engine.scalar import Fast
from canonical.engine.spec import NativeType, Path, QuantityRule
from canonical.engine.steps import FAIL, SKIP, Say, fail, located
from canonical.engine.values import json_type, write_decimal
from canonical.errors import UnitError
from canonical.mapping.rows import MappingRow, RowStatus
from canonical.models import Quantity
from canonical.models.types import format_decimal
from canonical.units import convert
from canonical.units.rounding import RoundingMode, rounded


class QuantityNode:
    __slots__ = (
        "amount",
        "amount_text",
        "base_from_root",
        "base_of",
        "base_units",
        "comma",
        "fast",
        "field",
        "number",
        "required",
        "rule",
        "unit_at",
        "unit_key",
        "unit_path",
        "unit_value",
        "units",
        "value_at",
        "value_key",
        "value_path",
        "want",
    )

    def __init__(self, field: str, rule: QuantityRule, *, required: bool, units: TableLookup,
                 base_units: Mapping[str, str], comma: bool,
                 number: NumberFormat | None) -> None:
        self.field, self.required, self.rule = field, required, rule
        self.value_path, self.unit_path, self.unit_value = rule.value, rule.unit, rule.unit_value
        self.units, self.base_units, self.comma = units, base_units, comma
        self.number = rule.number or number
        #: (how far up, path below) of the amount and the unit (see context.anchor_of)
        self.value_at = anchor_of(rule.value)
        self.unit_at = anchor_of(rule.unit) if rule.unit is not None else None
        #: the key of an amount or unit read from this object itself (the common case)
        self.value_key = _own_key(self.value_at)
        self.unit_key = _own_key(self.unit_at)
        #: the JSON type the amount must have (None: a string or a number)
        self.want: tuple[type, ...] | None = {
            NativeType.STRING: (str,), NativeType.NUMBER: (int, Decimal)}.get(rule.native)
        #: the amount read as declared (range end, censored result, locale number)
        self.amount = amount_reader(rule, self.number, comma=comma)
        #: the amount as the target writes it in text (its number format, else the decimal
        #: mark the spec declares)
        self.amount_text: Callable[[Decimal], str] = self.number.write \
            if self.number is not None else partial(write_decimal, comma=comma)
        base_of = rule.to_base_unit
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
        """The canonical quantity (a dict) of ``src``; FAIL, or SKIP when it is absent (or a
        censored result, written to its text field instead)."""
        amount = self._amount(src, ctx, say)
        if amount is FAIL or amount is SKIP:
            return amount
        row = self._unit_row(src, ctx, say)
        if not isinstance(row, MappingRow):
            return FAIL
        return self.finish(amount, row, out, ctx, say)

    def finish(self, amount: object, row: MappingRow, out: dict[str, object], ctx: Ctx,
               say: Say | None) -> object:
        """The quantity of an amount read and its unit row: a censored result written to
        its text field (SKIP), the amount in the material's base unit when the spec asks,
        else the amount in the row's unit."""
        if type(amount) is tuple:  # a censored result: "< 0.5 C7" in its text field
            out[self.rule.censored or ""] = f"{amount[0]} {format_decimal(amount[1])} " \
                f"{row.canonical_code}"
            return SKIP
        assert isinstance(amount, Decimal)
        if self.base_of is None:
            return {"value": amount, "unit": row.canonical_code}
        material = (ctx.root if self.base_from_root else out).get(self.base_of)
        if not isinstance(material, str):
            return SKIP  # the material did not map: its own finding says why
        return self._to_base(amount, row, material, say)

    def raw_amount(self, src: dict[str, object], ctx: Ctx) -> object:
        """The native amount (None when absent, :class:`WrongAt` on a non-object)."""
        key = self.value_key
        return src.get(key) if key is not None else _native(src, ctx, *self.value_at)

    def raw_unit(self, src: dict[str, object], ctx: Ctx) -> object:
        """The native unit code: the spec's fixed unit, or read at the unit's path."""
        if self.unit_key is not None:
            return src.get(self.unit_key)
        if self.unit_at is not None:
            return _native(src, ctx, *self.unit_at)
        return self.unit_value

    def _unit_row(self, src: dict[str, object], ctx: Ctx, say: Say | None) -> object:
        """The units-table row of the native unit code on the run's day, or FAIL."""
        native_unit = self.raw_unit(src, ctx)
        if type(native_unit) is str and native_unit:
            row = self.units.row(native_unit, ctx.day)
            if row is not None and row.status is RowStatus.APPROVED:
                return row
        return self._unit_problem(native_unit, ctx, say)

    def _unit_problem(self, native_unit: object, ctx: Ctx, say: Say | None) -> object:
        """What is wrong with the native unit (FAIL), or its deprecated row (with a finding)."""
        at = self.unit_path or self.value_path
        day = ctx.day
        if native_unit is None or native_unit == "":
            return fail(say, rules.MISSING, "unit is missing", at=at)
        if type(native_unit) is WrongAt:
            return fail(say, rules.WRONG_TYPE, "expected an object on the way to the unit, got "
                        f"{json_type(native_unit.value)}", native_unit.value, at=at)
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

    def _amount(self, src: dict[str, object], ctx: Ctx, say: Say | None) -> object:
        """The amount (a Decimal), a censored result ``(operator, bound)``, FAIL or SKIP."""
        raw = self.raw_amount(src, ctx)
        if raw is None or raw == "":
            return fail(say, rules.MISSING, "required amount is missing") if self.required \
                else SKIP
        if type(raw) is WrongAt:
            return fail(say, rules.WRONG_TYPE, "expected an object on the way to the amount",
                        raw.value)
        want = self.want
        if want is not None and type(raw) not in want:
            expected = "a string" if want[0] is str else "a number"
            return fail(say, rules.WRONG_TYPE, f"expected the amount as {expected}, got "
                        f"{json_type(raw)}", raw)
        return self.amount.read(raw, say)

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
        amount, unit = value.value, value.unit
        if self.rule.convert:
            converted = self.converted(amount, unit, ctx, loc)
            if converted is None:
                return
            amount, unit = converted
        self.write(amount, unit, ctx, loc, out)

    def write(self, amount: Decimal, unit: str, ctx: Ctx, loc: Loc,
              out: dict[str, object]) -> None:
        """Write an amount of a canonical unit (converted, when the spec converts): the
        unit's reverse row of the day, the native unit, then the amount."""
        native_unit = self.units.reverse(unit, ctx.day)
        if native_unit is None:
            ctx.add(rules.NO_REVERSE, f"{self.field}: unit {unit!r} has no approved "
                    f"outbound mapping to {self.units.system} in table units on {ctx.day}",
                    loc, (self.field, "unit"), unit)
            return
        if self.unit_at is not None:
            if not self._put(out, ctx, loc, self.unit_at, native_unit, "unit"):
                return
        elif native_unit != self.unit_value:
            ctx.add(rules.CONSTANT_MISMATCH, f"{self.field}: unit {unit!r} is not the "
                    f"spec's fixed unit {self.unit_value!r} (convert: true converts to it)",
                    loc, (self.field, "unit"), unit)
            return
        self.write_amount(amount, None, ctx, loc, out)

    def write_amount(self, amount: Decimal, operator: str | None, ctx: Ctx, loc: Loc,
                     out: dict[str, object]) -> None:
        """Write the amount (a censored result with its ``operator``; one end of a range
        joined with the other end already written)."""
        if self.rule.native is not NativeType.STRING:
            self._put(out, ctx, loc, self.value_at, amount, "value")
            return
        text = self.amount_text(amount)
        if operator is not None:
            text = f"{operator} {text}"
        part = self.rule.part
        if part is not None:
            target = ctx.base(self.value_at[0], out)
            other = get(target, self.value_at[1]) if target is not None else None
            if isinstance(other, str):
                text = f"{text} - {other}" if part == "lower" else f"{other} - {text}"
                put(target, self.value_at[1], text)  # type: ignore[arg-type]
                return
        self._put(out, ctx, loc, self.value_at, text, "value")

    def _put(self, out: dict[str, object], ctx: Ctx, loc: Loc, at: tuple[int, Path],
             native: object, what: str) -> bool:
        """Write ``native`` at an (anchored) path; a finding when another quantity or item
        sharing the path wrote something else there."""
        up, path = at
        target = out if up == 0 else ctx.base(up, out)
        if target is None:
            return False
        if len(path) == 1:  # one key of the object: the common case
            before = target.get(path[0])
            if before is None or before == native:
                target[path[0]] = native
                return True
        else:
            before = get(target, path)
        if before is not None and before != native:
            ctx.add(rules.CONSTANT_MISMATCH, f"{self.field}: {what} {native!r} differs from "
                    f"{before!r}, already written to {show(at[1])} by a quantity or item "
                    "sharing that field", loc, (self.field, what), native)
            return False
        put(target, path, native)
        return True

    def converted(self, value: Decimal, unit: str, ctx: Ctx,
                  loc: Loc) -> tuple[Decimal, str] | None:
        """``value`` of ``unit`` in the unit of ``unit_value`` (exact conversion), checked as
        a canonical quantity; None (a finding) when it cannot be."""
        row = self.units.row(self.unit_value or "", ctx.day)
        if row is None:
            ctx.add(rules.UNMAPPED, f"{self.field}: the fixed unit {self.unit_value!r} has no "
                    f"approved mapping in table units on {ctx.day}", loc, (self.field, "unit"))
            return None
        if row.canonical_code == unit:
            return value, unit
        try:
            amount = convert(value, unit, row.canonical_code)
            if self.rule.places is not None:  # the target's decimals, declared in the spec
                amount = rounded(amount, row.canonical_code, places=self.rule.places,
                                 mode=RoundingMode.HALF_EVEN)  # a count unit: not whole, refused
        except UnitError as exc:
            ctx.add(rules.UNIT_CONVERSION, f"{self.field}: {exc.message}", loc,
                    (self.field, "unit"), unit)
            return None
        try:  # the model's own check of the quantity
            _check_quantity(amount, row.canonical_code)
        except ValueError:  # pydantic's ValidationError: more digits than a quantity carries
            ctx.add(rules.UNIT_CONVERSION, f"{self.field}: {value} {unit} is "
                    f"{amount} {row.canonical_code}, more digits than a canonical quantity "
                    f"carries; declare the target's decimals (places: N) to round it",
                    loc, (self.field, "value"), str(value))
            return None
        return amount, row.canonical_code


#: what the canonical Quantity checks of a Decimal amount: its value field's before-validators,
#: read from the model (pydantic then takes a Decimal as it is)
_AMOUNT_CHECKS: tuple[Callable[[object], object], ...] = tuple(
    cast("Callable[[object], object]", m.func)  # the model's: plain (no-info) functions
    for m in Quantity.model_fields["value"].metadata if isinstance(m, BeforeValidator))
#: units already accepted by the whole model (the unit of a fixed-unit conversion: a few)
_UNITS_CHECKED: set[str] = set()


def _check_quantity(amount: Decimal, unit: str) -> None:
    """Raise ValueError when ``amount`` of ``unit`` is not a valid canonical Quantity: the
    whole model's validator the first time a unit is seen, then its amount checks alone."""
    if unit not in _UNITS_CHECKED or type(amount) is not Decimal:
        # the model's validator: looked up here, built on first use
        Quantity.__pydantic_validator__.validate_python({"value": amount, "unit": unit})
        if len(_UNITS_CHECKED) < 256:
            _UNITS_CHECKED.add(unit)
        return
    for check in _AMOUNT_CHECKS:
        check(amount)


def _own_key(at: tuple[int, Path] | None) -> str | None:
    """The key of a path that is one key of the object itself, else None."""
    return at[1][0] if at is not None and at[0] == 0 and len(at[1]) == 1 else None


def _native(src: dict[str, object], ctx: Ctx, up: int, path: Path) -> object:
    """The native value at an (anchored) path; None when absent."""
    base = src if up == 0 else ctx.base(up, src)
    if base is None:
        return None
    return base.get(path[0]) if len(path) == 1 else get(base, path)


class CensoredNode:
    """The canonical text field a quantity writes a censored result to (``"< 0.5 C7"``):
    inbound the quantity fills it; outbound it writes the result back to the amount."""

    __slots__ = ("field", "quantity")

    def __init__(self, field: str, quantity: QuantityNode) -> None:
        self.field, self.quantity = field, quantity

    def decode(self, src: dict[str, object], ctx: Ctx, loc: Loc, out: dict[str, object]) -> None:
        return  # written by the quantity

    def encode(self, value: object, ctx: Ctx, loc: Loc, out: dict[str, object]) -> None:
        quantity = self.quantity
        match = _CENSORED_TEXT.fullmatch(str(value))
        if match is None:
            ctx.add(rules.CONSTANT_MISMATCH, f"{self.field}: {value!r} is not a censored result "
                    "like '< 0.5 C7' (the target carries results in one field)", loc,
                    (self.field,), value)
            return
        native_unit = quantity.units.reverse(match[3], ctx.day)
        if native_unit is None:
            ctx.add(rules.NO_REVERSE, f"{self.field}: unit {match[3]!r} has no approved "
                    f"outbound mapping to {quantity.units.system}", loc, (self.field,), value)
            return
        if quantity.unit_at is not None and not quantity._put(out, ctx, loc, quantity.unit_at,
                                                              native_unit, "unit"):
            return
        quantity.write_amount(Decimal(match[2]), match[1], ctx, loc, out)


_CENSORED_TEXT = re.compile(r"([<>]=?) (-?\d+(?:\.\d+)?) (\S+)", re.ASCII)
