"""Declarative code normalisation: the steps a plant declares per source system in plant.yaml.

A :class:`Normaliser` has ``inbound`` steps (source code -> lookup key, e.g. ``trim`` then
``strip_leading_zeros`` turns SAP's ``"000000000000004711"`` into ``"4711"``) and
``outbound`` steps (lookup key -> the form the target system expects, e.g. ``pad_left: 18``).
Steps are data, so the mapping engine applies exactly the same rules as the table lookups.

Steps: ``trim``, ``upper``, ``lower``, ``strip_leading_zeros`` and ``pad_left`` (``{pad_left: 4}``
or ``{pad_left: {width: 18, fill: "0"}}``); ``nfc`` (Unicode NFC: ``"ł"`` sent decomposed
reads as the composed letter), ``casefold`` (case-insensitive reading: the table or values
map spelling is still what is written out) and ``strip_accents`` (accent-insensitive).
Like SAP's ALPHA conversion, ``strip_leading_zeros``
and ``pad_left`` only touch values made of digits only (``"00A1"`` stays ``"00A1"``); a
stripped all-zero value keeps one ``"0"``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from canonical.lexical import is_ascii_digits


class StepName(StrEnum):
    TRIM = "trim"
    UPPER = "upper"
    LOWER = "lower"
    STRIP_LEADING_ZEROS = "strip_leading_zeros"
    PAD_LEFT = "pad_left"
    NFC = "nfc"
    CASEFOLD = "casefold"
    STRIP_ACCENTS = "strip_accents"


def _nfc(value: str) -> str:
    if value.isascii():  # ASCII text is in every normal form
        return value
    return unicodedata.normalize("NFC", value)


def _strip_accents(value: str) -> str:
    """``"zolty"`` for ``"żółty"``: combining marks dropped (``ł`` and ``ø`` have no
    decomposition and stay)."""
    if value.isascii():  # no marks to drop, nothing to compose
        return value
    decomposed = unicodedata.normalize("NFD", value)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


_FUNCTIONS: dict[StepName, Callable[[str], str]] = {
    StepName.NFC: _nfc, StepName.CASEFOLD: str.casefold, StepName.STRIP_ACCENTS: _strip_accents,
}


def _strip_zeros(value: str) -> str:
    return (value.lstrip("0") or "0") if is_ascii_digits(value) else value


@dataclass(frozen=True, slots=True)
class Step:
    """One normalisation step."""

    name: StepName
    width: int = 0
    fill: str = "0"

    def function(self) -> Callable[[str], str]:
        if self.name is StepName.TRIM:
            return str.strip
        if self.name is StepName.UPPER:
            return str.upper
        if self.name is StepName.LOWER:
            return str.lower
        if self.name is StepName.STRIP_LEADING_ZEROS:
            return _strip_zeros
        if self.name in _FUNCTIONS:
            return _FUNCTIONS[self.name]
        width, fill = self.width, self.fill
        return lambda value: value.rjust(width, fill) if is_ascii_digits(value) else value

    def to_data(self) -> str | dict[str, object]:
        if self.name is StepName.PAD_LEFT:
            return {"pad_left": {"width": self.width, "fill": self.fill}}
        return self.name.value


_NUMBER_PRESERVING = frozenset({StepName.TRIM, StepName.UPPER, StepName.LOWER,
                                StepName.STRIP_LEADING_ZEROS, StepName.NFC, StepName.CASEFOLD,
                                StepName.STRIP_ACCENTS})


def _chain(steps: tuple[Step, ...]) -> Callable[[str], str]:
    functions = tuple(step.function() for step in steps)
    if not functions:
        return str
    if len(functions) == 1:
        return functions[0]

    def apply(value: str) -> str:
        for function in functions:
            value = function(value)
        return value

    setattr(apply, "functions", functions)  # noqa: B010 - the engine's codegen calls each
    return apply


@dataclass(frozen=True, slots=True)
class Normaliser:
    """Inbound and outbound steps for one kind of code of one source system."""

    inbound: tuple[Step, ...] = ()
    outbound: tuple[Step, ...] = ()
    to_key: Callable[[str], str] = field(init=False, repr=False, compare=False)
    to_source: Callable[[str], str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "to_key", _chain(self.inbound))
        object.__setattr__(self, "to_source", _chain(self.outbound))

    @property
    def keeps_numbers(self) -> bool:
        """Whether ``to_key`` turns every string of ASCII digits into one spelling the same
        number (only trim, case and zero stripping: padding may add a non-zero fill and
        length)."""
        return all(step.name in _NUMBER_PRESERVING for step in self.inbound)


IDENTITY = Normaliser()


def parse_step(value: object) -> Step:
    """One step from its plant.yaml form; :class:`ValueError` with a readable message if bad."""
    if isinstance(value, str):
        try:
            name = StepName(value)
        except ValueError:
            raise ValueError(_unknown(value)) from None
        if name is StepName.PAD_LEFT:
            raise ValueError("pad_left needs a width: {pad_left: 4}")
        return Step(name)
    if isinstance(value, dict) and len(value) == 1 and "pad_left" in value:
        spec = value["pad_left"]
        width, fill = (spec, "0") if not isinstance(spec, dict) else (
            spec.get("width"), spec.get("fill", "0"))
        if isinstance(width, bool) or not isinstance(width, int) or not 1 <= width <= 64:
            raise ValueError(f"pad_left width must be an integer 1..64, got {width!r}")
        if not isinstance(fill, str) or len(fill) != 1:
            raise ValueError(f"pad_left fill must be one character, got {fill!r}")
        return Step(StepName.PAD_LEFT, width, fill)
    raise ValueError(_unknown(value))


def parse_steps(value: object) -> tuple[Step, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ValueError(f"expected a list of steps, got {type(value).__name__}")
    return tuple(parse_step(item) for item in value)


def _unknown(value: object) -> str:
    names = ", ".join(s.value for s in StepName)
    return f"unknown normalisation step {value!r}; known steps: {names}"
