"""The reference-data locator: env override, named skip outside CI, failure in CI."""

from __future__ import annotations

from pathlib import Path

import pytest
from reference import ENV, shared_path, shared_root


def test_env_override_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "uom").mkdir()
    monkeypatch.setenv(ENV, str(tmp_path))
    assert shared_root() == tmp_path
    assert shared_path("uom") == tmp_path / "uom"


def test_missing_data_skips_with_a_named_reason(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception) as caught:
        shared_path("b2mml", "v7")
    reason = str(caught.value)
    assert str(tmp_path / "b2mml" / "v7") in reason
    assert "B2MML XSDs" in reason and ENV in reason


@pytest.mark.parametrize("ci", ["true", "1"])
def test_missing_data_fails_in_ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ci: str) -> None:
    monkeypatch.setenv(ENV, str(tmp_path))
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception) as caught:
        shared_path("uom", "rec20-units-of-measure.csv")
    assert "Rec 20" in str(caught.value) and "CI=true" in str(caught.value)
