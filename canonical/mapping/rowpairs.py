"""Pairing the rows of two versions of a plant's tables in bounded memory (``canon mappings
diff`` of million-row tables).

A row is identified by a text (its table, source system, key and ``valid_from``; the n-th
row of one identity is its n-th occurrence, in file order). A first read of each side keeps,
per row, a 64-bit hash of its identity and one of its content (:class:`RowHashes`, 16 bytes a
row, in 256 parts by identity); :func:`pair` then compares the sides one part at a time and
names the rows added, removed and changed (hashes of identity and occurrence). A second read
of each side finds those rows again (:meth:`Pairing.key`); only they are held. Two rows
whose contents hash alike (one chance in 2**64) would be taken as unchanged.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from canonical.mapping.rows import MappingRow
from canonical.mapping.tables import TableSpec

_PARTS = 256
_MASK = (1 << 64) - 1

#: (identity hash, occurrence of that identity in its file: 1, 2...)
RowKey = tuple[int, int]
#: what a read of a side calls with each row (table spec, file, row), in file order
Visit = Callable[[TableSpec, str, MappingRow], None]


def fingerprint(value: Hashable) -> int:
    return hash(value) & _MASK


class RowHashes:
    """One side: per table, the identity and content hash of each row, in 256 parts."""

    def __init__(self, identity: Callable[[MappingRow], str],
                 content: Callable[[MappingRow], Hashable]) -> None:
        self.identity, self.content = identity, content
        self.tables: dict[str, list[tuple[array[int], array[int]]]] = {}

    def add(self, spec: TableSpec, file: str, row: MappingRow) -> None:
        parts = self.tables.get(spec.name)
        if parts is None:
            parts = self.tables[spec.name] = [(array("Q"), array("Q")) for _ in range(_PARTS)]
        ident = fingerprint(self.identity(row))
        idents, contents = parts[ident % _PARTS]
        idents.append(ident)
        contents.append(fingerprint(self.content(row)))

    def part(self, table: str, number: int) -> dict[RowKey, int]:
        """(identity, occurrence) -> content hash, of one part of ``table``."""
        parts = self.tables.get(table)
        if parts is None:
            return {}
        seen: dict[int, int] = {}
        keyed: dict[RowKey, int] = {}
        idents, contents = parts[number]
        for ident, content in zip(idents, contents, strict=True):
            occurrence = seen[ident] = seen.get(ident, 0) + 1
            keyed[(ident, occurrence)] = content
        return keyed


@dataclass
class Pairing:
    """The rows of one table that differ between the sides, by :data:`RowKey`."""

    added: set[RowKey] = field(default_factory=set)
    removed: set[RowKey] = field(default_factory=set)
    changed: set[RowKey] = field(default_factory=set)
    #: identities that occur more than once on the old / new side (their occurrences count)
    repeated: tuple[set[int], set[int]] = field(default_factory=lambda: (set(), set()))
    _counts: dict[int, int] = field(default_factory=dict)

    def key(self, ident: int, side: int) -> RowKey:
        """The key of the next row of identity hash ``ident`` read on ``side`` (0 old, 1 new);
        each read of a side starts with :meth:`restart`."""
        if ident not in self.repeated[side]:
            return (ident, 1)
        occurrence = self._counts[ident] = self._counts.get(ident, 0) + 1
        return (ident, occurrence)

    def restart(self) -> None:
        self._counts.clear()


def pair(old: RowHashes, new: RowHashes, table: str) -> Pairing:
    """What differs in ``table`` from ``old`` to ``new``, one part at a time."""
    found = Pairing()
    for number in range(_PARTS):
        before, after = old.part(table, number), new.part(table, number)
        for key, content in after.items():
            was = before.get(key)
            if was is None:
                found.added.add(key)
            elif was != content:
                found.changed.add(key)
            if key[1] > 1:
                found.repeated[1].add(key[0])
        for key in before:
            if key not in after:
                found.removed.add(key)
            if key[1] > 1:
                found.repeated[0].add(key[0])
    return found
