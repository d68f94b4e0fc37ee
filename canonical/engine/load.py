"""Reading spec files: YAML to :class:`~canonical.engine.spec.Spec`, with located findings.

This is the structural half of spec validation (keys, shapes, paths, formats); the semantic
half (does the field exist, does the table exist, does the rule fit the field's type) is in
:mod:`canonical.engine.compile`. Neither raises on bad content.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path as FsPath
from types import MappingProxyType
from typing import NamedTuple
from zoneinfo import ZoneInfo

from canonical.engine import rules
from canonical.engine.context import PARENT, ROOT, split_path
from canonical.engine.numbers import DECIMAL_MARKS, GROUP_MARKS, NumberFormat
from canonical.engine.spec import (
    NOTHING,
    Direction,
    Dst,
    FieldRule,
    NativeType,
    ObjectRule,
    Path,
    QuantityRule,
    Spec,
)
from canonical.mapping.specdocs import APPROVAL_KEYS
from canonical.mapping.yamlnodes import YamlDocument, load_yaml
from canonical.report import Finding
from canonical.rules import Rule

_SPEC_KEYS = {"spec_version", "system", "entity", "direction", "description", "as_of",
              "decimal_comma", "unknown_fields", "drop", "fields", "constants", "ignore", "dst",
              "number", "generated",
              *APPROVAL_KEYS}  # approval: checked by canonical.mapping.specchecks
_SCALAR_KEYS = {"path", "value", "default", "table", "flags", "ignore_flags", "values",
                "normalise", "prefix", "suffix", "native", "format", "time_path", "time_format",
                "zone", "offset", "dst", "number", "shared"}
_OBJECT_KEYS = {"fields", "at", "constants", "ignore"}
_LIST_KEYS = {"each", "unique", "item", "fields", "constants", "ignore"}
_ITEM_KEYS = {"when", "fields", "at", "constants", "ignore"}
_QUANTITY_KEYS = {"value", "unit", "unit_value", "to_base_unit", "native", "convert", "places", "number",
                  "part", "censored"}
_GENERATED = ("message_id",)


class _Reader:
    def __init__(self, doc: YamlDocument, file: str) -> None:
        self.doc, self.file = doc, file
        self.findings: list[Finding] = []
        #: an inbound spec: a values map may send several native words to one value
        self.inbound = False

    def add(self, rule: Rule, message: str, keys: tuple[str, ...], value: object = None) -> None:
        where = "$" + "".join(f".{k}" for k in keys)
        self.findings.append(rule.finding(message, path=where, value=value).located(
            file=self.file, line=self.doc.line(*keys)))

    def path(self, value: object, keys: tuple[str, ...], *,
             anchored: bool = False) -> Path | None:
        """A native path; ``anchored``: it may start at the document root or the parent
        object (``$.``, ``^.``), as the paths of fields and quantities may."""
        if not isinstance(value, str) or not value:
            self.add(rules.SPEC_PATH, f"a native path must be a non-empty string like "
                     f"'HEADER.AUFNR', got {value!r}", keys, value)
            return None
        parts = split_path(value)
        anchors = 0
        while anchors < len(parts) - 1 and parts[anchors] in (ROOT, PARENT) and (
                parts[0] == PARENT or anchors == 0):
            anchors += 1
        body = parts[anchors:]
        if anchors and not anchored:
            self.add(rules.SPEC_ANCHOR, f"{value!r}: only the path of a field or a quantity "
                     "may start at the document root or the parent object ('$.', '^.')", keys,
                     value)
            return None
        if any(not p or p != p.strip() or any(c in p for c in "[]*$^") for p in body):
            self.add(rules.SPEC_PATH, f"malformed native path {value!r}: use dotted keys "
                     "('HEADER.AUFNR', a dot inside a key as '@odata\\.etag', '$.' for the "
                     "document root, '^.' for the parent object); lists are mapped with "
                     "'each'", keys, value)
            return None
        return parts

    def paths(self, value: object, keys: tuple[str, ...]) -> tuple[Path, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.add(rules.SPEC_RULE, "expected a list of native paths", keys)
            return ()
        found = (self.path(v, (*keys, str(i))) for i, v in enumerate(value))
        return tuple(p for p in found if p is not None)

    def unknown(self, data: Mapping[str, object], allowed: set[str], keys: tuple[str, ...],
                what: str) -> None:
        for key in sorted(set(data) - allowed):
            self.add(rules.SPEC_UNKNOWN_KEY, f"unknown key {key!r} in {what}; allowed: "
                     f"{', '.join(sorted(allowed))}", (*keys, key), key)

    def text(self, data: Mapping[str, object], key: str, keys: tuple[str, ...],
             default: str = "") -> str:
        value = data.get(key, default)
        if not isinstance(value, str):
            self.add(rules.SPEC_RULE, f"{key!r} must be a string, got {value!r}", (*keys, key))
            return default
        return value


def _mapping(value: object) -> dict[str, object] | None:
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else None


def read_spec(path: FsPath, file: str) -> tuple[Spec | None, list[Finding]]:
    """Parse one spec file (reported as ``file``); the spec or ``None``, and the findings."""
    doc, problem = load_yaml(path, file)
    if problem is not None:
        if problem.rule_id.startswith("IO-"):  # duplicate keys, aliases, depth, not a file
            return None, [problem]
        return None, [rules.SPEC_UNREADABLE.finding(problem.message).located(
            file=file, line=problem.line)]
    assert doc is not None
    return parse_spec(doc, file)


def _header(out: _Reader, data: Mapping[str, object]) -> dict[str, str]:
    """system, entity and direction of a spec (only those that are present and valid)."""
    header: dict[str, str] = {}
    for key in ("system", "entity", "direction"):
        value = data.get(key)
        if not isinstance(value, str) or not value:
            out.add(rules.SPEC_HEADER, f"missing or empty {key!r}", (key,))
        else:
            header[key] = value
    direction = header.get("direction")
    if direction is not None and direction not in Direction._value2member_map_:
        out.add(rules.SPEC_HEADER, f"direction {direction!r} must be inbound or outbound",
                ("direction",), direction)
        del header["direction"]
    return header


def _drop_and_as_of(out: _Reader, data: Mapping[str, object]) -> tuple[list[str], str | None]:
    drop = data.get("drop", [])
    if not isinstance(drop, list) or not all(isinstance(d, str) for d in drop):
        out.add(rules.SPEC_RULE, "drop must be a list of canonical field names", ("drop",))
        drop = []
    as_of = data.get("as_of")
    if as_of is not None and not isinstance(as_of, str):
        out.add(rules.SPEC_RULE, "as_of must name a canonical date or timestamp field (a "
                "nested one as 'specification.valid_from')", ("as_of",))
        as_of = None
    return drop, as_of


def parse_spec(doc: YamlDocument, file: str) -> tuple[Spec | None, list[Finding]]:
    """Parse an already loaded spec document."""
    out = _Reader(doc, file)
    data = _mapping(doc.data)
    if data is None:
        out.add(rules.SPEC_UNREADABLE, "a spec must be a YAML mapping with system, entity, "
                "direction and fields", ())
        return None, out.findings
    out.unknown(data, _SPEC_KEYS, (), "a spec")
    version = data.get("spec_version", 1)
    if version != 1:
        out.add(rules.SPEC_HEADER, f"spec_version {version!r} is not supported (expected 1)",
                ("spec_version",))
    header = _header(out, data)
    direction = header.get("direction")
    out.inbound = direction == Direction.INBOUND.value
    unknown_fields = out.text(data, "unknown_fields", (), "error")
    if unknown_fields not in ("error", "ignore"):
        out.add(rules.SPEC_RULE, "unknown_fields must be 'error' or 'ignore'", ("unknown_fields",))
    decimal_comma = data.get("decimal_comma", False)
    if not isinstance(decimal_comma, bool):
        out.add(rules.SPEC_RULE, "decimal_comma must be true or false", ("decimal_comma",))
        decimal_comma = False
    drop, as_of = _drop_and_as_of(out, data)
    root = _object(out, data, (), "$", _SPEC_KEYS, check_keys=False)
    if "fields" not in data:
        out.add(rules.SPEC_RULE, "a spec needs a 'fields' mapping", ())
    if len(header) < 3 or direction is None or root is None:
        return None, out.findings
    spec = Spec(file, header["system"], header["entity"], Direction(direction), root,
                out.text(data, "description", ()), as_of, decimal_comma, unknown_fields,
                frozenset(drop), 1, _dst(out, data, ()) or Dst.EARLIER, _number(out, data, ()),
                _generated(out, data), doc.line("as_of") if as_of is not None else None)
    return spec, out.findings


def _object(out: _Reader, data: Mapping[str, object], keys: tuple[str, ...], where: str,
            allowed: set[str], *, check_keys: bool = True) -> ObjectRule | None:
    if check_keys:
        out.unknown(data, allowed, keys, "an object rule")
    raw_fields = data.get("fields", {})
    fields_data = _mapping(raw_fields)
    if fields_data is None:
        out.add(rules.SPEC_RULE, "'fields' must map canonical field names to rules",
                (*keys, "fields"))
        return None
    fields: list[FieldRule] = []
    for name, body in fields_data.items():
        rule = _field(out, name, body, (*keys, "fields", name), f"{where}.fields.{name}")
        if rule is not None:
            fields.append(rule)
    at = out.path(data["at"], (*keys, "at")) if "at" in data else None
    when = out.path(data["when"], (*keys, "when")) if "when" in data else None
    constants: list[tuple[Path, object]] = []
    raw_constants = _mapping(data.get("constants", {}))
    if raw_constants is None:
        out.add(rules.SPEC_RULE, "'constants' must map native paths to values",
                (*keys, "constants"))
    else:
        for name, value in raw_constants.items():
            path = out.path(name, (*keys, "constants", name))
            if path is not None:
                if isinstance(value, dict | list | float):
                    out.add(rules.SPEC_RULE, f"constant {name!r} must be a string, integer or "
                            "boolean", (*keys, "constants", name))
                    continue
                constants.append((path, value))
    ignore = out.paths(data.get("ignore"), (*keys, "ignore"))
    return ObjectRule(where, out.doc.line(*keys) if keys else 1, tuple(fields), at, when,
                      tuple(constants), ignore)


def _field(out: _Reader, name: str, body: object, keys: tuple[str, ...],
           where: str) -> FieldRule | None:
    if isinstance(body, str):  # shorthand: `id: AUFNR`
        body = {"path": body}
    data = _mapping(body)
    if data is None:
        out.add(rules.SPEC_RULE, f"rule for {name!r} must be a mapping or a native path",
                keys)
        return None
    line = out.doc.line(*keys)
    if "each" in data or "item" in data:
        return _list(out, name, data, keys, where, line)
    if "items" in data:
        return _items(out, name, data, keys, where, line)
    if "fields" in data:
        obj = _object(out, data, keys, where, _OBJECT_KEYS)
        return FieldRule(name, where, line, object=obj) if obj is not None else None
    if "quantity" in data:
        out.unknown(data, {"quantity"}, keys, "a quantity rule")
        quantity = _quantity(out, data["quantity"], (*keys, "quantity"))
        return FieldRule(name, where, line, quantity=quantity) if quantity else None
    return _scalar(out, name, data, keys, where, line)


def _scalar(out: _Reader, name: str, data: Mapping[str, object], keys: tuple[str, ...],
            where: str, line: int | None) -> FieldRule | None:
    out.unknown(data, _SCALAR_KEYS, keys, "a field rule")
    path = out.path(data["path"], (*keys, "path"), anchored=True) if "path" in data else None
    codes = _codes(out, data, keys)
    native = data.get("native", "string")
    if native not in NativeType._value2member_map_:
        out.add(rules.SPEC_RULE, f"native must be string, number or boolean, got {native!r}",
                (*keys, "native"))
        native = "string"
    time = _time(out, data, keys)
    constant_with_keys = "value" in data and len(data) > 1
    if constant_with_keys:
        out.add(rules.SPEC_RULE, "a constant 'value' takes no other keys (native constants "
                "belong in 'constants')", keys)
    if codes is None or constant_with_keys or ("path" in data and path is None):
        return None
    assert isinstance(native, str) and codes is not None
    return FieldRule(
        name, where, line, path=path, value=data.get("value", NOTHING),
        default=data.get("default", NOTHING), values=_values(out, data.get("values"),
                                                              (*keys, "values")),
        normalise=out.text(data, "normalise", keys) or None,
        prefix=out.text(data, "prefix", keys), suffix=out.text(data, "suffix", keys),
        native=NativeType(native), table=codes.table, flags=codes.flags,
        ignore_flags=codes.ignore_flags, format=time.format, time_path=time.time_path,
        time_format=time.time_format, zone=time.zone, offset=time.offset, dst=time.dst,
        number=_number(out, data, keys), shared=_flag(out, data, "shared", keys),
    )


def _flag(out: _Reader, data: Mapping[str, object], key: str, keys: tuple[str, ...]) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        out.add(rules.SPEC_DIALECT, f"{key} must be true or false", (*keys, key), value)
        return False
    return value


def _generated(out: _Reader, data: Mapping[str, object]) -> tuple[tuple[Path, str], ...]:
    """``generated: {MSGID: message_id}``: native fields an outbound payload gets from the
    message itself (inbound they are known and not mapped)."""
    raw = data.get("generated")
    spec = _mapping(raw) if raw is not None else {}
    if spec is None:
        out.add(rules.SPEC_DIALECT, "generated must map native paths to what they carry "
                f"({', '.join(_GENERATED)})", ("generated",))
        return ()
    found = []
    for name, kind in spec.items():
        path = out.path(name, ("generated", name))
        if kind not in _GENERATED:
            out.add(rules.SPEC_DIALECT, f"generated {name!r}: {kind!r} is not one of "
                    f"{', '.join(_GENERATED)}", ("generated", name), kind)
        elif path is not None:
            found.append((path, str(kind)))
    return tuple(found)


class _Codes(NamedTuple):
    table: str | None
    flags: bool
    ignore_flags: frozenset[str]


class _TimeKeys(NamedTuple):
    format: str | None
    time_path: Path | None
    time_format: str
    zone: str | None
    offset: str
    dst: Dst | None


def _codes(out: _Reader, data: Mapping[str, object],
           keys: tuple[str, ...]) -> _Codes | None:
    """``table``, ``flags`` and ``ignore_flags`` of a scalar rule (None: unusable)."""
    ok = True
    table = data.get("table")
    if table is not None and not isinstance(table, str):
        out.add(rules.SPEC_RULE, "table must be a table name", (*keys, "table"))
        ok = False
    flags = data.get("flags", False)
    if not isinstance(flags, bool):
        out.add(rules.SPEC_RULE, "flags must be true or false", (*keys, "flags"))
        ok = False
    ignore_flags = data.get("ignore_flags", [])
    if not isinstance(ignore_flags, list) or not all(isinstance(f, str) for f in ignore_flags):
        out.add(rules.SPEC_RULE, "ignore_flags must be a list of flag codes",
                (*keys, "ignore_flags"))
        ignore_flags = []
    if not ok:
        return None
    return _Codes(table if isinstance(table, str) else None, flags is True,
                  frozenset(ignore_flags))


def _time(out: _Reader, data: Mapping[str, object], keys: tuple[str, ...]) -> _TimeKeys:
    """The date and time keys of a scalar rule (format, time_path, zone, offset, dst)."""
    time_path = out.path(data["time_path"], (*keys, "time_path")) if "time_path" in data \
        else None
    fmt = data.get("format")
    if fmt is not None and (not isinstance(fmt, str) or not fmt):
        out.add(rules.SPEC_FORMAT, "format must be 'iso' or a strftime pattern such as "
                "'%Y%m%d'", (*keys, "format"))
        fmt = None
    zone = data.get("zone")
    if zone is not None and not _zone_ok(zone):
        out.add(rules.SPEC_FORMAT, f"zone {zone!r} is not an IANA time zone", (*keys, "zone"))
        zone = None
    offset = out.text(data, "offset", keys, "optional")
    if offset not in ("required", "optional", "none"):
        out.add(rules.SPEC_FORMAT, "offset must be required, optional or none",
                (*keys, "offset"))
    return _TimeKeys(fmt if isinstance(fmt, str) else None, time_path,
                     out.text(data, "time_format", keys, "%H%M%S"),
                     zone if isinstance(zone, str) else None, offset, _dst(out, data, keys))


def _dst(out: _Reader, data: Mapping[str, object], keys: tuple[str, ...]) -> Dst | None:
    """The declared reading of ambiguous local times (``dst: earlier | later | refuse``)."""
    value = data.get("dst")
    if value is None:
        return None
    if not isinstance(value, str) or value not in Dst._value2member_map_:
        out.add(rules.SPEC_DST, f"dst must be earlier, later or refuse, got {value!r}",
                (*keys, "dst"), value)
        return None
    return Dst(value)


def _zone_ok(zone: object) -> bool:
    if not isinstance(zone, str) or not zone:
        return False
    try:
        ZoneInfo(zone)
    except (KeyError, ValueError, OSError):
        return False
    return True


def _values(out: _Reader, value: object, keys: tuple[str, ...]) -> Mapping[str, object] | None:
    if value is None:
        return None
    data = {("true" if k is True else "false" if k is False else str(k)): v
            for k, v in value.items()} if isinstance(value, dict) else None
    if data is None or not data:
        out.add(rules.SPEC_VALUES, "values must map native codes to canonical values", keys)
        return None
    seen: dict[object, str] = {}
    for code, canonical in data.items():
        if isinstance(canonical, dict | list | float) or canonical is None:
            out.add(rules.SPEC_VALUES, f"values[{code!r}] must be a string, integer or "
                    "boolean", (*keys, code))
        key = (type(canonical), canonical)
        if key in seen and not out.inbound:
            out.add(rules.SPEC_VALUES, f"values {seen[key]!r} and {code!r} both map to "
                    f"{canonical!r}: an outbound spec must write one word per value (several "
                    "words for one value are for inbound specs)", (*keys, code))
        seen.setdefault(key, code)
    return MappingProxyType(data)


def _quantity(out: _Reader, value: object, keys: tuple[str, ...]) -> QuantityRule | None:
    data = _mapping(value)
    if data is None:
        out.add(rules.SPEC_RULE, "quantity must be {value: PATH, unit: PATH}", keys)
        return None
    out.unknown(data, _QUANTITY_KEYS, keys, "a quantity rule")
    amount = out.path(data.get("value"), (*keys, "value"), anchored=True)
    unit = out.path(data["unit"], (*keys, "unit"), anchored=True) if "unit" in data else None
    unit_value = data.get("unit_value")
    if (unit is None) == (unit_value is None) or (
            unit_value is not None and not isinstance(unit_value, str)):
        out.add(rules.SPEC_RULE, "a quantity needs exactly one of unit (a native path) or "
                "unit_value (a constant plant unit code)", keys)
        return None
    base = data.get("to_base_unit")
    if base is not None and not isinstance(base, str):
        out.add(rules.SPEC_RULE, "to_base_unit must name the material field", keys)
        base = None
    native = data.get("native", "string")
    if native not in ("string", "number"):
        out.add(rules.SPEC_RULE, f"quantity native must be string or number, got {native!r}",
                (*keys, "native"))
        return None
    if amount is None:
        return None
    extra = _quantity_dialect(out, data, keys, fixed=unit_value is not None)
    if extra is None:
        return None
    return QuantityRule(amount, unit, unit_value if isinstance(unit_value, str) else None,
                        base if isinstance(base, str) else None, NativeType(str(native)),
                        *extra)


def _quantity_dialect(out: _Reader, data: Mapping[str, object], keys: tuple[str, ...], *,
                      fixed: bool) -> tuple[bool, NumberFormat | None, str | None,
                                            str | None, int | None] | None:
    """convert, number, part, censored and places of a quantity rule (None: unusable)."""
    convert = data.get("convert", False)
    part, censored, places = data.get("part"), data.get("censored"), data.get("places")
    problems = _dialect_problems(data, fixed=fixed)
    for key, message in problems:
        out.add(rules.SPEC_DIALECT, message, (*keys, key), data.get(key))
    if problems:
        return None
    return (convert is True, _number(out, data, keys), part if isinstance(part, str) else None,
            censored if isinstance(censored, str) else None,
            places if isinstance(places, int) else None)


def _dialect_problems(data: Mapping[str, object], *, fixed: bool) -> list[tuple[str, str]]:
    """(key, message) of each misused dialect key of a quantity rule."""
    convert, places = data.get("convert", False), data.get("places")
    part, censored = data.get("part"), data.get("censored")
    problems = []
    if not isinstance(convert, bool) or (convert and not fixed):
        problems.append(("convert", "convert: true needs unit_value (the fixed unit the "
                         "target expects)"))
    if places is not None and (convert is not True or isinstance(places, bool)
                               or not isinstance(places, int) or not 0 <= places <= 12):
        problems.append(("places", "places is the target's decimals (0 to 12) of an amount "
                         "converted with convert: true"))
    if part is not None and part not in ("lower", "upper"):
        problems.append(("part", f"part must be lower or upper, got {part!r}"))
    if censored is not None and (not isinstance(censored, str) or part is not None):
        problems.append(("censored", "censored names the canonical text field that takes a "
                         "censored result ('attribute_result'); not with part"))
    return problems


def _number(out: _Reader, data: Mapping[str, object], keys: tuple[str, ...]
            ) -> NumberFormat | None:
    """``number: {decimal: ",", group: [" ", "."]}``: the decimal mark and the thousands
    separators accepted on reading."""
    value = data.get("number")
    if value is None:
        return None
    spec = _mapping(value)
    decimal = spec.get("decimal", ".") if spec is not None else None
    group = spec.get("group", []) if spec is not None else None
    groups = [group] if isinstance(group, str) else group
    if spec is None or decimal not in DECIMAL_MARKS or not isinstance(groups, list) or not all(
            g in GROUP_MARKS for g in groups) or decimal in groups or set(spec) - {"decimal",
                                                                                    "group"}:
        marks = ", ".join(repr(g) for g in sorted(GROUP_MARKS))
        out.add(rules.SPEC_DIALECT, "number must be {decimal: '.' or ',', group: [thousands "
                f"separators among {marks}]}} (the decimal mark is not a separator)",
                (*keys, "number"), value)
        return None
    assert isinstance(decimal, str)
    return NumberFormat(decimal, frozenset(groups))


def _list(out: _Reader, name: str, data: Mapping[str, object], keys: tuple[str, ...],
          where: str, line: int | None) -> FieldRule | None:
    out.unknown(data, _LIST_KEYS, keys, "a list rule")
    each = out.path(data.get("each"), (*keys, "each"))
    unique = data.get("unique")
    if unique is not None and not isinstance(unique, str):
        out.add(rules.SPEC_RULE, "unique must name a canonical field of the items", keys)
        unique = None
    item: FieldRule | None = None
    obj: ObjectRule | None = None
    if "item" in data:
        item = _field(out, name, data["item"], (*keys, "item"), f"{where}.item")
        if item is not None and (item.quantity or item.object or item.each or item.items):
            out.add(rules.SPEC_RULE, "item describes a scalar list item; use fields for "
                    "objects", (*keys, "item"))
            return None
    elif "fields" in data:
        obj = _object(out, data, keys, where, _LIST_KEYS, check_keys=False)
    else:
        out.add(rules.SPEC_RULE, "a list rule needs fields (object items) or item (scalar "
                "items)", keys)
    if each is None or (item is None and obj is None):
        return None
    return FieldRule(name, where, line, each=each, unique=unique if isinstance(unique, str)
                     else None, item=item, object=obj)


def _items(out: _Reader, name: str, data: Mapping[str, object], keys: tuple[str, ...],
           where: str, line: int | None) -> FieldRule | None:
    out.unknown(data, {"items"}, keys, "an items rule")
    raw = data["items"]
    if not isinstance(raw, list) or not raw:
        out.add(rules.SPEC_RULE, "items must be a non-empty list of object rules", keys)
        return None
    items: list[ObjectRule] = []
    for i, body in enumerate(raw):
        here = (*keys, "items", str(i))
        item = _mapping(body)
        if item is None:
            out.add(rules.SPEC_RULE, "each item must be a mapping with fields", here)
            continue
        obj = _object(out, item, here, f"{where}.items[{i}]", _ITEM_KEYS)
        if obj is not None:
            items.append(obj)
    return FieldRule(name, where, line, items=tuple(items)) if items else None
