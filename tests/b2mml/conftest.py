"""Fixtures of the B2MML tests: fixture documents and XSD validation helpers."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures" / "b2mml"
sys.path.insert(0, str(HERE))  # xsd.py and element_names.py are helpers, not tests
