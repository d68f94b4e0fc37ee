"""The curated top-level API stays what the README and docs promise."""

from __future__ import annotations

import canonical

PROMISED = {
    "ProductionOrder", "Operation", "Material", "Lot", "Resource", "QualityResult",
    "InventoryTransaction", "Event", "Quantity", "validate", "SCHEMA_VERSION", "__version__",
    "LaborReport", "EquipmentStateChange", "Nonconformance",  # schema 1.1.0
}


def test_all_is_explicit_and_complete() -> None:
    assert set(canonical.__all__) >= PROMISED
    for name in canonical.__all__:
        assert hasattr(canonical, name), name


def test_star_import_gives_exactly_all() -> None:
    namespace: dict[str, object] = {}
    exec("from canonical import *", namespace)
    exported = {k for k in namespace if k != "__builtins__"}
    assert exported == set(canonical.__all__)


def test_schema_version_is_the_linkml_version(root) -> None:
    import yaml

    source = yaml.safe_load((root / "schemas" / "canonical.yaml").read_text(encoding="utf-8"))
    assert source["version"] == canonical.SCHEMA_VERSION
    assert canonical.SCHEMA_VERSION.split(".")[0] == "1"


def test_version_comes_from_package_metadata() -> None:
    from importlib.metadata import version

    assert canonical.__version__ == version("mfg-canonical")
