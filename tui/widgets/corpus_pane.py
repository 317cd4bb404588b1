"""The list part of every corpus view: a title line that counts, a filter box, and the paged results.

Each corpus screen composes one :class:`CorpusListPane` and keeps only what is its own: the fetch
functions that turn its state into pages of rows, and what Enter on a row means. The pane owns the rest,
so it is written once: the title line (the view's name, how many rows are shown and whether more follow,
the filters in use), the ``/`` box that appears on demand and goes on Esc (the pane holds the
``keys.CORPUS_SCREEN`` bindings, so they work wherever the focus is inside it), and the
:class:`~tui.widgets.corpus_results.CorpusResults` list that pages the rows in from a worker. Messages
go up (:class:`CorpusListPane.FilterChanged`, :class:`CorpusListPane.Chosen`, and
:class:`CorpusListPane.Closed` for Esc outside the box); the screen calls :meth:`CorpusListPane.load`
down.

When the store has no index yet and the screen handed the pane a :class:`Builder`, the list offers one
row, "build it now": Enter runs the build in a thread worker with a progress bar in the pane, then the
view's query runs again. Esc during the build closes the view and stops the build at its next article
(a build must not outlive the reader, nor keep it from quitting); what was committed stays, the views
offer the build again, and it carries on from there (the index build is resumable).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar, Protocol

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, ProgressBar, Static
from textual.worker import get_current_worker

from tui import keys, wording
from tui.plain import say
from tui.widgets.corpus_results import CorpusResults, Fetch, Row, RowStyles, safe_text

PROGRESS_EVERY = 0.1
"""Seconds between progress updates of a build (an update per article would flood the UI thread)."""


class Builder(Protocol):
    """Builds the index of the store a view reads (the reader's side supplies one)."""

    def missing(self) -> str | None:
        """Why the view must offer a build (no index yet, or a stopped build's part of one), for the
        title line; ``None`` when there is an index to read (a stat: cheap on the UI thread)."""
        ...  # pragma: no cover - protocol

    def describe(self) -> str:
        """What a build would index, for the offer: ``the 25 articles under seeds/``."""
        ...  # pragma: no cover - protocol

    def run(self, progress: Callable[[int, int], None]) -> str:
        """Build the index (in a worker thread), calling ``progress(done, total)``; returns a summary.

        Raises:
            BuildFailed: it could not be built (the message says why).
        """
        ...  # pragma: no cover - protocol


class BuildFailed(Exception):
    """The index could not be built: no model, an engine that did not start, an unreadable index."""


class BuildStopped(Exception):
    """Raised from the progress callback when the view closed mid-build, to stop the build there."""


class BuildOffer:
    """The payload of the "build the index now" row."""


BUILD_OFFER = BuildOffer()
"""The one offer row's payload."""


def counted(name: str, shown: int, more: bool, extra: str = "") -> str:
    """A view's title line: ``Entities · 50+ shown (more as you scroll)``. ``shown`` is the rows Enter
    can open (headings are not counted: they are not results), so it agrees with what is under it."""
    amount = f"{shown}+ shown (more as you scroll)" if more else f"{shown} shown"
    return f"{name} · {amount}" + (f" · {extra}" if extra else "")


class CorpusListPane(Vertical):
    """Title, filter box and paged results of one corpus view (see the module docstring).

    Args:
        title: The title line until the first page arrives.
        placeholder: The filter box's placeholder; ``None``: the view has no filter box.
        initial: The filter's first value.
        always_shown: The box is shown from the start and focused (search), rather than on ``/``.
        box_id: The filter box's id (the stylesheet shows ``#corpus-query`` always).
        builder: Builds the index when there is none (``None``: the view only says how to build one).
    """

    class FilterChanged(Message):
        """The filter box's text changed: the screen loads its query again."""

        def __init__(self, pane: CorpusListPane, value: str) -> None:
            super().__init__()
            self.pane = pane
            self.value = value

        @property
        def control(self) -> CorpusListPane:
            """The pane (for ``@on(..., selector)``)."""
            return self.pane

    class Chosen(Message):
        """Enter on a row: what the screen attached to it."""

        def __init__(self, pane: CorpusListPane, payload: object) -> None:
            super().__init__()
            self.pane = pane
            self.payload = payload

        @property
        def control(self) -> CorpusListPane:
            """The pane (for ``@on(..., selector)``)."""
            return self.pane

    class IndexBuilt(Message):
        """A build from the view finished: the screen fetches what it fetched once at mount again."""

    class Closed(Message):
        """Esc outside the filter box: the screen closes the view."""

    class _BuildProgress(Message):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done, self.total = done, total

    class _BuildEnded(Message):
        def __init__(self, summary: str, failed: bool) -> None:
            super().__init__()
            self.summary, self.failed = summary, failed

    BINDINGS: ClassVar[list[BindingType]] = [*keys.CORPUS_SCREEN, *keys.CORPUS_BOX]
    """Esc (out of the filter box first, else close the view) and ``/``, for every corpus view; Down from
    the box into the results."""

    def __init__(
        self,
        title: str | Text,
        *,
        placeholder: str | None = None,
        initial: str = "",
        always_shown: bool = False,
        box_id: str = "corpus-filter",
        builder: Builder | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._first_title = title
        self._placeholder = placeholder
        self._initial = initial
        self._always_shown = always_shown
        self._box_id = box_id
        self.builder = builder
        """Builds the missing index on request (``None``: not offered)."""
        self.name_shown = ""
        """The view's name at the head of the title line, as the last :meth:`load` gave it."""
        self._extra = ""
        self._uncounted = 0
        self._kind: tuple[str, str] | None = None
        self._fetch: Fetch | None = None
        self._results_for: str | None = None
        """The box's text when the results shown were asked for (``None``: no query)."""
        self._open_when_loaded = False
        """Enter was pressed in the search box before the first page came: open its first row then."""
        self.building = False
        """Whether an index build started from this view is running."""

    def compose(self) -> ComposeResult:
        """Title, filter box (when the view has one), results."""
        yield Static(self._first_title, classes="corpus-title")
        if self._placeholder is not None:
            classes = "corpus-box -shown" if self._always_shown else "corpus-box"
            yield Input(self._initial, placeholder=self._placeholder, id=self._box_id, classes=classes)
        yield CorpusResults(id="corpus-results")

    def on_mount(self) -> None:
        """Focus the box when it is always there (search), else the results."""
        box = self.box
        if box is not None and self._always_shown:
            box.focus()
        else:
            self.results.focus()

    # the parts -------------------------------------------------------------------------------------
    @property
    def results(self) -> CorpusResults:
        """The results list."""
        return self.query_one(CorpusResults)

    @property
    def box(self) -> Input | None:
        """The filter box (``None``: the view has none)."""
        boxes = self.query(Input)
        return boxes.first() if boxes else None

    @property
    def value(self) -> str:
        """The filter's text ("" without a box)."""
        box = self.box
        return box.value if box is not None else ""

    @property
    def title(self) -> Static:
        """The title line."""
        return self.query_one(".corpus-title", Static)

    def row_styles(self) -> RowStyles:
        """The stylesheet's row styles, for the screen's fetch functions (UI thread)."""
        return self.results.row_styles()

    # loading ---------------------------------------------------------------------------------------
    def load(
        self,
        fetch: Fetch,
        name: str,
        extra: str = "",
        uncounted: int = 0,
        *,
        kind: tuple[str, str] | None = None,
        query: str | None = None,
    ) -> None:
        """Show the pages ``fetch`` gives (the old rows go; an older query's page still arriving is
        dropped). The title line becomes ``name · N shown · extra``, N counting every row Enter opens.
        When ``uncounted`` of them are not results of the view's ``kind`` (singular, plural; a row
        such as "quotes with no speaker"), the results are counted too, instead of ``extra``:
        ``Who said what · 3 shown · 2 speakers``; leaving the row out of N made the title say "2
        shown" over 3 rows. ``query`` is the box's text
        these results answer (default: its text now; the box may be ahead of the query by the time the
        screen loads it, and Enter must not open a row of an older query)."""
        self.name_shown, self._extra, self._uncounted, self._fetch = name, extra, uncounted, fetch
        self._kind = kind
        self._results_for = self.value if query is None else query
        self._open_when_loaded = False
        if self.building:
            return  # the query runs once the index is built
        reason = self.builder.missing() if self.builder is not None else None
        if reason is not None and self.builder is not None:
            self.title.update(safe_text(f"{name} · {reason}"))
            offer = Text("Press Enter to build it now from the reader: ", style="bold")
            offer.append_text(safe_text(self.builder.describe()))
            self.results.reset([Row(offer, BUILD_OFFER)])
            return
        self.results.load(fetch)

    def clear(self, title: str | Text) -> None:
        """No query: an empty list and ``title`` (a page still arriving is dropped)."""
        self._fetch, self._results_for, self._open_when_loaded = None, None, False
        self.results.reset()
        self.title.update(title)

    @on(CorpusResults.Loaded)
    def _loaded(self, event: CorpusResults.Loaded) -> None:
        """A page arrived: count it in the title (the event goes on up for screens that care)."""
        extra = self._extra
        if self._uncounted and self._kind is not None:
            results = wording.counted(max(0, event.rows - self._uncounted), *self._kind)
            extra = results.replace(" ", "+ ", 1) if event.more else results
        self.title.update(safe_text(counted(self.name_shown, event.rows, event.more, extra)))
        if self._open_when_loaded:
            self._open_when_loaded = False
            self._choose_current()

    @on(CorpusResults.Failed)
    def _failed(self, event: CorpusResults.Failed) -> None:
        event.stop()
        self.title.update(Text.assemble((f"{self.name_shown} · ", ""), (event.error, "")))
        self.results.reset()

    @on(CorpusResults.Chosen)
    def _chosen(self, event: CorpusResults.Chosen) -> None:
        event.stop()
        self._choose(event.payload)

    def _choose(self, payload: object) -> None:
        """Enter on a row (or in the search box): build the index for the offer, else tell the screen."""
        if payload is BUILD_OFFER:
            self.build()
        else:
            self.post_message(self.Chosen(self, payload))

    def _choose_current(self) -> bool:
        """Choose the highlighted row, if there is one; returns whether there was."""
        payload = self.results.current
        if payload is None:
            return False
        self._choose(payload)
        return True

    # the filter box --------------------------------------------------------------------------------
    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.FilterChanged(self, event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter in the box. In the search box (always shown) the results are what Enter is for: with
        them shown for this very query it opens the highlighted (first) row, as the hint says, rather
        than only moving there; with the first page still coming, it opens that page's first row when it
        arrives; with a query changed since (or none run), it searches. In a ``/`` filter box, Enter
        ends the filtering and moves to the results."""
        event.stop()
        if self._always_shown:
            if self._results_for != event.value:
                self.post_message(self.FilterChanged(self, event.value))
                return
            if self._choose_current():
                return
            if self._fetch is not None and not self.results.done and not self.results.option_count:
                self._open_when_loaded = True
                return
        self.results.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``/`` only where there is a filter box (it is not on the key bar of the other views); Down
        moves to the results only from the box (elsewhere it is the list's own key)."""
        if action == "filter":
            return self._placeholder is not None
        if action == "to_results":
            box = self.box
            return box is not None and box.has_focus
        return True

    def action_to_results(self) -> None:
        """Down in the box: into the results, at the highlighted row."""
        self.results.focus()

    def action_filter(self) -> None:
        """``/``: show the filter box and type into it."""
        box = self.box
        if box is not None:
            box.add_class("-shown")
            box.focus()

    def action_back(self) -> None:
        """Esc: out of the filter box (back to the results), else ask the screen to close the view."""
        box = self.box
        if box is not None and box.has_focus and not self._always_shown:
            self.results.focus()
        else:
            self.post_message(self.Closed())

    # building the index ----------------------------------------------------------------------------
    def build(self) -> None:
        """Build the missing index in a worker, the progress in the pane, then run the query again."""
        if self.builder is None or self.building:
            return
        self.building = True
        self.add_class("-building")
        self.results.reset()  # empty, but kept focused: Esc (the pane's binding) must reach the pane
        self.title.update(safe_text(f"{self.name_shown} · building the corpus index…"))
        self.mount(ProgressBar(id="corpus-build-progress", show_eta=False), after=self.title)
        self._build(self.builder)

    @work(thread=True, exclusive=True, group="corpus-build", exit_on_error=False)
    def _build(self, builder: Builder) -> None:
        worker = get_current_worker()
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            if worker.is_cancelled:
                raise BuildStopped
            now = time.monotonic()
            if now - last >= PROGRESS_EVERY or done == total:
                last = now
                self.post_message(self._BuildProgress(done, total))

        try:
            summary = builder.run(progress)
        except BuildStopped:
            return
        except BuildFailed as error:
            self.post_message(self._BuildEnded(str(error), failed=True))
            return
        self.post_message(self._BuildEnded(summary, failed=False))

    @on(_BuildProgress)
    def _build_progress(self, message: _BuildProgress) -> None:
        message.stop()
        self.query_one(ProgressBar).update(total=message.total, progress=message.done)
        self.title.update(
            safe_text(f"{self.name_shown} · building the corpus index: {message.done} / {message.total}")
        )

    @on(_BuildEnded)
    def _build_ended(self, message: _BuildEnded) -> None:
        message.stop()
        self.building = False
        self.remove_class("-building")
        self.query(ProgressBar).remove()
        if message.failed:
            self.title.update(safe_text(f"{self.name_shown} · the index was not built: {message.summary}"))
            return
        say(self, f"Corpus index built: {message.summary}", timeout=5)
        self.post_message(self.IndexBuilt())
        if self._fetch is not None:
            self.results.load(self._fetch)
