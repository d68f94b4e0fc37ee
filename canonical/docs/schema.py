"""What the reference pages need from the LinkML source, read once through SchemaView.

The generators never look at the generated pydantic models: the LinkML schema is the single
source of truth, so the reference shows exactly what a steward approved. ``linkml_runtime``
is imported inside :func:`read_schema` only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

ENTITY_ANNOTATION = "entity"


@dataclass(frozen=True, slots=True)
class FieldDoc:
    """One slot of a class, with everything a reader needs to fill it correctly."""

    name: str
    range: str
    required: bool
    multivalued: bool
    identifier: bool
    description: str
    unit: str  # explicit unit (UCUM), "" when none
    dimension: str  # required dimension of a Quantity field, "" when any
    non_negative: bool
    minimum: str
    maximum: str
    alternatives: tuple[str, ...]  # any_of ranges (e.g. Event.payload)

    @property
    def cardinality(self) -> str:
        low = "1" if self.required else "0"
        return f"{low}..*" if self.multivalued else f"{low}..1"


@dataclass(frozen=True, slots=True)
class ClassDoc:
    name: str
    description: str
    entity: bool
    fields: tuple[FieldDoc, ...]


@dataclass(frozen=True, slots=True)
class ValueDoc:
    text: str
    description: str
    meaning: str
    annotations: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class EnumDoc:
    name: str
    description: str
    values: tuple[ValueDoc, ...]


@dataclass(frozen=True, slots=True)
class TypeDoc:
    name: str
    base: str
    pattern: str
    description: str


@dataclass(frozen=True, slots=True)
class SchemaDoc:
    """The documented content of the schema, in source order."""

    name: str
    title: str
    version: str
    description: str
    classes: tuple[ClassDoc, ...]
    enums: tuple[EnumDoc, ...]
    types: tuple[TypeDoc, ...]

    @property
    def entities(self) -> tuple[ClassDoc, ...]:
        return tuple(c for c in self.classes if c.entity)

    @property
    def components(self) -> tuple[ClassDoc, ...]:
        return tuple(c for c in self.classes if not c.entity)

    def cls(self, name: str) -> ClassDoc:
        return next(c for c in self.classes if c.name == name)

    def enum(self, name: str) -> EnumDoc:
        return next(e for e in self.enums if e.name == name)

    @property
    def class_names(self) -> frozenset[str]:
        return frozenset(c.name for c in self.classes)

    @property
    def enum_names(self) -> frozenset[str]:
        return frozenset(e.name for e in self.enums)


def default_schema_path() -> Path:
    from canonical.resources import SCHEMA_SOURCE, data_file

    return data_file("schemas", *SCHEMA_SOURCE)


def _annotations(element: Any) -> dict[str, str]:
    found = getattr(element, "annotations", None) or {}
    # a dict on classes and enum values, a jsonasobj2 JsonObj on induced slots
    items = found.items() if isinstance(found, dict) else found._items()
    return {str(tag): str(getattr(value, "value", value)) for tag, value in items}


def _text(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())


def _field(view: Any, class_name: str, slot_name: str) -> FieldDoc:
    slot = view.induced_slot(slot_name, class_name)
    notes = _annotations(slot)
    unit = slot.unit
    unit_text = ""
    if unit is not None:
        unit_text = _text(unit.ucum_code or unit.symbol or unit.descriptive_name)
    alternatives = tuple(str(x.range) for x in (slot.any_of or []) if x.range)
    return FieldDoc(
        name=str(slot.name),
        range=str(slot.range) if not alternatives else " | ".join(alternatives),
        required=bool(slot.required),
        multivalued=bool(slot.multivalued),
        identifier=bool(slot.identifier),
        description=_text(slot.description),
        unit=unit_text,
        dimension=notes.get("dimension", ""),
        non_negative=notes.get("non_negative", "").lower() == "true",
        minimum=_text(slot.minimum_value),
        maximum=_text(slot.maximum_value),
        alternatives=alternatives,
    )


def read_schema(path: Path | None = None) -> SchemaDoc:
    """Read the LinkML source (default: the shipped ``schemas/canonical.yaml``)."""
    from linkml_runtime.utils.schemaview import SchemaView

    source = path or default_schema_path()
    view = SchemaView(str(source))
    schema = view.schema
    classes = []
    for name, cls in view.all_classes(imports=False).items():
        notes = _annotations(cls)
        fields = tuple(_field(view, str(name), str(s)) for s in view.class_slots(name))
        classes.append(ClassDoc(
            name=str(name), description=_text(cls.description),
            entity=notes.get(ENTITY_ANNOTATION, "").lower() == "true", fields=fields,
        ))
    enums = []
    for name, enum in view.all_enums(imports=False).items():
        values = tuple(
            ValueDoc(text=str(text), description=_text(pv.description), meaning=_text(pv.meaning),
                     annotations=tuple(sorted(_annotations(pv).items())))
            for text, pv in (enum.permissible_values or {}).items()
        )
        enums.append(EnumDoc(name=str(name), description=_text(enum.description), values=values))
    types = [
        TypeDoc(name=str(name), base=_text(t.typeof), pattern=_text(t.pattern),
                description=_text(t.description))
        for name, t in view.all_types(imports=False).items()
    ]
    return SchemaDoc(
        name=str(schema.name), title=_text(schema.title), version=_text(schema.version),
        description=str(schema.description or "").strip(), classes=tuple(classes),
        enums=tuple(enums), types=tuple(types),
    )
