"""Patches: checks of a canonical patch message and applying one to a record (PAT-001..004).

A patch (``<Entity>Patch``) carries the entity's key plus the fields that change, with JSON
Merge Patch (RFC 7396) meaning. Its fields have the entity's types, so parsing it with its
generated model validates it field by field. :func:`patch_findings` adds what types cannot
say: a patch changes something, never removes a required field, and a status change given
with ``previous_status`` is an allowed transition (ORD-004 for orders, NCR-001 for
nonconformances). :func:`apply_patch` merges a patch into a record and validates the result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any, NamedTuple

from canonical.models import ENTITIES, CanonicalModel
from canonical.models.patch import CONTROL_FIELDS, PATCH_SUFFIX, PatchOps, key_fields
from canonical.report import Finding, Report
from canonical.validation import rules as r
from canonical.validation.structure import parse
from canonical.validation.transitions import status_change_findings, status_changes


def patch_model(entity: str) -> type[CanonicalModel] | None:
    """The patch class of an entity (``None`` when the entity has none)."""
    return ENTITIES.get(entity + PATCH_SUFFIX)


class _Shape(NamedTuple):
    """What the rules need of one patch class, derived once."""

    entity: str
    changeable: frozenset[str]  # neither the key nor a control field
    order: tuple[str, ...]  # the class's fields in their order
    removable: frozenset[str]  # changeable fields the entity requires: never null


@cache
def _shape(patch_class: type[PatchOps]) -> _Shape:
    entity = patch_class.patched_entity()
    fields = ENTITIES[entity].model_fields
    skip = set(key_fields(entity)) | CONTROL_FIELDS
    order = tuple(patch_class.model_fields)
    changeable = frozenset(n for n in order if n not in skip)
    return _Shape(entity, changeable, order,
                  changeable & {n for n, f in fields.items() if f.is_required()})


def patch_findings(patch: CanonicalModel) -> Iterator[Finding]:
    """PAT-001..003 and the status transition of one parsed patch."""
    if isinstance(patch, PatchOps):
        yield from patch_rules(type(patch))(patch)


@cache
def patch_rules(patch_class: type[PatchOps]) -> Callable[[CanonicalModel], list[Finding]]:
    """The rules of :func:`patch_findings` compiled once for one patch class: its shape is
    resolved up front, and a message pays only for the fields it carries (a status change
    runs the emptiness test, the required-field test on ``status`` and its transition)."""
    shape = _shape(patch_class)
    entity, changeable, removable = shape.entity, shape.changeable, shape.removable
    name, keys = patch_class.__name__, "/".join(key_fields(entity))
    status_change = status_changes(entity)

    def rules(patch: CanonicalModel) -> list[Finding]:
        carried = patch.__pydantic_fields_set__  # model_fields_set, without its property
        found: list[Finding] = []
        if carried.isdisjoint(changeable):
            found.append(r.PAT_EMPTY.finding(f"{name} names {keys} but changes nothing",
                                             path="$"))
        values = patch.__dict__
        for field in carried:  # a few fields (no set made per message)
            if values[field] is None and field in removable:  # rare: every removed one, in order
                found.extend(_removed_required(shape, carried, values))
                break
        previous = values.get("previous_status")
        if previous is None:
            return found
        status = values.get("status") if "status" in carried else None
        if status is None:
            found.append(r.PAT_PREVIOUS.finding(
                "previous_status is given but the patch changes no status",
                path="$.previous_status", value=previous._value_))
        else:  # _value_: what Enum.value gives, without its descriptor
            found.extend(status_change(previous._value_, status._value_, "$.status"))
        return found

    return rules


def _removed_required(shape: _Shape, carried: set[str],
                      values: dict[str, Any]) -> list[Finding]:
    """PAT-002 for each required field a patch removes (null), in the class's field order."""
    removed = [n for n in shape.removable.intersection(carried) if values[n] is None]
    return [r.PAT_REMOVE_REQUIRED.finding(
        f"{name} is required on {shape.entity} and cannot be removed (null)", path=f"$.{name}")
        for name in sorted(removed, key=shape.order.index)]


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396 MergePatch: ``patch`` applied to ``target`` (neither is changed)."""
    if not isinstance(patch, Mapping):
        return patch
    result = dict(target) if isinstance(target, Mapping) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def apply_patch(
    record: Mapping[str, Any], patch: Mapping[str, Any], entity: str
) -> tuple[dict[str, Any] | None, Report]:
    """Merge ``patch`` (wire form) into ``record`` (wire form) of ``entity``.

    Returns the merged record and a report of the patch's findings, PAT-004 (another
    record's key, a stale ``previous_status``), the status transition from the record's
    status, and every finding of the merged record. The merged record is ``None`` when the
    patch is malformed or names another record; neither input is changed.
    """
    from canonical.validation.validate import validate

    model = patch_model(entity)
    if model is None:
        return None, Report((r.SCH_ENTITY.finding(f"{entity!r} has no patch class", value=entity),))
    parsed, findings = parse(model, dict(patch))
    if parsed is None:
        return None, Report(tuple(findings))
    findings = list(patch_findings(parsed))
    for name in key_fields(entity):
        if record.get(name) != patch.get(name):
            findings.append(r.PAT_TARGET.finding(
                f"the patch is for {name} {patch.get(name)!r}, the record has {record.get(name)!r}",
                path=f"$.{name}", value=patch.get(name),
            ))
    if any(f.rule_id == r.PAT_TARGET.id for f in findings):
        return None, Report(tuple(findings))
    previous, current, new = patch.get("previous_status"), record.get("status"), patch.get("status")
    if previous is not None and current is not None and previous != current:
        findings.append(r.PAT_TARGET.finding(
            f"the patch expects status {previous!r} but the record is {current!r} (stale update)",
            path="$.previous_status", value=previous,
        ))
    elif previous is None and isinstance(current, str) and isinstance(new, str):
        findings.extend(status_change_findings(entity, current, new))
    merged = merge_patch(record, {k: v for k, v in patch.items() if k not in CONTROL_FIELDS})
    result = validate(merged, entity=entity)
    findings.extend(f for f in result if f.rule_id != r.PAT_TARGET.id)
    if not result.ok:
        findings.append(r.PAT_TARGET.finding(
            f"the patched {entity} is not valid: "
            + ", ".join(sorted({f.rule_id for f in result.errors})),
        ))
    return merged, Report(tuple(findings))
