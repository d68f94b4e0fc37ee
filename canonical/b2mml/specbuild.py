"""Building a :class:`~canonical.b2mml.specmodel.B2mmlSpec` from YAML: merge, check, locate.

The standard spec and a plant's override are merged key by key (the override wins; a field
set to ``null`` is removed). Each key is located in the file it came from, so a finding
names the plant's file and line for what the plant wrote, the package's for the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from canonical.b2mml import rules
from canonical.b2mml.entities import annotation_entity, field_shapes
from canonical.b2mml.formbuild import FIELD_KEYS, RECORD_KEYS, check, field_keys, record_keys
from canonical.b2mml.specmodel import B2mmlSpec, ChildRecords, Derived, FieldSpec, Kind, RecordSpec
from canonical.files.yamlsafe import YamlTree
from canonical.mapping.overlay import effective
from canonical.report import Finding
from canonical.rules import Rule

_TOP = {"b2mml_spec", "version", "family", "writes", "documents", "records"}
_RECORD = {"entity", "elements", "properties", "order", "fields", "children", "outside", "derived",
           "fixed", "segments", "through", *RECORD_KEYS}
_FIELD = {"path", "property", "kind", "required", "what", "table", "words", "default",
          "inherit", "keys", "data_type", "each", "fields", "order", "key", "unit_of",
          "default_when", "any_of", "skip", "fallback", "also", "otherwise", "assumed",
          "own_when", "unless", "within", "any_case", *FIELD_KEYS}
_KEYS: dict[str, set[str]] = {"top": _TOP, "record": _RECORD, "field": _FIELD}
#: keys the format no longer has, and why: a file still writing one is told (B2M-401), never
#: silently ignored
_REMOVED = {"checked": "no longer part of the format: every imported record is validated as "
            "`canon validate` does; delete the key"}


@dataclass(frozen=True, slots=True)
class Source:
    """One YAML file of a spec (the standard one, or a plant's override)."""

    label: str
    tree: YamlTree

    def get(self, keys: tuple[str, ...]) -> tuple[bool, object]:
        node: object = self.tree.data
        for key in keys:
            if not isinstance(node, dict) or key not in node:
                return False, None
            node = node[key]
        return True, node


@cache
def known_elements(version: str) -> frozenset[str]:
    from canonical.b2mml.elements import known_elements as of_version
    from canonical.b2mml.version import Version

    return of_version(Version(version))


class Builder:
    """Merges the sources of one spec and builds the model, collecting located findings."""

    def __init__(self, sources: list[Source], version: str, family: str) -> None:
        self.sources, self.version, self.family = sources, version, family
        self.findings: list[Finding] = []
        merged: object = {}
        for source in sources:
            merged = effective(merged, source.tree.data)
        self.merged = merged

    # ------------------------------------------------------------------ merged access
    def value(self, *keys: str) -> object:
        """The merged value at ``keys``: each source merged over the ones before it
        (:func:`canonical.mapping.overlay.effective`, the rule the plant diff uses too)."""
        node: object = self.merged
        for key in keys:
            if not isinstance(node, dict) or key not in node:
                return None
            node = node[key]
        return node

    def where(self, *keys: str) -> tuple[str, int | None]:
        for source in reversed(self.sources):
            if source.get(keys)[0]:
                return source.label, source.tree.line(*keys)
        return self.sources[0].label, 1

    def add(self, rule: Rule, message: str, *keys: str) -> None:
        file, line = self.where(*keys)
        self.findings.append(rule.finding(message, path="$." + ".".join(keys) if keys else "$")
                             .located(file=file, line=line))

    def names(self, *keys: str) -> tuple[str, ...]:
        value = self.value(*keys)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add(rules.SPEC_KEY, f"{keys[-1]} is a list of element names", *keys)
            return ()
        return tuple(value)

    def text(self, *keys: str) -> str | None:
        value = self.value(*keys)
        if value is not None and not isinstance(value, str | int | bool):
            self.add(rules.SPEC_KEY, f"{keys[-1]} is a single value, not {type(value).__name__}",
                     *keys)
            return None
        return None if value is None else str(value)

    def condition(self, *keys: str) -> tuple[str, tuple[str, ...]] | None:
        """``{field: [value, ...]}``: one field and the values it applies for."""
        value = self.value(*keys)
        if value is None:
            return None
        if not isinstance(value, dict) or len(value) != 1:
            self.add(rules.SPEC_KEY, f"{keys[-1]} is one field and its values "
                     "({status: [quarantine, blocked]})", *keys)
            return None
        (field, _), = value.items()
        return str(field), self.names(*keys, str(field))

    def unknown(self, keys: tuple[str, ...], allowed: str) -> None:
        value = self.value(*keys)
        if not isinstance(value, dict):
            return
        for key in value:
            if key in _REMOVED:
                self.add(rules.SPEC_KEY, f"unknown key {key!r} ({_REMOVED[key]})",
                         *keys, str(key))
            elif key not in _KEYS[allowed]:
                self.add(rules.SPEC_KEY, f"unknown key {key!r}; a {allowed} has: "
                         + ", ".join(sorted(_KEYS[allowed])), *keys, str(key))

    def elements(self, names: tuple[str, ...], *keys: str) -> tuple[str, ...]:
        known = known_elements(self.version)
        for name in names:
            for part in name.split("/"):
                if part not in known and part != "..":  # "..": the enclosing element
                    self.add(rules.SPEC_ELEMENT, f"<{part}> is not an element of B2MML "
                             f"{self.version}", *keys)
        return names

    # ------------------------------------------------------------------ model
    def build(self) -> B2mmlSpec:
        self.unknown((), "top")
        for key, expected in (("version", self.version), ("family", self.family)):
            if self.text(key) != expected:
                self.add(rules.SPEC_OVERRIDE, f"{key} must be {expected!r} (the folder and file "
                         f"name of the spec), not {self.text(key)!r}", key)
        if self.value("b2mml_spec") != 1:
            self.add(rules.SPEC_KEY, "b2mml_spec: 1 is the only spec format version", "b2mml_spec")
        records_data = self.value("records")
        records = [self.record(str(name)) for name in (records_data or {})] \
            if isinstance(records_data, dict) else []
        names = {r.name for r in records}
        documents: list[tuple[str, tuple[str, ...]]] = []
        docs = self.value("documents")
        for noun in docs if isinstance(docs, dict) else {}:
            kinds = self.names("documents", str(noun))
            for kind in kinds:
                if kind not in names:
                    self.add(rules.SPEC_OVERRIDE, f"record kind {kind!r} is not declared under "
                             "records", "documents", str(noun))
            documents.append((str(noun), kinds))
        self.elements(tuple(n for n, _ in documents), "documents")
        for record in records:
            check(self, record, names)
            for child in record.children:
                if child.record not in names:
                    self.add(rules.SPEC_OVERRIDE, f"children of {record.name} name record kind "
                             f"{child.record!r}, which is not declared", "records",
                             record.name, "children")
        return B2mmlSpec(self.version, self.family, tuple(s.label for s in self.sources),
                         tuple(documents), tuple(records), self.text("writes"))

    def record(self, name: str) -> RecordSpec:
        keys = ("records", name)
        self.unknown(keys, "record")
        entity = self.text(*keys, "entity") or ""
        shapes = field_shapes(entity)
        if shapes is None:
            self.add(rules.SPEC_FIELD, f"entity {entity!r} is not a canonical model", *keys,
                     "entity")
        fields_data = self.value(*keys, "fields")
        fields = tuple(
            self.field(str(f), (*keys, "fields", str(f)), shapes)
            for f in (fields_data if isinstance(fields_data, dict) else {}))
        children = []
        listed = self.value(*keys, "children")
        for i in range(len(listed) if isinstance(listed, list) else 0):
            at = (*keys, "children", str(i))
            item = _index(listed, i)
            link = item.get("link")
            children.append(ChildRecords(
                self.elements(_names(item.get("elements")), *at), str(item.get("record", "")),
                link if isinstance(link, str) else None, *(item.get(k) is True for k in
                                                           ("required", "clean", "part"))))
        derived = []
        declared = self.value(*keys, "derived")
        for element, rule in (declared if isinstance(declared, dict) else {}).items():
            words = rule.get("words") if isinstance(rule, dict) else None
            if not isinstance(words, dict) or not isinstance(rule.get("from"), str):
                self.add(rules.SPEC_KEY, "a derived element has from: <field> and words: "
                         "{canonical value: word}", *keys, "derived", str(element))
                continue
            derived.append(Derived(str(element), rule["from"],
                                   tuple((str(k), str(v)) for k, v in words.items())))
        file, line = self.where(*keys)
        from canonical.b2mml.segbuild import fixed, segments

        return RecordSpec(
            name, entity, self.elements(self.names(*keys, "elements"), *keys, "elements"),
            file, line, fields,
            self.elements(self.names(*keys, "properties"), *keys, "properties"),
            tuple(children), self.elements(self.names(*keys, "order"), *keys, "order"),
            self.text(*keys, "outside"), tuple(derived), fixed(self, keys),
            segments(self, (*keys, "segments"), shapes),
            through=self.value(*keys, "through") is True, **record_keys(self, keys))

    def field(self, name: str, keys: tuple[str, ...],
              shapes: dict[str, object] | None) -> FieldSpec:
        self.unknown(keys, "field")
        if shapes is not None and name not in shapes:
            self.add(rules.SPEC_FIELD, f"the canonical entity has no field {name!r}; it has: "
                     + ", ".join(shapes), *keys)
        raw_kind = self.text(*keys, "kind") or ""
        try:
            kind = Kind(raw_kind)
        except ValueError:
            self.add(rules.SPEC_KIND, f"kind {raw_kind!r} is none of: "
                     + ", ".join(k.value for k in Kind), *keys, "kind")
            kind = Kind.TEXT
        path = tuple(p for n in self.names(*keys, "path") for p in n.split("/"))
        prop, inherit = self.names(*keys, "property"), self.text(*keys, "inherit")
        keyed = self.text(*keys, "key")
        any_of = self.elements(self.names(*keys, "any_of"), *keys, "any_of")
        if kind not in (Kind.SITE, Kind.LIST, Kind.PARENT) and not (path or prop or inherit
                                                                     or keyed or any_of):
            self.add(rules.SPEC_KIND, f"{name}: a {kind.value} field reads a path, a property, "
                     "a keyed Value or an inherited field", *keys)
        items: tuple[FieldSpec, ...] = ()
        if kind is Kind.LIST:
            item = annotation_entity(shapes.get(name)) if shapes else None
            sub = field_shapes(item) if item else None
            items = tuple(self.field(str(f), (*keys, "fields", str(f)), sub)
                          for f in _keys(self.value(*keys, "fields")))
        words = self.value(*keys, "words")
        file, line = self.where(*keys)
        return FieldSpec(
            name, kind, file, line, path=self.elements(path, *keys, "path"), property=prop,
            key=keyed, unit_of=self.text(*keys, "unit_of"),
            required=self.value(*keys, "required") is True, what=self.text(*keys, "what") or "",
            table=self.text(*keys, "table"),
            words=tuple((str(k), str(v)) for k, v in words.items())
            if isinstance(words, dict) else (),
            default=self.text(*keys, "default"), inherit=inherit,
            default_when=self.condition(*keys, "default_when"),
            keys=self.names(*keys, "keys"), data_type=self.text(*keys, "data_type") or "Text",
            each=self.elements(self.names(*keys, "each"), *keys, "each"), fields=items,
            order=self.elements(self.names(*keys, "order"), *keys, "order"), any_of=any_of,
            skip=self.value(*keys, "skip") is True, fallback=self.text(*keys, "fallback"),
            also=self.elements(self.names(*keys, "also"), *keys, "also"),
            otherwise=self.text(*keys, "otherwise"), assumed=self.text(*keys, "assumed"),
            own_when=self.condition(*keys, "own_when"), unless=self.condition(*keys, "unless"),
            within=self.text(*keys, "within"), any_case=self.value(*keys, "any_case") is True,
            **field_keys(self, keys))


def _index(value: object, i: int) -> dict[str, object]:
    item = value[i] if isinstance(value, list) and i < len(value) else None
    return item if isinstance(item, dict) else {}


def _keys(value: object) -> list[str]:
    return [str(k) for k in value] if isinstance(value, dict) else []


def _names(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value) if isinstance(value, list) else ()
