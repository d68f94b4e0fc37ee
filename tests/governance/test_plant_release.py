"""The plant release check (MAP-380..389) and cutting plant releases."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from gitrepo import git

from canonical.cli import cli
from canonical.errors import PlantReleaseError
from canonical.governance.plant_release import check_plant_release, cut_plant_release
from canonical.mapping.approve import approve_b2mml, approve_spec
from canonical.mapping.b2mmlapprovals import LEDGER
from canonical.mapping.snapshots import released_versions
from canonical.resources import data_dir

SPEC = "MES_DE.InventoryTransaction.inbound.yaml"
SWAP = ("VERBRAUCH: goods_issue, ZUGANG: goods_receipt",
        "VERBRAUCH: goods_receipt, ZUGANG: goods_issue")


@pytest.fixture
def de01(tmp_path: Path) -> Path:
    """DE01 as released in 2025.4.0 (the shipped folder may carry unreleased changes)."""
    folder = shutil.copytree(data_dir("mappings") / "DE01", tmp_path / "DE01")
    released = folder / "releases" / "2025.4.0" / "DE01"
    for item in list(folder.iterdir()):
        if item.name in ("releases", "CHANGELOG.md"):
            continue
        shutil.rmtree(item) if item.is_dir() else item.unlink()
    for item in released.iterdir():
        (shutil.copytree if item.is_dir() else shutil.copy2)(item, folder / item.name)
    for later in (folder / "releases").iterdir():  # releases cut after 2025.4.0 did not exist yet
        if later.is_dir() and later.name != "2025.4.0":
            shutil.rmtree(later)
    changelog = folder / "CHANGELOG.md"
    head, _, rest = changelog.read_text(encoding="utf-8").partition("\n## [")
    released_part = rest[rest.index("2025.4.0]"):]
    changelog.write_text(f"{head}\n## [{released_part}", encoding="utf-8")
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _version(folder: Path, version: str, *, changelog: bool = True) -> None:
    text = (folder / "plant.yaml").read_text(encoding="utf-8")
    old = text.split('version: "', 1)[1].split('"', 1)[0]
    _edit(folder / "plant.yaml", f'version: "{old}"', f'version: "{version}"')
    if changelog:
        _edit(folder / "CHANGELOG.md", "\n## [", f"\n## [{version}] - 2026-12-06\n\n### Changed\n"
              "- Werk: Buchungsarten VERBRAUCH/ZUGANG neu zugeordnet.\n\n## [")


@pytest.mark.parametrize("plant", ["DE01", "US02"])
def test_shipped_plants_pass(plant: str) -> None:
    result = check_plant_release(plant)
    assert result.ok, [f.render() for f in result.log.findings]
    # unreleased changes come with a bumped version (the lead cuts the release)
    assert (result.log.changes == ()) == (result.base == result.version)


def test_swapped_values_need_a_major_bump(de01: Path) -> None:
    """The issue's example, end to end: fails until the version takes a major bump."""
    _edit(de01 / "specs" / SPEC, *SWAP)
    first = check_plant_release(de01)
    assert first.required.value == "major"
    assert sorted(first.log.findings.rule_ids()) == ["MAP-380", "MAP-388"]
    bump = next(f for f in first.log.findings if f.rule_id == "MAP-380")
    assert "2026.0.0" in bump.message and f"{SPEC}:" in bump.message  # where the change is
    assert (bump.file, bump.line) == (f"{de01}/plant.yaml", 8)  # located at `version:`
    _version(de01, "2025.5.0")  # a minor bump is not enough
    assert "MAP-380" in check_plant_release(de01).log.findings.rule_ids()
    _edit(de01 / "plant.yaml", '"2025.5.0"', '"2026.0.0"')
    _edit(de01 / "CHANGELOG.md", "[2025.5.0]", "[2026.0.0]")
    assert check_plant_release(de01).log.findings.rule_ids() == ["MAP-388"]  # not approved
    approve_spec(de01, SPEC, "b.keller", on=date(2026, 12, 6))
    assert check_plant_release(de01).ok
    target = cut_plant_release(de01)
    assert target.name == "2026.0.0" and released_versions(de01) == ["2025.4.0", "2026.0.0"]
    assert check_plant_release(de01).ok  # against its own release now: no changes


@pytest.mark.parametrize(("edit", "rule_id"), [
    (lambda f: _version(f, "2026.0.0", changelog=False), "MAP-381"),
    (lambda f: _version(f, "2024.1.0"), "MAP-384"),
    (lambda f: _version(f, "2025.4.1"), "MAP-385"),
    (lambda f: _edit(f / "plant.yaml", '"2025.4.0"', '"2025.4"'), "MAP-386"),
    (lambda f: _edit(f / "units.csv", "KG,KGM,2019-01-01,,approved,s.wagner,a.schmidt,,,",
                     "KG,KGM,2019-01-01,,approved,s.wagner,a.schmidt,,,,"), "MAP-389"),
    (lambda f: _edit(f / "releases" / "2025.4.0" / "DE01" / "units.csv", "KGM", "GRM"),
     "MAP-382"),
])
def test_release_findings(de01: Path, edit: object, rule_id: str) -> None:
    edit(de01)  # type: ignore[operator]
    assert rule_id in check_plant_release(de01).log.findings.rule_ids()


def test_an_unchanged_version_bump_only_warns(de01: Path) -> None:
    _version(de01, "2025.4.1")
    result = check_plant_release(de01)
    assert result.ok and result.log.findings.rule_ids() == ["MAP-385"]


def test_before_the_first_release_only_the_changelog_counts(de01: Path) -> None:
    shutil.rmtree(de01 / "releases")
    result = check_plant_release(de01)
    assert result.ok and result.log.findings.rule_ids() == ["MAP-383"]
    (de01 / "CHANGELOG.md").unlink()
    assert check_plant_release(de01).log.findings.rule_ids() == ["MAP-383", "MAP-381"]


def test_against_a_missing_release(de01: Path) -> None:
    result = check_plant_release(de01, against="2020.1.0")
    assert not result.ok and result.log.findings.rule_ids() == ["MAP-387"]


def test_against_a_git_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    folder = shutil.copytree(data_dir("mappings") / "DE01", repo / "mappings" / "DE01")
    monkeypatch.chdir(repo)

    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "2025.4.0")
    _edit(folder / "specs" / SPEC, *SWAP)
    result = check_plant_release(folder, against="git:HEAD")
    assert result.base == "git:HEAD:mappings/DE01"
    assert "MAP-380" in result.log.findings.rule_ids()
    assert [c.kind for c in result.log.changes] == ["spec_value_changed"] * 2


def test_an_unquoted_version_is_reported_as_a_number(de01: Path) -> None:
    _edit(de01 / "plant.yaml", 'version: "2025.4.0"', "version: 2025.1")
    [finding] = [f for f in check_plant_release(de01).log.findings if f.rule_id == "MAP-386"]
    assert "float 2025.1" in finding.message and 'version: "2025.1.0"' in finding.message
    assert finding.line is not None and finding.file and finding.file.endswith("plant.yaml")


def test_a_removed_row_names_its_file_without_a_line(de01: Path) -> None:
    _edit(de01 / "units.csv", "SAP_ECC,KG,KGM,2019-01-01,,approved,s.wagner,a.schmidt,,,\n", "")
    [finding] = [f for f in check_plant_release(de01).log.findings if f.rule_id == "MAP-380"]
    assert "row_removed at " in finding.message and finding.message.endswith("units.csv)")
    assert ":None" not in finding.message


def test_an_edited_base_snapshot_is_named_once(de01: Path) -> None:
    _edit(de01 / "releases" / "2025.4.0" / "DE01" / "units.csv", "KGM", "GRM")
    result = check_plant_release(de01)
    assert result.log.findings.rule_ids() == ["MAP-382"] and result.base == "2025.4.0"
    shown = CliRunner().invoke(cli, ["mappings", "check-release", str(de01)])
    assert shown.exit_code == 1 and shown.output.count("[MAP-382]") == 1
    assert "(no release yet)" not in shown.output and "base 2025.4.0" in shown.output


def test_cli_check_release_and_release(de01: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(cli, ["mappings", "check-release", str(de01)])
    assert ok.exit_code == 0 and ": ok" in ok.output
    _edit(de01 / "specs" / SPEC, *SWAP)
    failed = runner.invoke(cli, ["mappings", "check-release", str(de01), "--format", "github"])
    assert failed.exit_code == 1
    assert f"file={de01}/specs/{SPEC},line=" in failed.output and "MAP-380" in failed.output
    refused = runner.invoke(cli, ["mappings", "release", str(de01)])
    assert refused.exit_code == 1 and "MAP-38" in refused.output
    assert released_versions(de01) == ["2025.4.0"]
    draft = runner.invoke(cli, ["mappings", "check-release", str(de01), "--against",
                                "2025.4.0"])
    assert "required bump major" in draft.output
    assert runner.invoke(cli, ["mappings", "check-release", "XX99"]).exit_code == 2


def test_release_refuses_to_overwrite(de01: Path) -> None:
    """A re-approval maps the same (no bump needed) but changes the files: 2025.4.0 stays."""
    approve_spec(de01, SPEC, "b.keller", on=date(2026, 12, 6))
    assert check_plant_release(de01).ok
    with pytest.raises(PlantReleaseError) as caught:
        cut_plant_release(de01)
    assert caught.value.rule_id == "MAP-382"


LOTS = "b2mml/V0600/lots.yaml"
LOT_OVERRIDE = """\
# Lager Halle 2 meldet Chargenstatus auf Deutsch
b2mml_spec: 1
version: V0600
family: lots
records:
  lot:
    fields:
      status: {words: {Freigegeben: released, Gesperrt: blocked}}
"""


def test_b2mml_files_are_released_and_governed(de01: Path) -> None:
    """A plant's B2MML override and defaults are diffed, bumped and pinned in the snapshot."""
    (de01 / "b2mml" / "V0600").mkdir(parents=True)
    (de01 / LOTS).write_text(LOT_OVERRIDE, encoding="utf-8")
    (de01 / "b2mml.yaml").write_text("source_systems:\n  B2MML:\n    unit: KGM\n",
                                      encoding="utf-8")
    first = check_plant_release(de01)
    assert first.required.value == "minor"  # words and a default added
    assert "MAP-380" in first.log.findings.rule_ids()
    assert {c.rule_id for c in first.log.changes} == {"MAP-400", "MAP-403"}
    _version(de01, "2025.5.0")
    unapproved = check_plant_release(de01).log.findings
    assert {(f.rule_id, f.cause_rule_id, f.value, f.line) for f in unapproved} == {
        ("MAP-388", "MAP-362", "b2mml.yaml", 1), ("MAP-388", "MAP-362", LOTS, 1)}
    (de01 / LEDGER).write_text(f"b2mml.yaml:\n  owner: a.wagner\n{LOTS}:\n  owner: a.wagner\n",
                               encoding="utf-8")
    for name in ("b2mml.yaml", LOTS):
        approve_b2mml(de01, name, "b.keller", on=date(2026, 12, 6))
    assert check_plant_release(de01).ok
    target = cut_plant_release(de01)
    sums = (target / "SHA256SUMS").read_text(encoding="utf-8")
    assert f"DE01/{LOTS}" in sums and "DE01/b2mml.yaml" in sums and f"DE01/{LEDGER}" in sums
    assert (target / "DE01" / LOTS).read_text(encoding="utf-8") == LOT_OVERRIDE
    # a word that maps elsewhere now is breaking: the next release needs a major bump
    _edit(de01 / LOTS, "Gesperrt: blocked", "Gesperrt: quarantine")
    again = check_plant_release(de01)
    assert again.required.value == "major"
    bump = next(f for f in again.log.findings if f.rule_id == "MAP-380")
    assert f"{LOTS}:" in bump.message
