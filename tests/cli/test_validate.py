"""``canon validate``: exit codes, located findings, every kind of bad input, no tracebacks."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from canonical.cli import cli
from canonical.resources import EXAMPLE_RECORDS

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "records"

FILE_ENTITY: dict[str, str] = {stem: entity for entity, stem in EXAMPLE_RECORDS.items()}


def _load(stem: str) -> Any:
    return json.loads((EXAMPLES / f"{stem}.json").read_text(encoding="utf-8"))


def _run(*args: str) -> Result:
    result = CliRunner().invoke(cli, ["validate", *args])
    assert "Traceback" not in result.output
    # a crash inside the command shows up as an exception other than SystemExit
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def _write(path: Path, records: object) -> Path:
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- exit 0
@pytest.mark.parametrize(("stem", "entity"), sorted(FILE_ENTITY.items()))
def test_examples_pass_with_exit_0(stem: str, entity: str) -> None:
    result = _run(str(EXAMPLES / f"{stem}.json"), "--entity", entity)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("stem", "entity"), sorted(FILE_ENTITY.items()))
def test_examples_pass_with_json_format(stem: str, entity: str) -> None:
    result = _run(str(EXAMPLES / f"{stem}.json"), "--entity", entity, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert report["errors"] == 0


def test_json_lines_input(tmp_path: Path) -> None:
    lots = _load("lot")
    path = tmp_path / "lots.jsonl"
    path.write_text("".join(json.dumps(lot) + "\n" for lot in lots), encoding="utf-8")
    assert _run(str(path), "-e", "Lot").exit_code == 0


def test_json_array_input(tmp_path: Path) -> None:
    path = _write(tmp_path / "resources.json", _load("resource"))
    assert _run(str(path), "-e", "Resource").exit_code == 0


def test_multiple_files_all_pass(tmp_path: Path) -> None:
    lots = _load("lot")
    first = _write(tmp_path / "parents.json", lots[:2])
    second = tmp_path / "finished.jsonl"
    second.write_text("\n".join(json.dumps(lot) for lot in lots[2:]), encoding="utf-8")
    result = _run(str(first), str(second), "-e", "Lot", "--format", "json")
    assert result.exit_code == 0, result.output


def test_multiple_files_form_one_extract(tmp_path: Path) -> None:
    """Duplicate ids across files are found, located in the second file."""
    second = tmp_path / "lots.jsonl"
    second.write_text("\n".join(json.dumps(lot) for lot in _load("lot")), encoding="utf-8")
    result = _run(str(EXAMPLES / "lot.json"), str(second), "-e", "Lot")
    assert result.exit_code == 1
    assert result.output.count("[ID-001]") == 3
    assert f"{second}:1 record 0 $.id [ID-001]" in result.output  # record index within its file


# ----------------------------------------------------------------------------- exit 1
@pytest.fixture
def bad_lots(tmp_path: Path) -> Path:
    """Three lots; record 1 has a negative quantity, record 2 a duplicate serial number."""
    lots = copy.deepcopy(_load("lot"))
    lots[1]["quantity"]["value"] = "-5"
    lots[2]["serial_numbers"].append(lots[2]["serial_numbers"][0])
    return _write(tmp_path / "bad_lots.json", lots)


def _line_of_record(path: Path, index: int) -> int:
    """1-based line where the ``index``-th element of a top-level array starts."""
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [n for n, text in enumerate(lines, 1) if text.startswith("  {")]
    return starts[index]


def test_findings_exit_1_and_text_names_file_line_record_path_rule(bad_lots: Path) -> None:
    result = _run(str(bad_lots), "--entity", "Lot")
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    negative = [ln for ln in lines if "QTY-001" in ln]
    duplicate = [ln for ln in lines if "LOT-004" in ln]
    assert len(negative) == 1 and len(duplicate) == 1, result.output
    assert f"{bad_lots}:{_line_of_record(bad_lots, 1)}" in negative[0]
    assert "record 1" in negative[0]
    assert "$.quantity.value" in negative[0]
    assert f"{bad_lots}:{_line_of_record(bad_lots, 2)}" in duplicate[0]
    assert "record 2" in duplicate[0]
    assert "$.serial_numbers[3]" in duplicate[0]


def test_findings_json_format(bad_lots: Path) -> None:
    result = _run(str(bad_lots), "--entity", "Lot", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    by_rule = {f["rule_id"]: f for f in report["findings"]}
    assert set(by_rule) == {"QTY-001", "LOT-004"}
    assert by_rule["QTY-001"]["record"] == 1
    assert by_rule["QTY-001"]["path"] == "$.quantity.value"
    assert by_rule["QTY-001"]["file"] == str(bad_lots)
    assert by_rule["QTY-001"]["line"] == _line_of_record(bad_lots, 1)
    assert by_rule["LOT-004"]["record"] == 2


def test_structural_findings_exit_1(tmp_path: Path) -> None:
    order = copy.deepcopy(_load("production_order"))
    order["colour"] = "red"
    order["ordered_quantity"]["value"] = 500
    order["scheduled_start"] = "2026-03-02T06:00:00"
    path = tmp_path / "order.json"
    path.write_text(json.dumps(order), encoding="utf-8")
    result = _run(str(path), "-e", "ProductionOrder", "--format", "json")
    assert result.exit_code == 1
    found = {(f["rule_id"], f["path"]) for f in json.loads(result.stdout)["findings"]}
    assert {("SCH-003", "$.colour"), ("SCH-007", "$.ordered_quantity.value"),
            ("SCH-005", "$.scheduled_start")} <= found


def test_json_lines_findings_name_the_line(tmp_path: Path) -> None:
    lots = copy.deepcopy(_load("lot"))
    lots[2]["expires_on"] = "2020-01-01"
    path = tmp_path / "lots.jsonl"
    path.write_text("\n".join(json.dumps(lot) for lot in lots) + "\n", encoding="utf-8")
    result = _run(str(path), "-e", "Lot", "--format", "json")
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["rule_id"], finding["record"], finding["line"]) == ("LOT-003", 2, 3)


def test_multiple_files_one_with_findings(tmp_path: Path, bad_lots: Path) -> None:
    result = _run(str(EXAMPLES / "lot.json"), str(bad_lots), "-e", "Lot", "--format", "json")
    assert result.exit_code == 1
    files = {f["file"] for f in json.loads(result.stdout)["findings"]}
    assert files == {str(bad_lots)}


def test_warnings_alone_exit_0(tmp_path: Path) -> None:
    path = _write(tmp_path / "lot.json", [_load("lot")[2]])  # parents not in the extract
    result = _run(str(path), "-e", "Lot", "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["warnings"] >= 1
    assert {f["rule_id"] for f in report["findings"]} == {"LOT-005"}


def test_record_that_is_not_an_object_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "numbers.json"
    path.write_text("[1, 2]", encoding="utf-8")
    result = _run(str(path), "-e", "Lot", "--format", "json")
    assert result.exit_code == 1
    assert {f["rule_id"] for f in json.loads(result.stdout)["findings"]} == {"SCH-011"}


def test_ten_megabyte_string_exit_1_without_echoing_it(tmp_path: Path) -> None:
    lot = copy.deepcopy(_load("lot")[0])
    lot["supplier_lot"] = "x" * (10 * 1024 * 1024)
    path = _write(tmp_path / "huge.json", lot)
    result = _run(str(path), "-e", "Lot")
    assert result.exit_code == 1
    assert "SCH-004" in result.output
    assert len(result.output) < 10_000


# ----------------------------------------------------------------------------- exit 2
def _assert_usage_error(result: Result, rule_id: str | None = None) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""  # nothing that looks like a report
    if rule_id is not None:
        assert rule_id in result.stderr


def test_unknown_entity_exit_2() -> None:
    result = _run(str(EXAMPLES / "lot.json"), "--entity", "Batch")
    _assert_usage_error(result, "SCH-010")
    assert "Lot" in result.stderr  # names what would have been valid


def test_entity_is_required() -> None:
    result = _run(str(EXAMPLES / "lot.json"))
    assert result.exit_code == 2


def test_no_file_is_a_usage_error() -> None:
    assert _run("--entity", "Lot").exit_code == 2


def test_missing_file_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    result = _run(str(missing), "-e", "Lot")
    _assert_usage_error(result, "IO-001")
    assert str(missing) in result.stderr


def test_directory_exit_2(tmp_path: Path) -> None:
    result = _run(str(tmp_path), "-e", "Lot")
    _assert_usage_error(result, "IO-001")
    assert str(tmp_path) in result.stderr


@pytest.mark.parametrize(
    ("content", "rule_id"),
    [
        pytest.param(b"\xff\xfe\x00\x01garbage\x80\x81", "IO-002", id="garbage-bytes"),
        pytest.param(b'{"id": "0000451201", "material": "\xe9t\xe9"}', "IO-002", id="latin-1"),
        pytest.param(b'{"id": "0000451201", "quantity": {"value": "12', "IO-003", id="truncated"),
        pytest.param(b'[{"id": "a"}, {"id": "b"}', "IO-003", id="truncated-array"),
        pytest.param(b'{"id": "a"} trailing', "IO-003", id="trailing-garbage"),
        pytest.param(b'{"id": "a", "quantity": {"value": NaN, "unit": "KGM"}}', "IO-004",
                     id="nan-literal"),
        pytest.param(b'{"quantity": {"value": Infinity, "unit": "KGM"}}', "IO-004",
                     id="infinity-literal"),
        pytest.param(b'[{"q": -Infinity}]', "IO-004", id="minus-infinity-in-array"),
        pytest.param(b"[" * 100_000, "IO-005", id="deep-array-unclosed"),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, "IO-005", id="deep-array-closed"),
        pytest.param(b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "IO-005",
                     id="deep-array-in-object"),
        pytest.param(b"", "IO-007", id="empty"),
        pytest.param(b"  \n\t\n", "IO-007", id="whitespace-only"),
    ],
)
def test_unreadable_input_exit_2(tmp_path: Path, content: bytes, rule_id: str) -> None:
    path = tmp_path / "input.json"
    path.write_bytes(content)
    result = _run(str(path), "-e", "Lot")
    _assert_usage_error(result, rule_id)
    assert str(path) in result.stderr


def test_unreadable_second_file_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": ', encoding="utf-8")
    result = _run(str(EXAMPLES / "lot.json"), str(broken), "-e", "Lot")
    _assert_usage_error(result, "IO-003")


def test_truncated_last_line_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "lots.jsonl"
    lots = _load("lot")
    path.write_text(
        json.dumps(lots[0]) + "\n" + json.dumps(lots[1]) + "\n" + json.dumps(lots[2])[:40],
        encoding="utf-8",
    )
    result = _run(str(path), "-e", "Lot")
    _assert_usage_error(result, "IO-003")
    assert f"{path}:3" in result.stderr


def test_truncated_json_lines_record_names_its_own_line(tmp_path: Path) -> None:
    """A JSON Lines record cut short on line 2 is reported at line 2, not at the good line 3."""
    path = tmp_path / "lots.jsonl"
    lots = _load("lot")
    second = json.dumps(lots[1])
    cut = second[: second.index('"plant"')]  # ends after a comma, outside any string
    path.write_text(
        json.dumps(lots[0]) + "\n" + cut + "\n" + json.dumps(lots[2]) + "\n", encoding="utf-8"
    )
    result = _run(str(path), "-e", "Lot")
    _assert_usage_error(result, "IO-003")
    assert re.search(rf"{re.escape(str(path))}:2\b|line 2\b", result.stderr), result.stderr


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(_load("lot")).encode("utf-8"))
    assert _run(str(path), "-e", "Lot").exit_code == 0


# ----------------------------------------------------------------------------- read again
def _shift_log(tmp_path: Path) -> Path:
    """A Polish line terminal's state log over two files, written by time of upload: the
    changes of press ``PL03-PRASA-2`` come out of start order (one overlaps), one record is
    malformed and one is given as a JSON array file beside the JSON Lines one."""
    base = {"plant": "PL03", "resource": "PL03-PRASA-2", "order": "PL03/ZP/2026/0417"}
    rows = [
        {"id": "PL-S-3", "state": "running", "start": "2026-03-02T10:00:00+01:00",
         "end": "2026-03-02T12:00:00+01:00"},
        {"id": "PL-S-1", "state": "running", "start": "2026-03-02T06:00:00+01:00",
         "end": "2026-03-02T08:30:00+01:00"},
        {"id": "PL-S-X", "state": "running", "start": "wczoraj"},
        {"id": "PL-S-2", "state": "down", "reason_code": "AWARIA-NARZ",
         "start": "2026-03-02T07:15:00Z", "end": "2026-03-02T09:00:00Z",
         "comment": "pęknięta matryca, wymiana"},
        {"id": "PL-S-9", "resource": "PL03-SUSZARKA", "state": "available",
         "start": "2026-03-02T05:00:00+01:00"},
    ]
    path = tmp_path / "zmiana-A.jsonl"
    path.write_text("".join(json.dumps({**base, **row}, ensure_ascii=False) + "\n" for row in rows),
                    encoding="utf-8")
    return path


def test_states_out_of_start_order_are_read_again_with_the_same_findings(tmp_path: Path) -> None:
    from canonical.reading import iter_located
    from canonical.validation.validate import validate_stream

    path = _shift_log(tmp_path)
    result = _run(str(path), "-e", "EquipmentStateChange", "--format", "json")
    assert result.exit_code == 1, result.output
    found = [(f["rule_id"], f["line"], f["message"]) for f in json.loads(result.stdout)["findings"]]
    kept = [(f.rule_id, f.line, f.message)  # the library keeping every change, never rereading
            for f in validate_stream(iter_located(path, label=str(path)), "EquipmentStateChange")]
    assert found == kept
    assert [(rule, line) for rule, line, _ in found if rule == "EQS-003"] == [("EQS-003", 4)]


def test_a_file_changed_before_it_is_read_again_is_io_080(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from canonical.cli import validate as command

    path = _shift_log(tmp_path)
    stamps = iter([(1, 1, 1), (2, 2, 2)])  # as if appended to after the first read
    monkeypatch.setattr(command, "_stamp", lambda p: next(stamps))
    result = _run(str(path), "-e", "EquipmentStateChange")
    assert result.exit_code == 2
    assert "IO-080" in result.output and "zmiana-A.jsonl" in result.output
