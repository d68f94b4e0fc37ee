"""Approvals of a plant's B2MML files (``b2mml-approvals.yaml``): the same findings as specs
(MAP-362..366), ``approve_b2mml`` (MAP-367 when refused), and the steward's whole loop through
the CLI, on a Czech foundry whose gateway sends lot states in Czech and whose approvals file
was saved on Windows (CRLF, comments, a hand-written draft record)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.cli import cli
from canonical.errors import ApprovalRefusedError
from canonical.governance.plant_release import check_plant_release
from canonical.mapping.approve import approve_b2mml, approve_spec
from canonical.mapping.b2mmlapprovals import LEDGER, b2mml_approval_findings
from canonical.mapping.b2mmldiff import read_b2mml_documents

LOTS = "b2mml/V0600/lots.yaml"
PLANT = """\
# Závod Ostrava (slévárna): MES brána posílá B2MML V0600
id: CZ03
name: Závod Ostrava (slévárna)
time_zone: Europe/Prague
version: "2026.1.0"
canonical_schema: "1.0.0"
owner: IT závodu CZ03
contact: mes-cz03@example.com
source_systems:
  SAP_S4:
    kind: erp
  MES_CZ:
    kind: mes
"""
UNITS = """\
source_system,source_code,canonical_code,valid_from,valid_to,status,owner,approved_by,note,factor,factor_unit
SAP_S4,KS,H87,2021-01-01,,approved,j.dvorak,e.novakova,kus,,
SAP_S4,KG,KGM,2021-01-01,,approved,j.dvorak,e.novakova,kilogram,,
"""
DEFAULTS = """\
# výchozí hodnoty pro dokumenty MES brány
source_systems:
  MES_CZ:
    lot_status: quarantine   # šarže bez Status čeká na laboratoř
    disposition: rework
    unit: KGM
"""
OVERRIDE = """\
# Stavy šarží z MES brány (česky)
b2mml_spec: 1
family: lots        # šarže a dílčí šarže
version: V0600
records:
  lot:
    fields:
      status:
        words:
          Uvolněno: released
          Blokováno: blocked
          "Karanténa": quarantine
"""
#: written by hand on Windows: CRLF, comments, a draft and an owner-only record
LEDGER_TEXT = (
    "# Schválení B2MML souborů závodu CZ03 (zapisuje canon mappings approve)\r\n"
    "b2mml.yaml:\r\n"
    "  owner: Jiří Dvořák\r\n"
    "\r\n"
    f"{LOTS}:\r\n"
    "  # autor: J. Dvořák, MES tým\r\n"
    "  owner: Jiří Dvořák\r\n"
    "  status: draft\r\n")
STEWARD = "Eva Nováková"


@pytest.fixture
def cz03(tmp_path: Path) -> Path:
    folder = tmp_path / "CZ03"
    (folder / "b2mml" / "V0600").mkdir(parents=True)
    (folder / "plant.yaml").write_text(PLANT, encoding="utf-8")
    (folder / "units.csv").write_text(UNITS, encoding="utf-8")
    (folder / "CHANGELOG.md").write_text(
        "# Changelog závodu CZ03\n\n## [2026.1.0] - 2026-11-02\n\n### Added\n"
        "- Stavy šarží z MES brány (V0600).\n", encoding="utf-8")
    (folder / "b2mml.yaml").write_text(DEFAULTS, encoding="utf-8")
    (folder / LOTS).write_text(OVERRIDE, encoding="utf-8")
    (folder / LEDGER).write_bytes(LEDGER_TEXT.encode("utf-8"))
    return folder


def _found(folder: Path, *, release: bool = False) -> list[tuple[str, str | None, int | None]]:
    found = b2mml_approval_findings(folder, "CZ03", "CZ03", release=release)
    return sorted((f.rule_id, f.value, f.line) for f in found)


def _approved(folder: Path) -> None:
    for name in ("b2mml.yaml", LOTS):
        approve_b2mml(folder, name, STEWARD, on=date(2026, 11, 2))


def test_each_file_is_found_where_its_approval_is_recorded(cz03: Path) -> None:
    assert _found(cz03) == [("MAP-362", "b2mml.yaml", 3), ("MAP-366", LOTS, 8)]
    (cz03 / LEDGER).unlink()  # nobody claimed the files: located at each file itself
    found = b2mml_approval_findings(cz03, "CZ03", "CZ03")
    assert sorted((f.rule_id, f.file, f.line) for f in found) == [
        ("MAP-362", "CZ03/b2mml.yaml", 1), ("MAP-362", f"CZ03/{LOTS}", 1)]


def test_an_approval_covers_what_the_file_says_not_how(cz03: Path) -> None:
    _approved(cz03)
    assert _found(cz03) == []
    # comments, quoting and flow style are not changes
    (cz03 / LOTS).write_text(OVERRIDE.replace("# Stavy", "# Stavy (ověřeno)").replace(
        '"Karanténa"', "Karanténa"), encoding="utf-8")
    assert _found(cz03) == []
    (cz03 / LOTS).write_text(OVERRIDE.replace("Blokováno: blocked", "Blokováno: quarantine"),
                             encoding="utf-8")
    assert _found(cz03) == [("MAP-363", LOTS, 15)]  # at its approved_fingerprint line
    assert _found(cz03, release=True) == [("MAP-363", LOTS, 15)]
    assert {f.severity.value for f in b2mml_approval_findings(
        cz03, "CZ03", "CZ03", release=True)} == {"error"}


@pytest.mark.parametrize(("ledger", "expected"), [
    ("- b2mml.yaml\n", {("MAP-364", None), ("MAP-362", "b2mml.yaml"), ("MAP-362", LOTS)}),
    (f"b2mml.yaml: Jiří Dvořák\n{LOTS}: {{owner: x, status: draft}}\n",
     {("MAP-364", None), ("MAP-362", "b2mml.yaml"), ("MAP-366", LOTS)}),
    (f"b2mml.yaml:\n  owner: x\n  status: schváleno\n{LOTS}:\n  owner: x\n"
     "b2mml/V0600/lot.yaml:\n  owner: x\n",  # a typo: names no file
     {("MAP-364", "b2mml.yaml"), ("MAP-364", None), ("MAP-362", LOTS)}),
])
def test_a_ledger_that_records_nothing_usable(cz03: Path, ledger: str,
                                              expected: set[tuple[str, str | None]]) -> None:
    (cz03 / LEDGER).write_text(ledger, encoding="utf-8")
    found = b2mml_approval_findings(cz03, "CZ03", "CZ03")
    assert {(f.rule_id, f.value) for f in found} == expected
    assert all(f.file and f.line for f in found)


def test_a_record_for_no_file_is_a_warning(cz03: Path) -> None:
    (cz03 / LEDGER).write_text("b2mml/V0600/lot.yaml:\n  owner: x\n", encoding="utf-8")
    stale = [f for f in b2mml_approval_findings(cz03, "CZ03", "CZ03") if f.value is None]
    assert [(f.rule_id, f.severity.value, f.line) for f in stale] == [("MAP-364", "warning", 1)]


def test_approve_writes_only_the_record_and_keeps_the_file(cz03: Path) -> None:
    override = (cz03 / LOTS).read_bytes()
    done = approve_b2mml(cz03, "V0600/lots.yaml", STEWARD, on=date(2026, 11, 2))
    text = (cz03 / LEDGER).read_bytes().decode("utf-8")
    assert (cz03 / LOTS).read_bytes() == override  # the B2MML file itself is not touched
    assert text == LEDGER_TEXT.replace(
        "  status: draft\r\n",
        f"  status: approved\r\n  approved_by: {STEWARD}\r\n  approved_on: 2026-11-02\r\n"
        f"  approved_fingerprint: {done.fingerprint}\r\n")
    again = approve_b2mml(cz03, LOTS, STEWARD, on=date(2026, 11, 3))
    assert again.unchanged and (cz03 / LEDGER).read_bytes().decode("utf-8") == text
    docs, _ = read_b2mml_documents(cz03, "CZ03")
    assert done.fingerprint == next(d.fingerprint for d in docs if d.name == LOTS)


@pytest.mark.parametrize(("ledger", "name", "approver", "why"), [
    (None, LOTS, "Jiří Dvořák", "four eyes"),                         # the owner
    (None, LOTS, " ", "four eyes"),                                   # nobody
    (None, "b2mml/V0600/schedules.yaml", STEWARD, "no readable B2MML file"),
    ("b2mml.yaml:\n  owner: x\n", LOTS, STEWARD, "has no owner"),      # nobody claimed it
    (f"{LOTS}: {{owner: x}}\n", LOTS, STEWARD, "block style"),         # flow style
    (f"{LOTS}:\n  owner: x\n  owner: y\n", LOTS, STEWARD, "not YAML"),  # duplicate key: unread
])
def test_approve_refuses(cz03: Path, ledger: str | None, name: str, approver: str,
                         why: str) -> None:
    if ledger is not None:
        (cz03 / LEDGER).write_text(ledger, encoding="utf-8")
    before = (cz03 / LEDGER).read_bytes()
    with pytest.raises(ApprovalRefusedError) as caught:
        approve_b2mml(cz03, name, approver, on=date(2026, 11, 2))
    assert caught.value.rule_id == "MAP-367"
    assert why in caught.value.message or (why == "not YAML" and "no owner" in
                                           caught.value.message)
    assert (cz03 / LEDGER).read_bytes() == before


def test_approve_keeps_the_line_ends_of_a_spec_saved_on_windows(tmp_path: Path) -> None:
    folder = tmp_path / "P1"
    (folder / "specs").mkdir(parents=True)
    spec = folder / "specs" / "MES.Lot.inbound.yaml"
    spec.write_bytes(b"owner: mes-team\r\nstatus: draft\r\nsystem: MES\r\nentity: Lot\r\n"
                     b"direction: inbound\r\nfields:\r\n  id: charge\r\n")
    approve_spec(folder, spec.name, "k.weber", on=date(2026, 12, 6))
    lines = spec.read_bytes().split(b"\n")[:-1]
    assert len(lines) == 10 and all(line.endswith(b"\r") for line in lines)


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_the_steward_loop_through_the_cli(cz03: Path) -> None:
    """Approve and release, change an override, see it in the diff, be refused at the
    release (naming the record and the change), approve, release."""
    plant = str(cz03)
    code, out = _run("mappings", "check", plant, "--strict")
    assert code == 1 and "MAP-362" in out and "MAP-366" in out
    code, out = _run("mappings", "check-release", plant)
    assert code == 1 and out.count("[MAP-388]") == 2
    code, out = _run("mappings", "approve", plant, "--b2mml", "b2mml.yaml", "--by", "Jiří Dvořák")
    assert code == 1 and "MAP-367" in out
    code, out = _run("mappings", "approve", plant, "--b2mml", "b2mml.yaml", "--b2mml",
                     "V0600/lots.yaml", "--by", STEWARD, "--as-of", "2026-11-02")
    assert code == 0 and out.count(f"approved by {STEWARD}") == 2, out
    assert _run("mappings", "check", plant, "--strict")[0] == 0
    assert _run("mappings", "release", plant)[0] == 0

    # the author blocks a state the lab now quarantines, and adds a word
    (cz03 / LOTS).write_text(OVERRIDE.replace("Blokováno: blocked", "Blokováno: quarantine")
                             + "          Pozastaveno: blocked\n", encoding="utf-8")
    (cz03 / "plant.yaml").write_text(PLANT.replace("2026.1.0", "2027.0.0"), encoding="utf-8")
    with (cz03 / "CHANGELOG.md").open("a", encoding="utf-8") as log:
        log.write("\n## [2027.0.0] - 2026-12-06\n\n### Changed\n- Blokováno je karanténa.\n")
    code, out = _run("mappings", "diff", str(cz03 / "releases" / "2026.1.0" / "CZ03"), plant,
                     "--format", "json")
    changes = {(c["rule_id"], c["path"].rsplit("/", 1)[-1], c["line"])
               for c in json.loads(out)["changes"]}
    assert changes == {("MAP-402", "Blokováno", 11), ("MAP-400", "Pozastaveno", 13)}, changes

    code, out = _run("mappings", "check-release", plant, "--format", "json")
    refusals = [f for f in json.loads(out)["findings"] if f["rule_id"] == "MAP-388"]
    assert code == 1 and [(f["file"], f["line"], f["value"]) for f in refusals] == [
        (f"{cz03}/{LEDGER}", 15, LOTS)]  # the lots record's approved_fingerprint
    code, text = _run("mappings", "check-release", plant)
    refused = [line for line in text.splitlines() if "[MAP-388]" in line]
    assert len(refused) == 1 and "MAP-363" in refused[0] and LOTS in refused[0]
    assert f"changed since the base: {cz03}/{LOTS}:11" in refused[0]  # the first change
    assert _run("mappings", "release", plant)[0] == 1

    code, out = _run("mappings", "approve", plant, "--b2mml", LOTS, "--by", "Petr Svoboda",
                     "--as-of", "2026-12-06")
    assert code == 0, out
    code, out = _run("mappings", "check-release", plant)
    assert code == 0 and "MAP-388" not in out, out
    code, out = _run("mappings", "release", plant)
    assert code == 0
    released = cz03 / "releases" / "2027.0.0" / "CZ03" / LEDGER
    assert "approved_by: Petr Svoboda" in released.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "edit", "rule_id", "line"), [
    (LOTS, ("      status:\n", "      stav:\n"), "B2M-402", 8),            # no such field
    ("b2mml.yaml", ("disposition: rework", "disposition: přepracovat"), "B2M-305", 5),
])
def test_a_file_with_errors_is_checked_and_never_approved(
        cz03: Path, name: str, edit: tuple[str, str], rule_id: str, line: int) -> None:
    path = cz03 / name
    path.write_text(path.read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
    code, out = _run("mappings", "check", str(cz03))
    assert code == 1 and f"{cz03}/{name}:{line}" in out and f"[{rule_id}]" in out
    ledger = (cz03 / LEDGER).read_bytes()
    code, out = _run("mappings", "approve", str(cz03), "--b2mml", name, "--by", STEWARD)
    assert code == 1 and "[MAP-367]" in out and f"{cz03}/{name}:{line}" in out
    assert rule_id in out and (cz03 / LEDGER).read_bytes() == ledger


def test_approve_a_record_on_the_last_unterminated_line(cz03: Path) -> None:
    (cz03 / LEDGER).write_text(f"{LOTS}:\n  owner: Jiří Dvořák", encoding="utf-8")  # no final EOL
    done = approve_b2mml(cz03, LOTS, STEWARD, on=date(2026, 11, 2))
    assert (cz03 / LEDGER).read_text(encoding="utf-8") == (
        f"{LOTS}:\n  owner: Jiří Dvořák\n  status: approved\n  approved_by: {STEWARD}\n"
        f"  approved_on: 2026-11-02\n  approved_fingerprint: {done.fingerprint}\n")


def test_a_release_refuses_b2mml_files_with_errors_even_if_approved(cz03: Path) -> None:
    """Defaults the importer refuses (a disposition that is no canonical code) were approved
    through the library, which does not check; the release check does (MAP-389)."""
    path = cz03 / "b2mml.yaml"
    path.write_text(DEFAULTS.replace("rework", "k posouzení"), encoding="utf-8")
    _approved(cz03)
    result = check_plant_release(cz03)
    assert result.log.findings.rule_ids() == ["MAP-383", "MAP-389"]
    assert "B2M-305" in result.log.findings.errors[0].message


def test_the_diff_shows_an_approval_as_a_change_that_maps_nothing(cz03: Path,
                                                                   tmp_path: Path) -> None:
    from canonical.mapping.diff import diff_plants

    before = shutil.copytree(cz03, tmp_path / "was" / "CZ03")
    approve_b2mml(cz03, LOTS, STEWARD, on=date(2026, 11, 2))
    log = diff_plants(before, cz03)
    assert [(c.rule_id, c.path, c.line) for c in log.changes] == [
        ("MAP-347", f"{LOTS}/status", 8), ("MAP-347", f"{LOTS}/approved_by", 9),
        ("MAP-347", f"{LOTS}/approved_on", 10), ("MAP-347", f"{LOTS}/approved_fingerprint", 11)]
    assert log.bump.value == "none" and {c.file for c in log.changes} == {f"{cz03}/{LEDGER}"}
