"""Translating B2MML unit codes and state words to canonical codes.

Without a plant only canonical codes are accepted (``KGM``; ``KG`` is refused with the fix),
plus the standard state words of the document's B2MML version
(:mod:`canonical.b2mml.vocabulary`). With a plant, the plant's mapping tables are asked
first for the B2MML source system (default ``B2MML``), so a plant can map ``KG`` or a
site-specific ``Other`` state. Nothing is guessed: a code no table knows is a problem that
the reader reports as a finding.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from canonical.errors import UnitError, UnmappedCodeError

if TYPE_CHECKING:
    from canonical.mapping import Plant
    from canonical.mapping.equipment_levels import Level

#: Source system name a plant declares for B2MML documents, unless told otherwise.
DEFAULT_SYSTEM = "B2MML"


@dataclass(frozen=True, slots=True)
class Translation:
    """A canonical code, or the reason there is none."""

    code: str | None
    problem: str = ""


@dataclass(frozen=True, slots=True)
class Codes:
    """Unit and status translation for one document."""

    plant: Plant | None = None
    system: str = DEFAULT_SYSTEM
    on: date | None = None
    #: (table, code) -> the plant's canonical code: a document repeats few codes many times
    _asked: dict[tuple[str, str], str | None] = field(default_factory=dict, compare=False,
                                                      repr=False)
    #: unit code -> its translation (asked once per document)
    _units: dict[str, Translation] = field(default_factory=dict, compare=False, repr=False)
    #: equipment level word -> its canonical meaning (asked once per document)
    _levels: dict[str, Level] = field(default_factory=dict, compare=False, repr=False)

    def level(self, word: str) -> Level:
        """What the equipment level ``word`` means: the plant's ``equipment_levels`` table
        over the shipped default (:mod:`canonical.mapping.equipment_levels`)."""
        found = self._levels.get(word)
        if found is None:
            from canonical.mapping import equipment_levels

            found = self._levels[word] = equipment_levels.resolve(
                word, plant=self.plant, system=self.system, on=self.on)
        return found

    def _plant_code(self, table: str, code: str) -> str | None:
        if self.plant is None:
            return None
        asked = self._asked.get((table, code), self)
        if asked is not self:
            return asked  # type: ignore[return-value]
        try:
            found: str | None = self.plant.lookup(table, self.system, code, on=self.on)
        except UnmappedCodeError:
            found = None
        self._asked[(table, code)] = found
        return found

    def _fix(self, table: str, code: str, canonical_hint: str) -> str:
        if self.plant is None:
            return (f"pass --plant with a {table} row for source system {self.system} "
                    f"({self.system},{code},{canonical_hint})")
        return (f"add a {table} row to plant {self.plant.id}: "
                f"{self.system},{code},{canonical_hint}")

    def unit(self, code: str) -> Translation:
        """A canonical Rec 20 unit code for ``code`` (translated once per document)."""
        found = self._units.get(code)
        if found is None:
            found = self._units[code] = self._unit(code)
        return found

    def _unit(self, code: str) -> Translation:
        from canonical.units import lookup

        mapped = self._plant_code("units", code)
        if mapped is not None:
            return Translation(mapped)
        try:
            return Translation(lookup(code).code)
        except UnitError as exc:
            hint = _row_hint(code)
            return Translation(None, f"unit {code!r} is not a canonical UN/ECE Rec 20 code "
                                     f"({exc.message}); {self._fix('units', code, hint)}")

    def word(self, table: str, code: str, vocabulary: Mapping[str, str],
             allowed: Collection[str], what: str) -> Translation:
        """A canonical enum value for a state word: plant table, version vocabulary, canonical."""
        mapped = self._plant_code(table, code)
        if mapped is not None:
            return Translation(mapped)
        if code in vocabulary:
            return Translation(vocabulary[code])
        if code in allowed:
            return Translation(code)
        known = ", ".join(vocabulary) if vocabulary else "none"
        return Translation(None, f"{what} {code!r} has no canonical meaning (standard words "
                                 f"of this version: {known}); "
                                 + self._fix(table, code, "<canonical value>"))


def _row_hint(code: str) -> str:
    """The canonical code to propose in a plant units row for ``code``, only when certain.

    A plant code is usually a unit's symbol (``KG`` for kg, ``L`` for l) or a Rec 20 code in
    the wrong case: those are proposed. A deleted Rec 20 code's replacement (``KG`` keg ->
    ``XKG``) or a spelling neighbour (``PCS`` -> ``PS``, poise) is not what a plant means, so
    then the row names a placeholder and the message's own suggestions stay advice.
    """
    from canonical.units import active_units

    wanted = code.strip().lower()
    for unit in active_units():
        if unit.symbol and unit.symbol.lower() == wanted:
            return unit.code
    for unit in active_units():
        if unit.code.lower() == wanted:
            return unit.code
    return "<Rec 20 code>"
