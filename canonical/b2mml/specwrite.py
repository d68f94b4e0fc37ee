"""Export through B2MML specs: which entities each version's specs write, and writing them."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

from canonical.b2mml import groupwrite
from canonical.b2mml.export import Writer, carried
from canonical.b2mml.specload import VERSIONS, families, standard
from canonical.b2mml.specmodel import B2mmlSpec, RecordSpec
from canonical.models import CanonicalModel
from canonical.report import Finding, Report


def _kind(version: str, entity: str) -> tuple[B2mmlSpec, RecordSpec] | None:
    """The spec and record kind that write ``entity`` in ``version`` (its first kind under
    the noun the spec writes)."""
    if version not in VERSIONS:
        return None
    for family in families(version):
        spec = standard(version, family).spec
        if spec is None or spec.writes is None:
            continue
        for name in spec.kinds_of(spec.writes):
            kind = spec.record(name)
            if kind is not None and kind.entity == entity:
                return spec, kind
    return None


def write_from_spec(records: Sequence[CanonicalModel], entity: str, version: str,
                    doc_id: str | None) -> tuple[etree._Element, Report] | None:
    """The document of ``records`` from the spec that writes ``entity`` in ``version`` (None
    when no spec does); fields the spec cannot place are reported (B2M-203)."""
    from canonical.b2mml.writer import dropped

    found = _kind(version, entity)
    if found is None:
        return None
    spec, kind = found
    keep = [r for r in records if type(r).__name__ == entity]
    findings: list[Finding] = []
    inner = groupwrite.grouped(spec, kind) if kind.through else None
    if inner is not None:  # several elements per record (:mod:`.groupwrite`)
        for i, record in enumerate(keep):
            dropped(record, groupwrite.carried(kind, inner), i, "$", findings)
        keep = [r for i, r in enumerate(keep) if groupwrite.writable(inner, r, i, findings)]
        root = groupwrite.document(Writer(spec), kind, inner, keep,
                                   doc_id or f"canonical-{spec.writes}")
        return root, Report.of(findings)
    fields = carried(kind)
    for i, record in enumerate(keep):
        dropped(record, fields, i, "$", findings)
    if kind.segments is not None:  # items of the segment tree; unplaceable records left out
        from canonical.b2mml.segwrite import writable

        tree = kind.segments
        keep = [r for i, r in enumerate(keep) if writable(tree, r, i, findings)]
    writer = Writer(spec)
    root = writer.document(kind, keep, doc_id or f"canonical-{spec.writes}")
    return root, Report.of([*findings, *writer.findings])
