"""What a rule page says beyond the rule's summary: why it matters, how to fix it, examples.

The text is data, kept beside each subsystem's rule declarations (``rules.yaml`` next to its
``rules.py``), so the person adding a rule writes its page in the same change. Every field is
optional: a rule without them is still valid (``tests/test_ruledocs.py`` lists the rules that
lack them and fails for those released in 1.0.0). Examples are ``canon`` command lines run
in a folder holding the example's files; the docs tests run every one of them and check
that the failing example reports the rule and the passing one exits 0 without it. A rule that
only the library or the HTTP service reports (no command reaches it) has a ``python:`` example
instead: a snippet run in that folder, whose printed output must name the rule; it exits as a
command does (``sys.exit(1)`` when a report has errors; a ``CanonicalError`` it raises counts as
exit 1, printed with its rule id).

File layout::

    defaults:            # optional: files every example of this file starts from
      files: {DE99/plant.yaml: "..."}
    rules:
      MAP-045:
        why: "..."       # why it matters (Markdown)
        fix: "..."       # how to fix it (Markdown)
        guide: guides/steward-workflow.md   # docs page that explains the context
        failing: {command: canon mappings check DE99, files: {DE99/units.csv: "..."}}
        passing: {command: ..., files: {...}}
      UOM-010:
        failing: {python: "from canonical.units import check_precision ..."}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

#: the fields a complete rule page has, in page order
FIELDS: tuple[str, ...] = ("why", "failing", "passing", "fix", "guide")
DATA_FILE = "rules.yaml"


@dataclass(frozen=True, slots=True)
class Example:
    """A ``canon`` command, or a ``python`` snippet (for rules no command reaches), run in a
    folder that holds ``files`` (relative path -> text). Exactly one of the two is set."""

    command: str | None
    files: Mapping[str, str] = field(default_factory=dict)
    python: str | None = None


@dataclass(frozen=True, slots=True)
class RuleDoc:
    """The page text of one rule; ``None`` where it is not written yet."""

    rule_id: str
    why: str | None = None
    fix: str | None = None
    guide: str | None = None
    failing: Example | None = None
    passing: Example | None = None
    source: str | None = None  # the rules.yaml it came from

    def missing(self) -> tuple[str, ...]:
        """The fields of :data:`FIELDS` this page still lacks."""
        return tuple(name for name in FIELDS if getattr(self, name) is None)


class RuleDocError(ValueError):
    """A ``rules.yaml`` file that does not follow the layout (a bug in the package data)."""


def _text(value: object, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise RuleDocError(f"{where}: expected non-empty text")
    return value.strip()


def _example(value: object, defaults: Mapping[str, str], where: str) -> Example | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) - {"command", "python", "files"}:
        raise RuleDocError(f"{where}: expected a mapping with command (or python) and files")
    command = _text(value.get("command"), f"{where}.command")
    python = _text(value.get("python"), f"{where}.python")
    files = value.get("files") or {}
    if (command is None) == (python is None):
        raise RuleDocError(f"{where}: give either a command or a python snippet")
    if command is not None and not command.startswith("canon "):
        raise RuleDocError(f"{where}.command: must be a 'canon ...' command line")
    if not isinstance(files, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        raise RuleDocError(f"{where}.files: expected file name -> text")
    return Example(command, {**defaults, **files}, python)


def parse(data: object, source: str) -> dict[str, RuleDoc]:
    """The rule pages of one ``rules.yaml`` document (already YAML-loaded)."""
    if not isinstance(data, dict) or set(data) - {"defaults", "rules"}:
        raise RuleDocError(f"{source}: expected top-level keys 'defaults' and 'rules'")
    defaults = (data.get("defaults") or {}).get("files") or {}
    docs: dict[str, RuleDoc] = {}
    for rule_id, entry in (data.get("rules") or {}).items():
        where = f"{source}: {rule_id}"
        if not isinstance(entry, dict) or set(entry) - set(FIELDS):
            raise RuleDocError(f"{where}: expected a mapping of {', '.join(FIELDS)}")
        docs[str(rule_id)] = RuleDoc(
            rule_id=str(rule_id), why=_text(entry.get("why"), f"{where}.why"),
            fix=_text(entry.get("fix"), f"{where}.fix"),
            guide=_text(entry.get("guide"), f"{where}.guide"),
            failing=_example(entry.get("failing"), defaults, f"{where}.failing"),
            passing=_example(entry.get("passing"), defaults, f"{where}.passing"),
            source=source)
    return docs


def data_files() -> list[Path]:
    """Every ``rules.yaml`` of the package (beside the ``rules.py`` it documents)."""
    package = Path(__file__).resolve().parent
    return sorted(p for p in package.rglob(DATA_FILE) if "_data" not in p.parts)


@cache
def _load() -> dict[str, RuleDoc]:
    from canonical.errors import InputError
    from canonical.files.yamlsafe import read_yaml  # the one safe, bounded YAML reader

    package = Path(__file__).resolve().parent
    docs: dict[str, RuleDoc] = {}
    for path in data_files():
        source = path.relative_to(package.parent).as_posix()
        try:
            data = read_yaml(path, source=source).data
        except InputError as exc:
            raise RuleDocError(str(exc)) from None
        for rule_id, doc in parse(data, source).items():
            if rule_id in docs:
                raise RuleDocError(f"{source}: {rule_id} already documented in {docs[rule_id].source}")
            docs[rule_id] = doc
    return docs


def rule_doc(rule_id: str) -> RuleDoc:
    """The page text of ``rule_id`` (empty fields when nobody has written them)."""
    return _load().get(rule_id) or RuleDoc(rule_id)


def documented() -> Mapping[str, RuleDoc]:
    """Every written rule page, by rule id."""
    return dict(_load())
