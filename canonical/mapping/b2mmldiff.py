"""What changed in a plant's B2MML files: its spec overrides and its declared defaults.

A plant carries two kinds of B2MML files (docs/reference/b2mml.md):

* overrides ``b2mml/<version>/<family>.yaml``, merged key by key over the shipped standard
  spec ``canonical/b2mml/specs/<version>/<family>.yaml`` (a key set to ``null`` is removed);
* declared defaults ``b2mml.yaml`` (status words, disposition, unit, amount keys per source
  system).

Both are read here as plain YAML documents by the package's one YAML reader
(:func:`canonical.mapping.yamlnodes.load_yaml`); the B2MML spec machinery sits above the
mapping layer, so the diff does not build specs. An override is compared as what the reader
will use: the standard spec with the override merged over it (:func:`canonical.mapping.overlay.effective`,
the rule the spec reader uses too), so editing an override back to the standard's
value is no change, and removing a ``null`` brings the standard field back (an added mapping).

Classification (what breaks a consumer or a producer): a removed key, word or list item
(a word that stops mapping, a field no longer read, an amount key no longer selected) and a
changed value (another target, path, table, kind) are breaking; an added key or list item is
minor (an added ``required: true`` field breaks producers that omit it); ``what`` (how
findings name a value) is documentation, patch. Comments, formatting and key order are not
changes. Paths read ``b2mml/V0600/schedules.yaml/records/order/fields/status/words/Forecast``
and ``b2mml.yaml/source_systems/B2MML/amount_keys``; each change is located at the key's line
in the new file (a removed key: its nearest surviving parent).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from canonical.changes import Bump, Change, Verdict
from canonical.changes.model import ChangeKind
from canonical.mapping import plant_rules as kinds
from canonical.mapping.overlay import effective
from canonical.mapping.specdiff import as_text, show
from canonical.mapping.specdocs import content_fingerprint
from canonical.mapping.yamlnodes import YamlDocument, load_yaml
from canonical.report import Finding
from canonical.resources import package_file

#: The plant's override folder and its defaults file (canonical.b2mml.specload, .defaults).
FOLDER = "b2mml"
DEFAULTS = "b2mml.yaml"
#: Keys that only document (how findings name a value).
_DOCUMENTATION = frozenset({"what"})

Keys = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class B2mmlDocument:
    """One B2MML file of a plant: ``name`` relative to the plant folder (``b2mml.yaml``,
    ``b2mml/V0600/lots.yaml``), ``file`` as findings name it, and its parsed YAML."""

    name: str
    file: str
    doc: YamlDocument

    @property
    def data(self) -> object:
        return self.doc.data

    @property
    def is_defaults(self) -> bool:
        return self.name == DEFAULTS

    @property
    def fingerprint(self) -> str:
        """What an approval of the file covers: its data, not how it is written
        (:mod:`canonical.mapping.b2mmlapprovals`)."""
        return content_fingerprint(self.data)


def b2mml_paths(folder: Path) -> list[Path]:
    """The plant's B2MML files: ``b2mml.yaml`` and every YAML file under ``b2mml/``."""
    found = [folder / DEFAULTS] if (folder / DEFAULTS).is_file() else []
    overrides = folder / FOLDER
    if overrides.is_dir():
        found.extend(sorted(p for p in overrides.rglob("*.yaml") if p.is_file()))
    return found


def is_b2mml_name(parts: tuple[str, ...]) -> bool:
    """Whether a path relative to a plant folder names one of its B2MML files."""
    return parts == (DEFAULTS,) or (len(parts) > 1 and parts[0] == FOLDER
                                    and parts[-1].endswith(".yaml"))


def read_b2mml_documents(folder: Path, label: str) -> tuple[list[B2mmlDocument], list[Finding]]:
    """Every B2MML file of ``folder``; one that is not YAML is a finding (and left out)."""
    docs: list[B2mmlDocument] = []
    findings: list[Finding] = []
    for path in b2mml_paths(folder):
        name = path.relative_to(folder).as_posix()
        file = f"{label}/{name}"
        doc, problem = load_yaml(path, file)
        if doc is None:
            findings.extend([problem] if problem is not None else [])
            continue
        docs.append(B2mmlDocument(name, file, doc))
    return docs, findings


@cache
def _standard(name: str) -> object:
    """The shipped standard spec a plant override ``b2mml/<version>/<family>.yaml`` is merged
    over (``None`` for a file that overrides no standard spec: B2M-405 in mappings check)."""
    parts = name.split("/")
    if len(parts) != 3:
        return None
    path = Path(str(package_file("b2mml", "specs", parts[1], parts[2])))
    if not path.is_file():
        return None
    doc, _ = load_yaml(path, f"canonical/b2mml/specs/{parts[1]}/{parts[2]}")
    return doc.data if doc is not None else None


def _content(doc: B2mmlDocument | None, name: str) -> object:
    data = doc.data if doc is not None else {}  # no override: the standard as shipped
    return data if name == DEFAULTS else effective(_standard(name), data)


class _B2mmlDiff:
    """The changes of one B2MML file (``old`` or ``new`` may be absent)."""

    def __init__(self, name: str, old: B2mmlDocument | None, new: B2mmlDocument | None,
                 file: str) -> None:
        self.name, self.old, self.new, self.file = name, old, new, file
        self.defaults = name == DEFAULTS
        kind = "declared_default" if self.defaults else "override_mapping"
        self.added, self.removed, self.changed = (
            kinds.KINDS[f"{kind}_{how}"] for how in ("added", "removed", "changed"))
        self.changes: list[Change] = []

    def add(self, kind: ChangeKind, keys: Keys, message: str, before: object, after: object,
            *, bump: Bump | None = None, producer: Verdict | None = None,
            consumer: Verdict | None = None) -> None:
        line = self.new.doc.line(*keys) if self.new is not None else None
        self.changes.append(kind.change(
            "/".join((self.name, *keys)), message, bump=bump, producer=producer,
            consumer=consumer, before=as_text(before), after=as_text(after), file=self.file,
            line=line))

    def run(self) -> list[Change]:
        self.walk(_content(self.old, self.name), _content(self.new, self.name), ())
        return self.changes

    def walk(self, old: object, new: object, keys: Keys) -> None:
        if old == new:
            return
        if isinstance(old, dict) and isinstance(new, dict):
            for key in [*old, *(k for k in new if k not in old)]:
                here = (*keys, str(key))
                one = old.get(key) if key not in new else new.get(key) if key not in old else None
                if self.defaults and isinstance(one, dict):  # each default is its own change
                    self.walk(old.get(key, {}), new.get(key, {}), here)
                elif key not in new:
                    self.add(self.removed, here, f"{_at(here)} removed (was {show(old[key])})",
                             old[key], None)
                elif key not in old:
                    self.added_key(here, new[key])
                else:
                    self.walk(old[key], new[key], here)
            return
        if isinstance(old, list) and isinstance(new, list):
            self.items(old, new, keys)
            return
        message = f"{_at(keys)} {show(old)} -> {show(new)}"
        if keys and keys[-1] in _DOCUMENTATION:  # how findings name a value: patch
            self.add(self.changed, keys, message, old, new, bump=Bump.PATCH,
                     consumer=Verdict.COMPATIBLE, producer=Verdict.COMPATIBLE)
        else:
            self.add(self.changed, keys, message, old, new)

    def added_key(self, keys: Keys, value: object) -> None:
        required = (isinstance(value, dict) and value.get("required") is True) \
            or (keys[-1] == "required" and value is True)
        self.add(self.added, keys, f"{_at(keys)} added: {show(value)}"
                 + (" (required: documents without it are refused)" if required else ""),
                 None, value, producer=Verdict.BREAKING if required else None)

    def items(self, old: list[object], new: list[object], keys: Keys) -> None:
        gone = [item for item in old if item not in new]
        came = [item for item in new if item not in old]
        for item in gone:
            self.add(self.removed, keys, f"{_at(keys)}: {show(item)} removed", item, None)
        for item in came:
            self.add(self.added, keys, f"{_at(keys)}: {show(item)} added", None, item)
        if not gone and not came:
            self.add(self.changed, keys, f"{_at(keys)} reordered {show(old)} -> {show(new)}",
                     old, new)


def _at(keys: Keys) -> str:
    return ".".join(keys) or "file"


def b2mml_changes(old: list[B2mmlDocument], new: list[B2mmlDocument]) -> Iterator[Change]:
    """The changes of every B2MML file from ``old`` to ``new`` (defaults first, then the
    overrides by name)."""
    before: Mapping[str, B2mmlDocument] = {d.name: d for d in old}
    after: Mapping[str, B2mmlDocument] = {d.name: d for d in new}
    for name in sorted(set(before) | set(after), key=lambda n: (n != DEFAULTS, n)):
        a, b = before.get(name), after.get(name)
        file = b.file if b is not None else a.file if a is not None else name
        yield from _B2mmlDiff(name, a, b, file).run()
