"""First occurrence of each id in a stream of records, in a few bytes per id.

Duplicate-id checks must remember every id of an extract. A ``dict`` of strings costs about
120 bytes per id (a million records: over 100 MB, most of a streaming validation's memory);
:class:`IdIndex` keeps a 64-bit fingerprint (Python's string hash) and the record index in
two flat arrays with open addressing: 24 bytes per id at the worst load. Two different ids
share a fingerprint with a probability of about n^2 / 2^65 (3e-8 for a million ids).
"""

from __future__ import annotations

from array import array

_EMPTY = 0


class IdIndex:
    """Ids with a number each (the record an id was first seen at, a material code...).

    ``first(id, value)`` returns the number remembered for ``id``, or remembers ``value`` and
    returns ``None``; ``get`` and ``in`` only look.
    """

    __slots__ = ("_count", "_keys", "_mask", "_values")

    def __init__(self, capacity: int = 1024) -> None:
        size = 1 << max(capacity - 1, 1).bit_length()
        self._keys = array("q", bytes(8 * size))
        self._values = array("Q", bytes(8 * size))
        self._mask = size - 1
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def get(self, key: str) -> int | None:
        fingerprint = hash(key) or 1
        keys, mask = self._keys, self._mask
        slot = fingerprint & mask
        while True:
            found = keys[slot]
            if found == _EMPTY:
                return None
            if found == fingerprint:
                return self._values[slot]
            slot = (slot + 1) & mask

    def first(self, key: str, value: int) -> int | None:
        fingerprint = hash(key) or 1  # 0 marks an empty slot
        keys, mask = self._keys, self._mask
        slot = fingerprint & mask
        while True:
            found = keys[slot]
            if found == _EMPTY:
                keys[slot] = fingerprint
                self._values[slot] = value
                self._count += 1
                if self._count * 2 > mask:
                    self._grow()
                return None
            if found == fingerprint:
                return self._values[slot]
            slot = (slot + 1) & mask

    def _grow(self) -> None:
        old = zip(self._keys, self._values, strict=True)
        size = (self._mask + 1) * 2
        self._keys = array("q", bytes(8 * size))
        self._values = array("Q", bytes(8 * size))
        self._mask = size - 1
        keys, values, mask = self._keys, self._values, self._mask
        for key, value in old:
            if key == _EMPTY:
                continue
            slot = key & mask
            while keys[slot] != _EMPTY:
                slot = (slot + 1) & mask
            keys[slot], values[slot] = key, value
