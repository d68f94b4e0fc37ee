"""The site search keeps rule ids whole and stems words (the browser test checks real hits)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]


class _Loader(yaml.SafeLoader):
    """mkdocs.yml with its ``!!python/name:`` tags read as plain strings."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:",
                              lambda loader, suffix, node: suffix)


def _search() -> dict[str, Any]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    entry = next(p for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    return dict(entry["search"])


def test_rule_ids_stay_one_token_and_words_still_split() -> None:
    separator = re.compile(_search()["separator"])
    tokens = [t for t in separator.split("MAP-045 plant-onboarding ProductionOrder 1.5 kg") if t]
    assert "MAP-045" in tokens
    assert {"plant", "onboarding"} <= set(tokens)


def test_stemming_is_on() -> None:
    assert "stemmer" in _search()["pipeline"]
