"""The field tables of the B2MML specs, for the generated coverage page.

Per version, each family mapped by a spec lists every canonical field with where its value
is (element path, property ID, Value key, the hierarchy scope, the enclosing record), its
value step and the plant default that can fill it: generated from the shipped specs, so the
page says exactly what the import does.
"""

from __future__ import annotations

from canonical.b2mml.segmodel import Segments
from canonical.b2mml.specload import families, standard
from canonical.b2mml.specmodel import Case, FieldSpec, Kind, RecordSpec


def _where(spec: FieldSpec, record: RecordSpec, named: str | None = None) -> str:
    parts = []
    if spec.kind is Kind.SITE:
        parts.append(f"Site of `{spec.path[0] if spec.path else 'HierarchyScope'}` (else "
                     "the enclosing one, else `--plant`)")
        if spec.own_when:
            parts.append(f"its own id when {spec.own_when[0]} is {', '.join(spec.own_when[1])}")
    elif spec.kind is Kind.PARENT:
        if spec.inherit:
            parts.append(f"the enclosing record's {spec.inherit}")
        parts.append("the carried entry above it in its `HierarchyScope`/`Location`"
                     + (f" (not when {spec.unless[0]} is {', '.join(spec.unless[1])})"
                        if spec.unless else ""))
    elif spec.kind is Kind.LEVEL:
        parts.append(f"level word of `{'/'.join(spec.path)}` through the plant's "
                     "`equipment_levels` table (else the shipped default, below)")
    elif spec.path and spec.kind is not Kind.PLACE:
        parts.append(f"`{'/'.join(spec.path)}`")
    if spec.kind is Kind.LIST and record.group is not None \
            and record.group.collect == spec.name:
        parts.append("one item per element of the record (its own fields, below)")
    elif spec.kind is Kind.LIST:
        parts.append(", ".join(f"`{e}`" for e in spec.each) if spec.each
                     else "none of its own: only the link to the enclosing record")
    if spec.property:
        element = named or (record.properties[0] if record.properties else "property")
        parts.append(" or ".join(f"`{element}` `{p}`" for p in spec.property))
    if spec.key:
        parts.append(f"Value keyed `{spec.key}`")
    if spec.any_of:
        parts.append(" or ".join(f"`{e}`" for e in spec.any_of))
    if spec.kind is Kind.PLACE and spec.path:
        parts.append(f"the innermost level below the Site of `{spec.path[0]}`")
    if spec.or_in:
        parts.append(" or ".join(f"the enclosing element's `{e}` `{p}`" for e in spec.or_in
                                 for p in spec.property))
    if spec.inherit and spec.kind is not Kind.PARENT:
        parts.append(f"the enclosing record's {spec.inherit}")
    if spec.fallback:
        parts.append(f"the enclosing record's `{spec.fallback}`")
    if spec.otherwise:
        parts.append(f"the record's {spec.otherwise}")
    if spec.numbered:
        parts.append(f"`{spec.numbered}` (enclosing record's fields, n = position)")
    if spec.total:
        summed = " / ".join(spec.total.records)
        only = f" where {spec.total.when[0]} is {', '.join(spec.total.when[1])}" \
            if spec.total.when else ""
        parts.append(f"the sum of the {spec.total.field} of its {summed} records{only}")
    if spec.within:
        parts = [f"`<enclosing {spec.within}>/<{'/'.join(spec.path)}>` (the enclosing "
                 f"{spec.within} alone when it holds one such element)"]
    where = "; else ".join(parts) or "-"
    if spec.when:
        where += f" (only when {spec.when[0]} is {', '.join(spec.when[1])})"
    if spec.not_with:
        where += f" (not when the record has {spec.not_with})"
    return where


def _rows(spec: FieldSpec, record: RecordSpec, prefix: str = "", within: str = "",
          named: str | None = None) -> list[str]:
    default = f"`{spec.default}`" if spec.default else ""
    if spec.default_when:
        default += f" (when {spec.default_when[0]} is {', '.join(spec.default_when[1])})"
    if spec.assumed:
        default += f"`{spec.assumed}` assumed (warning B2M-111)"
    rows = [f"| {prefix}{spec.name} | {within}{_where(spec, record, named)} | {spec.kind.value}"
            f"{' (required)' if spec.required else ''} | {default} |"]
    for item in spec.fields:
        rows.extend(_rows(item, record, f"{prefix}{spec.name}[]."))
    return rows


def spec_tables(version: str) -> list[str]:
    """Markdown lines: one table per record kind of each family ``version`` has a spec for."""
    out: list[str] = []
    for family in families(version):
        spec = standard(version, family).spec
        if spec is None:
            continue
        for record in spec.records:
            through = " (no record of its own: its fields go to each nested record)" \
                if record.through else ""
            out.append(f"\n**{family}: {record.entity} from "
                       f"{', '.join(f'`{e}`' for e in record.elements)}** (spec "
                       f"`canonical/b2mml/specs/{version}/{family}.yaml`, record kind "
                       f"`{record.name}`){through}:\n")
            out.extend(_shape(record))
            out.append("| Canonical | B2MML | Step | Plant default |")
            out.append("| --- | --- | --- | --- |")
            if record.case is not None:
                out.append(_case_row(record.case))
            if record.one_per is not None:
                out.append(f"| {record.one_per.field} | each `{record.one_per.path}`: one "
                           f"record per {record.one_per.path} (id `{record.one_per.id}` when "
                           "several) | text |  |")
            for field in record.fields:
                out.extend(_rows(field, record))
            if record.segments is not None:
                out.extend(_segment_rows(record.segments, record))
    return out


def _shape(record: RecordSpec) -> list[str]:
    """What a record kind's element is beyond one record (``group``), as a sentence."""
    if record.group is None:
        return []
    agree = f"; {', '.join(record.group.agree)} must agree" if record.group.agree else ""
    return [f"Elements with the same {', '.join(record.group.by)} are one record; each adds "
            f"one item to {record.group.collect}{agree}; a later element's value replaces the "
            "record's, and a default applies only when no element gives the field.\n"]


def _case_row(case: Case) -> str:
    words = "; ".join(f"{value}: {', '.join(words)}" for value, words in case.values)
    fixed = "".join(f"; `{element}` is {word}" for element, word in case.fixed)
    return (f"| {case.field} | `{case.by}` ({words}{fixed}; any other word: not imported, "
            "B2M-114) | case |  |")


def _segment_rows(tree: Segments, record: RecordSpec) -> list[str]:
    """The fields read from a record's segment tree, each named where it comes from."""
    segments = " or ".join(f"`{e}`" for e in tree.elements)
    parameter = tree.parameters[0] if tree.parameters else "parameter"
    rows = []
    for spec in tree.record:
        rows.extend(_rows(spec, record, "", "the order's own or a container segment: ",
                          parameter))
    for spec in tree.produced:
        rows.extend(_rows(spec, record, "", "the produced material requirement: "))
    for spec in tree.operation:
        rows.extend(_rows(spec, record, f"{tree.operations}[].",
                          f"a segment ({segments}) without segments in it: ", parameter))
    for spec in tree.component:
        rows.extend(_rows(spec, record, f"{tree.components}[].",
                          "a consumed material requirement: "))
    return rows
