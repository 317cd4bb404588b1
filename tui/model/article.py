"""Articles: what the reader lists and opens, and what the store keys annotations by.

An :class:`ArticleEntry` is a row of the article list: cheap to make (no full parse of the file) so that a
folder of 20,000 articles lists quickly. Its :meth:`ArticleEntry.load` returns the :class:`Article` with
its full text. Loaders for each input format live in :mod:`tui.sources`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class ArticleLoadError(Exception):
    """An article could not be read; the message is meant for the user and names the file."""


@dataclass(slots=True)
class Article:
    """One article's text and metadata, exactly as Gloss annotates it."""

    key: str
    """Stable identity: the file path, plus ``#N`` for the N-th article of a JSONL corpus or feed."""
    path: Path
    """The file the article came from."""
    title: str
    """Headline: from the format's metadata, else the first line, else the file name."""
    text: str
    """The text that span offsets index into."""
    date: str | None = None
    """Publication date as given by the source (not parsed)."""
    source: str | None = None
    """Publisher or URL, where known."""
    meta: dict[str, Any] = field(default_factory=dict)
    """Any other metadata the input carried (JSONL ``meta``, feed entry fields…)."""
    text_is_file: bool = True
    """True when :attr:`text` is the file's decoded bytes unchanged; otherwise (HTML, Markdown, feeds,
    JSONL) the annotation file stores the text so that its offsets always refer to a kept text."""

    @property
    def word_count(self) -> int:
        """Rough number of words (whitespace-separated)."""
        return len(self.text.split())


@dataclass(slots=True)
class ArticleEntry:
    """A row of the article list: enough to show and sort, with a way to load the whole article."""

    key: str
    path: Path
    title: str
    loader: Callable[[], Article] = field(repr=False)
    """Reads the article; raises :class:`ArticleLoadError` with a user-facing message."""
    date: str | None = None
    source: str | None = None
    error: str | None = None
    """Set when the entry is known to be unreadable (shown in the list instead of opening)."""

    def load(self) -> Article:
        """Read the full article (may be slow for big files: call it from a worker)."""
        if self.error is not None:
            raise ArticleLoadError(self.error)
        return self.loader()
