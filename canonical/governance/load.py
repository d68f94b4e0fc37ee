"""Load a LinkML schema for governance: YAML, LinkML, imports, inheritance and version checked.

Every problem raises :class:`~canonical.errors.SchemaLoadError` with a rule id (GOV-001 not
YAML, GOV-002 not LinkML, GOV-003 unresolved import, GOV-004 cyclic inheritance, GOV-005
missing version) naming the source, so the CLI can exit 2 with one clear line.
linkml_runtime is imported here, inside functions, never at ``import canonical``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from canonical.changes.semver import SemVer
from canonical.errors import InputError, SchemaLoadError
from canonical.files.rules import YAML_SYNTAX
from canonical.files.yamlsafe import parse_yaml
from canonical.governance import rules
from canonical.governance.source import SchemaSource

_SECTIONS = ("classes", "slots", "enums", "types", "subsets")


@dataclass(frozen=True, slots=True)
class LoadedSchema:
    """A schema that passed every load check, with its resolved SchemaView."""

    source: SchemaSource
    name: str
    version: str
    view: Any  # linkml_runtime SchemaView (untyped third-party object)


def _fail(source: SchemaSource, message: str, rule_id: str) -> SchemaLoadError:
    return SchemaLoadError(message, source=source.spec, rule_id=rule_id)


def _parse_yaml(source: SchemaSource) -> dict[str, object]:
    try:
        data = parse_yaml(source.text, source=source.spec).data
    except InputError as exc:
        syntax = exc.rule_id == YAML_SYNTAX.id
        raise SchemaLoadError(exc.reason, source=source.spec, line=exc.line,
                              rule_id=rules.UNREADABLE.id if syntax else exc.rule_id) from None
    if not isinstance(data, dict):
        raise _fail(source, "not a LinkML schema: the document must be a mapping with `id` and "
                    "`name`", rules.NOT_LINKML.id)
    for key in ("id", "name"):
        if not isinstance(data.get(key), str) or not data.get(key):
            raise _fail(source, f"not a LinkML schema: missing `{key}`", rules.NOT_LINKML.id)
    for section in _SECTIONS:
        body = data.get(section)
        if body is not None and not isinstance(body, dict):
            raise _fail(source, f"not a LinkML schema: `{section}` must be a mapping",
                        rules.NOT_LINKML.id)
    return {str(k): v for k, v in data.items()}


def _version(source: SchemaSource, data: Mapping[str, object]) -> str:
    version = data.get("version")
    if version is None or str(version).strip() == "":
        raise _fail(source, "schema has no `version`; governance needs MAJOR.MINOR.PATCH",
                    rules.NO_VERSION.id)
    text = str(version).strip()
    if not SemVer.is_valid(text):
        raise _fail(source, f"schema `version` {text!r} is not MAJOR.MINOR.PATCH",
                    rules.NO_VERSION.id)
    return text


def _parents(body: object, keys: tuple[str, ...]) -> list[str]:
    if not isinstance(body, dict):
        return []
    out: list[str] = []
    for key in keys:
        value = body.get(key)
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, list):
            out.extend(str(v) for v in value)
    return out


def _check_cycles(source: SchemaSource, data: Mapping[str, object]) -> None:
    for section, keys in (("classes", ("is_a", "mixins")), ("slots", ("is_a", "mixins")),
                          ("types", ("typeof",)), ("enums", ("inherits",))):
        body = data.get(section)
        if not isinstance(body, dict):
            continue
        graph = {str(name): _parents(node, keys) for name, node in body.items()}
        for start in graph:
            path = [start]
            stack = [(start, iter(graph[start]))]
            while stack:
                _, children = stack[-1]
                child = next(children, None)
                if child is None:
                    stack.pop()
                    path.pop()
                    continue
                if child in path:
                    cycle = " -> ".join([*path[path.index(child):], child])
                    raise _fail(source, f"cyclic inheritance in {section}: {cycle}",
                                rules.CYCLIC.id)
                if child in graph:
                    path.append(child)
                    stack.append((child, iter(graph[child])))


def load_schema(source: SchemaSource) -> LoadedSchema:
    """Parse and check a schema source; raises :class:`SchemaLoadError` on any problem."""
    from linkml_runtime.linkml_model.meta import SchemaDefinition
    from linkml_runtime.utils.schemaview import SchemaView

    data = _parse_yaml(source)
    version = _version(source, data)
    _check_cycles(source, data)
    try:
        schema = SchemaDefinition(**data)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        message = str(exc).replace("__init__() got an unexpected keyword argument",
                                   "unknown LinkML key")
        raise _fail(source, f"not a valid LinkML schema: {message}", rules.NOT_LINKML.id) from None
    schema.source_file = str(source.path)  # relative imports resolve next to the file
    view = SchemaView(schema, base_dir=str(source.base_dir))
    try:
        view.imports_closure()
        view.all_elements()
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise _fail(source, f"unresolved import: {exc}", rules.UNRESOLVED_IMPORT.id) from None
    except (TypeError, KeyError, AttributeError) as exc:
        raise _fail(source, f"not a valid LinkML schema: {exc}", rules.NOT_LINKML.id) from None
    _check_ranges(source, view)
    return LoadedSchema(source, str(data["name"]), version, view)


def _check_ranges(source: SchemaSource, view: Any) -> None:
    known = set(view.all_classes()) | set(view.all_enums()) | set(view.all_types())
    for cls in sorted(view.all_classes()):
        try:
            slots = view.class_induced_slots(cls)
        except (ValueError, KeyError, AttributeError) as exc:
            raise _fail(source, f"class {cls}: {exc}", rules.NOT_LINKML.id) from None
        for slot in slots:
            alternatives = (slot.any_of or []) + (slot.exactly_one_of or [])
            ranges = [slot.range] + [x.range for x in alternatives]
            for rng in ranges:
                if rng is not None and rng not in known:
                    raise _fail(source, f"slot {cls}.{slot.name} has undefined range {rng!r}",
                                rules.NOT_LINKML.id)
