"""Diagram code fences for hand-written pages (``pymdownx.superfences`` custom fences).

Guides draw workflows in a tiny text notation that is turned into inline SVG when the site
is built, so nothing is fetched from a CDN when a reader opens the page::

    ```sequence
    ERP -> canonical: released order (SAP IDoc LOIPRO)
    canonical -> MES: ProductionOrder (status released)
    MES --> ERP: confirmation
    ```

    ```states
    created -> released
    released -> in_progress
    ```

``A -> B: text`` is a message, ``A --> B: text`` a reply (dashed); participants appear in
order of first mention unless a ``participants: A, B, C`` line fixes the order. In a
``states`` fence the first state mentioned is the initial one. Lines starting with ``#`` are
comments. A fence that cannot be parsed raises :class:`DiagramSyntaxError`, which fails the
(strict) site build instead of showing a broken picture.
"""

from __future__ import annotations

import re

from canonical.docs.diagrams import Message, sequence_diagram, state_diagram
from canonical.docs.markdown import escape_html

_ARROW = re.compile(r"^\s*(?P<a>[^-:>]+?)\s*(?P<arrow>-->|->)\s*(?P<b>[^:]+?)\s*(?::\s*(?P<text>.*))?$")


class DiagramSyntaxError(ValueError):
    """A diagram fence line that does not follow the notation (build-time only)."""

    def __init__(self, kind: str, line_no: int, line: str) -> None:
        super().__init__(f"{kind} diagram, line {line_no}: cannot read {line!r} "
                         "(expected 'A -> B: text')")


def _lines(source: str) -> list[tuple[int, str]]:
    return [(n, line.strip()) for n, line in enumerate(source.splitlines(), start=1)
            if line.strip() and not line.strip().startswith("#")]


def parse_sequence(source: str) -> tuple[list[str], list[Message]]:
    participants: list[str] = []
    messages: list[Message] = []
    for number, line in _lines(source):
        if line.lower().startswith("participants:"):
            participants = [p.strip() for p in line.split(":", 1)[1].split(",") if p.strip()]
            continue
        match = _ARROW.match(line)
        if match is None:
            raise DiagramSyntaxError("sequence", number, line)
        a, b = match["a"], match["b"]
        for name in (a, b):
            if name not in participants:
                participants.append(name)
        messages.append(Message(a, b, match["text"] or "", reply=match["arrow"] == "-->"))
    if not messages:
        raise DiagramSyntaxError("sequence", 1, source.strip())
    return participants, messages


def parse_states(source: str) -> tuple[list[str], list[tuple[str, str]]]:
    states: list[str] = []
    edges: list[tuple[str, str]] = []
    for number, line in _lines(source):
        match = _ARROW.match(line)
        if match is None:
            raise DiagramSyntaxError("states", number, line)
        a, b = match["a"], match["b"]
        for name in (a, b):
            if name not in states:
                states.append(name)
        edges.append((a, b))
    if not edges:
        raise DiagramSyntaxError("states", 1, source.strip())
    return states, edges


def _figure(svg: str, caption: str) -> str:
    text = f"<figcaption>{escape_html(caption)}</figcaption>" if caption else ""
    return f'<figure class="canon-figure">{svg}{text}</figure>'


def _fail(error: DiagramSyntaxError) -> Exception:
    """superfences swallows ordinary exceptions (and shows the raw fence); its own one fails
    the build, which is what a broken diagram must do."""
    from pymdownx.superfences import SuperFencesException  # type: ignore[import-untyped]

    failure: Exception = SuperFencesException(str(error))
    return failure


def sequence_fence(source: str, language: str, css_class: str, options: dict[str, str],
                   md: object, **kwargs: object) -> str:
    """superfences formatter for ```` ```sequence ```` blocks."""
    try:
        participants, messages = parse_sequence(source)
    except DiagramSyntaxError as error:
        raise _fail(error) from error
    title = options.get("title", "sequence diagram")
    return _figure(sequence_diagram(title, participants, messages), options.get("title", ""))


def states_fence(source: str, language: str, css_class: str, options: dict[str, str],
                 md: object, **kwargs: object) -> str:
    """superfences formatter for ```` ```states ```` blocks."""
    try:
        states, edges = parse_states(source)
    except DiagramSyntaxError as error:
        raise _fail(error) from error
    title = options.get("title", "state diagram")
    return _figure(state_diagram(title, states, edges), options.get("title", ""))


def title_option(language: str, inputs: dict[str, str], options: dict[str, str],
                 attrs: dict[str, str], md: object) -> bool:
    """superfences validator: accept an optional ``title="..."`` on the fence line."""
    for key, value in inputs.items():
        if key != "title":
            return False
        options[key] = value
    return True
