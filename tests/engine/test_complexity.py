"""The engine stays readable: every hand-written function's cyclomatic complexity (radon)
is under 15. Prints the largest ones (pytest -s, or run this file with python)."""

from __future__ import annotations

from pathlib import Path

from radon.complexity import cc_visit

ENGINE = Path(__file__).resolve().parents[2] / "canonical" / "engine"
LIMIT = 15


def complexities() -> list[tuple[int, str]]:
    """(complexity, "file:line name") of every function and method of the engine, largest
    first."""
    found = []
    for path in sorted(ENGINE.glob("*.py")):
        for block in cc_visit(path.read_text(encoding="utf-8")):
            if type(block).__name__ == "Class":
                continue
            name = getattr(block, "fullname", block.name)
            found.append((block.complexity, f"{path.name}:{block.lineno} {name}"))
    return sorted(found, reverse=True)


def test_every_engine_function_is_under_the_limit() -> None:
    found = complexities()
    for complexity, where in found[:5]:
        print(f"complexity {complexity:>3}  {where}")
    assert len(found) > 100  # the engine was read
    assert [f for f in found if f[0] >= LIMIT] == []


if __name__ == "__main__":
    for complexity, where in complexities()[:15]:
        print(f"complexity {complexity:>3}  {where}")
