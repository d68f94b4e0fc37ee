"""A YAML document with the line numbers of its keys, for located findings.

plant.yaml and mapping specs are read by the package's one YAML reader
(:mod:`canonical.files.yamlsafe`: regular files only, safe tags, no duplicate keys, bounded
aliases and depth); this module turns its refusals into mapping findings, so a check can say
``plant.yaml:4`` instead of raising.
"""

from __future__ import annotations

from pathlib import Path

from canonical.errors import InputError
from canonical.files.limits import MAX_PLANT_YAML_BYTES
from canonical.files.yamlsafe import YamlTree, read_yaml
from canonical.mapping.refused import input_finding
from canonical.report import Finding

#: plant.yaml and spec files larger than this are refused (they are hand-written).
MAX_YAML_BYTES = MAX_PLANT_YAML_BYTES

YamlDocument = YamlTree


def load_yaml(path: Path, file: str) -> tuple[YamlDocument | None, Finding | None]:
    """Read and parse a YAML file; a finding (never an exception) when that fails."""
    try:
        return read_yaml(path, source=file, max_bytes=MAX_YAML_BYTES), None
    except InputError as exc:
        return None, input_finding(exc, file)
