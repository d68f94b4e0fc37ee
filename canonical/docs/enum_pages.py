"""Enumeration pages: values with meanings, where they are used, allowed transitions."""

from __future__ import annotations

from canonical.docs import paths
from canonical.docs.diagrams import state_diagram
from canonical.docs.entity_pages import page_of
from canonical.docs.markdown import code, table
from canonical.docs.schema import EnumDoc, SchemaDoc

TRANSITIONS = "transitions_to"


def transitions(enum: EnumDoc) -> dict[str, frozenset[str]] | None:
    """The enforced transitions of a life-cycle enum, or None when it declares none.

    The values come from :func:`canonical.validation.transitions.allowed_transitions`, the
    table record validation checks (ORD-004 for orders, NCR-001 for nonconformances), so the
    page shows what the code enforces.
    """
    if not any(dict(v.annotations).get(TRANSITIONS) is not None for v in enum.values):
        return None
    from canonical.validation.transitions import allowed_transitions

    return allowed_transitions(enum.name)


def _transition_rule(enum: str) -> str:
    """The rule that reports a forbidden change of ``enum`` (ORD-004, NCR-001...)."""
    from canonical.validation.transitions import STATUS_RULES

    return next((rule.id for name, rule, _ in STATUS_RULES.values() if name == enum), "ORD-004")


def _used_by(enum: EnumDoc, schema: SchemaDoc, here: str) -> list[str]:
    uses = []
    for cls in schema.classes:
        for field in cls.fields:
            if enum.name in (field.alternatives or (field.range,)):
                target = paths.link(here, page_of(schema, cls.name))
                uses.append(f"[{cls.name}]({target}).{code(field.name)}")
    return uses


def render_enum(enum: EnumDoc, schema: SchemaDoc, mapped_by: list[str]) -> str:
    here = paths.enum_page(enum.name)
    moves = transitions(enum)
    headers = ["Value", "Meaning"]
    if any(v.meaning for v in enum.values):
        headers.append("Meaning URI")
    if moves is not None:
        headers.append("May change to")
    rows = []
    for value in enum.values:
        row = [code(value.text), value.description]
        if "Meaning URI" in headers:
            row.append(value.meaning)
        if moves is not None:
            targets = sorted(moves.get(value.text, frozenset()))
            row.append(", ".join(code(t) for t in targets) or "terminal")
        rows.append(row)
    out = [f"# {enum.name}\n", f"{enum.description}\n", "## Values\n", table(headers, rows)]
    if moves is not None:
        rule_id = _transition_rule(enum.name)
        order = [v.text for v in enum.values]
        edges = [(a, b) for a in order for b in order if b in moves.get(a, frozenset())]
        svg = state_diagram(f"Allowed transitions of {enum.name}", order, edges)
        out += ["\n## Allowed transitions\n",
                "A change of status that is not an arrow below is reported by record validation "
                f"([{rule_id}]({paths.link(here, paths.rule_page(rule_id), paths.rule_anchor(rule_id))})). "
                "Double-framed states are terminal.\n",
                f'<figure class="canon-figure">{svg}</figure>\n',
                table(("From", "To"), [(code(a), code(b)) for a, b in edges])]
    uses = _used_by(enum, schema, here)
    out += ["\n## Used by\n", "\n".join(f"- {u}" for u in uses) if uses else "Not used by a field."]
    if mapped_by:
        out += ["\n\n## Mapped by\n",
                "Plant mapping tables whose `canonical_code` must be one of these values: "
                + ", ".join(code(t) for t in mapped_by) + ".\n"]
    return "\n".join(out) + "\n"


def render_index(schema: SchemaDoc) -> str:
    here = f"{paths.ENUMS}/index.md"
    rows = [(f"[{e.name}]({paths.link(here, paths.enum_page(e.name))})",
             ", ".join(code(v.text) for v in e.values), e.description) for e in schema.enums]
    return ("# Enumerations and code lists\n\nEvery value a coded field may take, with its "
            "meaning. Plant codes reach these values only through the plant's mapping tables.\n\n"
            + table(("Enumeration", "Values", "Description"), rows))


def render_types(schema: SchemaDoc) -> str:
    out = ["# Types\n", "The value types of the canonical model. Each is a string on the wire "
           "(JSON) with the pattern shown, except timestamps and dates (ISO 8601 strings).\n"]
    for t in schema.types:
        out.append(f"## {t.name} {{ #{t.name.lower()} }}\n")
        out.append(f"{t.description}\n")
        facts = [("Based on", code(t.base) if t.base else "")]
        if t.pattern:
            facts.append(("Pattern", code(t.pattern)))
        out.append(table(("Property", "Value"), facts))
    return "\n".join(out)
