"""Patches on the way out: what a native payload cannot say.

A canonical patch removes a field with an explicit ``null`` (JSON Merge Patch). The
engine's native payloads carry values only (an absent native field means "not sent"), so a
removal would vanish silently on the way to the target system; it is reported instead
(PAT-005) and the patch is not written.
"""

from __future__ import annotations

from canonical.engine import rules
from canonical.models import CanonicalModel
from canonical.models.patch import CONTROL_FIELDS, PatchOps, key_fields
from canonical.report import Finding


def removals(obj: CanonicalModel) -> list[Finding]:
    """PAT-005 for every field a patch removes (``null``): a carried field, not the key or a
    control field, whose value is None (what :meth:`PatchOps.changes` gives as ``None``,
    without rendering the whole patch)."""
    if not isinstance(obj, PatchOps):
        return []
    values = obj.__dict__
    carried = obj.__pydantic_fields_set__
    for name in carried:
        if values[name] is None:
            break
    else:  # the common case: nothing removed
        return []
    skip = set(key_fields(obj.patched_entity())) | CONTROL_FIELDS
    removed = [name for name in carried if values[name] is None and name not in skip]
    order = list(type(obj).model_fields)
    return [rules.PATCH_REMOVAL.finding(
                f"{type(obj).__name__} removes {name} (null); the native payload has no way to "
                "say so: send the removal another way or leave the field out",
                path=f"$.{name}",
            ) for name in sorted(removed, key=order.index)]
