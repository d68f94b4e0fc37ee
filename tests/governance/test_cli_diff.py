"""``canon schema diff``: every format, --fail-on levels, modes, waivers, release versions."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
from click.testing import CliRunner

from canonical.cli.governance import diff_command
from canonical.governance import release
from canonical.resources import data_file

from .builders import write_schema

OLD = {"classes": {"A": {"attributes": {"a": {}, "b": {}}}}}
NEW = {"classes": {"A": {"description": "An A.", "attributes": {"a": {}, "c": {}}}}}
REPORT_SCHEMA = json.loads(data_file("schemas", "changelog-report.schema.json").read_text())


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str]:
    return (str(write_schema(tmp_path, "old.yaml", OLD, "1.0.0")),
            str(write_schema(tmp_path, "new.yaml", NEW, "1.1.0")))


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(diff_command, list(args))
    return result.exit_code, result.output


def _json(pair: tuple[str, str], *extra: str) -> dict[str, object]:
    _, out = _run(*pair, "--format", "json", *extra)
    data = json.loads(out)
    jsonschema.validate(data, REPORT_SCHEMA)
    assert isinstance(data, dict)
    return data


def test_json_report(pair: tuple[str, str]) -> None:
    data = _json(pair)
    kinds = {c["kind"]: c for c in data["changes"]}  # type: ignore[union-attr]
    assert set(kinds) == {"slot.removed.optional", "slot.added.optional", "description.changed"}
    assert kinds["slot.removed.optional"]["breaking"] is True
    assert kinds["slot.removed.optional"]["path"] == "A.b"
    assert data["bump"] == "major" and data["mode"] == "backward"
    assert (data["old_version"], data["new_version"]) == ("1.0.0", "1.1.0")


@pytest.mark.parametrize(("mode", "breaking"), [("backward", {"A.b"}), ("forward", {"A.c"}),
                                                ("full", {"A.b", "A.c"})])
def test_modes_change_the_breaking_set(pair: tuple[str, str], mode: str,
                                       breaking: set[str]) -> None:
    data = _json(pair, "--mode", mode)
    assert {c["path"] for c in data["changes"] if c["breaking"]} == breaking  # type: ignore[union-attr,index]


@pytest.mark.parametrize(("fail_on", "code"), [("breaking", 1), ("any", 1), ("none", 0)])
def test_fail_on_levels(pair: tuple[str, str], fail_on: str, code: int) -> None:
    assert _run(*pair, "--fail-on", fail_on)[0] == code


def test_compatible_change_exits_0_unless_fail_on_any(tmp_path: Path) -> None:
    old = str(write_schema(tmp_path, "o.yaml", OLD, "1.0.0"))
    new = str(write_schema(tmp_path, "n.yaml", {"classes": {"A": {
        "description": "doc", "attributes": {"a": {}, "b": {}}}}}, "1.0.1"))
    assert _run(old, new)[0] == 0
    assert _run(old, new, "--fail-on", "any")[0] == 1
    assert _run(old, old)[0] == 0


def test_text_markdown_junit_github(pair: tuple[str, str]) -> None:
    code, text = _run(*pair)
    assert code == 1 and "FAIL" in text and "slot.removed.optional A.b" in text
    _, md = _run(*pair, "--format", "markdown")
    assert md.startswith("### schema 1.0.0 -> 1.1.0") and "| :x: |" in md
    _, xml = _run(*pair, "--format", "junit")
    suite = ElementTree.fromstring(xml).find("testsuite")
    assert suite is not None and suite.get("failures") == "1" and suite.get("tests") == "3"
    _, gh = _run(*pair, "--format", "github")
    errors = [line for line in gh.splitlines() if line.startswith("::error ")]
    assert len(errors) == 1 and f"file={pair[1]}" in errors[0]


def _waiver(change_id: str, expires: str) -> str:
    return (f"  - id: '{change_id}'\n    reason: b is unused\n    approver: qa\n"
            f"    date: 2026-01-01\n    expires: '{expires}'\n")


def test_waivers_through_cli(tmp_path: Path, pair: tuple[str, str]) -> None:
    removed = next(c for c in _json(pair)["changes"] if c["path"] == "A.b")  # type: ignore[union-attr,index]
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("waivers:\n" + _waiver(removed["id"], "2026-06-30")
                       + _waiver("0123456789ab", "2026-06-30"), encoding="utf-8")
    args = [*pair, "--waivers", str(waivers), "--as-of", "2026-03-01"]
    code, out = _run(*args, "--format", "json")
    data = json.loads(out)
    jsonschema.validate(data, REPORT_SCHEMA)
    assert code == 0 and data["bump"] == "minor"
    assert [f["rule_id"] for f in data["findings"]] == ["GOV-063"]
    code, out = _run(*pair, "--waivers", str(waivers), "--today", "2026-07-01")  # old spelling
    assert code == 1 and "GOV-062" in out and "GOV-063" in out
    assert "--today is deprecated; use --as-of" in out


def test_bad_waiver_file_exit_2(tmp_path: Path, pair: tuple[str, str]) -> None:
    waivers = tmp_path / "w.yaml"
    waivers.write_text("waivers: [", encoding="utf-8")
    code, out = _run(*pair, "--waivers", str(waivers))
    assert code == 2 and "[GOV-060]" in out
    code, out = _run(*pair, "--waivers", str(tmp_path / "missing.yaml"))
    assert code == 2 and "[GOV-060]" in out


def test_release_versions_resolve_to_snapshots(tmp_path: Path, pair: tuple[str, str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "releases"
    release.cut_snapshot(Path(pair[0]), root)
    monkeypatch.setattr(release, "releases_dir", lambda: root)
    data = _json(("1.0.0", pair[1]))
    assert data["old_source"] == "1.0.0" and data["old_version"] == "1.0.0"
    code, out = _run("1.2.0", pair[1])
    assert code == 2 and "released versions: 1.0.0" in out
