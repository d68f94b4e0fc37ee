"""Where a schema comes from: a LinkML file, a release version or a git revision.

``resolve("schemas/canonical.yaml")`` reads a file, ``resolve("1.0.0")`` reads the release
snapshot ``schemas/releases/1.0.0/canonical.yaml`` and
``resolve("git:main:schemas/canonical.yaml")`` reads the file as committed at that revision
(``git show``), together with the local files it imports from the same revision.
Anything missing raises :class:`SchemaLoadError` (GOV-006).
"""

from __future__ import annotations

import atexit
import os
import posixpath
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from canonical.changes.semver import SemVer
from canonical.errors import InputError, SchemaLoadError
from canonical.files import gitread
from canonical.files.atomic import write_atomic
from canonical.files.gitread import GitSpec
from canonical.files.guard import InputKind, read_input
from canonical.files.rules import ENCODING, UNREADABLE
from canonical.files.yamlsafe import decode, parse_yaml
from canonical.governance import rules
from canonical.governance.release import release_file, released_versions


@dataclass(frozen=True, slots=True)
class SchemaSource:
    """The text of a schema and the directory its relative imports resolve against."""

    spec: str  # as the user wrote it
    text: str
    base_dir: Path
    path: Path  # the (possibly temporary) file holding ``text``


def resolve(spec: str, *, workdir: Path | None = None) -> SchemaSource:
    """Read a schema given as a file path, a release version or ``git:REV:path``."""
    if spec.startswith("git:"):
        return _from_git(spec)
    if SemVer.is_valid(spec) and not Path(spec).exists():
        path = release_file(spec)
        if not path.is_file():
            known = ", ".join(released_versions()) or "none"
            raise SchemaLoadError(
                f"no release {spec} (released versions: {known})", source=spec,
                rule_id=rules.NO_SOURCE.id,
            )
        return _from_file(path, spec)
    return _from_file(Path(spec) if workdir is None else workdir / spec, spec)


def _from_file(path: Path, spec: str) -> SchemaSource:
    if not os.path.lexists(path):
        raise SchemaLoadError("no such file", source=spec, rule_id=rules.NO_SOURCE.id)
    try:
        text = decode(read_input(path, InputKind.YAML, source=spec), spec)
    except InputError as exc:
        plain = exc.rule_id in (UNREADABLE.id, ENCODING.id)  # GOV-001 as always; else IO-0xx
        raise SchemaLoadError(f"cannot read: {exc.reason}", source=spec, line=exc.line,
                              rule_id=rules.UNREADABLE.id if plain else exc.rule_id) from None
    return SchemaSource(spec, text, path.resolve().parent, path)


def _git_show(spec: GitSpec, path: str) -> str:
    try:
        raw = gitread.show(spec, path)
    except InputError as exc:
        raise SchemaLoadError(exc.reason, source=spec.spec, rule_id=rules.NO_SOURCE.id) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SchemaLoadError("not UTF-8", source=spec.spec, rule_id=rules.UNREADABLE.id) from None


def _local_imports(text: str) -> list[str]:
    try:
        data = parse_yaml(text).data
    except InputError:
        return []  # the loader reports it with a line number
    imports = data.get("imports") if isinstance(data, dict) else None
    if not isinstance(imports, list):
        return []
    return [i for i in imports if isinstance(i, str) and ":" not in i]


def _from_git(spec: str) -> SchemaSource:
    try:
        parsed = gitread.parse_git_spec(spec, expected="git:REVISION:path/to/schema.yaml")
    except InputError as exc:
        raise SchemaLoadError(exc.reason, source=spec, rule_id=exc.rule_id) from None
    path = posixpath.normpath(parsed.path)
    text = _git_show(parsed, path)
    tmp = Path(tempfile.mkdtemp(prefix="canon-git-"))
    atexit.register(shutil.rmtree, tmp, True)
    main = tmp / path  # mirror the repository layout, so relative imports resolve as there
    main.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(main, text)
    todo = [(posixpath.dirname(path), text)]
    seen: set[str] = set()
    while todo:
        folder, body = todo.pop()
        for name in _local_imports(body):
            rel = name if name.endswith(".yaml") else name + ".yaml"
            target = posixpath.normpath(posixpath.join(folder, rel))
            if target in seen or target.startswith("../"):
                continue
            seen.add(target)
            imported = _git_show(parsed, target)
            out = tmp / target
            out.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(out, imported)
            todo.append((posixpath.dirname(target), imported))
    return SchemaSource(spec, text, main.parent, main)
