"""One page per shipped example plant: plant.yaml, source systems and every mapping table.

The page is built from the same reader the governance checks use
(:func:`canonical.mapping.source.read_plant_folder`), so it shows every row, drafts and
deprecated rows included, with its status and validity, and the current check findings.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from canonical.docs import paths
from canonical.docs.markdown import EMPTY, admonition, code, filtered_table, table
from canonical.mapping.normalise import Normaliser, Step
from canonical.mapping.source import PlantSource, TableData


def _steps(steps: tuple[Step, ...]) -> str:
    parts = []
    for step in steps:
        data = step.to_data()
        parts.append(data if isinstance(data, str) else f"pad_left {step.width} with '{step.fill}'")
    return " → ".join(parts) or "as is"


def _normalisation(rules: dict[str, Normaliser]) -> str:
    if not rules:
        return "as is"
    return "; ".join(f"{kind}: in {_steps(n.inbound)}"
                     + (f", out {_steps(n.outbound)}" if n.outbound else "")
                     for kind, n in sorted(rules.items()))


def _table(data: TableData) -> str:
    """One mapping table: the code columns and the steward's columns (status, validity, owner,
    approver) first, the source code column sticky when the table scrolls sideways, a filter
    box above; table-specific, direction, note and line columns follow."""
    extras = [c.name for c in data.spec.extras if c.name in data.columns]
    free = [c for c in data.columns if c.startswith("x_")]
    headers = ["Source code", "System", "Canonical code", "Status", "Valid", "Owner",
               "Approved by", *extras, *free, "Direction", "Note", "Line"]
    rows = []
    for row in data.rows:
        rows.append([code(row.source_code), row.source_system, code(row.canonical_code),
                     row.status.value, row.period(), row.owner, row.approved_by,
                     *(row.extra.get(c, "") for c in extras),
                     *(row.extra.get(c, "") for c in free),
                     row.direction.value, row.note, row.line])
    counts = Counter(row.status.value for row in data.rows)
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    body = filtered_table(f"table-{data.spec.name.replace('_', '-')}",
                          f"Filter {data.spec.name}: code, system, status, owner", headers, rows,
                          css_class="canon-plant-table")
    return (f"{data.spec.description} File `{Path(data.file).name}`: {len(data.rows)} rows"
            + (f" ({summary})" if summary else "") + ".\n\n" + body)


MAPPING_TABLES_PAGE = "reference/mapping-tables.md"


def render_plant(source: PlantSource, findings_text: list[str], *,
                 format_page: bool = True) -> str:
    """``format_page``: link the mapping-table format page (false while it is not written)."""
    from canonical.mapping.tables import TABLES

    config = source.config
    plant_id = config.id if config else source.folder.name
    here = paths.plant_page(plant_id)
    out = [f"# Plant {plant_id}\n"]
    if config is not None:
        out.append(f"**{config.name}** · time zone `{config.time_zone}` · tables version "
                   f"`{config.version or EMPTY}` · canonical schema `{config.canonical_schema or EMPTY}`"
                   f" · owner {config.owner or EMPTY} · contact {config.contact or EMPTY}\n")
        fmt = (f"[Mapping tables]({paths.link(here, MAPPING_TABLES_PAGE)})" if format_page
               else f"`docs/{MAPPING_TABLES_PAGE}`")
        out.append(f"Folder `mappings/{plant_id}/`. Load it with "
                   f"`canonical.mapping.load_plant({plant_id!r})`; check it with "
                   f"`canon mappings check mappings/{plant_id}`. The table format is described in "
                   f"{fmt}.\n")
        out.append("## Source systems\n")
        out.append(table(
            ("System", "Kind", "Receives outbound", "Status flags split on", "Normalisation"),
            [(code(s.name), s.kind, "yes" if s.outbound else "no",
              ("space" if s.status_separator == " " else code(s.status_separator))
              if s.status_separator else EMPTY,
              _normalisation(dict(s.normalisation)))
             for s in config.source_systems.values()]))
    if findings_text:
        out.append(admonition("warning", f"{len(findings_text)} governance finding(s)",
                              "\n".join(f"- {line}" for line in findings_text)))
    else:
        out.append(admonition("success", "Governance check clean",
                              "`canon mappings check` reports no finding for this plant."))
    for name, spec in TABLES.items():
        out.append(f"\n## {name} {{ #{name.replace('_', '-')} }}\n")
        data = source.tables.get(name)
        absent = f"{spec.default}." if spec.default else f"every {name} lookup is unmapped."
        out.append(_table(data) if data is not None else
                   f"{spec.description} No `{name}.csv`: {absent}\n")
    return "\n".join(out)


def render_index(plants: list[tuple[str, str, int]]) -> str:
    here = f"{paths.PLANTS}/index.md"
    rows = [(f"[{pid}]({paths.link(here, paths.plant_page(pid))})", name, n)
            for pid, name, n in plants]
    return ("# Example plants\n\nThe plants shipped with the package, with deliberately "
            "different ERP/MES dialects. Each page renders the plant's `plant.yaml` and every "
            "row of its mapping tables, with status and validity period.\n\n"
            + table(("Plant", "Name", "Mapping rows"), rows))
