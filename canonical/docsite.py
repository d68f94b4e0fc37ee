"""Where the published documentation lives, and the one place that builds a rule's URL.

Every finding carries the address of its rule's page (JSON output, the HTTP service, CI
annotations); the docs site gives every rule an anchor built by :func:`rule_anchor`, so the
two can never disagree. The base address defaults to :data:`DEFAULT_DOCS_URL`; a company
hosting its own copy of the site sets ``CANON_DOCS_URL`` (read at call time).
"""

from __future__ import annotations

import os
import re

DOCS_URL_ENV = "CANON_DOCS_URL"
DEFAULT_DOCS_URL = "https://mfg-canonical.readthedocs.io/en/latest/"
#: the rule catalogue page, as a directory URL relative to the site root
RULES_URL_PATH = "reference/rules/"

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def base_url() -> str:
    """The site root, always ending in ``/``."""
    configured = os.environ.get(DOCS_URL_ENV, "").strip()
    return (configured or DEFAULT_DOCS_URL).rstrip("/") + "/"


def rule_anchor(rule_id: str) -> str:
    """The anchor of a rule on the catalogue page: ``MAP-045`` -> ``map-045``."""
    return _NON_ALNUM.sub("-", rule_id.lower()).strip("-")


def rule_url(rule_id: str) -> str:
    """The page (and anchor) that explains ``rule_id``."""
    return f"{base_url()}{RULES_URL_PATH}#{rule_anchor(rule_id)}"


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
