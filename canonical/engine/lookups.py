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
#: at most this many days of inbound answers are kept
_DAYS_KEPT = 16


class TableLookup:
    """Inbound (source code -> row) and outbound (canonical code -> source code) lookups."""

    __slots__ = (
        "_days",
        "_inbound",
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
        #: per day asked about, the rows found for each code so far
        self._days: dict[date, dict[str, MappingRow | None]] = {}

    def row(self, code: str, day: date) -> MappingRow | None:
        """The row that maps ``code`` on ``day`` (approved or deprecated), or None.

        Answers are kept per day (a flat ``code -> row`` dict for each of the last few days
        asked about, bounded): a known code costs two dict lookups."""
        known = self._days.get(day)
        if known is not None:
            found = known.get(code, _UNSEEN)
            if found is not _UNSEEN:
                return found  # type: ignore[return-value]
        return self._resolve(code, day)

    def _resolve(self, code: str, day: date) -> MappingRow | None:
        row = row_on(self._inbound.entry(code), day)
        days = self._days
        known = days.get(day)
        if known is None:
            if len(days) >= _DAYS_KEPT:  # the tables never change: start afresh
                days.clear()
            known = days[day] = {}
        if len(known) < _CACHE_LIMIT:
            known[code] = row
        return row

    def reverse(self, canonical: str, day: date) -> str | None:
        """The source code (outbound normal form) for a canonical code on ``day``, or None."""
        key = (canonical, day)
        cache = self._out_cache
        known = cache.get(key, _UNSEEN)
        if known is not _UNSEEN:
            return known  # type: ignore[return-value]
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
