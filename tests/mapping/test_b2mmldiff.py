"""The plant diff of B2MML files: overrides over the standard spec and b2mml.yaml defaults."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from gitrepo import git

from canonical.changes import Bump, Changelog, Verdict
from canonical.changes.render import render
from canonical.errors import PlantDiffRefusedError
from canonical.mapping.diff import diff_plants
from canonical.resources import data_dir

OVERRIDE = "b2mml/V0600/schedules.yaml"
#: PL03 (Wrocław): its MES keys the planned amount "Ilość planowana" and sends Polish states.
SCHEDULES = """\
# Harmonogramy z MES hali odlewni (V0600)
b2mml_spec: 1
version: V0600
family: schedules
records:
  order:
    fields:
      status: {words: {Zwolnione: released, Planowane: created}}
      priority: null
    segments:
      produced:
        ordered_quantity: {keys: [Ilość planowana, Ilosc]}
"""
DEFAULTS = """\
source_systems:
  MES_PL:
    lot_status: released
    unit: KGM
    amount_keys: [Ilość]
"""

#: (file, edit: old text -> new text, kind, path after the file name, line, breaking)
EDITS = [
    (OVERRIDE, "Zwolnione: released", "Zwolnione: created", "override_mapping_changed",
     "records/order/fields/status/words/Zwolnione", 8, True),
    (OVERRIDE, "Zwolnione: released, ", "", "override_mapping_removed",
     "records/order/fields/status/words/Zwolnione", 8, True),
    (OVERRIDE, "Planowane: created}", "Planowane: created, Wstrzymane: hold}",
     "override_mapping_added", "records/order/fields/status/words/Wstrzymane", 8, False),
    (OVERRIDE, "[Ilość planowana, Ilosc]", "[Ilość planowana]", "override_mapping_removed",
     "records/order/segments/produced/ordered_quantity/keys", 12, True),
    (OVERRIDE, "[Ilość planowana, Ilosc]", "[Ilość planowana, Ilosc, Menge]",
     "override_mapping_added", "records/order/segments/produced/ordered_quantity/keys", 12, False),
    (OVERRIDE, "[Ilość planowana, Ilosc]", "[Ilosc, Ilość planowana]", "override_mapping_changed",
     "records/order/segments/produced/ordered_quantity/keys", 12, True),
    # removing the null brings the standard's priority field back: an added mapping
    (OVERRIDE, "      priority: null\n", "", "override_mapping_added",
     "records/order/fields/priority", 7, False),
    # a new field read from a property, optional: minor; required: breaks producers
    (OVERRIDE, "      priority: null\n", "      priority: null\n      notes: {property: "
     "uwagi, kind: text}\n", "override_mapping_added", "records/order/fields/notes", 10, False),
    (OVERRIDE, "      priority: null\n", "      priority: null\n      notes: {property: "
     "uwagi, kind: text, required: true}\n", "override_mapping_added",
     "records/order/fields/notes", 10, True),
    # overriding what the standard reads (RequestState) is a changed target
    (OVERRIDE, "status: {words:", "status: {path: Stan, words:", "override_mapping_changed",
     "records/order/fields/status/path", 8, True),
    ("b2mml.yaml", "lot_status: released", "lot_status: quarantine", "declared_default_changed",
     "source_systems/MES_PL/lot_status", 3, True),
    ("b2mml.yaml", "    unit: KGM\n", "", "declared_default_removed",
     "source_systems/MES_PL/unit", 2, True),
    ("b2mml.yaml", "[Ilość]", "[]", "declared_default_removed",
     "source_systems/MES_PL/amount_keys", 5, True),
    ("b2mml.yaml", "[Ilość]", "[Ilość, Menge]", "declared_default_added",
     "source_systems/MES_PL/amount_keys", 5, False),
    ("b2mml.yaml", "    unit: KGM\n", "    unit: KGM\n    order_status: released\n",
     "declared_default_added", "source_systems/MES_PL/order_status", 5, False),
]


def _plant(root: Path, name: str, files: dict[str, str]) -> Path:
    folder = shutil.copytree(data_dir("mappings") / "PL03", root / name / "PL03",
                             ignore=shutil.ignore_patterns("releases"))
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def _pair(tmp_path: Path, old: dict[str, str], new: dict[str, str]) -> tuple[Path, Path]:
    return _plant(tmp_path, "was", old), _plant(tmp_path, "now", new)


BOTH = {OVERRIDE: SCHEDULES, "b2mml.yaml": DEFAULTS}


@pytest.mark.parametrize(("file", "old", "new", "kind", "path", "line", "breaking"), EDITS,
                         ids=[f"{e[3]}-{i}" for i, e in enumerate(EDITS)])
def test_every_edit_is_found_classified_and_located(
        tmp_path: Path, file: str, old: str, new: str, kind: str, path: str, line: int,
        breaking: bool) -> None:
    text = BOTH[file]
    assert old in text
    a, b = _pair(tmp_path, BOTH, {**BOTH, file: text.replace(old, new, 1)})
    log = diff_plants(a, b)
    assert [(c.kind, c.path) for c in log.changes] == [(kind, f"{file}/{path}")]
    change = log.changes[0]
    assert (change.file, change.line) == (f"{b}/{file}", line)
    assert change.breaking is breaking
    assert log.bump is (Bump.MAJOR if breaking else Bump.MINOR)
    assert change.rule_id.startswith("MAP-40")


def test_comments_formatting_and_key_order_are_no_change(tmp_path: Path) -> None:
    reformatted = SCHEDULES.replace("# Harmonogramy", "# Harmonogramy (sprawdzone)").replace(
        "status: {words: {Zwolnione: released, Planowane: created}}",
        "status:\n        words:\n          Planowane: created   # plan\n"
        "          Zwolnione: 'released'")
    a, b = _pair(tmp_path, BOTH, {OVERRIDE: reformatted, "b2mml.yaml": DEFAULTS.replace(
        "    unit: KGM\n    amount_keys: [Ilość]\n", "    amount_keys:\n      - Ilość\n"
        "    unit: \"KGM\"\n")})
    assert diff_plants(a, b).changes == ()


def test_an_override_equal_to_the_standard_changes_nothing(tmp_path: Path) -> None:
    """The reader uses the standard merged with the override: restating it is no change."""
    same = ("b2mml_spec: 1\nversion: V0600\nfamily: schedules\nrecords:\n  order:\n"
            "    fields:\n      priority: {path: Priority, kind: integer}\n")
    a, b = _pair(tmp_path, {}, {OVERRIDE: same})
    assert diff_plants(a, b).changes == ()


def test_adding_and_removing_the_files(tmp_path: Path) -> None:
    a, b = _pair(tmp_path, {}, BOTH)
    added = diff_plants(a, b)
    kinds = {(c.kind, c.path.split("/")[-1]) for c in added.changes}
    assert {("override_mapping_removed", "priority"), ("override_mapping_added", "keys"),
            ("declared_default_added", "lot_status"), ("declared_default_added", "unit"),
            ("declared_default_added", "amount_keys")} <= kinds
    words = [c for c in added.changes if c.path.endswith("words/Zwolnione")]
    assert [c.kind for c in words] == ["override_mapping_added"]
    removed = diff_plants(b, a)  # back to the standard: what the plant added stops mapping
    assert {c.kind for c in removed.changes if c.path.startswith("b2mml.yaml")} == {
        "declared_default_removed"}
    gone = [c for c in removed.changes if c.path.endswith("words/Zwolnione")]
    assert [(c.kind, c.file, c.line) for c in gone] == [
        ("override_mapping_removed", f"{b}/{OVERRIDE}", None)]  # the file exists on no new side


def test_the_what_text_is_documentation(tmp_path: Path) -> None:
    a, b = _pair(tmp_path, {}, {OVERRIDE: "b2mml_spec: 1\nversion: V0600\nfamily: schedules\n"
                                "records:\n  order:\n    fields:\n"
                                "      status: {what: stan zlecenia (RequestState)}\n"})
    (change,) = diff_plants(a, b).changes
    assert (change.kind, change.bump, change.consumer) == (
        "override_mapping_changed", Bump.PATCH, Verdict.COMPATIBLE)


def test_an_unreadable_b2mml_file_refuses_the_diff(tmp_path: Path) -> None:
    a, b = _pair(tmp_path, BOTH, {**BOTH, "b2mml.yaml": DEFAULTS + "    unit: GRM\n"})
    with pytest.raises(PlantDiffRefusedError) as refused:
        diff_plants(a, b)
    assert any(f.file == f"{b}/b2mml.yaml" and f.line for f in refused.value.report)


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_every_output_format_shows_b2mml_changes(tmp_path: Path, fmt: str) -> None:
    a, b = _pair(tmp_path, BOTH, {**BOTH, OVERRIDE: SCHEDULES.replace(
        "Zwolnione: released", "Zwolnione: created")})
    out = render(diff_plants(a, b), fmt)
    assert f"{OVERRIDE}/records/order/fields/status/words/Zwolnione" in out
    if fmt == "json":
        (change,) = json.loads(out)["changes"]
        assert (change["rule_id"], change["line"], change["breaking"]) == ("MAP-402", 8, True)


def test_git_sides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    folder = _plant(repo, "mappings", BOTH)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "v1")
    (folder / OVERRIDE).write_text(SCHEDULES.replace("Zwolnione: released, ", ""),
                                   encoding="utf-8")
    (folder / "b2mml.yaml").write_text(DEFAULTS.replace("KGM", "TNE"), encoding="utf-8")
    git(repo, "commit", "-qam", "v2")
    monkeypatch.chdir(repo)
    log: Changelog = diff_plants("git:HEAD~1:mappings/PL03", "git:HEAD:mappings/PL03")
    assert [(c.kind, c.path) for c in log.changes] == [
        ("declared_default_changed", "b2mml.yaml/source_systems/MES_PL/unit"),
        ("override_mapping_removed", f"{OVERRIDE}/records/order/fields/status/words/Zwolnione")]
    assert diff_plants("git:HEAD:mappings/PL03", folder).changes == ()


def test_cli_fails_on_a_breaking_b2mml_change(tmp_path: Path) -> None:
    import jsonschema
    from click.testing import CliRunner

    from canonical.cli import cli

    a, b = _pair(tmp_path, BOTH, {**BOTH, "b2mml.yaml": DEFAULTS.replace("    unit: KGM\n", "")})
    runner = CliRunner()
    result = runner.invoke(cli, ["mappings", "diff", str(a), str(b), "--format", "json"])
    assert result.exit_code == 1  # --fail-on defaults to breaking
    schema = Path(__file__).resolve().parents[2] / "schemas" / "changelog-report.schema.json"
    report = json.loads(result.output)
    jsonschema.validate(report, json.loads(schema.read_text(encoding="utf-8")))
    assert [c["rule_id"] for c in report["changes"]] == ["MAP-404"]
    a, b = _pair(tmp_path / "minor", BOTH, {**BOTH, "b2mml.yaml": DEFAULTS + "    order_status: "
                                            "released\n"})
    assert runner.invoke(cli, ["mappings", "diff", str(a), str(b)]).exit_code == 0
