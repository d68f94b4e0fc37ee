"""Material-specific units: ERP alternative units of measure (SAP MARM UMREZ/UMREN).

A material has a base unit and alternative units, each declared as ``numerator`` base units
== ``denominator`` alternative units (1 XBX = 12 H87 is ``unit=XBX, numerator=12,
denominator=1`` on a material with base H87; a density of 0.92 kg/L is ``unit=LTR,
numerator=0.92, denominator=1`` on a material with base KGM). Anything with those attributes
is accepted (:class:`MaterialLike`, structural typing), so this layer never imports the
generated models; :class:`MaterialUnits` is the plain value type for callers without them.

A declaration anchors a whole dimension: declaring LTR lets GLL and MLT convert too, through
the exact physical factors. :func:`check_material` returns a report (UOM-001/002/005/007/008/
009); :func:`material_factors` compiles a clean material once (cached) or raises.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Protocol

from canonical.errors import MaterialUnitError, UnitError
from canonical.report import Finding, Report
from canonical.units import rules
from canonical.units.table import Unit, lookup

#: Dimensions a material may not anchor: affine (temperature) or not an amount of material.
NOT_MATERIAL_AMOUNTS = frozenset({"temperature", "ratio", "calendar", "time"})


class AlternativeUnitLike(Protocol):
    """``numerator`` base units == ``denominator`` of ``unit``."""

    @property
    def unit(self) -> str: ...
    @property
    def numerator(self) -> Decimal: ...
    @property
    def denominator(self) -> Decimal: ...


class MaterialLike(Protocol):
    """What conversion needs from a material record (the generated ``Material`` matches)."""

    @property
    def id(self) -> str: ...
    @property
    def base_unit(self) -> str: ...
    @property
    def alternative_units(self) -> Sequence[AlternativeUnitLike]: ...


@dataclass(frozen=True, slots=True)
class AlternativeUnit:
    """Plain value type of one alternative unit."""

    unit: str
    numerator: Decimal
    denominator: Decimal = Decimal(1)


@dataclass(frozen=True, slots=True)
class MaterialUnits:
    """Plain value type of a material's units, for callers without the generated models."""

    id: str
    base_unit: str
    alternative_units: tuple[AlternativeUnit, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class MaterialFactors:
    """A compiled material: how many base units one unit of a dimension or package unit is."""

    material: str
    base_unit: str
    per_dimension: Mapping[str, Fraction]  # base units per coherent unit of the dimension
    per_package: Mapping[str, Fraction]  # base units per package unit (XBX, SET)

    def in_base(self, unit: Unit) -> Fraction | None:
        """Base units per one ``unit``, or None when the material does not define it."""
        if unit.factor is None:
            return self.per_package.get(unit.code)
        per = self.per_dimension.get(unit.dimension)
        return None if per is None else per * unit.factor


Signature = tuple[str, str, tuple[tuple[str, Decimal, Decimal], ...]]


def _signature(material: MaterialLike) -> Signature:
    return (
        material.id,
        material.base_unit,
        tuple((a.unit, a.numerator, a.denominator) for a in material.alternative_units),
    )


def material_factors(material: MaterialLike) -> MaterialFactors:
    """The compiled factors of ``material``; raises :class:`MaterialUnitError` (or a unit error)."""
    return _compile(_signature(material))


@lru_cache(maxsize=4096)
def _compile(signature: Signature) -> MaterialFactors:
    material_id, base_code, alternatives = signature
    material = MaterialUnits(
        material_id, base_code, tuple(AlternativeUnit(*alt) for alt in alternatives)
    )
    findings, factors = _analyse(material)
    errors = Report.of(findings).errors
    if errors:
        first = errors[0]
        reason = f"{first.path}: {first.message}"
        raise MaterialUnitError(material.id, reason, rule_id=first.rule_id)
    assert factors is not None  # no errors means it compiled
    return factors


def check_material(material: MaterialLike) -> Report:
    """Every problem of a material's unit declarations (the caller decides to raise)."""
    return Report.of(material_findings(material))


def material_findings(material: MaterialLike) -> list[Finding]:
    """The findings of :func:`check_material` as a list (what a stream of records checks: no
    report per material)."""
    return _analyse(material, compile=False)[0]


#: a declaration that anchors a dimension: its unit's factor, and the numerator and denominator
#: of its amount in base units (the base unit anchors its own dimension with 1 / 1); how much
#: base one coherent unit of the dimension is gets worked out only when another unit of the
#: dimension is compared with it, or to compile: most materials declare one unit per dimension
_Anchor = tuple[Fraction, Decimal, Decimal]
_ONE = Decimal(1)


def _analyse(
    material: MaterialLike, *, compile: bool = True,
) -> tuple[list[Finding], MaterialFactors | None]:
    """The findings of ``material`` and, when it has none and ``compile`` is true, its factors.

    A package unit (XBX, SET) stands alone: its amount is worked out only to compile. A unit
    of a physical dimension anchors the dimension, and a second one must agree with it.
    """
    findings: list[Finding] = []
    try:
        base = lookup(material.base_unit)
    except UnitError as exc:
        return [_finding(exc, "$.base_unit", material.base_unit)], None
    anchors: dict[str, _Anchor] = {}
    per_package: dict[str, Fraction] = {}
    if base.factor is not None:
        anchors[base.dimension] = (base.factor, _ONE, _ONE)
    elif compile:
        per_package[base.code] = Fraction(1)
    seen: set[str] = set()
    for index, alt in enumerate(material.alternative_units):
        unit = _declaration(alt, base, seen, index)
        if isinstance(unit, Finding):
            findings.append(unit)
            continue
        numerator, denominator, factor = alt.numerator, alt.denominator, unit.factor
        if factor is None:  # a package unit contradicts nothing
            if compile:
                per_package[unit.code] = _ratio(numerator, denominator)
            continue
        first = anchors.get(unit.dimension)
        if first is None:  # the first unit of its dimension: nothing to agree with yet
            anchors[unit.dimension] = (factor, numerator, denominator)
            continue
        amount = _ratio(numerator, denominator)
        known = _per(first)
        if known != amount / factor:
            findings.append(rules.CIRCULAR.finding(
                f"{alt.unit} = {amount} {base.code} contradicts the {unit.dimension} factor "
                f"already implied ({known * factor} per {unit.code}): the conversion graph "
                "has a cycle whose factors disagree", path=_path(index, "unit"), value=alt.unit,
            ))
    if findings or not compile:
        return findings, None
    per_dimension = {dimension: _per(anchor) for dimension, anchor in anchors.items()}
    return [], MaterialFactors(material.id, base.code, per_dimension, per_package)


def _per(anchor: _Anchor) -> Fraction:
    """Base units per coherent unit of the dimension ``anchor`` declares."""
    factor, numerator, denominator = anchor
    return _ratio(numerator, denominator) / factor


@lru_cache(maxsize=4096)
def _ratio(numerator: Decimal, denominator: Decimal) -> Fraction:
    """``numerator / denominator`` exactly (a few ratios recur over many materials)."""
    return Fraction(numerator) / Fraction(denominator)


def _declaration(
    alt: AlternativeUnitLike, base: Unit, seen: set[str], index: int
) -> Unit | Finding:
    """The unit of a well-formed declaration (``index`` in the material's list), or the
    finding of what is wrong with it (its path written only then: the usual case has none)."""
    try:
        unit = lookup(alt.unit)
    except UnitError as exc:
        return _finding(exc, _path(index, "unit"), alt.unit)
    if unit.code == base.code:
        return rules.CIRCULAR.finding(
            f"alternative unit {unit.code} is the base unit itself (a circular definition)",
            path=_path(index, "unit"), value=unit.code,
        )
    if unit.code in seen:
        return rules.DUPLICATE.finding(
            f"alternative unit {unit.code} is declared twice", path=_path(index, "unit"), value=unit.code
        )
    seen.add(unit.code)
    if unit.dimension in NOT_MATERIAL_AMOUNTS:
        return rules.MATERIAL_UNIT.finding(
            f"{unit.code} ({unit.dimension}) is not an amount of material", path=_path(index, "unit"),
            value=unit.code,
        )
    numerator, denominator = alt.numerator, alt.denominator
    if (type(numerator) is Decimal and type(denominator) is Decimal and numerator.is_finite()
            and denominator.is_finite() and numerator > 0 and denominator > 0):
        return unit  # the usual case, answered without the checks below
    for name, number in (("numerator", numerator), ("denominator", denominator)):
        if not isinstance(number, Decimal | int) or isinstance(number, bool) or (
            isinstance(number, Decimal) and not number.is_finite()
        ) or number <= 0:
            return rules.BAD_RATIO.finding(
                f"{name} must be a positive finite decimal, got {number!r}", path=_path(index, name),
                value=number,
            )
    return unit


def _path(index: int, name: str) -> str:
    return f"$.alternative_units[{index}].{name}"


def _finding(exc: UnitError, path: str, value: object) -> Finding:
    return Finding(rule_id=exc.rule_id, message=exc.message, path=path, value=str(value))
