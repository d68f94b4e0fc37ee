"""The site search configuration (the browser test in test_build.py checks the real hits).

Two constraints of mkdocs-material 9 with lunr, found by searching a built site in Chromium:
lunr's query lexer splits every query at "-" whatever the configured separator, so the index
must split rule ids there too (``MAP-045`` is found through ``map`` + ``045``); and material
appends a trailing wildcard to each query term, for which lunr skips the pipeline, so a
stemmed index would never match a plural query (``pounds``).
"""

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


def test_index_splits_rule_ids_where_the_query_lexer_does() -> None:
    separator = re.compile(_search()["separator"])
    tokens = [t for t in separator.split("MAP-045 UN/ECE ProductionOrder 1.5 kg") if t]
    assert tokens[:2] == ["MAP", "045"]
    assert "1.5" in tokens  # decimals stay whole


def test_no_stemmer_because_queries_are_wildcards() -> None:
    assert "stemmer" not in _search()["pipeline"]
