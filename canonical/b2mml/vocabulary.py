"""The standard words of each B2MML version and their canonical meaning.

These are the enumerations of the B2MML schemas themselves (not plant codes), so the
reader translates them without a plant. A word that is not listed for the document's
version (``Holding`` in a v7 file, ``Held`` in a V0600 file) has no canonical meaning here
and becomes a finding unless the plant's mapping table names it. The writer uses
:data:`RESPONSE_STATE_V7` in reverse, so reading what it wrote gives the same status. The
words of families on specs live in their spec (``words:``; a schedule's ``RequestState`` and
``SegmentState`` in ``specs/<version>/schedules.yaml``).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

from canonical.b2mml.version import Version

Vocabulary = MappingProxyType[str, str]


def _v(**words: str) -> Vocabulary:
    return MappingProxyType({k.replace("_", " "): v for k, v in words.items()})


# SegmentState of a segment response (ResponseState) -> OperationStatus
RESPONSE_STATE_V7: Final = _v(Waiting="created", Ready="released", Running="in_progress",
                              Held="interrupted", Paused="interrupted", Suspended="interrupted",
                              Completed="completed", Closed="completed", Aborted="cancelled")
RESPONSE_STATE: Final[dict[Version, Vocabulary]] = {
    Version.V0401: _v(Ready="released", Running="in_progress", Holding="interrupted",
                      Completed="completed", Aborted="cancelled"),
    Version.V0600: _v(Ready="released", Running="in_progress", Holding="interrupted",
                      Paused="interrupted", Completed="completed", Aborted="cancelled"),
    Version.V7: RESPONSE_STATE_V7,
}

# MaterialUse -> direction of the inventory movement
CONSUMED_USES: Final = frozenset({"Consumed", "Material Consumed", "Consumable"})
PRODUCED_USES: Final = frozenset({"Produced", "Yield Produced", "Material Produced",
                                  "Co-product Produced", "By-product Produced"})

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
