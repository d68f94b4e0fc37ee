"""JSON text of native payloads: exact decimals are written as JSON numbers, never via float.

Inbound payloads are read with ``Decimal`` numbers (:func:`canonical.reading.parse_records`
with ``decimals=True``); outbound payloads may hold ``Decimal`` values for systems that
expect JSON numbers. ``json`` cannot write a Decimal as a number, so each is written as a
unique placeholder string first and replaced by its exact text afterwards.
"""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

from canonical.models.types import format_decimal


def dumps(value: object, *, indent: int | None = None, sort_keys: bool = False) -> str:
    """``value`` as JSON text; Decimals become numbers with their exact digits."""
    token = uuid.uuid4().hex
    numbers: list[str] = []

    def swap(item: object) -> object:
        if isinstance(item, Decimal):
            numbers.append(format_decimal(item))
            return f"{token}:{len(numbers) - 1}"
        if isinstance(item, dict):
            return {k: swap(v) for k, v in item.items()}
        if isinstance(item, list):
            return [swap(v) for v in item]
        return item

    text = json.dumps(swap(value), indent=indent, ensure_ascii=False, sort_keys=sort_keys)
    for index, number in enumerate(numbers):
        text = text.replace(f'"{token}:{index}"', number, 1)
    return text
