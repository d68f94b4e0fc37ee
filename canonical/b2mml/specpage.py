"""The field tables of the B2MML specs, for the generated coverage page.

Per version, each family mapped by a spec lists every canonical field with where its value
is (element path, property ID, Value key, the hierarchy scope, the enclosing record), its
value step and the plant default that can fill it: generated from the shipped specs, so the
page says exactly what the import does.
"""

from __future__ import annotations

from canonical.b2mml.segmodel import Segments
from canonical.b2mml.specload import families, standard
from canonical.b2mml.specmodel import FieldSpec, Kind, RecordSpec


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
    elif spec.path:
        parts.append(f"`{'/'.join(spec.path)}`")
    if spec.kind is Kind.LIST:
        parts.append(", ".join(f"`{e}`" for e in spec.each) if spec.each
                     else "none of its own: only the link to the enclosing record")
    if spec.property:
        element = named or (record.properties[0] if record.properties else "property")
        parts.append(" or ".join(f"`{element}` `{p}`" for p in spec.property))
    if spec.key:
        parts.append(f"Value keyed `{spec.key}`")
    if spec.any_of:
        parts.append(" or ".join(f"`{e}`" for e in spec.any_of))
    if spec.inherit and spec.kind is not Kind.PARENT:
        parts.append(f"the enclosing record's {spec.inherit}")
    if spec.fallback:
        parts.append(f"the enclosing record's `{spec.fallback}`")
    if spec.otherwise:
        parts.append(f"the record's {spec.otherwise}")
    if spec.within:
        parts = [f"`<enclosing {spec.within}>/<{'/'.join(spec.path)}>` (the enclosing "
                 f"{spec.within} alone when it holds one such element)"]
    return "; else ".join(parts) or "-"


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
            out.append("| Canonical | B2MML | Step | Plant default |")
            out.append("| --- | --- | --- | --- |")
            for field in record.fields:
                out.extend(_rows(field, record))
            if record.segments is not None:
                out.extend(_segment_rows(record.segments, record))
    return out


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
