"""The canonical model's own migration steps, one module per major upgrade (``v1_to_v2``...).

Schema 1.0.0 is the first release, so no step exists yet. A 2.0.0 that changes a shape adds
``v1_to_v2.py`` registering its steps on :data:`canonical.governance.migration.REGISTRY`, is
imported here, and is tested with payloads of every changed entity.
"""

from __future__ import annotations
