"""Segment parameters and segment data: named values on schedule and performance segments.

Schedules carry ``SegmentParameter`` (V0600 operations, v7) or ``ProductionParameter`` with a
nested ``Parameter`` (V0401, V0600 production); performance carries ``SegmentData`` (V0600
operations, v7) or ``ProductionData`` (V0401, V0600 production). All are an ID and values.
"""

from __future__ import annotations

from canonical.b2mml.nodes import Node
from canonical.b2mml.readers.properties import Property, key


def segment_parameters(segment: Node) -> dict[str, Property]:
    found: dict[str, Property] = {}
    for node in segment.children("SegmentParameter", "ProductionParameter"):
        target = node.child("Parameter") if node.name == "ProductionParameter" else node
        pid = target.text_of("ID") if target is not None else None
        if target is not None and pid:
            found.setdefault(key(pid), Property(pid, target))
    return found


def segment_data(response: Node) -> dict[str, Property]:
    found: dict[str, Property] = {}
    for node in response.children("SegmentData", "ProductionData"):
        pid = node.text_of("ID")
        if pid:
            found.setdefault(key(pid), Property(pid, node))
    return found
