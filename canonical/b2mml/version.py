"""B2MML versions, their namespaces, and where the business nouns of a document are.

A document is either a bare noun (``<ProductionSchedule xmlns=...>``) or a BOD-style
transaction (``<SyncMaterialLot>`` with ``ApplicationArea`` and ``DataArea`` holding a verb
element and one or more nouns). :func:`locate` returns the version and the noun elements.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

from canonical.b2mml import rules
from canonical.errors import B2MMLError


class Version(StrEnum):
    """A supported B2MML release."""

    V0401 = "V0401"
    V0600 = "V0600"
    V7 = "v7"

    @property
    def namespace(self) -> str:
        return NAMESPACES[self]


NAMESPACES: dict[Version, str] = {
    Version.V0401: "http://www.wbf.org/xml/B2MML-V0401",
    Version.V0600: "http://www.mesa.org/xml/B2MML-V0600",
    Version.V7: "http://www.mesa.org/xml/B2MML",
}
_BY_NAMESPACE = {ns: v for v, ns in NAMESPACES.items()}

#: BOD verbs that prefix a noun in transaction documents (``ProcessProductionSchedule``).
VERBS = ("Acknowledge", "Cancel", "Change", "Get", "Notify", "Process", "Respond", "Show", "Sync")

#: Nouns the reader maps, per version. A gap means the version does not define the noun.
NOUNS: dict[Version, frozenset[str]] = {
    Version.V0401: frozenset({
        "ProductionSchedule", "ProductionPerformance", "MaterialInformation", "MaterialLot",
        "MaterialSubLot", "MaterialDefinition", "Equipment", "EquipmentInformation",
    }),
    Version.V0600: frozenset({
        "ProductionSchedule", "OperationsSchedule", "ProductionPerformance",
        "OperationsPerformance", "MaterialInformation", "MaterialLot", "MaterialSubLot",
        "MaterialDefinition", "Equipment", "EquipmentInformation",
    }),
    Version.V7: frozenset({
        "OperationsSchedule", "OperationsPerformance", "MaterialInformation", "MaterialLot",
        "MaterialSubLot", "MaterialDefinition", "Equipment", "EquipmentInformation",
        "TestResult", "OperationsTestInformation",
    }),
}


@dataclass(frozen=True, slots=True)
class Located:
    """The version of a document and its noun elements (all of one kind)."""

    version: Version
    noun: str
    elements: tuple[etree._Element, ...]


def local(tag: object) -> str:
    """``{namespace}Name`` -> ``Name`` (remembered: a document repeats few tags many times)."""
    found = _LOCAL.get(tag)
    if found is None:
        found = str(tag).rsplit("}", 1)[-1]
        if isinstance(tag, str) and len(_LOCAL) < 100_000:
            _LOCAL[tag] = found
    return found


_LOCAL: dict[object, str] = {}


def namespace_of(tag: object) -> str:
    text = str(tag)
    return text[1:].split("}", 1)[0] if text.startswith("{") else ""


def detect(root: etree._Element, *, source: str = "<input>") -> Version:
    """The version named by the root element's namespace, or B2M-004."""
    ns = namespace_of(root.tag)
    version = _BY_NAMESPACE.get(ns)
    if version is None:
        what = f"namespace {ns!r}" if ns else "no namespace"
        raise B2MMLError(
            f"root element <{local(root.tag)}> has {what}; expected one of "
            + ", ".join(f"{v.value} ({n})" for v, n in NAMESPACES.items()),
            source=source, line=root.sourceline, rule_id=rules.NOT_B2MML.id,
        )
    return version


def locate(root: etree._Element, *, source: str = "<input>") -> Located:
    """Version and noun elements of a bare-noun or transaction document (B2M-004/005)."""
    version = detect(root, source=source)
    name = local(root.tag)
    verb = next((v for v in VERBS if name.startswith(v) and name != v), None)
    if verb is None:
        nouns: tuple[etree._Element, ...] = (root,)
        noun = name
    else:
        noun = name[len(verb):]
        data_area = root.find(f"{{{version.namespace}}}DataArea")
        if data_area is None:
            raise B2MMLError(f"<{name}> has no DataArea", source=source, line=root.sourceline,
                             rule_id=rules.UNSUPPORTED_DOCUMENT.id)
        nouns = tuple(data_area.iterfind(f"{{{version.namespace}}}{noun}"))
    if noun not in NOUNS[version]:
        supported = ", ".join(sorted(NOUNS[version]))
        raise B2MMLError(
            f"B2MML {version.value} document <{name}> is not supported by the reader; "
            f"supported nouns in {version.value}: {supported}",
            source=source, line=root.sourceline, rule_id=rules.UNSUPPORTED_DOCUMENT.id,
        )
    if not nouns:
        raise B2MMLError(f"<{name}> carries no <{noun}>", source=source, line=root.sourceline,
                         rule_id=rules.UNSUPPORTED_DOCUMENT.id)
    return Located(version, noun, nouns)
