"""Small, safe Markdown builders shared by the reference page generators.

Every generated table goes through :func:`table`, which escapes the characters that would
break a pipe table (``|``, line breaks) so a description taken from the schema can never
corrupt the page around it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

_SLUG = re.compile(r"[^a-z0-9]+")
EMPTY = "\u2013"  # an en dash marks an empty cell


def cell(text: object) -> str:
    """One table cell: pipes escaped, line breaks folded, empty shown as an en dash."""
    value = "" if text is None else str(text)
    value = " ".join(value.split())
    return value.replace("|", "\\|") if value else EMPTY


def code(text: object) -> str:
    """Inline code that survives backticks inside ``text``."""
    value = str(text)
    return f"`` {value} ``" if "`" in value else f"`{value}`"


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A pipe table; ``rows`` may be empty (the header is still written)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines.extend("| " + " | ".join(cell(value) for value in row) + " |" for row in rows)
    return "\n".join(lines) + "\n"


def slug(text: str) -> str:
    """A lower-case anchor / file name fragment: ``"GOV-010"`` -> ``"gov-010"``."""
    return _SLUG.sub("-", text.lower()).strip("-")


def anchor(text: str) -> str:
    """An explicit heading anchor (attr_list syntax) so links never depend on a slugifier."""
    return "{ #" + slug(text) + " }"


def escape_html(text: str) -> str:
    return html.escape(text, quote=True)


def admonition(kind: str, title: str, body: str) -> str:
    """A Material admonition block (``!!! note "title"``) with ``body`` indented."""
    indented = "\n".join(("    " + line) if line else "" for line in body.splitlines())
    return f'!!! {kind} "{title}"\n\n{indented}\n'


def fenced(language: str, body: str) -> str:
    """A fenced code block whose fence is longer than any backtick run inside ``body``."""
    longest = max((len(m) for m in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{body.rstrip()}\n{fence}\n"


def filter_box(target: str, placeholder: str) -> str:
    """A text filter for the table inside ``<div id="target">`` (docs/assets/table-filter.js)."""
    return (f'<div class="canon-filter-bar"><input class="canon-filter" type="search" '
            f'data-target="{escape_html(target)}" placeholder="{escape_html(placeholder)}" '
            f'aria-label="{escape_html(placeholder)}"><span class="canon-filter-count"></span>'
            f"</div>\n")


def filtered_table(target: str, placeholder: str, headers: Sequence[str],
                   rows: Iterable[Sequence[object]], *, css_class: str = "") -> str:
    """:func:`table` wrapped so :func:`filter_box` can filter its rows."""
    extra = f' class="{escape_html(css_class)}"' if css_class else ""
    return (filter_box(target, placeholder)
            + f'\n<div id="{escape_html(target)}"{extra} markdown>\n\n'
            + table(headers, rows) + "\n</div>\n")
