"""Every element of a document is accounted for: mapped, declared not carried, or reported.

Readers record each element whose text they read (:class:`~canonical.b2mml.nodes.Node`
``seen``). After the import, every element with text that no reader used is:

- *declared not carried*: listed in ``data/not-carried.txt`` (``Parent/Child`` local names,
  ``*`` for any parent, with the reason the canonical model has no field for it; an entry
  naming a container, ``EquipmentActual/Quantity``, covers what it holds), or by the plant
  for the document's sender (``b2mml.yaml`` ``not_carried``, which may also name one property
  by its id: ``MaterialLotProperty[Farbton]/Value``); info B2M-304 with its path, so the user
  sees what was left out;
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

from collections.abc import Callable, Iterable, Mapping
from functools import cache

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

from canonical.b2mml import rules
from canonical.b2mml.nodes import Paths
from canonical.b2mml.properties import key
from canonical.b2mml.version import local
from canonical.report import Finding, Severity
from canonical.resources import package_file

_COMPANIONS = frozenset({"DataType", "Key"})
#: Rules whose finding covers what its element holds (besides every error).
COVERING = frozenset({rules.NOT_CARRIED.id, rules.IGNORED_USE.id})
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
            findings: list[Finding], source: str,
            covering: Iterable[tuple[Finding, etree._Element]] = (),
            known: tuple[str, frozenset[str]] | None = None,
            plant_declared: Mapping[str, str] | None = None) -> None:
    """Append a finding for each element with text that no reader used (see module doc).

    ``covering``: covering findings with the element they are located at (the reader's
    own, :meth:`~canonical.b2mml.context.Context.add`); what that element holds is skipped
    without building its path. Every other covering finding is matched by its path.
    ``known``: the version's name and element tags; each element of the document's namespace
    that is not one of them is B2M-101 (an error covering what it holds), found in the same
    walk and put first, before the readers' findings, in document order.
    ``plant_declared``: the plant's own not-carried entries for the sender, entry -> reason."""
    held: set[etree._Element] = set()
    by_element: set[int] = set()
    for finding, element in covering:
        by_element.add(id(finding))
        held.update(element.iter())
    covered = {f.path for f in findings if f.path and f.canonical_path is None
               and (f.severity is Severity.ERROR or f.rule_id in COVERING)
               and id(f) not in by_element}
    under = _Covered(covered)
    declared = _Declared(not_carried(), plant_declared or {})
    prefix = "{" + ns + "}"
    paths = Paths()
    unknown: list[Finding] = []

    def undefined(element: etree._Element) -> None:
        path = paths.of(element)
        unknown.append(rules.UNKNOWN_ELEMENT.finding(
            f"<{local(element.tag)}> is not an element of B2MML {version}", path=path,
            file=source, line=element.sourceline))
        covered.add(path)

    version, tags = known if known is not None else ("", None)
    for element in _unused(root, ns, seen, tags, undefined):
        if element in held:
            continue
        path = paths.of(element)
        if covered and under(path):
            continue
        line = element.sourceline
        tag = element.tag
        if not tag.startswith(prefix):
            findings.append(rules.NOT_CARRIED.finding(
                f"extension element <{tag}> is not carried by the canonical model",
                path=path, file=source, line=line))
            continue
        name = tag[len(prefix):]
        reason = declared.why(element, prefix)
        if reason is not None:
            findings.append(rules.NOT_CARRIED.finding(
                f"<{name}> is not carried by the canonical model: {reason}", path=path,
                value=(element.text or "").strip(), file=source, line=line))
        else:
            findings.append(rules.UNACCOUNTED.finding(
                f"<{name}> is not mapped to a canonical field and not declared as not carried; "
                "its value would be dropped", path=path,
                value=(element.text or "").strip(), file=source, line=line))
    findings[0:0] = unknown


class _Declared:
    """Why an element (or the element it is part of: ``EquipmentActual/Quantity`` covers its
    ``QuantityString``) is not carried, when the package or the plant declares it."""

    def __init__(self, standard: Mapping[str, str], plant: Mapping[str, str]) -> None:
        self.names = dict(standard)
        #: (parent, normalised ID of the parent) -> child -> reason: ``Parent[ID]/Child``
        self.by_id: dict[tuple[str, str], dict[str, str]] = {}
        for entry, reason in plant.items():
            parent, _, child = entry.partition("/")
            text = f"{reason} (declared by the plant)"
            if parent.endswith("]"):
                name, _, ident = parent[:-1].partition("[")
                self.by_id.setdefault((name, key(ident)), {})[child] = text
            else:
                self.names[entry] = text
        self.keyed = frozenset(name for name, _ in self.by_id)

    def why(self, element: etree._Element, prefix: str) -> str | None:
        current, parent = element, element.getparent()
        while parent is not None:
            name, above = local(current.tag), local(parent.tag)
            reason = self.names.get(f"{above}/{name}") or self.names.get(f"*/{name}")
            if reason is None and above in self.keyed:
                ident = parent.findtext(prefix + "ID")
                reason = self.by_id.get((above, key(ident or "")), {}).get(name)
            if reason is not None:
                return reason
            current, parent = parent, parent.getparent()
        return None


class _Covered:
    """Whether a path or one of its ancestors is in ``covered``: each ancestor path is looked
    up once per document (the unread elements of one record share their ancestors)."""

    def __init__(self, covered: set[str]) -> None:
        self._covered = covered
        self._known: dict[str, bool] = {}

    def __call__(self, path: str) -> bool:
        if path in self._covered:
            return True
        cut = path.rfind("/")
        if cut <= 0:
            return False
        parent = path[:cut]
        found = self._known.get(parent)
        if found is None:
            found = self._known[parent] = self(parent)
        return found


def _unused(root: etree._Element, ns: str, seen: set[etree._Element],
            known: frozenset[str] | None = None,
            undefined: Callable[[etree._Element], None] | None = None,
            ) -> Iterable[etree._Element]:
    """Unread elements with text, in document order (one walk of the tree in lxml); each
    element of the namespace whose tag is not ``known`` is given to ``undefined`` as it is
    passed, before anything it holds is looked at.

    An element without text (a container's layout whitespace) costs two attribute reads
    (its tag, its text). An extension is reported once, at its outermost foreign
    element, when the first element with text inside it (or itself) is reached; a document
    without any element of another namespace (asked once, in lxml) skips that search."""
    prefix = "{" + ns + "}"
    foreign = bool(root.xpath("boolean(//*[namespace-uri() != $ns])", ns=ns))
    outer: set[etree._Element] = set()
    above: dict[etree._Element, etree._Element | None] = {}
    explained = _Explained(prefix, seen)
    report_undefined = undefined if known is not None else None
    tags = known or frozenset()
    for element in root.iter(etree.Element):
        tag = element.tag
        ours = tag.startswith(prefix)
        if ours and report_undefined is not None and tag not in tags:
            report_undefined(element)
        text = element.text
        if not text or text.isspace():
            continue
        if ours and (element in seen or explained(element, tag)):
            continue  # read, or accounted for without being read
        extension = _outermost_foreign(element, prefix, above) if foreign else None
        if extension is not None:
            if extension not in outer:
                outer.add(extension)
                yield extension
            if extension is element or not ours:
                continue
        yield element


class _Explained:
    """Whether an unread element of the document's namespace is accounted for all the same:
    ``DataType`` and ``Key`` describe the value beside them, a container (mixed content) has
    its children looked at, a ``UnitOfMeasure`` goes with an unread value beside it."""

    def __init__(self, prefix: str, seen: set[etree._Element]) -> None:
        self.companions = frozenset(prefix + name for name in _COMPANIONS)
        self.unit = prefix + "UnitOfMeasure"
        self.seen = seen

    def __call__(self, element: etree._Element, tag: str) -> bool:
        if tag in self.companions:
            return True
        if len(element) and any(isinstance(c.tag, str) for c in element):
            return True
        return tag == self.unit and _value_beside(element, self.seen)


def _outermost_foreign(element: etree._Element, prefix: str,
                       above: dict[etree._Element, etree._Element | None],
                       ) -> etree._Element | None:
    """The outermost element of another namespace than the document's that holds
    ``element`` (or is it), else None; ``above`` remembers it per element walked, so the
    many unread elements of one record cost one step each."""
    chain: list[etree._Element] = []
    found: etree._Element | None = None
    current: etree._Element | None = element
    while current is not None:
        if current in above:
            found = above[current]
            break
        chain.append(current)
        current = current.getparent()
    for node in reversed(chain):
        if found is None and not node.tag.startswith(prefix):
            found = node
        above[node] = found
    return found


def _value_beside(unit: etree._Element, seen: set[etree._Element]) -> bool:
    """Whether a ``UnitOfMeasure`` is accounted for through an unread value beside it (which
    is reported itself)."""
    parent = unit.getparent()
    if parent is None:
        return False
    return any(local(c.tag) in _VALUES and c not in seen for c in parent
               if isinstance(c.tag, str))
