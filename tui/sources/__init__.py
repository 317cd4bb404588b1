"""Finding and reading articles from the files people have (no UI imports).

:func:`discover` turns paths (files or folders, searched recursively) into :class:`ArticleEntry` rows
without reading whole files; :meth:`ArticleEntry.load` reads one. Each format has its own module:
plain text (:mod:`~tui.sources.text`), Markdown, HTML pages, JSON Lines corpora and RSS/Atom feeds;
:data:`READERS` maps file suffixes to them.
"""

from __future__ import annotations

from tui.sources.discover import READERS, SUFFIXES, discover
from tui.sources.text import read_text_file

__all__ = ["READERS", "SUFFIXES", "discover", "read_text_file"]
