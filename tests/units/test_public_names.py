"""The public names of :mod:`canonical.units` stay what they are, whatever was imported first.

A submodule named like a public function (``canonical.units.convert`` once was) replaces that
function on the package as soon as anything imports the submodule: ``from canonical.units
import convert`` then gives a module, and ``convert(...)`` fails in whichever caller came later.
"""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
import types

import canonical.units


def test_no_submodule_shadows_a_public_name() -> None:
    submodules = {m.name for m in pkgutil.iter_modules(canonical.units.__path__)}
    assert not submodules & set(canonical.units._HOME), "a public name is also a submodule"


def test_public_names_are_not_modules_after_every_submodule_is_imported() -> None:
    # In a fresh interpreter: this test process may have imported the submodules already.
    code = (
        "import importlib, pkgutil, types, canonical.units as u\n"
        "for m in pkgutil.iter_modules(u.__path__):\n"
        "    if m.name not in ('frame', 'expression'):\n"
        "        importlib.import_module('canonical.units.' + m.name)\n"
        "bad = [n for n in u._HOME if isinstance(getattr(u, n), types.ModuleType)]\n"
        "assert not bad, bad\n"
        "from canonical.units import convert\n"
        "from decimal import Decimal\n"
        "print(convert(Decimal('1'), 'LBR', 'KGM'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0.45359237"


def test_convert_is_the_function_here_too() -> None:
    importlib.import_module("canonical.units.conversion")
    assert not isinstance(canonical.units.convert, types.ModuleType)
