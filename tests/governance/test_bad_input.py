"""Bad schemas and sources: exit 2 with one clear line naming the rule and the source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from gitrepo import git

from canonical.cli.governance import diff_command
from canonical.errors import SchemaLoadError
from canonical.governance.diff import load_facts

from .builders import write_schema

GOOD = {"classes": {"A": {"attributes": {"a": {}}}}}


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


BAD: dict[str, tuple[str, str]] = {
    "not_yaml": ("id: x\nname: [unclosed\n", "GOV-001"),
    "not_a_mapping": ("- just\n- a list\n", "GOV-002"),
    "missing_id": ("name: x\nversion: 1.0.0\n", "GOV-002"),
    "unknown_linkml_key": (
        "id: https://e.org/x\nname: x\nversion: 1.0.0\nclasses:\n  A:\n    colour: red\n",
        "GOV-002",
    ),
    "classes_not_mapping": ("id: https://e.org/x\nname: x\nversion: 1.0.0\nclasses: [A]\n",
                            "GOV-002"),
    "undefined_range": (
        "id: https://e.org/x\nname: x\nversion: 1.0.0\nimports: [linkml:types]\n"
        "classes:\n  A:\n    attributes:\n      a: {range: Nowhere}\n", "GOV-002",
    ),
    "unresolved_import": (
        "id: https://e.org/x\nname: x\nversion: 1.0.0\nimports: [linkml:types, ./missing]\n",
        "GOV-003",
    ),
    "cyclic_inheritance": (
        "id: https://e.org/x\nname: x\nversion: 1.0.0\nimports: [linkml:types]\n"
        "classes:\n  A: {is_a: B}\n  B: {is_a: C}\n  C: {is_a: A}\n", "GOV-004",
    ),
    "cyclic_mixins": (
        "id: https://e.org/x\nname: x\nversion: 1.0.0\nclasses:\n  A: {mixins: [A]}\n",
        "GOV-004",
    ),
    "missing_version": ("id: https://e.org/x\nname: x\nimports: [linkml:types]\n", "GOV-005"),
    "bad_version": ("id: https://e.org/x\nname: x\nversion: '1.0'\n", "GOV-005"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_schema_raises_with_rule(tmp_path: Path, case: str) -> None:
    text, rule_id = BAD[case]
    path = _write(tmp_path, f"{case}.yaml", text)
    with pytest.raises(SchemaLoadError) as info:
        load_facts(path)
    assert info.value.rule_id == rule_id
    assert str(path) in str(info.value)


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_schema_cli_exit_2(tmp_path: Path, case: str) -> None:
    text, rule_id = BAD[case]
    bad = _write(tmp_path, f"{case}.yaml", text)
    good = write_schema(tmp_path, "good.yaml", GOOD)
    result = CliRunner().invoke(diff_command, [str(good), str(bad)])
    assert result.exit_code == 2, result.output
    assert f"[{rule_id}]" in result.output
    assert "Traceback" not in result.output


def test_cycle_message_names_the_cycle(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.yaml", BAD["cyclic_inheritance"][0])
    with pytest.raises(SchemaLoadError, match="A -> B -> C -> A"):
        load_facts(path)


def test_not_yaml_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "n.yaml", "id: x\nname: x\nversion: 1.0.0\nclasses: {A: [\n")
    with pytest.raises(SchemaLoadError, match="line 5"):
        load_facts(path)


@pytest.mark.parametrize(
    ("spec", "rule_id"),
    [
        ("does/not/exist.yaml", "GOV-006"),
        ("9.9.9", "GOV-006"),
        ("git:no-such-revision-xyz:schemas/canonical.yaml", "GOV-006"),
        ("git:HEAD", "IO-030"),  # malformed: one validated git reader
    ],
)
def test_missing_sources_exit_2(tmp_path: Path, spec: str, rule_id: str) -> None:
    good = write_schema(tmp_path, "good.yaml", GOOD)
    result = CliRunner().invoke(diff_command, [spec, str(good)])
    assert result.exit_code == 2, result.output
    assert f"[{rule_id}]" in result.output


def test_git_revision_with_local_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    (repo / "schemas").mkdir(parents=True)
    (repo / "schemas" / "common.yaml").write_text(
        "id: https://e.org/common\nname: common\nimports: [linkml:types]\n"
        "classes:\n  Base:\n    attributes:\n      id: {identifier: true}\n", encoding="utf-8")
    main = repo / "schemas" / "main.yaml"
    main.write_text(
        "id: https://e.org/main\nname: main\nversion: 1.0.0\nimports: [linkml:types, common]\n"
        "classes:\n  A:\n    is_a: Base\n    attributes:\n      a: {}\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "v1")
    # the working copy gains a slot in the imported base class
    (repo / "schemas" / "common.yaml").write_text(
        "id: https://e.org/common\nname: common\nimports: [linkml:types]\n"
        "classes:\n  Base:\n    attributes:\n      id: {identifier: true}\n      note: {}\n",
        encoding="utf-8")
    main.write_text(main.read_text().replace("1.0.0", "1.1.0"), encoding="utf-8")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(
        diff_command, ["git:HEAD:schemas/main.yaml", "schemas/main.yaml", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    # the slot added to the imported base class is one change, listing both classes
    assert [(c["path"], c["affects"]) for c in data["changes"]] == [("Base.note", ["A", "Base"])]
    assert data["old_version"] == "1.0.0"
