"""Console sessions in guides are run at docs build time: the steward guide shows the real
``canon mappings diff`` of the shipped example change (an added, a changed and a removed row)
and ``canon mappings approve`` refusing the row's owner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.cli import cli
from canonical.cli.docs_sessions import SESSION, SessionError, commands_of, render_sessions

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guides" / "steward-workflow.md"
EXAMPLE = ROOT / "docs" / "examples" / "steward-change"


def _rendered() -> str:
    return render_sessions(GUIDE.read_text(encoding="utf-8"), ROOT)


def test_the_guide_shows_added_changed_and_removed_rows_rendered_from_the_example() -> None:
    text = _rendered()
    assert "<!-- canon-session" not in text
    for kind, row in (("row_added", "units/SAP_S4/CRT@2026-07-01"),
                      ("row_changed", "units/SAP_S4/CF@2021-03-01"),
                      ("row_removed", "units/SAP_S4/FUS@2022-09-15")):
        assert f"{kind} {row}" in text, kind
    assert "| `units/SAP_S4/FUS@2022-09-15` |" in text  # the markdown table too
    assert "$ echo $?\n1\n" in text


def test_the_guide_shows_approve_refusing_the_owner_then_recording_a_steward() -> None:
    text = _rendered()
    refused = text.index("--by g.rossi\nerror: [MAP-367]")
    approved = text.index("approved by m.bianchi", refused)
    assert "minor row_added units/SAP_S4/CRT@2026-07-01" in text[approved:]


def test_the_guide_shows_a_spec_review_and_a_plant_release_from_the_example() -> None:
    text = _rendered()
    swap = "spec_value_changed specs/SAP_S4.InventoryTransaction.inbound.yaml/fields/type/values"
    assert f"FAIL     major {swap}/261" in text
    assert "::error file=spec-swap/IT04/specs/SAP_S4.InventoryTransaction.inbound.yaml,line=15" \
        in text
    assert "[MAP-363] warning: spec content changed since m.bianchi approved it" in text
    refused = text.index('--by "Centro di competenza SAP"\nerror: [MAP-367]')
    assert "0 errors, 0 warnings" in text[refused:]
    release = text[text.index("$ canon mappings check-release spec-added/IT04"):]
    assert "[MAP-380] error" in release and "[MAP-388] error" in release
    assert "(canon mappings approve spec-added/IT04 --spec" in release  # runnable as shown
    assert "version 2026.3.0, base 2026.2.0, required bump minor: ok" in release
    assert "release snapshot release-ready/IT04/releases/2026.3.0" in release


def test_rendered_output_is_what_the_commands_print(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the guide's first session by hand: the page shows exactly this output."""
    session = SESSION.search(GUIDE.read_text(encoding="utf-8"))
    assert session is not None and session["folder"] == "docs/examples/steward-change"
    shutil.copytree(EXAMPLE, tmp_path / "example")
    monkeypatch.chdir(tmp_path / "example")
    expected = ""
    for command in commands_of(session["body"]):
        result = CliRunner().invoke(cli, command.split()[1:])
        expected += f"$ {command}\n{result.output}"
    monkeypatch.chdir(ROOT)
    assert expected in _rendered()


def test_the_prose_names_what_the_output_shows() -> None:
    """The guide's explanation quotes row ids and versions that the rendered output has."""
    raw, text = GUIDE.read_text(encoding="utf-8"), _rendered()
    for quoted in ("units/SAP_S4/CRT@2026-07-01", "units/SAP_S4/FUS@2022-09-15",
                   "units/SAP_S4/CF@2021-03-01", "needs_review"):
        assert quoted in raw
        assert raw.count(quoted) < text.count(quoted), quoted  # also in the generated output


def test_sessions_never_touch_the_example() -> None:
    before = {p: p.read_bytes() for p in EXAMPLE.rglob("*") if p.is_file()}
    _rendered()
    assert {p: p.read_bytes() for p in EXAMPLE.rglob("*") if p.is_file()} == before


def test_bad_sessions_fail_the_build(tmp_path: Path) -> None:
    (tmp_path / "ex").mkdir()
    with pytest.raises(SessionError, match="only canon commands"):
        render_sessions("<!-- canon-session ex\nrm -rf /\n-->\n", tmp_path)
    with pytest.raises(SessionError, match="no folder"):
        render_sessions("<!-- canon-session nope\ncanon units show KGM\n-->\n", tmp_path)
    with pytest.raises(SessionError, match="not closed"):
        render_sessions("x\n<!-- canon-session ex\ncanon units show KGM\n", tmp_path)
    example = "```text\n<!-- canon-session ex\nrm -rf /\n-->\n```\nin `<!-- canon-session x` text"
    assert render_sessions(example, tmp_path) == example  # shown in code: an example, not run
    shown = render_sessions("<!-- canon-session ex\ncanon units show KGM\n-->\n", tmp_path)
    assert shown.startswith("```console\n$ canon units show KGM\ncode:") and shown.endswith("```\n")
