"""Building the spec keys that shape records beyond one element each (see :mod:`.specmodel`).

Record kinds: ``group`` (several elements, one record), ``case`` (a field chosen by the
element's word), ``one_per`` (one element, a record per repeated child). Fields:
``numbered``, ``when``, ``not_with``, ``sum``, ``or_in``. Called by
:class:`~canonical.b2mml.specbuild.Builder`; every problem is a located finding (B2M-401).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from canonical.b2mml import rules
from canonical.b2mml.entities import field_shapes
from canonical.b2mml.segbuild import known_keys
from canonical.b2mml.specmodel import Case, Group, Kind, OnePer, RecordSpec, Total

if TYPE_CHECKING:
    from canonical.b2mml.specbuild import Builder

RECORD_KEYS = frozenset({"group", "case", "one_per", "copies"})
FIELD_KEYS = frozenset({"numbered", "when", "not_with", "sum", "or_in"})


def record_keys(builder: Builder, keys: tuple[str, ...]) -> dict[str, Any]:
    """``group``, ``case``, ``one_per`` and ``copies`` of the record kind at ``keys``."""
    found: dict[str, Any] = {}
    copies = builder.value(*keys, "copies")
    if isinstance(copies, dict):
        builder.elements(tuple(str(k) for k in copies), *keys, "copies")
        found["copies"] = tuple((str(k), str(v)) for k, v in copies.items())
    elif copies is not None:
        builder.add(rules.SPEC_KEY, "copies is {element: field}", *keys, "copies")
    if known_keys(builder, (*keys, "group"), {"by", "collect", "agree"},
                  "{by: [order, sequence], collect: confirmations}"):
        found["group"] = Group(builder.names(*keys, "group", "by"),
                               builder.text(*keys, "group", "collect") or "",
                               builder.names(*keys, "group", "agree"))
    case = builder.value(*keys, "case")
    if known_keys(builder, (*keys, "case"), {"field", "by", "fixed", "values"},
                  "{field: type, by: MaterialUse, values: {goods_issue: [Consumed]}}") \
            and isinstance(case, dict):
        fixed, values = case.get("fixed"), case.get("values")
        found["case"] = Case(
            builder.text(*keys, "case", "field") or "", builder.text(*keys, "case", "by") or "",
            tuple((str(k), str(v)) for k, v in fixed.items()) if isinstance(fixed, dict) else (),
            tuple((str(v), builder.names(*keys, "case", "values", str(v)))
                  for v in (values if isinstance(values, dict) else {})))
    if known_keys(builder, (*keys, "one_per"), {"path", "field", "id"},
                  "{path: PersonID, field: person, id: '{id}/{value}'}"):
        found["one_per"] = OnePer(builder.text(*keys, "one_per", "path") or "",
                                  builder.text(*keys, "one_per", "field") or "",
                                  builder.text(*keys, "one_per", "id") or "{id}/{value}")
    return found


def field_keys(builder: Builder, keys: tuple[str, ...]) -> dict[str, Any]:
    """``numbered``, ``when``, ``not_with``, ``sum`` and ``or_in`` of the field at ``keys``."""
    found: dict[str, Any] = {
        "numbered": builder.text(*keys, "numbered"), "when": builder.condition(*keys, "when"),
        "not_with": builder.text(*keys, "not_with"),
        "or_in": builder.elements(builder.names(*keys, "or_in"), *keys, "or_in")}
    if known_keys(builder, (*keys, "sum"), {"record", "field", "when"},
                  "{record: [movement], field: quantity, when: {type: [goods_receipt]}}"):
        found["total"] = Total(builder.names(*keys, "sum", "record"),
                               builder.text(*keys, "sum", "field") or "",
                               builder.condition(*keys, "sum", "when"))
    return found


def check(builder: Builder, record: RecordSpec, kinds: set[str]) -> None:
    """The names these keys use exist: ``group`` fields and its list, the ``case`` and
    ``one_per`` fields of the entity, the record kinds a ``sum`` adds up (B2M-402, B2M-405)."""

    keys = ("records", record.name)
    shapes = field_shapes(record.entity) or {}
    names = {f.name for f in record.fields}
    group = record.group
    if group is not None:
        for name in (*group.by, *group.agree):
            if name not in names:
                builder.add(rules.SPEC_FIELD, f"group names {name!r}, which is not one of the "
                            "record's fields", *keys, "group")
        collect = record.field(group.collect)
        if collect is None or collect.kind is not Kind.LIST:
            builder.add(rules.SPEC_FIELD, f"group collects {group.collect!r}, which is not a "
                        "list field of the record", *keys, "group", "collect")
    sets: list[tuple[str, str]] = [("case", record.case.field)] if record.case else []
    sets += [("one_per", record.one_per.field)] if record.one_per else []
    for key, name in sets:
        if name not in shapes:
            builder.add(rules.SPEC_FIELD, f"{key} sets {name!r}, which {record.entity} does "
                        "not have", *keys, key)
    totals = [f for f in record.fields for f in (f, *f.fields) if f.total is not None]
    for field in totals:
        for kind in field.total.records if field.total is not None else ():
            if kind not in kinds:
                builder.add(rules.SPEC_OVERRIDE, f"sum adds up record kind {kind!r}, which is "
                            "not declared", *keys)
