"""A LinkML schema flattened into comparable facts (imports and inheritance resolved).

Every metamodel property set on an element becomes one text entry in :attr:`Element.props`
(annotations as ``annotations.<tag>``), so the diff can compare *everything*: properties it
models get a specific change kind, documentation properties are ``description.changed``,
anything else is ``needs_review``. Classes carry their *induced* slots (inherited, mixed in,
``slot_usage`` applied), which is what a payload of that class actually contains.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from canonical.governance.load import LoadedSchema


@dataclass(frozen=True, slots=True)
class Element:
    """One class, slot, enum, permissible value or type, as text properties."""

    name: str
    props: Mapping[str, str]

    def get(self, key: str) -> str | None:
        return self.props.get(key)

    def flag(self, key: str) -> bool:
        return self.props.get(key) == "true"

    def words(self, key: str) -> tuple[str, ...]:
        """A list-valued property (``aliases``) or a space-separated annotation."""
        raw = self.props.get(key)
        if raw is None:
            return ()
        if raw.startswith("["):
            return tuple(str(v) for v in json.loads(raw))
        return tuple(raw.split())


@dataclass(frozen=True, slots=True)
class ClassFacts:
    element: Element
    slots: Mapping[str, Element]
    ranges: Mapping[str, tuple[str, ...]]  # slot name -> range alternatives


@dataclass(frozen=True, slots=True)
class EnumFacts:
    element: Element
    values: Mapping[str, Element]


@dataclass(frozen=True, slots=True)
class SchemaFacts:
    """What the diff compares: a loaded schema, flattened."""

    name: str
    version: str
    meta: Element
    classes: Mapping[str, ClassFacts]
    enums: Mapping[str, EnumFacts]
    types: Mapping[str, Element]
    type_chains: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # type -> ancestors
    class_ancestors: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def kind_of(self, name: str) -> str:
        if name in self.classes:
            return "class"
        if name in self.enums:
            return "enum"
        return "type" if name in self.types else "unknown"


_SKIP_META = {"classes", "slots", "enums", "types", "subsets", "prefixes", "version",
              "source_file", "source_file_date", "source_file_size", "generation_date",
              "metamodel_version", "default_curi_maps", "emit_prefixes", "slot_definitions",
              "type_definitions", "enum_definitions", "class_definitions"}


def _pairs(value: Any) -> list[tuple[str, Any]] | None:
    """Key/value pairs of a dict or a jsonasobj2 JsonObj (LinkML's annotation containers)."""
    if isinstance(value, dict):
        return [(str(k), v) for k, v in value.items()]
    if hasattr(value, "_items") and not is_dataclass(value):
        return [(str(k), v) for k, v in value._items()]
    return None


def _plain(value: Any) -> Any:
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    pairs = _pairs(value)
    if pairs is not None:
        return {k: _plain(v) for k, v in pairs}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)
                if not _empty(getattr(value, f.name))}
    return str(value)


def _empty(value: Any) -> bool:
    if value is None or value is False or value == "":
        return True
    pairs = _pairs(value)
    if pairs is not None:
        return not pairs
    try:
        return len(value) == 0
    except TypeError:
        return False


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    return json.dumps(_plain(value), sort_keys=True, ensure_ascii=False)


def element(obj: Any, name: str, skip: frozenset[str] | set[str] = frozenset()) -> Element:
    """The set properties of a LinkML metamodel object as text."""
    props: dict[str, str] = {}
    for f in fields(obj):
        if f.name in skip:
            continue
        value = getattr(obj, f.name)
        if _empty(value):
            continue
        if f.name in ("annotations", "extensions"):
            for tag, ann in _pairs(value) or []:
                inner = getattr(ann, "value", ann)
                props[f"{f.name}.{tag}"] = _text(inner)
        else:
            props[f.name] = _text(value)
    return Element(name, props)


def _ranges(slot: Any) -> tuple[str, ...]:
    alternatives = [x.range for x in (slot.any_of or []) + (slot.exactly_one_of or []) if x.range]
    if alternatives:
        return tuple(sorted(set(alternatives)))
    return (slot.range,) if slot.range else ()


def extract(loaded: LoadedSchema) -> SchemaFacts:
    """Flatten a loaded schema into facts, with imports and inheritance resolved."""
    view = loaded.view
    classes: dict[str, ClassFacts] = {}
    for name in sorted(view.all_classes()):
        slots = view.class_induced_slots(name)
        classes[name] = ClassFacts(
            element(view.get_class(name), name, {"attributes", "slot_usage", "slots"}),
            {s.name: element(s, s.name) for s in slots},
            {s.name: _ranges(s) for s in slots},
        )
    enums: dict[str, EnumFacts] = {}
    for name in sorted(view.all_enums()):
        enum = view.get_enum(name)
        values = {
            str(text): element(pv, str(text), {"text"})
            for text, pv in (enum.permissible_values or {}).items()
        }
        enums[name] = EnumFacts(element(enum, name, {"permissible_values"}), values)
    types = {name: element(view.get_type(name), name) for name in sorted(view.all_types())}
    chains = {name: tuple(view.type_ancestors(name)) for name in types}
    ancestors = {name: tuple(view.class_ancestors(name)) for name in classes}
    meta = element(view.schema, loaded.name, _SKIP_META)
    return SchemaFacts(loaded.name, loaded.version, meta, classes, enums, types, chains, ancestors)
