"""canon docs build reads its config with the safe loader: no code runs from the YAML."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.cli import cli
from canonical.docs.config import checked_config
from canonical.errors import InputError

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_config_passes_unchanged() -> None:
    with checked_config(ROOT / "mkdocs.yml") as stream:
        assert stream.read() == (ROOT / "mkdocs.yml").read_bytes()


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/name:os.system",
    "!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
])
def test_python_tags_are_refused_before_mkdocs_sees_them(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "ran"
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: Werksdoku\nextra:\n  x: {tag.format(marker=marker)}\n",
                      encoding="utf-8")
    result = CliRunner().invoke(cli, ["docs", "build", "-f", str(config)])
    assert result.exit_code == 2, result.output
    assert "[IO-024]" in result.output and str(config) in result.output
    assert not marker.exists()


def test_inherited_parent_is_checked_too(tmp_path: Path) -> None:
    (tmp_path / "base.yml").write_text("site_name: x\nextra: !!python/name:os.system\n",
                                       encoding="utf-8")
    child = tmp_path / "mkdocs.yml"
    child.write_text("INHERIT: base.yml\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        checked_config(child)
    assert caught.value.rule_id == "IO-024" and "base.yml" in str(caught.value)
