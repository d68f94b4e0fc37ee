"""Imports flow one way: a lower layer never imports a higher one (checked on the source)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "canonical"

# lower number = lower layer; a module may import only its own layer or lower ones. The
# order of ../shared/STYLE.md (errors <- units <- models <- mapping <- validation <-
# governance <- cli) with the mapping engine as its own layer: plant tables know nothing of
# validation; record and batch validation are one layer (batch suites read plant tables);
# the engine reads tables and validates what it builds, so it sits above both. The integration
# service is a top layer beside the CLI (which starts it: `canon serve`).
LAYERS: dict[str, int] = {
    "errors": 0, "registry": 1, "docsite": 1, "report": 1, "ci_formats": 1, "ruledocs": 2,
    "githint": 2, "rules": 2, "resources": 2, "files": 2, "reading": 3, "lexical": 3,
    "changes": 3,
    "units": 4, "models": 5, "schema": 5, "mapping": 6, "validation": 7,
    "engine": 8, "b2mml": 9, "governance": 10, "docs": 11, "service": 12, "cli": 13,
}


def _layer(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "canonical" or len(parts) < 2:
        return None
    return LAYERS.get(".".join(parts[1:3]), LAYERS.get(parts[1]))


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node except those under ``if TYPE_CHECKING:`` (typing-only imports)."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            skipped.update(id(n) for child in node.body for n in ast.walk(child))
    return [n for n in ast.walk(tree) if id(n) not in skipped]


def _imports(path: Path, *, typing: bool = False) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree) if typing else _runtime_nodes(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if "_data" not in p.parts)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_upward_imports(path: Path) -> None:
    module = ".".join(("canonical", *path.relative_to(PACKAGE).with_suffix("").parts))
    own = _layer(module)
    if own is None:
        return  # canonical/__init__.py re-exports the public API from every layer
    package = module.removesuffix(".__init__") + "."
    upward = [
        m for m in _imports(path)
        if (_layer(m) or 0) > own
        # a package may re-export its own subpackages (lazily, in __init__)
        and not (path.name == "__init__.py" and m.startswith(package))
    ]
    assert upward == [], f"{module} (layer {own}) imports higher layers: {upward}"


def test_errors_module_is_a_leaf() -> None:
    assert [m for m in _imports(PACKAGE / "errors.py") if m.startswith("canonical")] == []


_MODULE_NAME = re.compile(r"canonical(\.[a-z_0-9]+)+")


def _named_modules(path: Path) -> list[str]:
    """Module names written as strings (``load_module("...", "canonical.engine")``,
    ``importlib.import_module(...)``, a registry's list of names): an import by name, which
    the import statements above cannot see. Docstrings are prose, not names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    prose = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in prose and _MODULE_NAME.fullmatch(node.value)
            and not node.value.endswith(_FILE_TYPES)]  # "canonical.schema.json" is a file


_FILE_TYPES = (".json", ".yaml", ".csv", ".xsd", ".md", ".txt")


#: modules that name higher layers on purpose, and why (nothing else may)
BY_NAME_ALLOWED = {
    # the rule catalogue lists every layer's rule tables (data: ids and summaries), which is
    # what the docs and the completeness tests read; it calls no behaviour of those layers
    "canonical.rules",
}


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_upward_imports_by_name(path: Path) -> None:
    """No lazy upward import through a registry or importlib by name (issue 14: the tables
    layer reached the engine through ``load_module("plant engine", "canonical.engine")``)."""
    module = ".".join(("canonical", *path.relative_to(PACKAGE).with_suffix("").parts))
    own = _layer(module)
    if own is None or module.removesuffix(".__init__") in BY_NAME_ALLOWED:
        return
    package = module.removesuffix(".__init__") + "."
    upward = [m for m in _named_modules(path) if (_layer(m) or 0) > own
              and not (path.name == "__init__.py" and m.startswith(package))]
    assert upward == [], f"{module} (layer {own}) imports higher layers by name: {upward}"


def test_function_level_imports_are_checked_too(tmp_path: Path) -> None:
    """The checks see an upward import inside a function and one by name."""
    source = tmp_path / "plant.py"
    source.write_text("def f():\n    from canonical.engine import to_canonical\n"
                      "def g():\n    load_module('plant engine', 'canonical.engine')\n",
                      encoding="utf-8")
    assert _imports(source) == ["canonical.engine"]
    assert _named_modules(source) == ["canonical.engine"]
