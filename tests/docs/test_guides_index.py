"""The guides index lists every guide, and the navigation shows every guide."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUIDES = ROOT / "docs" / "guides"


def _pages() -> set[str]:
    return {p.name for p in GUIDES.glob("*.md") if p.name != "index.md"}


def test_index_links_every_guide() -> None:
    linked = set(re.findall(r"\]\(([a-z0-9-]+\.md)(?:#[^)]*)?\)",
                            (GUIDES / "index.md").read_text(encoding="utf-8")))
    assert sorted(_pages() - linked) == []


def test_navigation_lists_every_guide() -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    in_nav = set(re.findall(r"guides/([a-z0-9-]+\.md)", text.split("\nnav:", 1)[1]))
    assert sorted(_pages() - in_nav) == []
