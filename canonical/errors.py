"""The whole exception tree of mfg-canonical.

Every error derives from :class:`CanonicalError` *and* from the fitting builtin
(``ValueError``, ``LookupError``, ``OSError``), so callers can catch either. Each
carries a stable ``rule_id`` (the same ids used in reports and the docs' rule
catalogue) and structured fields, never just prose.

This module imports nothing else from :mod:`canonical`; every other module may import it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:  # pragma: no cover - typing only
    from canonical.report import Finding, Report


class CanonicalError(Exception):
    """Root of every error raised by mfg-canonical."""

    rule_id: ClassVar[str] = "CAN-000"

    def __init__(self, message: str, *, rule_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if rule_id is not None:
            self.rule_id = rule_id  # type: ignore[misc]

    def __str__(self) -> str:
        return f"[{self.rule_id}] {self.message}"


class LocatedError(CanonicalError):
    """An error about a place in an input: ``source`` (a file, a git spec) and ``line``."""

    def __init__(
        self, message: str, *, source: str | None = None, line: int | None = None,
        rule_id: str | None = None,
    ) -> None:
        where = source if line is None else f"{source}:{line}"
        super().__init__(f"{where}: {message}" if where else message, rule_id=rule_id)
        self.reason = message  # the message without its location
        self.source = source
        self.line = line


# --------------------------------------------------------------------------- input


class InputError(LocatedError, ValueError):
    """Input that cannot be read at all: not a file, not UTF-8, not JSON, too large.

    The CLI maps this to exit code 2.
    """

    rule_id = "IO-001"


class UnknownEntityError(CanonicalError, LookupError):
    """An entity name that is not part of the canonical model."""

    rule_id = "SCH-010"

    def __init__(self, name: str, known: Sequence[str]) -> None:
        super().__init__(
            f"unknown entity {name!r}; expected one of: {', '.join(known)}"
        )
        self.name = name
        self.known = tuple(known)


class EntityMismatchError(CanonicalError, ValueError):
    """An object validated as another entity than the class it is."""

    rule_id = "SCH-012"

    def __init__(self, entity: str, actual: str) -> None:
        super().__init__(f"asked to validate as {entity!r}, but the object is a {actual}")
        self.entity = entity
        self.actual = actual


class ValidationFailed(CanonicalError, ValueError):
    """Raised by :meth:`canonical.report.Report.raise_for_findings` when a report has errors."""

    rule_id = "VAL-000"

    def __init__(self, report: Report) -> None:
        first = report.errors[0] if report.errors else None
        rule = first.rule_id if first else None
        count = len(report.errors)
        summary = f"{count} error finding(s)" + (f"; first: {first.render()}" if first else "")
        super().__init__(summary, rule_id=rule)
        self.report = report

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.report.findings


# --------------------------------------------------------------------------- units


class UnitError(CanonicalError, ValueError):
    """Base class of unit-of-measure errors."""

    rule_id = "UOM-000"


class UnknownUnitError(UnitError, LookupError):
    """A unit code that is not a canonical (UN/ECE Rec 20) code in the unit table."""

    rule_id = "UOM-001"

    def __init__(self, code: str, suggestions: Sequence[str] = (), *, hint: str = "") -> None:
        msg = f"unknown unit code {code!r}"
        if suggestions:
            msg += f"; did you mean {' or '.join(suggestions)}?"
        if hint:
            msg += f" ({hint})"
        super().__init__(msg)
        self.code = code
        self.suggestions = tuple(suggestions)


class DeprecatedUnitError(UnknownUnitError):
    """A Rec 20 code that is deleted or deprecated; names the replacement when there is one."""

    rule_id = "UOM-002"

    def __init__(
        self, code: str, status: str, replacement: str | None = None, *, name: str = "",
        also: Sequence[str] = (),
    ) -> None:
        named = f" ({name})" if name else ""
        msg = f"unit code {code!r}{named} is {status} in UN/ECE Rec 20" + (
            f"; use {replacement!r} instead" if replacement else "; no replacement is defined"
        )
        if also:
            msg += (
                "; if a plant code was meant, map it through the plant's units table"
                f" (close: {', '.join(also)})"
            )
        UnitError.__init__(self, msg)
        self.code = code
        self.status = status
        self.replacement = replacement
        self.suggestions = tuple(dict.fromkeys([*((replacement,) if replacement else ()), *also]))


class IncompatibleUnitsError(UnitError):
    """Conversion between units of different dimensions without a material factor."""

    rule_id = "UOM-003"

    def __init__(
        self, from_unit: str, to_unit: str, from_dimension: str, to_dimension: str,
        *, material: str | None = None,
    ) -> None:
        msg = (
            f"cannot convert {from_unit} ({from_dimension}) to {to_unit} ({to_dimension})"
        )
        if material is not None:
            msg += f": material {material!r} declares no conversion between them"
        super().__init__(msg)
        self.from_unit = from_unit
        self.to_unit = to_unit
        self.from_dimension = from_dimension
        self.to_dimension = to_dimension
        self.material = material


class InvalidQuantityError(UnitError):
    """A quantity value that is not an exact finite decimal (NaN, Infinity, '1.234,5', float)."""

    rule_id = "UOM-004"

    def __init__(self, value: object, reason: str) -> None:
        super().__init__(f"invalid quantity value {value!r}: {reason}")
        self.value = value
        self.reason = reason


class MaterialUnitError(UnitError):
    """A material's alternative-unit declaration is unusable (zero denominator, cycle, ...)."""

    rule_id = "UOM-005"

    def __init__(self, material: str, reason: str, *, rule_id: str | None = None) -> None:
        super().__init__(f"material {material!r}: {reason}", rule_id=rule_id)
        self.material = material
        self.reason = reason


class RoundingError(UnitError):
    """A value that must be a whole count (or fit a precision) and does not."""

    rule_id = "UOM-006"

    def __init__(self, value: object, unit: str, reason: str, *, rule_id: str | None = None) -> None:
        super().__init__(f"{value} {unit}: {reason}", rule_id=rule_id)
        self.value = value
        self.unit = unit
        self.reason = reason


# --------------------------------------------------------------------------- mapping


class MappingTableError(LocatedError, ValueError):
    """A plant folder or mapping table that cannot be loaded."""

    rule_id = "MAP-000"


class PlantNotFoundError(CanonicalError, LookupError):
    """A plant id or path that names no plant folder."""

    rule_id = "MAP-001"

    def __init__(self, plant: str, known: Sequence[str] = ()) -> None:
        msg = f"no plant {plant!r}"
        if known:
            msg += f"; shipped plants: {', '.join(known)}"
        super().__init__(msg)
        self.plant = plant
        self.known = tuple(known)


class InvalidPlantError(MappingTableError):
    """A plant folder whose governance check has error findings; carries the whole report."""

    def __init__(self, plant: str, report: Report) -> None:
        first = report.errors[0]
        more = f" (+{len(report.errors) - 1} more error(s))" if len(report.errors) > 1 else ""
        super().__init__(
            f"plant {plant} cannot be loaded: {first.message}{more}",
            source=first.file, line=first.line, rule_id=first.rule_id,
        )
        self.plant = plant
        self.report = report


class PlantDiffRefusedError(InvalidPlantError):
    """A plant diff refused because a side has read errors (its unreadable rows would be
    missing from the diff); ``sides`` names them (``old``/``new``), ``report`` their errors."""

    def __init__(self, sides: Sequence[str], plant: str, report: Report) -> None:
        first = report.errors[0]
        more = f" (+{len(report.errors) - 1} more error(s))" if len(report.errors) > 1 else ""
        which = f"{' and '.join(sides)} side" + (" has" if len(sides) == 1 else "s have")
        MappingTableError.__init__(
            self, f"cannot diff plant {plant}: the {which} read errors, whose rows would be "
            f"missing from the diff: {first.message}{more}",
            source=first.file, line=first.line, rule_id=first.rule_id,
        )
        self.plant = plant
        self.report = report
        self.sides = tuple(sides)


class UnknownTableError(CanonicalError, LookupError):
    """A mapping table name that is not in the table catalogue."""

    rule_id = "MAP-002"

    def __init__(self, table: str, known: Sequence[str]) -> None:
        super().__init__(f"unknown mapping table {table!r}; known tables: {', '.join(known)}")
        self.table = table
        self.known = tuple(known)


class UnknownSourceSystemError(CanonicalError, LookupError):
    """A source system that the plant's plant.yaml does not declare."""

    rule_id = "MAP-003"

    def __init__(self, plant: str, system: str, known: Sequence[str]) -> None:
        super().__init__(
            f"plant {plant} declares no source system {system!r}; declared: {', '.join(known)}"
        )
        self.plant = plant
        self.system = system
        self.known = tuple(known)


class UnmappedCodeError(CanonicalError, LookupError):
    """No approved mapping row for a source code on the given date."""

    rule_id = "MAP-101"

    def __init__(
        self, plant: str, table: str, system: str, code: str, on: date | None,
        *, direction: str = "inbound",
    ) -> None:
        when = f" on {on.isoformat()}" if on is not None else ""
        super().__init__(
            f"plant {plant}: no {direction} mapping in table {table!r} for {system} code {code!r}{when}"
        )
        self.plant = plant
        self.table = table
        self.system = system
        self.code = code
        self.on = on
        self.direction = direction


class MappingError(CanonicalError, ValueError):
    """A payload that could not be mapped; carries *every* finding, not just the first."""

    rule_id = "MAP-200"

    def __init__(self, findings: Sequence[Finding], *, entity: str = "", plant: str = "") -> None:
        self.findings = tuple(findings)
        self.entity = entity
        self.plant = plant
        head = f"{plant} {entity}: " if plant or entity else ""
        lines = "; ".join(f.render() for f in self.findings[:5])
        more = f" (+{len(self.findings) - 5} more)" if len(self.findings) > 5 else ""
        super().__init__(
            f"{head}{len(self.findings)} mapping finding(s): {lines}{more}",
            rule_id=self.findings[0].rule_id if self.findings else None,
        )


# --------------------------------------------------------------------------- governance


class SchemaLoadError(LocatedError, ValueError):
    """A schema that is not YAML, not LinkML, has unresolved imports or no version."""

    rule_id = "GOV-001"


class WaiverFileError(CanonicalError, ValueError):
    """A waiver file that is not YAML or whose entries lack id, reason, approver, date, expiry."""

    rule_id = "GOV-060"

    def __init__(
        self, message: str, *, source: str | None = None, path: str = "$",
        rule_id: str | None = None,
    ) -> None:
        where = f"{source} {path}" if source else path
        super().__init__(f"{where}: {message}", rule_id=rule_id)
        self.source = source
        self.path = path


class MigrationError(CanonicalError, ValueError):
    """No registered migration path, or a payload a migration cannot upgrade."""

    rule_id = "GOV-050"

    def __init__(self, message: str, *, from_version: str, to_version: str) -> None:
        super().__init__(f"{from_version} -> {to_version}: {message}")
        self.from_version = from_version
        self.to_version = to_version


# --------------------------------------------------------------------------- interchange


class B2MMLError(LocatedError, ValueError):
    """A document that is not (safe, well-formed, supported) B2MML."""

    rule_id = "B2M-001"


# --------------------------------------------------------------------------- i14: mapping engine


class RegistryError(CanonicalError, ImportError):
    """An entry of a registry (CLI command, rule module, demo section) that does not import."""

    rule_id = "ENG-201"

    def __init__(self, registry: str, entry: str, reason: str) -> None:
        super().__init__(f"{registry} entry {entry!r} does not import ({reason}): the "
                         "installation is broken")
        self.registry = registry
        self.entry = entry


# --------------------------------------------------------------------------- i20: files


class WriteError(LocatedError, OSError):
    """A file that could not be written (full disk, read-only folder, invalid path).

    Raised by :func:`canonical.files.write_atomic` after it removed its temporary file: the
    previous content of ``source`` is intact. The CLI maps this to exit code 2.
    """

    rule_id = "IO-010"


# --------------------------------------------------------------------------- branch i12:
# plant governance (spec approval, plant releases)


class ApprovalRefusedError(LocatedError, ValueError):
    """An approval that may not be recorded: by the owner, of an unknown or ownerless spec
    or row (``canon mappings approve``)."""

    rule_id = "MAP-367"


class PlantReleaseError(LocatedError, ValueError):
    """A plant release that cannot be cut or used: it would overwrite a different snapshot
    (MAP-382), it does not exist (MAP-387), its check fails, or a snapshot was modified."""

    rule_id = "MAP-382"

    def __init__(
        self, message: str, *, plant: str, version: str | None = None,
        source: str | None = None, rule_id: str | None = None,
    ) -> None:
        super().__init__(message, source=source, rule_id=rule_id)
        self.plant = plant
        self.version = version


# --------------------------------------------------------------------------- service (branch i16)


class ServiceProblem(CanonicalError):
    """An HTTP request the integration service refuses: rendered as an RFC 9457 problem.

    ``status`` is the HTTP status, ``rule_id`` the SVC-xxx (or IO-xxx) rule whose docs page
    the problem's ``type`` points at, ``findings`` every finding of a 422 (their paths point
    into the native payload, or into a canonical record when ``canonical_paths``).
    """

    rule_id = "SVC-000"

    def __init__(
        self, status: int, message: str, *, rule_id: str, findings: Sequence[Finding] = (),
        headers: dict[str, str] | None = None, canonical_paths: bool = False,
    ) -> None:
        super().__init__(message, rule_id=rule_id)
        self.status = status
        self.findings = tuple(findings)
        self.headers = dict(headers or {})
        self.canonical_paths = canonical_paths  # findings located in a canonical record, not a native one
