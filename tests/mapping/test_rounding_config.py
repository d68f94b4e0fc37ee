"""plant.yaml ``rounding:``: parsed over the default policy, bad values located by rule and line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from canonical.changes import Bump, Verdict
from canonical.errors import InvalidPlantError
from canonical.mapping import check_plant, load_plant
from canonical.mapping.config import read_plant_config
from canonical.mapping.diff import diff_plants
from canonical.resources import data_dir
from canonical.units import DEFAULT_POLICY, RoundingMode, RoundingPolicy, rounded

from .builders import PLANT_YAML, make_plant

ROUNDING_LINE = len(PLANT_YAML.splitlines()) + 1  # the section is appended to PLANT_YAML


def _config(tmp_path: Path, section: str) -> tuple[RoundingPolicy, list[tuple[str, int | None, str]]]:
    """The parsed policy of PLANT_YAML + ``section`` and the findings (rule, line, severity)."""
    folder = make_plant(tmp_path, {}, plant_yaml=PLANT_YAML + section)
    config, findings = read_plant_config(folder / "plant.yaml", "plant.yaml")
    assert config is not None
    return config.rounding, [(f.rule_id, f.line, f.severity.value) for f in findings]


def test_absent_section_is_the_default_policy(tmp_path: Path) -> None:
    policy, findings = _config(tmp_path, "")
    assert findings == []
    assert policy is DEFAULT_POLICY


def test_section_is_merged_over_the_default_policy(tmp_path: Path) -> None:
    policy, findings = _config(tmp_path, "rounding:\n  mode: half_up\n  places:\n    LBR: 2\n"
                               "    KGM: 4\n  dimension_places:\n    time: 2\n")
    assert findings == []
    assert policy.mode is RoundingMode.HALF_UP
    assert policy.places_for("LBR") == 2 and policy.places_for("KGM") == 4
    assert policy.places_for("HUR") == 2  # by dimension
    assert policy.places_for("GRM") == DEFAULT_POLICY.places_for("GRM")  # default kept
    assert policy.places_for("H87") == 0  # whole counts stay whole
    # half_up to 2 places: 2.345 -> 2.35 (the default half_even would give 2.34)
    assert rounded(Decimal("2.345"), "LBR", policy=policy) == Decimal("2.35")
    assert rounded(Decimal("2.345"), "LBR", policy=DEFAULT_POLICY, places=2) == Decimal("2.34")
    assert rounded(Decimal("1.00005"), "KGM", policy=policy) == Decimal("1.0001")


@pytest.mark.parametrize("mode", ["half_even", "half_up", "up", "down", "ceiling", "floor"])
def test_every_mode_name_is_accepted(tmp_path: Path, mode: str) -> None:
    policy, findings = _config(tmp_path, f"rounding:\n  mode: {mode}\n")
    assert findings == []
    assert policy.mode.name.lower() == mode


BAD: dict[str, tuple[str, str, int]] = {  # section, rule, line offset from "rounding:"
    "lower-case unit": ("  places:\n    kgm: 3\n", "MAP-036", 2),
    "unknown unit": ("  places:\n    KGX: 3\n", "MAP-036", 2),
    "deleted unit": ("  places:\n    CT: 0\n", "MAP-036", 2),
    "unknown dimension": ("  dimension_places:\n    weight: 3\n", "MAP-036", 2),
    "negative places": ("  places:\n    KGM: -1\n", "MAP-037", 2),
    "too many places": ("  places:\n    KGM: 13\n", "MAP-037", 2),
    "fractional places": ("  places:\n    KGM: 2.5\n", "MAP-037", 2),
    "places as text": ("  places:\n    KGM: '3'\n", "MAP-037", 2),
    "places as bool": ("  places:\n    KGM: true\n", "MAP-037", 2),
    "decimals for a count": ("  places:\n    H87: 2\n", "MAP-037", 2),
    "decimals for packages": ("  dimension_places:\n    package: 1\n", "MAP-037", 2),
    "unknown mode": ("  mode: bankers\n", "MAP-038", 1),
    "mode not text": ("  mode: 5\n", "MAP-038", 1),
    "places not a mapping": ("  places: [KGM]\n", "MAP-031", 1),
    "section not a mapping": ("", "MAP-031", 0),
}


@pytest.mark.parametrize("case", BAD.values(), ids=list(BAD))
def test_bad_values_are_located_errors(tmp_path: Path, case: tuple[str, str, int]) -> None:
    body, rule, offset = case
    section = "rounding:\n" + body if body else "rounding: half_up\n"
    policy, findings = _config(tmp_path, section)
    assert findings == [(rule, ROUNDING_LINE + offset, "error")]
    assert policy is DEFAULT_POLICY  # nothing half-applied
    with pytest.raises(InvalidPlantError) as info:
        load_plant(tmp_path / "P1")
    assert info.value.rule_id == rule


def test_unknown_key_is_a_warning(tmp_path: Path) -> None:
    policy, findings = _config(tmp_path, "rounding:\n  precision:\n    KGM: 3\n  mode: up\n")
    assert findings == [("MAP-033", ROUNDING_LINE + 1, "warning")]
    assert policy.mode is RoundingMode.UP  # the known keys still apply


def test_every_bad_value_is_reported_not_only_the_first(tmp_path: Path) -> None:
    _, findings = _config(tmp_path, "rounding:\n  mode: nearest\n  places:\n    KGM: -1\n"
                          "    XYZ: 2\n")
    assert sorted(r for r, _, _ in findings) == ["MAP-036", "MAP-037", "MAP-038"]


def test_shipped_de01_declares_its_rounding() -> None:
    declared = yaml.safe_load((data_dir("mappings") / "DE01" / "plant.yaml").read_text("utf-8"))
    section = declared["rounding"]
    policy = load_plant("DE01").config.rounding
    assert policy is not DEFAULT_POLICY
    assert policy.mode.name.lower() == section["mode"]
    for code, places in section["places"].items():
        assert policy.places_for(code) == places
    assert check_plant("DE01").errors == ()
    assert load_plant("US02").config.rounding is DEFAULT_POLICY  # no section: the default


def test_a_rounding_change_needs_review_in_the_diff(tmp_path: Path) -> None:
    old = make_plant(tmp_path / "old", {}, plant_yaml=PLANT_YAML + "rounding:\n  mode: half_up\n")
    new = make_plant(tmp_path / "new", {}, plant_yaml=PLANT_YAML + "rounding:\n  mode: half_even\n")
    changes = {c.path: c for c in diff_plants(old, new).changes}
    change = changes["plant.yaml/rounding"]
    assert (change.kind, change.producer, change.bump) == ("rounding_changed",
                                                           Verdict.REVIEW, Bump.MAJOR)
    assert "half_up" in str(change.before) and "half_even" in str(change.after)
