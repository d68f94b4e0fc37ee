"""Compare two flattened schemas element by element and collect raw findings of change.

:class:`Collector` walks types, enums (and their values), classes and their induced slots
and records a :class:`Found` per change. It knows nothing about compatibility modes: the
verdicts come from the change kind (:data:`canonical.governance.rules.KINDS`), except where
the underlying element decides them (removal of a deprecated element keeps the verdicts of
the removal; a new ``required`` slot with an ``ifabsent`` default does not break producers).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from canonical.changes.model import Verdict
from canonical.changes.semver import SemVer
from canonical.governance import class_rules, constraints, props
from canonical.governance.facts import ClassFacts, Element, SchemaFacts
from canonical.governance.ranges import relation
from canonical.governance.rules import KINDS


@dataclass(frozen=True, slots=True)
class Found:
    kind: str
    path: str
    message: str
    before: str | None = None
    after: str | None = None
    consumer: Verdict | None = None
    producer: Verdict | None = None


def _show(value: str | None) -> str:
    return "(none)" if value is None else value


@dataclass
class Collector:
    old: SchemaFacts
    new: SchemaFacts
    today: date
    found: list[Found] = field(default_factory=list)

    def add(self, kind: str, path: str, message: str, before: str | None = None,
            after: str | None = None, *, consumer: Verdict | None = None,
            producer: Verdict | None = None) -> None:
        self.found.append(Found(kind, path, message, before, after, consumer, producer))

    # ------------------------------------------------------------------ generic parts

    def _before_sunset(self, sunset: str | None) -> bool:
        if not sunset:
            return False
        if SemVer.is_valid(sunset):
            return SemVer.parse(self.new.version) < SemVer.parse(sunset)
        try:
            return self.today < date.fromisoformat(sunset)
        except ValueError:
            return False

    def removed(self, kind: str, path: str, element: Element, message: str) -> None:
        """A removal; removing a deprecated element is reported against its sunset."""
        if not element.get("deprecated"):
            self.add(kind, path, message, before=element.name)
            return
        sunset = element.get("annotations.sunset") or element.get("annotations.removed_in")
        spec = KINDS[kind]
        if self._before_sunset(sunset):
            self.add("deprecated.removed_early", path,
                     f"{message} before its declared sunset {sunset}", before=element.name,
                     consumer=spec.consumer, producer=spec.producer)
        else:
            when = f" (sunset {sunset})" if sunset else ""
            self.add("deprecated.removed", path, f"{message}; it was deprecated{when}",
                     before=element.name, consumer=spec.consumer, producer=spec.producer)

    def generic(self, path: str, old: Element, new: Element, modelled: frozenset[str]) -> None:
        """Deprecation, documentation-only changes and anything unmodelled (needs review)."""
        was, now = old.get("deprecated"), new.get("deprecated")
        if now and not was:
            self.add("deprecation.added", path, f"{path} deprecated: {now}", after=now)
        keys = sorted(set(old.props) | set(new.props))
        docs = [k for k in keys if k in props.DOCUMENTATION and old.get(k) != new.get(k)]
        if was and was != now:
            docs.append("deprecated")
        if docs:
            self.add("description.changed", path, f"documentation of {path} changed: "
                     f"{', '.join(docs)}",
                     before=json.dumps({k: old.get(k) for k in docs}, sort_keys=True),
                     after=json.dumps({k: new.get(k) for k in docs}, sort_keys=True))
        for key in keys:
            if key in props.BOOKKEEPING or key in props.DOCUMENTATION or key in modelled:
                continue
            if old.get(key) != new.get(key):
                self.add("needs_review", path,
                         f"{path}: {key} changed from {_show(old.get(key))} to "
                         f"{_show(new.get(key))}; not modelled by the diff, review it",
                         before=f"{key}={_show(old.get(key))}",
                         after=f"{key}={_show(new.get(key))}")

    def order(self, family: str, path: str, what: str, result: constraints.Order,
              before: str | None, after: str | None) -> None:
        if result is None:
            return
        kind = f"{family}.{result}"
        if kind not in KINDS:
            kind = "needs_review"
        self.add(kind, path, f"{path}: {what} {result} ({_show(before)} -> {_show(after)})",
                 before=f"{what}={_show(before)}", after=f"{what}={_show(after)}")

    def bounds(self, path: str, old: Element, new: Element) -> None:
        for key, lower in (("minimum_value", True), ("maximum_value", False)):
            self.order("bounds", path, key, constraints.compare_bound(
                old.get(key), new.get(key), lower=lower), old.get(key), new.get(key))
        self.order("pattern", path, "pattern",
                   constraints.compare_pattern(old.get("pattern"), new.get("pattern")),
                   old.get("pattern"), new.get("pattern"))

    # ------------------------------------------------------------------ renames

    @staticmethod
    def renames(removed: set[str], added: set[str], old: dict[str, Element],
                new: dict[str, Element], uri_key: str) -> list[tuple[str, str]]:
        """Pairs (old name, new name) tracked by aliases, renamed_from or an explicit URI."""
        pairs: list[tuple[str, str]] = []
        free = set(removed)
        for name in sorted(added):
            n = new[name]
            for candidate in sorted(free):
                o = old[candidate]
                uri = n.get(uri_key)
                if (candidate in n.words("annotations.renamed_from")
                        or candidate in n.words("aliases")
                        or (uri is not None and uri == o.get(uri_key))):
                    pairs.append((candidate, name))
                    free.discard(candidate)
                    break
        return pairs

    # ------------------------------------------------------------------ walk

    def run(self) -> list[Found]:
        self.generic("schema", self.old.meta, self.new.meta, frozenset({"version"}))
        self.types()
        self.enums()
        self.classes()
        return self.found

    def types(self) -> None:
        old, new = self.old.types, self.new.types
        for name in sorted(set(old) - set(new)):
            self.removed("type.removed", name, old[name], f"type {name} removed")
        for name in sorted(set(new) - set(old)):
            self.add("type.added", name, f"type {name} added", after=name)
        for name in sorted(set(old) & set(new)):
            self.bounds(name, old[name], new[name])
            self.generic(name, old[name], new[name], props.TYPE_MODELLED)

    def enums(self) -> None:
        old, new = self.old.enums, self.new.enums
        for name in sorted(set(old) - set(new)):
            self.removed("enum.removed", name, old[name].element, f"enum {name} removed")
        for name in sorted(set(new) - set(old)):
            self.add("enum.added", name, f"enum {name} added", after=name)
        for name in sorted(set(old) & set(new)):
            self.generic(name, old[name].element, new[name].element, props.ENUM_MODELLED)
            ov, nv = old[name].values, new[name].values
            for value in sorted(set(ov) - set(nv)):
                self.removed("enum.value_removed", f"{name}.{value}", ov[value],
                             f"value {value!r} removed from enum {name}")
            for value in sorted(set(nv) - set(ov)):
                self.add("enum.value_added", f"{name}.{value}",
                         f"value {value!r} added to enum {name}", after=value)
            for value in sorted(set(ov) & set(nv)):
                self.enum_value(f"{name}.{value}", ov[value], nv[value])

    def enum_value(self, path: str, old: Element, new: Element) -> None:
        was, now = old.get("meaning"), new.get("meaning")
        if was is not None and was != now:
            self.add("enum.meaning_changed", path,
                     f"{path}: meaning changed from {was} to {_show(now)}", before=was, after=now)
        elif was is None and now is not None:
            self.add("description.changed", path, f"{path}: meaning {now} declared", after=now)
        key = "annotations.transitions_to"
        if old.get(key) is not None or new.get(key) is not None:
            before, after = set(old.words(key)), set(new.words(key))
            if after - before:
                gained = " ".join(sorted(after - before))
                self.add("transitions.loosened", path,
                         f"{path}: transitions now allowed to {gained}", after=gained)
            if before - after:
                lost = " ".join(sorted(before - after))
                self.add("transitions.tightened", path,
                         f"{path}: transitions no longer allowed to {lost}", before=lost)
        self.generic(path, old, new, props.VALUE_MODELLED)

    def classes(self) -> None:
        old, new = self.old.classes, self.new.classes
        removed, added = set(old) - set(new), set(new) - set(old)
        pairs = self.renames(removed, added, {k: v.element for k, v in old.items()},
                             {k: v.element for k, v in new.items()}, "class_uri")
        for was, now in pairs:
            self.add("class.renamed", now, f"class {was} renamed to {now}", before=was, after=now)
            self.class_pair(old[was], new[now], now)
        renamed_old = {p[0] for p in pairs}
        renamed_new = {p[1] for p in pairs}
        for name in sorted(removed - renamed_old):
            self.removed("class.removed", name, old[name].element, f"class {name} removed")
        for name in sorted(added - renamed_new):
            self.add("class.added", name, f"class {name} added", after=name)
        for name in sorted(set(old) & set(new)):
            self.class_pair(old[name], new[name], name)

    @staticmethod
    def _identity(cls: ClassFacts) -> str:
        keys = sorted(n for n, s in cls.slots.items() if s.flag("identifier") or s.flag("key"))
        unique = cls.element.get("unique_keys")
        return ",".join(keys) + (f"; unique_keys={unique}" if unique else "")

    def class_pair(self, old: ClassFacts, new: ClassFacts, path: str) -> None:
        for change in class_rules.rule_changes(path, old.element, new.element):
            self.add(change[0], path, *change[1:])
        self.generic(path, old.element, new.element,
                     props.CLASS_MODELLED | class_rules.CLASS_KEYS)
        was, now = self._identity(old), self._identity(new)
        if was != now:
            self.add("identifier.changed", path,
                     f"{path}: identifier/key changed from {was or '(none)'} to {now or '(none)'}",
                     before=was, after=now)
        os_, ns = old.slots, new.slots
        removed, added = set(os_) - set(ns), set(ns) - set(os_)
        pairs = self.renames(removed, added, dict(os_), dict(ns), "slot_uri")
        for was_slot, now_slot in pairs:
            self.add("slot.renamed", f"{path}.{now_slot}",
                     f"slot {path}.{was_slot} renamed to {now_slot}", before=was_slot,
                     after=now_slot)
            self.slot_pair(f"{path}.{now_slot}", os_[was_slot], ns[now_slot],
                           old.ranges[was_slot], new.ranges[now_slot])
        for name in sorted(removed - {p[0] for p in pairs}):
            slot = os_[name]
            kind = "slot.removed.required" if slot.flag("required") else "slot.removed.optional"
            self.removed(kind, f"{path}.{name}", slot, f"slot {path}.{name} removed")
        for name in sorted(added - {p[1] for p in pairs}):
            slot = ns[name]
            if not slot.flag("required"):
                kind, what = "slot.added.optional", "optional"
            elif slot.get("ifabsent"):
                kind, what = "slot.added.required_default", "required (with default)"
            else:
                kind, what = "slot.added.required", "required"
            self.add(kind, f"{path}.{name}", f"{what} slot {path}.{name} added",
                     after=" | ".join(new.ranges[name]))
        for name in sorted(set(os_) & set(ns)):
            self.slot_pair(f"{path}.{name}", os_[name], ns[name], old.ranges[name],
                           new.ranges[name])

    def slot_pair(self, path: str, old: Element, new: Element,
                  old_ranges: tuple[str, ...], new_ranges: tuple[str, ...]) -> None:
        rel = relation(old_ranges, self.old, new_ranges, self.new)
        if rel != "equal":
            before, after = " | ".join(old_ranges), " | ".join(new_ranges)
            self.add(f"range.{rel}", path, f"{path}: range {before} -> {after} ({rel})",
                     before=before, after=after)
        if old.flag("required") and not new.flag("required"):
            self.add("required.relaxed", path, f"{path} is no longer required",
                     before="required", after="optional")
        elif new.flag("required") and not old.flag("required"):
            default = new.get("ifabsent")
            self.add("required.added", path, f"{path} is now required"
                     + (f" (default {default})" if default else ""),
                     before="optional", after="required",
                     producer=Verdict.COMPATIBLE if default else None)
        if old.flag("multivalued") != new.flag("multivalued"):
            shape = ("list", "single value")
            if not old.flag("multivalued"):
                shape = ("single value", "list")
            self.add("multivalued.changed", path, f"{path}: {shape[0]} -> {shape[1]}",
                     before=shape[0], after=shape[1])
        self.bounds(path, old, new)
        self.order("bounds", path, "non_negative", constraints.compare_flag(
            old.flag("annotations.non_negative"), new.flag("annotations.non_negative")),
            old.get("annotations.non_negative"), new.get("annotations.non_negative"))
        for key, lower in (("minimum_cardinality", True), ("maximum_cardinality", False)):
            self.order("length", path, key, constraints.compare_bound(
                old.get(key), new.get(key), lower=lower), old.get(key), new.get(key))
        self.order("length", path, "exact_cardinality", constraints.compare_exact(
            old.get("exact_cardinality"), new.get("exact_cardinality")),
            old.get("exact_cardinality"), new.get("exact_cardinality"))
        unit_was = (old.get("unit"), old.get("annotations.dimension"))
        unit_now = (new.get("unit"), new.get("annotations.dimension"))
        if unit_was != unit_now:
            before = f"unit={_show(unit_was[0])}; dimension={_show(unit_was[1])}"
            after = f"unit={_show(unit_now[0])}; dimension={_show(unit_now[1])}"
            self.add("unit.changed", path, f"{path}: unit changed ({before} -> {after})",
                     before=before, after=after)
        if old.get("ifabsent") != new.get("ifabsent"):
            self.add("default.changed", path, f"{path}: default {_show(old.get('ifabsent'))} -> "
                     f"{_show(new.get('ifabsent'))}", before=old.get("ifabsent"),
                     after=new.get("ifabsent"))
        for change in class_rules.inlined_change(path, old, new):
            self.add(change[0], path, *change[1:])
        self.generic(path, old, new, props.SLOT_MODELLED | class_rules.SLOT_KEYS)
