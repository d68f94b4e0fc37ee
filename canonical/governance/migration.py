"""Payload migrations between major schema versions: a registry of tested upgrade steps.

A minor or patch release never needs a migration (under the default ``backward`` mode new
readers read old data as is). When a major version changes a shape (a renamed field, a
split field, a changed unit), a *step* registered for that major upgrade rewrites a payload
of the old major into the new one::

    registry = MigrationRegistry()

    @registry.step("1.0.0", "2.0.0", entity="ProductionOrder", summary="priority -> urgency")
    def _priority_to_urgency(payload):
        payload["urgency"] = payload.pop("priority")
        return payload

``migrate(payload, "1.4.0", "3.0.0")`` chains the steps 1 -> 2 -> 3 and never changes its
input (it works on a deep copy). No path, or a downgrade, raises :class:`MigrationError`.
"""

from __future__ import annotations

import copy
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from canonical.changes.semver import SemVer
from canonical.errors import MigrationError

Payload = dict[str, object]
StepFunction = Callable[[Payload], Payload]

#: modules that register the project's own migration steps (imported on first use)
BUILTIN_MODULES: tuple[str, ...] = ("canonical.governance.migrations",)


@dataclass(frozen=True, slots=True)
class Step:
    """One upgrade from a major version to the next."""

    from_version: str
    to_version: str
    function: StepFunction
    entity: str | None = None  # None: applies to payloads of every entity
    summary: str = ""

    @property
    def from_major(self) -> int:
        return SemVer.parse(self.from_version).major

    @property
    def to_major(self) -> int:
        return SemVer.parse(self.to_version).major


@dataclass
class MigrationRegistry:
    """Registered steps, keyed by the major version they upgrade from."""

    steps: list[Step] = field(default_factory=list)

    def step(self, from_version: str, to_version: str, *, entity: str | None = None,
             summary: str = "") -> Callable[[StepFunction], StepFunction]:
        """Decorator registering ``function`` as the upgrade ``from_version -> to_version``."""
        a, b = SemVer.parse(from_version), SemVer.parse(to_version)
        if b.major != a.major + 1:
            raise ValueError(f"a migration step upgrades one major version: {a} -> {b}")

        def register(function: StepFunction) -> StepFunction:
            self.steps.append(Step(str(a), str(b), function, entity, summary))
            return function

        return register

    def path(self, from_version: str, to_version: str, entity: str | None = None) -> list[Step]:
        """The steps that lead from one version to another (empty within a major)."""
        a, b = _parse(from_version, from_version, to_version), _parse(to_version, from_version,
                                                                      to_version)
        if b < a:
            raise MigrationError("downgrades are not supported", from_version=from_version,
                                 to_version=to_version)
        chosen: list[Step] = []
        for major in range(a.major, b.major):
            found = [s for s in self.steps if s.from_major == major
                     and (s.entity is None or entity is None or s.entity == entity)]
            if not found:
                raise MigrationError(
                    f"no migration registered from major version {major} to {major + 1}",
                    from_version=from_version, to_version=to_version)
            chosen.extend(found)
        return chosen

    def migrate(self, payload: Payload, from_version: str, to_version: str, *,
                entity: str | None = None) -> Payload:
        """Upgrade a copy of ``payload`` from ``from_version`` to ``to_version``."""
        result = copy.deepcopy(payload)
        for step in self.path(from_version, to_version, entity):
            try:
                result = step.function(result)
            except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
                raise MigrationError(
                    f"step {step.from_version} -> {step.to_version} "
                    f"({step.summary or step.function.__name__}) failed: {exc!r}",
                    from_version=from_version, to_version=to_version) from None
        return result


def _parse(text: str, from_version: str, to_version: str) -> SemVer:
    try:
        return SemVer.parse(text)
    except ValueError as exc:
        raise MigrationError(str(exc), from_version=from_version, to_version=to_version) from None


REGISTRY = MigrationRegistry()
_loaded = False


def builtin_registry() -> MigrationRegistry:
    """The registry with the project's own steps loaded."""
    global _loaded
    if not _loaded:
        for name in BUILTIN_MODULES:
            importlib.import_module(name)
        _loaded = True
    return REGISTRY


def migrate(payload: Payload, from_version: str, to_version: str, *,
            entity: str | None = None, registry: MigrationRegistry | None = None) -> Payload:
    """Upgrade a payload between schema versions with the registered steps."""
    return (registry or builtin_registry()).migrate(payload, from_version, to_version,
                                                    entity=entity)
