"""Where the published documentation lives, and the one place that builds a rule's URL.

Every finding carries the address of its rule's page (JSON output, the HTTP service, CI
annotations). The catalogue is one index page plus one page per rule family (the id's prefix:
``LOT-003`` is on ``reference/rules/lot/``, anchor ``lot-003``; the large MAP family is
split per hundred: ``MAP-045`` is on ``reference/rules/map-0xx/``); the docs site places and
anchors every rule with :func:`rule_family` and :func:`rule_anchor`, so the two can never
disagree, and the address follows from the id alone (stable as long as the id). The base
address defaults to :data:`DEFAULT_DOCS_URL`; a company hosting its own copy of the site sets
``CANON_DOCS_URL`` (read at call time).
"""

from __future__ import annotations

import os
import re

DOCS_URL_ENV = "CANON_DOCS_URL"
DEFAULT_DOCS_URL = "https://mfg-canonical.readthedocs.io/en/latest/"
#: the rule catalogue's index page, as a directory URL relative to the site root; each family's
#: page is a folder below it
RULES_URL_PATH = "reference/rules/"

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def base_url() -> str:
    """The site root, always ending in ``/``."""
    configured = os.environ.get(DOCS_URL_ENV, "").strip()
    return (configured or DEFAULT_DOCS_URL).rstrip("/") + "/"


def rule_anchor(rule_id: str) -> str:
    """The anchor of a rule on its family's page: ``MAP-045`` -> ``map-045``."""
    return _NON_ALNUM.sub("-", rule_id.lower()).strip("-")


#: families with so many rules that one page would be slow to open: their page is per hundred
#: (``MAP-045`` -> ``map-0xx``, ``MAP-380`` -> ``map-3xx``); a fixed list, so an address never
#: moves because a family grew
SPLIT_FAMILIES = frozenset({"map"})


def rule_family(rule_id: str) -> str:
    """The family of a rule, which names its catalogue page: the id without its number
    (``IO-003`` -> ``io``), per hundred for a family in :data:`SPLIT_FAMILIES`
    (``MAP-045`` -> ``map-0xx``)."""
    prefix, _, number = rule_id.rpartition("-") if "-" in rule_id else (rule_id, "", "")
    family = _NON_ALNUM.sub("-", prefix.lower()).strip("-") or "other"
    if family in SPLIT_FAMILIES and number.isdigit():
        return f"{family}-{int(number) // 100}xx"
    return family


def rule_url(rule_id: str, *, base: str | None = None) -> str:
    """The page (and anchor) that explains ``rule_id``, on the site at ``base`` (default:
    :func:`base_url`; the HTTP service passes its own ``docs_url``)."""
    root = base_url() if base is None else base.rstrip("/") + "/"
    return f"{root}{RULES_URL_PATH}{rule_family(rule_id)}/#{rule_anchor(rule_id)}"


def page_url(page: str) -> str:
    """The URL of a docs page given its source path (``guides/ci.md`` -> ``.../guides/ci/``;
    an anchor stays at the end: ``guides/units.md#rounding`` -> ``.../guides/units/#rounding``)."""
    path, hash_, anchor = page.partition("#")
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
    else:
        stem += "/"
    return base_url() + stem.lstrip("/") + hash_ + anchor
