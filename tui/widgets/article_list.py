"""The article list: one two-line row per article, filtered by typing, drawn through the Line API.

Each row shows the title on its first line and the date (one format for every source), source and
counts of entities, numbers and quotes (once extracted) on its second. The list is in the order found
or, after Ctrl+O, newest first. Below the articles, one line per file the scan left out on purpose (a
folder's README, an XML file that is no feed) says so, so that nothing vanishes without a word. Rows
have a fixed height, so the list needs no measuring: a folder of 20,000 articles lists as fast as the
entries can be made. An unreadable article says why in its second line, in the error style, and can
still be opened (the view then shows the message).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui import keys
from tui.model import ArticleEntry
from tui.model.article import format_date
from tui.plain import say
from tui.text_safety import drawable


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells with an ellipsis, or padded with spaces to it.

    Titles, dates and reasons come from the files: their control, tab and bidi characters are drawn as
    pictures here, so a row never moves the cursor, recolours the screen or spills into the next pane.
    """
    text = drawable(text)
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


ROW_HEIGHT = 2
"""Lines per article: title, then details."""

PASS_THROUGH_KEYS = frozenset("jkgGJKq")
"""Letters the list leaves to their bindings (movement, next/previous article, quit) instead of
starting a filter, as in the README: while the *list* has focus ``j``/``k``/``g`` move; in the filter
box (``/``, or any other letter, puts the focus there) every letter filters. Punctuation keys (``?``,
``/``…) are never taken for the filter either."""


@dataclass(frozen=True, slots=True)
class Counts:
    """How many entities, numbers and quotes an extracted article has."""

    entities: int
    numbers: int
    quotes: int

    def describe(self) -> str:
        """Short form for a list row: ``12 ent · 3 num · 2 quo``."""
        return f"{self.entities} ent · {self.numbers} num · {self.quotes} quo"


class ArticleList(ScrollView, can_focus=True):
    """The list of articles found in the paths given on the command line."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--title",
        "article-list--details",
        "article-list--error",
        "article-list--highlight",
        "article-list--open",
        "article-list--saved",
    }

    BINDINGS: ClassVar[list[BindingType]] = [*keys.LIST, *keys.LIST_ORDER]

    class Selected(Message):
        """A person chose an article to read."""

        def __init__(self, entry: ArticleEntry) -> None:
            super().__init__()
            self.entry = entry

    class FilterTyped(Message):
        """A printable key was typed on the list: the screen moves it to the filter box (``""``: just
        go to the box, for ``/``)."""

        def __init__(self, character: str) -> None:
            super().__init__()
            self.character = character

    class FilterCleared(Message):
        """Esc on the list: the filter is gone (the screen empties its box)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entries: list[ArticleEntry] = []
        """Every article, in the order found."""
        self.shown: list[int] = []
        """Indices into :attr:`entries` that pass the filter."""
        self.highlighted = 0
        """Position in :attr:`shown` of the highlighted row."""
        self.filter_text = ""
        self.counts: dict[str, Counts] = {}
        """Article key → counts, filled in as articles are extracted."""
        self.saved: set[str] = set()
        """Keys of articles that have saved annotations (marked with a ✎)."""
        self.summary_of: Callable[[ArticleEntry], tuple[bool, int]] | None = None
        """``(has saved annotations, unreviewed suggestions)`` of an article, asked only for the rows
        drawn (the annotation store answers from a cache, re-reading 512 bytes when a file changed)."""
        self.open_key: str | None = None
        """Key of the article shown in the view (marked with a ▶)."""
        self.by_date = False
        """Whether the rows are sorted by date, newest first (else in the order found)."""
        self.skipped: list[str] = []
        """Files the scan left out on purpose, one line each, drawn below the articles."""

    # content ---------------------------------------------------------------------------------------
    def set_entries(self, entries: list[ArticleEntry]) -> None:
        """Show these articles (the filter is kept)."""
        self.entries = entries
        self.set_filter(self.filter_text)

    def set_filter(self, text: str) -> None:
        """Show only articles whose title contains ``text`` (case-insensitive)."""
        self.filter_text = text
        needle = text.casefold()
        self.shown = [i for i, e in enumerate(self.entries) if not needle or needle in e.title.casefold()]
        if self.by_date:  # ISO 8601 strings sort by time; undated articles go last, in the order found
            self.shown.sort(key=lambda i: self.entries[i].date or "", reverse=True)
            self.shown.sort(key=lambda i: self.entries[i].date is None)
        self.highlighted = min(self.highlighted, max(0, len(self.shown) - 1))
        self.virtual_size = Size(0, len(self.shown) * ROW_HEIGHT + self._skipped_lines())
        self.refresh()
        self._scroll_to_highlight()

    def set_counts(self, key: str, counts: Counts) -> None:
        """Show an article's counts once it is extracted."""
        self.counts[key] = counts
        self.refresh()

    def set_open(self, key: str | None) -> None:
        """Mark the article being read."""
        self.open_key = key
        self.refresh()

    @property
    def highlighted_entry(self) -> ArticleEntry | None:
        """The entry under the highlight, if the filtered list is not empty."""
        if not self.shown:
            return None
        return self.entries[self.shown[self.highlighted]]

    def highlight_key(self, key: str) -> None:
        """Move the highlight to the article with this key, if it is shown."""
        for position, index in enumerate(self.shown):
            if self.entries[index].key == key:
                self.highlighted = position
                self.refresh()
                self._scroll_to_highlight()
                return

    # drawing ---------------------------------------------------------------------------------------
    def notify_style_update(self) -> None:
        """The theme changed: draw every row again in its colours."""
        super().notify_style_update()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        """Draw one line of one row (Line API)."""
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        row, part = divmod(line, ROW_HEIGHT)
        if row >= len(self.shown):
            return self._skipped_line(line - len(self.shown) * ROW_HEIGHT, width)
        entry = self.entries[self.shown[row]]
        segments = self._row_segments(entry, part, row == self.highlighted)
        return Strip(segments).crop_extend(0, width, segments[0].style).simplify()

    def _row_segments(self, entry: ArticleEntry, part: int, highlighted: bool) -> list[Segment]:
        """One line of a row, shortened with an ellipsis to the list's width.

        Component styles are taken whole (blended over the list's background), and the highlight's
        background (and, on the title line, its colour) is laid over them.
        """
        width = max(2, self.scrollable_content_region.width)
        component = self.get_component_rich_style
        highlight = component("article-list--highlight") if highlighted else None
        if part == 0:
            style = component("article-list--title")
            if highlight is not None:
                style += Style(bgcolor=highlight.bgcolor, color=highlight.color)
            marker = "▶ " if entry.key == self.open_key else "  "
            exists, unreviewed = self.summary_of(entry) if self.summary_of is not None else (False, 0)
            saved = f" ✎{unreviewed or ''}" if exists or entry.key in self.saved else ""
            title = _fit(marker + entry.title, width - len(saved))
            segments = [Segment(title, style)]
            if saved:
                segments.append(Segment(saved, style + Style(color=component("article-list--saved").color)))
            return segments
        if entry.error is not None:
            line, style = "  ⚠ " + entry.error, component("article-list--error")
        else:
            details = [part for part in (format_date(entry.date), entry.source) if part]
            counts = self.counts.get(entry.key)
            details.append(counts.describe() if counts else "not extracted yet")
            line, style = "  " + " · ".join(details), component("article-list--details")
        if highlight is not None:
            style += Style(bgcolor=highlight.bgcolor)
        return [Segment(_fit(line, width), style)]

    # ui-hardening: files left out, and the order by date ------------------------------------------
    def set_skipped(self, lines: list[str]) -> None:
        """Show the files the scan left out on purpose below the articles."""
        self.skipped = list(lines)
        self.set_filter(self.filter_text)

    def _skipped_lines(self) -> int:
        return 1 + len(self.skipped) if self.skipped else 0

    def _skipped_line(self, index: int, width: int) -> Strip:
        """Line ``index`` below the articles: a heading, then one skipped file each."""
        if not 0 <= index < self._skipped_lines():
            return Strip.blank(width, self.rich_style)
        style = self.get_component_rich_style("article-list--details")
        text = f"  {len(self.skipped)} file(s) skipped:" if index == 0 else "  ⊘ " + self.skipped[index - 1]
        return Strip([Segment(_fit(text, max(2, width)), style)]).crop_extend(0, width, style)

    def toggle_date_order(self) -> bool:
        """Sort by date (newest first) or back to the order found; returns whether sorted by date.

        The highlighted article stays highlighted.
        """
        entry = self.highlighted_entry
        self.by_date = not self.by_date
        self.set_filter(self.filter_text)
        if entry is not None:
            self.highlight_key(entry.key)
        return self.by_date

    def action_sort_by_date(self) -> None:
        """Ctrl+O: sort by date, newest first, or back to the order found."""
        by_date = self.toggle_date_order()
        say(self, "Sorted by date, newest first." if by_date else "In the order found.", timeout=2)

    def _scroll_to_highlight(self) -> None:
        top = self.highlighted * ROW_HEIGHT
        height = self.scrollable_content_region.height
        if top < self.scroll_offset.y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + ROW_HEIGHT > self.scroll_offset.y + height:
            self.scroll_to(y=top + ROW_HEIGHT - height, animate=False, immediate=True)

    # keys and mouse --------------------------------------------------------------------------------
    def action_cursor(self, step: int) -> None:
        """Move the highlight by ``step`` rows (clamped)."""
        if self.shown:
            self.highlighted = max(0, min(len(self.shown) - 1, self.highlighted + step))
            self.refresh()
            self._scroll_to_highlight()

    def action_page(self, direction: int) -> None:
        """Move the highlight by a screenful."""
        self.action_cursor(direction * max(1, self.scrollable_content_region.height // ROW_HEIGHT))

    def action_first(self) -> None:
        """Highlight the first article."""
        self.action_cursor(-len(self.shown))

    def action_last(self) -> None:
        """Highlight the last article."""
        self.action_cursor(len(self.shown))

    def action_clear_filter(self) -> None:
        """Esc: every article again, the highlighted one kept."""
        entry = self.highlighted_entry
        self.set_filter("")
        if entry is not None:
            self.highlight_key(entry.key)
        self.post_message(self.FilterCleared())

    def action_select(self) -> None:
        """Open the highlighted article."""
        entry = self.highlighted_entry
        if entry is not None:
            self.post_message(self.Selected(entry))

    def on_click(self, event: events.Click) -> None:
        """A click opens the clicked article."""
        row = (self.scroll_offset.y + event.y) // ROW_HEIGHT
        if 0 <= row < len(self.shown):
            self.highlighted = row
            self.refresh()
            self.action_select()

    def on_key(self, event: events.Key) -> None:
        """Typing a letter or digit starts filtering by title (except the list's own keys)."""
        character = event.character or ""
        if character == "/":  # as in less: / starts a search, here of the titles (any letter then works)
            event.stop()
            event.prevent_default()
            self.post_message(self.FilterTyped(""))
        elif len(character) == 1 and character.isalnum() and character not in PASS_THROUGH_KEYS:
            event.stop()
            event.prevent_default()
            self.post_message(self.FilterTyped(character))
