"""Load a LinkML schema for governance: YAML, LinkML, imports, inheritance and version checked.

Every problem raises :class:`~canonical.errors.SchemaLoadError` with a rule id (GOV-001 not
YAML, GOV-002 not LinkML, GOV-003 unresolved import, GOV-004 cyclic inheritance, GOV-005
missing version) naming the source, so the CLI can exit 2 with one clear line.
linkml_runtime is imported here, inside functions, never at ``import canonical``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from canonical.changes.semver import SemVer
from canonical.errors import InputError, SchemaLoadError
from canonical.files.rules import YAML_SYNTAX
from canonical.files.yamlsafe import parse_yaml
from canonical.governance import rules
from canonical.governance.imports import ImportMap, ImportPlan, ResolvedImport, plan_imports
from canonical.governance.source import SchemaSource

_SECTIONS = ("classes", "slots", "enums", "types", "subsets")


@dataclass(frozen=True, slots=True)
class LoadedSchema:
    """A schema that passed every load check, with its resolved SchemaView."""

    source: SchemaSource
    name: str
    version: str
    view: Any  # linkml_runtime SchemaView (untyped third-party object)
    imports: tuple[ResolvedImport, ...] = ()  # where each import of the closure came from


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


def schema_version(text: str) -> str | None:
    """``MAJOR.MINOR.PATCH`` from a version as schemas write it (``6.2.0``, ``v6.2.0``)."""
    text = text.strip()
    if text[:1] in ("v", "V") and SemVer.is_valid(text[1:]):
        text = text[1:]
    return text if SemVer.is_valid(text) else None


def _version(source: SchemaSource, data: Mapping[str, object], override: str | None) -> str:
    hint = " (give it with --old-version/--new-version)"
    if override is not None:
        version = schema_version(override)
        if version is None:
            raise _fail(source, f"version override {override!r} is not MAJOR.MINOR.PATCH",
                        rules.NO_VERSION.id)
        return version
    raw = data.get("version")
    if raw is None or str(raw).strip() == "":
        raise _fail(source, f"schema has no `version`; governance needs MAJOR.MINOR.PATCH{hint}",
                    rules.NO_VERSION.id)
    version = schema_version(str(raw))
    if version is None:
        raise _fail(source, f"schema `version` {str(raw).strip()!r} is not MAJOR.MINOR.PATCH"
                    f"{hint}", rules.NO_VERSION.id)
    return version


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


def _check_imports(source: SchemaSource, plan: ImportPlan) -> None:
    for imp in plan.imports:
        if imp.origin != "url" and not Path(imp.target).is_file():
            hint = " (map it with --import-map PREFIX=DIR)" if imp.origin == "mapped" else ""
            raise _fail(source, f"unresolved import {imp.name!r} of {imp.importer}: no file "
                        f"{imp.target}{hint}", rules.UNRESOLVED_IMPORT.id)


def _import_failure(source: SchemaSource, plan: ImportPlan, exc: Exception) -> SchemaLoadError:
    message = f"unresolved import: {exc}"
    if plan.urls:
        urls = ", ".join(sorted({i.target for i in plan.urls}))
        message += (f"; URL imports ({urls}) are fetched over the network: offline, map them "
                    "to local folders with --import-map URL_PREFIX=DIR")
    return _fail(source, message, rules.UNRESOLVED_IMPORT.id)


def load_schema(source: SchemaSource, *, version: str | None = None,
                import_map: ImportMap | None = None) -> LoadedSchema:
    """Parse and check a schema source; raises :class:`SchemaLoadError` on any problem.

    ``version`` overrides the schema's own ``version`` (which may then be missing);
    ``import_map`` maps import prefixes to local folders (see :mod:`.imports`).
    """
    from linkml_runtime.linkml_model.meta import SchemaDefinition
    from linkml_runtime.utils.schemaview import SchemaView

    data = _parse_yaml(source)
    checked_version = _version(source, data, version)
    _check_cycles(source, data)
    plan = plan_imports(data, source.path, import_map or ImportMap())
    _check_imports(source, plan)
    try:
        schema = SchemaDefinition(**data)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        message = str(exc).replace("__init__() got an unexpected keyword argument",
                                   "unknown LinkML key")
        raise _fail(source, f"not a valid LinkML schema: {message}", rules.NOT_LINKML.id) from None
    schema.source_file = str(source.path)  # relative imports resolve next to the file
    view = SchemaView(schema, base_dir=str(source.base_dir), importmap=plan.importmap)
    try:
        view.imports_closure()
        view.all_elements()
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise _import_failure(source, plan, exc) from None
    except (TypeError, KeyError, AttributeError) as exc:
        raise _fail(source, f"not a valid LinkML schema: {exc}", rules.NOT_LINKML.id) from None
    _check_ranges(source, view)
    return LoadedSchema(source, str(data["name"]), checked_version, view, plan.imports)


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
