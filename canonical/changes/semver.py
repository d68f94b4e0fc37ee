"""Semantic versions ``MAJOR.MINOR.PATCH``: parse, compare, bump."""

from __future__ import annotations

import re
from dataclasses import dataclass

from canonical.changes.model import Bump

_SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


@dataclass(frozen=True, slots=True, order=True)
class SemVer:
    major: int
    minor: int
    patch: int

    @classmethod
    def parse(cls, text: str) -> SemVer:
        """Parse ``"1.2.3"``; raises ``ValueError`` for anything else."""
        match = _SEMVER.match(text.strip())
        if match is None:
            raise ValueError(f"not a semantic version MAJOR.MINOR.PATCH: {text!r}")
        return cls(int(match[1]), int(match[2]), int(match[3]))

    @classmethod
    def is_valid(cls, text: str) -> bool:
        return _SEMVER.match(text.strip()) is not None

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"

    def bumped(self, bump: Bump) -> SemVer:
        """The next version for a bump (``none`` returns this version)."""
        if bump is Bump.MAJOR:
            return SemVer(self.major + 1, 0, 0)
        if bump is Bump.MINOR:
            return SemVer(self.major, self.minor + 1, 0)
        if bump is Bump.PATCH:
            return SemVer(self.major, self.minor, self.patch + 1)
        return self

    def bump_to(self, other: SemVer) -> Bump:
        """Which bump leads from this version to ``other`` (``none`` if not higher)."""
        if other <= self:
            return Bump.NONE
        if other.major > self.major:
            return Bump.MAJOR
        if other.minor > self.minor:
            return Bump.MINOR
        return Bump.PATCH


def newest_at_most(versions: list[str], version: SemVer | None) -> str | None:
    """The newest of ``versions`` (sorted oldest first) at or below ``version`` (any when
    ``None``): the release a new version is checked against."""
    eligible = [v for v in versions if version is None or SemVer.parse(v) <= version]
    return eligible[-1] if eligible else None
