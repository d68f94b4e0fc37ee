"""The one YAML loader of the package: safe, strict about keys, bounded.

Every YAML file the package reads (plant.yaml, mapping specs, waivers, schemas, the docs
config, flow manifests, units files) goes through :func:`read_yaml` or :func:`parse_yaml`:

* safe tags only: a tag that would build Python objects or call code is refused (IO-024);
* a key given twice in one mapping is refused with both lines (IO-021), never "last wins";
* aliases may not make the document stand for more than
  :data:`~canonical.files.limits.MAX_YAML_ALIAS_NODES` extra nodes, nor refer to themselves
  (IO-022): a 400-byte "billion laughs" fails in milliseconds;
* collections nest at most :data:`~canonical.files.limits.MAX_YAML_DEPTH` deep (IO-023),
  checked while composing, so a deep document never reaches a RecursionError;
* syntax errors name the line (IO-020).

The result keeps the composed node tree beside the data, so checks can name the line of a key.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from canonical.errors import InputError
from canonical.files import limits
from canonical.files.guard import InputKind, read_input
from canonical.files.rules import (
    ENCODING,
    YAML_ALIASES,
    YAML_DEPTH,
    YAML_DUPLICATE_KEY,
    YAML_SYNTAX,
    YAML_TAG,
)
from canonical.rules import Rule

ENCODING_ID = ENCODING.id
_MERGE = "tag:yaml.org,2002:merge"


@dataclass(frozen=True, slots=True)
class YamlTree:
    """A parsed YAML document: the plain data and the composed node tree (None if empty)."""

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


class _Refused(Exception):
    def __init__(self, rule: Rule, message: str, mark: yaml.Mark | None) -> None:
        super().__init__(message)
        self.rule, self.message = rule, message
        self.line = None if mark is None else mark.line + 1


class SafeYamlLoader(yaml.SafeLoader):
    """SafeLoader whose composer counts nesting depth as it goes.

    A reader that must accept a few more tags (the docs config) subclasses it and adds
    constructors for exactly those tags; everything else stays refused.
    """

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self.depth += 1
        try:
            if self.depth > limits.MAX_YAML_DEPTH:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise _Refused(YAML_DEPTH, f"collections nested deeper than "
                               f"{limits.MAX_YAML_DEPTH} levels", event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_keys(node: yaml.MappingNode) -> None:
    seen: dict[tuple[str, str], int] = {}
    index = 0
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag == _MERGE:
            continue
        index += 1
        line = key.start_mark.line + 1
        first = seen.setdefault((key.tag, key.value), line)
        if len(seen) != index:
            raise _Refused(YAML_DUPLICATE_KEY, f"key {key.value!r} appears twice in one "
                           f"mapping (lines {first} and {line})", key.start_mark)


def _check_graph(root: yaml.Node) -> None:
    """Duplicate keys, self-referring aliases and alias expansion, in one pass."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in _children(node))
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise _Refused(YAML_ALIASES, "an alias refers to a collection that contains it",
                           node.start_mark)
        on_path.add(key)
        stack.append((node, True))
        if isinstance(node, yaml.MappingNode):
            _check_keys(node)
        stack.extend((c, False) for c in _children(node))
    extra = sizes[id(root)] - len(sizes)
    if extra > limits.MAX_YAML_ALIAS_NODES:
        raise _Refused(YAML_ALIASES, f"aliases expand the document by {extra} nodes; the "
                       f"limit is {limits.MAX_YAML_ALIAS_NODES}", root.start_mark)


def parse_yaml(
    text: str, *, source: str = "<input>", loader_class: type[SafeYamlLoader] = SafeYamlLoader,
) -> YamlTree:
    """Parse one YAML document, or :class:`InputError` (IO-020..IO-024) naming the line."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlTree(None, None)
        _check_graph(node)
        data = loader.construct_document(node)
    except _Refused as exc:
        raise InputError(exc.message, source=source, line=exc.line, rule_id=exc.rule.id) from None
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise InputError(f"{exc.problem or exc}: only plain YAML is read (no object tags)",
                         source=source, line=None if mark is None else mark.line + 1,
                         rule_id=YAML_TAG.id) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        context = f" ({exc.context} on line {exc.context_mark.line + 1})" if (
            exc.context and exc.context_mark is not None) else ""
        raise InputError(f"not valid YAML: {exc.problem or exc}{context}", source=source,
                         line=None if mark is None else mark.line + 1,
                         rule_id=YAML_SYNTAX.id) from None
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {exc}", source=source, rule_id=YAML_SYNTAX.id) from None
    finally:
        loader.dispose()
    return YamlTree(data, node)


def decode(raw: bytes, source: str) -> str:
    """UTF-8 text of ``raw`` (a BOM is tolerated), or :class:`InputError` (IO-002)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(f"byte {raw[exc.start]:#04x} is not UTF-8", source=source, line=line,
                         rule_id=ENCODING_ID) from None


def read_yaml(path: str | Path, *, source: str | None = None,
              max_bytes: int | None = None) -> YamlTree:
    """Read a guarded YAML file (see :func:`~canonical.files.guard.read_input`) and parse it."""
    where = source if source is not None else str(path)
    raw = read_input(path, InputKind.YAML, max_bytes=max_bytes, source=where)
    return parse_yaml(decode(raw, where), source=where)


def load_yaml_data(text: str, *, source: str = "<input>") -> object:
    """The data of a YAML text (:func:`parse_yaml` without the node tree)."""
    return parse_yaml(text, source=source).data
