"""Segment data: named values on performance segments.

Performance carries ``SegmentData`` (V0600 operations, v7) or ``ProductionData`` (V0401, V0600
production): an ID and values. (Schedule parameters are read through the schedules spec,
:mod:`canonical.b2mml.segments`.)
"""

from __future__ import annotations

from canonical.b2mml.nodes import Node
from canonical.b2mml.readers.properties import Property, key


def segment_data(response: Node) -> dict[str, Property]:
    found: dict[str, Property] = {}
    for node in response.children("SegmentData", "ProductionData"):
        pid = node.text_of("ID")
        if pid:
            found.setdefault(key(pid), Property(pid, node))
    return found
