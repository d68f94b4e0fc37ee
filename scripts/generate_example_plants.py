"""Bootstrap the example plants' material tables (mappings/DE01, mappings/US02).

Deterministic (fixed seed, no dates from the clock): running it twice writes the same bytes.
Only ``materials.csv`` is generated (a few hundred rows); every other table is hand-written
data. The committed CSVs are the source of truth afterwards: edit them like a plant would.

    .venv/bin/python scripts/generate_example_plants.py
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ("source_system", "source_code", "canonical_code", "valid_from", "valid_to", "status",
           "owner", "approved_by", "note", "base_unit", "type", "description")

DE_PARTS = ("Hydraulikzylinder", "Kolbenstange", "Zylinderrohr", "Dichtungssatz", "Flansch",
            "Ventilblock", "Druckbegrenzungsventil", "Steuerventil", "Lagerbuchse", "Deckel",
            "Schwenkmotor", "Pumpengehaeuse", "Zahnradpumpe", "Anschlussplatte", "Schlauchleitung")
DE_VARIANTS = ("HZ-32", "HZ-40", "HZ-50", "HZ-63", "HZ-80", "HZ-100", "VB-10", "VB-16", "ZP-08")
DE_RAW = (("Rundstahl 42CrMo4 D{0}", "KGM"), ("Praezisionsrohr E355 D{0}", "MTR"),
          ("O-Ring NBR {0}x3", "H87"), ("Hydraulikoel HLP {0}", "LTR"),
          ("Pulverlack RAL {0}", "KGM"), ("Sechskantschraube M{0}", "H87"))
US_FAMILIES = (("PMP", "Gear pump"), ("VLV", "Control valve"), ("CYL", "Hydraulic cylinder"),
               ("MAN", "Manifold block"), ("HSE", "Hose assembly"), ("FLT", "Return filter"))
US_RAW = (("STL", "Steel bar 4140 {0} in", "LBR"), ("TUB", "DOM tube {0} in", "FOT"),
          ("OIL", "Hydraulic oil ISO {0}", "GLL"), ("SEA", "Seal kit size {0}", "H87"),
          ("BLT", "Hex bolt 1/2-13 x {0}", "H87"), ("PNT", "Enamel paint color {0}", "GLL"))


def _write(path: Path, rows: list[tuple[str, ...]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def de01() -> list[tuple[str, ...]]:
    rng = random.Random(401)
    rows: list[tuple[str, ...]] = []
    materials: list[tuple[str, str, str, str]] = []  # number, type, unit, description
    for i in range(90):
        part = DE_PARTS[i % len(DE_PARTS)]
        variant = DE_VARIANTS[rng.randrange(len(DE_VARIANTS))]
        kind = "finished_good" if part in DE_PARTS[:1] + DE_PARTS[10:13] else "semi_finished"
        materials.append((str(100100 + i * 3), kind, "H87", f"{part} {variant}"))
    for i in range(72):
        template, unit = DE_RAW[i % len(DE_RAW)]
        materials.append((str(300200 + i * 7), "raw_material", unit, template.format(10 + i)))
    for i in range(18):
        materials.append((str(400500 + i), "packaging", "H87", f"Versandkarton Groesse {i + 1}"))
    for i in range(12):
        materials.append((str(500900 + i), "consumable", "LTR", f"Kuehlschmierstoff Typ {i + 1}"))
    owners = ("j.mueller", "s.wagner", "t.becker")
    for number, kind, unit, text in materials:
        owner = owners[int(number) % 3]
        rows.append(("SAP_ECC", number.rjust(18, "0"), number, "2023-01-01", "", "approved",
                     owner, "a.schmidt", "", unit, kind, text))
        if kind in ("finished_good", "semi_finished", "raw_material"):
            rows.append(("MES_DE", number, number, "2023-01-01", "", "approved", owner,
                         "a.schmidt", "", unit, kind, text))
    # a raw material phased out: its row is deprecated (still maps old messages inbound until
    # its valid_to) and the successor material is valid from the day after
    rows.append(("SAP_ECC", "000000000000300095", "300095", "2019-01-01", "2024-12-31",
                 "deprecated", "s.wagner", "a.schmidt", "Auslauf; Nachfolger 300096 ab 2025-01-01",
                 "KGM", "raw_material", "Rundstahl 42CrMo4 D40"))
    rows.append(("SAP_ECC", "000000000000300096", "300096", "2025-01-01", "", "approved",
                 "s.wagner", "a.schmidt", "Ersetzt 300095 (neue Werkstoffspezifikation)", "KGM",
                 "raw_material", "Rundstahl 42CrMo4+QT D40"))
    # a new finished good not yet approved
    rows.append(("SAP_ECC", "000000000000100999", "100999", "2026-01-01", "", "draft",
                 "j.mueller", "", "Neuanlage, Freigabe durch Stammdaten ausstehend", "H87",
                 "finished_good", "Hydraulikzylinder HZ-125"))
    return rows


def us02() -> list[tuple[str, ...]]:
    rng = random.Random(202)
    rows: list[tuple[str, ...]] = []
    owners = ("mgarcia", "kjohnson")
    for family, text in US_FAMILIES:
        for i in range(24):
            item = f"{family}-{1000 + i * 5}"
            suffix = rng.choice(("", "-A", "-B"))
            kind = "finished_good" if family in ("PMP", "VLV", "CYL") else "semi_finished"
            description = f"{text} {1000 + i * 5}{suffix}"
            owner = owners[i % 2]
            rows.append(("ORACLE_EBS", item + suffix, item + suffix, "2022-07-01", "",
                         "approved", owner, "dlee", "", "H87", kind, description))
            rows.append(("MES_US", (item + suffix).replace("-", ""), item + suffix,
                         "2022-07-01", "", "approved", owner, "dlee", "", "H87", kind,
                         description))
    for prefix, template, unit in US_RAW:
        for i in range(14):
            item = f"RM-{prefix}-{200 + i}"
            owner = owners[i % 2]
            description = template.format(i + 1)
            rows.append(("ORACLE_EBS", item, item, "2022-07-01", "", "approved", owner, "dlee",
                         "", unit, "raw_material", description))
            rows.append(("MES_US", item.replace("-", ""), item, "2022-07-01", "", "approved",
                         owner, "dlee", "", unit, "raw_material", description))
    for i in range(10):
        item = f"PKG-CTN-{10 + i}"
        rows.append(("ORACLE_EBS", item, item, "2022-07-01", "", "approved", "kjohnson",
                     "dlee", "", "H87", "packaging", f"Shipping carton size {i + 1}"))
    return rows


def main() -> None:
    _write(ROOT / "mappings" / "DE01" / "materials.csv", de01())
    _write(ROOT / "mappings" / "US02" / "materials.csv", us02())


if __name__ == "__main__":
    main()
