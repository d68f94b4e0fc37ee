"""The mkdocs configuration, checked with the package's safe YAML reader before mkdocs reads it.

mkdocs loads its config with PyYAML's full loader, so a ``!!python/object/apply`` tag in a
config would run code. ``canon docs build`` therefore reads the file once through the guarded
reader (regular file, size limit), parses it with :class:`DocsConfigLoader` (the safe loader
plus mkdocs' own harmless tags ``!ENV`` and ``!relative``, and ``!!python/name:`` only for
names under :data:`ALLOWED_NAMES`), and hands mkdocs exactly the bytes it checked. A parent
config named by ``INHERIT`` is checked the same way. Anything else is refused (IO-024).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

import yaml

from canonical.errors import InputError
from canonical.files.guard import InputKind, read_input
from canonical.files.rules import YAML_TAG
from canonical.files.yamlsafe import SafeYamlLoader, decode, parse_yaml

#: module prefixes a ``!!python/name:`` tag may name (markdown extensions, fences, emoji)
ALLOWED_NAMES: tuple[str, ...] = ("canonical.", "pymdownx.", "material.", "markdown.")
_NAME_TAG = "tag:yaml.org,2002:python/name:"


class DocsConfigLoader(SafeYamlLoader):
    """The safe loader plus the tags an mkdocs configuration legitimately uses."""


def _placeholder(loader: SafeYamlLoader, node: yaml.Node) -> str:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else ""


def _python_name(loader: SafeYamlLoader, suffix: str, node: yaml.Node) -> str:
    if not suffix.startswith(ALLOWED_NAMES):
        raise yaml.constructor.ConstructorError(
            None, None, f"!!python/name:{suffix} names code outside {', '.join(ALLOWED_NAMES)}",
            node.start_mark)
    return suffix


DocsConfigLoader.add_constructor("!ENV", _placeholder)
DocsConfigLoader.add_constructor("!relative", _placeholder)
DocsConfigLoader.add_multi_constructor(_NAME_TAG, _python_name)


def checked_config(path: Path) -> BinaryIO:
    """The config's bytes as a stream for ``mkdocs.config.load_config``, once they are safe."""
    raw = read_input(path, InputKind.YAML)
    data = parse_yaml(decode(raw, str(path)), source=str(path),
                      loader_class=DocsConfigLoader).data
    parent = data.get("INHERIT") if isinstance(data, dict) else None
    if parent is not None:
        if not isinstance(parent, str):
            raise InputError("INHERIT must name a file", source=str(path), rule_id=YAML_TAG.id)
        checked_config(path.parent / parent).close()
    stream = io.BytesIO(raw)
    stream.name = str(path.resolve())
    return stream
