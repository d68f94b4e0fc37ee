"""``canon schema diff`` inputs: version overrides, ``v``-prefixed versions, explicit imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.cli.governance import diff_command
from canonical.errors import SchemaLoadError
from canonical.governance.diff import load_facts
from canonical.governance.imports import ImportMap

from .builders import FIXTURES

IMPORTS = FIXTURES / "imports"


def _schema(folder: Path, name: str, *, version: str | None, imports: str = "[linkml:types]",
            extra: str = "") -> Path:
    head = f"version: {version}\n" if version is not None else ""
    path = folder / name
    path.write_text(
        f"id: https://example.org/werk\nname: werk\n{head}imports: {imports}\n"
        "prefixes: {linkml: 'https://w3id.org/linkml/', werke: 'https://example.org/werke/'}\n"
        "default_range: string\nclasses:\n  Auftrag:\n    attributes:\n      nummer: {}\n"
        + extra, encoding="utf-8")
    return path


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(diff_command, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_v_prefixed_versions_are_read(tmp_path: Path) -> None:
    old = _schema(tmp_path, "o.yaml", version="v6.2.0")
    new = _schema(tmp_path, "n.yaml", version="v6.3.0", extra="      menge: {}\n")
    code, out = _run(str(old), str(new), "--format", "json")
    data = json.loads(out)
    assert code == 0 and (data["old_version"], data["new_version"]) == ("6.2.0", "6.3.0")


def test_missing_version_names_the_override(tmp_path: Path) -> None:
    old = _schema(tmp_path, "o.yaml", version=None)
    new = _schema(tmp_path, "n.yaml", version="2024-05")
    code, out = _run(str(old), str(new))
    assert code == 2 and "[GOV-005]" in out and "--old-version" in out
    code, out = _run(str(old), str(new), "--old-version", "1.0.0", "--new-version", "v1.1.0",
                     "--format", "json")
    data = json.loads(out)
    assert code == 0 and (data["old_version"], data["new_version"]) == ("1.0.0", "1.1.0")


def test_bad_version_override_exit_2(tmp_path: Path) -> None:
    old = _schema(tmp_path, "o.yaml", version="1.0.0")
    code, out = _run(str(old), str(old), "--new-version", "latest")
    assert code == 2 and "[GOV-005]" in out and "'latest'" in out


def _imports(out: str) -> list[dict[str, object]]:
    return [f for f in json.loads(out)["findings"] if f["rule_id"] == "GOV-100"]


def test_imports_are_reported_with_their_origin(tmp_path: Path) -> None:
    schema = _schema(tmp_path, "s.yaml", version="1.0.0")
    code, out = _run(str(schema), str(schema), "--show-imports", "--format", "json")
    found = _imports(out)
    assert code == 0 and len(found) >= 2  # linkml:types of both sides
    assert all("installed linkml-runtime" in str(f["message"]) for f in found)
    assert {f["file"] for f in found} == {str(schema)}


def test_linkml_imports_mapped_to_a_local_folder(tmp_path: Path) -> None:
    schema = _schema(tmp_path, "s.yaml", version="1.0.0")
    code, out = _run(str(schema), str(schema), "--show-imports", "--format", "json",
                     "--import-map", f"linkml:={IMPORTS / 'linkml'}")
    found = _imports(out)
    assert code == 0 and found
    assert {f["value"] for f in found} == {str(IMPORTS / "linkml" / "types.yaml")}
    assert all("mapped by --import-map" in str(f["message"]) for f in found)
    # the mapped copy is what is compared: it has no `uriorcurie`, the installed one does
    assert "uriorcurie" not in load_facts(
        schema, import_map=ImportMap.parse([f"linkml:={IMPORTS / 'linkml'}"])).types
    assert "uriorcurie" in load_facts(schema).types


@pytest.mark.parametrize("written", ["https://example.org/werke/stammdaten", "werke:stammdaten"])
def test_url_imports_mapped_to_a_local_folder(tmp_path: Path, written: str) -> None:
    old = _schema(tmp_path, "o.yaml", version="1.0.0", imports=f"[linkml:types, '{written}']")
    new = _schema(tmp_path, "n.yaml", version="1.1.0", imports=f"[linkml:types, '{written}']",
                  extra="    slots: [werk]\n")
    code, out = _run(str(old), str(new), "--format", "json", "--show-imports",
                     "--import-map", f"https://example.org/werke/={IMPORTS / 'shared'}")
    data = json.loads(out)
    assert code == 0 and [(c["kind"], c["path"]) for c in data["changes"]] == [
        ("slot.added.optional", "Auftrag.werk")]
    targets = {f["value"] for f in _imports(out)}
    assert str(IMPORTS / "shared" / "stammdaten.yaml") in targets


def test_unreachable_url_import_gives_the_offline_hint(tmp_path: Path) -> None:
    url = "http://127.0.0.1:9/werke/stammdaten"  # discard port: refused at once, no network
    schema = _schema(tmp_path, "s.yaml", version="1.0.0", imports=f"[linkml:types, '{url}']")
    with pytest.raises(SchemaLoadError) as info:
        load_facts(schema)
    assert info.value.rule_id == "GOV-003"
    assert url in str(info.value) and "--import-map" in str(info.value)


def test_missing_local_import_names_importer_and_file(tmp_path: Path) -> None:
    schema = _schema(tmp_path, "s.yaml", version="1.0.0", imports="[linkml:types, common/werk]")
    code, out = _run(str(schema), str(schema))
    assert code == 2 and "[GOV-003]" in out
    assert str(schema) in out and str(tmp_path / "common" / "werk.yaml") in out


@pytest.mark.parametrize("item", ["linkml:", "=folder", "linkml:=/no/such/folder"])
def test_bad_import_map_exit_2(tmp_path: Path, item: str) -> None:
    schema = _schema(tmp_path, "s.yaml", version="1.0.0")
    code, out = _run(str(schema), str(schema), "--import-map", item)
    assert code == 2 and "[GOV-003]" in out and "--import-map" in out


def test_each_side_reads_its_own_linkml_revision(tmp_path: Path) -> None:
    schema = _schema(tmp_path, "s.yaml", version="1.0.0")
    code, out = _run(str(schema), str(schema), "--format", "json", "--fail-on", "none",
                     "--import-map", f"linkml:={IMPORTS / 'linkml'}",
                     "--new-import-map", f"linkml:={IMPORTS / 'linkml-next'}")
    data = json.loads(out)
    assert code == 0
    assert [(c["kind"], c["path"]) for c in data["changes"]] == [("pattern.tightened", "decimal")]
