"""Coverage of a native extract: unmapped codes with counts, most frequent first."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from canonical.errors import InputError, UnknownEntityError
from canonical.mapping import load_plant
from canonical.mapping.coverage import coverage

from .builders import make_plant, table

STATUS_HEADER = ",direction,precedence"


@pytest.fixture
def plant_dir(tmp_path: Path) -> Path:
    return make_plant(tmp_path, {
        "materials": table("", "ERP,000042,42,2024-01-01,,approved,ann,bob,",
                           "ERP,000050,50,2020-01-01,,deprecated,ann,bob,"),
        "units": table("", "ERP,KG,KGM,2024-01-01,,approved,ann,bob,"),
        "order_statuses": table(STATUS_HEADER,
                                "ERP,REL,released,2024-01-01,,approved,ann,bob,,,20",
                                "ERP,PCNF,in_progress,2024-01-01,,approved,ann,bob,,,30"),
    })


CSV_EXTRACT = """\
order,material,status,unit
1,000042,REL,KG
2,000099,REL PCNF,KG
3,000099,REL MANC,ST
4,000099,REL,ST
5,000050,REL,KG
"""


def test_csv_extract_counts_most_frequent_first(plant_dir: Path, tmp_path: Path) -> None:
    data = tmp_path / "orders.csv"
    data.write_text(CSV_EXTRACT, encoding="utf-8")
    result = coverage(load_plant(plant_dir), data, "production_order", source="ERP",
                      on=date(2025, 1, 1))
    rows = [(e.table, e.code, e.count, e.deprecated, e.first_line) for e in result.entries]
    assert rows == [
        ("materials", "000099", 3, False, 3),
        ("units", "ST", 2, False, 4),
        ("materials", "000050", 1, True, 6),
        ("order_statuses", "MANC", 1, False, 4),
    ]
    assert result.records == 5
    assert [f.rule_id for f in result.report()].count("MAP-110") == 3
    assert "MAP-102" in result.report().rule_ids()


def test_jsonl_extract_with_source_field_and_columns(plant_dir: Path, tmp_path: Path) -> None:
    data = tmp_path / "tx.jsonl"
    lines = [{"source_system": "ERP", "MATNR": "000042"}, {"source_system": "ERP", "MATNR": 7},
             {"source_system": "ERP", "MATNR": "7"}]
    data.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = coverage(load_plant(plant_dir), data, "InventoryTransaction",
                      fields={"MATNR": "materials"}, on=date(2025, 1, 1))
    assert [(e.code, e.count, e.first_line) for e in result.entries] == [("7", 2, 2)]


def test_bad_extracts(plant_dir: Path, tmp_path: Path) -> None:
    plant = load_plant(plant_dir)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"material": "1"}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        coverage(plant, bad, "Material", source="ERP")
    assert (info.value.rule_id, info.value.line) == ("MAP-111", 2)
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError):
        coverage(plant, other, "Material", source="ERP")
    with pytest.raises(UnknownEntityError):
        coverage(plant, other, "Widget", source="ERP")
    with pytest.raises(InputError):
        coverage(plant, tmp_path, "Material", source="ERP")


def test_columns_on_nested_paths_and_lists(tmp_path: Path) -> None:
    """--column FIELD=TABLE with a dotted path: nested JSON (a modern MES, OData's
    d.results) is covered like a flat extract."""
    import json

    from canonical.mapping.coverage import values_at

    events = [
        {"movement": {"material": "OLEJ-HLP46", "unit": "l"}},
        {"movement": {"material": "NIEZNANY-1", "unit": "l"}},
        {"d": {"results": [{"Material": "KORPUS-25"}, {"Material": "NIEZNANY-2"}]}},
    ]
    data = tmp_path / "events.jsonl"
    data.write_text("\n".join(json.dumps(e) for e in events) + "\n", encoding="utf-8")
    result = coverage(load_plant("PL03"), data, "InventoryTransaction", source="MES_PL",
                      fields={"movement.material": "materials",
                              "d.results.Material": "materials"})
    assert sorted(e.code for e in result.entries) == ["NIEZNANY-1", "NIEZNANY-2"]
    assert values_at({"@odata.etag": "x"}, "@odata.etag") == ["x"]
    assert values_at({"a": {"b.c": 1}}, "a.b\\.c") == [1]


def _dated_plant(root: Path) -> Path:
    """A renumbered material, a draft, a code valid for a year, a second system."""
    return make_plant(root, {
        "materials": table("", "ERP,000042,42,2024-01-01,,approved,ann,bob,",
                           "ERP,000050,50,2020-01-01,2024-06-30,deprecated,ann,bob,",
                           "ERP,000050,50-B,2024-07-01,,approved,ann,bob,renumbered",
                           "ERP,000060,60,2024-01-01,,draft,ann,,",
                           "ERP,0042,42-N,2024-09-01,,draft,ann,,successor under review",
                           "MES,42,42,2024-01-01,,approved,ann,bob,",
                           "MES,mat-7,7,2024-01-01,2024-12-31,approved,ann,bob,"),
        "units": table("", "ERP,KG,KGM,2024-01-01,,approved,ann,bob,",
                       "MES,KG,KGM,2024-01-01,,deprecated,ann,bob,"),
        "order_statuses": table(STATUS_HEADER,
                                "ERP,REL,released,2024-01-01,,approved,ann,bob,,,20",
                                "ERP,PCNF,in_progress,2024-01-01,,approved,ann,bob,,,30"),
    })


DATED_EXTRACT = [
    {"source_system": "ERP", "material": "000050", "status": "REL PCNF", "unit": "KG"},
    {"source_system": "ERP", "material": " 50", "status": "REL MANC", "unit": "kg"},
    {"source_system": "ERP", "material": "000060", "status": "TECO", "unit": "KG"},
    {"source_system": "MES", "material": "MAT-7", "unit": "KG"},
    {"source_system": "MES", "material": "mat-7", "unit": "ST"},
    {"source_system": "ERP", "material": "42", "unit": "KG"},
    {"source_system": "MES", "material": "000042"},
]


@pytest.mark.parametrize("day", [date(2024, 3, 1), date(2024, 7, 1), date(2025, 1, 1)])
def test_folder_coverage_reads_rows_as_the_loaded_plant(tmp_path: Path, day: date) -> None:
    """The tables read row by row (nothing held) give the loaded plant's answer: spellings,
    validity windows on the day, drafts, deprecated rows, status flags, two systems."""
    from canonical.mapping.coverage import folder_coverage

    folder = _dated_plant(tmp_path)
    data = tmp_path / "orders.jsonl"
    data.write_text("\n".join(json.dumps(x) for x in DATED_EXTRACT) + "\n", encoding="utf-8")
    streamed = folder_coverage(folder, data, "ProductionOrder", on=day)
    assert streamed == coverage(load_plant(folder), data, "ProductionOrder", on=day)
    assert any(e.deprecated for e in streamed.entries) and streamed.unmapped


def test_folder_coverage_of_shipped_plants_and_a_plant_with_errors(tmp_path: Path) -> None:
    from canonical.errors import InvalidPlantError
    from canonical.mapping.coverage import folder_coverage
    from canonical.mapping.source import resolve_plant

    data = tmp_path / "orders.csv"
    data.write_text("material,status,unit\n100100,REL,ST\n100103,REL PCNF,KAR\n"
                    "4711,TECO,ST\n", encoding="utf-8")
    loaded = coverage(load_plant("DE01"), data, "ProductionOrder", source="SAP_ECC",
                      on=date(2025, 1, 1))
    assert loaded.unmapped  # 4711, TECO (and KAR if DE01 has no such unit)
    assert folder_coverage(resolve_plant("DE01"), data, "ProductionOrder", source="SAP_ECC",
                           on=date(2025, 1, 1)) == loaded
    broken = make_plant(tmp_path, {"materials": table(
        "", "ERP,000042,42,2024-01-01,,approved,ann,bob,",
        "ERP,42,43,2024-01-01,,approved,ann,bob,")}, name="P2")  # MAP-051
    with pytest.raises(InvalidPlantError) as info:
        folder_coverage(broken, data, "ProductionOrder", source="ERP")
    assert "MAP-051" in info.value.report.rule_ids()
