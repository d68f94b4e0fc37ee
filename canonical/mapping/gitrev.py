"""A plant folder as committed at a git revision: ``git:REV:mappings/DE01``.

The folder's files and its ``specs/`` are copied out of git (``git ls-tree`` + ``git cat-file``, run in the
current directory's repository) into a temporary directory, so the same reader checks and
diffs a revision and a working copy. The path is a pathspec relative to the current
directory, as in ``git ls-tree``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from canonical.errors import MappingTableError
from canonical.mapping import rules

PREFIX = "git:"


def is_git_spec(spec: str) -> bool:
    return spec.startswith(PREFIX)


def _git(args: list[str], spec: str) -> bytes:
    git = shutil.which("git")
    if git is None:
        raise MappingTableError("git is not installed", source=spec, rule_id=rules.UNREADABLE.id)
    try:
        done = subprocess.run([git, *args], capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise MappingTableError(f"git failed: {exc}", source=spec,
                                rule_id=rules.UNREADABLE.id) from None
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise MappingTableError(
            f"git revision or path not found: {why[0] if why else done.returncode}",
            source=spec, rule_id=rules.UNREADABLE.id)
    return done.stdout


@contextmanager
def checkout(spec: str) -> Iterator[Path]:
    """Materialise ``git:REV:path`` as a temporary plant folder (removed on exit)."""
    parts = spec[len(PREFIX):].split(":", 1)
    if len(parts) != 2 or not parts[0] or not parts[1]:
        raise MappingTableError("expected git:REVISION:path/to/plant", source=spec,
                                rule_id=rules.UNREADABLE.id)
    rev, path = parts
    listing = _git(["ls-tree", "-r", "-z", "--full-name", "--name-only", rev, "--", path], spec)
    names = [n for n in listing.decode("utf-8", "replace").split("\0") if n]
    if not names:
        raise MappingTableError(f"no files under {path!r} at revision {rev!r}", source=spec,
                                rule_id=rules.PLANT_NOT_FOUND.id)
    root = PurePosixPath(names[0]).parent
    for name in names[1:]:
        while root != PurePosixPath(".") and root not in PurePosixPath(name).parents:
            root = root.parent
    with tempfile.TemporaryDirectory(prefix="canon-plant-") as tmp:
        folder = Path(tmp) / (root.name or "plant")
        for name in names:
            relative = PurePosixPath(name).relative_to(root)
            if len(relative.parts) != 1 and relative.parts[:-1] != ("specs",):
                continue  # the plant folder's own files (tables, plant.yaml) and its specs
            target = folder.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_git(["cat-file", "blob", f"{rev}:{name}"], spec))
        yield folder
