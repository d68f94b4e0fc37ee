"""Generated artifacts never drift from the LinkML source, and hand edits are caught."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import yaml

from canonical.schema import build as builder


def test_committed_artifacts_match_a_fresh_build() -> None:
    problems = builder.check()
    assert problems == [], "\n".join(problems)


def _copy_tree(root: Path, tmp_path: Path) -> Path:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "canonical" / "models").mkdir(parents=True)
    shutil.copy(root / "schemas" / "canonical.yaml", tmp_path / "schemas")
    shutil.copy(root / "schemas" / "canonical.schema.json", tmp_path / "schemas")
    shutil.copy(root / "canonical" / "models" / "v1.py", tmp_path / "canonical" / "models")
    return tmp_path


def test_hand_edit_of_generated_models_is_detected(root: Path, tmp_path: Path) -> None:
    tree = _copy_tree(root, tmp_path)
    assert builder.check(tree / "schemas" / "canonical.yaml", root=tree) == []
    models = tree / "canonical" / "models" / "v1.py"
    models.write_text(models.read_text().replace("ge=1, le=999", "ge=0, le=999"))
    problems = builder.check(tree / "schemas" / "canonical.yaml", root=tree)
    assert len(problems) == 1 and "v1.py" in problems[0] and "ge=0" in problems[0]


def test_hand_edit_of_json_schema_is_detected(root: Path, tmp_path: Path) -> None:
    tree = _copy_tree(root, tmp_path)
    path = tree / "schemas" / "canonical.schema.json"
    doc = json.loads(path.read_text())
    doc["$defs"]["Lot"]["additionalProperties"] = True
    path.write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n")
    problems = builder.check(tree / "schemas" / "canonical.yaml", root=tree)
    assert len(problems) == 1 and "canonical.schema.json" in problems[0]


def test_generation_is_deterministic(root: Path, tmp_path: Path) -> None:
    first = [a.content for a in builder.artifacts()]
    second = [a.content for a in builder.artifacts()]
    assert first == second
    assert not any("generation_date" in c or "2026-" in c.split("\n", 3)[0] for c in first)


def test_header_carries_the_source_hash(root: Path) -> None:
    digest = hashlib.sha256((root / "schemas" / "canonical.yaml").read_bytes()).hexdigest()
    assert f"source-sha256: {digest}" in (root / "canonical" / "models" / "v1.py").read_text()
    assert digest in json.loads((root / "schemas" / "canonical.schema.json").read_text())["$comment"]


ENTITIES = ["ProductionOrder", "Operation", "Material", "Lot", "Resource", "QualityResult",
            "InventoryTransaction", "Event", "Quantity"]
ENUMS = ["OrderStatus", "OperationStatus", "LotStatus", "LotDisposition", "TransactionType",
         "QualityVerdict", "ResourceKind"]


@pytest.mark.parametrize("name", ENTITIES + ENUMS)
def test_every_entity_and_enum_exists_in_all_three_forms(root: Path, name: str) -> None:
    import canonical.models as models

    source = yaml.safe_load((root / "schemas" / "canonical.yaml").read_text())
    json_schema = json.loads((root / "schemas" / "canonical.schema.json").read_text())
    assert name in source["classes"] or name in source["enums"]
    assert name in json_schema["$defs"]
    assert hasattr(models, name)
    if name in source.get("enums", {}):
        values = list(source["enums"][name]["permissible_values"])
        assert json_schema["$defs"][name]["enum"] == values
        assert [m.value for m in getattr(models, name)] == values


def test_json_schema_is_closed(root: Path) -> None:
    json_schema = json.loads((root / "schemas" / "canonical.schema.json").read_text())
    for name in ENTITIES:
        assert json_schema["$defs"][name]["additionalProperties"] is False, name


def test_order_status_transitions_are_data() -> None:
    from canonical.validation.transitions import allowed_transitions

    transitions = allowed_transitions()
    assert transitions["created"] == {"released", "cancelled"}
    assert transitions["closed"] == frozenset()
