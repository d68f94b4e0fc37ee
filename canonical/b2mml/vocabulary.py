"""The standard words of each B2MML version and their canonical meaning.

The words of the B2MML schemas themselves (not plant codes) live in the spec of their family
(``words:`` of a field: a schedule's ``RequestState`` and ``SegmentState`` in
``specs/<version>/schedules.yaml``, a segment response's ``SegmentState`` in
``performance.yaml``; ``case: values:`` for the words of a material use), so the reader
translates them without a plant and a plant can extend them without Python. A word that is
not listed for the document's version (``Holding`` in a v7 file) has no canonical meaning
and becomes a finding unless the plant's mapping table names it. What is left here is only
written, never read.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

Vocabulary = MappingProxyType[str, str]


def _v(**words: str) -> Vocabulary:
    return MappingProxyType({k.replace("_", " "): v for k, v in words.items()})


# Lot status -> v7 Disposition (written alongside Status for ISA-95 consumers; never read)
LOT_DISPOSITION_V7: Final = MappingProxyType(
    {"released": "UnRestricted", "quarantine": "Restricted", "blocked": "Restricted",
     "rejected": "Restricted", "consumed": "Closed", "expired": "Closed"}
)


def inverse(vocabulary: Vocabulary) -> dict[str, str]:
    """Canonical value -> the first B2MML word that means it."""
    out: dict[str, str] = {}
    for word, value in vocabulary.items():
        out.setdefault(value, word)
    return out
