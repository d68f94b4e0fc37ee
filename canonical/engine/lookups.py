"""Compiled code lookups of one (table, system): effective-dated, both directions.

Built once per plan from the plant's immutable indexes (no file access, no
``datetime.now`` per call). Inbound reads the plant's index of codes as the table spells
them (:attr:`TableLookup.spellings`, shared, never copied), so a well-formed code costs one
dict lookup and a date comparison; other spellings are normalised first. Outbound results
are cached per (canonical code, day), inbound rows per day; the caches are bounded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from canonical.mapping import Plant
from canonical.mapping.index import Entry, InboundLookup, Validity, row_on
from canonical.mapping.rows import MappingRow

_CACHE_LIMIT = 4096
_UNSEEN = object()


class TableLookup:
    """Inbound (source code -> row) and outbound (canonical code -> source code) lookups."""

    __slots__ = (
        "_inbound",
        "_on",
        "_out_cache",
        "_outbound",
        "_to_source",
        "spellings",
        "system",
        "table",
    )

    def __init__(self, plant: Plant, table: str, system: str) -> None:
        found = plant.table(table)
        self.table, self.system = table, system
        normaliser = plant.normaliser(system, table)  # UnknownSourceSystemError first
        self._inbound: InboundLookup = found.lookups[system]
        #: code as the table spells it -> its row (one row) or rows (a Validity)
        self.spellings: Mapping[str, Entry] = self._inbound.raw
        self._outbound: Mapping[str, Validity] = found.outbound.get(system, {})
        self._to_source: Callable[[str], str] = normaliser.to_source
        self._out_cache: dict[tuple[str, date], str | None] = {}
        #: the day last asked about and its answers so far (swapped whole, never half-set)
        self._on: tuple[date, dict[str, MappingRow | None]] = (date.min, {})

    def row(self, code: str, day: date) -> MappingRow | None:
        """The row that maps ``code`` on ``day`` (approved or deprecated), or None.

        Answers are kept per day (a flat ``code -> row`` dict, bounded): most messages of a
        day ask for codes already seen that day, one dict lookup each."""
        on = self._on
        if on[0] == day:
            found = on[1].get(code, _UNSEEN)
            if found is not _UNSEEN:
                return found  # type: ignore[return-value]
        return self._resolve(code, day)

    def _resolve(self, code: str, day: date) -> MappingRow | None:
        row = row_on(self._inbound.entry(code), day)
        on = self._on
        if on[0] != day:  # another day: start afresh (the tables never change)
            on = self._on = (day, {})
        if len(on[1]) < _CACHE_LIMIT:
            on[1][code] = row
        return row

    def reverse(self, canonical: str, day: date) -> str | None:
        """The source code (outbound normal form) for a canonical code on ``day``, or None."""
        key = (canonical, day)
        cache = self._out_cache
        if key in cache:
            return cache[key]
        validity = self._outbound.get(canonical)
        row = validity.at(day) if validity is not None else None
        # the code as the table spells it, after the system's outbound steps (as
        # Plant.reverse): a case-folding or accent-folding inbound step never changes it
        code = self._to_source(row.source_code) if row is not None else None
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[key] = code
        return code

    def known_codes(self) -> list[str]:
        """Source keys with an inbound row (for generating test payloads)."""
        return sorted(self._inbound.keys)


def precedence(row: MappingRow) -> int:
    text = row.extra.get("precedence", "")
    return int(text) if text else 0


def material_base_units(plant: Plant) -> dict[str, str]:
    """Canonical material id -> base unit, from every usable row of the materials table."""
    out: dict[str, str] = {}
    for row in plant.table("materials").rows:
        unit = row.extra.get("base_unit")
        if unit:
            out.setdefault(row.canonical_code, unit)
    return out
