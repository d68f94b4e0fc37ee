"""The site builds strictly (no warning) and renders in a real browser, search included.

One strict build per test session (about 5 s) feeds every test of this file. The browser test
uses Debian's Chromium; when it is missing the test fails and says how to install it
(``scripts/ensure-chromium.sh``, which ``make test`` runs first). It never skips.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from .browser import CHROMIUM, Browser

ROOT = Path(__file__).resolve().parents[2]
CANON = Path(sys.executable).with_name("canon")


def canon(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    fallback = [sys.executable, "-c", "from canonical.cli import main; main()"]
    command = [str(CANON)] if CANON.exists() else fallback
    return subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, check=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    site = tmp_path_factory.mktemp("site")
    result = canon("docs", "build", "--site-dir", str(site))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    return site, output


def test_strict_build_has_no_warning(built: tuple[Path, str]) -> None:
    site, output = built
    assert "WARNING" not in output
    assert "site built in" in output
    for page in ("index.html", "reference/entities/ProductionOrder/index.html",
                 "reference/enums/OrderStatus/index.html", "reference/rules/index.html",
                 "reference/rules/map-0xx/index.html",
                 "reference/plants/DE01/index.html", "reference/cli/index.html",
                 "changelog/index.html", "api/units/index.html", "search/search_index.json"):
        assert (site / page).is_file(), page


def test_steward_guide_shows_the_diff_rendered_by_this_build(built: tuple[Path, str]) -> None:
    """The console sessions of the guide ran during the build (canonical.cli.docs_sessions)."""
    site, _ = built
    page = (site / "guides" / "steward-workflow" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", page)
    assert "canon-session" not in page
    for kind in ("row_added units/SAP_S4/CRT", "row_changed units/SAP_S4/CF",
                 "row_removed units/SAP_S4/FUS", "[MAP-367]"):
        assert kind in text, kind


def test_site_is_offline(built: tuple[Path, str]) -> None:
    """No page loads a script, stylesheet or font from another host (no CDN, no web fonts)."""
    import re

    site, _ = built
    remote = re.compile(r'<(?:script|link)[^>]+(?:src|href)="(?:https?:)?//', re.IGNORECASE)
    offenders = [str(p.relative_to(site)) for p in site.rglob("*.html")
                 if remote.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


@pytest.mark.parametrize("link", ["no-such-page.md", "reference/mapping-tables.md#no-such-section"])
def test_broken_link_fails_the_build(tmp_path: Path, link: str) -> None:
    """A link to a missing page or to a missing section of a page (validation.anchors)."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copy(ROOT / "CHANGELOG.md", project / "CHANGELOG.md")
    (project / "canonical" / "cli").mkdir(parents=True)
    shutil.copy(ROOT / "canonical" / "cli" / "docs_hook.py", project / "canonical" / "cli")
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + f"\n[gone]({link})\n",
                     encoding="utf-8")
    result = canon("docs", "build", "--site-dir", str(tmp_path / "site"), cwd=project)
    assert result.returncode == 1
    assert link.rpartition("#")[2] in result.stderr


def test_b2mml_reference_links_to_the_governance_of_its_files(built: tuple[Path, str]) -> None:
    """Overrides and b2mml.yaml are governed: the B2MML page says so and links to the section
    of the mapping-tables page that classifies their changes (which exists)."""
    site, _ = built
    page = (site / "reference" / "b2mml" / "index.html").read_text(encoding="utf-8")
    assert 'href="../mapping-tables/#b2mml-files-in-the-diff"' in page
    target = (site / "reference" / "mapping-tables" / "index.html").read_text(encoding="utf-8")
    assert 'id="b2mml-files-in-the-diff"' in target


def test_missing_config_is_a_usage_error(tmp_path: Path) -> None:
    result = canon("docs", "build", "--config-file", str(tmp_path / "nope.yml"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(built: tuple[Path, str]) -> Iterator[str]:
    site, _ = built
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-chromium.sh (as root) to install "
                    "Debian's chromium for the docs smoke test", pytrace=False)
    with Browser() as driver:
        yield driver


def test_home_page_renders(served: str, browser: Browser) -> None:
    browser.open(served + "/")
    assert browser.evaluate("document.title").startswith("mfg-canonical")
    tabs = browser.evaluate("[...document.querySelectorAll('.md-tabs__link')]"
                            ".map(a => a.textContent.trim())")
    assert {"Guides", "Model", "CLI", "Python API"} <= set(tabs)
    # the palette toggle and the search box are there (material's JavaScript ran)
    assert browser.evaluate("document.querySelectorAll('[data-md-component=palette] input')"
                            ".length") == 2
    assert browser.evaluate("document.body.getAttribute('data-md-color-scheme')") in {
        "default", "slate"}


def test_entity_page_renders(served: str, browser: Browser) -> None:
    from canonical.models import ProductionOrder

    browser.open(served + "/reference/entities/ProductionOrder/")
    assert browser.evaluate("document.querySelector('article h1').firstChild.textContent.trim()") \
        == "ProductionOrder"
    first_column = browser.evaluate(
        "[...document.querySelector('article table').tBodies[0].rows]"
        ".map(r => r.cells[0].textContent.trim())")
    assert first_column == list(ProductionOrder.model_fields)
    width = browser.evaluate("document.querySelector('svg.canon-diagram')"
                             ".getBoundingClientRect().width")
    assert width > 100  # the relationship diagram is drawn, not an empty box


def test_search_finds_the_entity(served: str, browser: Browser) -> None:
    browser.open(served + "/?q=ProductionOrder")
    browser.wait_for("document.querySelectorAll('.md-search-result__item').length > 0",
                     timeout=30)
    hrefs = browser.evaluate("[...document.querySelectorAll('.md-search-result__item a')]"
                             ".map(a => new URL(a.href).pathname)")
    assert hrefs[0] == "/reference/entities/ProductionOrder/"


# --- i18: rule pages, search for rule ids and unit names, filters, API pages ----------------

RAW_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|mod|attr|data|exc|obj|const):`?")


def _search(browser: Browser, served: str, query: str) -> list[str]:
    browser.open(f"{served}/?q={query}")
    browser.wait_for("document.querySelectorAll('.md-search-result__item').length > 0",
                     timeout=30)
    return list(browser.evaluate(
        "[...document.querySelectorAll('.md-search-result__item a')]"
        ".map(a => new URL(a.href).pathname + new URL(a.href).hash)"))


def test_api_pages_show_no_raw_sphinx_roles(built: tuple[Path, str]) -> None:
    site, _ = built
    pages = sorted((site / "api").rglob("index.html"))
    assert pages
    shown = {str(p.relative_to(site)): RAW_ROLE.findall(re.sub(r"<[^>]+>", "", p.read_text()))
             for p in pages}
    assert {page: roles for page, roles in shown.items() if roles} == {}


def test_rule_page_opens_from_a_finding_url(served: str, browser: Browser, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from canonical.cli import cli

    record = tmp_path / "order.json"
    record.write_text('{"id": "1", "plant": "PL07", "material": "M", "status": "released", '
                      '"ordered_quantity": {"value": "-4", "unit": "H87"}}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "-e", "ProductionOrder", str(record),
                                      "--format", "json"], env={"CANON_DOCS_URL": served})
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["docs_url"] == f"{served}/reference/rules/qty/#qty-001"
    browser.open(finding["docs_url"])
    heading = browser.evaluate("document.getElementById('qty-001').textContent")
    assert heading.startswith("QTY-001")
    section = browser.evaluate(
        "(() => { let out = '', el = document.getElementById('qty-001').nextElementSibling;"
        " while (el && el.tagName !== 'H2') { out += el.textContent; el = el.nextElementSibling; }"
        " return out; })()")
    for part in ("Why it matters", "Fails", "Passes", "How to fix", "Guide"):
        assert part in section, part


def test_search_finds_a_rule_id_first(served: str, browser: Browser) -> None:
    hrefs = _search(browser, served, "MAP-045")
    assert hrefs[:2] == ["/reference/rules/map-0xx/", "/reference/rules/map-0xx/#map-045"]


def test_search_finds_units_by_name_and_plural(served: str, browser: Browser) -> None:
    assert _search(browser, served, "pound")[:2] == ["/reference/unit-codes/",
                                                     "/reference/unit-codes/#dimension-mass"]
    assert "/reference/unit-codes/#dimension-mass" in _search(browser, served, "pounds")


def test_rule_index_filter(served: str, browser: Browser) -> None:
    browser.open(served + "/reference/rules/")
    browser.evaluate("(() => { const box = document.querySelector('input.canon-filter');"
                     " box.value = 'approved_by'; box.dispatchEvent(new Event('input')); })()")
    shown = browser.evaluate("[...document.querySelectorAll('#rule-index tbody tr')]"
                             ".filter(r => r.style.display !== 'none')"
                             ".map(r => r.cells[0].textContent.trim())")
    assert "MAP-045" in shown and len(shown) < 10
    assert browser.evaluate("document.querySelector('.canon-filter-count').textContent") \
        .startswith(f"{len(shown)} of ")


LAPTOP = {"width": 1366, "height": 768, "deviceScaleFactor": 1, "mobile": False}
SMALLEST_LABEL = """[...document.querySelectorAll('article svg.canon-diagram')].map(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(
      getComputedStyle(t).fontSize) * scale);
  return [svg.querySelector('title').textContent, Math.min(...sizes)];
})"""


def test_diagram_labels_stay_readable_on_a_laptop(built: tuple[Path, str], served: str,
                                                  browser: Browser) -> None:
    site, _ = built
    pages = sorted(p for p in site.rglob("index.html") if "canon-diagram" in p.read_text())
    assert any("guides/canonical-model" in str(p) for p in pages)
    browser.call("Emulation.setDeviceMetricsOverride", **LAPTOP)
    small = {}
    try:
        for page in pages:
            url = "/" + str(page.parent.relative_to(site)).replace(".", "") + "/"
            browser.open(served + url.replace("//", "/"))
            for title, size in browser.evaluate(SMALLEST_LABEL):
                if size < 10:
                    small[f"{url} {title}"] = round(size, 1)
    finally:
        browser.call("Emulation.clearDeviceMetricsOverride")
    assert small == {}, f"diagram labels under 10 px at the content width: {small}"


VISIBLE_COLUMNS = """(() => {
  const box = document.querySelector('#table-units');
  const wrap = box.querySelector('table').closest('.md-typeset__scrollwrap') || box;
  const right = wrap.getBoundingClientRect().right;
  const heads = [...box.querySelectorAll('thead th')];
  return {visible: heads.filter(th => th.getBoundingClientRect().right <= right + 1)
                       .map(th => th.textContent.trim()),
          sticky: getComputedStyle(box.querySelector('tbody td')).position};
})()"""


def test_plant_tables_fit_a_laptop(served: str, browser: Browser) -> None:
    browser.call("Emulation.setDeviceMetricsOverride", **LAPTOP)
    try:
        browser.open(served + "/reference/plants/DE01/")
        seen = browser.evaluate(VISIBLE_COLUMNS)
    finally:
        browser.call("Emulation.clearDeviceMetricsOverride")
    assert {"Source code", "Canonical code", "Status", "Owner", "Approved by"} <= set(
        seen["visible"]), seen
    assert seen["sticky"] == "sticky"
    browser.evaluate("(() => { const box = document.querySelector('input[data-target=table-units]');"
                     " box.value = 'SAP_ECC ST'; box.dispatchEvent(new Event('input')); })()")
    rows = browser.evaluate("[...document.querySelectorAll('#table-units tbody tr')]"
                            ".filter(r => r.style.display !== 'none')"
                            ".map(r => r.cells[0].textContent.trim())")
    assert "ST" in rows and len(rows) < 10
