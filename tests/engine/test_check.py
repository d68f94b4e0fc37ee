"""`canon mappings check` runs the table checks and the spec checks of the mapping engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.cli import cli


def test_mappings_check_reports_broken_specs(tmp_path: Path) -> None:
    """Spec problems surface in `canon mappings check` with the spec file and line."""
    import shutil

    from canonical.resources import data_dir

    folder = tmp_path / "DE01"
    shutil.copytree(data_dir("mappings") / "DE01", folder)
    spec = folder / "specs" / "SAP_ECC.ProductionOrder.inbound.yaml"
    text = spec.read_text(encoding="utf-8")
    assert "  bom_revision: STLAL\n" in text
    spec.write_text(text.replace("  bom_revision: STLAL\n", "  bom_revisoin: STLAL\n"), encoding="utf-8")
    line = text.splitlines().index("  bom_revision: STLAL") + 1
    result = CliRunner().invoke(cli, ["mappings", "check", str(folder)])
    assert result.exit_code == 1, result.output
    assert f"{spec}:{line}" in result.output and "[ENG-" in result.output


def test_check_specs_of_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    from canonical.engine import check_specs
    from canonical.errors import PlantNotFoundError

    with pytest.raises(PlantNotFoundError):
        check_specs(tmp_path / "no-such-plant")
    with pytest.raises(PlantNotFoundError):
        check_specs("XX99")
