"""Ids seen in a stream of records, each with a number, in a few bytes per id.

Rules across records must remember every id of an extract. A ``dict`` of strings costs about
120 bytes per id (a million records: over 100 MB, most of a streaming validation's memory);
:class:`IdIndex` keeps a 64-bit fingerprint (Python's string hash) and a 32-bit number per id
in flat arrays with open addressing, split into :data:`PARTS` tables that grow one at a
time (so growing never holds two copies of everything): about 20 bytes per id. The numbers
take a third of that and are often all the same (every record of an extract of lots is a lot):
they are stored only once some id gets a number of its own, about 13 bytes per id until then.
Two different ids share a fingerprint with a probability of about n^2 / 2^65 (3e-8 for a
million ids): ``first`` then answers as for a repeat, and a caller that can read the ids again
tells the two apart (:meth:`canonical.validation.collection.Collection.finish`).
"""

from __future__ import annotations

from array import array

PARTS = 64
_SHIFT = PARTS.bit_length() - 1
_LOW = PARTS - 1
_EMPTY = 0
#: an id's fingerprint (a module global, so a test can make two ids share one)
_fingerprint = hash


#: the most ids made room for up front (16 bytes each: 32 MiB); more grow the tables
MAX_EXPECTED = 1 << 21


def _size(expected: int) -> int:
    """Slots per part for ``expected`` ids: a power of two, loaded below 3/4 with a margin
    for parts that get more than their share."""
    wanted = min(expected, MAX_EXPECTED) * 3 // (2 * PARTS)  # a part's share, then x 1.5
    size = 16
    while size * 3 // 4 < wanted:
        size *= 2
    return size


class _Part:
    __slots__ = ("count", "keys", "limit", "mask", "values")

    def __init__(self, size: int, values: bool) -> None:
        self.keys = array("q", bytes(8 * size))
        self.values = array("I", bytes(4 * size)) if values else None
        self.mask = size - 1
        self.limit = self.mask * 3 // 4  # more ids than this: grow (load above 3/4)
        self.count = 0

    def slot(self, fingerprint: int) -> int:
        """The slot holding ``fingerprint``, or the empty slot where it belongs."""
        keys, mask = self.keys, self.mask
        slot = (fingerprint >> _SHIFT) & mask
        while keys[slot] != _EMPTY and keys[slot] != fingerprint:
            slot = (slot + 1) & mask
        return slot

    def grown(self) -> _Part:
        bigger = _Part((self.mask + 1) * 2, False)
        if self.values is None:  # every id of an extract passes here about once: inline
            keys, mask = bigger.keys, bigger.mask
            for key in self.keys:
                if key:
                    slot = (key >> _SHIFT) & mask
                    while keys[slot]:
                        slot = (slot + 1) & mask
                    keys[slot] = key
        else:
            numbers = bigger.values = array("I", bytes(4 * (bigger.mask + 1)))
            for key, value in zip(self.keys, self.values, strict=True):
                if key != _EMPTY:
                    slot = bigger.slot(key)
                    bigger.keys[slot], numbers[slot] = key, value
        bigger.count = self.count
        return bigger

    def numbered(self, number: int) -> None:
        """Store numbers from now on, ``number`` for every id so far."""
        self.values = array("I", [number]) * (self.mask + 1)


class IdIndex:
    """Ids with a number each (where an id was first seen, what kind of record it was...).

    ``first(id, value)`` returns the number remembered for ``id``, or remembers ``value`` and
    returns ``None``; ``get`` and ``in`` only look. Numbers are unsigned 32-bit integers.
    """

    __slots__ = ("_parts", "_same")

    def __init__(self, expected: int = 0) -> None:
        """``expected``: about how many ids will come (0: unknown). The tables are made big
        enough for that many at once (at most :data:`MAX_EXPECTED`): growing one re-inserts
        every id it holds, about half of what remembering an id costs."""
        self._parts = [_Part(_size(expected), False) for _ in range(PARTS)]
        self._same: int | None = None  # the number of every id while no array holds numbers

    def __len__(self) -> int:
        return sum(part.count for part in self._parts)

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def nbytes(self) -> int:
        """Bytes held by the tables (for tests and benchmarks)."""
        return sum((8 if p.values is None else 12) * (p.mask + 1) for p in self._parts)

    def get(self, key: str) -> int | None:
        fingerprint = _fingerprint(key) or 1  # 0 marks an empty slot
        part = self._parts[fingerprint & (PARTS - 1)]
        slot = part.slot(fingerprint)
        if part.keys[slot] == _EMPTY:
            return None
        return self._same if part.values is None else part.values[slot]

    def first(self, key: str, value: int) -> int | None:
        # once per record of a stream: every line here costs (issue 20)
        fingerprint = _fingerprint(key) or 1
        part = self._parts[fingerprint & _LOW]
        keys = part.keys
        mask = part.mask
        slot = (fingerprint >> _SHIFT) & mask
        taken = keys[slot]
        while taken:  # probe on, as _Part.slot does (inline: a third of the ids probe)
            if taken == fingerprint:
                return self._same if part.values is None else part.values[slot]
            slot = (slot + 1) & mask
            taken = keys[slot]
        keys[slot] = fingerprint
        values = part.values
        if values is not None:
            values[slot] = value
        elif value != self._same:
            self._numbered(value, part, slot)
        part.count = count = part.count + 1
        if count > part.limit:  # load above 3/4: this part doubles
            self._parts[fingerprint & _LOW] = part.grown()
        return None

    def _numbered(self, value: int, part: _Part, slot: int) -> None:
        """``value`` for the id just put in ``slot`` of ``part``, no array holding numbers yet."""
        if self._same is None:
            self._same = value
            return
        for each in self._parts:  # the first id with a number of its own: all parts store numbers
            each.numbered(self._same)
        numbers = part.values
        if numbers is not None:  # always, now
            numbers[slot] = value
