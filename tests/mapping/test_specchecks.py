"""Spec governance: approvals (MAP-362..366), invisible characters (MAP-360), case clashes
(MAP-361), and ``canon mappings approve`` (MAP-367)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.cli import cli
from canonical.engine import check_plant
from canonical.errors import ApprovalRefusedError
from canonical.mapping.approve import approve_row, approve_spec
from canonical.mapping.specchecks import spec_findings
from canonical.mapping.specdocs import content_fingerprint, normalise, read_spec_documents
from canonical.resources import data_dir

from .builders import make_plant, table

BODY = """\
system: MES
entity: Lot
direction: inbound
fields:
  id: {path: charge, values: {A1: a1}}
"""
SPEC = "MES.Lot.inbound.yaml"


def _folder(tmp_path: Path, text: str) -> Path:
    folder = make_plant(tmp_path, {})
    (folder / "specs").mkdir(exist_ok=True)
    (folder / "specs" / SPEC).write_text(text, encoding="utf-8")
    return folder


def _ids(folder: Path) -> list[str]:
    docs, _ = read_spec_documents(folder, "P1")
    return [f.rule_id for f in spec_findings(docs)]


def _approved(owner: str = "mes-team", by: str = "k.weber", body: str = BODY) -> str:
    import yaml

    fingerprint = content_fingerprint(normalise(yaml.safe_load(body)))
    return (f"owner: {owner}\nstatus: approved\napproved_by: {by}\napproved_on: 2026-11-30\n"
            f"approved_fingerprint: {fingerprint}\n{body}")


@pytest.mark.parametrize(("text", "rule_ids"), [
    (_approved(), []),                                                  # valid
    (BODY, ["MAP-362"]),                                                # nobody approved it
    ("owner: mes-team\n" + BODY, ["MAP-362"]),                          # owned, not approved
    ("owner: mes-team\nstatus: draft\n" + BODY, ["MAP-366"]),
    (_approved().replace("status: approved", "status: released"), ["MAP-364"]),
    (_approved().replace("approved_by: k.weber\n", ""), ["MAP-364"]),
    (_approved().replace("approved_on: 2026-11-30", "approved_on: gestern"), ["MAP-364"]),
    (_approved().replace("approved_fingerprint: sha256:", "approved_fingerprint: md5:"),
     ["MAP-364"]),
    (_approved(by="mes-team"), ["MAP-365"]),
    (_approved().replace("A1: a1", "A1: a2"), ["MAP-363"]),             # changed since approval
    (_approved().replace("id: {path: charge,", "# Kommentar\n  id: {path: $.charge,"), []),
    (_approved().replace("A1: a1", "A1\u200b: a1"), ["MAP-363", "MAP-360"]),
])
def test_spec_approval_findings(tmp_path: Path, text: str, rule_ids: list[str]) -> None:
    assert _ids(_folder(tmp_path, text)) == rule_ids


def test_changed_since_approval_is_located_at_the_fingerprint(tmp_path: Path) -> None:
    folder = _folder(tmp_path, _approved().replace("A1: a1", "A1: a2"))
    docs, _ = read_spec_documents(folder, "P1")
    [finding] = spec_findings(docs)
    assert (finding.rule_id, finding.file, finding.line) == ("MAP-363", f"P1/specs/{SPEC}", 5)


@pytest.mark.parametrize(("code", "ok"), [
    ("KG", True), ("KG\u200b", False), ("K\u00a0G", False), ("\u202eGK", False),
    ("KG\ufeff", False), ("Stück", True),
])
def test_invisible_characters_in_table_codes(tmp_path: Path, code: str, ok: bool) -> None:
    row = f"ERP,{code},KGM,2024-01-01,,approved,ann,bob,"
    folder = make_plant(tmp_path, {"units": table(",factor,factor_unit", row + ",,")})
    found = [f for f in check_plant(folder) if f.rule_id == "MAP-360"]
    assert (found == []) is ok
    if not ok:
        assert (found[0].line, found[0].value) == (2, code) and "U+" in found[0].message


@pytest.mark.parametrize(("names", "clash"), [
    (("units.csv",), False), (("units.csv", "units.CSV"), True), (("units.csv", "Units.csv"), True),
])
def test_table_files_differing_only_in_case(tmp_path: Path, names: tuple[str, ...],
                                            clash: bool) -> None:
    row = "ERP,KG,KGM,2024-01-01,,approved,ann,bob,,,"
    folder = make_plant(tmp_path, {n: table(",factor,factor_unit", row) for n in names})
    if len({p.name for p in folder.iterdir()}) < len(names) + 1:
        pytest.skip("this file system folds case; the clash cannot exist here")
    found = [f for f in check_plant(folder).errors if f.rule_id == "MAP-361"]
    assert bool(found) is clash


@pytest.fixture
def de01(tmp_path: Path) -> Path:
    return shutil.copytree(data_dir("mappings") / "DE01", tmp_path / "DE01",
                           ignore=shutil.ignore_patterns("releases"))


LOT = "MES_DE.Lot.inbound.yaml"


def test_approve_records_the_fingerprint_and_keeps_the_file(de01: Path) -> None:
    spec = de01 / "specs" / LOT
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("status: approved\napproved_by: a.schmidt\n", "status: draft\n"),
                    encoding="utf-8")
    assert "MAP-366" in check_plant(de01).rule_ids()
    done = approve_spec(de01, LOT, "b.keller", on=date(2026, 12, 6))
    after = spec.read_text(encoding="utf-8")
    assert "approved_by: b.keller\n" in after and "approved_on: 2026-12-06\n" in after
    assert after.startswith(text.split("spec_version")[0])  # the comments stay
    assert done.fingerprint in after
    assert not [f for f in check_plant(de01) if f.file and f.file.endswith(LOT)]
    again = approve_spec(de01, LOT, "b.keller", on=date(2026, 12, 7))
    assert again.unchanged and spec.read_text(encoding="utf-8") == after


@pytest.mark.parametrize(("edit", "approver", "why"), [
    (None, "MES-Team DE01", "owns this spec"),                 # the owner
    ("owner: MES-Team DE01\n", "b.keller", "no owner"),        # nobody owns it
    (None, "", "owns this spec"),                              # nobody approves
])
def test_approve_refuses(de01: Path, edit: str | None, approver: str, why: str) -> None:
    spec = de01 / "specs" / LOT
    if edit is not None:
        spec.write_text(spec.read_text(encoding="utf-8").replace(edit, ""), encoding="utf-8")
    with pytest.raises(ApprovalRefusedError) as caught:
        approve_spec(de01, LOT, approver, on=date(2026, 12, 6))
    assert caught.value.rule_id == "MAP-367" and why in caught.value.message


def test_approve_refuses_an_unknown_spec(de01: Path) -> None:
    with pytest.raises(ApprovalRefusedError, match="no readable spec"):
        approve_spec(de01, "MES_DE.Nothing.inbound.yaml", "b.keller", on=date(2026, 12, 6))


def test_cli_approve(de01: Path) -> None:
    runner = CliRunner()
    spec = de01 / "specs" / LOT
    spec.write_text(spec.read_text(encoding="utf-8").replace("Genealogie", "Stammbaum"),
                    encoding="utf-8")
    strict = runner.invoke(cli, ["mappings", "check", str(de01), "--strict"])
    assert strict.exit_code == 1 and "MAP-363" in strict.output
    owner = runner.invoke(cli, ["mappings", "approve", str(de01), "--spec", LOT, "--by",
                                "MES-Team DE01"])
    assert owner.exit_code == 1 and "MAP-367" in owner.output
    ok = runner.invoke(cli, ["mappings", "approve", str(de01), "--spec", LOT, "--by",
                             "b.keller", "--as-of", "2026-12-06"])
    assert ok.exit_code == 0, ok.output
    assert runner.invoke(cli, ["mappings", "check", str(de01), "--strict"]).exit_code == 0
    broken = spec.read_text(encoding="utf-8").replace("entity: Lot", "entity: Charge")
    spec.write_text(broken, encoding="utf-8")
    refused = runner.invoke(cli, ["mappings", "approve", str(de01), "--spec", LOT, "--by",
                                  "b.keller"])
    assert refused.exit_code == 1 and "error findings" in refused.output
    assert runner.invoke(cli, ["mappings", "approve", str(de01), "--by", "x"]).exit_code == 2


ROWS = table("", "ERP,000042,42,2024-01-01,,draft,ann,,Neu",
             "ERP,000043,43,2024-01-01,,approved,ann,bob,\"Notiz, mit Komma\"")


def test_approve_row_rewrites_only_that_row(tmp_path: Path) -> None:
    folder = make_plant(tmp_path, {"materials": ROWS})
    approve_row(folder, "materials/ERP/42@2024-01-01", "bob")
    lines = (folder / "materials.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1] == "ERP,000042,42,2024-01-01,,approved,ann,bob,Neu"
    assert lines[2] == ROWS.splitlines()[2]  # untouched, quotes and all
    assert approve_row(folder, "materials/ERP/42", "bob").unchanged


def test_approve_row_keeps_only_the_named_rows(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Approving one row of a million-row table does not hold the table (issue 20)."""
    import canonical.mapping.approve as approve
    from canonical.mapping.source import read_plant_folder

    kept: list[int] = []

    def spy(folder: Path, **kwargs: object) -> object:
        source = read_plant_folder(folder, **kwargs)  # type: ignore[arg-type]
        kept.append(sum(len(t.rows) for t in source.tables.values()))
        return source

    monkeypatch.setattr(approve, "read_plant_folder", spy)
    many = "\n".join(f"ERP,{n:06d},{n},2024-01-01,,draft,ann,,Zeile {n}" for n in range(44, 300))
    folder = make_plant(tmp_path, {"materials": ROWS + many + "\n"})
    assert approve_row(folder, "materials/ERP/42", "bob").approver == "bob"
    assert kept == [1]
    lines = (folder / "materials.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1] == "ERP,000042,42,2024-01-01,,approved,ann,bob,Neu"


@pytest.mark.parametrize(("ident", "approver"), [
    ("materials/ERP/42", "ann"),            # the owner
    ("materials/ERP/99", "bob"),            # no such row
    ("materials/ERP/42@2025-01-01", "bob"),  # no row from that day
    ("units/ERP/42", "bob"),                # no such table in the plant
    ("materials", "bob"),                   # not an id
])
def test_approve_row_refuses(tmp_path: Path, ident: str, approver: str) -> None:
    folder = make_plant(tmp_path, {"materials": ROWS})
    before = (folder / "materials.csv").read_bytes()
    with pytest.raises(ApprovalRefusedError):
        approve_row(folder, ident, approver)
    assert (folder / "materials.csv").read_bytes() == before


def test_cli_approve_row(tmp_path: Path) -> None:
    folder = make_plant(tmp_path, {"materials": ROWS})
    runner = CliRunner()
    ok = runner.invoke(cli, ["mappings", "approve", str(folder), "--row", "materials/ERP/42",
                             "--by", "bob"])
    assert ok.exit_code == 0 and "materials/ERP/42 approved by bob" in ok.output
    owner = runner.invoke(cli, ["mappings", "approve", str(folder), "--row",
                                "materials/ERP/43", "--by", "ann"])
    assert owner.exit_code == 1 and "MAP-367" in owner.output


@pytest.mark.parametrize("text", [
    "{system: MES, entity: Lot, direction: inbound, owner: mes-team, fields: {id: charge}}\n",
    "owner: >\n  MES-Team\n  Halle 3\n" + BODY,
])
def test_approve_never_changes_what_a_spec_says(tmp_path: Path, text: str) -> None:
    folder = _folder(tmp_path, text)
    with pytest.raises(ApprovalRefusedError, match="block style"):
        approve_spec(folder, SPEC, "k.weber", on=date(2026, 12, 6))
    assert (folder / "specs" / SPEC).read_text(encoding="utf-8") == text
