"""A plant folder as committed at a git revision: ``git:REV:mappings/DE01``.

The folder's files, its ``specs/`` and its B2MML overrides (``b2mml/``) are copied out of
git (``git ls-tree`` + ``git cat-file``, run in the current directory's repository) into a
temporary directory, so the same reader checks and diffs a revision and a working copy. The
path is a pathspec relative to the current directory, as in ``git ls-tree``.
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import TypeVar

from canonical.errors import InputError, MappingTableError
from canonical.files import gitread
from canonical.files.atomic import write_atomic
from canonical.files.rules import GIT_SPEC
from canonical.mapping import rules
from canonical.mapping.b2mmldiff import is_b2mml_name

T = TypeVar("T")

PREFIX = gitread.PREFIX
is_git_spec = gitread.is_git_spec


def _read(call: Callable[[], T], spec: str) -> T:
    try:
        return call()
    except InputError as exc:
        raise MappingTableError(exc.reason, source=spec, rule_id=(
            exc.rule_id if exc.rule_id == GIT_SPEC.id else rules.UNREADABLE.id)) from None


@contextmanager
def checkout(spec: str) -> Iterator[Path]:
    """Materialise ``git:REV:path`` as a temporary plant folder (removed on exit)."""
    parsed = _read(lambda: gitread.parse_git_spec(spec, expected="git:REVISION:path/to/plant"),
                   spec)
    names = _read(lambda: gitread.list_files(parsed), spec)
    if not names:
        raise MappingTableError(f"no files under {parsed.path!r} at revision {parsed.rev!r}",
                                source=spec, rule_id=rules.PLANT_NOT_FOUND.id)
    root = PurePosixPath(names[0]).parent
    for name in names[1:]:
        while root != PurePosixPath(".") and root not in PurePosixPath(name).parents:
            root = root.parent
    with tempfile.TemporaryDirectory(prefix="canon-plant-") as tmp:
        folder = Path(tmp) / (root.name or "plant")
        for name in names:
            relative = PurePosixPath(name).relative_to(root)
            if len(relative.parts) != 1 and relative.parts[:-1] != ("specs",) \
                    and not is_b2mml_name(relative.parts):
                continue  # the plant folder's own files, its specs and B2MML overrides
            target = folder.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, _read(functools.partial(gitread.show, parsed, name), spec))
        yield folder
