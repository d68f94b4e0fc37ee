"""Diagrams drawn as inline SVG at build time: state machines, relationships, sequences.

The site must work without network access, and mkdocs-material loads Mermaid from a CDN at
view time, so diagrams are laid out here instead: deterministic, dependency-free SVG that
inherits the page's text colour (``currentColor``), so it reads in the light and dark
palettes alike. Layouts are deliberately simple (layers, columns, lifelines) because the
diagrams are small.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from canonical.docs.markdown import escape_html

CHAR_WIDTH = 7.4  # average glyph width at the diagram font size, in px
FONT = 'font-family="sans-serif" font-size="13"'
BOX_HEIGHT = 34
PAD = 14


def _width(label: str) -> float:
    return max(72.0, len(label) * CHAR_WIDTH + 2 * PAD)


def _svg(width: float, height: float, title: str, body: list[str]) -> str:
    t = escape_html(title)
    return (
        f'<svg class="canon-diagram" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'style="max-width:100%;height:auto">'
        f"<title>{t}</title>"
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="currentColor"/></marker>'
        '<marker id="diamond" viewBox="0 0 12 12" refX="0" refY="6" markerWidth="10" '
        'markerHeight="10" orient="auto"><path d="M0,6 L6,0 L12,6 L6,12 z" '
        'fill="currentColor"/></marker></defs>'
        + "".join(body)
        + "</svg>"
    )


def _box(x: float, y: float, w: float, label: str, *, href: str | None = None,
         double: bool = False, rounded: int = 6, bold: bool = False) -> str:
    parts = [
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{BOX_HEIGHT}" rx="{rounded}" '
        'fill="none" stroke="currentColor" stroke-width="1.4"/>'
    ]
    if double:
        parts.append(
            f'<rect x="{x + 3:.1f}" y="{y + 3:.1f}" width="{w - 6:.1f}" '
            f'height="{BOX_HEIGHT - 6}" rx="{max(rounded - 2, 0)}" fill="none" '
            'stroke="currentColor" stroke-width="1"/>'
        )
    weight = ' font-weight="bold"' if bold else ""
    parts.append(
        f'<text x="{x + w / 2:.1f}" y="{y + BOX_HEIGHT / 2 + 4.5:.1f}" text-anchor="middle" '
        f'fill="currentColor" {FONT}{weight}>{escape_html(label)}</text>'
    )
    group = "".join(parts)
    if href:
        return f'<a href="{escape_html(href)}">{group}</a>'
    return group


def _line(x1: float, y1: float, x2: float, y2: float, *, dashed: bool = False,
          start: str = "", end: str = "arrow") -> str:
    dash = ' stroke-dasharray="5 4"' if dashed else ""
    m_start = f' marker-start="url(#{start})"' if start else ""
    m_end = f' marker-end="url(#{end})"' if end else ""
    return (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="currentColor" stroke-width="1.3"{dash}{m_start}{m_end}/>')


def _label(x: float, y: float, text: str, *, anchor: str = "middle") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="currentColor" '
            f'font-family="sans-serif" font-size="11.5">{escape_html(text)}</text>')


# --------------------------------------------------------------------------- states


def _layers(states: Sequence[str], edges: Sequence[tuple[str, str]]) -> dict[str, int]:
    """Longest-path layering over forward edges (edges to an earlier state are ignored)."""
    order = {s: i for i, s in enumerate(states)}
    layer = dict.fromkeys(states, 0)
    for _ in states:  # relax |V| times: enough for a DAG, bounded for cycles
        changed = False
        for a, b in edges:
            if order[b] > order[a] and layer[b] < layer[a] + 1:
                layer[b] = layer[a] + 1
                changed = True
        if not changed:
            break
    return layer


def state_diagram(title: str, states: Sequence[str],
                  edges: Sequence[tuple[str, str]]) -> str:
    """States as boxes in layers left to right; terminal states (no way out) double-framed.

    ``states`` gives the reading order (the first state is the initial one).
    """
    layer = _layers(states, edges)
    columns: dict[int, list[str]] = {}
    for state in states:
        columns.setdefault(layer[state], []).append(state)
    col_width = max(_width(s) for s in states) + 60
    row_height = BOX_HEIGHT + 36
    left = 40.0
    place: dict[str, tuple[float, float, float]] = {}
    for col, members in sorted(columns.items()):
        for row, state in enumerate(members):
            w = _width(state)
            x = left + col * col_width + (col_width - 60 - w) / 2
            place[state] = (x, 20 + row * row_height, w)
    outgoing = {a for a, _ in edges}
    body: list[str] = []
    first = states[0]
    fx, fy, _ = place[first]
    body.append(f'<circle cx="12" cy="{fy + BOX_HEIGHT / 2:.1f}" r="6" fill="currentColor"/>')
    body.append(_line(18, fy + BOX_HEIGHT / 2, fx, fy + BOX_HEIGHT / 2))
    for a, b in edges:
        ax, ay, aw = place[a]
        bx, by, bw = place[b]
        if layer[b] > layer[a]:
            body.append(_line(ax + aw, ay + BOX_HEIGHT / 2, bx, by + BOX_HEIGHT / 2))
        else:  # backward or same-layer edge: go around below
            y = max(ay, by) + BOX_HEIGHT + 14
            body.append(
                f'<path d="M{ax + aw / 2:.1f},{ay + BOX_HEIGHT:.1f} '
                f'C{ax + aw / 2:.1f},{y + 12:.1f} {bx + bw / 2:.1f},{y + 12:.1f} '
                f'{bx + bw / 2:.1f},{by + BOX_HEIGHT:.1f}" fill="none" stroke="currentColor" '
                'stroke-width="1.3" marker-end="url(#arrow)"/>'
            )
    for state in states:
        x, y, w = place[state]
        body.append(_box(x, y, w, state, double=state not in outgoing, rounded=16))
    width = left + (max(layer.values()) + 1) * col_width
    height = 20 + max(len(m) for m in columns.values()) * row_height + 20
    return _svg(width, height, title, body)


# --------------------------------------------------------------------------- relations


class LinkKind(StrEnum):
    CONTAINS = "contains"  # an inlined class-valued field (part of the record)
    REFERENCES = "references"  # an identifier naming another record
    REFERENCED_BY = "referenced by"  # another entity's identifier names this one


@dataclass(frozen=True, slots=True)
class Link:
    """One edge of a relationship diagram, seen from the page's class."""

    field: str
    target: str
    kind: LinkKind
    many: bool = False
    href: str | None = None


def relation_diagram(title: str, center: str, links: Sequence[Link]) -> str:
    """The class in the middle; what it references or contains on the right, what references
    it on the left. Containment is a solid line with a diamond, references are dashed."""
    right = [link for link in links if link.kind is not LinkKind.REFERENCED_BY]
    left = [link for link in links if link.kind is LinkKind.REFERENCED_BY]
    row_height = BOX_HEIGHT + 18
    rows = max(len(right), len(left), 1)
    height = 20 + rows * row_height + 10
    left_w = max((_width(link.target) for link in left), default=0.0)
    label_w = max((len(f"{x.field}{' [*]' if x.many else ''}") * 6.6 for x in links),
                  default=60.0) + 40
    center_w = _width(center)
    right_w = max((_width(link.target) for link in right), default=0.0)
    cx = 20 + (left_w + label_w if left else 0)
    cy = (height - BOX_HEIGHT) / 2
    body = [_box(cx, cy, center_w, center, bold=True)]
    rx = cx + center_w + label_w
    for index, link in enumerate(right):
        y = 20 + index * row_height + (rows - len(right)) * row_height / 2
        body.append(_box(rx, y, _width(link.target), link.target, href=link.href))
        dashed = link.kind is LinkKind.REFERENCES
        body.append(_line(cx + center_w, cy + BOX_HEIGHT / 2, rx, y + BOX_HEIGHT / 2,
                          dashed=dashed, start="" if dashed else "diamond"))
        text = link.field + (" [*]" if link.many else "")
        body.append(_label(rx - 6, y + BOX_HEIGHT / 2 - 5, text, anchor="end"))
    for index, link in enumerate(left):
        y = 20 + index * row_height + (rows - len(left)) * row_height / 2
        w = _width(link.target)
        x = 20 + left_w - w
        body.append(_box(x, y, w, link.target, href=link.href))
        body.append(_line(x + w, y + BOX_HEIGHT / 2, cx, cy + BOX_HEIGHT / 2, dashed=True))
        body.append(_label(x + w + 6, y + BOX_HEIGHT / 2 - 5, link.field, anchor="start"))
    width = rx + (right_w if right else 0) + 20
    return _svg(width, height, title, body)


# --------------------------------------------------------------------------- sequences


@dataclass(frozen=True, slots=True)
class Message:
    """One arrow of a sequence diagram (``source == target`` draws a self-note)."""

    source: str
    target: str
    text: str
    reply: bool = False


#: widest a sequence diagram is drawn (px): at a laptop's content width (about 830 px) the
#: labels then stay at 10 px or more (tests/docs/test_build.py measures it in Chromium)
MAX_SEQUENCE_WIDTH = 860.0
LABEL_CHAR = 6.6  # average glyph width of a message label (font-size 11.5), px
LINE = 14.0  # line height of a wrapped message label, px


def _wrapped(text: str, room: float) -> list[str]:
    """``text`` in lines that fit ``room`` px (long words such as calls are broken too)."""
    width = max(12, int(room / LABEL_CHAR))
    return textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False) or [""]


def sequence_diagram(title: str, participants: Sequence[str],
                     messages: Sequence[Message]) -> str:
    """Participants as columns with lifelines; messages top to bottom in order, their labels
    wrapped so the whole diagram fits :data:`MAX_SEQUENCE_WIDTH` (readable when scaled)."""
    widest_box = max(_width(p) for p in participants) + 30
    longest = max((len(m.text) * LABEL_CHAR + 30 for m in messages if m.source != m.target),
                  default=0.0)
    fit = (MAX_SEQUENCE_WIDTH - 160) / len(participants)
    col = max(widest_box, min(longest, fit))
    x_of = {p: 20 + i * col + col / 2 for i, p in enumerate(participants)}
    top = 20 + BOX_HEIGHT
    body: list[str] = []
    y: float = top
    for message in messages:
        xa, xb = x_of[message.source], x_of[message.target]
        room = abs(xb - xa) - 16 if xa != xb else col + 100
        lines = _wrapped(message.text, room)
        y += 24 + LINE * len(lines)
        if xa == xb:
            body.append(f'<path d="M{xa:.1f},{y - 8:.1f} h28 v16 h-28" fill="none" '
                        'stroke="currentColor" stroke-width="1.3" marker-end="url(#arrow)"/>')
            body.extend(_label(xa + 34, y + 4 - LINE * (len(lines) - 1 - i), line, anchor="start")
                        for i, line in enumerate(lines))
            continue
        body.append(_line(xa, y, xb, y, dashed=message.reply))
        body.extend(_label((xa + xb) / 2, y - 6 - LINE * (len(lines) - 1 - i), line)
                    for i, line in enumerate(lines))
    height = y + 38 + 10
    for p, x in x_of.items():
        w = _width(p)
        body.insert(0, f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{height - 10:.1f}" '
                    'stroke="currentColor" stroke-width="1" stroke-dasharray="3 4" '
                    'opacity="0.6"/>')
        body.insert(0, _box(x - w / 2, 20, w, p, bold=True))
    width = 40 + len(participants) * col + 120
    return _svg(width, height, title, body)
