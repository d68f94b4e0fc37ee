"""The B2MML spec model: how the elements of one document family become canonical records.

A B2MML spec is data (``canonical/b2mml/specs/<version>/<family>.yaml``, overridable per
plant in ``mappings/<PLANT>/b2mml/<version>/<family>.yaml``). It names, per record kind,
the element that is one record, the canonical entity, and one :class:`FieldSpec` per
canonical field: where its value is (a child path, a named property, the hierarchy scope,
the record it sits in) and which value step reads it (:mod:`canonical.b2mml.steps`). The
same spec writes records back (:mod:`canonical.b2mml.export`), in the ``order`` it declares.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from canonical.b2mml.segmodel import Segments

#: Current B2MML spec format version.
B2MML_SPEC_VERSION = 1


class Kind(StrEnum):
    """The value step of a field: how its element's text becomes a canonical value."""

    ID = "id"  # trimmed identifier (B2M-102 when required and missing, B2M-112 when trimmed)
    TEXT = "text"  # trimmed text
    DATE = "date"
    TIMESTAMP = "timestamp"
    DECIMAL = "decimal"
    INTEGER = "integer"
    QUANTITY = "quantity"  # a Quantity chosen by Key among its siblings (B2M-303)
    WORD = "word"  # a state word: plant table, the spec's standard words, canonical values
    ENUM = "enum"  # a canonical enum value as written
    SITE = "site"  # the Site of the hierarchy scope (else inherited, else --plant)
    TEXTS = "texts"  # every ValueString of a property: a list of texts
    UNIT = "unit"  # a unit code (a property's text, a keyed Value's UnitOfMeasure) translated
    BOOLEAN = "boolean"  # xsd boolean
    LIST = "list"  # a list of nested objects (``each``)
    LEVEL = "level"  # an equipment level: a resource kind through the plant's equipment_levels
    PARENT = "parent"  # the enclosing record's ``inherit`` field, else the scope's entry above
    MEASURE = "measure"  # a Value with a UnitOfMeasure: its ValueString as a quantity
    ATTRIBUTE = "attribute"  # a Value without a UnitOfMeasure: its ValueString as text
    PLACE = "place"  # the first of ``any_of`` with text, else the innermost scope level below
    # the Site of ``path`` (``Location``: Site FR03 > StorageZone WE-01 is WE-01)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """Where one canonical field comes from, and how it is read and written."""

    name: str
    kind: Kind
    file: str
    line: int | None
    path: tuple[str, ...] = ()  # child element names below the record element
    property: tuple[str, ...] = ()  # a named property (its ID, and aliases: the first found)
    key: str | None = None  # the Value keyed so within the item (an amount, or its unit)
    unit_of: str | None = None  # a keyed Value's unit must be this field's (B2M-108)
    required: bool = False
    what: str = ""  # how findings name the value
    table: str | None = None  # WORD: the plant table asked first
    words: tuple[tuple[str, str], ...] = ()  # WORD: standard words of the version
    default: str | None = None  # the plant's declared default (b2mml.yaml key)
    default_when: tuple[str, tuple[str, ...]] | None = None  # only for these field values
    inherit: str | None = None  # field of the enclosing record used when absent
    keys: tuple[str, ...] = ()  # QUANTITY: keys that name the amount (else the standard ones)
    data_type: str = "Text"  # outbound: the DataType written beside a property value
    each: tuple[str, ...] = ()  # LIST: the element names of the items
    fields: tuple[FieldSpec, ...] = ()  # LIST: the item's fields
    order: tuple[str, ...] = ()  # LIST: element order of an item written out
    any_of: tuple[str, ...] = ()  # the first of these children with text (V0600 segment ids)
    skip: bool = False  # a bad value skips only the element it is in (B2M-302), not the record
    fallback: str | None = None  # WORD: the enclosing record's element read when absent
    also: tuple[str, ...] = ()  # outbound: siblings of the leaf written with the same value
    otherwise: str | None = None  # field of this record used when absent (a name: its id)
    assumed: str | None = None  # value used when absent, with a warning (B2M-111)
    own_when: tuple[str, tuple[str, ...]] | None = None  # SITE: the record's own id for these
    unless: tuple[str, tuple[str, ...]] | None = None  # PARENT: no scope parent for these
    within: str | None = None  # ID: ``<enclosing record's field>/<own>`` (own alone if only one)
    any_case: bool = False  # ENUM: the canonical value in any letter case (``Fail``)
    numbered: str | None = None  # when absent: ``{field}`` of the enclosing record, ``{n}`` the
    # element's position among its kind's siblings (``{id}/P{n}``: C-7/P2)
    when: tuple[str, tuple[str, ...]] | None = None  # read only for these values of a field
    not_with: str | None = None  # not read when the record already has this field
    total: Total | None = None  # when absent: a sum over records nested in the element
    or_in: tuple[str, ...] = ()  # property elements of the enclosing element asked next


@dataclass(frozen=True, slots=True)
class Total:
    """A quantity summed over the records of one kind nested in the element (a confirmation's
    yield: the quantities of its produced material actuals)."""

    records: tuple[str, ...]  # the nested record kinds
    field: str  # their quantity field
    when: tuple[str, tuple[str, ...]] | None = None  # only nested records with these values


@dataclass(frozen=True, slots=True)
class Group:
    """Elements whose ``by`` fields are equal are one record (the responses of one operation);
    each element adds one item to the list field ``collect``, read by its ``fields``. The
    first element's fields make the record (required there; a field with a ``default`` is
    defaulted only when no element gives it); a later element's value replaces the record's,
    except for ``agree`` fields. An element with an error drops the whole record."""

    by: tuple[str, ...]
    collect: str
    agree: tuple[str, ...] = ()  # fields every element must give alike (else B2M-108)


@dataclass(frozen=True, slots=True)
class Case:
    """A field whose value is chosen by a word of the element (a material actual's use): the
    word is the child ``by``'s text, or fixed by the element's name; ``values`` maps each field
    value to its words. An element whose word is in none is reported (B2M-111), not read."""

    field: str
    by: str
    fixed: tuple[tuple[str, str], ...]
    values: tuple[tuple[str, tuple[str, ...]], ...]

    def value(self, word: str | None) -> str | None:
        return next((v for v, words in self.values if word in words), None)


@dataclass(frozen=True, slots=True)
class OnePer:
    """One record per ``path`` child with text, its text in ``field``; with several, each id
    is ``id`` (``{id}``: the element's id, ``{value}``: the text)."""

    path: str
    field: str
    id: str


@dataclass(frozen=True, slots=True)
class ChildRecords:
    """Records nested in a record (sublots in a lot): their elements and record kind."""

    elements: tuple[str, ...]
    record: str
    link: str | None = None  # list field of the child that names the parent first
    required: bool = False  # a record without any of these elements is a finding (B2M-107)
    clean: bool = False  # read only when the enclosing record had no error (its findings cover them)
    part: bool = False  # grouped: an error in these records drops the enclosing record too


@dataclass(frozen=True, slots=True)
class Derived:
    """An element written from a field through a table of words (outbound only)."""

    element: str
    source: str  # the canonical field
    words: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class RecordSpec:
    """One record kind: its element, its entity and its fields."""

    name: str
    entity: str
    elements: tuple[str, ...]
    file: str
    line: int | None
    fields: tuple[FieldSpec, ...] = ()
    properties: tuple[str, ...] = ()  # the property elements of the record
    children: tuple[ChildRecords, ...] = ()
    order: tuple[str, ...] = ()  # element order written out (XSD sequence)
    outside: str | None = None  # child naming the enclosing record when sent alone
    derived: tuple[Derived, ...] = ()
    fixed: tuple[tuple[str, str], ...] = ()  # element -> the one value imported and written
    segments: Segments | None = None  # a tree of segment requirements (schedules)
    through: bool = False  # no record of its own: its fields are read for its children
    group: Group | None = None  # several elements, one record
    case: Case | None = None  # a field chosen by the element's word
    one_per: OnePer | None = None  # one element, one record per repeated child
    copies: tuple[tuple[str, str], ...] = ()  # outbound: element -> the field it copies (an
    # XSD-required ID the model does not carry: a response's ID is its order's)

    def field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True, slots=True)
class B2mmlSpec:
    """The mapping of one document family in one B2MML version."""

    version: str
    family: str
    files: tuple[str, ...]
    documents: tuple[tuple[str, tuple[str, ...]], ...]  # noun -> record kinds under it
    records: tuple[RecordSpec, ...] = field(default_factory=tuple)
    writes: str | None = None  # the noun written for export (None: import only)

    def record(self, name: str) -> RecordSpec | None:
        return next((r for r in self.records if r.name == name), None)

    def kinds_of(self, noun: str) -> tuple[str, ...]:
        return next((kinds for n, kinds in self.documents if n == noun), ())
