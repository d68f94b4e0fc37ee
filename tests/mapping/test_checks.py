"""Every governance check trips on a table made for it, with the rule id and the line number.

Line numbers are 1-based lines of the CSV file, the header being line 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

import canonical.mapping.rules as mapping_rules
from canonical.mapping import check_plant
from canonical.rules import Rule

from .builders import PLANT_YAML, make_plant, table

OK_MAT = "ERP,000042,42,2024-01-01,,approved,ann,bob,"
RES_HEADER = ",direction,kind,parent"
STATUS_HEADER = ",direction,precedence"


@dataclass
class Case:
    rule: str
    tables: dict[str, str | bytes]
    file: str | None  # file name the finding names (None: the plant folder itself)
    line: int | None
    plant_yaml: str | bytes = PLANT_YAML
    severity: str = "error"
    extra: dict[str, object] = field(default_factory=dict)


CASES: dict[str, Case] = {
    "unknown table": Case("MAP-002", {"materialz": table("", OK_MAT)}, "materialz.csv", None),
    "undeclared system": Case("MAP-003", {"materials": table("", OK_MAT,
                              "SAP,43,43,2024-01-01,,approved,ann,bob,")}, "materials.csv", 3),
    "table is a directory": Case("MAP-010", {}, "units.csv", None,
                                 extra={"mkdir": "units.csv"}),
    "not utf-8": Case("MAP-011", {"materials": (table("", OK_MAT) + "ERP,43,43,2024-01-01,,"
                                                "approved,J\xfcrgen,bob,\n").encode("latin-1")},
                      "materials.csv", 3),
    "utf-16": Case("MAP-011", {"materials": table("", OK_MAT).encode("utf-16")},
                   "materials.csv", 1),
    "bom": Case("MAP-012", {"materials": b"\xef\xbb\xbf" + table("", OK_MAT).encode()},
                "materials.csv", 1, severity="warning"),
    "crlf": Case("MAP-013", {"materials": table("", OK_MAT).replace("\n", "\r\n").encode()},
                 "materials.csv", 1, severity="warning"),
    "too large": Case("MAP-014", {"materials": table("", OK_MAT)}, "materials.csv", None,
                      extra={"max_bytes": 50}),
    "no header": Case("MAP-015", {"materials": OK_MAT + "\n"}, "materials.csv", 1),
    "empty file": Case("MAP-015", {"materials": ""}, "materials.csv", 1),
    "missing column": Case("MAP-016", {"materials": "source_system,source_code,canonical_code,"
                           "valid_from,valid_to,status,owner,note\nERP,1,1,2024-01-01,,draft,a,\n"},
                           "materials.csv", 1),
    "unknown column": Case("MAP-017", {"materials": table(",canonical_cde", OK_MAT + ",x")},
                           "materials.csv", 1),
    "duplicate column": Case("MAP-018", {"materials": table(",note", OK_MAT + ",x")},
                             "materials.csv", 1),
    "ragged row": Case("MAP-019", {"materials": table("", OK_MAT, "ERP,43,43,2024-01-01")},
                       "materials.csv", 3),
    "unclosed quote": Case("MAP-020", {"materials": table("", OK_MAT,
                           'ERP,"43,43,2024-01-01,,approved,ann,bob,', OK_MAT)},
                           "materials.csv", 3),
    "stray quote": Case("MAP-020", {"materials": table("", OK_MAT,
                        'ERP,"43"x,43,2024-01-01,,approved,ann,bob,')}, "materials.csv", 3),
    "table absent": Case("MAP-021", {"materials": table("", OK_MAT)}, None, None,
                         severity="info"),
    "plant.yaml not a mapping": Case("MAP-030", {}, "plant.yaml", 1,
                                     plant_yaml="- just\n- a list\n"),
    "plant.yaml bad yaml": Case("MAP-030", {}, "plant.yaml", 4,  # where the parser gives up
                                plant_yaml="id: P1\nname: x\ntime_zone: [Europe\n"),
    "plant.yaml missing key": Case("MAP-031", {}, "plant.yaml", 1,
                                   plant_yaml=PLANT_YAML.replace("name: Test plant\n", "")),
    "plant.yaml number version": Case("MAP-031", {}, "plant.yaml", 4,
                                      plant_yaml=PLANT_YAML.replace('"1.0.0"', "1.10")),
    "bad time zone": Case("MAP-032", {}, "plant.yaml", 3,
                          plant_yaml=PLANT_YAML.replace("Europe/Berlin", "Europe/Berln")),
    "unknown plant key": Case("MAP-033", {}, "plant.yaml", 7, severity="warning",
                              plant_yaml=PLANT_YAML.replace("  ERP:\n", "  ERP:\n    knd: x\n")),
    "bad normalisation": Case("MAP-034", {}, "plant.yaml", 18,
                              plant_yaml=PLANT_YAML.replace("[trim, upper]", "[trim, titlecase]")),
    "bad pad width": Case("MAP-034", {}, "plant.yaml", 10,
                          plant_yaml=PLANT_YAML.replace("pad_left: 6", "pad_left: -1")),
    "id differs from folder": Case("MAP-035", {}, "plant.yaml", 1, severity="warning",
                                   plant_yaml=PLANT_YAML.replace("id: P1", "id: P2")),
    "rounding unknown unit": Case("MAP-036", {}, "plant.yaml", 23, plant_yaml=PLANT_YAML + (
        "rounding:\n  mode: half_up\n  places:\n    KGX: 3\n")),
    "rounding unknown dimension": Case("MAP-036", {}, "plant.yaml", 22, plant_yaml=PLANT_YAML + (
        "rounding:\n  dimension_places:\n    weight: 3\n")),
    "rounding negative places": Case("MAP-037", {}, "plant.yaml", 23, plant_yaml=PLANT_YAML + (
        "rounding:\n  mode: half_up\n  places:\n    KGM: -1\n")),
    "rounding unknown mode": Case("MAP-038", {}, "plant.yaml", 21, plant_yaml=PLANT_YAML + (
        "rounding:\n  mode: bankers\n")),
    "empty code": Case("MAP-040", {"materials": table("", OK_MAT,
                       "ERP,,43,2024-01-01,,approved,ann,bob,")}, "materials.csv", 3),
    "padded code": Case("MAP-041", {"materials": table("", OK_MAT,
                        "ERP,43 ,43,2024-01-01,,approved,ann,bob,")}, "materials.csv", 3),
    "malformed date": Case("MAP-042", {"materials": table("", OK_MAT,
                           "ERP,43,43,01.02.2024,,approved,ann,bob,")}, "materials.csv", 3),
    "impossible date": Case("MAP-042", {"materials": table("", OK_MAT,
                            "ERP,43,43,2024-02-30,,approved,ann,bob,")}, "materials.csv", 3),
    "dates reversed": Case("MAP-043", {"materials": table("", OK_MAT,
                           "ERP,43,43,2024-05-01,2024-04-30,approved,ann,bob,")},
                           "materials.csv", 3),
    "bad status": Case("MAP-044", {"materials": table("", OK_MAT,
                       "ERP,43,43,2024-01-01,,active,ann,bob,")}, "materials.csv", 3),
    "approved without approver": Case("MAP-045", {"materials": table("", OK_MAT,
                                      "ERP,43,43,2024-01-01,,approved,ann,,")},
                                      "materials.csv", 3),
    "self approved": Case("MAP-046", {"materials": table("", OK_MAT,
                          "ERP,43,43,2024-01-01,,approved,ann,ann,")}, "materials.csv", 3,
                          severity="warning"),
    "bad precedence": Case("MAP-047", {"order_statuses": table(STATUS_HEADER,
                           "ERP,REL,released,2024-01-01,,approved,ann,bob,,,high")},
                           "order_statuses.csv", 2),
    "factor without unit": Case("MAP-047", {"units": table(",factor,factor_unit",
                                "ERP,KAR,XCT,2024-01-01,,approved,ann,bob,,12,")},
                                "units.csv", 2),
    "bad direction": Case("MAP-047", {"materials": table(",direction", OK_MAT + ",outbound")},
                          "materials.csv", 2),
    "bad factor unit": Case("MAP-047", {"units": table(",factor,factor_unit",
                            "ERP,KAR,XCT,2024-01-01,,approved,ann,bob,,12,ST")}, "units.csv", 2),
    "duplicate row": Case("MAP-050", {"materials": table("", OK_MAT, "ERP,42,42,2024-01-01,,"
                          "approved,cy,bob,")}, "materials.csv", 3),
    "overlap": Case("MAP-051", {"materials": table("", OK_MAT.replace(",,approved",
                    ",2024-12-31,approved"), "ERP,42,42-B,2024-06-01,,approved,ann,bob,")},
                    "materials.csv", 3),
    "unit not canonical": Case("MAP-052", {"units": table("", "ERP,KG,KGM,2024-01-01,,approved,"
                               "ann,bob,", "ERP,ST,ST,2024-01-01,,approved,ann,bob,")},
                               "units.csv", 3),
    "deleted unit": Case("MAP-052", {"units": table("", "ERP,KAR,CT,2024-01-01,,approved,ann,"
                         "bob,")}, "units.csv", 2),
    "status not canonical": Case("MAP-052", {"order_statuses": table(STATUS_HEADER,
                                 "ERP,REL,released,2024-01-01,,approved,ann,bob,,,20",
                                 "ERP,CNF,done,2024-01-01,,approved,ann,bob,,,30")},
                                 "order_statuses.csv", 3),
    "draft not canonical": Case("MAP-052", {"order_statuses": table(STATUS_HEADER,
                                "ERP,CNF,done,2024-01-01,,draft,ann,,,,30")},
                                "order_statuses.csv", 2, severity="warning"),
    "reverse ambiguous": Case("MAP-053", {"order_statuses": table(STATUS_HEADER,
                              "ERP,CNF,completed,2024-01-01,,approved,ann,bob,,,40",
                              "ERP,DLV,completed,2024-01-01,,approved,ann,bob,,,45")},
                              "order_statuses.csv", 3),
    "draft referenced": Case("MAP-054", {"resources": table(RES_HEADER,
                             "ERP,P1,P1,2024-01-01,,approved,ann,bob,,,site,",
                             "MES,A1,P1-A1,2024-01-01,,draft,ann,,,,area,P1",
                             "MES,WC1,P1-WC1,2024-01-01,,approved,ann,bob,,,work_center,P1-A1")},
                             "resources.csv", 4),
    "unknown reference": Case("MAP-055", {"resources": table(RES_HEADER,
                              "ERP,P1,P1,2024-01-01,,approved,ann,bob,,,site,",
                              "MES,WC1,P1-WC1,2024-01-01,,approved,ann,bob,,,work_center,P9")},
                              "resources.csv", 3),
    "inconsistent kind": Case("MAP-056", {"resources": table(RES_HEADER,
                              "ERP,P1,P1,2024-01-01,,approved,ann,bob,,,site,",
                              "ERP,WC1,P1-WC1,2024-01-01,,approved,ann,bob,,,work_center,P1",
                              "MES,WC-1,P1-WC1,2024-01-01,,approved,ann,bob,,,machine,P1")},
                              "resources.csv", 4),
    "precedence tie": Case("MAP-058", {"order_statuses": table(STATUS_HEADER,
                           "ERP,CNF,completed,2024-01-01,,approved,ann,bob,,,40",
                           "ERP,TECO,closed,2024-01-01,,approved,ann,bob,,,40")},
                           "order_statuses.csv", 3),
}


def _run(tmp_path: Path, case: Case) -> list[tuple[str, str | None, int | None, str]]:
    folder = make_plant(tmp_path, case.tables, plant_yaml=case.plant_yaml)
    if "mkdir" in case.extra:
        (folder / str(case.extra["mkdir"])).mkdir()
    max_bytes = case.extra.get("max_bytes")
    report = check_plant(folder, **({"max_bytes": max_bytes} if max_bytes else {}))
    return [(f.rule_id, Path(f.file).name if f.file else None, f.line, f.severity.value)
            for f in report]


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_check_trips_with_rule_and_line(tmp_path: Path, case: Case) -> None:
    found = _run(tmp_path, case)
    expected_file = case.file if case.file is not None else "P1"
    assert (case.rule, expected_file, case.line, case.severity) in found, found


def test_every_governance_rule_has_a_tripping_case() -> None:
    declared = {r.id for r in vars(mapping_rules).values() if isinstance(r, Rule)}
    covered = {c.rule for c in CASES.values()}
    # runtime rules are tripped in test_plant.py / test_coverage.py / test_cli.py
    runtime = {"MAP-001", "MAP-101", "MAP-102", "MAP-110", "MAP-111"}
    assert declared - covered - runtime == set()


def test_clean_minimal_plant_has_no_errors(tmp_path: Path) -> None:
    folder = make_plant(tmp_path, {"materials": table("", OK_MAT)})
    assert check_plant(folder).errors == ()


def test_superseding_row_with_adjacent_validity_is_clean(tmp_path: Path) -> None:
    folder = make_plant(tmp_path, {"materials": table(
        "", "ERP,42,42,2020-01-01,2023-12-31,deprecated,ann,bob,old",
        "ERP,000042,42-B,2024-01-01,,approved,ann,bob,new")})
    assert check_plant(folder).errors == ()


def test_inbound_only_row_is_not_reverse_ambiguous(tmp_path: Path) -> None:
    folder = make_plant(tmp_path, {"order_statuses": table(
        STATUS_HEADER, "ERP,CNF,completed,2024-01-01,,approved,ann,bob,,,40",
        "ERP,DLV,completed,2024-01-01,,approved,ann,bob,,inbound,45")})
    assert "MAP-053" not in check_plant(folder).rule_ids()


def test_overlap_after_normalisation_is_found(tmp_path: Path) -> None:
    folder = make_plant(tmp_path, {"materials": table(
        "", OK_MAT, "ERP,42,43,2024-06-01,,approved,ann,bob,")})
    report = check_plant(folder)
    assert [(f.rule_id, f.line) for f in report.errors] == [("MAP-051", 3)]


def test_plant_yaml_directory_and_missing(tmp_path: Path) -> None:
    folder = make_plant(tmp_path, {})
    (folder / "plant.yaml").unlink()
    assert "MAP-010" in check_plant(folder).rule_ids()
    (folder / "plant.yaml").mkdir()
    assert "MAP-010" in check_plant(folder).rule_ids()


def test_huge_quoted_field_is_refused_not_swallowed(tmp_path: Path) -> None:
    body = 'ERP,"' + "x" * 20_000 + '",1,2024-01-01,,approved,ann,bob,'
    folder = make_plant(tmp_path, {"materials": table("", OK_MAT, body, OK_MAT)})
    report = check_plant(folder)
    assert ("MAP-020", 3) in [(f.rule_id, f.line) for f in report.errors]


def _messages(tmp_path: Path, tables: dict[str, str | bytes], rule_id: str) -> list[str]:
    report = check_plant(make_plant(tmp_path, tables))
    return [f.message for f in report if f.rule_id == rule_id]


def test_spreadsheet_export_in_windows_1252_is_named_not_guessed(tmp_path: Path) -> None:
    row = "ERP,43,43,2024-01-01,,approved,J\u00fcrgen Stra\u00dfer,bob,\n"
    messages = _messages(tmp_path, {"materials": (table("", OK_MAT) + row).encode("cp1252")},
                         "MAP-011")
    assert len(messages) == 1 and "Windows-1252" in messages[0] and "'\u00fc'" in messages[0]
    assert "row is skipped" in messages[0]


def test_bytes_that_are_not_windows_1252_get_no_encoding_hint(tmp_path: Path) -> None:
    row = b"ERP,43,43,2024-01-01,,approved,ann\x81,bob,\n"  # 0x81 is undefined in cp1252
    messages = _messages(tmp_path, {"materials": table("", OK_MAT).encode() + row}, "MAP-011")
    assert len(messages) == 1 and "Windows-1252" not in messages[0]


@pytest.mark.parametrize(("separator", "name"), [(";", "semicolons"), ("\t", "tabs")])
def test_header_with_another_separator_is_named(tmp_path: Path, separator: str,
                                                name: str) -> None:
    text = table("", OK_MAT).replace(",", separator)
    messages = _messages(tmp_path, {"materials": text}, "MAP-015")
    assert len(messages) == 1 and f"separates its columns with {name}" in messages[0]


def test_header_of_unrelated_words_gets_no_separator_hint(tmp_path: Path) -> None:
    messages = _messages(tmp_path, {"materials": "Material;Werk;Menge\n1;DE01;3,5\n"}, "MAP-015")
    assert len(messages) == 1 and "separates its columns" not in messages[0]
