"""The unit table: completeness, derivation drift, lookup policies, Markdown page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from reference import shared_path

from canonical.errors import DeprecatedUnitError, UnknownUnitError
from canonical.units import active_units, lookup, units
from canonical.units.derive import derive_text
from canonical.units.table import render_markdown

ROOT = Path(__file__).resolve().parents[2]
ISSUE_CODES = [
    "KGM", "GRM", "LBR", "ONZ", "TNE", "STN", "LTN", "MTR", "MMT", "CMT", "KMT", "INH", "FOT",
    "YRD", "MTK", "MTQ", "LTR", "MLT", "GLL", "GLI", "OZA", "SEC", "MIN", "HUR", "DAY", "CEL",
    "FAH", "KEL", "C62", "H87", "EA", "PR", "DZN", "SET",
]


def test_committed_table_is_what_the_derivation_gives() -> None:
    rec20 = shared_path("uom", "rec20-units-of-measure.csv")
    committed = (ROOT / "canonical" / "units" / "data" / "units.csv").read_text(encoding="utf-8")
    assert derive_text(rec20) == committed, "re-run: python -m canonical.units.derive ..."


@pytest.mark.parametrize("code", ISSUE_CODES)
def test_issue_codes_are_active(code: str) -> None:
    assert lookup(code).code == code


def test_every_active_unit_has_name_dimension_and_factor() -> None:
    for unit in active_units():
        assert unit.name and unit.dimension, unit.code
        assert unit.factor is not None or unit.material_defined, unit.code
        assert unit.factor is None or unit.factor > 0, unit.code


def test_table_size_and_refused_codes_present() -> None:
    table = units()
    assert 250 <= sum(u.active for u in table.values()) <= 600
    assert {u.status for u in table.values()} == {"active", "deleted", "deprecated"}


@pytest.mark.parametrize(
    ("code", "replacement"),
    [("BX", "XBX"), ("DR", "XDR"), ("NPR", "PR"), ("OZ", "ONZ"), ("KTM", "KMT"), ("PT", "PTL")],
)
def test_deprecated_codes_name_their_replacement(code: str, replacement: str) -> None:
    with pytest.raises(DeprecatedUnitError) as info:
        lookup(code)
    assert info.value.rule_id == "UOM-002"
    assert info.value.replacement == replacement
    assert replacement in str(info.value)


def test_deleted_code_without_replacement() -> None:
    with pytest.raises(DeprecatedUnitError) as info:
        lookup("HD")
    assert info.value.replacement is None


@pytest.mark.parametrize(("code", "suggested"), [("kgm", "KGM"), ("Kgm", "KGM"), ("kg", "KGM"),
                                                 ("LB", "LBR"), (" KGM", "KGM")])
def test_lowercase_and_near_misses_are_refused_with_suggestions(code: str, suggested: str) -> None:
    with pytest.raises(UnknownUnitError) as info:
        lookup(code)
    assert info.value.rule_id == "UOM-001"
    assert suggested in info.value.suggestions


@pytest.mark.parametrize("code", ["", "   ", "PCS", "ST_", None, 5])
def test_unknown_codes(code: object) -> None:
    with pytest.raises(UnknownUnitError) as info:
        lookup(code)
    assert info.value.rule_id == "UOM-001"


def test_markdown_page_lists_every_active_code() -> None:
    page = render_markdown()
    for unit in active_units():
        assert f'<span id="unit-{unit.code.lower()}"></span>`{unit.code}` | ' in page
    mass = page.split("## Mass")[1].split("\n## ")[0]
    assert '`LBR` | pound | pounds, lb, lbs, pound mass | lb | 0.45359237 |' in mass
    assert "`XBX`" in page.split("## Package")[1].split("\n## ")[0]
    refused = page.split("## Refused codes")[1]
    assert "`ST` | sheet | deleted | `XST` | SAP plants mean piece" in refused


def test_import_does_not_load_pint_or_pandas() -> None:
    code = (
        "import sys, canonical, canonical.units; canonical.units.convert('1', 'KGM', 'GRM');"
        "print('pint' in sys.modules, 'pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
