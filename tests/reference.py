"""Where the tests find the read-only reference data (official B2MML XSDs, the Rec 20 list).

The data is not shipped with the repository: by default it is ``../shared`` beside the clone,
and ``CANON_SHARED_DIR`` points anywhere else. Outside CI a test that needs missing data is
skipped with a reason naming what is missing and how to point at it; in CI (``CI=true``, set
by GitHub Actions, GitLab and ``.ci/run``) the same test fails, so CI can never pass by
skipping the XSD and Rec 20 checks.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENV = "CANON_SHARED_DIR"

#: what each reference sub-folder holds, for the skip reason
CONTENTS: dict[str, str] = {
    "b2mml": "the official B2MML XSDs (b2mml/v0401, v0600, v7)",
    "uom": "the UN/ECE Rec 20 code list (uom/rec20-units-of-measure.csv)",
}


def shared_root() -> Path:
    """The reference folder: ``$CANON_SHARED_DIR`` or ``../shared`` beside the clone."""
    configured = os.environ.get(ENV, "").strip()
    return Path(configured).expanduser() if configured else ROOT.parent / "shared"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def missing_reason(target: Path) -> str:
    what = CONTENTS.get(target.relative_to(shared_root()).parts[0], str(target)) \
        if target.is_relative_to(shared_root()) else str(target)
    return (f"reference data missing: {target} ({what}) does not exist; set {ENV} to the "
            f"folder holding uom/ and b2mml/ (default: ../shared beside the clone)")


def shared_path(*parts: str) -> Path:
    """``<shared>/<parts>``; skips the calling test when absent (fails it in CI)."""
    target = shared_root().joinpath(*parts)
    if target.exists():
        return target
    reason = missing_reason(target)
    if in_ci():
        pytest.fail(reason + " (CI=true: reference data is mandatory in CI)", pytrace=False)
    pytest.skip(reason)
