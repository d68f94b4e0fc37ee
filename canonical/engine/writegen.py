"""The outbound steps of one scalar field, in line (:mod:`~canonical.engine.codegen`).

:meth:`ScalarNode.write <canonical.engine.scalar.ScalarNode.write>` runs the field's outbound
steps in turn until one gives FAIL. The generated writer runs them as one condition, each
step a test; the steps that answer plainly are written out in line (a reverse table row of
the day, a word of the spec's ``values`` map, a prefix and suffix taken off, a total text
function, a timestamp's text) and fall back to the very step when they do not, which says
why (the finding). No rule is written here a second time: what the inline text tests is
taken from the node (its table, its map, its affixes), and every other outcome is the step's.
"""

from __future__ import annotations

from enum import Enum

from canonical.engine.codetext import Source, text_call
from canonical.engine.scalar import ScalarNode
from canonical.engine.spec import NOTHING


def write_calls(src: Source, number: int, child: ScalarNode) -> list[str]:
    """What :meth:`ScalarNode.write` runs, in line: one test per step, the steps run while
    none gives FAIL."""
    calls = []
    for index, step in enumerate(child.out_steps):
        name = f"{number}_{index}"
        fallback = f"(v := {src.bind(f'w{name}', step)}(v, ctx, loc, target)) is not FAIL"
        plain = _plain_answer(src, name, child, step)
        if plain is not None:  # the plain answer in line, else the step (saying why)
            calls.append(f"({plain} or {fallback})")
            continue
        function = getattr(step, "text_function", None)  # a total text function
        if function is not None:
            calls.append(f"(v := {text_call(src, f'u{name}', function, 'v')}) is not FAIL")
            continue
        writer = getattr(step, "writes_to", None)  # value and payload -> text, total
        calls.append(f"(v := {src.bind(f't{name}', writer)}(v, target)) is not FAIL"
                     if writer is not None else fallback)
    return calls


def _plain_answer(src: Source, name: str, child: ScalarNode, step: object) -> str | None:
    """A test that is true when ``step`` answers plainly, having set ``v`` to its answer
    (None: the step has no inline form)."""
    function = getattr(step, "__func__", None)
    if function is ScalarNode.reverse_code:
        assert child.lookup is not None  # the reverse row of the day; none: the step says so
        return (f"(r := {src.bind(f'rv{name}', child.lookup.reverse)}(v, day)) is not None "
                "and (v := r) is not FAIL")
    if function is ScalarNode.write_values:
        assert child.reverse_values is not None  # the spec's word for the value
        words = src.bind(f'wv{name}', child.reverse_values)
        enum = src.bind("Enum", Enum)
        word = "r" if child.norm_out is None else text_call(src, f'uo{name}', child.norm_out, "r")
        return (f"(r := {words}.get(v._value_ if isinstance(v, {enum}) else v)) is not None "
                f"and (v := {word}) is not FAIL")
    affix = getattr(step, "affix", None)
    if affix is not None:  # prefix and suffix: the text between them
        prefix, suffix = affix
        tests = [f"len(v) > {len(prefix) + len(suffix)}"]
        tests += [f"v.startswith({prefix!r})"] if prefix else []
        tests += [f"v.endswith({suffix!r})"] if suffix else []
        cut = f"{len(prefix)}:{-len(suffix) if suffix else ''}"
        return f"type(v) is str and {' and '.join(tests)} and (v := v[{cut}]) is not FAIL"
    return None


def constant_check(src: Source, number: int, child: ScalarNode, bound: str) -> None:
    """A field with the spec's constant writes nothing: the value is compared in line, and
    the node's ``encode`` runs only when it differs (and reports it)."""
    assert child.const is not NOTHING
    constant, enum = src.bind(f"c{number}", child.const), src.bind("Enum", Enum)
    src.add(2, f"if (v._value_ if isinstance(v, {enum}) else v) != {constant}:")
    src.add(3, f"{bound}.encode(v, ctx, loc, target)")
