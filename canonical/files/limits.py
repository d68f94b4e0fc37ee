"""Every reading limit in one table (documented on the docs' "Limits" reference page).

The numbers are generous for real inputs (a mapping spec or plant.yaml is a few kilobytes,
a LinkML schema well under a megabyte) and small enough that a hostile file fails fast
instead of taking the machine down.
"""

from __future__ import annotations

MIB = 1024 * 1024

#: Largest JSON / JSON Lines / JSON array file of canonical records or native payloads read
#: into memory at once by ``canon map`` and ``canon migrate`` (``canon validate`` streams).
MAX_RECORDS_BYTES = 256 * MIB
#: Largest single record (one JSON Lines line, one array element) a streaming reader accepts.
MAX_RECORD_BYTES = 16 * MIB
#: Largest mapping table CSV (a 100,000-row table is about 15 MB).
MAX_TABLE_BYTES = 256 * MIB
#: Largest YAML file: plant.yaml, mapping specs, waivers, schemas, docs config, manifests.
MAX_YAML_BYTES = 4 * MIB
#: Largest B2MML (XML) document.
MAX_XML_BYTES = 64 * MIB
#: plant.yaml and mapping specs are hand-written: a smaller limit for them.
MAX_PLANT_YAML_BYTES = 1 * MIB
#: Largest batch extract read by the pandas engine by default (``--max-size``; Spark: none).
MAX_EXTRACT_BYTES = 512 * MIB

#: Deepest nesting of JSON arrays/objects in one record.
MAX_JSON_DEPTH = 256
#: Deepest nesting of YAML collections.
MAX_YAML_DEPTH = 64
#: Most nodes that aliases may add to a YAML document once expanded (merges of defaults add few).
MAX_YAML_ALIAS_NODES = 100_000
