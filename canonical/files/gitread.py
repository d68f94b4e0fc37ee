"""Reading files as committed at a git revision: ``git:REV:path``.

One reader serves the schema diff (:mod:`canonical.governance.source`) and the mapping diff
(:mod:`canonical.mapping.gitrev`). A user-supplied revision never reaches git as an option:
the spec is validated first (:func:`parse_git_spec`, IO-030: empty parts, a revision
starting with ``-``, control characters), and every git command puts ``--end-of-options``
before it, so ``git:--output=FILE:schemas/canonical.yaml`` is refused instead of making git
write a file. git failures (no repository, unknown revision, missing path) are IO-031; in a
shallow clone the message names the fix (``fetch-depth: 0``, :mod:`canonical.githint`).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

from canonical.errors import InputError
from canonical.files.rules import GIT_FAILED, GIT_SPEC
from canonical.githint import shallow_hint

PREFIX = "git:"
#: seconds a git command may take
TIMEOUT = 60


@dataclass(frozen=True, slots=True)
class GitSpec:
    """A validated ``git:REV:path``."""

    spec: str
    rev: str
    path: str


def is_git_spec(spec: str) -> bool:
    return spec.startswith(PREFIX)


def parse_git_spec(spec: str, *, expected: str = "git:REVISION:path") -> GitSpec:
    """The parts of ``git:REV:path``, or :class:`InputError` (IO-030)."""
    rev, sep, path = spec[len(PREFIX):].partition(":")
    if not spec.startswith(PREFIX) or not rev or not sep or not path:
        raise InputError(f"expected {expected}", source=spec, rule_id=GIT_SPEC.id)
    if rev.startswith("-"):
        raise InputError(f"the revision {rev!r} starts with '-' (git would read it as an "
                         "option); name a branch, tag or commit", source=spec, rule_id=GIT_SPEC.id)
    for part, name in ((rev, "revision"), (path, "path")):
        if any(ord(c) < 32 or c == "\x7f" for c in part):
            raise InputError(f"the {name} contains control characters", source=spec,
                             rule_id=GIT_SPEC.id)
    return GitSpec(spec, rev, path)


def _git(args: list[str], spec: str) -> bytes:
    git = shutil.which("git")
    if git is None:
        raise InputError("git is not installed", source=spec, rule_id=GIT_FAILED.id)
    try:
        done = subprocess.run([git, *args], capture_output=True, check=False, timeout=TIMEOUT,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InputError(f"git failed: {exc}", source=spec, rule_id=GIT_FAILED.id) from None
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(
            shallow_hint(f"git revision or path not found: {why[0] if why else done.returncode}"),
            source=spec, rule_id=GIT_FAILED.id)
    return done.stdout


def show(spec: GitSpec, path: str | None = None) -> bytes:
    """The content of ``path`` (default: the spec's path) at the spec's revision."""
    return _git(["cat-file", "blob", "--end-of-options", f"{spec.rev}:{path or spec.path}"],
                spec.spec)


def list_files(spec: GitSpec) -> list[str]:
    """Repository paths of every file under the spec's path at its revision."""
    listing = _git(["ls-tree", "-r", "-z", "--full-name", "--name-only", "--end-of-options",
                    spec.rev, "--", spec.path], spec.spec)
    return [n for n in listing.decode("utf-8", "replace").split("\0") if n]
