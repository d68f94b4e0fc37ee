"""Compare two flattened schemas element by element and collect raw findings of change.

:class:`Collector` walks the schema's own properties and prefixes, types, enums (and their
values), top-level slots, classes and their induced slots and records a
:class:`~canonical.governance.found.Found` per change; :mod:`.placement` then folds the
copies an inherited change leaves on every class. It knows nothing about compatibility
modes: the verdicts come from the change kind (:data:`canonical.governance.rules.KINDS`),
except where the underlying element decides them (removal of a deprecated element keeps
the verdicts of the removal; a new ``required`` slot with an ``ifabsent`` default does not
break producers).
"""

from __future__ import annotations

from dataclasses import dataclass

from canonical.changes.model import Verdict
from canonical.governance import class_rules, constraints, expressions, props
from canonical.governance.designators import designator_value
from canonical.governance.facts import ClassFacts, Element
from canonical.governance.found import Found, Recorder, show
from canonical.governance.placement import place
from canonical.governance.ranges import relation


@dataclass
class Collector(Recorder):
    def run(self) -> list[Found]:
        self.generic("schema", self.old.meta, self.new.meta, frozenset({"version"}))
        self.prefixes()
        self.types()
        self.enums()
        self.slots()
        self.classes()
        return place(self.found, self.old, self.new)

    def prefixes(self) -> None:
        old, new = self.old.prefixes, self.new.prefixes
        removed, added = set(old) - set(new), set(new) - set(old)
        by_iri = {new[p]: p for p in sorted(added)}
        for name in sorted(removed):
            renamed = by_iri.pop(old[name], None)
            if renamed is not None:
                added.discard(renamed)
                self.add("prefix.renamed", f"prefixes.{renamed}",
                         f"prefix {name} renamed to {renamed} ({old[name]})",
                         before=name, after=renamed)
            else:
                self.add("prefix.removed", f"prefixes.{name}",
                         f"prefix {name} ({old[name]}) removed", before=old[name])
        for name in sorted(added):
            self.add("prefix.added", f"prefixes.{name}", f"prefix {name} ({new[name]}) added",
                     after=new[name])
        for name in sorted(set(old) & set(new)):
            if old[name] != new[name]:
                self.add("prefix.changed", f"prefixes.{name}",
                         f"prefix {name} now expands to {new[name]} (was {old[name]})",
                         before=old[name], after=new[name])

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
                     f"{path}: meaning changed from {was} to {show(now)}", before=was, after=now)
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
        renamed = dict(pairs)
        for was, now in pairs:
            if not self.designator(now, was, now):
                self.add("class.renamed", now, f"class {was} renamed to {now}", before=was,
                         after=now)
            self.class_pair(old[was], new[now], now, renamed)
        renamed_old = {p[0] for p in pairs}
        renamed_new = {p[1] for p in pairs}
        for name in sorted(removed - renamed_old):
            self.removed("class.removed", name, old[name].element, f"class {name} removed")
        for name in sorted(added - renamed_new):
            self.add("class.added", name, f"class {name} added", after=name)
        for name in sorted(set(old) & set(new)):
            # a class_uri change that changes the type designator is reported as that, once
            shown = frozenset({"class_uri"}) if self.designator(name, name, name) else frozenset()
            self.class_pair(old[name], new[name], name, renamed, shown)

    def slots(self) -> None:
        """Top-level slot definitions, used by a class or not (vocabularies, predicates)."""
        old, new = self.old.slots, self.new.slots
        removed, added = set(old) - set(new), set(new) - set(old)
        pairs = self.renames(removed, added, dict(old), dict(new), "slot_uri")
        for was, now in pairs:
            self.scope = ("", now)
            self.add("slot.renamed", now, f"slot {was} renamed to {now}", before=was, after=now)
            self.slot_pair(now, old[was], new[now], self.old.slot_ranges[was],
                           self.new.slot_ranges[now])
        self.scope = None
        for name in sorted(removed - {p[0] for p in pairs}):
            if not self.old.slot_users.get(name):
                self.removed("slot.removed.unused", name, old[name],
                             f"slot {name} removed (no class used it)")
        for name in sorted(added - {p[1] for p in pairs}):
            if not self.new.slot_users.get(name):
                self.add("slot.added.unused", name, f"slot {name} added (no class uses it)",
                         after=" | ".join(self.new.slot_ranges[name]))
        for name in sorted(set(old) & set(new)):
            self.scope = ("", name)
            self.ancestors(name, old[name], new[name])
            self.slot_pair(name, old[name], new[name], self.old.slot_ranges[name],
                           self.new.slot_ranges[name])
        self.scope = None

    def designator(self, path: str, was: str, now: str) -> bool:
        """Report a changed type-designator value of class ``was`` (now ``now``)."""
        before, after = designator_value(self.old, was), designator_value(self.new, now)
        if before is None or after is None or before[1] == after[1]:
            return False
        self.add("type_designator.changed", path,
                 f"{path}: its type designator {after[0]} changes from {before[1]!r} to "
                 f"{after[1]!r} in every payload", before=before[1], after=after[1])
        return True

    @staticmethod
    def _identity(cls: ClassFacts) -> str:
        keys = sorted(n for n, s in cls.slots.items() if s.flag("identifier") or s.flag("key"))
        unique = cls.element.get("unique_keys")
        return ",".join(keys) + (f"; unique_keys={unique}" if unique else "")

    def class_pair(self, old: ClassFacts, new: ClassFacts, path: str,
                   renamed: dict[str, str], shown: frozenset[str] = frozenset()) -> None:
        for kind, message, before, after, producer in class_rules.rule_changes(
                path, old, new, self.old, self.new):
            self.add(kind, path, message, before, after, producer=producer)
        self.generic(path, old.element, new.element,
                     props.CLASS_MODELLED | class_rules.CLASS_KEYS | shown)
        self.ancestors(path, old.element, new.element, renamed)
        was, now = self._identity(old), self._identity(new)
        if was != now:
            self.scope = (path, "")  # an inherited identifier is reported on the topmost class
            self.add("identifier.changed", path,
                     f"{path}: identifier/key changed from {was or '(none)'} to {now or '(none)'}",
                     before=was, after=now)
            self.scope = None
        os_, ns = old.slots, new.slots
        removed, added = set(os_) - set(ns), set(ns) - set(os_)
        pairs = self.renames(removed, added, dict(os_), dict(ns), "slot_uri")
        for was_slot, now_slot in pairs:
            self.scope = (path, now_slot)
            self.add("slot.renamed", f"{path}.{now_slot}",
                     f"slot {path}.{was_slot} renamed to {now_slot}", before=was_slot,
                     after=now_slot)
            self.slot_pair(f"{path}.{now_slot}", os_[was_slot], ns[now_slot],
                           old.ranges[was_slot], new.ranges[now_slot])
        for name in sorted(removed - {p[0] for p in pairs}):
            self.scope = (path, name)
            slot = os_[name]
            kind = "slot.removed.required" if slot.flag("required") else "slot.removed.optional"
            self.removed(kind, f"{path}.{name}", slot, f"slot {path}.{name} removed")
        for name in sorted(added - {p[1] for p in pairs}):
            self.scope = (path, name)
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
            self.scope = (path, name)
            self.slot_pair(f"{path}.{name}", os_[name], ns[name], old.ranges[name],
                           new.ranges[name])
        self.scope = None

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
        for member in expressions.compare(old, new):
            self.order(member.family, path, member.what, member.order, member.before,
                       member.after)
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
            before = f"unit={show(unit_was[0])}; dimension={show(unit_was[1])}"
            after = f"unit={show(unit_now[0])}; dimension={show(unit_now[1])}"
            self.add("unit.changed", path, f"{path}: unit changed ({before} -> {after})",
                     before=before, after=after)
        if old.get("ifabsent") != new.get("ifabsent"):
            self.add("default.changed", path, f"{path}: default {show(old.get('ifabsent'))} -> "
                     f"{show(new.get('ifabsent'))}", before=old.get("ifabsent"),
                     after=new.get("ifabsent"))
        self.generic(path, old, new, props.SLOT_MODELLED)
