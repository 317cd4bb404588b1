"""Articles: what the reader lists and opens, and what the store keys annotations by.

An :class:`ArticleEntry` is a row of the article list: cheap to make (no full parse of the file) so that a
folder of 20,000 articles lists quickly. Its :meth:`ArticleEntry.load` returns the :class:`Article` with
its full text. Loaders for each input format live in :mod:`tui.sources`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
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
    """Publication date in ISO 8601, parsed once from the source: ``2019-11-20`` (a day) or
    ``2019-11-20T06:35:39+00:00`` (a moment, UTC when the source gave a zone); ``None`` when the source
    gives none that reads as a date. Plain string order is date order. The source's own spelling is in
    ``meta["date_original"]`` when it differs; :func:`format_date` is the form to show."""
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
    """As :attr:`Article.date` (ISO 8601 or ``None``), so the list can show and sort without loading."""
    source: str | None = None
    error: str | None = None
    """Set when the entry is known to be unreadable (shown in the list instead of opening)."""

    def load(self) -> Article:
        """Read the full article (may be slow for big files: call it from a worker)."""
        if self.error is not None:
            raise ArticleLoadError(self.error)
        return self.loader()


def format_date(iso: str | None) -> str:
    """An :attr:`Article.date` as the list shows it: ``2019-11-20`` or ``2019-11-20 06:35``.

    One short form for every source, so dates line up in a column; ``""`` when there is no date, and a
    string that is not ISO 8601 is returned unchanged rather than guessed at.
    """
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if len(iso) <= 10:
        return moment.date().isoformat()
    return moment.strftime("%Y-%m-%d %H:%M")
