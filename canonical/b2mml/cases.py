"""Record kinds shaped by their element's content: ``case``, ``one_per`` and ``sum``.

- ``case`` (:class:`~canonical.b2mml.specmodel.Case`): a field chosen by a word of the
  element (a material actual's ``MaterialUse``: goods issue or goods receipt). An element
  whose word the spec does not list is reported (B2M-111, info) and not read.
- ``one_per`` (:class:`~canonical.b2mml.specmodel.OnePer`): one record per repeated child (a
  personnel actual naming three people is three labour reports).
- ``sum`` (:class:`~canonical.b2mml.specmodel.Total`): a quantity that, when the element does
  not give it, is the sum over nested records of one kind (a confirmation's yield: its
  produced material actuals), in one unit.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from canonical.b2mml import quantities, rules
from canonical.b2mml.context import Context
from canonical.b2mml.nodes import Node
from canonical.b2mml.specmodel import Case, FieldSpec, OnePer
from canonical.models.types import format_decimal

if TYPE_CHECKING:
    from canonical.b2mml.specmodel import B2mmlSpec


def word(case: Case, node: Node) -> str | None:
    """The element's word: fixed by its name, else its ``by`` child's text (``Other``: its
    ``OtherValue``, the extension B2MML's enumerations allow)."""
    fixed = next((w for element, w in case.fixed if element == node.name), None)
    if fixed:
        return fixed
    child = node.child(case.by)
    text = child.text() if child is not None else ""
    if text == "Other" and child is not None and (other := child.attribute("OtherValue")):
        return other
    return text or None


def choose(ctx: Context, case: Case, node: Node) -> str | None:
    """The case field's value for ``node``, or None (reported) when its word is unlisted."""
    found = word(case, node)
    value = case.value(found)
    if value is None:
        ctx.add(rules.IGNORED_USE, f"<{node.name}> with {case.by} {found!r} is none of: "
                + ", ".join(v for v, _ in case.values) + "; not imported", node, value=found)
    return value


def people(per: OnePer, node: Node) -> list[str]:
    """The texts of the repeated child, in document order."""
    return [text for child in node.children(per.path) if (text := child.text())]


def each(per: OnePer, data: dict[str, Any], found: list[str]) -> list[dict[str, Any]]:
    """One record's data per text (ids made distinct when there are several)."""
    if len(found) <= 1:
        return [data]
    return [{**data, per.field: text,
             "id": per.id.replace("{id}", str(data.get("id"))).replace("{value}", text)}
            for text in found]


def total(ctx: Context, spec: B2mmlSpec, field: FieldSpec, node: Node,
          named: str) -> dict[str, str] | None:
    """``field.total`` over ``node``'s nested records: the sum of their quantities (None,
    reported at ``named``, the element that would give it, when there are none; also None when
    one is unreadable or their units differ)."""
    summed = field.total
    if summed is None:
        return None
    kinds = [k for name in summed.records if (k := spec.record(name)) is not None]
    amount: Decimal | None = None
    unit: str | None = None
    for kind, element in ((k, e) for k in kinds for e in node.children(*k.elements)):
        if summed.when is not None and not _matches(kind.case, element, summed.when):
            continue
        chosen = quantities.select(ctx, element, report=False)  # reported where it is read
        qty = ctx.quantity(chosen) if chosen is not None else None
        if qty is None:
            return None
        if unit is not None and qty["unit"] != unit:
            ctx.add(rules.AMBIGUOUS, f"{element.name} quantities in different units; give "
                    f"{field.name} itself", element)
            return None
        unit = qty["unit"]
        amount = Decimal(qty["value"]) + (amount or Decimal(0))
    if amount is None or unit is None:
        ctx.add(rules.MISSING_FIELD, f"no {field.what or field.name} and no "
                f"{' or '.join(summed.records)} to sum it from", node, suffix=f"/{named}")
        return None
    return {"value": format_decimal(amount), "unit": unit}


def _matches(case: Case | None, element: Node, when: tuple[str, tuple[str, ...]]) -> bool:
    if case is None or case.field != when[0]:
        return False
    return str(case.value(word(case, element))) in when[1]
