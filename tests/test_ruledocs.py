"""Rule pages: the data beside the rule declarations, completeness, and every example run.

A failing example must report its rule; a passing one must exit 0 without it. Rules released
in 1.0.0 must have a complete page; ``tests/fixtures/rule-pages-backlog.txt`` names the
released rules still being written (it may only shrink). Rules added since 1.0.0 are listed
(``canon rule --missing``) but do not fail: their authors write them up.
"""

from __future__ import annotations

import contextlib
import io
import shlex
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.cli import cli
from canonical.docs.site import all_rules
from canonical.errors import CanonicalError
from canonical.ruledocs import Example, RuleDoc, RuleDocError, documented, parse, rule_doc

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def _ids(name: str) -> list[str]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


RELEASED = _ids("rules-1.0.0.txt")
BACKLOG = _ids("rule-pages-backlog.txt")
EXAMPLES = [(rid, kind) for rid, doc in sorted(documented().items())
            for kind in ("failing", "passing") if getattr(doc, kind) is not None]


def test_documented_ids_are_declared_rules() -> None:
    assert sorted(set(documented()) - set(all_rules())) == []


def test_guides_named_by_rule_pages_exist() -> None:
    missing = {rid: doc.guide for rid, doc in documented().items()
               if doc.guide and not (ROOT / "docs" / doc.guide.split("#")[0]).is_file()}
    assert missing == {}


def test_released_rules_have_complete_pages() -> None:
    incomplete = [rid for rid in RELEASED if rid in all_rules() and rule_doc(rid).missing()]
    unexpected = sorted(set(incomplete) - set(BACKLOG))
    assert unexpected == [], f"released rules with incomplete pages: {unexpected}"
    new = sorted(rid for rid in all_rules() if rid not in RELEASED and rule_doc(rid).missing())
    if new:  # visible in the test summary; their authors write them up
        warnings.warn(f"rules added since 1.0.0 without a complete page: {new}", stacklevel=1)


def test_backlog_only_names_incomplete_released_rules() -> None:
    done = [rid for rid in BACKLOG if not rule_doc(rid).missing()]
    assert done == [], f"complete now; remove from rule-pages-backlog.txt: {done}"
    assert sorted(set(BACKLOG) - set(RELEASED)) == []


def test_a_rule_without_page_fields_is_accepted() -> None:
    docs = parse({"rules": {"NEW-001": {"why": "Because."}}}, "x.yaml")
    assert docs["NEW-001"].missing() == ("failing", "passing", "fix", "guide")
    assert rule_doc("NOPE-999") == RuleDoc("NOPE-999")


@pytest.mark.parametrize("data", [
    {"rules": {"X-001": {"cause": "typo"}}},
    {"rules": {"X-001": {"failing": {"command": "rm -rf /"}}}},
    {"rules": {"X-001": {"why": ""}}},
    {"other": {}},
    {"rules": {"X-001": {"failing": {"command": "canon demo", "python": "print(1)"}}}},
    {"rules": {"X-001": {"failing": {"files": {"a.txt": "A"}}}}},
])
def test_malformed_rule_docs_are_refused(data: object) -> None:
    with pytest.raises(RuleDocError):
        parse(data, "x.yaml")


def test_defaults_are_merged_into_examples() -> None:
    docs = parse({"defaults": {"files": {"a.txt": "A"}},
                  "rules": {"X-001": {"passing": {"command": "canon demo", "files": {"b": "B"}}}}},
                 "x.yaml")
    assert docs["X-001"].passing == Example("canon demo", {"a.txt": "A", "b": "B"})


def test_a_python_example_is_parsed_and_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = parse({"rules": {"X-001": {"failing": {
        "python": "from canonical.errors import UnitError\nprint(open('a.txt').read())\n"
                  "raise UnitError('bad', rule_id='UOM-010')", "files": {"a.txt": "A"}}}}}, "x.yaml")
    example = docs["X-001"].failing
    assert example == Example(None, {"a.txt": "A"}, example.python if example else None)
    assert example is not None and run_example(example, tmp_path, monkeypatch) == (
        1, "A\nerror: [UOM-010] bad\n")


def run_example(example: Example, folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    for name, text in example.files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    monkeypatch.chdir(folder)
    if example.python is not None:
        return _run_python(example.python)
    assert example.command is not None
    result = CliRunner().invoke(cli, shlex.split(example.command)[1:])
    return result.exit_code, result.output


def _run_python(code: str) -> tuple[int, str]:
    """Run a snippet as a script: its printed output and exit code (``sys.exit``), exit 1 with
    the rule id when it raises a :class:`CanonicalError` (any other exception fails the test)."""
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, "<rule page example>", "exec"), {"__name__": "__main__"})
    except CanonicalError as exc:
        return 1, f"{out.getvalue()}error: {exc}\n"
    except SystemExit as exc:  # sys.exit(1) when a check's report has errors, as the CLI does
        return int(exc.code or 0), out.getvalue()
    return 0, out.getvalue()


@pytest.mark.parametrize(("rule_id", "kind"), EXAMPLES, ids=[f"{r}-{k}" for r, k in EXAMPLES])
def test_rule_page_example(rule_id: str, kind: str, tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    example = getattr(rule_doc(rule_id), kind)
    code, output = run_example(example, tmp_path, monkeypatch)
    if kind == "failing":
        assert rule_id in output, output
        assert code != 0 or all_rules()[rule_id].severity.value != "error", output
    else:
        assert rule_id not in output, output
        assert code == 0, output
