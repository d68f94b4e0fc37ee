"""Issue 13: one reader rule for JSON Lines everywhere: a key twice in an object is refused.

``canon validate`` refused it (IO-008); ``canon batch`` and ``canon mappings coverage`` read
the same line with ``json.loads`` and kept the last value, silently.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.cli import cli
from canonical.errors import InputError
from canonical.mapping import load_plant
from canonical.mapping.coverage import coverage
from canonical.resources import data_dir
from canonical.validation.batch.read import read_pandas

DUPLICATED = '{"id": "T-1", "plant": "DE01"}\n{"id": "T-2", "plant": "DE01", "plant": "US02"}\n'


def test_batch_reader_refuses_a_duplicate_key(tmp_path: Path) -> None:
    path = tmp_path / "tx.jsonl"
    path.write_text(DUPLICATED, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_pandas(path)
    assert (caught.value.rule_id, caught.value.line) == ("IO-008", 2)
    assert "'plant'" in str(caught.value)


def test_coverage_reader_refuses_a_duplicate_key(tmp_path: Path) -> None:
    path = tmp_path / "tx.jsonl"
    path.write_text(DUPLICATED, encoding="utf-8")
    plant = load_plant(data_dir("mappings") / "DE01")
    with pytest.raises(InputError) as caught:
        coverage(plant, path, "InventoryTransaction", source="MES_DE")
    assert (caught.value.rule_id, caught.value.line) == ("IO-008", 2)


@pytest.mark.parametrize("command", [
    ["batch", "--entity", "InventoryTransaction"],
    ["mappings", "coverage", str(data_dir("mappings") / "DE01"), "--entity",
     "InventoryTransaction", "--source", "MES_DE", "--data"],
    ["validate", "--entity", "InventoryTransaction"],
])
def test_every_command_refuses_it_the_same_way(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "tx.jsonl"
    path.write_text(DUPLICATED, encoding="utf-8")
    result = CliRunner().invoke(cli, [*command, str(path)])
    assert result.exit_code == 2, result.output
    assert "IO-008" in result.output and "Traceback" not in result.output
