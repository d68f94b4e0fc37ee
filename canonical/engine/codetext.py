"""The text of one generated function (:mod:`~canonical.engine.codegen`): its lines, the
objects its names are bound to, the native keys it reads once, and the small pieces of
Python every generated reader writes (a nested read, a text function's call).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from canonical.engine.context import WrongAt, put
from canonical.engine.steps import FAIL, SKIP
from canonical.mapping.normalise import Step, StepName
from canonical.mapping.rows import RowStatus


@dataclass
class Source:
    """Lines of one generated function and the objects its names are bound to."""

    name: str
    lines: list[str] = field(default_factory=list)
    names: dict[str, object] = field(default_factory=dict)
    #: keys of the native object read once per object (``src.get(key)`` is the same for
    #: every field below it: nothing writes to the native payload) -> their variable
    hoisted: dict[str, str] = field(default_factory=dict)

    def get(self, key: str) -> str:
        """``src.get(key)`` as the generated code reads it (a hoisted variable, or the call)."""
        return self.hoisted.get(key) or f"src.get({key!r})"

    def bind(self, name: str, value: object) -> str:
        self.names[name] = value
        return name

    def add(self, depth: int, text: str) -> None:
        self.lines.append("    " * depth + text)

    def build(self) -> tuple[Callable[..., None], str]:
        """Compile the function (once per object of a spec) and return it with its text."""
        text = "\n".join(self.lines) + "\n"
        namespace: dict[str, object] = {"FAIL": FAIL, "SKIP": SKIP, "WrongAt": WrongAt,
                                        "put": put, "Decimal": Decimal,
                                        "APPROVED": RowStatus.APPROVED,
                                        "DEPRECATED": RowStatus.DEPRECATED, **self.names}
        exec(compile(text, f"<generated {self.name}>", "exec"), namespace)
        return namespace[self.name], text  # type: ignore[return-value]


#: text functions written as the method call they are (the value is a ``str`` there)
_METHODS: dict[object, str] = {str.strip: "strip", str.upper: "upper", str.lower: "lower",
                               str.casefold: "casefold"}


#: text functions that give ASCII text back as it is (a normal form, accents folded: ASCII
#: text has no marks and is in every normal form), called only for other text
_SAME_FOR_ASCII = frozenset(Step(name).function() for name in (StepName.NFC,
                                                                StepName.STRIP_ACCENTS))


def text_call(src: Source, name: str, function: Callable[[str], str], value: str) -> str:
    """The call of a total text function on ``value``, in line: a chain of normalisation
    steps (``functions``, :mod:`canonical.mapping.normalise`) as nested calls, ``str``
    methods as method calls, and a function that keeps ASCII text as it is called only
    for other text (``(x if (x := value).isascii() else nfc(x))``)."""
    for index, each in enumerate(getattr(function, "functions", None) or (function,)):
        method = _METHODS.get(each)
        call = f"{name}_{index}"
        if method is not None:
            value = f"{value}.{method}()"
        elif each in _SAME_FOR_ASCII:
            value = f"(x{call} if (x{call} := {value}).isascii() else {src.bind(call, each)}" \
                    f"(x{call}))"
        else:
            value = f"{src.bind(call, each)}({value})"
    return value


def nested_get(src: Source, var: str, path: tuple[str, ...], fallback: str,
                depth: int = 2) -> None:
    """``var = get(src, path)`` in line (:func:`~canonical.engine.context.get`): down
    through objects, None when a key is absent; a value that is not an object on the way
    is left to the node (``fallback``: a :class:`WrongAt` that says where)."""
    src.add(depth, f"{var} = " + (src.get(path[0]) if depth == 2 else f"{var}.get({path[0]!r})"))
    if len(path) == 1:
        return
    src.add(depth, f"if type({var}) is dict:")
    nested_get(src, var, path[1:], fallback, depth + 1)
    src.add(depth, f"elif {var} is not None:")
    src.add(depth + 1, f"{var} = {fallback}")
