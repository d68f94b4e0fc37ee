"""Where the floor of a B2MML import is: each part measured against the lxml parse.

Issue 15 asks for an import within 3x an lxml parse. :mod:`bench_b2mml` measures the import
and three floor lines; this script decomposes the floor of the two documents the issue is
about (the V0600 schedule and the V0401 lot message of ``bench_b2mml``), every part
against the same parse, in one run:

1. parse + one Python walk over every element (what any Python accounting costs at least);
2. parse + a C-level accounting (one XPath selecting, per record element, the children no
   field maps: what a spec could compile to, evaluated by libxml2);
3. the records as the import builds them: pydantic-core ``validate_python`` of the dicts,
   then the business rules (:func:`canonical.validation.record.check`);
4. a C-level extraction prototype: an XSLT stylesheet (libxslt) that writes every record
   as JSON text (ids, the keyed quantity, exponent decimals made plain, the plant default,
   status words), then pydantic-core ``validate_json`` of that text in one call, then the
   business rules in Python;
5. a located info finding per element declared not carried (``B2M-304``, what the issue's
   "every element accounted for" makes the import report);
6. (lots) the best a generated Python reader could do: a hand-written prototype that parses,
   walks each lot's children once dispatching by tag (accounting in the same walk), reads
   the values through the import's own value parsers and code tables, makes the same
   findings (located, with paths) and validates each record as the import does
   (:func:`canonical.validation.validate.checked`). It checks that its records and finding
   counts are the import's.

The XSLT is a hand-written **prototype for measuring only**: it is not the import, is not
generated from the specs and handles only these documents (no findings, no escaping of
JSON text, no unit table). It shows what a C-level path could cost at best; nothing here
is shipped.

Everything runs with the cyclic garbage collector paused, as the import does (with the
records, the tree and the dicts of a 10 MB document alive, its rescans would otherwise
triple the validation lines).

Run: .venv/bin/python benchmarks/bench_b2mml_floor.py [--quick]   (reference lines only)
"""

from __future__ import annotations

import sys
from typing import Any

from _harness import exit_code, report
from bench_b2mml import V0401, V0600, cpu, documents, parse
from lxml import etree

#: x.yEn (or plain) -> plain decimal text, in XSLT 1.0 (string operations in libxslt)
_PLAIN = """
<xsl:template name="plain"><xsl:param name="v"/>
  <xsl:variable name="u" select="translate(normalize-space($v), 'e', 'E')"/>
  <xsl:choose>
    <xsl:when test="contains($u, 'E')">
      <xsl:variable name="m" select="substring-before($u, 'E')"/>
      <xsl:variable name="e" select="number(substring-after($u, 'E'))"/>
      <xsl:variable name="i"><xsl:choose><xsl:when test="contains($m, '.')"><xsl:value-of
        select="substring-before($m, '.')"/></xsl:when><xsl:otherwise><xsl:value-of select="$m"/>
        </xsl:otherwise></xsl:choose></xsl:variable>
      <xsl:variable name="d" select="concat($i, substring-after($m, '.'))"/>
      <xsl:variable name="p" select="string-length($i) + $e"/>
      <xsl:variable name="raw"><xsl:choose>
        <xsl:when test="$p &gt;= string-length($d)"><xsl:value-of
          select="concat($d, substring('000000000000000000000000', 1, $p - string-length($d)))"/>
        </xsl:when>
        <xsl:when test="$p &lt;= 0"><xsl:value-of
          select="concat('0.', substring('000000000000000000000000', 1, -$p), $d)"/></xsl:when>
        <xsl:otherwise><xsl:value-of
          select="concat(substring($d, 1, $p), '.', substring($d, $p + 1))"/></xsl:otherwise>
      </xsl:choose></xsl:variable>
      <xsl:call-template name="unpad"><xsl:with-param name="v" select="$raw"/></xsl:call-template>
    </xsl:when>
    <xsl:otherwise><xsl:value-of select="$u"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>
<xsl:template name="unpad"><xsl:param name="v"/>
  <xsl:choose>
    <xsl:when test="starts-with($v, '0') and string-length($v) &gt; 1
                    and not(starts-with($v, '0.'))">
      <xsl:call-template name="unpad"><xsl:with-param name="v" select="substring($v, 2)"/>
      </xsl:call-template></xsl:when>
    <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>
<xsl:template name="quantity"><xsl:param name="q"/>
  <xsl:variable name="one" select="$q[not(b:Key) or translate(b:Key,
    'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = 'quantity']"/>
  <xsl:text>{"value":"</xsl:text><xsl:call-template name="plain"><xsl:with-param name="v"
    select="$one/b:QuantityString"/></xsl:call-template><xsl:text>","unit":"</xsl:text>
  <xsl:value-of select="normalize-space($one/b:UnitOfMeasure)"/><xsl:text>"}</xsl:text>
</xsl:template>
<xsl:template name="state"><xsl:param name="w"/>
  <xsl:choose><xsl:when test="$w = 'Forecast'">created</xsl:when>
    <xsl:when test="$w = 'Released' or not($w)">released</xsl:when>
    <xsl:otherwise><xsl:value-of select="$w"/></xsl:otherwise></xsl:choose>
</xsl:template>
"""

_LOTS = """<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:b="NS"><xsl:output method="text"/>""" + _PLAIN + """
<xsl:template match="/">[<xsl:for-each select="/b:MaterialInformation/b:MaterialLot">
  <xsl:if test="position() &gt; 1">,</xsl:if>{"id":"<xsl:value-of select="normalize-space(b:ID)"
  />","material":"<xsl:value-of select="normalize-space(b:MaterialDefinitionID)"
  />","plant":"DE01","status":"released","quantity":<xsl:call-template name="quantity">
  <xsl:with-param name="q" select="b:Quantity"/></xsl:call-template>}</xsl:for-each>]
</xsl:template></xsl:stylesheet>"""

_SCHEDULE = """<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:b="NS"><xsl:output method="text"/>""" + _PLAIN + """
<xsl:template match="/">[<xsl:for-each select="/*/b:OperationsRequest">
  <xsl:if test="position() &gt; 1">,</xsl:if>
  <xsl:variable name="made" select=".//b:MaterialRequirement[b:MaterialUse = 'Produced']"/>
  <xsl:variable name="state"><xsl:call-template name="state"><xsl:with-param name="w"
    select="normalize-space(b:RequestState)"/></xsl:call-template></xsl:variable>
  {"id":"<xsl:value-of select="normalize-space(b:ID)"/>","plant":"DE01","material":"<xsl:value-of
  select="normalize-space($made/b:MaterialDefinitionID)"/>","ordered_quantity":<xsl:call-template
  name="quantity"><xsl:with-param name="q" select="$made/b:Quantity"/></xsl:call-template>,
  "status":"<xsl:value-of select="$state"/>","scheduled_start":"<xsl:value-of
  select="normalize-space(b:StartTime)"/>","operations":[<xsl:for-each
  select=".//b:SegmentRequirement[not(b:SegmentRequirement)]"><xsl:if
  test="position() &gt; 1">,</xsl:if>{"sequence":<xsl:value-of
  select="number(normalize-space(b:ProcessSegmentID))"/>,"resource":"<xsl:value-of
  select="normalize-space(b:EquipmentRequirement/b:EquipmentID)"/>","description":"<xsl:value-of
  select="b:Description"/>","status":"<xsl:value-of select="$state"/>"}</xsl:for-each>],
  "components":[<xsl:for-each select=".//b:SegmentRequirement[not(b:SegmentRequirement)]/
  b:MaterialRequirement[b:MaterialUse = 'Consumed']"><xsl:if test="position() &gt; 1">,</xsl:if
  >{"material":"<xsl:value-of select="normalize-space(b:MaterialDefinitionID)"/>","quantity":
  <xsl:call-template name="quantity"><xsl:with-param name="q" select="b:Quantity"/>
  </xsl:call-template>,"operation_sequence":<xsl:value-of
  select="number(normalize-space(../b:ProcessSegmentID))"/>}</xsl:for-each>]}</xsl:for-each>]
</xsl:template></xsl:stylesheet>"""

#: The accounting a spec could compile to: per record element, its children that no field
#: maps (name tests only), selected by libxml2, one XPath per element kind (a union of them
#: in one XPath grows faster than the document in libxml2: 33x the parse at 10 MB). A
#: prototype for these documents (it does not look into quantities or unknown levels); a
#: generic ``//*`` with a computed name test in its predicate costs 6-17x the parse in
#: libxml2, and XSLT match patterns about 20x.
_UNMAPPED = {
    "lots": ("//b:MaterialLot/*[not(self::b:ID or self::b:MaterialDefinitionID"
             " or self::b:Quantity[not(b:Key)])]",),
    "schedule": ("/*/b:OperationsRequest/*[not(self::b:ID or self::b:OperationsType"
                 " or self::b:StartTime or self::b:RequestState or self::b:SegmentRequirement)]",
                 "//b:SegmentRequirement/*[not(self::b:ProcessSegmentID or self::b:Description"
                 " or self::b:EquipmentRequirement or self::b:MaterialRequirement"
                 " or self::b:SegmentRequirement)]",
                 "//b:EquipmentRequirement/*[not(self::b:EquipmentID)]",
                 "//b:MaterialRequirement/*[not(self::b:MaterialDefinitionID"
                 " or self::b:MaterialUse or self::b:Quantity[not(b:Key)])]"),
}


def _records(result: Any) -> list[tuple[type, dict[str, object]]]:
    return [(type(r), r.to_json_dict()) for rs in result.records.values() for r in rs]


def main() -> int:
    import tempfile
    from pathlib import Path

    from bench_b2mml import plant

    from canonical.b2mml import read_document
    from canonical.b2mml.gcpause import collector_paused

    with tempfile.TemporaryDirectory() as tmp, collector_paused():  # as the import runs
        de01 = plant(Path(tmp))
        for name, data in documents():
            if name in _WANTED:
                result = read_document(data, plant=de01)
                _decompose(name, data, _records(result))
            if name == "MaterialInformation V0401":
                _ideal(name, data, de01, result)
    return exit_code()


def _ideal_lots(data: bytes, plant: Any) -> tuple[list[Any], list[Any]]:
    """The lots of ``bench_b2mml.lots()`` as a generated Python reader at best could read them
    (a prototype for measuring: it knows this document's shape and makes its findings)."""
    from canonical.b2mml.gcpause import collector_paused

    with collector_paused():  # as the import
        return _lots_read(data, plant)


def _lots_read(data: bytes, plant: Any) -> tuple[list[Any], list[Any]]:
    from canonical.b2mml import values
    from canonical.b2mml.codes import Codes
    from canonical.b2mml.rules import NOT_CARRIED, PLANT_DEFAULT
    from canonical.models import Lot
    from canonical.validation.validate import checked

    root = parse(data)
    prefix = "{" + V0401 + "}"
    tag_id, tag_material, tag_quantity = prefix + "ID", prefix + "MaterialDefinitionID", \
        prefix + "Quantity"
    tag_value, tag_unit, tag_key = prefix + "QuantityString", prefix + "UnitOfMeasure", \
        prefix + "Key"
    codes = Codes(plant, "B2MML", None)
    records: list[Any] = []
    findings: list[Any] = []
    add = findings.append
    base = "/MaterialInformation"
    for n, lot in enumerate(root.iterchildren(prefix + "MaterialLot"), 1):
        path = f"{base}/MaterialLot[{n}]"
        line = lot.sourceline
        data_: dict[str, Any] = {}
        amount = None
        counts: dict[str, int] = {}
        for child in lot:  # one walk: each child mapped or reported
            tag = child.tag
            counts[tag] = position = counts.get(tag, 0) + 1
            if tag == tag_id:
                data_["id"] = child.text.strip()
            elif tag == tag_material:
                data_["material"] = child.text.strip()
            elif tag == tag_quantity:
                key = child.findtext(tag_key)
                if key is None or key.lower() == "quantity":
                    amount = child
                else:
                    add(NOT_CARRIED.finding(f"quantity keyed {key!r} is not carried",
                                            path=f"{path}/Quantity[{position}]",
                                            value=child.findtext(tag_value), file="doc",
                                            line=child.sourceline))
            else:
                name = tag[len(prefix):]
                add(NOT_CARRIED.finding(f"<{name}> is not carried by the canonical model",
                                        path=f"{path}/{name}[{position}]",
                                        value=child.text.strip(), file="doc",
                                        line=child.sourceline))
        add(PLANT_DEFAULT.finding("no Site; the plant of the import, DE01, is used",
                                  path=path + "/HierarchyScope", value="DE01", file="doc",
                                  line=line))
        data_["plant"] = "DE01"
        add(PLANT_DEFAULT.finding("no Status; the plant's declared default 'released' is used",
                                  path=path + "/Status", value="released", file="doc",
                                  line=line))
        data_["status"] = "released"
        if amount is not None:
            unit = codes.unit(amount.findtext(tag_unit).strip()).code
            data_["quantity"] = {"value": values.decimal_text(
                amount.findtext(tag_value).strip()), "unit": unit}
        parsed, found = checked(Lot, data_)
        findings.extend(found)
        records.append(parsed)
    return records, findings


#: document -> (family, extraction stylesheet, namespace, canonical class name)
_WANTED = {"OperationsSchedule V0600": ("schedule", _SCHEDULE, V0600, "ProductionOrder"),
           "MaterialInformation V0401": ("lots", _LOTS, V0401, "Lot")}


def _decompose(name: str, data: bytes, built: list[tuple[type, dict[str, object]]]) -> None:
    """Every part of the floor of ``name``, each against the same parse."""
    from pydantic import TypeAdapter

    import canonical.models as models
    from canonical.b2mml.rules import NOT_CARRIED
    from canonical.validation.record import check

    family, sheet, ns, entity = _WANTED[name]
    model = getattr(models, entity)
    base = cpu(lambda: parse(data), repeat=5)
    parts: dict[str, float] = {}

    def line(label: str, seconds: float) -> None:
        parts[label.split(" (")[0]] = seconds
        report(f"{name}: {label} vs lxml parse", seconds / base,
               detail=f"{seconds * 1000:.1f} ms, parse {base * 1000:.1f} ms")

    tree = parse(data)
    line("parse + one Python walk (tag, text of every element)",
         cpu(lambda: sum(1 for e in parse(data).iter() if e.text and e.tag), repeat=3))
    paths = [etree.XPath(p, namespaces={"b": ns}) for p in _UNMAPPED[family]]

    def select(root: Any) -> list[Any]:
        return [e for path in paths for e in path(root)]

    line("parse + C-level accounting (one XPath from the spec's names)",
         cpu(lambda: select(parse(data)), repeat=3))
    validator = model.__pydantic_validator__
    line("pydantic-core validate_python of the records",
         cpu(lambda: [validator.validate_python(d) for _, d in built], repeat=3))
    parsed = [validator.validate_python(d) for _, d in built]
    line("business rules of the records (Python)", cpu(lambda: [check(p) for p in parsed],
                                                       repeat=3))
    transform = etree.XSLT(etree.fromstring(sheet.replace("NS", ns).encode()))
    text = bytes(transform(tree))
    adapter = TypeAdapter(list[model])  # type: ignore[valid-type]
    same = [r.model_dump() for r in adapter.validate_json(text)] == \
        [p.model_dump() for p in parsed]
    line(f"XSLT extraction to JSON (records equal to the import's: {same})",
         cpu(lambda: bytes(transform(tree)), repeat=3))
    line("pydantic-core validate_json of the extracted JSON (one call)",
         cpu(lambda: adapter.validate_json(text), repeat=3))
    unread = select(tree)
    line(f"located info findings for {len(unread)} elements not carried",
         cpu(lambda: [NOT_CARRIED.finding("not carried", path="", file="x", line=e.sourceline)
                      for e in unread], repeat=3))
    c_level = sum(parts[k] for k in (
        "parse + C-level accounting", "XSLT extraction to JSON",
        "pydantic-core validate_json of the extracted JSON", "business rules of the records"))
    report(f"{name}: C-level path, sum of parse + accounting + XSLT + validate_json"
           " + business rules (no findings) vs lxml parse", c_level / base,
           detail="the target is 3.0")


def _ideal(name: str, data: bytes, de01: Any, result: Any) -> None:
    records, findings = _ideal_lots(data, de01)
    same = records == result.records["Lot"]
    base = cpu(lambda: parse(data), repeat=5)
    seconds = cpu(lambda: _ideal_lots(data, de01), repeat=3)
    report(f"{name}: ideal generated Python reader, prototype (same records: {same}; "
           f"{len(findings)} findings, the import {len(result.report.findings)}) vs lxml parse",
           seconds / base,
           detail=f"{seconds * 1000:.1f} ms, parse {base * 1000:.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
