"""Import resolution made explicit: which file each ``imports:`` entry of a schema came from.

LinkML resolves an import in one of four ways, and the diff reports which one it took for
every import (GOV-100, info), so a reviewer sees what was compared:

* ``mapped``: the import matches a prefix given with ``--import-map PREFIX=DIR``
  (``linkml:=vendor/linkml`` or ``https://w3id.org/biolink/=../biolink``); it is read from
  ``DIR/<rest>.yaml``. A CURIE import is matched both as written and expanded with the
  schema's prefixes;
* ``local``: a relative import, read next to the importing file;
* ``linkml-runtime``: a ``linkml:`` import not mapped, read from the metamodel files of the
  *installed* linkml-runtime (which need not be the revision's own: map ``linkml:`` to
  diff a revision of the metamodel itself);
* ``url``: any other URL or CURIE, fetched over the network by LinkML. Offline, map it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from canonical.errors import InputError, SchemaLoadError
from canonical.files.yamlsafe import read_yaml


@dataclass(frozen=True, slots=True)
class ResolvedImport:
    """One ``imports:`` entry and where it was read from."""

    importer: str  # the file whose ``imports`` lists it
    name: str  # as written
    target: str  # the file read, or the URL LinkML fetches
    origin: str  # mapped | local | linkml-runtime | url

    def describe(self) -> str:
        how = {
            "mapped": "mapped by --import-map",
            "local": "relative to the importing file",
            "linkml-runtime": f"installed linkml-runtime {_runtime_version()}",
            "url": "fetched over the network (map it with --import-map to read a local copy)",
        }[self.origin]
        return f"import {self.name} of {self.importer} -> {self.target} ({how})"


@dataclass(frozen=True, slots=True)
class ImportMap:
    """Prefixes (``linkml:``, ``https://w3id.org/biolink/``) mapped to local folders."""

    entries: tuple[tuple[str, Path], ...] = ()

    @classmethod
    def parse(cls, items: Iterable[str], *, base: Path | None = None) -> ImportMap:
        """Parse ``PREFIX=DIR`` items; raises :class:`SchemaLoadError` (GOV-003) when malformed."""
        entries: list[tuple[str, Path]] = []
        for item in items:
            prefix, sep, folder = item.rpartition("=")
            if not sep or not prefix or not folder:
                raise SchemaLoadError(f"--import-map {item!r}: expected PREFIX=DIR, e.g. "
                                      "linkml:=vendor/linkml", source=item, rule_id="GOV-003")
            path = Path(folder) if base is None else base / folder
            if not path.is_dir():
                raise SchemaLoadError(f"--import-map {item!r}: {folder} is not a folder",
                                      source=item, rule_id="GOV-003")
            entries.append((prefix, path.resolve()))
        return cls(tuple(sorted(entries, key=lambda e: -len(e[0]))))

    def over(self, shared: ImportMap) -> ImportMap:
        """This map's entries before ``shared``'s (a side's own map wins a tie of prefixes)."""
        mine = {prefix for prefix, _ in self.entries}
        rest = tuple(e for e in shared.entries if e[0] not in mine)
        return ImportMap(tuple(sorted(self.entries + rest, key=lambda e: -len(e[0]))))

    def lookup(self, name: str) -> Path | None:
        """The local file for an import, when one of the prefixes matches (longest first)."""
        for prefix, folder in self.entries:
            if name.startswith(prefix) and len(name) > len(prefix):
                return folder / (name[len(prefix):].lstrip("/") + ".yaml")
        return None


def _runtime_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("linkml-runtime")
    except PackageNotFoundError:  # pragma: no cover - linkml-runtime is a dependency
        return "(unknown version)"


def _expand(name: str, prefixes: Mapping[str, str]) -> str:
    prefix, _, rest = name.partition(":")
    if rest.startswith("//"):
        return name
    base = prefixes.get(prefix)
    return base + rest if base else name


def _imports_of(data: object) -> list[str]:
    imports = data.get("imports") if isinstance(data, dict) else None
    return [str(i) for i in imports] if isinstance(imports, list) else []


def _prefixes_of(data: object) -> dict[str, str]:
    raw = data.get("prefixes") if isinstance(data, dict) else None
    out: dict[str, str] = {}
    for key, value in (raw.items() if isinstance(raw, dict) else ()):
        ref = value.get("prefix_reference") if isinstance(value, dict) else value
        if isinstance(ref, str):
            out[str(key)] = ref
    return out


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """Every import of a schema closure and the importmap LinkML's SchemaView is given."""

    imports: tuple[ResolvedImport, ...]
    importmap: dict[str, str]  # import as written -> file path without ".yaml"

    @property
    def urls(self) -> tuple[ResolvedImport, ...]:
        return tuple(i for i in self.imports if i.origin == "url")


def _resolve(name: str, importer: Path, prefixes: Mapping[str, str],
             import_map: ImportMap) -> ResolvedImport:
    mapped = import_map.lookup(name) or import_map.lookup(_expand(name, prefixes))
    if mapped is not None:
        return ResolvedImport(str(importer), name, str(mapped), "mapped")
    if name.startswith("linkml:"):
        from linkml_runtime import SCHEMA_DIRECTORY

        target = Path(SCHEMA_DIRECTORY) / (name.removeprefix("linkml:") + ".yaml")
        return ResolvedImport(str(importer), name, str(target), "linkml-runtime")
    if ":" in name:
        return ResolvedImport(str(importer), name, _expand(name, prefixes), "url")
    rel = name if name.endswith(".yaml") else name + ".yaml"
    target = Path(posixpath.normpath(importer.parent / rel))
    return ResolvedImport(str(importer), name, str(target), "local")


def plan_imports(data: Mapping[str, object], path: Path, import_map: ImportMap) -> ImportPlan:
    """Resolve the import closure of the schema ``data`` read from ``path``."""
    resolved: list[ResolvedImport] = []
    importmap: dict[str, str] = {}
    for prefix, folder in import_map.entries:
        if prefix == "linkml:":
            importmap["linkml:"] = str(folder)  # SchemaView maps this prefix itself
    todo: list[tuple[Path, object]] = [(path, data)]
    seen: set[Path] = {path.resolve()}
    while todo:
        importer, body = todo.pop(0)
        prefixes = _prefixes_of(body)
        for name in _imports_of(body):
            found = _resolve(name, importer, prefixes, import_map)
            resolved.append(found)
            if found.origin in ("url", "linkml-runtime"):
                continue  # fetched by LinkML / the installed metamodel, importing only itself
            if found.origin == "mapped" and not name.startswith("linkml:"):
                importmap[name] = found.target.removesuffix(".yaml")
            target = Path(found.target)
            if target.resolve() in seen or not target.is_file():
                continue  # a missing file is reported by the loader with its import
            seen.add(target.resolve())
            todo.append((target, _read(target)))
    return ImportPlan(tuple(resolved), importmap)


def _read(path: Path) -> object:
    try:
        return read_yaml(path).data
    except InputError:
        return None  # LinkML's loader then reports the unreadable import (GOV-003)
