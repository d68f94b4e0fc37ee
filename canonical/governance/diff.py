"""``diff(old, new)``: the semantic diff of two LinkML schemas as a :class:`Changelog`.

Each raw change found by :class:`~canonical.governance.compare.Collector` is classified
under the compatibility :class:`~canonical.changes.Mode`: its kind gives the consumer and
producer verdicts, the mode says which of them counts as ``breaking``, and the bump is
``major`` for a breaking change, otherwise what the kind demands (``minor`` for contract
changes, ``patch`` for documentation). The recommended bump is the highest of all.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from canonical.changes.model import Bump, Change, Changelog, Mode
from canonical.changes.waivers import Waiver, apply_waivers
from canonical.governance.compare import Collector, Found
from canonical.governance.facts import SchemaFacts, extract
from canonical.governance.load import load_schema
from canonical.governance.rules import KINDS
from canonical.governance.source import resolve

#: The default compatibility mode (see docs/guides/versioning.md for the rationale).
DEFAULT_MODE = Mode.BACKWARD


def classify(found: Found, mode: Mode) -> Change:
    """Turn a raw change into a :class:`Change` with verdicts, breaking flag and bump."""
    spec = KINDS[found.kind]
    consumer = found.consumer or spec.consumer
    producer = found.producer or spec.producer
    breaking = mode.breaking(consumer, producer)
    return Change(
        kind=found.kind, path=found.path, message=found.message, consumer=consumer,
        producer=producer, breaking=breaking, bump=Bump.MAJOR if breaking else spec.bump,
        rule_id=spec.rule.id, before=found.before, after=found.after,
    )


def load_facts(spec: str | Path) -> SchemaFacts:
    """Resolve (file, release version, ``git:REV:path``), load and flatten one schema."""
    return extract(load_schema(resolve(str(spec))))


def diff_facts(old: SchemaFacts, new: SchemaFacts, *, mode: Mode = DEFAULT_MODE,
               today: date | None = None) -> Changelog:
    found = Collector(old, new, today or date.today()).run()
    changes = sorted((classify(f, mode) for f in found),
                     key=lambda c: (c.path, c.kind, c.before or "", c.after or ""))
    return Changelog("schema", tuple(changes), old.version, new.version, mode=mode)


def diff(old: str | Path | SchemaFacts, new: str | Path | SchemaFacts, *,
         mode: Mode | str = DEFAULT_MODE, waivers: tuple[Waiver, ...] = (),
         today: date | None = None) -> Changelog:
    """The semantic diff of two schemas (files, release versions or ``git:REV:path``).

    Raises :class:`~canonical.errors.SchemaLoadError` when either side cannot be loaded.
    """
    day = today or date.today()
    old_facts = old if isinstance(old, SchemaFacts) else load_facts(old)
    new_facts = new if isinstance(new, SchemaFacts) else load_facts(new)
    log = diff_facts(old_facts, new_facts, mode=Mode(mode), today=day)
    if not isinstance(old, SchemaFacts) or not isinstance(new, SchemaFacts):
        from dataclasses import replace

        log = replace(log, old_source=None if isinstance(old, SchemaFacts) else str(old),
                      new_source=None if isinstance(new, SchemaFacts) else str(new))
    if not isinstance(new, SchemaFacts):
        from dataclasses import replace

        from canonical.governance.locate import locate

        source = resolve(str(new))
        log = replace(log, changes=locate(log.changes, source.text, _file_of(str(new))))
    return apply_waivers(log, waivers, today=day) if waivers else log


def _file_of(spec: str) -> str:
    """How an annotation names the new schema: a path in the checkout."""
    if spec.startswith("git:"):
        return spec.split(":", 2)[-1]
    from canonical.changes.semver import SemVer

    if SemVer.is_valid(spec):
        return f"schemas/releases/{spec}/canonical.yaml"
    return spec
