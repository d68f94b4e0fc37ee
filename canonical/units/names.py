"""Find unit codes by name, plural and common synonym, and warn about ambiguous plant codes.

``data/names.csv`` adds what Rec 20 does not say: the words people type (``pounds``,
``meters``, ``pcs``) and, for codes that plant systems use with another meaning than Rec 20
(SAP's ``ST`` is a piece, Rec 20's was a sheet), a note saying so. The note is for people
reading ``canon units show``; conversion never guesses from it: a plant code reaches a
canonical code only through the plant's mapping table.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from types import MappingProxyType

from canonical.units.table import Unit, active_units, units


@dataclass(frozen=True, slots=True)
class UnitNames:
    code: str
    synonyms: tuple[str, ...]
    plant_note: str


@cache
def names() -> MappingProxyType[str, UnitNames]:
    """Synonyms and plant notes by code (codes without a row have none)."""
    text = files("canonical.units").joinpath("data", "names.csv").read_text(encoding="utf-8")
    rows = {}
    for record in csv.DictReader(text.splitlines()):
        synonyms = tuple(s.strip() for s in record["synonyms"].split(";") if s.strip())
        rows[record["code"]] = UnitNames(record["code"], synonyms, record["plant_note"].strip())
    return MappingProxyType(rows)


def synonyms(code: str) -> tuple[str, ...]:
    entry = names().get(code)
    return entry.synonyms if entry else ()


def plant_note(code: str) -> str:
    """What plant systems mean by ``code`` when it differs from Rec 20 (empty when nothing)."""
    entry = names().get(code)
    return entry.plant_note if entry else ""


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


def _singular(word: str) -> str:
    for suffix, repl in (("ches", "ch"), ("ies", "y"), ("es", "e"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + repl
    return word


def _words(unit: Unit) -> tuple[str, ...]:
    base = unit.name.split("[")[0].strip()
    return tuple(_fold(w) for w in (unit.code, base, unit.symbol, *synonyms(unit.code)) if w)


def _names(unit: Unit) -> set[str]:
    """Name and synonyms, folded, with their singulars (symbols are case-sensitive: not here)."""
    base = _fold(unit.name.split("[")[0])
    words = {base, *(_fold(s) for s in synonyms(unit.code))}
    return words | {_singular(w) for w in words}


def by_name(text: str) -> Unit | None:
    """The one active unit whose name or synonym is ``text`` (plural-tolerant), or whose symbol
    is exactly ``text``; None when none or several match (never a guess)."""
    wanted = {_fold(text), _singular(_fold(text))}
    found = [u for u in active_units() if wanted & _names(u) or (u.symbol and u.symbol == text)]
    return found[0] if len(found) == 1 else None


def search(text: str, limit: int = 20) -> list[Unit]:
    """Active units matching ``text``: exact code, then exact name/synonym, then substrings."""
    query = _fold(text)
    stem = _singular(query)
    if not query:
        return []
    scored: list[tuple[int, str, Unit]] = []
    for unit in active_units():
        words = _words(unit)
        if unit.code == text.strip().upper():
            score = 0
        elif query in words or stem in words or stem in {_singular(w) for w in words}:
            score = 1
        elif any(w.startswith(stem) for w in words):
            score = 2
        elif any(stem in w for w in words):
            score = 3
        else:
            continue
        scored.append((score, unit.code, unit))
    return [unit for _, _, unit in sorted(scored, key=lambda t: (t[0], t[1]))][:limit]


def known_code(code: str) -> bool:
    """True when ``code`` is in the Rec 20 table at all (any status)."""
    return code in units()
