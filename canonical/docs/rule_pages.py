"""One rule's page text, in Markdown: the catalogue section and what ``canon rule ID`` prints.

Both come from :func:`render_rule`, so the terminal shows exactly what the site shows (as
``ruff rule`` does). Links differ only in form: relative ``.md`` links inside the site,
absolute URLs (:mod:`canonical.docsite`) in the terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import PurePosixPath

from canonical.docs.markdown import fenced, table
from canonical.ruledocs import Example, RuleDoc
from canonical.rules import Rule

#: file suffix -> highlight language of an example file
LANGUAGES: dict[str, str] = {".json": "json", ".jsonl": "json", ".yaml": "yaml", ".yml": "yaml",
                             ".xml": "xml", ".csv": "text", ".txt": "text", ".py": "python"}

#: the fence of an example file on the site's catalogue page: no highlighting and no copy button
#: (a thousand highlighted blocks with copy buttons took a browser over a minute to open)
PLAIN = "{ .text .no-copy }"

#: how a docs page is linked: a docs-relative path -> link target
Linker = Callable[[str], str]


def _example(title: str, example: Example, shown: Example | None = None, *,
             plain: bool = False) -> list[str]:
    """An example's command (or snippet) and files; with ``shown`` (the failing example, above),
    files it already showed with the same text are named, not repeated. ``plain``: files as plain
    blocks (:data:`PLAIN`, for the site's one-page catalogue)."""
    same = [n for n, t in example.files.items() if shown is not None and shown.files.get(n) == t]
    files = {n: t for n, t in example.files.items() if n not in same}
    held = " in a folder holding:" if files else ""
    if same:
        names = ", ".join(f"`{n}`" for n in same)
        held = (f" in a folder holding {names} as above" + (", and:" if files else "")
                + ("" if files else "."))
    if example.python is not None:  # a rule only the library or the service reports
        out = [f"**{title}**: in Python (no `canon` command reports this rule){held}\n"]
    else:
        out = [f"**{title}**: `{example.command}`{held}\n"]
    for name, text in files.items():
        language = PLAIN if plain else LANGUAGES.get(PurePosixPath(name).suffix.lower(), "text")
        out.append(f"`{name}`\n")
        out.append(fenced(language, text))
    if example.python is not None:
        out.append(fenced("python", example.python))
    return out


def render_rule(rule: Rule, doc: RuleDoc, *, link: Linker, heading: str,
                facts: Sequence[tuple[str, str]] = (), plain_files: bool = False) -> str:
    """The rule's section: ``heading`` line, facts table, then the written page fields
    (``plain_files``: example files as plain text, for the site's catalogue page)."""
    out = [heading + "\n",
           table(("Rule", rule.id), [("Checks", rule.summary), ("Severity", rule.severity.value),
                                     ("Where", rule.scope.value), *facts])]
    if doc.why:
        out += ["**Why it matters.** " + doc.why + "\n"]
    if doc.failing:
        out += _example("Fails", doc.failing, plain=plain_files)
    if doc.passing:
        out += _example("Passes", doc.passing, shown=doc.failing, plain=plain_files)
    if doc.fix:
        out += ["**How to fix.** " + doc.fix + "\n"]
    if doc.guide:
        out += [f"**Guide:** [{_guide_title(doc.guide)}]({link(doc.guide)})\n"]
    missing = doc.missing()
    if missing:
        out += [f"*This page does not yet say: {', '.join(missing)}.*\n"]
    return "\n".join(out)


def _guide_title(page: str) -> str:
    stem = PurePosixPath(page.split("#", 1)[0]).stem
    return stem.replace("-", " ").capitalize()
