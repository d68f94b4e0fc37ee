"""A YAML document with the line numbers of its keys, for located findings.

PyYAML's composed node tree keeps the position of every key; :class:`YamlDocument` keeps
both the plain data (``yaml.safe_load`` semantics) and that tree, so a check can say
``plant.yaml:4`` instead of just ``plant.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from canonical.mapping import rules
from canonical.report import Finding

#: plant.yaml and spec files larger than this are refused (they are hand-written).
MAX_YAML_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class YamlDocument:
    data: object
    node: yaml.Node | None

    def line(self, *keys: str) -> int | None:
        """1-based line of the deepest key of ``keys`` that exists (1 for the document); a
        key of digits is the index of a list item."""
        node: yaml.Node | None = self.node
        line: int | None = 1
        for key in keys:
            if isinstance(node, yaml.SequenceNode) and key.isdigit() and int(key) < len(
                    node.value):  # a list item: its own line
                node = node.value[int(key)]
                line = node.start_mark.line + 1
                continue
            if not isinstance(node, yaml.MappingNode):
                break
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                    line, node = key_node.start_mark.line + 1, value_node
                    break
            else:
                break
        return line


def load_yaml(path: Path, file: str) -> tuple[YamlDocument | None, Finding | None]:
    """Read and parse a YAML file; a finding (never an exception) when that fails."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            return None, rules.UNREADABLE.finding(
                "is a directory, expected a YAML file").located(file=file)
        if size > MAX_YAML_BYTES:
            return None, rules.TOO_LARGE.finding(
                f"{size} bytes exceeds the {MAX_YAML_BYTES}-byte limit for YAML files"
            ).located(file=file)
        raw = path.read_bytes()
    except OSError as exc:
        return None, rules.UNREADABLE.finding(
            f"cannot read: {exc.strerror or exc}").located(file=file)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, rules.NOT_UTF8.finding(
            f"byte {raw[exc.start]:#04x} is not UTF-8").located(file=file, line=line)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = mark.line + 1 if mark is not None else None
        context = f" ({exc.context} on line {exc.context_mark.line + 1})" if (
            exc.context and exc.context_mark is not None) else ""
        return None, rules.PLANT_YAML_INVALID.finding(
            f"not valid YAML: {exc.problem or exc}{context}").located(file=file, line=where)
    except yaml.YAMLError as exc:
        return None, rules.PLANT_YAML_INVALID.finding(f"not valid YAML: {exc}").located(file=file)
    return YamlDocument(data, node), None
