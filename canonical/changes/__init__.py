"""Change reports shared by schema governance and mapping-table diffs.

A diff of anything the project governs (the canonical LinkML schema, a plant's mapping
tables) is a :class:`Changelog` of :class:`Change` objects: what changed (``kind``),
where (``path``), who it breaks (``consumer`` / ``producer`` verdicts), whether it is
``breaking`` under the selected compatibility :class:`Mode` and which semantic-version
:class:`Bump` it demands. Every diff renders through the same formats
(:func:`canonical.changes.render.render`: text, json, markdown, junit, github) and the
JSON form is published as ``schemas/changelog-report.schema.json``.

Waivers (:mod:`canonical.changes.waivers`) approve individual changes by fingerprint.

This package sits low in the layering: it imports only :mod:`canonical.errors`,
:mod:`canonical.report` and :mod:`canonical.rules`, so :mod:`canonical.mapping` can use it.
"""

from __future__ import annotations

from canonical.changes.model import (
    Approval,
    Bump,
    Change,
    Changelog,
    FailOn,
    Mode,
    Verdict,
    fingerprint,
)

__all__ = [
    "Approval",
    "Bump",
    "Change",
    "Changelog",
    "FailOn",
    "Mode",
    "Verdict",
    "fingerprint",
]
