"""The reader screen: the article list, the highlighted article, the entity panel and the status line.

The screen composes the widgets and routes what they say: the list says which article was chosen, the
view where its cursor went or what a person selected, the panel which entity was picked. Everything
about the open article's annotations is asked of the :class:`~tui.annotation.AnnotationController`;
extraction is the :class:`~tui.annotation.Extraction` job, whose events a thread worker posts as
:class:`~tui.messages.ExtractionProgress` and :class:`~tui.messages.ExtractionFinished`, so the text
paints at once and the highlights fill in chunk by chunk ("extracting… 40%") without freezing the screen.

Each action is a few lines that call the controller or the view; the keys are the tables of
:mod:`tui.keys`. Other screens (the corpus views) open an article here with :meth:`ReaderScreen.open_at`.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import gc
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import get_current_worker

from tui import keys
from tui.annotation import AnnotationController, AnnotationWorkspace, ArticleSession, Selection
from tui.annotation.controller import SpeakerChoice
from tui.annotation.extraction import (
    BACKGROUND_LIMIT,
    Extraction,
    ExtractorHolder,
    Progress,
    served_from_index,
)
from tui.extract import process as extraction_process
from tui.messages import (
    ArticleCounted,
    ArticleShown,
    ExtractionFinished,
    ExtractionProgress,
    HighlightsShown,
    ModelLost,
    ModelReady,
    Saved,
    SaveReported,
    TextNotExtracted,
)
from tui.model import (
    KINDS,
    Annotation,
    AnnotationSet,
    Article,
    ArticleEntry,
    ArticleLoadError,
    LabelConfigError,
    LabelDef,
    Span,
    Status,
    describe,
    quoted,
)
from tui.model.annotations import value_text
from tui.model.navigation import SpanIndex
from tui.model.selection import Side
from tui.plain import say
from tui.render import Layout
from tui.screens.corpus_link import CorpusLink
from tui.store import SaveResult, SaveState, StoreError
from tui.widgets.article_list import ArticleList, Counts
from tui.widgets.article_view import ArticleView, CursorReport
from tui.widgets.entity_panel import EntityPanel
from tui.widgets.key_bar import KeyBar
from tui.widgets.legend import Legend
from tui.widgets.status_line import StatusLine, describe_cursor

if TYPE_CHECKING:
    from tui.dialogs import ExportRequest
    from tui.dialogs.unplaced import UnplacedChoice

# The dialogs, the highlight filter screen and the exporters are imported where they are opened: none
# is needed before the first paint, and importing them all at start cost tens of milliseconds of it.

FIRST_FRAME_WAITS = 0.25
"""Seconds the first frame waits for the first article's text (a slow disk then shows "Opening…")."""

NARROW_BELOW = 70
"""Terminals narrower than this (columns) hide the article list until ``t`` or Tab shows it."""
MEDIUM_BELOW = 100
"""Terminals narrower than this (and at least :data:`NARROW_BELOW`) get a narrower list."""

KIND_NAMES = {"entity": "entities", "number": "numbers", "quote": "quotes"}
KIND_KEYS = {"entity": "1", "number": "2", "quote": "3"}

FREEZE_ABOVE = 200_000
"""Articles longer than this (characters) have their objects frozen out of garbage collection."""

OFF_IN_MODES = frozenset(
    {
        "accept",
        "reject",
        "relabel",
        "resize",
        "label_occurrences",
        "delete",
        "note",
        "speaker",
        "review_remaining",
        "undo",
        "redo",
        "export",
        "step",
        "toggle_label",
        "clear",
        "step_unreviewed",
        "review_and_next",
    }
)
"""The screen's actions switched off while selecting or choosing a speaker (their keys mean something
else there, or would confuse the mode)."""


def counts_of(spans: list[Span]) -> Counts:
    """Entities, numbers and quotes among ``spans``."""
    kinds = [s.kind for s in spans]
    return Counts(kinds.count("entity"), kinds.count("number"), kinds.count("quote"))


def breakpoint_class(width: int, breakpoints: list[tuple[int, str]]) -> str:
    """The class of the widest breakpoint ``width`` reaches (Textual's rule for its breakpoints)."""
    return next((name for least, name in sorted(breakpoints, reverse=True) if width >= least), "")


class ReaderScreen(Screen[None]):
    """List on the left, the article in the middle, the entity panel on the right (toggled).

    Args:
        entries: The articles found on the command line's paths.
        problems: What could not be read, shown once as notifications.
        workspace: Where each article's annotations are saved and which labels it uses.
        extractor: The extractor once loaded (the app loads it and posts :class:`~tui.messages.ModelReady`).
        on_save_error: Told (on any thread) about a save that failed, to repeat it after the reader closes.
    """

    BINDINGS: ClassVar[list[BindingType]] = list(keys.READER_SCREEN)

    AUTO_FOCUS = "#article-view"
    """The article takes the focus when the screen is composed. Textual's default (the first focusable
    widget) gave it to the list, whose focus adds ``-list-shown`` and the article's takes it away again:
    two restyles of every widget (about 0.1 s each) before the first frame."""

    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Textual declares it an instance variable)
        (0, "-narrow"),
        (NARROW_BELOW, "-medium"),
        (MEDIUM_BELOW, "-wide"),
    ]
    """Below :data:`NARROW_BELOW` columns the list hides (``t`` shows it over the article's left side);
    below :data:`MEDIUM_BELOW` it is narrower (styles/gloss.tcss), so the article keeps room to read."""

    class _Loaded(Message):
        """The load worker read an article and its saved annotations."""

        def __init__(
            self,
            article: Article,
            session: ArticleSession,
            layout: Layout | None,
            indexed: list[Span] | None = None,
            looked_up: bool = False,
        ) -> None:
            super().__init__()
            self.article = article
            self.session = session
            self.layout = layout
            """The text wrapped for the view's width when the worker read it (``None``: not known)."""
            self.indexed = indexed
            """The model's spans from the corpus index, when :attr:`looked_up` and it holds them."""
            self.looked_up = looked_up
            """The worker asked the store's index (it has one), so the text and its highlights come in
            one frame instead of a second worker's round trip after the text."""
            self.shown = False
            """Handled already (on_mount shows the first article as soon as it is read)."""

    class _LoadFailed(Message):
        """The load worker could not read an article."""

        def __init__(self, entry: ArticleEntry, error: str) -> None:
            super().__init__()
            self.entry = entry
            self.error = error

    def __init__(
        self,
        entries: list[ArticleEntry],
        problems: list[str],
        *,
        workspace: AnnotationWorkspace,
        extractor: ExtractorHolder,
        on_save_error: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__()
        self.entries = entries
        self.problems = problems
        self.workspace = workspace
        self.extractor = extractor
        self.controller = AnnotationController(workspace, on_error=self._save_failed, on_saved=self._saved)
        """The open article's annotations: the one place they are held and changed."""
        self.article: Article | None = None
        """The article being read."""
        self.extracted: dict[str, list[Span]] = {}
        """Spans of every article extracted so far, by key: reopening is instant."""
        self._extraction_state = ""
        self.search_query = ""
        """The last search, while its matches are marked (n/N then move between matches)."""
        self._on_save_error = on_save_error
        self._first: concurrent.futures.Future[object] = concurrent.futures.Future()
        """Done once the first article is read (or failed): what on_mount waits for."""
        self._extraction: Extraction | None = None
        self._pending_offset: tuple[str, int] | None = None
        self._opening: str | None = None
        self._extracting: str | None = None
        """The key of the article the extraction worker is on (the model's arrival does not restart it)."""
        """The key of the article last asked for (a slower load of an earlier one is dropped)."""

    # parts -----------------------------------------------------------------------------------------
    @property
    def view(self) -> ArticleView:
        """The article view."""
        return self.query_one(ArticleView)

    @property
    def status(self) -> StatusLine:
        """The status line."""
        return self.query_one(StatusLine)

    @property
    def article_list(self) -> ArticleList:
        """The article list."""
        return self.query_one(ArticleList)

    @property
    def panel(self) -> EntityPanel:
        """The entity panel."""
        return self.query_one(EntityPanel)

    @property
    def annotations(self) -> AnnotationSet | None:
        """The open article's annotations (the controller's; never a copy)."""
        return self.controller.annotations

    @property
    def session(self) -> ArticleSession | None:
        """The open article's annotation session."""
        return self.controller.session

    def compose(self) -> ComposeResult:
        """List | article + legend | panel, then search box, status line and key bar.

        The width's breakpoint class is set here, before the first styling: set by Textual on the
        first resize instead, it restyled every widget a second time before the first frame (14 ms).
        """
        if width_class := breakpoint_class(self.app.size.width, self.HORIZONTAL_BREAKPOINTS):
            self.set_class(True, width_class)
        with Horizontal(id="body"):
            with Vertical(id="list-pane"):
                # Not select_on_focus: the list hands the first letter over and focuses the box, which would
                # otherwise select that letter and let the second replace it (t, a, x → "ax").
                yield Input(placeholder="type to filter…", id="article-filter", select_on_focus=False)
                yield ArticleList(id="article-list")
            with Vertical(id="reading-pane"):
                yield ArticleView(id="article-view")
                yield Legend(id="legend")
            yield EntityPanel(id="entity-panel")
        yield Input(placeholder="search the article (Enter: go, Esc: cancel)", id="search")
        yield StatusLine(id="status")
        yield KeyBar()

    async def on_mount(self) -> None:
        """List the articles and open the first readable one, in the first frame when it is quick."""
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.article_list.summary_of = self.workspace.summary  # ✎ and unreviewed count per article
        self.article_list.set_entries(self.entries)
        self.article_list.set_skipped(list(self.skipped))
        for problem in self.problems:
            say(self, problem, severity="warning", timeout=8)
        self.view.focus()
        first = next((e for e in self.entries if e.error is None), self.entries[0] if self.entries else None)
        if first is None:
            self.view.show_message("No articles found. Give files or folders: gloss PATH…")
            return
        self._first = concurrent.futures.Future()
        self.open_entry(first)
        # The screen is drawn once this returns. Waiting a moment for the first article puts its text in
        # the first frame, instead of drawing "Opening…" and then, with the text, the whole view again.
        with contextlib.suppress(asyncio.TimeoutError):
            loaded = await asyncio.wait_for(asyncio.wrap_future(self._first), FIRST_FRAME_WAITS)
            if isinstance(loaded, self._Loaded):
                self._loaded(loaded)

    def on_unmount(self) -> None:
        """Save what is pending when the reader closes, and close the corpus indexes it opened."""
        self.close_session()
        if "corpus" in self.__dict__:  # the link (a cached property) exists only once something used it
            self.corpus.close()

    def _theme_changed(self, _theme: object) -> None:
        """Colours of the legend and panel come from the view's styles: redraw them in the new theme.

        The list and the view draw with component styles that Textual does not know they use, so they
        are told to drop what they drew (``notify_style_update``) even when their own styles did not change.
        """
        for widget in (self.article_list, self.view):
            widget.notify_style_update()
        self.call_after_refresh(self.refresh_highlights)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The article's keys are off (and off the key bar) while the list or its filter has focus;
        while the view is in a key mode, the reading and editing keys that would confuse it are off."""
        if action in keys.ARTICLE_ACTIONS and self.list_has_focus:
            return False
        if action == "toggle_list":  # only a narrow screen hides the list: only there is the key
            return self.has_class("-narrow")
        if action in OFF_IN_MODES:
            with contextlib.suppress(NoMatches):
                return self.view.mode == "normal"
        return True

    @property
    def list_has_focus(self) -> bool:
        """Whether the article list or its filter box has the focus (the key bar shows the list's keys)."""
        focused = self.focused
        return focused is not None and focused.id in ("article-list", "article-filter")

    def focus_pane(self) -> str:
        """The pane with the focus, by the help's name for its keys: ``list``, ``panel`` or ``article``
        (the help, opened over this screen, shows that pane's keys first)."""
        if self.list_has_focus:
            return "list"
        return "panel" if self.focused is not None and self.focused.id == "entity-panel" else "article"

    # opening articles ------------------------------------------------------------------------------
    def open_entry(self, entry: ArticleEntry) -> None:
        """Show an article: its text as soon as it is read, its highlights once extracted."""
        self.article_list.set_open(entry.key)
        self.article_list.highlight_key(entry.key)
        self.close_session()  # the article being left: its pending changes are saved now
        self.article = None
        self._opening = entry.key
        self.view.show_message(f"Opening {entry.title}…")
        self._load(entry, self.view, self.corpus)  # the link is made here, on the UI thread

    def entry_for(self, key: str | None) -> ArticleEntry | None:
        """The listed entry of the article with ``key`` (``None``: no such article, or no key)."""
        return next((e for e in self.entries if e.key == key), None) if key is not None else None

    def open_at(self, key: str, offset: int | None = None) -> bool:
        """Open the article with ``key`` with ``text[offset]`` in view and the cursor on the span there
        once its highlights are shown (how the corpus views hand a hit to the reader).

        Returns:
            ``False`` when no listed article has this key.
        """
        entry = self.entry_for(key)
        if entry is None:
            return False
        self._pending_offset = (key, offset) if offset is not None else None
        if self.article is not None and self.article.key == key:
            self._go_to_pending()
        else:
            self.open_entry(entry)
        return True

    def _go_to_pending(self) -> None:
        pending, article = self._pending_offset, self.article
        if pending is not None and article is not None and pending[0] == article.key:
            self._pending_offset = None
            self.view.go_to_offset(pending[1])

    def close_session(self) -> bool:
        """Save what is pending and stop autosaving the open article; returns whether all is saved."""
        with contextlib.suppress(NoMatches):  # while the screen is taken down its widgets are gone
            if self.view.mode != "normal":
                self.view.end_mode()
        return self.controller.close()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self, entry: ArticleEntry, view: ArticleView, corpus: CorpusLink) -> None:
        loaded: ReaderScreen._Loaded | None = None
        try:
            article = entry.load()
            session = self.controller.open(entry, article)  # reads its saved annotations, if any
            layout = view.layout_for(article.text)  # here, not on the UI thread between frame and text
            # the index is asked whenever _loaded would find nothing in memory (an empty list included)
            looked_up = not self.extracted.get(article.key) and corpus.indexes.has_index(session.store)
            indexed = corpus.indexed_spans(session.store, article) if looked_up else None
        except ArticleLoadError as error:
            self.post_message(self._LoadFailed(entry, str(error)))
        except Exception as error:  # a bug must say so, never leave the view at "Opening…"
            self.post_message(self._LoadFailed(entry, f"cannot open: {type(error).__name__}: {error}"))
        else:
            if get_current_worker().is_cancelled:
                session.close()
            else:
                loaded = self._Loaded(article, session, layout, indexed, looked_up)
                self.post_message(loaded)
        finally:
            with contextlib.suppress(concurrent.futures.InvalidStateError):  # a later article's load
                if not self._first.done():
                    self._first.set_result(loaded)  # on_mount may still be waiting to show it at once

    @on(_LoadFailed)
    def _load_failed(self, message: _LoadFailed) -> None:
        entry = message.entry
        entry.error = entry.error or message.error
        self.article_list.refresh()
        if entry.key != self._opening:
            return  # another article was asked for since: its own load decides what is shown
        self.view.show_message(message.error)
        self.status.show_cursor(None, "This article cannot be read; J/K or the list open another.")
        self.extraction_state = ""  # the counts of the article shown before are not this one's
        self.status.state = self.extraction_state
        self.query_one(Legend).show([])

    @on(_Loaded)
    def _loaded(self, message: _Loaded) -> None:
        if message.shown:
            return  # on_mount showed it already
        message.shown = True
        article, session = message.article, message.session
        if article.key != self._opening:
            session.close()  # another article was asked for since: it wins
            return
        self.article = article
        if article.text and not article.text.isspace():  # no copy of a book's text to find out
            self.view.show_text(article.text, message.layout)
            self.status.show_cursor(None, f"n next highlight · ? keys · {article.title}")
        else:  # an empty pane would look like a reader that failed to draw
            self.view.show_message("This article has no text: its file is empty, or white space only.")
            self.status.show_cursor(None, f"J/K or the list open another · {article.title}")
        self._adopt(session)  # saved work shows at once; suggestions merge in as they come
        cached = self.extracted.get(article.key) or self._suggestions_saved()
        if cached is not None:
            self._show_extracted(article, cached)
            self.extraction_state = self.extractor.describe(len(cached))
            self._count_visible()  # the other articles' counts, as after an extraction
        elif message.looked_up:  # the corpus index as the cache, asked by the load worker
            self._extracting = article.key
            self._corpus_served(article, message.indexed)
        elif self.extractor.extractor is not None:
            self._start_extraction(article)
        else:
            self.extractor.need()  # nothing else can give this article's highlights
            self.extraction_state = self.extractor.state
            self.refresh_highlights()
        self.status.state = self.extraction_state
        self.app.post_message(ArticleShown(article))
        self._go_to_pending()

    def _adopt(self, session: ArticleSession) -> None:
        opened = self.controller.adopt(session)
        session.on_report = self._save_reported
        self._tell_conflict_copies(session)
        self.view.set_label_colours(
            {d.name: Style(color=d.colour) for d in session.labels.labels.values() if d.colour}
        )
        for notice in opened.notices:
            say(self, notice, title="Saved annotations", severity="warning", timeout=12)
        if session.corrupt is not None:
            from tui.dialogs.corrupt_file import CorruptFileDialog

            self.app.push_screen(
                CorruptFileDialog(session.corrupt, session.article.title), self._corrupt_decided
            )

    def _corrupt_decided(self, fresh: bool | None) -> None:
        session = self.controller.session
        if session is None or session.corrupt is None:
            return
        if not fresh:
            say(
                self,
                f"{session.corrupt.path} is kept as it is; changes to this article are not saved.",
                title="Not saving",
                severity="warning",
                timeout=10,
            )
            return
        try:
            aside = session.start_fresh()
        except StoreError as error:
            say(self, str(error), title="Could not set the file aside", severity="error", timeout=10)
            return
        say(self, f"The unreadable file is kept as {aside}; annotations are saved again.", timeout=8)

    def _suggestions_saved(self) -> list[Span] | None:
        """The model's spans from the saved file when they are the current extractor's (skip extracting)."""
        if self.extractor.extractor is None:
            return None
        return self.controller.suggestions_saved(*self.extractor.identity())

    # saving, from the saver's thread ---------------------------------------------------------------
    def _save_failed(self, error: StoreError) -> None:
        if self._on_save_error is not None:
            self._on_save_error(str(error))

    def _saved(self, version: int) -> None:
        with contextlib.suppress(RuntimeError):  # the loop has stopped: nothing is on screen any more
            self.post_message(Saved())

    @on(Saved)
    def _refresh_list(self) -> None:
        with contextlib.suppress(NoMatches):  # the screen is being taken down
            self.article_list.refresh()

    # extraction ------------------------------------------------------------------------------------
    @on(ModelReady)
    def model_ready(self) -> None:
        """The extractor loaded (or failed): extract what is open, unless its saved file has it."""
        article = self.article
        if article is None or article.key in self.extracted or self._extracting == article.key:
            return
        saved = self._suggestions_saved()
        if saved is not None:
            self._finish(article, saved)
        elif self.extractor.extractor is not None:
            self._start_extraction(article)
        else:
            self.extractor.need()
            self.extraction_state = self.extractor.state
            self.status.state = self.extraction_state

    def _job(self) -> Extraction | None:
        extractor = self.extractor.extractor
        if extractor is None:
            return None
        if self._extraction is None or self._extraction.extractor is not extractor:
            self._extraction = Extraction(extractor)
        return self._extraction

    def _start_extraction(self, article: Article) -> None:
        self._extracting = article.key
        self._extract(article)

    @work(thread=True, exclusive=True, group="extract", exit_on_error=False)
    def _extract(self, article: Article) -> None:
        """Extract the open article, posting each progress event and the finished spans."""
        job = self._job()
        if job is None:  # the model was lost between asking for this and starting it
            self.post_message(ModelLost("the model is no longer loaded"))
            return
        worker = get_current_worker()
        try:
            for event in job.article(article, lambda: worker.is_cancelled):
                if isinstance(event, Progress):
                    self.post_message(ExtractionProgress(event))
                else:
                    self.post_message(ExtractionFinished(event))
        except extraction_process.TextNotExtracted as error:
            self.post_message(TextNotExtracted(article.key, str(error)))
        except extraction_process.ModelProcessError as error:
            self.post_message(ModelLost(str(error)))  # the app owns the model: it says so, reading goes on

    @on(TextNotExtracted)
    def _not_extracted(self, message: TextNotExtracted) -> None:
        """The model failed on this article alone: say why on the status line; the next one is tried."""
        if self._extracting == message.key:
            self._extracting = None
        if self.article is not None and self.article.key == message.key:
            self.extraction_state = f"not extracted: {message.error}"  # the status line makes it drawable
            self.status.state = self.extraction_state

    @on(ModelLost)
    def _model_lost(self) -> None:
        """The extraction stopped with the model's process: nothing is extracting any more (the message
        goes on to the app, which owns the model and tells the reader again with ModelReady, unless it
        already knew: then the status line is brought up to date here)."""
        self._extracting = None
        if self.extractor.failed:
            self.model_ready()

    @on(ExtractionProgress)
    def _progress(self, message: ExtractionProgress) -> None:
        """Some chunks are extracted: merge the new spans into the saved work and show them."""
        event = message.event
        if self.article is None or self.article.key != event.article.key:
            return
        self.extraction_state = f"extracting… {event.done:.0%}"
        self.status.state = self.extraction_state
        model, version = self.extractor.identity()
        if self.controller.merge_progress(event.article, event.annotations, model=model, version=version):
            self.refresh_highlights()

    @on(ExtractionFinished)
    def _extraction_finished(self, message: ExtractionFinished) -> None:
        event = message.event
        if self._extracting == event.article.key:
            self._extracting = None
        self._finish(event.article, event.spans, event.index)
        self._count_visible()

    def _finish(self, article: Article, spans: list[Span], index: SpanIndex | None = None) -> None:
        """Extraction is complete: keep the spans, count them in the list, show the final set."""
        self.extracted[article.key] = spans
        self.article_list.set_counts(article.key, counts_of(spans))
        if self.article is None or self.article.key != article.key:
            return
        self.extraction_state = self.extractor.describe(len(spans))
        self.status.state = self.extraction_state
        self._show_extracted(article, spans)
        if index is not None:
            self.view.prime_index(index)
        if len(article.text) > FREEZE_ABOVE:
            # A book's tens of thousands of annotations would otherwise be walked by every garbage
            # collection, which shows up as pauses on keypresses (PERF-NOTES: far jumps 43 → 17 ms).
            gc.collect()
            gc.freeze()
        self.app.post_message(HighlightsShown(article))
        self._go_to_pending()

    def _show_extracted(self, article: Article, spans: list[Span]) -> None:
        model, version = self.extractor.identity()
        self.controller.merge_complete(article, spans, model=model, version=version)
        self.refresh_highlights()

    def _count_visible(self) -> None:
        """Count the spans of the articles around the highlight in the list, a few at a time: from the
        corpus index where it holds them for the text as it reads now, else with the model (the link
        to the index is made here, on the UI thread)."""
        self._count_around(self._job(), self.corpus)

    @work(thread=True, exclusive=True, group="background", exit_on_error=False)
    def _count_around(self, job: Extraction | None, corpus: CorpusLink) -> None:
        worker = get_current_worker()
        article_list = self.article_list
        start = max(0, article_list.highlighted - 10)
        for index in article_list.shown[start : start + 30]:
            entry = article_list.entries[index]
            if worker.is_cancelled:
                return
            if entry.key in self.extracted or entry.error is not None:
                continue
            store = self.workspace.store_for(entry)
            indexed = corpus.indexes.has_index(store)
            if job is None and not indexed:
                continue
            try:
                article = entry.load()
            except ArticleLoadError:
                continue
            spans = corpus.indexed_spans(store, article) if indexed else None
            if spans is None and job is not None and len(article.text) <= BACKGROUND_LIMIT:
                try:
                    spans = job.count(article.text, lambda: worker.is_cancelled)
                except extraction_process.TextNotExtracted:
                    continue  # counted when opened, where the reason is shown
                except extraction_process.ModelProcessError as error:
                    self.post_message(ModelLost(str(error)))
                    return
            if spans is not None:
                self.post_message(ArticleCounted(entry.key, spans))

    @on(ArticleCounted)
    def _counted(self, message: ArticleCounted) -> None:
        self.extracted.setdefault(message.key, message.spans)
        self.article_list.set_counts(message.key, counts_of(message.spans))

    # showing the annotations -----------------------------------------------------------------------
    def refresh_highlights(self) -> None:
        """Hand the current annotations to the view, legend and panel (call after every change)."""
        view = self.view
        annotations = self.controller.annotations
        view.show_annotations(annotations)
        labels = {(a.kind, a.label) for a in annotations or ()}
        if self.controller.labels is not None:  # a corpus's own labels are listed even before use
            labels |= {(d.kind, d.name) for d in self.controller.labels.custom}
        self.query_one(Legend).show(
            (
                label if kind == "entity" else kind,
                view.label_style(label, kind),
                view.highlights.is_hidden(kind, label),
            )
            for kind, label in _one_per_kind(sorted(labels))
        )
        panel = self.panel
        if panel.display:
            panel.show_groups(view.index.groups(), view.shown, view.label_style)
        self._show_review_left()

    def after_edit(self, annotation_id: str | None = None) -> None:
        """Show the changed annotations and put the cursor on ``annotation_id`` when given."""
        if self.controller.session is None:
            return
        self.refresh_highlights()
        view = self.view
        if annotation_id is not None and view.move_to_annotation(annotation_id):
            return
        self.status.show_cursor(view.report(), self.status.position)

    def current_span(self) -> Annotation | None:
        """The span the annotation keys act on: the one at the search match, else under the cursor.

        Says why when there is none (the article is opening, or the cursor is on no span).
        """
        if self.controller.session is None:
            say(self, "The article is still opening.", timeout=3)
            return None
        current = self.view.current  # the one cursor: a search match or a jump put it there
        if current is None:
            say(self, "Put the cursor on a span first (n, ] or a click).", timeout=3)
        return current

    # messages from the widgets ---------------------------------------------------------------------
    @on(ArticleList.Selected)
    def _article_chosen(self, event: ArticleList.Selected) -> None:
        self.open_entry(event.entry)
        self.view.focus()

    @on(ArticleList.FilterTyped)
    def _filter_typed(self, event: ArticleList.FilterTyped) -> None:
        box = self.query_one("#article-filter", Input)
        box.value += event.character
        box.cursor_position = len(box.value)
        box.focus()

    @on(ArticleList.FilterCleared)
    def _filter_cleared(self) -> None:
        self.query_one("#article-filter", Input).value = ""

    @on(Input.Changed, "#article-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.article_list.set_filter(event.value)

    @on(Input.Submitted, "#article-filter")
    def _filter_submitted(self) -> None:
        self.article_list.action_select()

    @on(ArticleView.CursorMoved)
    def _cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        hint = f"n next highlight · ? keys · {self.article.title}" if self.article else ""
        self.status.show_cursor(event.report, hint)
        self._name_value(event.report)
        self._name_match(event.report)

    @on(ArticleView.Prompted)
    def _prompted(self, event: ArticleView.Prompted) -> None:
        self.status.position = event.text

    @on(ArticleView.ModeCancelled)
    def _mode_cancelled(self) -> None:
        self.status.show_cursor(self.view.report(), "Cancelled.")

    @on(ArticleView.SelectionMade)
    def _selection_made(self, event: ArticleView.SelectionMade) -> None:
        selection = event.selection
        if self.controller.session is None:
            return
        if selection.purpose == "resize" and selection.target is not None:
            annotation = self.controller.set_bounds(selection.target, selection.start, selection.end)
            self._edited_in_mode(annotation.id)
            return
        self._ask_label("Label the selection", None, self._label_selection)

    def _label_selection(self, label: str | None) -> None:
        selection = self.view.selecting
        if label is None or selection is None or self.controller.session is None:
            return  # the selection stays: Enter asks again, Esc leaves
        self._edited_in_mode(self.controller.add_span(selection.start, selection.end, label).id)

    @on(ArticleView.SpeakerChosen)
    def _speaker_chosen(self, event: ArticleView.SpeakerChosen) -> None:
        if self.controller.session is None:
            return
        speaker_id = event.speaker.id if event.speaker is not None else None
        self._edited_in_mode(self.controller.link_speaker(event.quote.id, speaker_id).id)

    def _edited_in_mode(self, annotation_id: str) -> None:
        self.view.end_mode()
        self.status.show_cursor(self.view.report(), self.status.position)
        self.after_edit(annotation_id)

    @on(EntityPanel.Chosen)
    def _entity_chosen(self, event: EntityPanel.Chosen) -> None:
        view = self.view
        mentions = event.group.indices
        if view.cursor in mentions:
            position = (mentions.index(view.cursor) + 1) % len(mentions)
            view.move_to(mentions[position], wrapped=position == 0)
        else:
            view.move_to(mentions[0])

    def on_key(self, event: events.Key) -> None:
        """Keys typed in the filter box that move in the list (↑ ↓) or leave it (Esc)."""
        box = self.query_one("#article-filter", Input)
        if self.focused is box and event.key in ("up", "down"):
            self.article_list.action_cursor(1 if event.key == "down" else -1)
            event.stop()
        elif self.focused is box and event.key == "escape":
            box.value = ""
            self.article_list.focus()
            event.stop()
        elif self.focused is self.query_one("#search", Input) and event.key == "escape":
            self.view.search(self.search_query)  # what was typed is dropped, the last search stays
            self._close_search()
            event.stop()

    # jumping ---------------------------------------------------------------------------------------
    def _say_if_not(self, moved: bool, nothing: str) -> None:
        if not moved and nothing:
            say(self, nothing, timeout=3)

    def action_step(self, direction: int) -> None:
        """Next/previous span of any highlighted kind (or search match while a search is active)."""
        if self.view.matches:
            self._step_match(direction)
            return
        self._say_if_not(self.view.next_span(forward=direction > 0), "No highlights.")

    def action_step_kind(self, kind: str, direction: int) -> None:
        """Next/previous entity, number or quote."""
        if kind in self.view.highlights.hidden_kinds:
            say(self, f"{KIND_NAMES[kind].capitalize()} are hidden: {KIND_KEYS[kind]} shows them.", timeout=3)
            return
        moved = self.view.next_span(forward=direction > 0, kind=kind)
        self._say_if_not(moved, f"No {KIND_NAMES[kind]} in this article.")

    def action_step_label(self, direction: int) -> None:
        """Next/previous span with the current span's label."""
        if self.view.current is None:
            say(self, "Put the cursor on a span first (n).", timeout=3)
            return
        self.view.next_same_label(forward=direction > 0)

    def action_step_entity(self, direction: int) -> None:
        """Next/previous mention of the current entity ("Kim Jong Un" → "Kim"), wrapping around."""
        if self.view.cursor is None:
            say(self, "Put the cursor on a span first (n).", timeout=3)
            return
        if not self.view.next_mention(forward=direction > 0):
            self.notify("This is the only mention of it.", timeout=3)

    # search ----------------------------------------------------------------------------------------
    def action_search(self) -> None:
        """Open the search box under the article."""
        box = self.query_one("#search", Input)
        box.value = self.search_query
        box.add_class("-shown")
        self.add_class("-searching")  # the box takes the key bar's line while typing
        box.focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.search_query = event.value
        found = self.view.search(event.value)
        self._close_search()
        if not event.value:
            return
        if not found:
            self.status.position = f"/{event.value}: not found"
            return
        self._step_match(1)

    def _step_match(self, direction: int) -> None:
        self.view.next_match(forward=direction > 0)  # the cursor follows; CursorMoved says where

    def _close_search(self) -> None:
        self.query_one("#search", Input).remove_class("-shown")
        self.remove_class("-searching")
        self.view.focus()

    def action_clear(self) -> None:
        """Esc: clear the search marks (n/N go back to moving between spans)."""
        if self.view.matches:
            self.search_query = ""
            self.view.search("")
            self.status.show_cursor(self.view.report(), "Search cleared.")

    # panes, articles and highlights ----------------------------------------------------------------
    def action_switch_pane(self) -> None:
        """Tab: list → article → entity panel (when shown) → list."""
        panel = self.panel
        order = [self.article_list, self.view] + ([panel] if panel.display else [])
        focused = self.article_list if self.list_has_focus else self.focused  # the filter box: the list's
        position = next((i for i, w in enumerate(order) if w is focused), -1)
        target = order[(position + 1) % len(order)]
        if target is self.article_list:
            self.add_class("-list-shown")  # on a narrow screen the list shows while it has the focus
        target.focus()

    def action_open_next(self, step: int) -> None:
        """Open the next/previous article of the (filtered) list."""
        article_list = self.article_list
        if not article_list.shown:
            return
        current = self.article.key if self.article else article_list.open_key
        keys_shown = [article_list.entries[i].key for i in article_list.shown]
        position = keys_shown.index(current) if current in keys_shown else -1
        self.open_entry(article_list.entries[article_list.shown[(position + step) % len(keys_shown)]])

    def action_toggle_list(self) -> None:
        """``t`` on a narrow screen: show the list (and go to it), or hide it again."""
        if self.has_class("-list-shown"):
            self.view.focus()
        else:
            self.add_class("-list-shown")  # shown first: a hidden widget cannot take the focus
            self.set_focus(self.article_list)  # now, so keys typed right after t go to the list

    def on_descendant_focus(self) -> None:
        """On a narrow screen the list shows while it (or its filter) has the focus, and only then."""
        self.set_class(self.list_has_focus, "-list-shown")

    def action_toggle_panel(self) -> None:
        """Show or hide the entity panel."""
        panel = self.panel
        panel.display = not panel.display
        if panel.display:
            self.refresh_highlights()
            panel.focus()
        else:
            self.view.focus()

    def action_toggle_kind(self, kind: str) -> None:
        """Switch the highlights of entities, numbers or quotes off or on."""
        highlights = self.view.highlights
        self._apply_filters(highlights.hidden_kinds ^ {kind}, highlights.hidden_labels)
        state = "hidden" if kind in highlights.hidden_kinds else "shown"
        say(self, f"{KIND_NAMES[kind].capitalize()} {state}.", timeout=2)

    def action_toggle_label(self) -> None:
        """Choose which labels are highlighted, in a list of the labels the article has."""
        labels = sorted({a.label for a in self.annotations or ()})
        if not labels:
            say(self, "No highlights yet.", timeout=3)
            return

        def chosen(hidden: frozenset[str] | None) -> None:
            if hidden is not None:
                self._apply_filters(self.view.highlights.hidden_kinds, hidden)

        from tui.screens.highlights import HighlightsScreen

        self.app.push_screen(HighlightsScreen(labels, self.view.highlights.hidden_labels), chosen)

    def _apply_filters(self, hidden_kinds: frozenset[str], hidden_labels: frozenset[str]) -> None:
        self.view.set_filters(hidden_kinds, hidden_labels)
        self.refresh_highlights()
        self.status.show_cursor(self.view.report(), self.status.position)

    # reviewing and labelling -----------------------------------------------------------------------
    def _style_for_label(self, definition: LabelDef) -> Style:
        return self.view.label_style(definition.name, definition.kind)

    def _ask_label(self, title: str, current: str | None, then: Callable[[str | None], None]) -> None:
        labels = self.controller.labels
        if labels is not None:
            from tui.dialogs.label_prompt import LabelPrompt

            prompt = LabelPrompt(labels, title=title, current=current, style_for=self._style_for_label)
            self.app.push_screen(prompt, self._creating_labels(then))  # Enter in it opens the picker

    def action_accept(self) -> None:
        """Accept the current span."""
        if (current := self.current_span()) is not None:
            self.after_edit(self.controller.accept(current.id).id)

    def action_reject(self) -> None:
        """Reject the current span; it stays visible, dimmed and struck through."""
        if (current := self.current_span()) is not None:
            self.after_edit(self.controller.reject(current.id).id)

    def action_review_remaining(self, status: Status) -> None:
        """Accept or reject every remaining suggestion, of the article or of the current label."""
        annotations = self.annotations
        if annotations is None:
            return
        waiting = annotations.unreviewed()
        if not waiting:
            say(self, "No suggestions are left to review.", timeout=3)
            return
        current = self.view.current
        label = current.label if current is not None else None
        in_label = sum(1 for a in annotations if a.status == "suggested" and a.label == label)
        verb = "Accept" if status == "accepted" else "Reject"
        from tui.dialogs.review_remaining import ARTICLE, ReviewRemainingDialog

        def chosen(choice: str | None) -> None:
            if choice is None or self.controller.session is None:
                return
            count = self.controller.review_remaining(status, None if choice == ARTICLE else choice)
            say(self, f"{verb}ed {count} suggestions · u undoes it", timeout=4)
            self.after_edit(current.id if current is not None else None)

        self.app.push_screen(ReviewRemainingDialog(verb, waiting, label, in_label), chosen)

    def action_relabel(self) -> None:
        """Relabel the current span with one key (the prompt lists them)."""
        if (current := self.current_span()) is not None:
            self._ask_label(f"Relabel {describe(current)} as", current.label, self._relabelled(current.id))

    def action_label_picker(self) -> None:
        """The label picker for the selection being made, else for the current span."""
        labels = self.controller.labels
        if labels is None:
            return
        selecting = self.view.selecting
        if selecting is not None and selecting.purpose == "add":
            then: Callable[[str | None], None] = self._label_selection
            title, current_label = "Label the selection", None
        elif (current := self.current_span()) is not None:
            then, title, current_label = (
                self._relabelled(current.id),
                f"Relabel {describe(current)}",
                current.label,
            )
        else:
            return
        from tui.dialogs.label_picker import LabelPicker

        picker = LabelPicker(labels, title=title, current=current_label, style_for=self._style_for_label)
        self.app.push_screen(picker, self._creating_labels(then))

    def _creating_labels(self, then: Callable[[str | None], None]) -> Callable[[str | None], None]:
        """``then``, after saving a label the picker was asked to create ("create label CLAIM")."""

        def apply(label: str | None) -> None:
            labels, article = self.controller.labels, self.article
            if label is not None and labels is not None and label not in labels.labels:
                entry = self.entry_for(article.key if article is not None else None)
                if entry is None:
                    return
                try:
                    definition = self.workspace.create_label(entry, label)
                except LabelConfigError as error:
                    say(self, str(error), title="The label was not created", severity="error", timeout=10)
                    return
                key = f"key {definition.key}" if definition.key else "no key left: pick it by name"
                say(self, f"New label {label} ({key}), saved to {labels.path}", timeout=5)
            then(label)

        return apply

    def _relabelled(self, annotation_id: str) -> Callable[[str | None], None]:
        def apply(label: str | None) -> None:
            changed = self.controller.relabel(annotation_id, label) if label is not None else None
            if changed is not None:
                self.after_edit(changed.id)

        return apply

    def action_label_occurrences(self) -> None:
        """Label every other occurrence of the current span's text the same way."""
        if (current := self.current_span()) is None:
            return
        added = self.controller.label_occurrences(current.id)
        what = quoted(current)  # “old friend.”: a quote's marks are not doubled
        if added:
            message = f"Labelled {len(added)} more {what} as {current.label}"
        else:
            message = f"No other {what} to label"
        say(self, message, timeout=4)
        self.after_edit(current.id)

    # spans -----------------------------------------------------------------------------------------
    def action_select(self) -> None:
        """Start a selection (or, when selecting, cancel it) at the search match, the cursor or the top."""
        view = self.view
        if view.mode == "select":
            view.action_cancel_mode()
            return
        if self.controller.session is None:
            return
        match = view.navigator.current_match
        if match is not None:
            selection = Selection.at(view.text, match.start, match.end)
            self.action_clear()  # the selection takes the search's place on screen
        elif view.current is not None:
            selection = Selection.at(view.text, view.current.start, view.current.end)
        else:
            selection = Selection.at(view.text, view.origin)
        if not selection.is_empty:
            view.begin_selection(selection)

    def action_resize(self, side: str) -> None:
        """Move the current span's start (``<``) or end (``>``) with the selection keys."""
        if (current := self.current_span()) is None:
            return
        edge: Side = "start" if side == "start" else "end"
        self.view.begin_selection(
            Selection(self.view.text, current.start, current.end, edge, "resize", current.id)
        )

    def action_delete(self) -> None:
        """Delete the current span."""
        if (current := self.current_span()) is None:
            return
        self.controller.delete(current.id)
        say(self, f"Deleted {describe(current)} · u undoes it", timeout=3)
        self.after_edit()

    def action_note(self) -> None:
        """Attach, edit or clear the current span's note."""
        if (current := self.current_span()) is None:
            return

        def written(note: str | None) -> None:
            if note is not None and self.controller.session is not None and note != current.note:
                self.after_edit(self.controller.set_note(current.id, note).id)

        from tui.dialogs.note_editor import NoteEditor

        self.app.push_screen(NoteEditor(describe(current), current.note), written)

    def action_speaker(self) -> None:
        """Choose the speaker of the quote under the cursor (or the quote around it)."""
        if (current := self.current_span()) is None:
            return
        choice = self.controller.speaker_choice(current)
        if isinstance(choice, SpeakerChoice):
            self.view.begin_speaker_choice(choice)
        elif choice is not None:
            say(self, choice, timeout=4 if choice.startswith("No PERSON") else 3)

    # history, saving and exporting -----------------------------------------------------------------
    def action_undo(self) -> None:
        """Undo the last change."""
        self._history(undo=True)

    def action_redo(self) -> None:
        """Redo the last undone change."""
        self._history(undo=False)

    def _history(self, *, undo: bool) -> None:
        if self.controller.session is None:
            return
        edit = self.controller.undo() if undo else self.controller.redo()
        if edit is None:
            say(self, "Nothing to undo." if undo else "Nothing to redo.", timeout=2)
            return
        say(self, f"{'Undone' if undo else 'Redone'}: {edit.description}", timeout=3)
        change = edit.changes[0]
        landed = change.before if undo else change.after
        self.after_edit(landed.id if landed is not None else None)

    def action_save_now(self) -> None:
        """Save now (changes are saved within a second anyway)."""
        session = self.controller.session
        if session is None:
            return
        if session.saving_blocked:
            say(
                self,
                "Not saving: the saved file could not be read (reopen the article to decide).",
                timeout=5,
            )
        elif session.flush():
            say(self, f"Saved to {session.store.path_for(session.article)}", timeout=3)

    def action_export(self) -> None:
        """Export annotations (this article, or every annotated one) in a format training tools read."""
        session = self.controller.session
        stem = session.article.path.stem if session is not None else "gloss"

        def chosen(request: ExportRequest | None) -> None:
            if request is None:
                return
            current = self.controller.session
            snapshot = None
            if current is not None:
                current.flush()
                snapshot = (current.article, current.annotations.snapshot())
            self._export(request, snapshot)

        entry = self.entry_for(session.article.key if session is not None else None)
        from tui.dialogs.export_dialog import ExportDialog

        self.app.push_screen(ExportDialog(stem, self.workspace.articles_folder(entry)), chosen)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, request: ExportRequest, current: tuple[Article, AnnotationSet] | None) -> None:
        from tui.annotation.exporting import export_annotations

        try:
            lines = export_annotations(
                request.format,
                request.out,
                scope=request.scope,
                include_suggestions=request.include_suggestions,
                workspace=self.workspace,
                current=current,
            )
        except (OSError, ValueError) as error:
            self.app.call_from_thread(say, self, f"Export failed: {error}", severity="error", timeout=10)
            return
        self.app.call_from_thread(say, self, "\n".join(lines), title="Exported", timeout=10)

    # ui-hardening: what saving says, and quitting without losing edits -----------------------------
    skipped: tuple[str, ...] = ()
    """Files the scan left out on purpose, for the list (the app sets it per screen before mounting)."""

    def _save_reported(self, result: SaveResult) -> None:
        with contextlib.suppress(RuntimeError):  # called on the saving thread; the loop may be gone
            self.post_message(SaveReported(result.message))

    def _tell_conflict_copies(self, session: ArticleSession) -> None:
        """An article opened with other writers' conflict copies beside its file: say where they are."""
        copies = session.store.conflict_copies(session.article)
        if copies:
            names = ", ".join(str(copy) for copy in copies[-3:])
            more = f" (the last 3 of {len(copies)})" if len(copies) > 3 else ""
            say(
                self,
                f"Another writer's conflicting edits are kept in {names}{more}; compare, then delete.",
                title="Conflict copies",
                severity="warning",
                timeout=15,
            )

    @on(SaveReported)
    def _show_save_report(self, message: SaveReported) -> None:
        say(self, message.message, title="Another writer saved this article", severity="warning", timeout=15)

    @on(Saved)
    def show_save_state(self) -> None:
        """Mark the status line while saving fails (the mark goes once a save succeeds)."""
        state = self.save_state()
        with contextlib.suppress(NoMatches):
            self.status.unsaved = f"● {state.unsaved_edits} unsaved" if state and state.failing else ""

    def save_state(self) -> SaveState | None:
        """The open article's save state (``None``: no article is open)."""
        session = self.controller.session
        return session.saver.state if session is not None else None

    def save_pending(self) -> bool:
        """Try to save what is pending now; returns whether every edit is on disk (quitting is safe)."""
        session = self.controller.session
        saved = session.flush() if session is not None else True
        self.show_save_state()
        return saved

    # ui-annotator: one cursor, review queue ---------------------------------------------------------
    def _name_match(self, report: CursorReport | None) -> None:
        """While a search match is current, the status line names it beside the span the keys act on."""
        view = self.view
        match, place = view.navigator.current_match, view.match_cursor
        if match is None or place is None or not self.search_query:
            return
        where = f"/{self.search_query}: match {place + 1} of {len(view.matches)}"
        what = describe_cursor(report) if report is not None else "no span here (v selects it)"
        self.status.position = f"{where} · {what} · n/N next/previous · Esc clears"

    @property
    def extraction_state(self) -> str:
        """What the right of the status line says: extraction's state, and how many suggestions of the
        open article are left to review (the counter follows every edit)."""
        annotations = self.controller.annotations
        left = annotations.unreviewed() if annotations is not None else 0
        state = self._extraction_state
        return f"{left} to review · {state}" if left and state else (f"{left} to review" if left else state)

    @extraction_state.setter
    def extraction_state(self, state: str) -> None:
        self._extraction_state = state

    def _show_review_left(self) -> None:
        """After every change: the counter on the status line and the open article's counts in the list."""
        annotations, article = self.controller.annotations, self.article
        with contextlib.suppress(NoMatches):
            self.status.state = self.extraction_state
            if annotations is not None and article is not None and self.controller.is_open(article):
                kept = [a.span for a in annotations if a.status != "rejected"]
                self.article_list.set_counts(article.key, counts_of(kept))

    @on(Input.Changed, "#search")
    def _search_typed(self, event: Input.Changed) -> None:
        """Incremental search: every match is marked and counted as the query is typed."""
        if not self.query_one("#search", Input).has_class("-shown"):
            return  # the box is being filled in by action_search, not typed into
        found = self.view.search(event.value)
        if event.value:
            counted = f"{found} match{'es' if found != 1 else ''}" if found else "not found"
            self.status.position = f"/{event.value}: {counted} · Enter goes to the first · Esc cancels"

    def _placing_target(self) -> tuple[int, int] | None:
        """Where an unplaced span would go: the selection, else the search match, else the cursor's span."""
        view = self.view
        if view.selecting is not None and not view.selecting.is_empty:
            return view.selecting.start, view.selecting.end
        if (match := view.navigator.current_match) is not None:
            return match.start, match.end
        current = view.current
        return (current.start, current.end) if current is not None else None

    def action_unplaced(self) -> None:
        """The spans the changed text lost: Enter places one at the cursor, ``d`` discards it."""
        unplaced = self.controller.unplaced
        if not unplaced:
            self.notify("Every saved span has its place in the text.", timeout=3)
            return
        target = self._placing_target()
        words = f"“{' '.join(self.view.text[target[0] : target[1]].split())}”" if target else ""
        annotations = self.controller.annotations
        contexts = annotations.unplaced_context if annotations is not None else {}
        from tui.dialogs.unplaced import UnplacedDialog

        self.app.push_screen(UnplacedDialog(unplaced, words, contexts), self._unplaced_chosen)

    def _unplaced_chosen(self, choice: UnplacedChoice | None) -> None:
        target = self._placing_target()
        if choice is None or self.controller.session is None:
            return
        if choice.action == "discard":
            self.controller.discard_unplaced(choice.annotation_id)
            say(self, "Discarded the unplaced span · u undoes it", timeout=3)
            self.after_edit()
            return
        if target is None:
            return
        placed = self.controller.place_unplaced(choice.annotation_id, *target)
        if self.view.mode != "normal":
            self.view.end_mode()
        say(self, f"Placed {describe(placed)} · u undoes it", timeout=3)
        self.after_edit(placed.id)

    def _name_value(self, report: CursorReport | None) -> None:
        """On a number, the status line says the value it was read as ("15,000 = 15000")."""
        if report is None or report.annotation.kind != "number":
            return
        value = report.annotation.span.value
        if value is not None:
            self.status.position = f"{self.status.position} · = {value_text(value)}"

    def action_step_unreviewed(self, direction: int) -> None:
        """Next/previous suggestion still to review, across labels."""
        moved = self.view.next_unreviewed(forward=direction > 0)
        nothing = "No suggestions are left to review." if self.annotations else "No highlights."
        self._say_if_not(moved, nothing)

    def action_review_and_next(self, status: Status) -> None:
        """Accept (reject) the current span and go on to the next suggestion to review: one key each."""
        if (current := self.current_span()) is None:
            return
        decide = self.controller.accept if status == "accepted" else self.controller.reject
        self.after_edit(decide(current.id).id)
        if not self.view.next_unreviewed(forward=True):
            self.notify("Every suggestion is reviewed.", timeout=3)

    # corpus views (ui-corpus): the views, jumps by entity, the index as cache and its updates -------
    @cached_property
    def corpus(self) -> CorpusLink:
        """The reader's access to the corpus index (views, jumps, cache, updates on save)."""
        return CorpusLink(self, getattr(self.app, "model", None))

    def action_corpus_view(self, name: str) -> None:
        """Open a corpus view: ``search``, ``entities``, ``quotes`` or ``numbers``."""
        self.corpus.show(name)

    def action_corpus_jump(self, direction: int) -> None:
        """Open the next/previous article by date that mentions the entity under the cursor."""
        self.corpus.jump(direction)

    def action_corpus_back(self) -> None:
        """Back to the article and place before the last corpus jump."""
        self.corpus.back()

    def _corpus_served(self, article: Article, spans: list[Span] | None) -> None:
        if self._extracting == article.key:
            self._extracting = None
        if spans is None:  # not indexed as it reads now: the model, as before
            self.model_ready()
            return
        self._finish(article, spans)
        if self.article is not None and self.article.key == article.key:
            self.extraction_state = self.status.state = served_from_index(len(spans))
        self._count_visible()  # the other articles' counts, from the index too

    @on(Saved)
    def _corpus_saved(self) -> None:
        self.corpus.saved()


def _one_per_kind(present: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Legend items: every entity label, but numbers and quotes once each (they share one style)."""
    seen: set[str] = set()
    items: list[tuple[str, str]] = []
    for kind, label in sorted(present, key=lambda kl: (KINDS.index(kl[0]) if kl[0] in KINDS else 0, kl[1])):
        if kind == "entity":
            items.append((kind, label))
        elif kind not in seen:
            seen.add(kind)
            items.append((kind, label))
    return items
