"""A hint for git failures in CI: a shallow checkout does not have the revision asked for.

``actions/checkout`` fetches one commit by default, so ``git:main:mappings/DE01`` or
``git:v1.0.0:schemas/canonical.yaml`` fail with git's "invalid object name" / "unknown
revision". :func:`shallow_hint` turns that into the fix (``fetch-depth: 0``); it adds nothing
when the repository is complete (the revision really does not exist).
"""

from __future__ import annotations

import shutil
import subprocess

HINT = ("this is a shallow clone, so older revisions are missing: check out with "
        "`fetch-depth: 0` (actions/checkout) or run `git fetch --unshallow` "
        "(docs: guides/ci.md)")


def is_shallow() -> bool:
    """True when the current directory is inside a shallow git clone."""
    git = shutil.which("git")
    if git is None:
        return False
    try:
        done = subprocess.run([git, "rev-parse", "--is-shallow-repository"],
                              capture_output=True, check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and done.stdout.strip() == b"true"


def shallow_hint(git_error: str) -> str:
    """``git_error`` followed by the fetch-depth hint when the clone is shallow."""
    return f"{git_error}; {HINT}" if is_shallow() else git_error
