"""Diagram fences, SVG output, links between generated pages and Markdown escaping."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.docs import paths
from canonical.docs.diagrams import Link, LinkKind, relation_diagram, state_diagram
from canonical.docs.fences import (
    DiagramSyntaxError,
    parse_sequence,
    parse_states,
    sequence_fence,
    title_option,
)
from canonical.docs.markdown import table

SVG = "{http://www.w3.org/2000/svg}"


def _svg(text: str) -> ET.Element:
    start = text.index("<svg")
    end = text.index("</svg>") + len("</svg>")
    return ET.fromstring(text[start:end])


def test_sequence_notation() -> None:
    participants, messages = parse_sequence(
        "# comment\nparticipants: MES, ERP\nERP -> MES: order\nMES --> ERP: done\n")
    assert participants == ["MES", "ERP"]
    assert [(m.source, m.target, m.text, m.reply) for m in messages] == [
        ("ERP", "MES", "order", False), ("MES", "ERP", "done", True)]


@pytest.mark.parametrize("source", ["", "just words", "A => B: no arrow"])
def test_unreadable_fence_is_an_error(source: str) -> None:
    with pytest.raises(DiagramSyntaxError):
        parse_sequence(source)
    with pytest.raises(DiagramSyntaxError):
        parse_states(source)


def test_bad_fence_fails_the_markdown_build() -> None:
    from pymdownx.superfences import SuperFencesException

    with pytest.raises(SuperFencesException):
        sequence_fence("nonsense", "sequence", "sequence", {}, None)


def test_fence_renders_escaped_well_formed_svg() -> None:
    html = sequence_fence("A -> B: x < y & z", "sequence", "sequence", {"title": "T"}, None)
    svg = _svg(html)
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "x < y & z" in texts and {"A", "B"} <= set(texts)
    assert "<figcaption>T</figcaption>" in html


def test_title_is_the_only_fence_option() -> None:
    options: dict[str, str] = {}
    assert title_option("states", {"title": "Life"}, options, {}, None)
    assert options == {"title": "Life"}
    assert not title_option("states", {"width": "3"}, {}, {}, None)


def test_state_diagram_frames_terminal_states_twice() -> None:
    svg = _svg(state_diagram("s", ["a", "b", "c"], [("a", "b"), ("a", "c"), ("b", "c")]))
    rects = list(svg.iter(f"{SVG}rect"))
    assert len(rects) == 4  # a, b, and c twice (terminal)
    assert len([line for line in svg.iter(f"{SVG}line")]) == 1 + 3  # entry arrow + edges


def test_relation_diagram_links_point_to_sibling_pages() -> None:
    here = paths.entity_page("ProductionOrder")
    target = paths.href(here, paths.entity_page("Material"))
    svg = _svg(relation_diagram("r", "ProductionOrder", [
        Link("material", "Material", LinkKind.REFERENCES, href=target)]))
    hrefs = [a.get("href") for a in svg.iter(f"{SVG}a")]
    assert hrefs == ["../Material/"]


def test_page_links() -> None:
    assert paths.link("reference/entities/Lot.md", paths.rule_page("LOT-001"), "lot-001") == \
        "../rules/lot.md#lot-001"
    assert paths.href("reference/entities/Lot.md", "reference/entities/index.md") == "../"
    assert paths.href("reference/plants/DE01.md", "reference/enums/OrderStatus.md") == \
        "../../enums/OrderStatus/"


def test_table_cells_cannot_break_the_table() -> None:
    text = table(("a", "b"), [("x | y", "line\nbreak"), ("", None)])
    rows = text.splitlines()
    assert rows[2] == "| x \\| y | line break |"
    assert rows[3].count("|") == 3


def test_generate_writes_pages(tmp_path: Path) -> None:
    from canonical.cli.docs import docs

    result = CliRunner().invoke(docs, ["generate", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "reference" / "entities" / "ProductionOrder.md").is_file()
    assert (tmp_path / "reference" / "plants" / "DE01.md").is_file()
    assert (tmp_path / "reference" / "cli.md").read_text(encoding="utf-8").startswith(
        "# Command line reference")
