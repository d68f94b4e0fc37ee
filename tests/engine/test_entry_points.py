"""The engine's entry points (`canonical.engine.to_canonical` / `from_canonical`, re-exported
by `canonical`); the tables layer (`Plant`) no longer reaches the engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import canonical
from canonical.engine import from_canonical, to_canonical
from canonical.errors import MappingError
from canonical.mapping import Plant, load_plant
from canonical.models import ProductionOrder
from canonical.reading import read_records

FLOWS = Path(__file__).resolve().parents[2] / "examples" / "flows" / "DE01"


def test_order_release_through_the_engine_functions() -> None:
    plant = load_plant("DE01")
    (native,) = read_records(FLOWS / "order-release.sap.json", decimals=True)
    order = to_canonical(plant, "ProductionOrder", native.data, source="SAP_ECC")
    assert isinstance(order, ProductionOrder)
    expected = json.loads((FLOWS / "order-release.canonical.json").read_text(encoding="utf-8"))
    assert order.to_json_dict() == expected
    mes = from_canonical(plant, order, target="MES_DE")
    expected_mes = json.loads((FLOWS / "order-release.mes-out.json").read_text(encoding="utf-8"))
    assert json.loads(json.dumps(mes, default=str)) == json.loads(json.dumps(expected_mes, default=str))


def test_strict_raises_and_lenient_reports() -> None:
    plant = load_plant("DE01")
    (native,) = read_records(FLOWS / "order-release.sap.json", decimals=True)
    broken = dict(native.data)
    broken["MATNR"] = "999999999999999999"
    with pytest.raises(MappingError) as caught:
        to_canonical(plant, "ProductionOrder", broken, source="SAP_ECC")
    assert caught.value.findings
    result = to_canonical(plant, "ProductionOrder", broken, source="SAP_ECC", lenient=True)
    assert result.value is None
    assert [f.rule_id for f in result.report.errors] == [f.rule_id for f in caught.value.findings]


def test_the_package_re_exports_the_engine_functions() -> None:
    assert canonical.to_canonical is to_canonical
    assert canonical.from_canonical is from_canonical


def test_plants_no_longer_carry_engine_shorthands() -> None:
    """Removed (issue 14): ``Plant.to_canonical`` reached the engine, a higher layer, by name."""
    assert not hasattr(Plant, "to_canonical")
    assert not hasattr(Plant, "from_canonical")
