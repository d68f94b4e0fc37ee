"""Objects inside an object in generated code (:mod:`~canonical.engine.codegen`): a nested
object read from the same native object, and a list built from fixed item rules, each
child read by its own generated function called directly (what the nodes' ``decode`` do,
without their calls in between).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from canonical.engine.codetext import Source
from canonical.engine.context import get
from canonical.engine.lists import ItemsNode

if TYPE_CHECKING:
    from canonical.engine.objects import NestedNode


def decode_items(src: Source, number: int, node: ItemsNode) -> None:
    """What :meth:`ItemsNode.decode <canonical.engine.lists.ItemsNode.decode>` does, in
    line: each item rule whose ``when`` field is there, read from the object it enters, by
    the item's generated function called directly."""
    src.add(2, "results = []")
    for index, (child, when) in enumerate(zip(node.items, node.whens, strict=True)):
        item, depth = src.bind(f"i{number}_{index}", child), 2
        if when is not None:
            getter = src.bind("get", get)
            src.add(2, f"if {getter}(src, {src.bind(f'iw{number}_{index}', when)}) "
                    "not in (None, ''):")
            depth = 3
        src.add(depth, f"sub, inner = {item}.enter(src, ctx, loc)")
        src.add(depth, "if sub is not None:")
        src.add(depth + 1, "result = {}")
        src.add(depth + 1, f"{src.bind(f'id{number}_{index}', child.decoder())}"
                "(((sub, inner, result),), ctx)")
        src.add(depth + 1, "results.append(result)")
    src.add(2, "if results:")
    src.add(3, f"out[{node.field!r}] = results")


def decode_nested(src: Source, number: int, node: NestedNode) -> None:
    """What :meth:`NestedNode.decode <canonical.engine.objects.NestedNode.decode>` does for
    a nested object read from the same native object: the child's generated function
    called directly."""
    child = src.bind(f"dc{number}", node.child.decoder())
    src.add(2, "result = {}")
    src.add(2, f"{child}(((src, loc, result),), ctx)")
    if not node.required:
        src.add(2, "if result:")
    src.add(3 if not node.required else 2, f"out[{node.field!r}] = result")
