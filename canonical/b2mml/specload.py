"""Reading B2MML specs: the standard mapping of a version and family, and a plant's override.

The standard spec is package data (``canonical/b2mml/specs/<version>/<family>.yaml``). A plant
overrides or extends it without Python in ``mappings/<PLANT>/b2mml/<version>/<family>.yaml``:
the override is merged over the standard key by key (a record kind's ``fields`` field by field;
a field set to ``null`` is no longer mapped), so a plant writes only what differs. Every
problem is a finding with the file and line it comes from (B2M-400..405); a spec with errors
is not used.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from stat import S_ISREG

from canonical.b2mml import rules
from canonical.b2mml.specbuild import Builder, Source
from canonical.b2mml.specmodel import B2mmlSpec
from canonical.errors import InputError
from canonical.report import Finding, Severity
from canonical.resources import package_file

#: A plant's override folder (beside its tables).
PLANT_FOLDER = "b2mml"
VERSIONS = ("V0401", "V0600", "v7")
#: What a stat of a missing override raises (as ``Path.is_file`` treats them: no file).
_NO_FILE = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


@dataclass(frozen=True, slots=True)
class Loaded:
    """A spec (``None`` when it has errors) and its findings."""

    spec: B2mmlSpec | None
    findings: tuple[Finding, ...] = field(default_factory=tuple)


def standard_path(version: str, family: str) -> Path:
    return Path(str(package_file("b2mml", "specs", version, f"{family}.yaml")))


@cache
def families(version: str) -> tuple[str, ...]:
    """The families of ``version`` that have a standard spec (package data: listed once)."""
    folder = Path(str(package_file("b2mml", "specs", version)))
    return tuple(sorted(p.stem for p in folder.glob("*.yaml"))) if folder.is_dir() else ()


def _read(path: Path, label: str) -> tuple[Source | None, Finding | None]:
    from canonical.files.yamlsafe import read_yaml

    try:
        tree = read_yaml(path, source=label)
    except InputError as exc:
        return None, rules.SPEC_UNREADABLE.finding(exc.reason).located(file=label, line=exc.line)
    if not isinstance(tree.data, dict):
        return None, rules.SPEC_UNREADABLE.finding(
            "a B2MML spec is a YAML mapping (b2mml_spec, version, family, records)",
        ).located(file=label, line=1)
    return Source(label, tree), None


def _label(folder: Path, path: Path) -> str:
    if folder.parent.name == "mappings":
        return f"mappings/{folder.name}/{path.relative_to(folder).as_posix()}"
    return str(path)


def override_files(folder: Path) -> list[Path]:
    """Every spec file in a plant's ``b2mml/`` folder."""
    specs = folder / PLANT_FOLDER
    return sorted(specs.rglob("*.yaml")) if specs.is_dir() else []


@cache
def standard(version: str, family: str) -> Loaded:
    """The shipped spec of ``version`` and ``family`` (cached: package data does not change)."""
    return _load(version, family, None)


def load(version: str, family: str, folder: Path | None) -> Loaded:
    """The spec of ``version``/``family``: the standard one with ``folder``'s override (read
    again only when the override file changed)."""
    if folder is None:
        return standard(version, family)
    override = folder / PLANT_FOLDER / version / f"{family}.yaml"
    try:  # one stat: whether the override is a file, and its identity
        stat = override.stat()
    except OSError as exc:
        if exc.errno in _NO_FILE:
            return standard(version, family)
        raise
    if not S_ISREG(stat.st_mode):
        return standard(version, family)
    return _merged(version, family, override, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _merged(version: str, family: str, override: Path, mtime: int, size: int) -> Loaded:
    return _load(version, family, override)


def _load(version: str, family: str, override: Path | None) -> Loaded:
    path = standard_path(version, family)
    base, problem = _read(path, f"canonical/b2mml/specs/{version}/{family}.yaml")
    if base is None:
        return Loaded(None, (problem,) if problem else ())
    sources = [base]
    if override is not None:
        extra, problem = _read(override, _label(override.parents[2], override))
        if extra is None:
            return Loaded(None, (problem,) if problem else ())
        sources.append(extra)
    builder = Builder(sources, version, family)
    spec = builder.build()
    errors = any(f.severity is Severity.ERROR for f in builder.findings)
    return Loaded(None if errors else spec, tuple(builder.findings))


def check_plant(folder: Path) -> list[Finding]:
    """Findings of every B2MML override of a plant folder (``canon mappings check``)."""
    findings: list[Finding] = []
    for path in override_files(folder):
        relative = path.relative_to(folder / PLANT_FOLDER).parts
        label = _label(folder, path)
        if len(relative) != 2 or relative[0] not in VERSIONS \
                or path.stem not in families(relative[0]):
            known = ", ".join(f"{v}/{f}.yaml" for v in VERSIONS for f in families(v))
            findings.append(rules.SPEC_OVERRIDE.finding(
                f"{'/'.join(relative)} overrides no standard B2MML spec; a plant overrides "
                f"one of: {known}").located(file=label, line=1))
            continue
        findings.extend(f for f in load(relative[0], path.stem, folder).findings
                        if f.file == label)
    return findings
