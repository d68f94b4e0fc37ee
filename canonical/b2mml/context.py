"""The state of one import: version, codes, findings, and helpers that read values from nodes.

Readers never raise on bad content: each helper returns ``None`` and records a located
finding (file, line, XML path, B2M rule id), so one run reports every problem.

With ``partial`` (``canon b2mml import --partial``), lots and orders are read as partial
records (:mod:`canonical.b2mml.partial`): what the element leaves out is not a gap and no
plant default fills it, since a patch changes only the fields the message carries.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from canonical.b2mml import rules, values
from canonical.b2mml.accounting import COVERING
from canonical.b2mml.codes import Codes
from canonical.b2mml.defaults import SystemDefaults
from canonical.b2mml.nodes import Node
from canonical.b2mml.version import Version
from canonical.models import CanonicalModel
from canonical.report import Finding, Severity
from canonical.rules import Rule

M = TypeVar("M", bound=CanonicalModel)
T = TypeVar("T")


@dataclass
class Context:
    """One document being read."""

    version: Version
    source: str
    codes: Codes = field(default_factory=Codes)
    findings: list[Finding] = field(default_factory=list)
    defaults: SystemDefaults = field(default_factory=SystemDefaults)
    partial: bool = False
    #: elements a finding covers whole (an error, or a declared not-carried value): the
    #: accounting skips what they hold without building its path (:mod:`.accounting`)
    covering: list[tuple[Finding, Any]] = field(default_factory=list, repr=False,
                                                compare=False)
    _scanned: int = field(default=0, repr=False, compare=False)
    _errors: int = field(default=0, repr=False, compare=False)

    def add(self, rule: Rule, message: str, node: Node, *, value: object = None,
            suffix: str = "") -> None:
        """Record a finding located at ``node`` (path suffix for a missing child)."""
        finding = rule.finding(message, path=node.path + suffix, value=value,
                               file=self.source, line=node.line)
        self.findings.append(finding)
        if not suffix and (rule.severity is Severity.ERROR or rule.id in COVERING):
            self.covering.append((finding, node.element))

    def errors(self) -> int:
        """How many error findings so far (a reader skips a record that added any).

        Counted incrementally (only findings added since the last call are looked at), so a
        document with many info findings stays linear."""
        findings, scanned = self.findings, self._scanned
        if len(findings) != scanned:
            error = Severity.ERROR
            self._errors += sum(1 for f in findings[scanned:] if f.severity is error)
            self._scanned = len(findings)
        return self._errors

    def site(self, node: Node, found: str | None, what: str) -> str | None:
        """The plant of ``node``: the Site ``found`` in the document, else the plant of the
        import (``--plant``, reported as B2M-301), else a B2M-107 finding."""
        if found is not None:
            if self.codes.plant is not None and found != self.codes.plant.id:
                self._foreign(node, found, what)
            return found
        if self.partial:
            return None
        if self.codes.plant is not None:
            plant = self.codes.plant.id
            self.add(rules.PLANT_DEFAULT, f"no Site in HierarchyScope/Location ({what}); the "
                     f"plant of the import, {plant}, is used", node, value=plant,
                     suffix="/HierarchyScope")
            return plant
        self.add(rules.MISSING_FIELD, f"no Site in HierarchyScope/Location ({what}); pass "
                 "--plant to use the plant of the import", node, suffix="/HierarchyScope")
        return None

    def _foreign(self, node: Node, site: str, what: str) -> None:
        """B2M-450: the document's Site is not the plant of the import, so the plant's
        tables (units, statuses, defaults) would translate another plant's codes."""
        plant = self.codes.plant.id if self.codes.plant is not None else ""
        self.add(rules.SITE_MISMATCH, f"the Site in HierarchyScope/Location ({what}) is "
                 f"{site!r}, but the import is for plant {plant!r} (--plant): its codes would "
                 f"be translated with {plant}'s tables; import the document with --plant "
                 f"{site}", node, value=site)

    def defaulted(self, node: Node, element: str, default: str | None, what: str, *,
                  patchable: bool = False, key: str = "") -> str | None:
        """The plant's declared ``default`` for a missing ``element`` (B2M-301), else a B2M-107
        finding naming the plant file (and its ``key``) that could declare it. A
        ``patchable`` field of a partial record stays absent (no default, no finding)."""
        if patchable and self.partial:
            return None
        declared = f"b2mml.yaml {key}" if key else "b2mml.yaml"
        if default is not None:
            self.add(rules.PLANT_DEFAULT, f"no {element} ({what}); the plant's declared default "
                     f"{default!r} ({declared}) is used", node, value=default,
                     suffix=f"/{element}")
            return default
        named = f"a {key} default" if key else "a default"
        where = f"{named} in the plant's b2mml.yaml" if self.codes.plant is not None \
            else f"--plant with {named} in its b2mml.yaml"
        self.add(rules.MISSING_FIELD, f"<{node.name}> has no {element} ({what}); the "
                 f"document must carry it, or declare {where}", node, suffix=f"/{element}")
        return None

    def required(self, node: Node, element: str, message: str) -> None:
        """B2M-107 for a missing ``element`` of a full record (a partial record may omit it)."""
        if not self.partial:
            self.add(rules.MISSING_FIELD, message + "; or import the message as a partial "
                     "record (--partial)", node, suffix=f"/{element}")

    # ------------------------------------------------------------------ identifiers

    def ident(self, node: Node, *names: str, required: bool = True,
              what: str = "") -> str | None:
        """A trimmed identifier from the first child named ``names``."""
        return self._ident(node, node.child(*names), names[0], required, what or names[0])

    def ident_of(self, child: Node, what: str = "") -> str | None:
        """:meth:`ident` of the element ``child`` itself: its parent's first child of its
        name (else that first child is read, as :meth:`ident` reads it)."""
        parent, step = child.base, child.step
        if not isinstance(parent, Node) or step is None or step[1] != 1:
            owner = parent if isinstance(parent, Node) else child
            return self.ident(owner, child.name, what=what)
        name = child.name
        return self._ident(parent, child, name, True, what or name)

    def _ident(self, node: Node, child: Node | None, name: str, required: bool,
               label: str) -> str | None:
        raw = child.raw_text() if child is not None else ""
        text = raw.strip()
        if not text:
            if required:
                self.add(rules.MISSING_ID, f"<{node.name}> has no {label}", node,
                         suffix=f"/{name}")
            return None
        if raw != text and child is not None:
            self.add(rules.TRIMMED_ID, f"{label} {raw!r} had surrounding spaces", child,
                     value=text)
        return text

    def text(self, node: Node, *names: str) -> str | None:
        """Trimmed text of a child, or None when absent or empty."""
        found = node.text_of(*names)
        return found or None

    # ------------------------------------------------------------------ values

    def timestamp(self, node: Node, *names: str, required: bool = False) -> str | None:
        child = node.child(*names)
        if child is None or not child.text():
            if required:
                self.add(rules.MISSING_FIELD, f"<{node.name}> has no {names[0]}", node,
                         suffix=f"/{names[0]}")
            return None
        try:
            stamp = values.timestamp(child.text())
        except values.ValueProblem as exc:
            self.add(rules.BAD_VALUE, str(exc), child, value=child.text())
            return None
        if stamp.truncated:
            self.add(rules.PRECISION_DROPPED, f"{child.text()!r} kept to the microsecond", child)
        return stamp.text

    def parsed(self, node: Node, text: str, parse: Callable[[str], T]) -> T | None:
        """``parse(text)``, or None with a BAD_VALUE finding located at ``node``."""
        try:
            return parse(text)
        except values.ValueProblem as exc:
            self.add(rules.BAD_VALUE, str(exc), node, value=text)
            return None

    def date_value(self, node: Node, text: str) -> str | None:
        return self.parsed(node, text, lambda t: values.calendar_date(t).isoformat())

    def decimal(self, node: Node, text: str) -> str | None:
        return self.parsed(node, text, values.decimal_text)

    def integer(self, node: Node, text: str) -> int | None:
        return self.parsed(node, text, values.integer)

    def boolean(self, node: Node, text: str) -> bool | None:
        return self.parsed(node, text, values.boolean)

    # ------------------------------------------------------------------ codes

    def unit(self, node: Node, code: str | None) -> str | None:
        """A canonical unit for the UnitOfMeasure ``code`` found in ``node``."""
        if not code:
            if (default := self.defaults.unit) is not None:
                self.add(rules.PLANT_DEFAULT, f"<{node.name}> has no UnitOfMeasure; the plant's "
                         f"declared default unit {default!r} (b2mml.yaml) is used", node,
                         value=default, suffix="/UnitOfMeasure")
                return default
            where = "a default unit in the plant's b2mml.yaml" if self.codes.plant is not None \
                else "--plant with a default unit in its b2mml.yaml"
            self.add(rules.MISSING_UNIT, f"<{node.name}> has an empty or missing UnitOfMeasure; "
                     f"the document must carry it, or declare {where}", node,
                     suffix="/UnitOfMeasure")
            return None
        found = self.codes.unit(code)
        if found.code is None:
            self.add(rules.UNMAPPED_UNIT, found.problem, node, value=code)
        return found.code

    def word(self, node: Node, table: str, vocabulary: Mapping[str, str],
             allowed: Collection[str], what: str) -> str | None:
        """Translate a state element (``Other`` uses its ``OtherValue`` attribute)."""
        code = node.text()
        other = node.attribute("OtherValue")
        if code == "Other" and other:
            code = other
        if not code:
            self.add(rules.MISSING_FIELD, f"<{node.name}> is empty", node)
            return None
        found = self.codes.word(table, code, vocabulary, allowed, what)
        if found.code is None:
            self.add(rules.UNMAPPED_STATUS, found.problem, node, value=code)
        return found.code

    def quantity(self, node: Node, *, value_tag: str = "QuantityString") -> dict[str, str] | None:
        """A canonical quantity from a QuantityValueType element (QuantityString + unit), or
        from a ValueType element with ``value_tag="ValueString"``."""
        text = node.text_of(value_tag)
        if not text:
            self.add(rules.MISSING_FIELD, f"<{node.name}> has no {value_tag}", node,
                     suffix=f"/{value_tag}")
            return None
        value = self.decimal(node, text)
        unit = self.unit(node, node.text_of("UnitOfMeasure"))
        if value is None or unit is None:
            return None
        return {"value": value, "unit": unit}

    def value_quantity(self, node: Node) -> dict[str, str] | None:
        """A canonical quantity from a ValueType element (ValueString + unit)."""
        return self.quantity(node, value_tag="ValueString")

    # ------------------------------------------------------------------ records

    def build(self, model: type[M], data: dict[str, Any], node: Node) -> M | None:
        """Validate ``data`` as ``model``; structural errors become located findings. In a
        partial import, a lot or order is built as its patch (:mod:`canonical.b2mml.partial`)."""
        if self.partial:
            from canonical.b2mml import partial

            if partial.applies(model):
                return partial.build(self, model, data, node)  # type: ignore[return-value]
        return self.validated(model, data, node)

    def validated(self, model: type[M], data: dict[str, Any], node: Node) -> M | None:
        """``data`` validated as ``model`` the way ``canon validate`` validates a record
        (:func:`canonical.validation.validate.checked`: structure, then business rules).
        Each finding is located at ``node`` (its XML path; the record's JSON path is the
        finding's ``canonical_path``); a record with an error finding is not returned."""
        from canonical.validation.validate import checked

        parsed, found = checked(model, data)
        if found:
            path, line = node.path, node.line
            self.findings.extend(
                replace(f, path=path, canonical_path=f.path, file=self.source, line=line)
                for f in found)
            if parsed is not None and any(f.severity is Severity.ERROR for f in found):
                return None
        return parsed  # type: ignore[return-value]  # parsed as ``model``
