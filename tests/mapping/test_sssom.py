"""SSSOM export: metadata block, one approved row per mapping, governance in comments."""

from __future__ import annotations

import csv
import io

import yaml

from canonical.mapping import load_plant
from canonical.mapping.sssom import export_sssom


def test_sssom_export_of_shipped_units() -> None:
    plant = load_plant("DE01")
    text = export_sssom(plant, "units", source_system="SAP_ECC")
    meta = yaml.safe_load("\n".join(line[1:] for line in text.splitlines()
                                    if line.startswith("#")))
    assert {"curie_map", "mapping_set_id", "license"} <= set(meta)
    body = [line for line in text.splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(body)), delimiter="\t"))
    approved = [r for r in plant.table("units").rows
                if r.source_system == "SAP_ECC" and r.status == "approved"]
    assert len(rows) == len(approved)
    kar = next(r for r in rows if r["subject_label"] == "KAR")
    assert kar["subject_id"] == "DE01_SAP_ECC:KAR"
    assert kar["object_id"] == "canon_units:XCT"
    assert kar["predicate_id"] == "skos:exactMatch"
    assert kar["mapping_justification"] == "semapv:ManualMappingCuration"
    assert kar["reviewer_label"] == "a.schmidt"
    for row in rows:
        prefix = row["subject_id"].split(":", 1)[0]
        assert prefix in meta["curie_map"]


def test_sssom_leaves_out_drafts_and_deprecated() -> None:
    plant = load_plant("DE01")
    text = export_sssom(plant, "resources")
    assert "DE01-WC-PAINT1" not in text  # deprecated
    assert "DE01-WC-PAINT2" in text
    assert "SCRAP-CONTAMINATION" not in export_sssom(plant, "reason_codes")  # draft
