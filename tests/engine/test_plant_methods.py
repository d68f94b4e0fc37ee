"""`Plant.to_canonical` / `Plant.from_canonical`: the documented entry points of the engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from canonical.errors import MappingError
from canonical.mapping import load_plant
from canonical.models import ProductionOrder
from canonical.reading import read_records

FLOWS = Path(__file__).resolve().parents[2] / "examples" / "flows" / "DE01"


def test_order_release_through_plant_methods() -> None:
    plant = load_plant("DE01")
    (native,) = read_records(FLOWS / "order-release.sap.json", decimals=True)
    order = plant.to_canonical("ProductionOrder", native.data, source="SAP_ECC")
    assert isinstance(order, ProductionOrder)
    expected = json.loads((FLOWS / "order-release.canonical.json").read_text(encoding="utf-8"))
    assert order.to_json_dict() == expected
    mes = plant.from_canonical(order, target="MES_DE")
    expected_mes = json.loads((FLOWS / "order-release.mes-out.json").read_text(encoding="utf-8"))
    assert json.loads(json.dumps(mes, default=str)) == json.loads(json.dumps(expected_mes, default=str))


def test_strict_raises_and_lenient_reports() -> None:
    plant = load_plant("DE01")
    (native,) = read_records(FLOWS / "order-release.sap.json", decimals=True)
    broken = dict(native.data)
    broken["MATNR"] = "999999999999999999"
    with pytest.raises(MappingError) as caught:
        plant.to_canonical("ProductionOrder", broken, source="SAP_ECC")
    assert caught.value.findings
    result = plant.to_canonical("ProductionOrder", broken, source="SAP_ECC", lenient=True)
    assert result.value is None  # type: ignore[union-attr]
    assert [f.rule_id for f in result.report.errors] == [f.rule_id for f in caught.value.findings]  # type: ignore[union-attr]


def test_plant_methods_say_so_when_no_engine_is_installed(monkeypatch) -> None:
    """The tables layer cannot import the engine: without it, a clear ENG-200, not a traceback
    from an import deep inside the tables."""
    import canonical.mapping.plant as plant_module
    from canonical.errors import EngineNotInstalledError
    from canonical.mapping import load_plant

    monkeypatch.setattr(plant_module, "_ENGINES", [])
    with pytest.raises(EngineNotInstalledError) as caught:
        load_plant("DE01").to_canonical("Material", {}, source="SAP_ECC")
    assert caught.value.rule_id == "ENG-200"
