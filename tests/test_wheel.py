"""The package works from a built wheel in a clean virtual environment, not only from a checkout."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel_env(tmp_path_factory: pytest.TempPathFactory, root: Path) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out / "dist"), str(root)],
        check=True, capture_output=True, text=True,
    )
    wheels = list((out / "dist").glob("mfg_canonical-*.whl"))
    assert len(wheels) == 1
    env = out / "venv"
    venv.create(env, with_pip=True)
    subprocess.run(
        [str(env / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheels[0])],
        check=True, capture_output=True, text=True,
    )
    return env


def _run(env: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, cwd=cwd,
                          env={"PATH": f"{env / 'bin'}:/usr/bin:/bin"})


def test_canon_version_from_wheel(wheel_env: Path, tmp_path: Path) -> None:
    result = _run(wheel_env, str(wheel_env / "bin" / "canon"), "--version", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("canon ")


def test_validate_shipped_example_from_wheel(wheel_env: Path, tmp_path: Path) -> None:
    # the example is located inside the installed package, proving it ships in the wheel
    locate = _run(
        wheel_env, str(wheel_env / "bin" / "python"), "-c",
        "from canonical.resources import data_file; print(data_file('examples', 'records', 'lot.json'))",
        cwd=tmp_path,
    )
    assert locate.returncode == 0, locate.stderr
    example = Path(locate.stdout.strip())
    assert "site-packages" in str(example) and example.is_file()
    result = _run(wheel_env, str(wheel_env / "bin" / "canon"), "validate", str(example),
                  "--entity", "Lot", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 records checked: 0 errors" in result.stdout


def test_demo_from_wheel(wheel_env: Path, tmp_path: Path) -> None:
    result = _run(wheel_env, str(wheel_env / "bin" / "canon"), "demo", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_wheel_core_install_has_no_heavy_dependencies(wheel_env: Path, tmp_path: Path) -> None:
    result = _run(wheel_env, str(wheel_env / "bin" / "python"), "-c",
                  "import importlib.util as u; print([m for m in ('pandas', 'great_expectations', "
                  "'linkml') if u.find_spec(m)])", cwd=tmp_path)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("args", "extra"),
    [
        (["batch", "extract.csv", "--entity", "Lot"], "batch"),
        (["schema", "diff", "a.yaml", "b.yaml"], "schema"),
        (["schema", "check-release"], "schema"),
        (["b2mml", "import", "doc.xml"], "b2mml"),
        (["docs", "build"], "docs"),
    ],
)
def test_commands_needing_an_extra_say_so(wheel_env: Path, tmp_path: Path, args: list[str],
                                           extra: str) -> None:
    for name in ("extract.csv", "a.yaml", "b.yaml", "doc.xml"):
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    result = _run(wheel_env, str(wheel_env / "bin" / "canon"), *args, cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"[{extra}]" in result.stderr
