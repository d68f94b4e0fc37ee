"""Sphinx roles in docstrings, rendered for the API pages (a griffe extension).

The package's docstrings use Sphinx cross-reference roles (``:class:`~canonical.report.Report```)
because they read well in ``help()`` and in editors. mkdocstrings renders docstrings as
Markdown, where a role would show up raw; this extension rewrites each role to inline code
with the name a reader expects (``~`` keeps the last component, ``title <target>`` the
title) before the page is rendered. Registered in mkdocs.yml under the python handler's
``extensions``; ``tests/docs/test_build.py`` fails when a built API page shows a raw role.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

ROLE = re.compile(r":(?:py:)?(?:class|func|meth|mod|attr|data|exc|obj|const|ref|term):`([^`]+)`")


def _shown(target: str) -> str:
    titled = re.fullmatch(r"(.+?)\s*<([^>]+)>", target)
    if titled:
        return titled.group(1).strip()
    if target.startswith("~"):
        return target[1:].rsplit(".", 1)[-1]
    return target.lstrip("!")


def render_roles(text: str) -> str:
    """``text`` with every Sphinx role replaced by inline code."""
    return ROLE.sub(lambda m: f"`{_shown(m.group(1))}`", text)


class SphinxRoles(griffe.Extension):
    """Rewrite Sphinx roles in every docstring griffe loads."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = render_roles(obj.docstring.value)
