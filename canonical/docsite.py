"""Where the published documentation lives, and the one place that builds a rule's URL.

Every finding carries the address of its rule's page (JSON output, the HTTP service, CI
annotations). The catalogue is one index page plus one page per rule family (the id's prefix:
``MAP-045`` is on ``reference/rules/map/``, anchor ``map-045``); the docs site places and
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


def rule_family(rule_id: str) -> str:
    """The family of a rule, which names its catalogue page: the id without its number
    (``MAP-045`` -> ``map``, ``IO-003`` -> ``io``)."""
    prefix = rule_id.rsplit("-", 1)[0] if "-" in rule_id else rule_id
    return _NON_ALNUM.sub("-", prefix.lower()).strip("-") or "other"


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
