"""Differential check for B2MML import speed work: the same records and findings before and after.

Every fixture document under ``tests/fixtures/b2mml`` and mutations of it (each text set to
a bad decimal, an exponent decimal, empty, negative, padded, Arabic-Indic digits, ``Other``,
or removed; each container removed, doubled, given an undefined child, an extension element,
or a second and third ``Quantity`` keyed ``Rate``/``Planned``) is imported without a plant,
with a plant (declared defaults) and as partial records; each outcome (records as JSON, every
finding's rule id, severity, path, file, line, value, message, canonical path; or the
refusal) is written to a JSON file. Run it on the code before and after a change and compare:

    git archive BASE canonical mappings schemas validators | tar -x -C /tmp/base
    PYTHONPATH=/tmp/base .venv/bin/python benchmarks/b2mml_outcomes.py dump /tmp/before.json
    .venv/bin/python benchmarks/b2mml_outcomes.py dump /tmp/after.json
    .venv/bin/python benchmarks/b2mml_outcomes.py compare /tmp/before.json /tmp/after.json

(about 18,000 cases; exit 1 when any outcome differs, naming the first differences).
"""

from __future__ import annotations

import copy
import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
TEXTS = (("bad", "1,5"), ("exp", "0.4E1"), ("empty", ""), ("neg", "-3"), ("spaces", " X1 "),
         ("arabic", "\u0664\u0665"), ("word", "Other"))


def _texts(tree: Any) -> list[Any]:
    return [e for e in tree.iter() if isinstance(e.tag, str) and e.text and e.text.strip()]


def _containers(tree: Any) -> list[Any]:
    return [e for e in tree.iter() if isinstance(e.tag, str) and len(e)]


def mutations(data: bytes) -> Iterator[tuple[str, bytes]]:
    yield "as is", data
    root = etree.fromstring(data)
    ns = etree.QName(root).namespace
    for i in range(len(_texts(root))):
        for what, text in TEXTS:
            tree = etree.fromstring(data)
            _texts(tree)[i].text = text
            yield f"text {i} {what}", etree.tostring(tree)
        tree = etree.fromstring(data)
        element = _texts(tree)[i]
        element.getparent().remove(element)
        yield f"text {i} removed", etree.tostring(tree)
    for i in range(len(_containers(root))):
        yield from _container(data, ns, i)


def _container(data: bytes, ns: str, i: int) -> Iterator[tuple[str, bytes]]:
    tree = etree.fromstring(data)
    element = _containers(tree)[i]
    if element.getparent() is not None:
        element.getparent().remove(element)
    yield f"container {i} removed", etree.tostring(tree)
    tree = etree.fromstring(data)
    etree.SubElement(_containers(tree)[i], f"{{{ns}}}Bogus").text = "x"
    yield f"container {i} unknown", etree.tostring(tree)
    tree = etree.fromstring(data)
    zone = etree.SubElement(_containers(tree)[i], "{urn:vendor:gw}Zone")
    etree.SubElement(zone, "{urn:vendor:gw}Code").text = "Z1"
    yield f"container {i} extension", etree.tostring(tree)
    tree = etree.fromstring(data)
    element = _containers(tree)[i]
    quantities = [k for k in element if k.tag == f"{{{ns}}}Quantity"]
    if quantities:
        for key in ("Rate", "Planned"):
            keyed = copy.deepcopy(quantities[0])
            etree.SubElement(keyed, f"{{{ns}}}Key").text = key
            element.insert(list(element).index(quantities[0]) + 1, keyed)
            yield f"container {i} keyed {key}", etree.tostring(tree)
    tree = etree.fromstring(data)
    element = _containers(tree)[i]
    if element.getparent() is not None:
        element.addnext(copy.deepcopy(element))
    yield f"container {i} doubled", etree.tostring(tree)


def outcome(data: bytes, plant: Any, partial: bool) -> list[Any]:
    from canonical.b2mml import read_document
    from canonical.errors import CanonicalError

    try:
        result = read_document(data, plant=plant, partial=partial, name="doc.xml")
    except CanonicalError as exc:
        return ["refused", type(exc).__name__, str(exc)]
    records = {kind: [r.model_dump_json() for r in found]
               for kind, found in result.records.items()}
    findings = [[f.rule_id, str(f.severity), f.path, f.file, f.line, str(f.value), f.message,
                 f.canonical_path] for f in result.report.findings]
    return [result.version.value, result.noun, records, findings]


def dump(out: Path) -> int:
    from canonical.files.atomic import write_atomic
    from canonical.mapping import load_plant
    from canonical.resources import data_dir

    outcomes: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "DE01"
        shutil.copytree(data_dir("mappings") / "DE01", folder)
        (folder / "b2mml.yaml").write_text(
            "source_systems:\n  B2MML:\n    lot_status: released\n    order_status: released\n"
            "    unit: KGM\n", encoding="utf-8")
        de01 = load_plant(folder)
        for document in sorted((ROOT / "tests" / "fixtures" / "b2mml").rglob("*.xml")):
            for label, data in mutations(document.read_bytes()):
                for mode, plant, partial in (("none", None, False), ("plant", de01, False),
                                             ("partial", de01, True)):
                    key = f"{document.relative_to(ROOT)} | {label} | {mode}"
                    outcomes[key] = outcome(data, plant, partial)
    write_atomic(out, json.dumps(outcomes, sort_keys=True))
    print(f"{len(outcomes)} cases written to {out}")
    return 0


def compare(before: Path, after: Path) -> int:
    old = json.loads(before.read_text(encoding="utf-8"))
    new = json.loads(after.read_text(encoding="utf-8"))
    differ = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    print(f"{len(differ)} of {len(old)} outcomes differ")
    for key in differ[:5]:
        print(f"  {key}")
    return 1 if differ else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "dump":
        sys.exit(dump(Path(sys.argv[2])))
    if len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    sys.exit(__doc__)
