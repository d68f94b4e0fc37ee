"""Schema changes carry the file and line of their element, for GitHub annotations."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.cli import cli
from canonical.governance import diff

SOURCE = Path(__file__).resolve().parents[2] / "schemas" / "canonical.yaml"


def _line(text: str, needle: str) -> int:
    return 1 + text[: text.index(needle)].count("\n")


@pytest.fixture
def edited(tmp_path: Path) -> tuple[Path, str]:
    text = SOURCE.read_text(encoding="utf-8")
    removed = "      expired:\n        description: Past its expiry date; may not be consumed.\n"
    assert removed in text
    new = text.replace(removed, "")
    path = tmp_path / "canonical.yaml"
    path.write_text(new, encoding="utf-8")
    return path, new


def test_a_removed_enum_value_points_at_its_enum(edited: tuple[Path, str]) -> None:
    path, text = edited
    [change] = diff(SOURCE, path).changes
    assert change.path == "LotStatus.expired"
    start = _line(text, "  LotStatus:")
    assert change.file == str(path) and start <= (change.line or 0) <= start + 3


def test_schema_diff_github_annotations_name_file_and_line(edited: tuple[Path, str]) -> None:
    path, _ = edited
    result = CliRunner().invoke(cli, ["schema", "diff", str(SOURCE), str(path), "--format",
                                      "github"])
    assert result.exit_code == 1
    assert f"::error file={path},line=" in result.output


def test_a_slot_change_points_at_the_attribute(tmp_path: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    new = text.replace("maximum_value: 999\n", "maximum_value: 99\n", 1)
    path = tmp_path / "canonical.yaml"
    path.write_text(new, encoding="utf-8")
    [change] = diff(SOURCE, path).changes
    assert change.path == "ProductionOrder.priority"
    line = _line(new, "      priority:")
    assert (change.file, change.line) == (str(path), line)
