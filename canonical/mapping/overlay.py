"""A plant's file merged over the file the package ships: the one definition of "override".

A plant overrides a shipped B2MML spec (``mappings/<PLANT>/b2mml/<version>/<family>.yaml``
over ``canonical/b2mml/specs/<version>/<family>.yaml``) key by key: a mapping merges into
the shipped mapping at every depth, any other value (text, number, list) replaces the
shipped one, and a key set to ``null`` removes it. The spec reader
(:class:`canonical.b2mml.specbuild.Builder`) and the plant diff
(:mod:`canonical.mapping.b2mmldiff`) both read a spec through :func:`effective`, so a diff
shows exactly what the reader will use.
"""

from __future__ import annotations


def effective(standard: object, override: object) -> object:
    """``override`` merged over ``standard`` key by key; a key set to ``null`` is removed."""
    if not isinstance(override, dict):
        return override
    base = standard if isinstance(standard, dict) else {}
    out = {str(k): v for k, v in base.items()}
    for key, value in override.items():
        if value is None:
            out.pop(str(key), None)
        else:
            out[str(key)] = effective(out.get(str(key)), value)
    return out
