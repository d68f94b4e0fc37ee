"""Reading a B2MML document: parse safely, detect the version, dispatch per noun."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

from canonical.b2mml import rules
from canonical.b2mml.accounting import account
from canonical.b2mml.codes import DEFAULT_SYSTEM, Codes
from canonical.b2mml.context import Context
from canonical.b2mml.gcpause import collector_paused
from canonical.b2mml.nodes import Node, path_of
from canonical.b2mml.result import ImportResult
from canonical.b2mml.safexml import parse_bytes, parse_file
from canonical.b2mml.specmodel import B2mmlSpec
from canonical.b2mml.version import Version, locate
from canonical.errors import B2MMLError
from canonical.models import CanonicalModel
from canonical.report import Report, Severity

if TYPE_CHECKING:
    from canonical.mapping import Plant

Reader = Callable[[Context, Node], Sequence[CanonicalModel]]



def read_document(
    source: str | Path | bytes, *, plant: Plant | None = None, system: str = DEFAULT_SYSTEM,
    on: date | None = None, name: str | None = None, partial: bool = False,
) -> ImportResult:
    """Read a B2MML file (path) or document (bytes) into canonical records.

    With ``partial``, lots and orders are read as partial records (patches of the fields
    the document carries, :mod:`canonical.b2mml.partial`).

    Raises :class:`~canonical.errors.B2MMLError` for input that is not safe, well-formed,
    supported B2MML; everything else is reported as findings in the result.
    """
    with collector_paused():
        return _read(source, plant, system, on, name, partial)


def _read(source: str | Path | bytes, plant: Plant | None, system: str, on: date | None,
          name: str | None, partial: bool) -> ImportResult:
    if isinstance(source, bytes):
        label = name or "<input>"
        root = parse_bytes(source, source=label)
    else:
        label = name or str(source)
        root = parse_file(source)
    if plant is not None:
        plant.system(system)  # an undeclared source system is a usage error
    located = locate(root, source=label)
    from canonical.b2mml import defaults

    declared = defaults.load(plant.folder).of(system) if plant is not None \
        else defaults.SystemDefaults()
    ctx = Context(located.version, label, Codes(plant, system, on), defaults=declared,
                  partial=partial)
    reader = _reader(located.version, located.noun, plant)
    records: dict[str, list[CanonicalModel]] = {}
    seen: set[etree._Element] = set()
    for element in located.elements:
        node = Node(element, located.version.namespace, path_of(element), seen)
        for record in reader(ctx, node):
            records.setdefault(type(record).__name__, []).append(record)
    from canonical.b2mml.elements import known_tags

    account(root, located.version.namespace, seen, ctx.findings, label, ctx.covering,
            (located.version.value, known_tags(located.version)), declared.not_carried)
    return ImportResult(located.version, located.noun, records, Report.of(ctx.findings))


def _reader(version: Version, noun: str, plant: Plant | None) -> Reader:
    """The runs of the specs that map ``noun`` (with the plant's overrides), in family order."""
    from canonical.b2mml.records import Run
    from canonical.b2mml.specload import families, load, standard

    specs: list[B2mmlSpec] = []
    for family in families(version.value):
        loaded = standard(version.value, family) if plant is None \
            else load(version.value, family, plant.folder)
        if loaded.spec is None:
            first = next(f for f in loaded.findings if f.severity is Severity.ERROR)
            raise B2MMLError(f"B2MML spec {version.value}/{family} cannot be used: "
                             f"{first.message}", source=first.file, line=first.line,
                             rule_id=first.rule_id)
        if loaded.spec.kinds_of(noun):
            specs.append(loaded.spec)
    if not specs:
        raise B2MMLError(f"no B2MML {version.value} spec maps <{noun}>",
                         rule_id=rules.UNSUPPORTED_DOCUMENT.id)

    def run(ctx: Context, node: Node) -> Sequence[CanonicalModel]:
        return [r for spec in specs for r in Run(ctx, spec).document(node)]
    return run
