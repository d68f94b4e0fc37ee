"""Quantities in generated code (:mod:`~canonical.engine.codegen`): what
:class:`~canonical.engine.quantity.QuantityNode` does when nothing is wrong, written in line;
anything else goes to the node, which reads or writes it again, saying why.
"""

from __future__ import annotations

from canonical.engine.codetext import Source, nested_get
from canonical.engine.quantity import QuantityNode
from canonical.engine.spec import NativeType
from canonical.engine.steps import TYPE_TEST
from canonical.models import Quantity


def decode_quantity(src: Source, number: int, node: QuantityNode) -> None:
    """What :meth:`QuantityNode.read <canonical.engine.quantity.QuantityNode.read>` does
    without findings, in line: the amount by the field's reader
    (:func:`~canonical.engine.amounts.amount_reader`), the unit's approved row of the run's
    day, then the quantity (or its censored text, or the amount in the material's base unit:
    :meth:`~canonical.engine.quantity.QuantityNode.finish`)."""
    name, out = f"n{number}", f"out[{node.field!r}]"
    slow = f"{name}.decode(src, ctx, loc, out)"
    unit_up, unit_path = node.unit_at or (-1, ())
    nested_unit = unit_up == 0 and len(unit_path) > 1
    if nested_unit:  # read first (nothing but a read), tested after the amount
        nested_get(src, "u", unit_path, f"{name}.raw_unit(src, ctx)")
    if node.value_at[0] == 0:
        nested_get(src, "raw", node.value_at[1], f"{name}.raw_amount(src, ctx)")
    else:
        src.add(2, f"raw = {name}.raw_amount(src, ctx)")
    src.add(2, "if raw is None or raw == '':")
    src.add(3, slow if node.required else "pass")
    tests = [TYPE_TEST[node.rule.native].format(v="raw")] if node.want is not None else []
    tests.append(_amount_test(src, number, node))
    if node.unit_key is not None:
        tests.append(f"type(u := src.get({node.unit_key!r})) is str and u != ''")
    elif nested_unit:
        tests.append("type(u) is str and u != ''")
    elif node.unit_at is not None:
        tests.append(f"type(u := {name}.raw_unit(src, ctx)) is str and u != ''")
    else:
        tests.append(f"type(u := {src.bind(f'uv{number}', node.unit_value)}) is str "
                     "and u != ''")
    row = f"{src.bind(f'r{number}', node.units.row)}(u, day)"
    tests.append(f"(row := {row}) is not None and row.status is APPROVED")
    src.add(2, f"elif {' and '.join(f'({t})' for t in tests)}:")
    if node.rule.censored is None and node.base_of is None:
        src.add(3, f"{out} = {{'value': v, 'unit': row.canonical_code}}")
    else:
        _finish(src, number, node)
    src.add(2, "else:")
    src.add(3, slow)


def _finish(src: Source, number: int, node: QuantityNode) -> None:
    """What :meth:`QuantityNode.finish <canonical.engine.quantity.QuantityNode.finish>`
    does with the amount and its unit row; in line when the spec asks for the material's
    base unit and the row maps to that very unit with no packaging factor (the amount as
    it is), else by ``finish`` (a censored result, a conversion, or what says why)."""
    name, out, depth = f"n{number}", f"out[{node.field!r}]", 3
    if node.rule.censored is None and node.base_of is not None:
        holder = "ctx.root" if node.base_from_root else "out"
        base = src.bind(f"bu{number}", node.base_units)
        src.add(3, f"if type(m := {holder}.get({node.base_of!r})) is str and (b := "
                f"{base}.get(m)) == row.canonical_code and not row.extra.get('factor'):")
        src.add(4, f"{out} = {{'value': v, 'unit': b}}")
        src.add(3, "else:")
        depth = 4
    src.add(depth, f"v = {name}.finish(v, row, out, ctx, None)")
    src.add(depth, "if v is FAIL:")
    src.add(depth + 1, f"{name}.decode(src, ctx, loc, out)")
    src.add(depth, "elif v is not SKIP:")
    src.add(depth + 1, f"{out} = v")


def _amount_test(src: Source, number: int, node: QuantityNode) -> str:
    """The test that reads the amount into ``v`` by the field's reader: a plain decimal by
    the reader's own function, a string (its type tested before) by its text function
    (one call less), anything else by the reader."""
    if node.amount.decimal is not None:
        return f"type(v := {src.bind(f'a{number}', node.amount.decimal)}(raw)) is Decimal"
    reader = node.amount.text if node.want == (str,) else node.amount.read
    return f"(v := {src.bind(f'a{number}', reader)}(raw, None)) is not FAIL"


def simple_quantity(node: QuantityNode) -> bool:
    """A quantity written (converted first, when the spec converts) to a key of the object,
    with a key of the object or the spec's fixed unit; not a range end."""
    return node.rule.part is None and node.value_key is not None and (
        node.unit_key is not None or node.unit_at is None)


def encode_quantity(src: Source, number: int, node: QuantityNode) -> None:
    """What :meth:`QuantityNode.encode <canonical.engine.quantity.QuantityNode.encode>`
    does when nothing is wrong, in line: the conversion to the fixed unit (when declared: it
    says why it cannot be), the unit's reverse row of the day, the unit and the amount
    written where nothing else was written; anything else goes to the node's
    :meth:`~canonical.engine.quantity.QuantityNode.write`, which writes or says why
    (nothing is written before that is decided)."""
    name = f"n{number}"
    src.add(2, f"if type(v) is {src.bind('Q', Quantity)}:")
    depth = 3
    if node.rule.convert:
        src.add(3, f"if (c := {name}.converted(v.value, v.unit, ctx, loc)) is not None:")
        src.add(4, "a, un = c")
        depth = 4
    else:
        src.add(3, "a, un = v.value, v.unit")
    tests = [f"(u := {src.bind(f'rv{number}', node.units.reverse)}(un, day)) is not None"]
    if node.unit_key is not None:
        tests.append(f"((w := target.get({node.unit_key!r})) is None or w == u)")
    else:
        tests.append(f"u == {src.bind(f'uv{number}', node.unit_value)}")
    tests.append(f"target.get({node.value_key!r}) is None")
    src.add(depth, f"if {' and '.join(tests)}:")
    if node.unit_key is not None:
        src.add(depth + 1, f"target[{node.unit_key!r}] = u")
    amount = "a" if node.rule.native is not NativeType.STRING \
        else f"{src.bind(f'at{number}', node.amount_text)}(a)"
    src.add(depth + 1, f"target[{node.value_key!r}] = {amount}")
    src.add(depth, "else:")
    src.add(depth + 1, f"{name}.write(a, un, ctx, loc, target)")
    src.add(2, "else:")
    src.add(3, f"{name}.encode(v, ctx, loc, target)")
