"""Hostile files at every reading command: a FIFO never hangs a command, a deep or aliased
document never takes it down. Each runs in a subprocess with a timeout (a hang fails the test)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)


def canon(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    code = f"from canonical.cli import main\nmain({argv!r})\n"
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                          timeout=120, check=False)


def _plant_with_fifo(tmp: Path, name: str) -> Path:
    plant = tmp / "PL02"
    shutil.copytree(ROOT / "mappings" / "DE01", plant)
    (plant / name).unlink()
    os.mkfifo(plant / name)
    return plant


# command -> (argv given a FIFO path and the temp folder, exit codes accepted)
FIFO_COMMANDS: dict[str, Callable[[Path, Path], list[str]]] = {
    "validate": lambda f, t: ["validate", str(f), "-e", "Lot"],
    "map": lambda f, t: ["map", str(f), "--plant", "DE01", "--source", "MES_DE",
                         "--entity", "Lot"],
    "migrate": lambda f, t: ["migrate", str(f), "--from", "1.0.0"],
    "batch": lambda f, t: ["batch", str(f), "-e", "Lot"],
    "b2mml import": lambda f, t: ["b2mml", "import", str(f)],
    "b2mml export": lambda f, t: ["b2mml", "export", str(f), "--entity", "Lot"],
    "convert --materials": lambda f, t: ["convert", "1", "KGM", "H87", "--material", "4711",
                                         "--materials", str(f)],
    "mappings coverage --data": lambda f, t: ["mappings", "coverage", "DE01", "--data", str(f),
                                              "--entity", "Lot"],
    "schema diff": lambda f, t: ["schema", "diff", str(f), str(ROOT / "schemas" / "canonical.yaml")],
    "schema diff --waivers": lambda f, t: ["schema", "diff", str(ROOT / "schemas" / "canonical.yaml"),
                                           str(ROOT / "schemas" / "canonical.yaml"), "--waivers", str(f)],
    "docs build -f": lambda f, t: ["docs", "build", "-f", str(f)],
}


@pytest.mark.parametrize("name", list(FIFO_COMMANDS))
def test_fifo_input_is_refused_not_waited_for(tmp_path: Path, name: str) -> None:
    fifo = tmp_path / {"batch": "extract.csv", "b2mml import": "doc.xml"}.get(name, "input.json")
    os.mkfifo(fifo)
    done = canon(FIFO_COMMANDS[name](fifo, tmp_path), tmp_path)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert "IO-011" in done.stderr + done.stdout and str(fifo) in done.stderr + done.stdout


@pytest.mark.parametrize("table", ["plant.yaml", "units.csv"])
@pytest.mark.parametrize("command", ["check", "export", "diff"])
def test_fifo_in_a_plant_folder_is_a_finding(tmp_path: Path, table: str, command: str) -> None:
    plant = _plant_with_fifo(tmp_path, table)
    argv = {"check": ["mappings", "check", str(plant)],
            "export": ["mappings", "export", str(plant), "--table", "units"],
            "diff": ["mappings", "diff", str(ROOT / "mappings" / "DE01"), str(plant)]}[command]
    done = canon(argv, tmp_path)
    assert done.returncode in (1, 2), (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert "IO-011" in done.stdout + done.stderr


def test_alias_bomb_in_schema_diff_fails_fast(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(BOMB, encoding="utf-8")
    done = canon(["schema", "diff", str(bomb), str(ROOT / "schemas" / "canonical.yaml")], tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "IO-022" in done.stderr


def test_alias_bomb_in_docs_config_fails_fast(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Werk\n" + BOMB.replace("a: &a", "extra: &a", 1), encoding="utf-8")
    done = canon(["docs", "build", "-f", str(config)], tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "IO-022" in done.stderr


@pytest.mark.parametrize("name", ["migrate", "batch", "coverage"])
def test_deep_nesting_is_io_005_not_recursion_error(tmp_path: Path, name: str) -> None:
    deep = tmp_path / "deep.jsonl"
    deep.write_text('{"id": "L-1", "x": ' + "[" * 50_000 + "]" * 50_000 + "}\n", encoding="utf-8")
    argv = {"migrate": ["migrate", str(deep), "--from", "1.0.0"],
            "batch": ["batch", str(deep), "-e", "Lot"],
            "coverage": ["mappings", "coverage", "DE01", "--data", str(deep), "--entity", "Lot"]}
    done = canon(argv[name], tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "IO-005" in done.stderr
