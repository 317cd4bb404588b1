"""The list every corpus view shows its results in: pages fetched in a worker and streamed in.

A view hands :meth:`CorpusResults.load` a *fetch* function (page number → rows, and whether more
follow); the list runs it in a thread worker, shows the first page as soon as it is there and asks for
the next one when the cursor comes near the end, so a view on 20,000 articles opens as fast as one on
25. Each row is a rich :class:`~rich.text.Text` built from data with styles (never markup: titles,
snippets and quotes are the corpus's text) and a payload the view gets back on Enter; a row without a
payload is a heading (an article above its mentions), skipped by the cursor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui import keys
from tui.text_safety import one_line


@dataclass(frozen=True, slots=True)
class Row:
    """One line of results: what is shown, and what Enter hands back (``None``: a heading)."""

    prompt: Text
    payload: object | None = None


Page = tuple[list[Row], bool]
"""A page of rows, and whether another page follows."""

Fetch = Callable[[int], Page]
"""Fetches page ``n`` (from 0) of a view's results; runs in a worker thread."""

NEAR_END = 5
"""The next page is fetched when the cursor is this many rows from the end."""


def safe_text(value: object, style: Style | str = "") -> Text:
    """``value`` as one line of plain text (control characters made visible, nothing read as markup)."""
    return Text(one_line(value), style=style)


def marked(text: str, ranges: Sequence[tuple[int, int]], style: Style | str) -> Text:
    """``text`` on one line with ``ranges`` (offsets into it) in ``style``: a search match in a
    snippet, a mention in its line of context. :func:`~tui.text_safety.one_line` keeps every offset."""
    result = Text(one_line(text))
    for start, end in ranges:
        if 0 <= start < end <= len(text):
            result.stylize(style, start, end)
    return result


@dataclass(frozen=True, slots=True)
class RowStyles:
    """The styles rows are built with, read from the stylesheet on the UI thread and handed to the
    worker that builds the rows (``styles/gloss.tcss``, the corpus block)."""

    match: Style
    heading: Style
    muted: Style
    dropped: Style
    added: Style


class CorpusResults(OptionList):
    """Paged, streamed results of one corpus query (see the module docstring)."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.CORPUS_LIST)
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "corpus-results--match",
        "corpus-results--heading",
        "corpus-results--muted",
        "corpus-results--dropped",
        "corpus-results--added",
    }

    class Loaded(Message):
        """A page arrived: the view updates its counts."""

        def __init__(self, results: CorpusResults, rows: int, more: bool) -> None:
            super().__init__()
            self.results = results
            self.rows = rows
            """Selectable rows shown so far."""
            self.more = more

    class Failed(Message):
        """The query failed (a damaged index): the view says why."""

        def __init__(self, results: CorpusResults, error: str) -> None:
            super().__init__()
            self.results = results
            self.error = error

    class Chosen(Message):
        """Enter on a row: its payload."""

        def __init__(self, results: CorpusResults, payload: object) -> None:
            super().__init__()
            self.results = results
            self.payload = payload

    class _Arrived(Message):
        def __init__(self, generation: int, page: int, rows: list[Row], more: bool) -> None:
            super().__init__()
            self.generation, self.page, self.rows, self.more = generation, page, rows, more

    class _Refused(Message):
        def __init__(self, generation: int, error: str) -> None:
            super().__init__()
            self.generation, self.error = generation, error

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._fetch: Fetch | None = None
        self._generation = 0
        self._next_page = 0
        self._more = False
        self._waiting = False
        self.payloads: list[object | None] = []
        """The payload of each row (``None`` for headings), in order."""
        self.done = False
        """Whether every page of the current query has arrived."""

    def row_styles(self) -> RowStyles:
        """The stylesheet's styles for rows (call on the UI thread, before handing them to a fetch)."""
        get = self.get_component_rich_style
        return RowStyles(
            match=get("corpus-results--match", partial=True),
            heading=get("corpus-results--heading", partial=True),
            muted=get("corpus-results--muted", partial=True),
            dropped=get("corpus-results--dropped", partial=True),
            added=get("corpus-results--added", partial=True),
        )

    @property
    def selectable(self) -> int:
        """Rows that are not headings."""
        return sum(1 for p in self.payloads if p is not None)

    def load(self, fetch: Fetch) -> None:
        """Show a new query's results (the old ones go at once; a page still arriving is dropped)."""
        self.reset()
        self._fetch, self.done = fetch, False
        self._request()

    def reset(self, rows: Sequence[Row] = ()) -> None:
        """Show only ``rows`` (none: an empty list) and forget the query: a page of it still being
        fetched is dropped when it arrives, and its worker is cancelled."""
        self._fetch = None
        self._generation += 1
        self._next_page, self._more, self._waiting, self.done = 0, False, False, True
        self.workers.cancel_group(self, "corpus-results")
        self.payloads = []
        self.clear_options()
        if rows:
            self._show(list(rows))

    def _request(self) -> None:
        if self._fetch is None:
            return
        self._waiting = True
        self._run(self._fetch, self._generation, self._next_page)

    @work(thread=True, exclusive=True, group="corpus-results", exit_on_error=False)
    def _run(self, fetch: Fetch, generation: int, page: int) -> None:
        from tui.corpus import CorpusError

        try:
            rows, more = fetch(page)
        except CorpusError as error:
            self.post_message(self._Refused(generation, str(error)))
            return
        if not get_current_worker().is_cancelled:  # a newer query has started: nobody wants this page
            self.post_message(self._Arrived(generation, page, rows, more))

    @on(_Refused)
    def _refused(self, message: _Refused) -> None:
        message.stop()
        if message.generation == self._generation:  # not an earlier query's failure
            self._waiting = False
            self.post_message(self.Failed(self, message.error))

    @on(_Arrived)
    def _arrived(self, message: _Arrived) -> None:
        message.stop()
        if message.generation != self._generation:
            return  # a page of an earlier query
        self._waiting = False
        self._more = message.more
        self._next_page = message.page + 1
        self.done = not message.more
        self._show(message.rows)
        self.post_message(self.Loaded(self, self.selectable, message.more))

    def _show(self, rows: list[Row]) -> None:
        """Add ``rows`` at the end; the first selectable row is highlighted when they are the first."""
        first = not self.payloads
        self.add_options([Option(row.prompt, disabled=row.payload is None) for row in rows])
        self.payloads.extend(row.payload for row in rows)
        if first and self.payloads:
            self.highlighted = next((i for i, p in enumerate(self.payloads) if p is not None), None)

    @on(OptionList.OptionHighlighted)
    def _near_end(self, event: OptionList.OptionHighlighted) -> None:
        if self._more and not self._waiting and event.option_index >= len(self.payloads) - NEAR_END:
            self._request()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        payload = self.payloads[event.option_index] if event.option_index < len(self.payloads) else None
        if payload is not None:
            self.post_message(self.Chosen(self, payload))

    @property
    def current(self) -> object | None:
        """The payload of the highlighted row."""
        index = self.highlighted
        return self.payloads[index] if index is not None and index < len(self.payloads) else None

    def action_last(self) -> None:
        """Go to the last row, fetching the next page when more follow."""
        super().action_last()
        if self._more and not self._waiting:
            self._request()
