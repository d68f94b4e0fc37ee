"""The units guide's python examples run, and the unit-codes page matches the table."""

from __future__ import annotations

import re
from pathlib import Path

from canonical.units.table import render_page

ROOT = Path(__file__).resolve().parents[2]


def test_guide_examples_run() -> None:
    text = (ROOT / "docs" / "guides" / "units.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)
    assert len(blocks) >= 5
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, "docs/guides/units.md", "exec"), namespace)


def test_unit_codes_page_is_current() -> None:
    committed = (ROOT / "docs" / "reference" / "unit-codes.md").read_text(encoding="utf-8")
    assert committed == render_page(), "regenerate with canonical.units.table.render_page()"
