"""Old option spellings keep working, hidden, with a warning on stderr (cli-conventions.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "steward-change" / "after" / "IT04"
EXTRACT = "material\n70010\n99999\n"
XML = str(ROOT / "tests" / "fixtures" / "b2mml" / "v7" / "material_information.xml")
ORDER = str(ROOT / "examples" / "records" / "production_order.json")

#: (old spelling, new spelling, arguments with {old} where the option goes)
CASES = [
    ("--on", "--as-of", ["mappings", "coverage", "{plant}", "--data", "{extract}", "-e",
                         "Material", "--source", "SAP_S4", "{old}", "2026-06-01"]),
    ("--source-system", "--source", ["b2mml", "import", XML, "{old}", "MES_XX"]),
    ("--version", "--b2mml-version", ["b2mml", "export", ORDER, "-e", "ProductionOrder",
                                      "--id", "PO-1", "{old}", "v7"]),
    ("-f", "--config-file", ["docs", "build", "{old}", "{tmp}/missing.yml"]),
    ("--on", "--as-of", ["mappings", "approve", "{plant}", "--row",
                         "units/SAP_S4/CRT@2026-07-01", "--by", "m.bianchi", "{old}",
                         "2026-06-01"]),
]


def _run(template: list[str], option: str, tmp_path: Path, name: str) -> tuple[int, str, str]:
    plant = shutil.copytree(EXAMPLE, tmp_path / name / "IT04")
    extract = tmp_path / "x.csv"
    extract.write_text(EXTRACT, encoding="utf-8")
    args = [a.replace("{old}", option).replace("{plant}", str(plant))
            .replace("{extract}", str(extract)).replace("{tmp}", str(tmp_path)) for a in template]
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.stdout.replace(str(plant), "PLANT"), result.stderr


@pytest.mark.parametrize(("old", "new", "template"), CASES, ids=[f"{c[2][0]} {c[0]}" for c in CASES])
def test_old_spelling_works_like_the_new_one_with_a_warning(
    old: str, new: str, template: list[str], tmp_path: Path,
) -> None:
    code, out, err = _run(template, new, tmp_path, "new")
    old_code, old_out, old_err = _run(template, old, tmp_path, "old")
    assert (old_code, old_out) == (code, out)
    assert f"warning: {old} is deprecated; use {new}" in old_err and "deprecated" not in err


def test_both_spellings_at_once_are_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["b2mml", "import", XML, "--source", "A",
                                      "--source-system", "B"])
    assert result.exit_code == 2 and "give --source only" in result.output
