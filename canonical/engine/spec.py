"""The spec model: what a mapping spec file says, as plain immutable data.

One spec maps one canonical entity for one source system in one direction
(``mappings/<plant>/specs/<system>.<Entity>.<direction>.yaml``). Its rules are reversible
by construction: the same rule reads a native value inbound and writes it outbound, so an
inbound spec can be run backwards (and an outbound spec forwards) to prove the round trip.
See docs/guides/mapping-engine.md for the file format.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from canonical.engine.numbers import NumberFormat

#: A native path: the keys from the current native object down to the value.
Path = tuple[str, ...]

#: Current spec format version.
SPEC_VERSION = 1


class Direction(StrEnum):
    INBOUND = "inbound"  # native payload -> canonical object
    OUTBOUND = "outbound"  # canonical object -> native payload


class NativeType(StrEnum):
    """How a scalar travels in the native JSON."""

    STRING = "string"
    NUMBER = "number"
    BOOLEAN = "boolean"


class Dst(StrEnum):
    """Which reading of an ambiguous local time (the repeated autumn hour) a rule takes."""

    EARLIER = "earlier"
    LATER = "later"
    REFUSE = "refuse"


class _Nothing:
    """Marker for 'no constant / no default' (``None`` is a legal YAML value)."""

    def __repr__(self) -> str:
        return "NOTHING"


NOTHING = _Nothing()


@dataclass(frozen=True, slots=True)
class QuantityRule:
    """Value and unit of a quantity: unit from a path or a constant plant unit code."""

    value: Path
    unit: Path | None = None
    unit_value: str | None = None  # a constant *plant* unit code (translated like the path)
    to_base_unit: str | None = None  # canonical field naming the material ("material", "$.material")
    native: NativeType = NativeType.STRING  # how the amount travels
    convert: bool = False  # outbound: convert to the unit of unit_value (else refuse others)
    number: NumberFormat | None = None  # decimal mark and thousands separators of the amount
    part: str | None = None  # "lower" | "upper": one end of a range written in one string
    censored: str | None = None  # canonical text field that takes "< 0,5" (not a value)
    places: int | None = None  # with convert: the target's decimals; the converted amount is
    #                            rounded half-even to them (declared, so reviewed in the diff)


@dataclass(frozen=True, slots=True)
class FieldRule:
    """How one canonical field is read from (and written to) the native payload."""

    field: str
    where: str  # spec location of the rule, e.g. "$.fields.operations.fields.sequence"
    line: int | None = None
    path: Path | None = None
    value: object = NOTHING  # canonical constant
    default: object = NOTHING  # canonical value when the native value is absent (inbound)
    table: str | None = None
    flags: bool = False
    ignore_flags: frozenset[str] = frozenset()
    values: Mapping[str, object] | None = None  # native code -> canonical value
    normalise: str | None = None
    prefix: str = ""
    suffix: str = ""
    native: NativeType = NativeType.STRING
    format: str | None = None  # "iso" or a strftime pattern for dates and timestamps
    time_path: Path | None = None
    time_format: str = "%H%M%S"
    zone: str | None = None  # IANA zone of naive native times (default: the plant's)
    offset: str = "optional"  # iso: "required" | "optional" | "none" (outbound writes naive)
    dst: Dst | None = None  # ambiguous local times (default: the spec's dst, else refuse)
    number: NumberFormat | None = None  # decimal mark and thousands separators (decimals)
    shared: bool = False  # reads a native path another rule reads too
    quantity: QuantityRule | None = None
    each: Path | None = None  # native list -> canonical list
    unique: str | None = None
    item: FieldRule | None = None  # scalar list items
    object: ObjectRule | None = None  # a nested object (with each: the list item)
    items: tuple[ObjectRule, ...] = ()  # canonical list built from fixed item rules


@dataclass(frozen=True, slots=True)
class ObjectRule:
    """The rules of one canonical object and its native context."""

    where: str
    line: int | None = None
    fields: tuple[FieldRule, ...] = ()
    at: Path | None = None  # descend into this native sub-object first
    when: Path | None = None  # items only: present when this native path has a value
    constants: tuple[tuple[Path, object], ...] = ()  # native constants: checked in, written out
    ignore: tuple[Path, ...] = ()  # native paths known but not mapped


@dataclass(frozen=True, slots=True)
class Spec:
    """One parsed spec file."""

    file: str
    system: str
    entity: str
    direction: Direction
    root: ObjectRule
    description: str = ""
    as_of: str | None = None  # root timestamp/date field whose date selects table rows
    decimal_comma: bool = False
    unknown_fields: str = "error"  # "error" | "ignore"
    drop: frozenset[str] = field(default_factory=frozenset)  # canonical fields not sent out
    line: int | None = None
    dst: Dst = Dst.EARLIER  # ambiguous local times of every timestamp rule without its own
    number: NumberFormat | None = None  # numbers of every rule without its own
    generated: tuple[tuple[Path, str], ...] = ()  # native path -> "message_id" (outbound)
    as_of_line: int | None = None

    @property
    def key(self) -> tuple[str, str, Direction]:
        return (self.system, self.entity, self.direction)


EMPTY_VALUES: Mapping[str, object] = MappingProxyType({})
