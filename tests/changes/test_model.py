"""The shared change-report model: fingerprints, bumps, modes, failing."""

from __future__ import annotations

from canonical.changes import Bump, Change, Changelog, FailOn, Mode, Verdict, fingerprint
from canonical.changes.semver import SemVer


def test_fingerprint_depends_on_what_changed_not_on_wording() -> None:
    a = Change("slot.removed", "A.x", "removed", before="x")
    b = Change("slot.removed", "A.x", "gone, other wording", bump=Bump.MAJOR, before="x")
    assert a.id == b.id == fingerprint("slot.removed", "A.x", "x", None)
    assert a.id != Change("slot.removed", "A.y", "removed", before="x").id
    assert len(a.id) == 12 and int(a.id, 16) >= 0


def test_mode_picks_the_side_that_counts() -> None:
    c, p = Verdict.BREAKING, Verdict.COMPATIBLE
    assert not Mode.BACKWARD.breaking(c, p)
    assert Mode.FORWARD.breaking(c, p)
    assert Mode.FULL.breaking(c, p)
    assert Mode.BACKWARD.breaking(Verdict.COMPATIBLE, Verdict.REVIEW)


def test_bump_order_and_highest() -> None:
    assert Bump.MAJOR > Bump.MINOR > Bump.PATCH > Bump.NONE
    assert Bump.highest([Bump.PATCH, Bump.MINOR]) is Bump.MINOR
    assert Bump.highest([]) is Bump.NONE
    assert Changelog("schema").bump is Bump.NONE


def test_failing_levels() -> None:
    log = Changelog("schema", (
        Change("slot.removed", "A.x", "m", breaking=True, bump=Bump.MAJOR),
        Change("description.changed", "A", "m"),
    ))
    assert len(log.failing(FailOn.BREAKING)) == 1
    assert len(log.failing(FailOn.ANY)) == 2
    assert log.failing(FailOn.NONE) == ()
    assert log.bump is Bump.MAJOR


def test_semver() -> None:
    v = SemVer.parse("1.2.3")
    assert str(v.bumped(Bump.MAJOR)) == "2.0.0"
    assert str(v.bumped(Bump.MINOR)) == "1.3.0"
    assert str(v.bumped(Bump.PATCH)) == "1.2.4"
    assert v.bump_to(SemVer.parse("1.10.0")) is Bump.MINOR
    assert v.bump_to(SemVer.parse("1.2.3")) is Bump.NONE
    assert SemVer.parse("1.10.0") > SemVer.parse("1.9.9")
    assert not SemVer.is_valid("1.0")


def test_affects_is_optional_in_json_and_drives_the_per_class_view() -> None:
    shared = Change("pattern.loosened", "lot_code", "lot_code: pattern loosened",
                    affects=("Charge", "Wareneingang"))
    own = Change("slot.added.optional", "Charge.menge", "optional slot Charge.menge added")
    assert "affects" not in own.to_dict()
    assert shared.to_dict()["affects"] == ["Charge", "Wareneingang"]
    assert shared.id == Change("pattern.loosened", "lot_code", "other words").id
    view = Changelog("schema", (shared, own)).by_class()
    assert view == {"Charge": (shared, own), "Wareneingang": (shared,)}
