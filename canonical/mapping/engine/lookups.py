"""Compiled code lookups of one (table, system): effective-dated, cached, both directions.

Built once per plan from the plant's immutable indexes (no file access, no
``datetime.now`` per call). Tables never change after loading, so results are cached per
(code, day); the cache is bounded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from canonical.mapping import Plant
from canonical.mapping.index import Validity
from canonical.mapping.rows import MappingRow

_CACHE_LIMIT = 4096
_MISS = object()


class TableLookup:
    """Inbound (source code -> row) and outbound (canonical code -> source code) lookups."""

    __slots__ = (
        "_in_cache",
        "_inbound",
        "_out_cache",
        "_outbound",
        "_to_key",
        "_to_source",
        "system",
        "table",
    )

    def __init__(self, plant: Plant, table: str, system: str) -> None:
        found = plant.table(table)
        self.table, self.system = table, system
        self._inbound: Mapping[str, Validity] = found.inbound.get(system, {})
        self._outbound: Mapping[str, Validity] = found.outbound.get(system, {})
        normaliser = plant.normaliser(system, table)
        self._to_key: Callable[[str], str] = normaliser.to_key
        self._to_source: Callable[[str], str] = normaliser.to_source
        self._in_cache: dict[tuple[str, date], MappingRow | None] = {}
        self._out_cache: dict[tuple[str, date], str | None] = {}

    def row(self, code: str, day: date) -> MappingRow | None:
        """The row that maps ``code`` on ``day`` (approved or deprecated), or None."""
        key = (code, day)
        cache = self._in_cache
        found = cache.get(key, _MISS)
        if found is not _MISS:
            return found  # type: ignore[return-value]
        validity = self._inbound.get(self._to_key(code))
        row = validity.at(day) if validity is not None else None
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[key] = row
        return row

    def reverse(self, canonical: str, day: date) -> str | None:
        """The source code (outbound normal form) for a canonical code on ``day``, or None."""
        key = (canonical, day)
        cache = self._out_cache
        if key in cache:
            return cache[key]
        validity = self._outbound.get(canonical)
        row = validity.at(day) if validity is not None else None
        code = self._to_source(row.key) if row is not None else None
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[key] = code
        return code

    def known_codes(self) -> list[str]:
        """Source keys with an inbound row (for generating test payloads)."""
        return sorted(self._inbound)


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
