"""Issue 13: ids and texts with control characters passed ``validate`` and then crashed
``canon b2mml export`` (lxml: "All strings must be XML compatible")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.b2mml.writer import write_document
from canonical.cli import cli
from canonical.errors import B2MMLError
from canonical.models import ProductionOrder
from canonical.resources import data_dir


def _order() -> dict[str, object]:
    data = json.loads((data_dir("examples") / "records" / "production_order.json").read_text("utf-8"))
    return dict(data[0] if isinstance(data, list) else data)


@pytest.mark.parametrize("field,value", [
    ("id", "DE01\x1c1000123"), ("id", "DE01-1000123\x1f"), ("id", "\ufeffDE01-1000123"),
    ("id", "DE01\x851000123"), ("id", "DE01\x0b1000123"), ("material", "100\u2028100"),
    ("operations.description", "Drehen\x01 fertig"), ("operations.description", "\x1bDrehen"),
])
def test_export_refuses_control_characters_without_crashing(tmp_path: Path, field: str,
                                                            value: str) -> None:
    record = _order()
    if field.startswith("operations."):
        record["operations"][0][field.split(".")[1]] = value  # type: ignore[index]
    else:
        record[field] = value
    path = tmp_path / "order.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    result = CliRunner().invoke(cli, ["b2mml", "export", "-e", "ProductionOrder", str(path)])
    assert result.exit_code == 1, result.output
    assert "SCH-004" in result.output and "Traceback" not in result.output


def test_writer_refuses_text_xml_cannot_carry_in_a_model_built_in_python() -> None:
    order = ProductionOrder.model_validate(_order())
    assert order.operations
    order.operations[0].description = "Drehen\x01"  # no validation in setters
    with pytest.raises(B2MMLError) as caught:
        write_document([order], "ProductionOrder")
    assert caught.value.rule_id == "B2M-201" and "U+0001" in str(caught.value)


def test_tabs_and_line_breaks_in_text_are_written() -> None:
    record = _order()
    record["operations"][0]["description"] = "Drehen\tSchlichten\nPrüfen"  # type: ignore[index]
    xml = write_document([ProductionOrder.model_validate(record)], "ProductionOrder").xml
    assert "Drehen\tSchlichten\nPrüfen".encode() in xml
