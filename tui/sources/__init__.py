"""Finding and reading articles from the files people have (no UI imports).

:func:`discover` turns paths (files or folders, searched recursively) into :class:`ArticleEntry` rows
without reading whole files; :meth:`ArticleEntry.load` reads one. Each format has its own module.
"""

from __future__ import annotations

from tui.sources.discover import SUFFIXES, discover
from tui.sources.text import read_text_file

__all__ = ["SUFFIXES", "discover", "read_text_file"]
