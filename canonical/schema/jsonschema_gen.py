"""The published JSON Schema: LinkML's own generator, plus what it drops, read from the source.

The contract is the LinkML source alone: ``Event.payload`` is inlined there and tied to
``payload_type`` by class ``rules`` (``if``/``then`` here), timestamps and dates carry their
pattern there. Nothing is overridden after generation; the generator's lifecycle hooks add
only what LinkML's JSON Schema generator does not carry over, each taken from the source:

- ``$id`` carries the schema version (``<schema id>/<version>``), so a consumer can tell
  which contract a document was checked against;
- the root is an ``anyOf`` over the entities (classes annotated ``entity: "true"``), so
  validating a record against the file as shipped checks it, and ``$defs/<Entity>`` are the
  documented entry points for one entity;
- every enum keeps its value descriptions as ``enumDescriptions`` (parallel to ``enum``,
  the convention of VS Code and other editors);
- a ``$comment`` with the DO NOT EDIT header and the source hash.

linkml is imported here only (the ``[schema]`` extra).
"""

from __future__ import annotations

from typing import Any

from canonical.schema.pydantic_gen import annotations_of


def _generator_class() -> Any:
    from linkml.generators.jsonschemagen import JsonSchemaGenerator

    class ContractJsonSchemaGenerator(JsonSchemaGenerator):  # type: ignore[misc]
        """LinkML's JSON Schema generator with the additions described in the module."""

        comment: str = ""

        def after_generate_enum(self, enum: Any, sv: Any) -> Any:
            values = enum.source.permissible_values or {}
            descriptions = [" ".join((pv.description or "").split()) for pv in values.values()]
            if any(descriptions):
                enum.schema_["enumDescriptions"] = descriptions
            return enum

        def after_generate_schema(self, schema: Any, sv: Any) -> Any:
            document = schema.schema_
            source = sv.schema
            document["$id"] = f"{source.id}/{source.version}"
            entities = sorted(
                name for name, cls in sv.all_classes().items()
                if annotations_of(cls).get("entity") == "true"
            )
            # anyOf, not oneOf: a whole record is also a valid patch of its entity (a patch
            # is the key plus any fields), so "exactly one" would refuse every record
            document["anyOf"] = [{"$ref": f"#/$defs/{name}"} for name in entities]
            document["description"] = (
                f"{source.title} {source.version}: one record of any entity (anyOf below); "
                "validate against #/$defs/<Entity> to check one entity."
            )
            if self.comment:
                document["$comment"] = self.comment
            return schema

    return ContractJsonSchemaGenerator


def json_schema(schema_path: str, *, comment: str = "") -> dict[str, Any]:
    """The JSON Schema document of the LinkML schema at ``schema_path``."""
    import json

    generator = _generator_class()(schema_path, not_closed=False, mergeimports=True)
    generator.comment = comment
    document: dict[str, Any] = json.loads(generator.serialize())
    return document
