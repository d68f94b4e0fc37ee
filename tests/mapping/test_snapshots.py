"""Plant release snapshots: written once, verified on use, replayed exactly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.cli import cli
from canonical.errors import PlantReleaseError
from canonical.mapping import load_plant
from canonical.mapping.snapshots import (
    SUMS,
    release_folder,
    released_versions,
    verify_snapshot,
    write_snapshot,
)
from canonical.resources import data_dir

SPEC = "MES_DE.InventoryTransaction.inbound.yaml"
MESSAGE = {"buchung": "BU-DE01-000817", "art": "VERBRAUCH", "material": "300200",
           "charge": "c261130b", "menge": "18,5", "einheit": "KG",
           "von_lagerort": "LAGER-RM", "auftrag": "1000123", "ag": 20,
           "zeitpunkt": "2026-11-30T06:12:09+01:00"}


@pytest.fixture
def de01(tmp_path: Path) -> Path:
    return shutil.copytree(data_dir("mappings") / "DE01", tmp_path / "DE01")


def test_shipped_releases_verify() -> None:
    for plant in ("DE01", "US02"):
        folder = data_dir("mappings") / plant
        versions = released_versions(folder)
        assert versions, plant
        assert all(verify_snapshot(folder, v).ok for v in versions)


def test_write_is_idempotent_and_never_overwrites(de01: Path) -> None:
    target = write_snapshot(de01, "DE01", "2099.1.0")
    sums = (target / SUMS).read_text(encoding="utf-8")
    assert f"  DE01/specs/{SPEC}\n" in sums and "  DE01/plant.yaml\n" in sums
    assert write_snapshot(de01, "DE01", "2099.1.0") == target  # same content: a no-op
    (de01 / "units.csv").write_text("source_system\n", encoding="utf-8")
    with pytest.raises(PlantReleaseError) as caught:
        write_snapshot(de01, "DE01", "2099.1.0")
    assert caught.value.rule_id == "MAP-382"
    assert (target / SUMS).read_text(encoding="utf-8") == sums  # untouched
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")]  # no temp left


@pytest.mark.parametrize("tamper", ["modify", "delete", "add"])
def test_a_modified_release_is_refused(de01: Path, tamper: str) -> None:
    snapshot = de01 / "releases" / "2025.4.0" / "DE01"
    if tamper == "modify":
        path = snapshot / "specs" / SPEC
        path.write_text(path.read_text(encoding="utf-8").replace("ZUGANG", "ZUGAENGE"),
                        encoding="utf-8")
    elif tamper == "delete":
        (snapshot / "units.csv").unlink()
    else:
        (snapshot / "extra.csv").write_text("x\n", encoding="utf-8")
    assert verify_snapshot(de01, "2025.4.0").rule_ids() == ["MAP-382"]
    with pytest.raises(PlantReleaseError) as caught:
        load_plant(de01, release="2025.4.0")
    assert caught.value.rule_id == "MAP-382"


def test_an_unknown_release_names_the_known_ones(de01: Path) -> None:
    with pytest.raises(PlantReleaseError) as caught:
        release_folder(de01, "1.0.0")
    assert caught.value.rule_id == "MAP-387" and "2025.4.0" in caught.value.message


def test_replay_maps_as_released(de01: Path) -> None:
    """After the working plant swaps VERBRAUCH and ZUGANG, the release still maps as sent."""
    from canonical.engine import to_canonical

    spec = de01 / "specs" / SPEC
    spec.write_text(spec.read_text(encoding="utf-8").replace(
        "VERBRAUCH: goods_issue, ZUGANG: goods_receipt",
        "VERBRAUCH: goods_receipt, ZUGANG: goods_issue"), encoding="utf-8")
    released = to_canonical(load_plant(de01, release="2025.4.0"), "InventoryTransaction",
                            MESSAGE, source="MES_DE")
    current = to_canonical(load_plant(de01), "InventoryTransaction", MESSAGE, source="MES_DE",
                           lenient=True)
    assert released.type.value == "goods_issue"  # type: ignore[union-attr]
    # the working plant now reads a consumption as a receipt, which has no from_location
    assert current.value is None and "ENG-120" in current.report.rule_ids()  # type: ignore[union-attr]


def test_canon_map_release(de01: Path, tmp_path: Path) -> None:
    payload = tmp_path / "buchung.json"
    payload.write_text(json.dumps(MESSAGE), encoding="utf-8")
    args = ["map", str(payload), "--plant", str(de01), "--source", "MES_DE", "--entity",
            "InventoryTransaction"]
    spec = de01 / "specs" / SPEC
    spec.write_text(spec.read_text(encoding="utf-8").replace('prefix: "DE01-"', 'prefix: "A-"'),
                    encoding="utf-8")
    runner = CliRunner()
    replay = runner.invoke(cli, [*args, "--release", "2025.4.0"])
    assert replay.exit_code == 0, replay.output
    assert json.loads(replay.stdout)["order"] == "DE01-1000123"
    assert json.loads(runner.invoke(cli, args).stdout)["order"] == "A-1000123"
    missing = runner.invoke(cli, [*args, "--release", "2020.1.0"])
    assert missing.exit_code == 2 and "MAP-387" in missing.output
