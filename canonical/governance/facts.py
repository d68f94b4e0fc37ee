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
from copy import copy
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from canonical.governance.imports import ResolvedImport
from canonical.governance.load import LoadedSchema

_ANY = frozenset({"linkml:Any", "https://w3id.org/linkml/Any"})


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
    slots: Mapping[str, Element] = field(default_factory=dict)  # top-level slot definitions
    slot_ranges: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    slot_users: Mapping[str, frozenset[str]] = field(default_factory=dict)  # slot -> classes
    prefixes: Mapping[str, str] = field(default_factory=dict)  # prefix -> expansion
    imports: tuple[ResolvedImport, ...] = ()  # where each import came from

    def descendants(self, name: str) -> tuple[str, ...]:
        """Classes that have ``name`` among their ancestors (itself excluded)."""
        return tuple(c for c, anc in self.class_ancestors.items() if c != name and name in anc)

    def is_any(self, name: str) -> bool:
        """A class standing for any value (``class_uri: linkml:Any``)."""
        cls = self.classes.get(name)
        return cls is not None and cls.element.get("class_uri") in _ANY

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


_PLAIN = frozenset({str, int, float, list, dict})


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def element(obj: Any, name: str, skip: frozenset[str] | set[str] = frozenset()) -> Element:
    """The set properties of a LinkML metamodel object as text."""
    props: dict[str, str] = {}
    for key in _field_names(type(obj)):
        value = getattr(obj, key)
        kind = type(value)
        if value is None or value is False or (kind in _PLAIN and not value and value != 0):
            continue  # most metamodel properties are unset: the cheap cases first
        if key in skip or (kind not in _PLAIN and _empty(value)):
            continue
        if key in ("annotations", "extensions"):
            for tag, ann in _pairs(value) or []:
                inner = getattr(ann, "value", ann)
                props[f"{key}.{tag}"] = _text(inner)
        else:
            props[key] = _text(value)
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
        induced = view.class_induced_slots(name)
        classes[name] = ClassFacts(
            element(view.get_class(name), name, {"attributes", "slot_usage", "slots"}),
            {s.name: element(s, s.name) for s in induced},
            {s.name: _ranges(s) for s in induced},
        )
    enums: dict[str, EnumFacts] = {}
    for name in sorted(view.all_enums()):
        enum = view.get_enum(name)
        values = {
            str(text): element(pv, str(text), {"text"})
            for text, pv in (enum.permissible_values or {}).items()
        }
        enums[name] = EnumFacts(element(enum, name, {"permissible_values"}), values)
    types = {name: _type(view, name) for name in sorted(view.all_types())}
    chains = {name: tuple(view.type_ancestors(name)) for name in types}
    ancestors = {name: tuple(view.class_ancestors(name)) for name in classes}
    meta = element(view.schema, loaded.name, _SKIP_META)
    slots, slot_ranges = _top_level_slots(view)
    users: dict[str, set[str]] = {}
    for cls_name, cls in classes.items():
        for slot_name in cls.slots:
            users.setdefault(slot_name, set()).add(cls_name)
    return SchemaFacts(
        loaded.name, loaded.version, meta, classes, enums, types, chains, ancestors, slots,
        slot_ranges, {k: frozenset(v) for k, v in users.items()}, _prefixes(view),
        loaded.imports,
    )


def _top_level_slots(view: Any) -> tuple[dict[str, Element], dict[str, tuple[str, ...]]]:
    """The schema's own slot definitions (not attributes), inherited properties applied."""
    slots: dict[str, Element] = {}
    ranges: dict[str, tuple[str, ...]] = {}
    default_range = view.schema.default_range
    for name, definition in sorted(view.all_slots(attributes=False).items()):
        if definition.is_a or definition.mixins:
            slot = view.induced_slot(name)  # inherits from its ancestors
        else:  # nothing to inherit: the definition with its structured pattern resolved
            slot = copy(definition)
            slot.pattern = view.resolve_pattern(definition)
        found = element(slot, name)
        if slot.range is None and default_range:  # as a class's induced slot would have it
            found = Element(name, {**found.props, "range": str(default_range)})
        slots[name] = found
        ranges[name] = _ranges(slot) or ((str(default_range),) if default_range else ())
    return slots, ranges


def _type(view: Any, name: str) -> Element:
    """A type with its structured pattern resolved into ``pattern`` (as slots have it)."""
    definition = view.get_type(name)
    found = element(definition, name)
    pattern = view.resolve_pattern(definition)
    if pattern is None or pattern == found.get("pattern"):
        return found
    return Element(name, {**found.props, "pattern": pattern})


def _prefixes(view: Any) -> dict[str, str]:
    """Every prefix of the schema and its imports (the importing schema wins)."""
    out: dict[str, str] = {}
    for schema in view.all_schema():
        for prefix, value in (schema.prefixes or {}).items():
            out.setdefault(str(prefix), str(getattr(value, "prefix_reference", value)))
    return out
