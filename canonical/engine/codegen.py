"""Straight-line Python for a compiled object: one generated function per direction.

Compilation (:mod:`~canonical.engine.compile`) turns a spec into nodes whose rules are
closures (:mod:`~canonical.engine.steps`). Running them through a generic loop costs a
dispatch per field: a tuple unpacked, a ``fast`` wrapper called, a chain of steps walked.
Here each :class:`~canonical.engine.objects.ObjectNode` is written once, when the spec is
compiled, as the source text of one function that reads (or writes) its fields in order with
no per-field dispatch; it is compiled with :func:`compile` and kept on the node.

The generated code holds no rule of its own. It calls the very step closures and node methods
the generic loop calls (bound into the function's namespace by name, ``s3_0`` is step 0 of
field 3), in the same order, and inlines only the plumbing: reading a key (a key that several
nested paths start with once per object), the missing/empty test, the FAIL test between
steps, storing the value, and the table lookups of steps and quantities when they answer
plainly (an approved row of the day: :mod:`~canonical.engine.quantitygen`). When a step gives
FAIL, or a row says more (deprecated, missing), the field's node reads it again saying why
(``n3.decode``), exactly as the generic loop does. So the generated
path and the reference path (:meth:`ObjectNode.interpret_each
<canonical.engine.objects.ObjectNode.interpret_each>`) give the same values and findings;
``tests/engine/test_generated_paths.py`` checks it on every shipped step and odd payloads.

Nothing generated is written to disk: :func:`Plan.source <canonical.engine.plan.Plan.source>`
(and ``canonical.engine.generated_source``) prints it for reviewers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, cast

from canonical.engine import rules
from canonical.engine.codetext import Source, nested_get, text_call
from canonical.engine.context import Ctx, Loc
from canonical.engine.known_keys import Trie, unknown_keys
from canonical.engine.lists import ItemsNode, ListNode
from canonical.engine.nestedgen import decode_items, decode_nested
from canonical.engine.quantity import CensoredNode, QuantityNode
from canonical.engine.quantitygen import decode_quantity, encode_quantity, simple_quantity
from canonical.engine.scalar import ScalarNode
from canonical.engine.spec import NOTHING, Path
from canonical.engine.writegen import constant_check, write_calls
from canonical.models import CanonicalModel

if TYPE_CHECKING:
    from canonical.engine.objects import Job, NestedNode, Node, ObjectNode

#: a generated inbound function: decode each ``(src, loc, out)`` job with the run's context
Decode = Callable[["Iterable[Job]", Ctx], None]
#: a generated outbound function: write a canonical object into ``out``
Encode = Callable[[CanonicalModel, Ctx, Loc, dict[str, object]], None]


# --------------------------------------------------------------------------- inbound
def decoder(node: ObjectNode, as_of: ScalarNode | None = None,
            day_of: Callable[[object], date] | None = None,
            date_of: Callable[[datetime], date] | None = None) -> tuple[Decode, str]:
    """The generated inbound function of ``node`` and its source text. With ``as_of`` (a
    field of ``node``) that field is read first and ``day_of`` of its value sets the day that
    selects table rows for every other field (what :meth:`Plan.decode
    <canonical.engine.plan.Plan.decode>` does on the reference path); ``date_of``, what
    ``day_of`` gives for a ``datetime``, is called for one directly."""
    src = Source(f"decode_{node.model.__name__}")
    src.bind("N", node)
    src.add(0, f"def {src.name}(objects, ctx):")
    src.add(1, "day = ctx.day")
    src.add(1, "for src, loc, out in objects:")
    fields = [n for n in node.nodes if n is not as_of]
    _hoist(src, node)
    if as_of is not None:
        number = len(fields)
        src.add(2, f"# {as_of.field} first: the as_of date selects the table rows")
        src.bind(f"n{number}", as_of)
        _decode_scalar(src, number, as_of)
        day = f"{src.bind('DAY', day_of)}(stamp)"
        if date_of is not None:
            day = f"{src.bind('DATE_OF', date_of)}(stamp) if type(stamp) is DT else {day}"
            src.bind("DT", datetime)
        src.add(2, f"stamp = out.get({as_of.field!r})")
        src.add(2, f"ctx.day = day = {day}")
    _prologue(src, node)
    for number, child in enumerate(fields):
        _decode_field(src, number, child)
    if not fields:
        src.add(2, "pass")
    return src.build()


def _hoist(src: Source, node: ObjectNode) -> None:
    """Read each native key that nested paths of several fields start with once."""
    firsts = [path[0] for child in node.nodes for path in _own_paths(child) if len(path) > 1]
    if node.deep:
        firsts.extend(key for key, sub in node.trie.items() if sub is not None)
    for key in dict.fromkeys(k for k in firsts if firsts.count(k) > 1):
        variable = f"h{len(src.hoisted)}"
        src.add(2, f"{variable} = src.get({key!r})")
        src.hoisted[key] = variable


def _own_paths(child: object) -> list[Path]:
    """The native paths below the object itself that a scalar or quantity reads."""
    if isinstance(child, ScalarNode):
        return [child.rel] if child.up == 0 else []
    if isinstance(child, QuantityNode):
        return [at[1] for at in (child.value_at, child.unit_at) if at is not None and at[0] == 0]
    return []


def _prologue(src: Source, node: ObjectNode) -> None:
    """Native constants and keys nobody declared, checked before the fields are read."""
    if node.constants:
        src.add(2, "N.check_constants(src, ctx, loc)")
    if node.check_unknown:
        src.add(2, f"if not src.keys() <= {src.bind('K', node.trie.keys())}:")
        src.add(3, f"{src.bind('unknown_keys', unknown_keys)}(src, N.trie, ctx, loc)")
    if node.deep:
        _unknown_below(src, node.trie, "src", "loc", 2)


def _unknown_below(src: Source, trie: Trie, value: str, loc: str, depth: int) -> None:
    """What :func:`~canonical.engine.known_keys.unknown_keys_below` does, in line: the trie
    is fixed when the spec is compiled, so its walk is written out (same objects, same
    order: each checked sub-object's own keys, then the objects below it)."""
    for key, sub in trie.items():
        if sub is None:
            continue
        below, at = f"o{depth}", f"({loc}, {key!r})"
        known = src.bind(f"K{len(src.names)}", sub.keys())
        src.add(depth, f"{below} = " + (src.get(key) if value == "src" else
                                         f"{value}.get({key!r})"))
        src.add(depth, f"if type({below}) is dict:")
        src.add(depth + 1, f"if not {below}.keys() <= {known}:")
        src.add(depth + 2, f"{src.bind('unknown_keys', unknown_keys)}({below}, "
                f"{src.bind(f'T{len(src.names)}', sub)}, ctx, {at})")
        if any(s is not None for s in sub.values()):
            _unknown_below(src, sub, below, at, depth + 1)


def _decode_field(src: Source, number: int, node: Node) -> None:
    name = src.bind(f"n{number}", node)
    src.add(2, f"# {node.field}: {type(node).__name__}")
    if isinstance(node, ScalarNode):
        _decode_scalar(src, number, node)
    elif isinstance(node, QuantityNode):
        decode_quantity(src, number, node)
    elif isinstance(node, CensoredNode):
        src.add(2, "pass  # written by its quantity")
    elif isinstance(node, ItemsNode):
        decode_items(src, number, node)
    elif isinstance(node, ListNode) or cast("NestedNode", node).child.at is not None:
        src.add(2, f"{name}.decode(src, ctx, loc, out)")
    else:
        decode_nested(src, number, cast("NestedNode", node))


def _decode_scalar(src: Source, number: int, node: ScalarNode) -> None:
    """What :meth:`ScalarNode.fast` and the chain of its steps do, in line: one condition
    that runs the steps in order while none gives FAIL, the value stored when all pass."""
    slow = f"n{number}.decode(src, ctx, loc, out)"
    out = f"out[{node.field!r}]"
    if node.const is not NOTHING:
        src.add(2, f"{out} = {src.bind(f'c{number}', node.const)}")
        return
    if node.key is not None:
        src.add(2, f"raw = src.get({node.key!r})")
    elif node.up == 0 and node.rel:
        nested_get(src, "raw", node.rel, f"n{number}.raw(src, ctx)")
    else:
        src.add(2, f"raw = n{number}.raw(src, ctx)")
    src.add(2, "if raw is None or raw == '':" if not node.allow_empty else "if raw is None:")
    if node.default is not NOTHING:
        src.add(3, f"{out} = {src.bind(f'd{number}', node.default)}")
    else:
        src.add(3, slow if node.required else "pass")
    if node.key is None:
        src.add(2, "elif type(raw) is WrongAt:")
        src.add(3, slow)
    tests = _step_tests(src, number, node)
    if not tests:
        src.add(2, "else:")
        src.add(3, f"{out} = raw")
        return
    src.add(2, f"elif {' and '.join(tests)}:")
    src.add(3, f"{out} = {'value' if any(':=' in t for t in tests) else 'raw'}")
    src.add(2, "else:")
    src.add(3, slow)


def _step_tests(src: Source, number: int, node: ScalarNode) -> list[str]:
    """One test per step, in order: a type test in line (``steps.TYPE_TEST``), else the
    step's call (``value := ...``) compared with FAIL."""
    tests: list[str] = []
    value = "raw"
    for index, step in enumerate(node.steps):
        test = getattr(step, "type_test", None)
        if test is not None:
            tests.append(f"({test.format(v=value)})")
            continue
        row_of = getattr(step, "table_row", None)  # codes.code: the table row of the day
        if row_of is not None:  # a deprecated row says so: FAIL, read again (a finding)
            tests.append(f"(row := {src.bind(f'r{number}_{index}', row_of)}({value}, day)) "
                         "is not None and row.status is not DEPRECATED and "
                         "(value := row.canonical_code) is not FAIL")
            value = "value"
            continue
        function = getattr(step, "text_function", None)  # steps.transform: no rule, no FAIL
        call = text_call(src, f"t{number}_{index}", function, value) if function is not None \
            else f"{src.bind(f's{number}_{index}', step)}({value}, src, day, None)"
        tests.append(f"(value := {call}) is not FAIL")
        value = "value"
    return tests


# --------------------------------------------------------------------------- outbound
def encoder(node: ObjectNode) -> tuple[Encode, str]:
    """The generated outbound function of ``node`` and its source text: every field of the
    model in its order, as :meth:`ObjectNode.interpret_object` writes them."""
    src = Source(f"encode_{node.model.__name__}")
    src.bind("N", node)
    src.bind("M", node.model)
    src.add(0, f"def {src.name}(obj, ctx, loc, out):")
    src.add(1, "if type(obj) is not M:  # a subclass: the reference path knows every field")
    src.add(2, "return N.interpret_object(obj, ctx, loc, out)")
    if node.at is not None:
        src.add(1, "target = {}")
        src.add(1, f"put(out, {src.bind('AT', node.at)}, target)")
    else:
        src.add(1, "target = out")
    for index, (path, value) in enumerate(node.constants):
        constant = src.bind(f"kv{index}", value)
        src.add(1, f"target[{path[0]!r}] = {constant}" if len(path) == 1
                else f"put(target, {src.bind(f'kp{index}', path)}, {constant})")
    src.add(1, "d = obj.__dict__")
    src.add(1, "day = ctx.day")
    for number, name in enumerate(node.model.model_fields):
        _encode_field(src, number, name, node)
    return src.build()


def _encode_field(src: Source, number: int, name: str, node: ObjectNode) -> None:
    child = node.by_field.get(name)
    if child is None and name in node.drop:
        return
    src.add(1, f"v = d[{name!r}]")
    if child is None or isinstance(child, ListNode | ItemsNode):
        src.add(1, "if v is not None and not (type(v) is list and not v):")
    else:
        src.add(1, "if v is not None:")
    if child is None:
        src.add(2, f"N.no_place({name!r}, v, ctx, loc)")
        return
    bound = src.bind(f"n{number}", child)
    if isinstance(child, QuantityNode) and simple_quantity(child):
        encode_quantity(src, number, child)
        return
    if isinstance(child, ScalarNode) and child.const is not NOTHING:
        constant_check(src, number, child, bound)
        return
    if not isinstance(child, ScalarNode) or not child.simple_write:
        src.add(2, f"{bound}.encode(v, ctx, loc, target)")
        return
    calls = write_calls(src, number, child)
    if calls:
        src.add(2, f"if {' and '.join(calls)}:")
        src.add(3, f"target[{child.key!r}] = v")
    else:
        src.add(2, f"target[{child.key!r}] = v")


def no_place(name: str, value: object, ctx: Ctx, loc: Loc) -> None:
    """ENG finding: a canonical field the target payload has no place for."""
    ctx.add(rules.NO_PLACE, f"{name}: the target payload has no field for it (map it, or list "
            "it under drop if the target does not need it)", loc, (name,),
            value if not isinstance(value, list | CanonicalModel) else None)
