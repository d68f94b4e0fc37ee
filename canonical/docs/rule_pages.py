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

#: how a docs page is linked: a docs-relative path -> link target
Linker = Callable[[str], str]


def _example(title: str, example: Example) -> list[str]:
    held = " in a folder holding:" if example.files else ""
    if example.python is not None:  # a rule only the library or the service reports
        out = [f"**{title}**: in Python (no `canon` command reports this rule){held}\n"]
    else:
        out = [f"**{title}**: `{example.command}`{held}\n"]
    for name, text in example.files.items():
        language = LANGUAGES.get(PurePosixPath(name).suffix.lower(), "text")
        out.append(f"`{name}`\n")
        out.append(fenced(language, text))
    if example.python is not None:
        out.append(fenced("python", example.python))
    return out


def render_rule(rule: Rule, doc: RuleDoc, *, link: Linker, heading: str,
                facts: Sequence[tuple[str, str]] = ()) -> str:
    """The rule's section: ``heading`` line, facts table, then the written page fields."""
    out = [heading + "\n",
           table(("Rule", rule.id), [("Checks", rule.summary), ("Severity", rule.severity.value),
                                     ("Where", rule.scope.value), *facts])]
    if doc.why:
        out += ["**Why it matters.** " + doc.why + "\n"]
    if doc.failing:
        out += _example("Fails", doc.failing)
    if doc.passing:
        out += _example("Passes", doc.passing)
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
