"""Finding and reading articles from the files people have (no UI imports).

:func:`scan` (or :func:`discover`, without the list of skipped files) turns paths (files or folders,
searched recursively) into :class:`ArticleEntry` rows without reading whole files;
:meth:`ArticleEntry.load` reads one. Each format has its own module: plain text
(:mod:`~tui.sources.text`), Markdown, HTML pages, JSON Lines corpora and RSS/Atom feeds; :data:`READERS`
maps file suffixes to them. Files are opened only through :mod:`~tui.sources.reading` (regular files,
never blocking).
"""

from __future__ import annotations

from tui.sources.discover import READERS, SUFFIXES, Discovery, describes_folder, discover, scan
from tui.sources.reading import open_regular
from tui.sources.text import read_text_file

__all__ = [
    "READERS",
    "SUFFIXES",
    "Discovery",
    "describes_folder",
    "discover",
    "open_regular",
    "read_text_file",
    "scan",
]
