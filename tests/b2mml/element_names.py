"""Derive the element names of each B2MML version from the official XSDs (tests/dev only).

Run ``.venv/bin/python tests/b2mml/element_names.py`` to regenerate
``canonical/b2mml/data/elements-<version>.txt``; ``test_element_names`` fails on drift.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))  # when run as a script

from reference import shared_path  # noqa: E402

DATA = ROOT / "canonical" / "b2mml" / "data"
FOLDERS = {"V0401": "v0401", "V0600": "v0600", "v7": "v7"}
_ELEMENT = re.compile(r"<xsd:element\s+name\s*=\s*\"([A-Za-z0-9_]+)\"")


def names(version: str) -> list[str]:
    found: set[str] = set()
    for xsd in sorted(shared_path("b2mml", FOLDERS[version]).glob("*.xsd")):
        found.update(_ELEMENT.findall(xsd.read_text(encoding="utf-8")))
    return sorted(found)


def render(version: str) -> str:
    header = f"# B2MML {version} element names, derived from the official XSDs. DO NOT EDIT.\n"
    return header + "\n".join(names(version)) + "\n"


def main() -> int:
    for version in FOLDERS:
        (DATA / f"elements-{version}.txt").write_text(render(version), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
