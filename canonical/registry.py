"""Registries of the package: entries named ``"module"`` or ``"module:attribute"`` that are
imported when first needed (CLI commands, rule modules, demo sections, schema commands).

An entry that does not import is a broken installation, never an optional part: it raises
:class:`~canonical.errors.RegistryError` naming the registry and the entry, so a command or
a rule family cannot vanish silently. A missing third-party module (an extra that is not
installed) still raises :class:`ModuleNotFoundError`, which the CLI turns into "install the
[extra]".
"""

from __future__ import annotations

import importlib
from types import ModuleType

from canonical.errors import RegistryError


def load_module(registry: str, name: str) -> ModuleType:
    """Import the module of an entry of ``registry``."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name is not None and exc.name.split(".")[0] == "canonical":
            raise RegistryError(registry, name, str(exc)) from exc
        raise


def load(registry: str, target: str) -> object:
    """The object an entry ``"module:attribute"`` of ``registry`` names."""
    module_name, _, attr = target.partition(":")
    module = load_module(registry, module_name)
    if not attr:
        return module
    try:
        return getattr(module, attr)
    except AttributeError as exc:
        raise RegistryError(registry, target, str(exc)) from exc
