"""Every element of a document is accounted for: mapped, declared not carried, or reported.

Readers record each element whose text they read (:class:`~canonical.b2mml.nodes.Node`
``seen``). After the import, every element with text that no reader used is:

- *declared not carried*: listed in ``data/not-carried.txt`` (``Parent/Child`` local names,
  ``*`` for any parent, with the reason the canonical model has no field for it; an entry
  naming a container, ``EquipmentActual/Quantity``, covers what it holds); info
  B2M-304 with its path, so the user sees what was left out;
- an *extension* (an element of another namespace, e.g. a vendor's ``<gw:Zone>``): info
  B2M-304 at the outermost foreign element;
- *inside an element already reported* as an error (a skipped record), as not carried or
  as an ignored use: covered by that finding (not by a validation finding of the record
  built from it, which says what the record lacks, not what the element held);
- otherwise: error B2M-306 with its path. Exit 0 therefore means nothing was dropped unseen.

``DataType`` and ``Key`` describe the value beside them and are never reported on their own;
a ``UnitOfMeasure`` beside a value that is itself unaccounted is reported through that value.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

from canonical.b2mml import rules
from canonical.b2mml.nodes import Paths
from canonical.b2mml.version import local, namespace_of
from canonical.report import Finding, Severity
from canonical.resources import package_file

_COMPANIONS = frozenset({"DataType", "Key"})
_COVERING = frozenset({rules.NOT_CARRIED.id, rules.IGNORED_USE.id})
_VALUES = frozenset({"ValueString", "QuantityString"})


@cache
def not_carried() -> dict[str, str]:
    """``Parent/Child`` (or ``*/Child``) -> why the canonical model does not carry it."""
    text = package_file("b2mml", "data", "not-carried.txt").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, reason = line.partition("|")
            table[name.strip()] = reason.strip()
    return table


def account(root: etree._Element, ns: str, seen: set[etree._Element],
            findings: list[Finding], source: str) -> None:
    """Append a finding for each element with text that no reader used (see module doc)."""
    covered = {f.path for f in findings if f.path and f.canonical_path is None
               and (f.severity is Severity.ERROR or f.rule_id in _COVERING)}
    declared = not_carried()
    for element, path in _unused(root, ns, seen):
        if covered and _under(path, covered):
            continue
        line = element.sourceline
        if namespace_of(element.tag) != ns:
            findings.append(rules.NOT_CARRIED.finding(
                f"extension element <{element.tag}> is not carried by the canonical model",
                path=path, file=source, line=line))
            continue
        name = local(element.tag)
        reason = _declared(element, declared)
        if reason is not None:
            findings.append(rules.NOT_CARRIED.finding(
                f"<{name}> is not carried by the canonical model: {reason}", path=path,
                value=(element.text or "").strip(), file=source, line=line))
        else:
            findings.append(rules.UNACCOUNTED.finding(
                f"<{name}> is not mapped to a canonical field and not declared as not carried; "
                "its value would be dropped", path=path,
                value=(element.text or "").strip(), file=source, line=line))


def _declared(element: etree._Element, declared: dict[str, str]) -> str | None:
    """Why ``element`` (or the element it is part of: ``EquipmentActual/Quantity`` covers its
    ``QuantityString``) is not carried, when declared."""
    current, parent = element, element.getparent()
    while parent is not None:
        name = local(current.tag)
        reason = declared.get(f"{local(parent.tag)}/{name}") or declared.get(f"*/{name}")
        if reason is not None:
            return reason
        current, parent = parent, parent.getparent()
    return None


def _under(path: str, covered: set[str]) -> bool:
    """Whether ``path`` or one of its ancestors is in ``covered`` (O(depth))."""
    cut = len(path)
    while cut > 0:
        if path[:cut] in covered:
            return True
        cut = path.rfind("/", 0, cut)
    return False


#: the elements accounting looks at, in document order, selected by libxml2 (no Python per
#: container or empty element): leaves with text, and the outermost elements of another
#: namespace than the document's (extensions, whatever they hold)
_CANDIDATES = etree.XPath(
    "//*[not(*)][normalize-space(text())]"
    " | //*[namespace-uri() != $ns][not(parent::*) or namespace-uri(parent::*) = $ns]")


def _unused(root: etree._Element, ns: str, seen: set[etree._Element]
            ) -> Iterable[tuple[etree._Element, str]]:
    """Unread elements with text, with their paths, in document order (a path is built only
    for an element that is reported)."""
    prefix = "{" + ns + "}"
    paths = Paths()
    for element in _CANDIDATES(root, ns=ns):
        if not element.tag.startswith(prefix):
            parent = element.getparent()
            if (parent is None or parent.tag.startswith(prefix)) and _has_content(element):
                yield element, paths.of(element)  # an extension: once, at its outermost
            continue
        if element not in seen and not _companion_read(element, seen):
            yield element, paths.of(element)


def _companion_read(element: etree._Element, seen: set[etree._Element]) -> bool:
    """Whether ``element`` is accounted for by the value beside it."""
    name = local(element.tag)
    if name in _COMPANIONS:
        return True
    parent = element.getparent()
    if name != "UnitOfMeasure" or parent is None:
        return False
    return any(local(c.tag) in _VALUES and c not in seen for c in parent
               if isinstance(c.tag, str))


def _has_content(element: etree._Element) -> bool:
    return any(isinstance(e.tag, str) and (e.text or "").strip() for e in element.iter())
