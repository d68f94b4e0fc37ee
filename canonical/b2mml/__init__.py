"""ISA-95 interchange: read B2MML V0401, V0600 and v7 into canonical records, write v7.

Layers, bottom up:

- :mod:`~canonical.b2mml.safexml`: hardened parsing (no DTD or entities, no network,
  bounded size and depth);
- :mod:`~canonical.b2mml.version`: version from the namespace, the nouns of a document;
- :mod:`~canonical.b2mml.codes`, :mod:`~canonical.b2mml.vocabulary`: units and state words
  to canonical codes (plant mapping tables, the standard words of each version);
- :mod:`~canonical.b2mml.specmodel`, :mod:`~canonical.b2mml.specload`,
  :mod:`~canonical.b2mml.specbuild`: the declarative mapping of a family in a version
  (``specs/<version>/<family>.yaml``, a plant's override in ``<plant>/b2mml/``), checked with
  file and line (B2M-400..405);
- :mod:`~canonical.b2mml.records`, :mod:`~canonical.b2mml.steps`: a spec read (lots,
  material definitions, schedules, performance, equipment, test results; a schedule's
  segment tree: :mod:`~canonical.b2mml.segmodel`, :mod:`~canonical.b2mml.segbuild`,
  :mod:`~canonical.b2mml.segments`; several elements as one record, a record per use or per
  person: :mod:`~canonical.b2mml.grouping`, :mod:`~canonical.b2mml.cases`,
  :mod:`~canonical.b2mml.formbuild`; named properties and the hierarchy scope:
  :mod:`~canonical.b2mml.properties`, :mod:`~canonical.b2mml.scope`);
  :mod:`~canonical.b2mml.export`, :mod:`~canonical.b2mml.specwrite`,
  :mod:`~canonical.b2mml.segwrite`: the same spec written;
- :mod:`~canonical.b2mml.writer`: canonical records to B2MML (operations v7 by hand; lots,
  resources and v7 orders through their specs).

The readers and writer import lxml; ``import canonical`` never imports this package, and
importing the package itself (e.g. for :mod:`canonical.b2mml.rules` in the rule catalogue)
does not import lxml until a reader, writer or :data:`NAMESPACES` is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from canonical.b2mml.reader import read_document
    from canonical.b2mml.result import ImportResult
    from canonical.b2mml.version import NAMESPACES, Version

__all__ = ["NAMESPACES", "ImportResult", "Version", "read_document"]

_LAZY = {"read_document": "canonical.b2mml.reader", "ImportResult": "canonical.b2mml.result",
         "NAMESPACES": "canonical.b2mml.version", "Version": "canonical.b2mml.version"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'canonical.b2mml' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
