"""`import canonical` must not pull in heavy dependencies (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pandas", "great_expectations", "linkml", "linkml_runtime", "datamodel_code_generator",
         "pyspark", "numpy", "lxml", "fastapi", "starlette", "uvicorn", "psycopg", "prometheus_client")


def _modules_after(statement: str) -> set[str]:
    code = f"import sys, json; {statement}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def test_import_canonical_is_light() -> None:
    loaded = _modules_after("import canonical")
    heavy = sorted(m for m in loaded if m.split(".")[0] in HEAVY)
    assert heavy == []


def test_no_pint_registry_built_at_import() -> None:
    code = (
        "import canonical, canonical.units, sys; "
        "pint = sys.modules.get('pint'); "
        "print('no-pint' if pint is None else 'pint-loaded')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "no-pint"


def test_cli_version_is_light() -> None:
    loaded = _modules_after("from canonical.cli import cli")
    assert not [m for m in loaded if m.split(".")[0] in HEAVY]


def test_service_package_is_light() -> None:
    """``canonical.service`` names load lazily: the demo imports it without a web framework."""
    loaded = _modules_after("import canonical.service, canonical.service.occurred")
    assert not [m for m in loaded if m.split(".")[0] in HEAVY]
