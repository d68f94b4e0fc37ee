"""A throw-away git repository for tests: ``git(repo, ...)`` runs git in ``repo`` with a test
identity, so commits work on a machine without a global git configuration."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git(repo: Path, *args: str) -> None:
    """Run ``git args`` in ``repo``; a failing command fails the test."""
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c",
                    "user.email=test@example.com", *args], check=True, capture_output=True)
