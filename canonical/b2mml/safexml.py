"""Hardened XML parsing: no DTD, no entities, no network, bounded size and depth.

B2MML documents never need a DOCTYPE, so any document that declares one is refused before
its content is used (that closes billion-laughs, quadratic blow-up and external entities in
one rule, B2M-002). lxml's parser is configured to resolve no entity, load no DTD and touch
no network anyway, so a DOCTYPE that slips past the byte scan (UTF-16 input) is still inert
and then refused from the parsed tree. Size is capped before parsing, depth after.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

from canonical.b2mml import rules
from canonical.errors import B2MMLError, InputError
from canonical.files.guard import InputKind, read_input
from canonical.files.limits import MAX_XML_BYTES
from canonical.files.rules import NOT_REGULAR, TOO_LARGE

#: Largest document read (bytes).
MAX_BYTES = MAX_XML_BYTES
#: Deepest element nesting accepted (B2MML documents stay well below 40).
MAX_DEPTH = 100

_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_pis=True, collect_ids=False,
    )


def parse_bytes(data: bytes, *, source: str = "<input>") -> etree._Element:
    """The root element of ``data``, or :class:`B2MMLError` (B2M-001/002/003)."""
    if len(data) > MAX_BYTES:
        raise B2MMLError(f"document is {len(data)} bytes; the limit is {MAX_BYTES}",
                         source=source, rule_id=rules.TOO_LARGE.id)
    found = _DOCTYPE.search(data)
    if found is not None:
        line = data.count(b"\n", 0, found.start()) + 1
        raise _dtd(source, line)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        deep = "depth" in str(exc.msg).lower()
        raise B2MMLError(f"not well-formed XML: {exc.msg}", source=source,
                         line=exc.lineno or None,
                         rule_id=(rules.TOO_LARGE if deep else rules.NOT_XML).id) from exc
    except ValueError as exc:  # e.g. a str with an encoding declaration
        raise B2MMLError(f"not readable as XML: {exc}", source=source,
                         rule_id=rules.NOT_XML.id) from exc
    if root is None:
        raise B2MMLError("no XML element found", source=source, rule_id=rules.NOT_XML.id)
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise _dtd(source, 1)
    _check_depth(root, source)
    return root


def parse_file(path: str | Path) -> etree._Element:
    """Read and parse a file; unreadable files are B2M-001 errors with the OS reason."""
    source = str(path)
    try:
        data = read_input(path, InputKind.XML, max_bytes=MAX_BYTES)
    except InputError as exc:
        rule_id = {TOO_LARGE.id: rules.TOO_LARGE.id, NOT_REGULAR.id: NOT_REGULAR.id}.get(
            exc.rule_id, rules.NOT_XML.id)
        raise B2MMLError(exc.reason, source=source, rule_id=rule_id) from None
    return parse_bytes(data, source=source)


def _dtd(source: str, line: int) -> B2MMLError:
    return B2MMLError(
        "document declares a DOCTYPE or entities; B2MML needs none, so it is refused "
        "(no entity expansion, no external fetch)",
        source=source, line=line, rule_id=rules.DTD_REFUSED.id,
    )


def _check_depth(root: etree._Element, source: str) -> None:
    """B2M-003 for an element nested deeper than :data:`MAX_DEPTH` (one XPath step per level,
    evaluated by libxml2: no Python per element)."""
    too_deep = root.xpath("/*" * (MAX_DEPTH + 1))
    if too_deep:
        raise B2MMLError(f"elements nested deeper than {MAX_DEPTH} levels", source=source,
                         line=too_deep[0].sourceline, rule_id=rules.TOO_LARGE.id)
