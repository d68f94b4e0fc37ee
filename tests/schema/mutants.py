"""Rule-generated mutants of the shipped example records (deterministic, no randomness).

Every rule is applied at every place of every example where it fits: each string, number,
boolean, list and object of a record. A rule is named after the defect class it probes
("trailing_newline", "arabic_digits", "fraction_9", ...), so a disagreement between
validators is reported as ``<entity>#<record> <json path> <rule>`` and the documented
exceptions of the differential test can name the rule they excuse.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from canonical.resources import EXAMPLE_RECORDS, data_dir

Json = Any
Path_ = tuple[str | int, ...]

_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", re.ASCII)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DECIMAL = re.compile(r"-?\d+\.\d+|-?\d+", re.ASCII)
_ARABIC = {ord("0") + i: 0x0660 + i for i in range(10)}  # Arabic-Indic digits
_FULLWIDTH = {ord("0") + i: 0xFF10 + i for i in range(10)}
_DEVANAGARI = {ord("0") + i: 0x0966 + i for i in range(10)}


@dataclass(frozen=True, slots=True)
class Mutant:
    """One mutated record: which example, where, which rule."""

    entity: str
    record: int
    path: Path_
    rule: str
    data: Json

    @property
    def label(self) -> str:
        where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in self.path)
        return f"{self.entity}#{self.record} {where} {self.rule}"


def examples() -> list[tuple[str, int, Json]]:
    """Every shipped example record as ``(entity, index, record)``."""
    out: list[tuple[str, int, Json]] = []
    for entity, stem in sorted(EXAMPLE_RECORDS.items()):
        data = json.loads((data_dir("examples") / "records" / f"{stem}.json").read_text("utf-8"))
        for index, record in enumerate(data if isinstance(data, list) else [data]):
            out.append((entity, index, record))
    return out


def _offset_split(text: str) -> tuple[str, str]:
    found = re.search(r"(Z|[+-]\d{2}:\d{2})$", text)
    return (text[: found.start()], found.group()) if found else (text, "")


def _with_fraction(text: str, digits: str) -> str:
    head, offset = _offset_split(text)
    return head.split(".")[0] + "." + digits + offset


def _timestamp_rules(v: str) -> dict[str, Json]:
    head, offset = _offset_split(v)
    return {
        "no_offset": head,
        "fraction_6": _with_fraction(v, "123456"),
        "fraction_7": _with_fraction(v, "1234567"),
        "fraction_9": _with_fraction(v, "123456789"),
        "fraction_7_zero": _with_fraction(v, "1234560"),
        "date_only": v[:10],
        "lower_t": v.replace("T", "t"),
        "space_separator": v.replace("T", " "),
        "z_offset": head + "Z",
        "lower_z": head + "z",
        "offset_no_colon": head + offset.replace(":", ""),
        "offset_24h": head + "+24:00",
        "no_seconds": v[:16] + offset,
        "hour_24": v[:11] + "24" + v[13:],
        "second_60": v[:17] + "60" + v[19:],
        "month_13": v[:5] + "13" + v[7:],
        "february_30": "2026-02-30" + v[10:],
        "february_29_leap": "2028-02-29" + v[10:],
        "february_29_common": "2026-02-29" + v[10:],
        "april_31": "2026-04-31" + v[10:],
        "year_0": "0000" + v[4:],
        "epoch_number": 1772434800,
    }


def _date_rules(v: str) -> dict[str, Json]:
    return {
        "with_time": v + "T00:00:00Z",
        "compact": v.replace("-", ""),
        "slashes": v.replace("-", "/"),
        "february_30": "2026-02-30",
        "february_29_common": "2027-02-29",
        "february_29_leap": "2028-02-29",
        "month_13": v[:5] + "13" + v[7:],
        "year_0": "0000" + v[4:],
    }


def _decimal_rules(v: str) -> dict[str, Json]:
    return {
        "exponent": "1E+3",
        "decimal_comma": v.replace(".", ",") if "." in v else v + ",5",
        "plus_sign": "+" + v,
        "leading_zero": "0" + v if not v.startswith("0") else "00" + v,
        "trailing_point": v.split(".")[0] + ".",
        "leading_point": "." + v.split(".")[-1],
        "thirteen_places": v.split(".")[0] + ".1234567890123",
        "nineteen_digits": "1234567890123456789",
        "negative": "-" + v.lstrip("-"),
        "negative_zero": "-0",
        "nan": "NaN",
        "infinity": "Infinity",
        "json_number": int(v.split(".")[0]) if v.split(".")[0].lstrip("-").isdigit() else 5,
        "json_float": 1.5,
        "thousands": "1,234.5",
    }


def _string_rules(v: str) -> dict[str, Json]:
    mid = max(1, len(v) // 2)
    rules: dict[str, Json] = {
        "trailing_newline": v + "\n",
        "trailing_crlf": v + "\r\n",
        "leading_space": " " + v,
        "trailing_space": v + " ",
        "trailing_nbsp": v + "\u00a0",
        "leading_ideographic_space": "\u3000" + v,
        "inner_space": v[:mid] + " " + v[mid:],
        "inner_tab": v[:mid] + "\t" + v[mid:],
        "inner_nul": v[:mid] + "\x00" + v[mid:],
        "inner_us_1f": v[:mid] + "\x1f" + v[mid:],
        "leading_fs_1c": "\x1c" + v,
        "trailing_rs_1e": v + "\x1e",
        "inner_nel_85": v[:mid] + "\x85" + v[mid:],
        "trailing_nel_85": v + "\x85",
        "leading_bom": "\ufeff" + v,
        "inner_bom": v[:mid] + "\ufeff" + v[mid:],
        "inner_line_separator": v[:mid] + "\u2028" + v[mid:],
        "inner_del": v[:mid] + "\x7f" + v[mid:],
        "inner_zero_width_space": v[:mid] + "\u200b" + v[mid:],
        "upper": v.upper(),
        "empty": "",
        "length_65": (v * 65)[:65] if v else "x" * 65,
        "astral": v[:mid] + "\U0001f600" + v[mid:],
        "null": None,
        "json_true": True,
        "as_list": [v],
    }
    if any(c.isdigit() for c in v):
        rules["arabic_digits"] = v.translate(_ARABIC)
        rules["fullwidth_digits"] = v.translate(_FULLWIDTH)
        rules["devanagari_digits"] = v.translate(_DEVANAGARI)
    return rules


def _integer_rules(v: int) -> dict[str, Json]:
    return {
        "as_string": str(v),
        "float_integral": float(v),
        "float_fraction": v + 0.5,
        "json_true": True,
        "zero": 0,
        "negative": -abs(v) - 1,
        "large": 10**6,
        "huge": 10**20,
        "null": None,
    }


def _boolean_rules(v: bool) -> dict[str, Json]:
    return {"as_string": str(v).lower(), "as_integer": int(v), "null": None, "negated": not v}


def _list_rules(v: list[Json]) -> dict[str, Json]:
    rules: dict[str, Json] = {"null": None, "empty": [], "as_object": v[0] if v else {}}
    if v:
        rules["doubled"] = [*v, copy.deepcopy(v[0])]
    return rules


def _object_rules(v: dict[str, Json]) -> dict[str, Json]:
    rules: dict[str, Json] = {
        "unknown_field": {**v, "x_extension": "1"},
        "null": None,
        "as_list": [v],
        "as_string": json.dumps(v)[:40],
    }
    for key in v:
        rules[f"drop_{key}"] = {k: value for k, value in v.items() if k != key}
    return rules


def rules_for(value: Json) -> dict[str, Json]:
    """Every mutation rule that fits ``value``, by name, with the mutated value."""
    if isinstance(value, bool):
        return _boolean_rules(value)
    if isinstance(value, int):
        return _integer_rules(value)
    if isinstance(value, list):
        return _list_rules(value)
    if isinstance(value, dict):
        return _object_rules(value)
    if not isinstance(value, str):
        return {}
    rules = _string_rules(value)
    if _TIMESTAMP.fullmatch(value):
        rules.update(_timestamp_rules(value))
    elif _DATE.fullmatch(value):
        rules.update(_date_rules(value))
    elif _DECIMAL.fullmatch(value):
        rules.update(_decimal_rules(value))
    return rules


def _places(data: Json, path: Path_ = ()) -> Iterator[tuple[Path_, Json]]:
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _places(value, (*path, index))


def _replace(data: Json, path: Path_, value: Json) -> Json:
    if not path:
        return value
    out = copy.deepcopy(data)
    node = out
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return out


def _event_rules(record: Json, others: dict[str, Json]) -> Iterator[tuple[Path_, str, Json]]:
    """Events: every payload_type with every example payload (matching or not)."""
    if "payload_type" not in record:
        return
    for name, payload in sorted(others.items()):
        if name == "Event":
            continue
        yield ("payload",), f"payload_{name}", {**record, "payload": payload}
        yield ("payload_type",), f"payload_type_{name}", {**record, "payload_type": name}


Rule = Callable[[Json], dict[str, Json]]


def mutants() -> list[Mutant]:
    """Every mutant of every example record, in a stable order."""
    records = examples()
    first = {entity: record for entity, index, record in reversed(records)}
    out: list[Mutant] = []
    for entity, index, record in records:
        for path, value in _places(record):
            if not path:
                continue  # the whole record: its fields are mutated one by one
            for rule, mutated in rules_for(value).items():
                out.append(Mutant(entity, index, path, rule, _replace(record, path, mutated)))
        for path, rule, data in _event_rules(record, first):
            out.append(Mutant(entity, index, path, rule, data))
    return out


def example_files() -> list[Path]:
    return sorted((data_dir("examples") / "records").glob("*.json"))
