"""The documentation site's generated reference (mkdocs-material).

Everything a reader looks up is generated from the sources the code itself uses, at every
site build, so the docs cannot drift:

- :mod:`~canonical.docs.schema`: the LinkML source read through SchemaView;
- :mod:`~canonical.docs.entity_pages`, :mod:`~canonical.docs.enum_pages`: one page per class
  and enumeration (fields, units, cardinality, rules, relationships, example record);
- :mod:`~canonical.docs.catalogue_pages`: every rule id of :func:`canonical.rules.catalogue`
  (an index page, and one page per rule family);
- :mod:`~canonical.docs.plant_pages`: one page per shipped example plant;
- :mod:`~canonical.docs.cli_pages`: the ``canon`` command tree (passed in by the CLI layer);
- :mod:`~canonical.docs.diagrams`, :mod:`~canonical.docs.fences`: inline SVG diagrams
  (no CDN: the site works offline) and the ``sequence`` / ``states`` code fences;
- :mod:`~canonical.docs.links`: the explicit reference and rule-to-entity tables;
- :mod:`~canonical.docs.site`: all pages plus the navigation, used by the mkdocs hook
  (``canonical/cli/docs_hook.py``) and ``canon docs generate``.

This layer sits above governance and below the CLI; linkml and mkdocs are imported inside
functions only, and nothing under ``import canonical`` imports this package.
"""
