"""``-`` reads standard input for every file a command reads, exactly as the file would be read;
for a folder (a plant, a release folder, a site folder) ``-`` is refused with a clear message.

tests/cli/test_conventions.py checks that these cases cover every file and folder parameter.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.cli import cli

ROOT = Path(__file__).resolve().parents[2]
RECORDS = ROOT / "examples" / "records"
LOTS_CSV = ("id,material,plant,quantity_value,quantity_unit,status,manufactured_on,supplier,"
            "supplier_lot,expires_on,order\n"
            "0000451201,100200,DE01,1250.000,KGM,released,2026-01-14,V-100233,HX-88213-B,,\n"
            "0000451388,100310,DE01,2000,H87,released,2026-02-02,V-100871,B2602-17,2031-02-02,\n")
EXTRACT_CSV = "material\n100200\n4711\n999999\n999999\n"
WAIVERS = "waivers: []\n"
BAD_TOKENS = "tokens: 5\n"

#: (command, parameter) -> (arguments with {} where the file goes, the file, or its content)
STDIN_CASES: dict[tuple[str, str], tuple[list[str], str]] = {
    ("canon validate", "files"): (["validate", "{}", "-e", "ProductionOrder"],
                                  "examples/records/production_order.json"),
    ("canon batch", "file"): (["batch", "{}", "-e", "Lot"], LOTS_CSV),
    ("canon convert", "materials_file"): (
        ["convert", "2", "XBX", "H87", "--material", "4711", "--materials", "{}"],
        "examples/records/material.json"),
    ("canon map", "file"): (["map", "{}", "-p", "DE01", "--source", "MES_DE", "-e", "Lot"],
                            "examples/flows/DE01/lot.mes.json"),
    ("canon mappings coverage", "data"): (
        ["mappings", "coverage", "DE01", "--data", "{}", "-e", "Material", "--source", "SAP_ECC",
         "--as-of", "2026-06-01"], EXTRACT_CSV),
    ("canon migrate", "source"): (["migrate", "{}", "--from", "1.0.0"],
                                  "examples/records/production_order.json"),
    ("canon schema diff", "old"): (["schema", "diff", "{}", "schemas/canonical.yaml"],
                                   "schemas/canonical.yaml"),
    ("canon schema diff", "new"): (["schema", "diff", "schemas/canonical.yaml", "{}"],
                                   "schemas/canonical.yaml"),
    ("canon schema diff", "waivers_file"): (
        ["schema", "diff", "schemas/canonical.yaml", "schemas/canonical.yaml", "--waivers", "{}"],
        WAIVERS),
    ("canon schema check-release", "schema_path"): (
        ["schema", "check-release", "--schema", "{}", "--as-of", "2026-06-01"],
        "schemas/canonical.yaml"),
    ("canon schema check-release", "changelog"): (
        ["schema", "check-release", "--changelog", "{}", "--as-of", "2026-06-01"],
        "CHANGELOG.md"),
    ("canon schema check-release", "waivers_file"): (
        ["schema", "check-release", "--waivers", "{}", "--as-of", "2026-06-01"], WAIVERS),
    ("canon schema release", "schema_path"): (
        ["schema", "release", "--schema", "{}", "--releases", "{tmp}/releases"],
        "schemas/canonical.yaml"),
    ("canon serve", "token_file"): (["serve", "--tokens", "{}"], BAD_TOKENS),
    ("canon b2mml import", "file"): (["b2mml", "import", "{}"],
                                     "tests/fixtures/b2mml/v7/material_information.xml"),
    ("canon b2mml export", "file"): (["b2mml", "export", "{}", "-e", "ProductionOrder", "--id",
                                      "PO-1"], "examples/records/production_order.json"),
}

#: (command, parameter) -> arguments giving '-' for a folder (or a file that must be on disk)
FOLDER_CASES: dict[tuple[str, str], list[str]] = {
    ("canon b2mml import", "plant"): ["b2mml", "import", "x.xml", "-p", "-"],
    ("canon batch", "plant"): ["batch", "x.csv", "-e", "Lot", "-p", "-"],
    ("canon map", "plant"): ["map", "x.json", "-p", "-", "--source", "S", "-e", "Lot"],
    ("canon serve", "plant"): ["serve", "-p", "-"],
    ("canon mappings approve", "plant"): ["mappings", "approve", "-", "--by", "x", "--row", "r"],
    ("canon mappings check", "paths"): ["mappings", "check", "-"],
    ("canon mappings check-release", "plant"): ["mappings", "check-release", "-"],
    ("canon mappings coverage", "path"): ["mappings", "coverage", "-", "--data", "x.csv", "-e",
                                          "Lot"],
    ("canon mappings diff", "old"): ["mappings", "diff", "-", "DE01"],
    ("canon mappings diff", "new"): ["mappings", "diff", "DE01", "-"],
    ("canon mappings export", "path"): ["mappings", "export", "-", "--table", "units"],
    ("canon mappings release", "plant"): ["mappings", "release", "-"],
    ("canon schema check-release", "releases"): ["schema", "check-release", "--releases", "-"],
    ("canon schema release", "releases"): ["schema", "release", "--releases", "-"],
    ("canon docs build", "config_file"): ["docs", "build", "--config-file", "-"],
    ("canon docs build", "site_dir"): ["docs", "build", "--site-dir", "-"],
    ("canon docs serve", "config_file"): ["docs", "serve", "--config-file", "-"],
    ("canon docs generate", "folder"): ["docs", "generate", "-"],
}


def _invoke(args: list[str], stdin: bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args, input=stdin)
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("case", sorted(STDIN_CASES), ids=" ".join)
def test_dash_reads_stdin_as_the_file_would_be_read(
    case: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    template, given = STDIN_CASES[case]
    if "\n" not in given and (ROOT / given).is_file():
        file = ROOT / given
    else:  # content written to a file with the suffix the command expects
        suffix = ".csv" if given in (LOTS_CSV, EXTRACT_CSV) else ".yaml"
        file = tmp_path / f"given{suffix}"
        file.write_text(given, encoding="utf-8")

    def run(where: str, stdin: bytes | None) -> tuple[int, str]:
        scratch = tmp_path / ("stdin" if stdin is not None else "file")
        code, out = _invoke([a.replace("{tmp}", str(scratch)).replace("{}", where)
                             for a in template], stdin)
        return code, out.replace(str(scratch), "{tmp}")

    code, out = run(str(file), None)
    code_stdin, out_stdin = run("-", file.read_bytes())
    assert code_stdin == code and code in (0, 1, 2)
    assert out_stdin == out.replace(str(file), "<stdin>")
    if code == 2:  # an error about the input names it as <stdin>
        assert "<stdin>" in out_stdin


def test_folder_cases_refuse_dash() -> None:
    for case, argv in FOLDER_CASES.items():
        code, out = _invoke(argv)
        assert code == 2, (case, out)
        assert "'-' (standard input) cannot stand for" in out, (case, out)


def test_stdin_that_is_not_valid_is_located_at_stdin() -> None:
    code, out = _invoke(["validate", "-", "-e", "Lot"], b'{"id": "1"}\n{"id": \n')
    assert code == 2 and "<stdin>:2" in out and "[IO-003]" in out


def test_output_file_written_atomically_and_not_on_usage_errors(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    code, out = _invoke(["validate", str(RECORDS / "lot.json"), "-e", "Lot", "-f", "json",
                         "-o", str(target)])
    assert code == 0 and out == "" and '"ok": true' in target.read_text(encoding="utf-8")
    before = target.read_bytes()
    code, out = _invoke(["validate", str(tmp_path / "missing.json"), "-e", "Lot", "-o",
                         str(target)])
    assert code == 2 and "[IO-001]" in out and target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temp file left
    code, out = _invoke(["units", "search", "pound", "-o", "-"])
    assert code == 0 and "LBR" in out


def test_stdin_that_cannot_be_copied_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def full(*args: object, **kwargs: object) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "mkdtemp", full)
    code, out = _invoke(["validate", "-", "-e", "Lot"], b'{"id": "1"}\n')
    assert code == 2 and "cannot read standard input: No space left on device" in out
