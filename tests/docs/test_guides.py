"""The python examples of the guides run, so the docs cannot rot.

Convention (documented in docs/guides/writing-docs.md): every ```` ```python ```` block of a
page under docs/guides/ (and the home page and the README) is executed, in page order, in one namespace per
page, from the repository root. A block that must not run (it needs a network service, shows
an error on purpose without catching it, ...) is fenced ```` ```py ```` instead: highlighted the
same, never executed. ``console`` blocks are shell sessions and are not run here.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = [*sorted([*(DOCS / "guides").glob("*.md"), DOCS / "index.md"]), ROOT / "README.md",
         DOCS / "reference" / "mapping-tables.md", DOCS / "reference" / "b2mml.md",
         DOCS / "reference" / "model-conventions.md"]
FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,})python[^\n]*\n(?P<body>.*?)^(?P=indent)(?P=fence)\s*$",
                   re.MULTILINE | re.DOTALL)


def python_blocks(text: str) -> list[tuple[int, str]]:
    """(line number, source) of every ```python block."""
    blocks = []
    for match in FENCE.finditer(text):
        indent = len(match["indent"])
        body = "\n".join(line[indent:] for line in match["body"].splitlines())
        blocks.append((text.count("\n", 0, match.start()) + 2, body))
    return blocks


def test_block_extraction_follows_the_convention() -> None:
    text = "a\n```python\nx = 1\n```\n```py\nnot run\n```\n````python\ny = '```'\n````\n"
    assert python_blocks(text) == [(3, "x = 1"), (9, "y = '```'")]


def test_guides_have_examples() -> None:
    runnable = [p.name for p in PAGES if python_blocks(p.read_text(encoding="utf-8"))]
    assert {"canonical-model.md", "quickstart.md", "steward-workflow.md"} <= set(runnable)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_python_examples_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem.replace('-', '_')}"}
    for line, source in python_blocks(page.read_text(encoding="utf-8")):
        code = compile(source, f"{page.relative_to(ROOT)}:{line}", "exec")
        try:
            exec(code, namespace)
        except Exception as exc:  # report which block failed, then fail the test
            pytest.fail(f"{page.relative_to(ROOT)} block at line {line} failed: "
                        f"{type(exc).__name__}: {exc}")
    assert os.getcwd() == str(ROOT)
