"""mkdocs hook (``hooks:`` in mkdocs.yml): add the generated reference pages to every build.

This is the composition root of the docs: it joins the generators (:mod:`canonical.docs`)
with the ``canon`` command tree (for the CLI reference), which is why it lives in the CLI
layer. Pages are added in memory (like mkdocs-gen-files, without the plugin), so a plain
``mkdocs build`` or ``mkdocs serve`` shows the same site as ``canon docs build`` and nothing
generated is ever written into ``docs/``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from canonical.docs.site import Site

log = logging.getLogger("mkdocs.hooks.canonical")
_state: dict[str, Site] = {}

#: Hand-written pages other subsystems contribute. While one is not written yet its nav entry
#: is dropped with an INFO line (not a warning, which would fail the strict build);
#: ``tests/docs/test_completeness.py`` lists them so a missing page is still visible.
CONTRIBUTED_PAGES: frozenset[str] = frozenset({
    "guides/units.md", "guides/versioning.md", "guides/batch-validation.md",
    "guides/plant-onboarding.md", "reference/mapping-tables.md", "reference/b2mml.md",
})


def _prune(nav: object, docs_dir: Path) -> object:
    """The nav without entries for contributed pages that do not exist yet."""
    if isinstance(nav, list):
        kept = [_prune(item, docs_dir) for item in nav]
        return [item for item in kept if item is not None]
    if isinstance(nav, dict):
        kept_items = {k: _prune(v, docs_dir) for k, v in nav.items()}
        kept_items = {k: v for k, v in kept_items.items() if v is not None}
        return kept_items or None
    if isinstance(nav, str) and nav in CONTRIBUTED_PAGES and not (docs_dir / nav).is_file():
        log.info("canonical: %s is not written yet; left out of the navigation", nav)
        return None
    return nav


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    from canonical.cli import cli
    from canonical.docs.site import expand_nav, generate

    root = Path(config.config_file_path).parent
    site = generate(cli_root=cli, changelog=root / "CHANGELOG.md",
                    docs_dir=Path(config.docs_dir))
    _state["site"] = site
    nav = _prune(expand_nav(config.nav, site), Path(config.docs_dir))
    config.nav = nav
    log.info("canonical: %d generated reference pages", len(site.pages))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File

    from canonical.docs.paths import GENERATED_FILES, GENERATED_FOLDERS

    site = _state["site"]
    for existing in files:
        uri = existing.src_uri
        if uri in GENERATED_FILES or uri.startswith(tuple(f + "/" for f in GENERATED_FOLDERS)):
            raise PluginError(f"docs/{uri} is in a generated location; generated pages are "
                               "built by canonical.docs and must not be written by hand")
    for page in site.pages:
        files.append(File.generated(config, page.path, content=page.content))
    return files


def on_page_markdown(markdown: str, page: object, config: MkDocsConfig, files: Files) -> str:
    """Run the page's console sessions (:mod:`canonical.cli.docs_sessions`): the output a
    guide shows is produced by this build, from the shipped example it names."""
    from canonical.cli.docs_sessions import OPEN, SessionError, render_sessions

    if OPEN not in markdown:  # the common case: no session on the page
        return markdown
    from mkdocs.exceptions import PluginError

    try:
        return render_sessions(markdown, Path(config.config_file_path).parent)
    except SessionError as exc:
        where = getattr(getattr(page, "file", None), "src_uri", "?")
        raise PluginError(f"docs/{where}: {exc}") from None
