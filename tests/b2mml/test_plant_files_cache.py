"""A plant's B2MML files (spec overrides, b2mml.yaml defaults) are read once per version of
the file, not on every import: an unchanged file is not parsed again, an edited one (its
modification time or size changed) is read again by the next import."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from canonical.b2mml import read_document
from canonical.files import yamlsafe
from canonical.mapping import Plant, load_plant
from canonical.resources import data_dir

# a Czech WMS: no Status on the lot, the supplier's lot in a property named "ŠaržeDodavatele"
LOT = """<MaterialLot xmlns="http://www.mesa.org/xml/B2MML-V0600"><ID>CZ-0042</ID>
  <HierarchyScope><EquipmentID>DE01</EquipmentID><EquipmentElementLevel>Site</EquipmentElementLevel></HierarchyScope>
  <MaterialDefinitionID>100100</MaterialDefinitionID>
  <MaterialLotProperty><ID>ŠaržeDodavatele</ID><Value><ValueString>S-19/7</ValueString></Value></MaterialLotProperty>
  <Quantity><QuantityString>1.25E2</QuantityString><UnitOfMeasure>KGM</UnitOfMeasure></Quantity>
</MaterialLot>""".encode()

OVERRIDE = """b2mml_spec: 1
version: V0600
family: lots
records:
  lot:
    fields:
      supplier_lot: {property: ŠaržeDodavatele, kind: text}
"""


def _plant(tmp_path: Path) -> Plant:
    folder = tmp_path / "DE01"
    shutil.copytree(data_dir("mappings") / "DE01", folder)
    (folder / "b2mml.yaml").write_text(
        "source_systems:\n  B2MML:\n    lot_status: released\n", encoding="utf-8")
    override = folder / "b2mml" / "V0600" / "lots.yaml"
    override.parent.mkdir(parents=True)
    override.write_text(OVERRIDE, encoding="utf-8")
    return load_plant(folder)


def _edit(path: Path, text: str) -> None:
    """Rewrite ``path`` and move its modification time on (a later save)."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))


def test_an_unchanged_plant_is_not_parsed_again(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    plant = _plant(tmp_path)
    read_document(LOT, plant=plant)
    parsed: list[Path] = []
    real = yamlsafe.read_yaml
    monkeypatch.setattr(yamlsafe, "read_yaml",
                        lambda path, **kw: parsed.append(Path(path)) or real(path, **kw))
    (lot,) = read_document(LOT, plant=plant).of("Lot")
    assert (lot.supplier_lot, lot.status) == ("S-19/7", "released")
    assert parsed == []


def test_an_edited_default_is_seen_by_the_next_import(tmp_path: Path) -> None:
    plant = _plant(tmp_path)
    (lot,) = read_document(LOT, plant=plant).of("Lot")
    assert lot.status == "released"
    _edit(plant.folder / "b2mml.yaml", "source_systems:\n  B2MML:\n    lot_status: blocked\n")
    result = read_document(LOT, plant=plant)
    assert [f.value for f in result.report if f.rule_id == "B2M-301" and "Status" in f.message
            ] == ["blocked"]
    (plant.folder / "b2mml.yaml").unlink()
    assert "B2M-107" in read_document(LOT, plant=plant).report.rule_ids()  # no default now


def test_an_edited_override_is_seen_by_the_next_import(tmp_path: Path) -> None:
    plant = _plant(tmp_path)
    (lot,) = read_document(LOT, plant=plant).of("Lot")
    assert lot.supplier_lot == "S-19/7"
    override = plant.folder / "b2mml" / "V0600" / "lots.yaml"
    _edit(override, OVERRIDE.replace("supplier_lot: {property: ŠaržeDodavatele, kind: text}",
                                     "order: {property: ŠaržeDodavatele, kind: text}"))
    (lot,) = read_document(LOT, plant=plant).of("Lot")
    assert (lot.supplier_lot, lot.order) == (None, "S-19/7")
    override.unlink()
    assert "B2M-306" in read_document(LOT, plant=plant).report.rule_ids()  # unmapped again
