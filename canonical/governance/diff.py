"""``diff(old, new)``: the semantic diff of two LinkML schemas as a :class:`Changelog`.

Each raw change found by :class:`~canonical.governance.compare.Collector` is classified
under the compatibility :class:`~canonical.changes.Mode`: its kind gives the consumer and
producer verdicts, the mode says which of them counts as ``breaking``, and the bump is
``major`` for a breaking change, otherwise what the kind demands (``minor`` for contract
changes, ``patch`` for documentation). The recommended bump is the highest of all.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from canonical.changes.model import Bump, Change, Changelog, Mode
from canonical.changes.waivers import Waiver, apply_waivers
from canonical.governance.compare import Collector
from canonical.governance.facts import SchemaFacts, extract
from canonical.governance.found import Found
from canonical.governance.imports import ImportMap
from canonical.governance.load import load_schema
from canonical.governance.rules import IMPORT_RESOLVED, KINDS
from canonical.governance.source import resolve
from canonical.report import Report

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
        rule_id=spec.rule.id, before=found.before, after=found.after, affects=found.affects,
    )


def load_facts(spec: str | Path, *, version: str | None = None,
               import_map: ImportMap | None = None) -> SchemaFacts:
    """Resolve (file, release version, ``git:REV:path``), load and flatten one schema.

    ``version`` overrides the schema's ``version``; ``import_map`` maps import prefixes to
    local folders.
    """
    return extract(load_schema(resolve(str(spec)), version=version, import_map=import_map))


def import_findings(side: str, facts: SchemaFacts) -> Report:
    """One info finding (GOV-100) per import of a side: which file it was read from."""
    return Report.of([
        IMPORT_RESOLVED.finding(f"{side}: {imp.describe()}", path=f"{side}.imports",
                                value=imp.target).located(file=imp.importer)
        for imp in facts.imports
    ])


def diff_facts(old: SchemaFacts, new: SchemaFacts, *, mode: Mode = DEFAULT_MODE,
               today: date | None = None) -> Changelog:
    found = Collector(old, new, today or date.today()).run()
    changes = sorted((classify(f, mode) for f in found),
                     key=lambda c: (c.path, c.kind, c.before or "", c.after or ""))
    return Changelog("schema", tuple(changes), old.version, new.version, mode=mode)


def diff(old: str | Path | SchemaFacts, new: str | Path | SchemaFacts, *,
         mode: Mode | str = DEFAULT_MODE, waivers: tuple[Waiver, ...] = (),
         today: date | None = None, old_version: str | None = None,
         new_version: str | None = None, import_map: ImportMap | None = None,
         old_import_map: ImportMap | None = None, new_import_map: ImportMap | None = None,
         report_imports: bool = False) -> Changelog:
    """The semantic diff of two schemas (files, release versions or ``git:REV:path``).

    ``old_version``/``new_version`` override the schemas' ``version`` (``v6.2.0`` is read as
    ``6.2.0``); ``import_map`` reads imports under a prefix from a local folder, for both
    sides; ``old_import_map``/``new_import_map`` for one side (they win over the shared one:
    two revisions of the LinkML metamodel each import their own ``linkml:`` files);
    ``report_imports`` adds where every import came from as info findings (GOV-100).
    Raises :class:`~canonical.errors.SchemaLoadError` when either side cannot be loaded.
    """
    day = today or date.today()
    shared = import_map or ImportMap()
    old_facts = old if isinstance(old, SchemaFacts) else load_facts(
        old, version=old_version, import_map=(old_import_map or ImportMap()).over(shared))
    new_facts = new if isinstance(new, SchemaFacts) else load_facts(
        new, version=new_version, import_map=(new_import_map or ImportMap()).over(shared))
    log = diff_facts(old_facts, new_facts, mode=Mode(mode), today=day)
    if report_imports:
        log = log.with_changes(log.changes, import_findings("old", old_facts)
                               + import_findings("new", new_facts))
    if not isinstance(old, SchemaFacts) or not isinstance(new, SchemaFacts):
        log = replace(log, old_source=None if isinstance(old, SchemaFacts) else str(old),
                      new_source=None if isinstance(new, SchemaFacts) else str(new))
    if not isinstance(new, SchemaFacts):
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
