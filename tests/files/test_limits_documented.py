"""The limits page of the docs states the limits the code enforces."""

from __future__ import annotations

from pathlib import Path

import pytest

from canonical.files import limits

PAGE = (Path(__file__).resolve().parents[2] / "docs" / "reference" / "files.md").read_text(
    encoding="utf-8")
NAMES = [n for n in vars(limits) if n.startswith("MAX_")]


def _human(value: int) -> str:
    if value >= limits.MIB and value % limits.MIB == 0:
        return f"{value // limits.MIB} MiB"
    return f"{value:,}"


@pytest.mark.parametrize("name", NAMES)
def test_each_limit_is_on_the_page_with_its_value(name: str) -> None:
    value = getattr(limits, name)
    row = next(line for line in PAGE.splitlines() if f"`{name}`" in line)
    assert _human(value) in row or f"{value} levels" in row, (name, value, row)


def test_page_is_in_the_nav() -> None:
    nav = (Path(__file__).resolve().parents[2] / "mkdocs.yml").read_text(encoding="utf-8")
    assert "reference/files.md" in nav
