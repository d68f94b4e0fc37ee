"""JSON text of native payloads: exact decimals are written as JSON numbers, never via float.

Inbound payloads are read with ``Decimal`` numbers (:func:`canonical.reading.parse_records`
with ``decimals=True``); outbound payloads may hold ``Decimal`` values for systems that
expect JSON numbers. ``json`` cannot write a Decimal as a number, so its C encoder writes
each one as a marker string (through ``default``, in document order, so no walk of the
payload in Python) and the markers are swapped for the exact digits afterwards, in one pass.

The marker is a constant that a payload string could equal; the swap counts the markers it
finds against the decimals written, and on any difference (a payload holding the marker's
text) writes the payload again with a marker made unique for this call. The text is the same
either way: byte for byte what the 1.0 writer (a uuid4 marker per call) wrote.
"""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

from canonical.models.types import format_decimal

#: the marker of a decimal: ``"\u0000decimal"`` in the text (a NUL is always escaped)
_MARK = "\x00decimal"
#: the marker as JSON writes it, whatever the indent or key order
_MARK_JSON = json.dumps(_MARK, ensure_ascii=False)


def _write(value: object, mark: str, indent: int | None, sort_keys: bool) -> str | None:
    """``value`` as JSON text, or ``None`` when ``mark`` occurs in it other than for a decimal."""
    numbers: list[str] = []
    found = numbers.append

    def number(item: object) -> str:
        if isinstance(item, Decimal):
            found(format_decimal(item))
            return mark
        raise TypeError(f"Object of type {type(item).__name__} is not JSON serializable")

    encoder = json.JSONEncoder(ensure_ascii=False, sort_keys=sort_keys, indent=indent, default=number)
    text = encoder.encode(value)
    if not numbers:
        return text
    # a marker is a whole JSON value, so never preceded by a '"': found markers cannot overlap
    parts = text.split(_MARK_JSON if mark is _MARK else encoder.encode(mark))
    if len(parts) != len(numbers) + 1:
        return None
    out = [parts[0]]
    for digits, part in zip(numbers, parts[1:], strict=True):
        out += (digits, part)
    return "".join(out)


def dumps(value: object, *, indent: int | None = None, sort_keys: bool = False) -> str:
    """``value`` as JSON text; Decimals become numbers with their exact digits."""
    text = _write(value, _MARK, indent, sort_keys)
    while text is None:  # the payload holds the marker's text: use one unique to this call
        text = _write(value, f"{_MARK}:{uuid.uuid4().hex}", indent, sort_keys)
    return text
