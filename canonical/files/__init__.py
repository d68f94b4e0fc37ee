"""Files in and out: the one place that opens an input or replaces an output.

Every command reads its inputs and writes its outputs through this package, so a limit or
a safety check is added once and holds everywhere:

* :mod:`~canonical.files.atomic` writes a file whole or not at all (temporary file in the
  same folder, fsync, rename); on failure the previous file is intact (IO-010).
* :mod:`~canonical.files.guard` opens inputs: regular files only, never a FIFO, device or
  folder (IO-011), within a size limit per kind of input (IO-006).
* :mod:`~canonical.files.yamlsafe` is the only YAML loader: safe tags only, duplicate keys,
  alias bombs and deep nesting refused with file, line and rule id (IO-020..IO-024).
* :mod:`~canonical.files.nesting` bounds the nesting depth of JSON documents (IO-005).
* :mod:`~canonical.files.gitread` reads files at a git revision for the schema and mapping
  diffs, with validated ``git:REV:path`` arguments (IO-030) and ``--end-of-options`` (IO-031
  when git fails).

Release snapshots use :func:`write_atomic` per file and refuse a damaged manifest (IO-040).

The limits themselves live in :mod:`~canonical.files.limits` and are documented on the
"Limits" reference page of the docs.
"""

from __future__ import annotations

from canonical.files.atomic import write_atomic
from canonical.files.guard import InputKind, open_input, read_input

__all__ = ["InputKind", "open_input", "read_input", "write_atomic"]
