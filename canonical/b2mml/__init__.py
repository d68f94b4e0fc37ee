"""ISA-95 interchange: read B2MML V0401, V0600 and v7 into canonical records, write v7.

Layers, bottom up:

- :mod:`~canonical.b2mml.safexml`: hardened parsing (no DTD or entities, no network,
  bounded size and depth);
- :mod:`~canonical.b2mml.version`: version from the namespace, the nouns of a document;
- :mod:`~canonical.b2mml.codes`, :mod:`~canonical.b2mml.vocabulary`: units and state words
  to canonical codes (plant mapping tables, the standard words of each version);
- :mod:`~canonical.b2mml.readers`: one reader per document family;
- :mod:`~canonical.b2mml.writer`: canonical records to B2MML v7.

This package imports lxml; ``import canonical`` never imports it.
"""

from __future__ import annotations

from canonical.b2mml.reader import read_document
from canonical.b2mml.result import ImportResult
from canonical.b2mml.version import NAMESPACES, Version

__all__ = ["NAMESPACES", "ImportResult", "Version", "read_document"]
