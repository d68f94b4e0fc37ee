"""Effective-dated lookup indexes of one mapping table.

Per source system, a dict maps a normalised key to the :class:`Validity` of its rows:
the rows sorted by ``valid_from`` (disjoint, the checks guarantee it). One key with one row,
the common case, costs a dict lookup and two date comparisons; several rows add a bisect.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from canonical.mapping.normalise import Normaliser
from canonical.mapping.rows import Direction, MappingRow, RowStatus
from canonical.mapping.tables import TableSpec


@dataclass(frozen=True, slots=True)
class Validity:
    """The rows of one key, sorted by ``valid_from``; :meth:`at` finds the one valid on a date."""

    starts: tuple[date, ...]
    rows: tuple[MappingRow, ...]

    def at(self, on: date) -> MappingRow | None:
        rows = self.rows
        if len(rows) == 1:
            return rows[0] if rows[0].valid_on(on) else None
        i = bisect_right(self.starts, on) - 1  # the last row starting on or before ``on``
        return rows[i] if i >= 0 and rows[i].valid_on(on) else None


Index = Mapping[str, Mapping[str, Validity]]  # source system -> key -> validity


def _index(pairs: Iterable[tuple[str, str, MappingRow]]) -> Index:
    first: dict[str, dict[str, MappingRow]] = {}  # system -> key -> its first row
    more: dict[str, dict[str, list[MappingRow]]] = {}  # the rows of keys with several
    for system, key, row in pairs:
        by_key = first.get(system)
        if by_key is None:
            by_key = first[system] = {}
        found = by_key.setdefault(key, row)
        if found is not row:
            more.setdefault(system, {}).setdefault(key, [found]).append(row)
    result: dict[str, Mapping[str, Validity]] = {}
    for system, by_key in first.items():
        several = more.get(system, {})
        validities: dict[str, Validity] = {}
        for key, row in by_key.items():
            rows = several.get(key) if several else None
            if rows is None:
                validities[key] = Validity((row.valid_from,), (row,))
            else:
                rows.sort(key=lambda r: (r.valid_from, r.line))
                validities[key] = Validity(tuple(r.valid_from for r in rows), tuple(rows))
        result[system] = MappingProxyType(validities)
    return MappingProxyType(result)


Entry = MappingRow | Validity  # a key with one row stores the row itself (the fast path)


#: at most this many other spellings are remembered per index (then it starts afresh)
RESPELLED_LIMIT = 4096


@dataclass(frozen=True, slots=True)
class InboundLookup:
    """The inbound index of one (table, source system), tuned for :meth:`Plant.lookup_row`.

    ``raw`` holds the codes exactly as written in the table, so a well-formed message
    costs one dict lookup; other spellings go through ``to_key`` and ``keys``. Both give the
    same entry for the same code (``raw[c]`` is ``keys[to_key(c)]`` by construction).
    Other spellings that map are remembered (``respelled``, bounded), so a sender that always
    writes ``" 4711"`` pays for normalisation once; the answers never change, as the tables
    do not.
    """

    raw: dict[str, Entry]
    keys: dict[str, Entry]
    to_key: Callable[[str], str]
    respelled: dict[str, Entry] = field(default_factory=dict, compare=False, repr=False)

    def entry(self, code: str) -> Entry | None:
        """The row(s) of ``code`` in any spelling the normaliser accepts, or None."""
        found = self.raw.get(code)
        if found is not None:
            return found
        found = self.respelled.get(code)
        if found is not None:
            return found
        found = self.keys.get(self.to_key(code))
        if found is not None:
            if len(self.respelled) >= RESPELLED_LIMIT:
                self.respelled.clear()
            self.respelled[code] = found
        return found

    @classmethod
    def build(cls, by_key: Mapping[str, Validity], to_key: Callable[[str], str]) -> InboundLookup:
        keys: dict[str, Entry] = {
            k: v.rows[0] if len(v.rows) == 1 else v for k, v in by_key.items()}
        raw: dict[str, Entry] = {}
        for key, entry in keys.items():
            if type(entry) is MappingRow:  # one row (the common case), written out
                code = entry.source_code
                if key != code and to_key(key) == key:  # a key in normal form: a spelling
                    raw[key] = entry
                raw[code] = entry  # row.key == to_key(row.source_code)
                continue
            if to_key(key) == key:
                raw[key] = entry
            for row in entry.rows if isinstance(entry, Validity) else (entry,):
                raw[row.source_code] = entry
        return cls(raw, keys, to_key)


@dataclass(frozen=True, slots=True)
class PlantTable:
    """One loaded table: its rows and the inbound (source key) and outbound (canonical) indexes.

    Inbound uses approved and deprecated rows; outbound only approved rows with
    ``direction`` ``both``. Drafts never map.
    """

    spec: TableSpec
    file: str
    rows: tuple[MappingRow, ...]
    inbound: Index
    outbound: Index
    normalisers: Mapping[str, Normaliser]
    lookups: Mapping[str, InboundLookup]  # source system -> fast inbound index

    @classmethod
    def build(cls, spec: TableSpec, file: str, rows: tuple[MappingRow, ...],
              normalisers: Mapping[str, Normaliser]) -> PlantTable:
        inbound = _index((r.source_system, r.key, r) for r in rows
                         if r.status is not RowStatus.DRAFT)
        outbound = _index((r.source_system, r.canonical_code, r) for r in rows
                          if r.status is RowStatus.APPROVED and r.direction is Direction.BOTH)
        lookups = {system: InboundLookup.build(inbound.get(system, {}), n.to_key)
                   for system, n in normalisers.items()}
        return cls(spec, file, rows, inbound, outbound, MappingProxyType(dict(normalisers)),
                   MappingProxyType(lookups))


def row_on(entry: Entry | None, on: date) -> MappingRow | None:
    """The row of an index entry (one row, or the rows of a re-dated code) valid on ``on``
    (:meth:`MappingRow.valid_on`), or None."""
    if type(entry) is MappingRow:
        return entry if entry.valid_on(on) else None
    return entry.at(on) if isinstance(entry, Validity) else None
