"""Personnel actuals of a performance segment response -> labour reports (schema 1.1.0).

ISA-95 reports the people who worked on a segment as ``PersonnelActual``: a ``PersonID``
(or only a ``PersonnelClassID``, a group of people), a ``Quantity`` (the time worked) and
properties. Each becomes a :class:`LaborReport` of the segment's order, operation and
resource: one per
``PersonID``; a personnel class without a person is the report's crew. A personnel actual
with a ``Quantity`` reports the time that person worked: the report carries that duration and
not the response's ``ActualStartTime``/``ActualEndTime``, which time the segment, not the
person (a person who worked 2 h of a 3 h segment is not a contradiction, LAB-003); without a
``Quantity`` the report is timed by the segment's start and end. The activity
(setup, run, teardown, indirect) is a property ``activity`` of the personnel actual, else
segment data ``activity`` of the response, translated through the plant's ``activities``
table or taken as a canonical value; without one the actual is reported, not guessed.
"""

from __future__ import annotations

from typing import Any

from canonical.b2mml import rules
from canonical.b2mml.context import Context
from canonical.b2mml.nodes import Node
from canonical.b2mml.readers.parameters import segment_data
from canonical.b2mml.readers.properties import Property, key, properties
from canonical.models import LaborActivity, LaborReport

ACTUALS = ("PersonnelActual", "PersonnelActualChild")


def labor_reports(ctx: Context, segment: Node, conf_id: str | None, order: str | None,
                  sequence: int | None, resource: str | None,
                  plant: str | None) -> list[LaborReport]:
    """Every personnel actual of one segment response, as labour reports."""
    found: list[LaborReport] = []
    actuals = [a for a in segment.children(*ACTUALS)]
    if not actuals:
        return found
    common: dict[str, Any] = {
        "plant": plant, "order": order, "operation": sequence, "resource": resource,
        "start": ctx.timestamp(segment, "ActualStartTime"),
        "end": ctx.timestamp(segment, "ActualEndTime"),
        "reported_at": ctx.timestamp(segment, "ActualEndTime", required=True),
    }
    fallback = segment_data(segment).get(key("activity"))
    for index, actual in enumerate(actuals, start=1):
        found.extend(_reports(ctx, actual, index, conf_id, common, fallback))
    return found


def _reports(ctx: Context, actual: Node, index: int, conf_id: str | None,
             common: dict[str, Any], fallback: Property | None) -> list[LaborReport]:
    base_id = ctx.text(actual, "ID") or (f"{conf_id}/P{index}" if conf_id else None)
    activity = _activity(ctx, actual, fallback)
    qty_node = actual.child("Quantity")
    data = {k: v for k, v in common.items() if v is not None}
    data.update(id=base_id, activity=activity)
    if qty_node is not None:  # the time this person worked, not the segment's span
        data["duration"] = ctx.quantity(qty_node)
        data.pop("start", None)
        data.pop("end", None)
    people = [p.text() for p in actual.children("PersonID") if p.text()]
    classes = [c.text() for c in actual.children("PersonnelClassID") if c.text()]
    if not people and classes:
        data["crew"] = classes[0]
    elif not people:
        ctx.add(rules.MISSING_FIELD, "personnel actual names neither a PersonID nor a "
                "PersonnelClassID (who worked)", actual, suffix="/PersonID")
        return []
    if activity is None or base_id is None:
        return []
    if len(people) <= 1:
        if people:
            data["person"] = people[0]
        built = ctx.build(LaborReport, data, actual)
        return [built] if built is not None else []
    reports = []
    for person in people:  # several people, one report each
        built = ctx.build(LaborReport, {**data, "id": f"{base_id}/{person}", "person": person},
                          actual)
        if built is not None:
            reports.append(built)
    return reports


def _activity(ctx: Context, actual: Node, fallback: Property | None) -> str | None:
    prop = properties(actual, "PersonnelActualProperty").get(key("activity")) or fallback
    value = prop.values[0].child("ValueString") if prop is not None and prop.values else None
    if value is None:
        ctx.add(rules.MISSING_FIELD, "personnel actual has no activity (property or segment "
                "data 'activity': setup, run, teardown or indirect)", actual,
                suffix="/PersonnelActualProperty")
        return None
    return ctx.word(value, "activities", {}, [a.value for a in LaborActivity], "activity")
