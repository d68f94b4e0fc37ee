"""Differential test: a record read with its field plan (canonical.b2mml.fieldplan: optional
properties the element does not carry are passed over) gives exactly what the value steps
alone give: the same records and the same findings (rule id, severity, path, line, value,
message), on every fixture document, with and without a plant, whole and partial, and on
mutations of its properties (removed, renamed to another field's property, emptied, a
property id in another spelling) and of its values."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from canonical.b2mml import fieldplan, read_document
from canonical.b2mml.specload import standard
from canonical.b2mml.specmodel import RecordSpec
from canonical.errors import CanonicalError
from canonical.mapping import Plant, load_plant
from canonical.resources import data_dir

from .conftest import FIXTURES

DOCUMENTS = sorted(FIXTURES.rglob("*.xml"))
#: property ids written in place of a property's own (other planned fields, odd spellings)
RENAMED = ("Supplier-Lot", "EXPIRES_ON", "order", "serial numbers", "unknown_thing")


def _mutations(data: bytes) -> Iterator[tuple[str, bytes]]:
    yield "as shipped", data
    root = etree.fromstring(data)
    props = [e for e in root.iter() if isinstance(e.tag, str) and e.tag.endswith("Property")]
    for index in range(len(props)):
        for what in ("removed", "renamed", "emptied"):
            for new_id in RENAMED if what == "renamed" else ("",):
                tree = etree.fromstring(data)
                prop = [e for e in tree.iter()
                        if isinstance(e.tag, str) and e.tag.endswith("Property")][index]
                if what == "removed":
                    prop.getparent().remove(prop)
                for child in prop:
                    if isinstance(child.tag, str) and child.tag.endswith("}ID") \
                            and what == "renamed":
                        child.text = new_id
                    if what == "emptied":
                        for value in child.iter():
                            if isinstance(value.tag, str) and value.tag.endswith("ValueString"):
                                value.text = ""
                yield f"property {index} {what} {new_id}", etree.tostring(tree)
    texts = [e for e in root.iter() if isinstance(e.tag, str) and e.text and e.text.strip()]
    for index in range(0, len(texts), max(1, len(texts) // 6)):
        tree = etree.fromstring(data)
        [e for e in tree.iter() if isinstance(e.tag, str) and e.text and e.text.strip()
         ][index].text = "1,5"
        yield f"value {index} bad", etree.tostring(tree)


def _outcome(data: bytes, plant: Plant | None, partial: bool) -> object:
    try:
        result = read_document(data, plant=plant, partial=partial, name="doc.xml")
    except CanonicalError as exc:
        return ("refused", str(exc))
    records = {kind: [r.model_dump_json() for r in found]
               for kind, found in result.records.items()}
    findings = [(f.rule_id, f.severity, f.path, f.file, f.line, f.value, f.message,
                 f.canonical_path) for f in result.report.findings]
    return records, findings


def _steps_only(record: RecordSpec) -> fieldplan.Plan:
    return tuple((spec, None) for spec in record.fields)


@pytest.fixture(scope="module")
def de01(tmp_path_factory: pytest.TempPathFactory) -> Plant:
    import shutil

    folder = tmp_path_factory.mktemp("plant") / "DE01"
    shutil.copytree(data_dir("mappings") / "DE01", folder)
    (folder / "b2mml.yaml").write_text(
        "source_systems:\n  B2MML:\n    lot_status: released\n", encoding="utf-8")
    return load_plant(folder)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_plan_reads_what_the_steps_read(document: Path, de01: Plant,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    cases = [(label, data, plant, partial) for label, data in _mutations(document.read_bytes())
             for plant in (None, de01) for partial in (False, True)]
    planned = [_outcome(data, plant, partial) for _, data, plant, partial in cases]
    monkeypatch.setattr(fieldplan, "plan", _steps_only)
    for (label, data, plant, partial), outcome in zip(cases, planned, strict=True):
        assert outcome == _outcome(data, plant, partial), (label, plant, partial)


def test_only_optional_properties_without_fallbacks_are_planned() -> None:
    lots = standard("V0401", "lots").spec
    assert lots is not None
    lot = lots.record("lot")
    assert lot is not None
    planned = {spec.name: needs for spec, needs in fieldplan.plan(lot)}
    assert planned["supplier_lot"] == frozenset({"supplierlot"})
    assert planned["expires_on"] == frozenset({"expireson"})
    # a path, a site, a quantity, a default: the steps always run
    for name in ("id", "plant", "quantity", "status", "disposition"):
        assert planned[name] is None, name


def test_a_plan_is_made_once_per_spec_object() -> None:
    lots = standard("V0600", "lots").spec
    assert lots is not None
    lot = lots.record("lot")
    assert lot is not None
    assert fieldplan.plan(lot) is fieldplan.plan(lot)


def test_a_key_that_finds_a_value_elsewhere_is_never_planned() -> None:
    """Every spec key outside the absent-safe list (an enclosing element's properties
    ``or_in``, a ``numbered`` id, a ``default``...) makes the steps run, also a key the
    format gains later, since the list names what is safe, not what is not."""
    from dataclasses import fields, replace

    lots = standard("V0600", "lots").spec
    assert lots is not None
    lot = lots.record("lot")
    assert lot is not None
    supplier = lot.field("supplier_lot")
    assert supplier is not None and fieldplan.unset_without(supplier) is not None
    odd: dict[str, object] = {"or_in": ("MaterialDefinitionProperty",), "numbered": "{id}/{n}",
                              "default": "lot_status", "inherit": "supplier_lot",
                              "otherwise": "id", "assumed": "x", "path": ("Lieferant",),
                              "any_of": ("ID",), "key": "Lieferant"}
    for name, value in odd.items():
        assert fieldplan.unset_without(replace(supplier, **{name: value})) is None, name
    safe = {"name", "kind", "file", "line", "property", "required", "what", "table", "words",
            "data_type", "order", "also", "any_case", "when", "not_with", "skip"}
    unsafe = {f.name for f in fields(type(supplier))} - safe
    assert set(odd) <= unsafe
    assert {name for name, _ in fieldplan._unset_defaults()} == unsafe
