"""The spec diff: every change kind of a mapping spec, found, classified and located."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from gitrepo import git

from canonical.changes import Bump, Verdict
from canonical.changes.render import render
from canonical.errors import PlantDiffRefusedError
from canonical.mapping.diff import diff_plants
from canonical.mapping.plant_rules import KINDS

from .builders import make_plant

SPEC = """\
# Rueckmeldungen aus dem Leitstand (Halle 3)
spec_version: 1
system: MES
entity: InventoryTransaction
direction: inbound
owner: MES-Team
description: Buchungen aus dem Leitstand.
as_of: posted_at
decimal_comma: true
unknown_fields: error
fields:
  id: buchung
  type: {path: art, values: {VERBRAUCH: goods_issue, ZUGANG: goods_receipt, AUSSCHUSS: scrap}}
  plant: {value: P1}
  material: {path: material, table: materials, normalise: materials}
  order: {path: auftrag, prefix: "P1-"}
  quantity: {quantity: {value: menge, unit: einheit, to_base_unit: material}}
  posted_at: {path: zeitpunkt, format: iso, zone: Europe/Berlin}
  reason_code: {path: grund, default: NONE}
  lines:
    each: positionen
    fields:
      sequence: {path: pos, native: number}
constants:
  quelle: LEITSTAND
ignore: [kommentar]
"""
NAME = "MES.InventoryTransaction.inbound.yaml"

#: (edit: old text -> new text, expected kind, path after "specs/<file>/", changed line)
EDITS = [
    ("system: MES", "system: ERP", "spec_header_changed", "system", 3),
    ("entity: InventoryTransaction", "entity: Lot", "spec_header_changed", "entity", 4),
    ("direction: inbound", "direction: outbound", "spec_direction_changed", "direction", 5),
    ("  id: buchung\n", "  id: buchung\n  lot: charge\n", "spec_field_added", "fields/lot", 13),
    ("  id: buchung\n", "", "spec_field_removed", "fields/id", 11),
    ("id: buchung", "id: beleg", "spec_path_changed", "fields/id/path", 12),
    ("sequence: {path: pos,", "sequence: {path: posnr,", "spec_path_changed",
     "fields/lines/fields/sequence/path", 23),
    ("each: positionen", "each: zeilen", "spec_path_changed", "fields/lines/each", 21),
    ("AUSSCHUSS: scrap}", "AUSSCHUSS: scrap, UMBUCHUNG: transfer}", "spec_value_added",
     "fields/type/values/UMBUCHUNG", 13),
    (", AUSSCHUSS: scrap}", "}", "spec_value_removed", "fields/type/values/AUSSCHUSS", 13),
    ("AUSSCHUSS: scrap", "AUSSCHUSS: goods_issue", "spec_value_changed",
     "fields/type/values/AUSSCHUSS", 13),
    ("table: materials", "table: locations", "spec_table_changed", "fields/material/table", 15),
    ("normalise: materials", "normalise: lot", "spec_normalise_changed",
     "fields/material/normalise", 15),
    ('prefix: "P1-"', 'prefix: "P1/"', "spec_affix_changed", "fields/order/prefix", 16),
    ("auftrag, prefix", "auftrag, suffix: '-A', prefix", "spec_affix_changed",
     "fields/order/suffix", 16),
    ("unit: einheit", "unit: me", "spec_unit_changed", "fields/quantity/quantity/unit", 17),
    (", to_base_unit: material", "", "spec_unit_changed",
     "fields/quantity/quantity/to_base_unit", 17),
    ("value: menge", "value: anzahl", "spec_path_changed", "fields/quantity/quantity/value",
     17),
    ("format: iso", "format: '%Y%m%d%H%M%S'", "spec_format_changed",
     "fields/posted_at/format", 18),
    ("native: number", "native: string", "spec_format_changed",
     "fields/lines/fields/sequence/native", 23),
    ("zone: Europe/Berlin", "zone: Europe/Vienna", "spec_zone_changed",
     "fields/posted_at/zone", 18),
    ("decimal_comma: true", "decimal_comma: false", "spec_decimal_comma_changed",
     "decimal_comma", 9),
    ("as_of: posted_at", "as_of: created_at", "spec_as_of_changed", "as_of", 8),
    ("ignore: [kommentar]", "ignore: [kommentar, bearbeiter]", "spec_ignore_added", "ignore",
     26),
    ("ignore: [kommentar]", "ignore: []", "spec_ignore_removed", "ignore", 26),
    ("unknown_fields: error", "unknown_fields: ignore", "spec_unknown_fields_changed",
     "unknown_fields", 10),
    ("plant: {value: P1}", "plant: {value: P2}", "spec_constant_changed", "fields/plant/value",
     14),
    ("quelle: LEITSTAND", "quelle: MES", "spec_constant_changed", "constants/quelle", 25),
    ("default: NONE", "default: OTHER", "spec_default_changed", "fields/reason_code/default",
     19),
    ("unknown_fields: error\n", "unknown_fields: error\ndrop: [reason_code]\n",
     "spec_drop_changed", "drop", 11),
    ("    each: positionen\n", "    each: positionen\n    unique: sequence\n",
     "spec_rule_changed", "fields/lines/unique", 22),
    ("plant: {value: P1}", "plant: {path: werk}", "spec_rule_changed", "fields/plant", 14),
    ("spec_version: 1", "spec_version: 2", "spec_rule_changed", "spec_version", 2),
    ("Buchungen aus dem Leitstand.", "Buchungen des Leitstands.", "spec_description_changed",
     "description", 7),
    ("owner: MES-Team", "owner: Leitstand-Team", "spec_approval_changed", "owner", 6),
]


def _plants(tmp_path: Path, old: str, new: str, new_name: str = NAME) -> tuple[Path, Path]:
    folders = []
    for side, text, name in (("old", old, NAME), ("new", new, new_name)):
        folder = make_plant(tmp_path / side, {})
        (folder / "specs").mkdir()
        (folder / "specs" / name).write_text(text, encoding="utf-8")
        folders.append(folder)
    return folders[0], folders[1]


@pytest.mark.parametrize(("old", "new", "kind", "path", "line"), EDITS,
                         ids=[f"{e[2]}:{e[3]}" for e in EDITS])
def test_every_spec_change_kind(tmp_path: Path, old: str, new: str, kind: str, path: str,
                                line: int) -> None:
    assert old in SPEC
    a, b = _plants(tmp_path, SPEC, SPEC.replace(old, new, 1))
    changes = diff_plants(a, b).changes
    assert [(c.kind, c.path) for c in changes] == [(kind, f"specs/{NAME}/{path}")]
    change = changes[0]
    spec = KINDS[kind]
    assert change.rule_id == spec.id
    assert (change.consumer, change.producer) == (spec.consumer, spec.producer)
    assert change.bump == (Bump.MAJOR if change.breaking else spec.bump)
    assert change.file == f"{b}/specs/{NAME}" and change.line == line


@pytest.mark.parametrize("new", [
    SPEC.replace("id: buchung", "id: {path: buchung}"),  # shorthand spelled out
    SPEC.replace("id: buchung", "id: $.buchung"),  # the optional $. prefix
    SPEC.replace("# Rueckmeldungen", "# Rückmeldungen").replace("fields:\n", "fields:   # x\n"),
    SPEC.replace("  plant: {value: P1}\n", "").replace(
        "  id: buchung\n", "  id: buchung\n  plant:\n    value: P1\n"),  # order and style
])
def test_formatting_is_not_a_change(tmp_path: Path, new: str) -> None:
    a, b = _plants(tmp_path, SPEC, new)
    assert diff_plants(a, b).changes == ()


def test_spec_added_and_removed(tmp_path: Path) -> None:
    old = make_plant(tmp_path / "old", {})
    new = make_plant(tmp_path / "new", {})
    (new / "specs").mkdir()
    (new / "specs" / NAME).write_text(SPEC, encoding="utf-8")
    added = diff_plants(old, new).changes
    assert [(c.kind, c.path, c.rule_id, c.bump) for c in added] == [
        ("spec_added", f"specs/{NAME}", "MAP-320", Bump.MINOR)]
    removed = diff_plants(new, old).changes
    assert [(c.kind, c.breaking, c.rule_id) for c in removed] == [
        ("spec_removed", True, "MAP-321")]


def test_a_renamed_file_is_a_rename_not_a_removal(tmp_path: Path) -> None:
    a, b = _plants(tmp_path, SPEC, SPEC.replace("zone: Europe/Berlin", "zone: UTC"),
                   new_name="mes-buchungen.yaml")
    kinds = [(c.kind, c.path) for c in diff_plants(a, b).changes]
    assert kinds == [("spec_renamed", "specs/mes-buchungen.yaml"),
                     ("spec_zone_changed", "specs/mes-buchungen.yaml/fields/posted_at/zone")]


def test_a_swap_is_named_and_breaking(tmp_path: Path) -> None:
    swapped = SPEC.replace("VERBRAUCH: goods_issue, ZUGANG: goods_receipt",
                           "VERBRAUCH: goods_receipt, ZUGANG: goods_issue")
    a, b = _plants(tmp_path, SPEC, swapped)
    log = diff_plants(a, b)
    assert [c.kind for c in log.changes] == ["spec_value_changed"] * 2
    assert all(c.breaking and c.consumer is Verdict.BREAKING for c in log.changes)
    assert "swapped with 'ZUGANG'" in log.changes[0].message
    assert log.bump is Bump.MAJOR


def test_a_spec_that_is_not_yaml_refuses_the_diff(tmp_path: Path) -> None:
    a, b = _plants(tmp_path, SPEC, SPEC + "fields: [unclosed\n")
    with pytest.raises(PlantDiffRefusedError) as caught:
        diff_plants(a, b)
    assert caught.value.report.errors[0].file == f"{b}/specs/{NAME}"


def test_swapped_values_in_the_shipped_de01_spec(tmp_path: Path) -> None:
    """The issue's example: consumption posted as a receipt is breaking, with file and line."""
    from canonical.resources import data_dir

    new = shutil.copytree(data_dir("mappings") / "DE01", tmp_path / "DE01",
                          ignore=shutil.ignore_patterns("releases"))
    spec = new / "specs" / "MES_DE.InventoryTransaction.inbound.yaml"
    text = spec.read_text(encoding="utf-8")
    swapped = text.replace("VERBRAUCH: goods_issue, ZUGANG: goods_receipt",
                           "VERBRAUCH: goods_receipt, ZUGANG: goods_issue")
    assert swapped != text
    spec.write_text(swapped, encoding="utf-8")
    line = 1 + swapped[: swapped.index("VERBRAUCH")].count("\n")
    log = diff_plants("DE01", new)
    assert [(c.kind, c.breaking, c.file, c.line) for c in log.changes] == [
        ("spec_value_changed", True, str(spec), line)] * 2
    assert log.bump is Bump.MAJOR
    github = render(log, "github")
    assert f"::error file={spec},line={line}," in github


def test_git_revisions_carry_the_specs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:

    repo = tmp_path / "repo"
    a, _ = _plants(repo / "mappings", SPEC, SPEC)
    monkeypatch.chdir(repo)

    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "one")
    spec = a / "specs" / NAME
    spec.write_text(SPEC.replace("zone: Europe/Berlin", "zone: UTC"), encoding="utf-8")
    git(repo, "commit", "-qam", "two")
    log = diff_plants("git:HEAD~1:mappings/old/P1", "git:HEAD:mappings/old/P1")
    assert [c.kind for c in log.changes] == ["spec_zone_changed"]
    github = render(log, "github")
    assert f"file=mappings/old/P1/specs/{NAME},line=18," in github  # the checkout's path


def test_cli_diff_fails_on_breaking_by_default(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from canonical.cli import cli

    swapped = SPEC.replace("VERBRAUCH: goods_issue, ZUGANG: goods_receipt",
                           "VERBRAUCH: goods_receipt, ZUGANG: goods_issue")
    a, b = _plants(tmp_path, SPEC, swapped)
    runner = CliRunner()
    result = runner.invoke(cli, ["mappings", "diff", str(a), str(b), "--format", "github"])
    assert result.exit_code == 1  # breaking: fails without --fail-on, as canon schema diff
    assert f"::error file={b}/specs/{NAME},line=13,title=spec_value_changed" in result.output
    assert runner.invoke(cli, ["mappings", "diff", str(a), str(b), "--fail-on",
                               "none"]).exit_code == 0
    compatible = SPEC.replace("AUSSCHUSS: scrap}", "AUSSCHUSS: scrap, UMBUCHUNG: transfer}")
    c, d = _plants(tmp_path / "2", SPEC, compatible)
    assert runner.invoke(cli, ["mappings", "diff", str(c), str(d)]).exit_code == 0
    assert runner.invoke(cli, ["mappings", "diff", str(c), str(d), "--fail-on",
                               "any"]).exit_code == 1


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "junit", "github"])
def test_every_output_format_shows_spec_changes(tmp_path: Path, fmt: str) -> None:
    import json

    import jsonschema

    a, b = _plants(tmp_path, SPEC, SPEC.replace("zone: Europe/Berlin", "zone: Europe/Vienna"))
    out = render(diff_plants(a, b), fmt)
    assert f"specs/{NAME}/fields/posted_at/zone" in out
    if fmt == "json":
        schema = Path(__file__).resolve().parents[2] / "schemas" / "changelog-report.schema.json"
        report = json.loads(out)
        jsonschema.validate(report, json.loads(schema.read_text(encoding="utf-8")))
        change = report["changes"][0]
        assert (change["rule_id"], change["line"]) == ("MAP-336", 18)
    if fmt in ("text", "github"):
        assert f"{b}/specs/{NAME}" in out and "18" in out


def test_every_change_kind_has_a_case() -> None:
    """A new change kind without a test case here fails this test."""
    from .test_b2mmldiff import EDITS as B2MML_EDITS
    from .test_plant_diff_kinds import PLANT_EDITS

    covered = {e[2] for e in EDITS} | {e[2] for e in PLANT_EDITS} | {e[3] for e in B2MML_EDITS} | {
        "spec_added", "spec_removed", "spec_renamed",      # test_spec_added_and_removed, rename
        "system_removed", "row_added", "row_removed", "row_changed"}  # test_plant_diff_kinds
    assert covered == set(KINDS)
