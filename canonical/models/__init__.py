"""The canonical model: generated pydantic classes plus hand-written behaviour.

``v1`` is generated from ``schemas/canonical.yaml`` (never edit it; run ``make generate``).
One module per major schema version; this package re-exports the current one.
"""

from canonical.models.base import CanonicalModel
from canonical.models.v1 import *  # noqa: F403 - the generated module defines __all__
from canonical.models.v1 import __all__ as _generated

__all__ = ["CanonicalModel", *_generated]
