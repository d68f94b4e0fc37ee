"""Raw changes (:class:`Found`) and the comparisons every element shares.

:class:`Recorder` holds what a walk over two schemas has found so far and the comparisons
that do not depend on the element's kind: deprecation and removal against a sunset,
documentation changes, properties with a documented policy (:data:`.props.POLICY`) and
anything unmodelled (``needs_review``), ordered constraints (patterns, bounds) and renames.
While a class's induced slots are compared, :attr:`Recorder.scope` names the class and the
slot, so :mod:`.placement` can report a change once where it is defined.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from canonical.changes.model import Verdict
from canonical.changes.semver import SemVer
from canonical.governance import constraints, props
from canonical.governance.facts import Element, SchemaFacts
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
    scope: tuple[str, str] | None = None  # (class, slot) while walking a class's induced slots
    affects: tuple[str, ...] = ()


def show(value: str | None) -> str:
    return "(none)" if value is None else value


def _parents(element: Element) -> tuple[str, ...]:
    """Direct parents: ``is_a`` (one name, which may contain spaces) and the ``mixins`` list."""
    is_a = element.get("is_a")
    return (*([is_a] if is_a else []), *element.words("mixins"))


@dataclass
class Recorder:
    old: SchemaFacts
    new: SchemaFacts
    today: date
    found: list[Found] = field(default_factory=list)
    scope: tuple[str, str] | None = None

    def add(self, kind: str, path: str, message: str, before: str | None = None,
            after: str | None = None, *, consumer: Verdict | None = None,
            producer: Verdict | None = None) -> None:
        self.found.append(Found(kind, path, message, before, after, consumer, producer,
                                self.scope))

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
        """Deprecation, documentation, properties with a policy and anything unmodelled."""
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
        recased = props.recased_annotations(old.props, new.props)
        for before, after in recased:
            self.add("metadata.changed", path, f"{path}: annotation key {before} renamed to "
                     f"{after} (same value; only the case changed)", before=before, after=after)
        skip = {k for pair in recased for k in pair}
        closed = old.flag("id_prefixes_are_closed") or new.flag("id_prefixes_are_closed")
        for key in keys:
            if (key in props.BOOKKEEPING or key in props.DOCUMENTATION or key in modelled
                    or key in skip or old.get(key) == new.get(key)):
                continue
            kind = props.policy(key, closed=closed)
            note = "; not modelled by the diff, review it" if kind == "needs_review" else ""
            self.add(kind, path, f"{path}: {key} changed from {show(old.get(key))} to "
                     f"{show(new.get(key))}{note}",
                     before=f"{key}={show(old.get(key))}", after=f"{key}={show(new.get(key))}")

    def order(self, family: str, path: str, what: str, result: constraints.Order,
              before: str | None, after: str | None) -> None:
        if result is None:
            return
        kind = f"{family}.{result}"
        if kind not in KINDS:
            kind = "needs_review"
        self.add(kind, path, f"{path}: {what} {result} ({show(before)} -> {show(after)})",
                 before=f"{what}={show(before)}", after=f"{what}={show(after)}")

    def bounds(self, path: str, old: Element, new: Element) -> None:
        for key, lower in (("minimum_value", True), ("maximum_value", False)):
            self.order("bounds", path, key, constraints.compare_bound(
                old.get(key), new.get(key), lower=lower), old.get(key), new.get(key))
        self.order("pattern", path, "pattern",
                   constraints.compare_pattern(old.get("pattern"), new.get("pattern")),
                   old.get("pattern"), new.get("pattern"))

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

    def ancestors(self, path: str, old: Element, new: Element,
                  renamed: dict[str, str] | None = None) -> None:
        """``is_a``/``mixins`` of a class or slot: gained or lost direct parents.

        A parent that was renamed (``renamed``: old name -> new name) is the same parent.
        """
        names = renamed or {}
        was = {names.get(p, p) for p in _parents(old)}
        now = set(_parents(new))
        for parent in sorted(was - now):
            self.add("ancestor.removed", path, f"{path} no longer inherits from {parent}",
                     before=parent)
        for parent in sorted(now - was):
            self.add("ancestor.added", path, f"{path} now inherits from {parent}", after=parent)
