"""``validate``: structure and business rules of canonical records, as a report."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from canonical.errors import EntityMismatchError, UnknownEntityError
from canonical.models import ENTITIES, CanonicalModel
from canonical.report import Finding, Report
from canonical.validation import record
from canonical.validation.collection import Collection, Where, at
from canonical.validation.jsontext import Parsed
from canonical.validation.structure import parse


def entity_model(name: str) -> type[CanonicalModel]:
    """The model class of an entity name; :class:`UnknownEntityError` if there is none."""
    model = ENTITIES.get(name)
    if model is None:
        raise UnknownEntityError(name, sorted(ENTITIES))
    return model


def _parse_one(
    obj: CanonicalModel | Mapping[str, Any] | object, entity: str | None
) -> tuple[CanonicalModel | None, list[Finding]]:
    if isinstance(obj, CanonicalModel):
        model = type(obj)
        if entity is not None and entity_model(entity) is not model:
            raise EntityMismatchError(entity, model.__name__)
        # models are not validated in setters: re-check what a caller may have edited, in its
        # wire form, so values that could not travel (a 33-digit decimal) are found too
        return parse(model, obj.model_dump(mode="json", warnings=False))
    if entity is None:
        raise UnknownEntityError("<none>", sorted(ENTITIES))
    return parse(entity_model(entity), obj)


def checked(
    model: type[CanonicalModel], data: Mapping[str, Any] | object,
) -> tuple[CanonicalModel | None, list[Finding]]:
    """One record as ``canon validate`` checks it: every structural finding of ``data``
    parsed as ``model``; for a well-formed record, every business-rule finding. The parsed
    record comes back even when a business rule fails (the caller decides what to keep)."""
    parsed, findings = parse(model, data)
    if parsed is not None:
        findings = record.check(parsed)
    return parsed, findings


def validate(obj: CanonicalModel | Mapping[str, Any] | object, entity: str | None = None) -> Report:
    """Validate one record and return a report of *every* finding.

    ``obj`` is a canonical model instance or a JSON-like dict (then ``entity`` names its
    class, e.g. ``"ProductionOrder"``). Validation has two passes: every structural finding
    (SCH-xxx) of the record, all at once; then, for a record that is well-formed, every
    business-rule finding. Business rules never run on a malformed record, because a rule
    such as "end not before start" cannot be judged when the start is not a timestamp: fix
    the SCH findings and validate again to see the rest.
    """
    parsed, findings = _parse_one(obj, entity)
    if parsed is not None:
        findings = record.check(parsed)
    return Report(tuple(findings))


def validate_many(records: Iterable[Any], entity: str | None = None) -> Report:
    """Validate a list of records and the rules across them (duplicate ids, references,
    genealogy cycles). Findings carry the record's index in ``record``."""
    def located() -> Iterator[tuple[Any, Where]]:
        return ((item, (None, None, index)) for index, item in enumerate(records))

    # a list can be read again (to check ids that seem repeated); any other iterable once
    again = located if isinstance(records, list | tuple) else None
    return Report(tuple(validate_stream(located(), entity, again=again)))


def _parsed(
    item: Any, model_of: type[CanonicalModel] | None, entity: str | None,
) -> tuple[CanonicalModel | None, list[Finding]]:
    """A record as :func:`validate_stream` reads it: the model, or None and its structural findings."""
    if type(item) is Parsed:
        return item.model, []
    if model_of is not None and type(item) is dict:  # JSON decoded by the reader
        return parse(model_of, item)
    return _parse_one(item, entity)


def validate_stream(
    records: Iterable[tuple[Any, Where]], entity: str | None = None, *, expected: int = 0,
    again: Callable[[], Iterable[tuple[Any, Where]]] | None = None,
) -> Iterator[Finding]:
    """Findings of records read one at a time, each with where it was read; the findings
    across records come last. Only what those rules need is kept (see :class:`Collection`);
    ``expected``, about how many records will come (0: unknown), sizes it up front.

    A record is a model, a JSON-like ``dict`` or a :class:`~canonical.validation.jsontext.Parsed`
    record (parsed from its JSON text just now, see :func:`~canonical.validation.jsontext.line_parser`).
    ``again``, when given, reads the same records once more (a file read again): then a rule
    across records that needs more than it kept while reading reads them again at the end
    instead of keeping everything in case (equipment states of a resource out of start order),
    and an id that seemed repeated is checked against the ids themselves (the index keeps
    fingerprints: without ``again``, two ids that share one, about 3e-8 for a million ids,
    would be reported as a duplicate).
    """
    model_of = entity_model(entity) if entity is not None else None

    def well_formed() -> Iterator[tuple[CanonicalModel, Where]]:
        for item, where in again() if again is not None else ():
            model = _parsed(item, model_of, entity)[0]
            if model is not None:
                yield model, where

    across = Collection(expected, well_formed if again is not None else None)
    check, remember = record.check, across.add  # once per record: no lookups in the loop
    # the rules of the entity's class, composed once (what ``check`` looks up per record)
    check_model = record.checks_for(model_of) if model_of is not None else check
    remember_model = across.adder(model_of) if model_of is not None else remember
    model: CanonicalModel | None
    found: list[Finding]
    for item, where in records:
        if type(item) is Parsed:  # parsed from its JSON text (``canon validate``): most records
            model = item.model
            if model_of is not None and type(model) is not model_of:
                raise EntityMismatchError(entity or "", type(model).__name__)
            found = check_model(model)
            remember_model(model, where)
            if found:
                for finding in found:
                    yield at(finding, where)
            continue
        model, found = _parsed(item, model_of, entity)
        if model is not None:
            found = check(model)
            remember(model, where)
        for finding in found:
            yield at(finding, where)
    yield from across.finish()
