"""One reference page per class: fields, enumerations, rules, relationships, example."""

from __future__ import annotations

import json
from pathlib import Path

from canonical.docs import paths
from canonical.docs.diagrams import Link, LinkKind, relation_diagram
from canonical.docs.links import REFERENCES, rules_for
from canonical.docs.markdown import code, fenced, table
from canonical.docs.schema import ClassDoc, FieldDoc, SchemaDoc
from canonical.models.patch import PATCH_SUFFIX
from canonical.rules import Rule

PRIMITIVES = {"integer": "integer", "boolean": "boolean", "string": "string", "date": "date",
              "datetime": "date-time", "decimal": "decimal"}


def page_of(schema: SchemaDoc, name: str) -> str:
    cls = schema.cls(name)
    return paths.entity_page(name) if cls.entity else paths.component_page(name)


def example_file(name: str, examples: Path) -> Path:
    """``ProductionOrder`` -> ``examples/records/production_order.json``."""
    snake = "".join("_" + ch.lower() if ch.isupper() else ch for ch in name).lstrip("_")
    return examples / f"{snake}.json"


def _type(field: FieldDoc, schema: SchemaDoc, here: str) -> str:
    parts = []
    for target in field.alternatives or (field.range,):
        if target in schema.class_names:
            parts.append(f"[{target}]({paths.link(here, page_of(schema, target))})")
        elif target in schema.enum_names:
            parts.append(f"[{target}]({paths.link(here, paths.enum_page(target))}) (enum)")
        elif target in {t.name for t in schema.types}:
            parts.append(f"[{target}]({paths.link(here, paths.TYPES_PAGE, target.lower())})")
        else:
            parts.append(PRIMITIVES.get(target, target))
    text = " or ".join(parts)
    return f"list of {text}" if field.multivalued else text


def _unit(field: FieldDoc, here: str) -> str:
    if field.unit:
        return f"{code(field.unit)} (fixed)"
    if field.range == "Quantity":
        units = f"[unit code]({paths.link(here, paths.UNITS_PAGE)})"
        return f"dimension {field.dimension} ({units})" if field.dimension else f"any {units}"
    if field.range == "UnitCode":
        return f"a [unit code]({paths.link(here, paths.UNITS_PAGE)})"
    return ""


def _description(field: FieldDoc) -> str:
    notes = []
    if field.identifier:
        notes.append("identifier")
    if field.non_negative:
        notes.append("never negative")
    if field.minimum:
        notes.append(f"min {field.minimum}")
    if field.maximum:
        notes.append(f"max {field.maximum}")
    suffix = f" *({', '.join(notes)})*" if notes else ""
    return field.description + suffix


def _links(cls: ClassDoc, schema: SchemaDoc, here: str) -> list[Link]:
    found: list[Link] = []
    for field in cls.fields:
        for target in field.alternatives or (field.range,):
            if target in schema.class_names and target != "Quantity":
                found.append(Link(field.name, target, LinkKind.CONTAINS, field.multivalued,
                                  paths.href(here, page_of(schema, target))))
        referenced = REFERENCES.get((cls.name, field.name))
        if referenced is not None:
            found.append(Link(field.name, referenced, LinkKind.REFERENCES, field.multivalued,
                              paths.href(here, page_of(schema, referenced))))
    for other in schema.classes:
        for field in other.fields:
            contained = cls.name in (field.alternatives or (field.range,))
            names_it = REFERENCES.get((other.name, field.name)) == cls.name
            if (contained or names_it) and other.name != cls.name:
                found.append(Link(field.name, other.name, LinkKind.REFERENCED_BY, False,
                                  paths.href(here, page_of(schema, other.name))))
    return found


def _relationships(cls: ClassDoc, schema: SchemaDoc, here: str) -> str:
    links = _links(cls, schema, here)
    if not links:
        return "No relationships to other classes.\n"
    svg = relation_diagram(f"Relationships of {cls.name}", cls.name, links)
    rows = [
        (code(link.field), link.kind.value,
         f"[{link.target}]({paths.link(here, page_of(schema, link.target))})")
        for link in links
    ]
    legend = ("Solid line with a diamond: the record *contains* the other (nested, inlined). "
              "Dashed line: an identifier field *references* another record by its id.")
    return (f'<figure class="canon-figure">{svg}</figure>\n\n{legend}\n\n'
            + table(("Field", "Relation", "Class"), rows))


def _rules(rules: list[Rule], here: str) -> str:
    if not rules:
        return "No business rules beyond the field types.\n"
    rows = [(f"[{r.id}]({paths.link(here, paths.rule_page(r.id), paths.rule_anchor(r.id))})",
             r.severity.value, r.scope.value, r.summary) for r in rules]
    return table(("Rule", "Severity", "Where", "Checks that"), rows)


def _enums(cls: ClassDoc, schema: SchemaDoc, here: str) -> str:
    blocks = []
    for field in cls.fields:
        if field.range not in schema.enum_names:
            continue
        enum = schema.enum(field.range)
        rows = [(code(v.text), v.description) for v in enum.values]
        blocks.append(f"### {code(field.name)}: [{enum.name}]"
                      f"({paths.link(here, paths.enum_page(enum.name))})\n\n"
                      + table(("Value", "Meaning"), rows))
    return "\n".join(blocks)


def render_class(cls: ClassDoc, schema: SchemaDoc, rules: dict[str, Rule],
                 examples: Path) -> str:
    here = page_of(schema, cls.name)
    kind = "Entity" if cls.entity else "Component (always nested in an entity)"
    out = [
        # a patch page mentions its entity everywhere: searching the entity finds the entity first
        *(["---\nsearch:\n  boost: 0.3\n---\n"] if cls.name.endswith(PATCH_SUFFIX) else []),
        f"# {cls.name}\n",
        f"{cls.description}\n",
        f"**{kind}** · schema {schema.version} · Python {code('canonical.models.' + cls.name)}"
        f" · JSON Schema {code('#/$defs/' + cls.name)}\n",
        "## Fields\n",
        table(("Field", "Type", "Unit / dimension", "Required", "Cardinality", "Description"),
              [(code(f.name), _type(f, schema, here), _unit(f, here),
                "yes" if f.required else "no", code(f.cardinality), _description(f))
               for f in cls.fields]),
    ]
    enums = _enums(cls, schema, here)
    if enums:
        out += ["\n## Enumerations\n", enums]
    if cls.entity:
        out += ["\n## Business rules\n",
                "Checked by `canonical.validate(record, entity=...)`, `canon validate` and "
                "the batch suites; a finding names the rule id.\n",
                _rules(rules_for(cls.name, rules, schema), here)]
    out += ["\n## Relationships\n", _relationships(cls, schema, here)]
    sample = example_file(cls.name, examples)
    if sample.is_file():
        data = json.loads(sample.read_text(encoding="utf-8"))
        out += ["\n## Example\n",
                f"From `examples/records/{sample.name}` (validated by the test suite):\n",
                fenced("json", json.dumps(data, indent=2, ensure_ascii=False))]
    return "\n".join(out)


def render_index(schema: SchemaDoc, *, entities: bool) -> str:
    classes = schema.entities if entities else schema.components
    folder = paths.ENTITIES if entities else paths.COMPONENTS
    here = f"{folder}/index.md"
    if entities:
        intro = ("# Entities\n\nThe objects that cross the ERP/MES border. Each one can be "
                 "validated on its own (`canon validate --entity NAME`) and carried as the "
                 "payload of an [Event](Event.md).\n")
    else:
        intro = ("# Components\n\nBuilding blocks nested inside entities: they have no identity "
                 "of their own and never travel alone.\n")
    rows = [(f"[{c.name}]({paths.link(here, page_of(schema, c.name))})", c.description)
            for c in classes]
    return intro + "\n" + table(("Class", "Description"), rows)
