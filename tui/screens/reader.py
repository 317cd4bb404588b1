"""The reader screen: article list, highlighted article, entity panel, status line and their keys.

The screen owns the state of the open article (its text and :class:`AnnotationSet`) and routes the
widgets' messages: the list says which article was chosen, the view says where its cursor went, the
panel says which entity was picked. Reading and extraction run in thread workers, so the text paints at
once and highlights fill in chunk by chunk ("extracting… 40%") without freezing the screen.

Annotation (issue 4) plugs in here: it replaces :meth:`ReaderScreen.annotations_for` to merge saved
decisions, changes :attr:`ReaderScreen.annotations` through the model, and calls :meth:`refresh_highlights`.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Protocol

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input
from textual.worker import get_current_worker

from tui.model import (
    KINDS,
    Annotation,
    AnnotationSet,
    Article,
    ArticleEntry,
    ArticleLoadError,
    Span,
    sort_key,
)
from tui.model.navigation import SpanIndex
from tui.model.records import now_iso
from tui.screens.reader_actions import ReaderActions
from tui.widgets.article_list import ArticleList, Counts
from tui.widgets.article_view import ArticleView
from tui.widgets.entity_panel import EntityPanel
from tui.widgets.legend import Legend
from tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from tui.app import GlossApp

PAINT_EVERY = 0.3
"""Seconds between repaints of highlights in the first seconds of extracting a long article."""

PAINT_QUICKLY_FOR = 3.0
"""For how long (seconds) to repaint every :data:`PAINT_EVERY`; then every :data:`PAINT_EVERY_LATER`."""

PAINT_EVERY_LATER = 2.0
"""Seconds between repaints later on: each repaint rebuilds the indexes over every span so far."""

FREEZE_ABOVE = 200_000
"""Articles longer than this (characters) have their objects frozen out of garbage collection."""

BACKGROUND_LIMIT = 200_000
"""Articles longer than this (characters) are not extracted in the background, only when opened."""


class SpanSource(Protocol):
    """What the reader needs from an extractor (:class:`tui.extract.Extractor` or a test's fake)."""

    model_name: str

    def extract_progressively(self, text: str) -> Iterator[list[Span]]:
        """Spans chunk by chunk, in text order."""
        ...  # pragma: no cover - protocol


def counts_of(spans: list[Span]) -> Counts:
    """Entities, numbers and quotes among ``spans``."""
    kinds = [s.kind for s in spans]
    return Counts(kinds.count("entity"), kinds.count("number"), kinds.count("quote"))


class ReaderScreen(ReaderActions):
    """List on the left, the article in the middle, the entity panel on the right (toggled)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "n",
            "step(1)",
            "Next",
            tooltip="Next highlight of any shown kind (next search match while searching)",
        ),
        Binding(
            "N", "step(-1)", "Prev", tooltip="Previous highlight (previous search match while searching)"
        ),
        Binding("right_square_bracket", "step_kind('entity', 1)", "Next entity", show=False),
        Binding("left_square_bracket", "step_kind('entity', -1)", "Previous entity", show=False),
        Binding("right_parenthesis", "step_kind('number', 1)", "Next number", show=False),
        Binding("left_parenthesis", "step_kind('number', -1)", "Previous number", show=False),
        Binding("right_curly_bracket", "step_kind('quote', 1)", "Next quote", show=False),
        Binding("left_curly_bracket", "step_kind('quote', -1)", "Previous quote", show=False),
        Binding(
            "full_stop",
            "step_label(1)",
            "Next same label",
            show=False,
            tooltip="Next span with the current span's label",
        ),
        Binding(
            "comma",
            "step_label(-1)",
            "Previous same label",
            show=False,
            tooltip="Previous span with the current span's label",
        ),
        Binding(
            "asterisk",
            "step_entity(1)",
            "Next mention",
            show=False,
            tooltip="Next mention of the same entity (Kim Jong Un → Kim), wrapping around",
        ),
        Binding(
            "number_sign",
            "step_entity(-1)",
            "Previous mention",
            show=False,
            tooltip="Previous mention of the same entity",
        ),
        Binding("slash", "search", "Search", tooltip="Search the article; then n/N move between matches"),
        Binding("escape", "clear", "Clear search", show=False),
        Binding(
            "tab",
            "switch_pane",
            "Switch pane",
            show=False,
            tooltip="Move between the list, the article and the panel",
        ),
        Binding("J", "open_next(1)", "Next article", show=False),
        Binding("K", "open_next(-1)", "Previous article", show=False),
        Binding(
            "p",
            "toggle_panel",
            "Panel",
            tooltip="Show or hide the entity panel (Enter on a row jumps, again cycles)",
        ),
        Binding("1", "toggle_kind('entity')", "Entities on/off", show=False),
        Binding("2", "toggle_kind('number')", "Numbers on/off", show=False),
        Binding("3", "toggle_kind('quote')", "Quotes on/off", show=False),
        Binding(
            "h", "toggle_label", "Labels on/off", show=False, tooltip="Choose which labels are highlighted"
        ),
    ]

    def __init__(self, entries: list[ArticleEntry], problems: list[str]) -> None:
        super().__init__()
        self.entries = entries
        self.problems = problems
        self.extracted: dict[str, list[Span]] = {}
        """Spans of every article extracted so far, by key: reopening is instant."""
        self.extraction_state = ""
        self._extract_lock = threading.Lock()

    @property
    def gloss(self) -> GlossApp:
        """The app, typed."""
        from tui.app import GlossApp

        assert isinstance(self.app, GlossApp)
        return self.app

    def compose(self) -> ComposeResult:
        """List | article + legend | panel, then search box, status line and footer."""
        with Horizontal(id="body"):
            with Vertical(id="list-pane"):
                yield Input(placeholder="type to filter…", id="article-filter")
                yield ArticleList(id="article-list")
            with Vertical(id="reading-pane"):
                yield ArticleView(id="article-view")
                yield Legend(id="legend")
            yield EntityPanel(id="entity-panel")
        yield Input(placeholder="search the article (Enter: go, Esc: cancel)", id="search")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        """List the articles and open the first readable one."""
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.article_list.set_entries(self.entries)
        for problem in self.problems:
            self.notify(problem, severity="warning", timeout=8)
        self.view.focus()
        first = next((e for e in self.entries if e.error is None), self.entries[0] if self.entries else None)
        if first is None:
            self.view.show_message("No articles found. Give files or folders: gloss PATH…")
            return
        self.open_entry(first)

    def _theme_changed(self, _theme: object) -> None:
        """Colours of the legend and panel come from the view's styles: redraw them in the new theme.

        The list and the view draw with component styles that Textual does not know they use, so they
        are told to drop what they drew (``notify_style_update``) even when their own styles did not change.
        """
        for widget in (self.article_list, self.view):
            widget.notify_style_update()
        self.call_after_refresh(self.refresh_highlights)

    # opening articles ------------------------------------------------------------------------------
    def open_entry(self, entry: ArticleEntry) -> None:
        """Show an article: its text as soon as it is read, its highlights once extracted."""
        self.article_list.set_open(entry.key)
        self.article_list.highlight_key(entry.key)
        self.article = None
        self.annotations = None
        self.view.show_message(f"Opening {entry.title}…")
        self._load(entry)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self, entry: ArticleEntry) -> None:
        try:
            article = entry.load()
        except ArticleLoadError as error:
            self.app.call_from_thread(self._load_failed, entry, str(error))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._loaded, article)

    def _load_failed(self, entry: ArticleEntry, message: str) -> None:
        entry.error = entry.error or message
        self.article_list.refresh()
        self.view.show_message(message)
        self.status.show_cursor(None, "This article cannot be read; J/K or the list open another.")
        self.query_one(Legend).show([])

    def _loaded(self, article: Article) -> None:
        self.article = article
        self.view.show_text(article.text)
        self.status.show_cursor(None, f"n next highlight · ? keys · {article.title}")
        cached = self.extracted.get(article.key)
        if cached is not None:
            self._show_spans(article, cached)
            self.extraction_state = self.gloss.model_description(len(cached))
        elif self.gloss.extractor is not None:
            self._extract(article)
        else:
            self.extraction_state = self.gloss.model_state
            self.refresh_highlights()
        self.status.state = self.extraction_state
        self.app.post_message(self.gloss.ArticleShown(article))

    def annotations_for(self, article: Article, spans: list[Span]) -> AnnotationSet:
        """The annotation set of an article from its extracted spans (the seam for saved annotations)."""
        stamp = now_iso()
        return AnnotationSet(
            article.text,
            (Annotation(f"m{n}", s, "model", "suggested", "", stamp) for n, s in enumerate(spans)),
        )

    def _show_spans(self, article: Article, spans: list[Span]) -> None:
        self.annotations = self.annotations_for(article, spans)
        self.refresh_highlights()

    def refresh_highlights(self) -> None:
        """Hand the current annotations to the view, legend and panel (call after every change)."""
        view = self.view
        view.show_annotations(self.annotations)
        present = sorted({(a.kind, a.label) for a in self.annotations or ()}, key=lambda kl: kl)
        self.query_one(Legend).show(
            (label if kind == "entity" else kind, view.label_style(label, kind), self._hidden(kind, label))
            for kind, label in _one_per_kind(present)
        )
        panel = self.query_one(EntityPanel)
        if panel.display:
            panel.show_groups(view.index.groups(), view.index.spans, view.label_style)

    def _hidden(self, kind: str, label: str) -> bool:
        return kind in self.hidden_kinds or label in self.hidden_labels

    # extraction ------------------------------------------------------------------------------------
    def model_ready(self) -> None:
        """Called by the app when the extractor has loaded (or failed): extract what is open."""
        if self.article is not None and self.article.key not in self.extracted:
            if self.gloss.extractor is not None:
                self._extract(self.article)
            else:
                self.extraction_state = self.gloss.model_state
                self.status.state = self.extraction_state

    @work(thread=True, exclusive=True, group="extract", exit_on_error=False)
    def _extract(self, article: Article) -> None:
        """Extract the open article chunk by chunk, repainting the highlights now and then.

        Annotations are made here, in the worker, as chunks arrive, so that a repaint only wraps the
        list made so far in a new :class:`AnnotationSet`: building them all again at every repaint
        would cost quadratic time on a book.
        """
        extractor = self.gloss.extractor
        assert extractor is not None
        worker = get_current_worker()
        spans: list[Span] = []
        annotations: list[Annotation] = []
        stamp = now_iso()
        started = last_paint = time.monotonic()
        self.app.call_from_thread(self._progress, article, spans, annotations[:], 0.0)
        chunks = extractor.extract_progressively(article.text)
        while True:
            with self._extract_lock:
                batch = next(chunks, None)
            if batch is None or worker.is_cancelled:
                break
            batch.sort(key=sort_key)
            annotations.extend(
                Annotation(f"m{len(spans) + n}", s, "model", "suggested", "", stamp)
                for n, s in enumerate(batch)
            )
            spans.extend(batch)
            interval = PAINT_EVERY if last_paint - started < PAINT_QUICKLY_FOR else PAINT_EVERY_LATER
            if batch and time.monotonic() - last_paint > interval:
                done = batch[-1].end / max(1, len(article.text))
                self.app.call_from_thread(self._progress, article, spans, annotations[:], done)
                last_paint = time.monotonic()
        if not worker.is_cancelled:
            spans.sort(key=sort_key)
            index = SpanIndex(spans)  # built here, off the UI thread (a tenth of a second for a book)
            self.app.call_from_thread(self._finished, article, spans, index)
            self.app.call_from_thread(self._extract_visible)

    def _progress(
        self, article: Article, spans: list[Span], annotations: list[Annotation], done: float
    ) -> None:
        """Some chunks are extracted: show their highlights (not yet merged with anything saved)."""
        if self.article is None or self.article.key != article.key:
            return
        self.extraction_state = f"extracting… {done:.0%}"
        self.status.state = self.extraction_state
        if annotations:
            self.annotations = AnnotationSet(article.text, annotations)
            self.refresh_highlights()

    def _finished(self, article: Article, spans: list[Span], index: SpanIndex | None = None) -> None:
        """Extraction is complete: keep the spans, count them in the list, show the final set."""
        self.extracted[article.key] = spans
        self.article_list.set_counts(article.key, counts_of(spans))
        if self.article is None or self.article.key != article.key:
            return
        self.extraction_state = self.gloss.model_description(len(spans))
        self.status.state = self.extraction_state
        self._show_spans(article, spans)
        if index is not None:
            self.view.prime_index(index)
        if len(article.text) > FREEZE_ABOVE:
            # A book's tens of thousands of annotations would otherwise be walked by every garbage
            # collection, which shows up as pauses on keypresses (PERF-NOTES: far jumps 43 → 17 ms).
            gc.collect()
            gc.freeze()
        self.app.post_message(self.gloss.HighlightsShown(article))

    @work(thread=True, exclusive=True, group="background", exit_on_error=False)
    def _extract_visible(self) -> None:
        """Count the spans of the articles around the highlight in the list, a few at a time."""
        extractor = self.gloss.extractor
        worker = get_current_worker()
        article_list = self.article_list
        if extractor is None:
            return
        start = max(0, article_list.highlighted - 10)
        for index in article_list.shown[start : start + 30]:
            entry = article_list.entries[index]
            if worker.is_cancelled:
                return
            if entry.key in self.extracted or entry.error is not None:
                continue
            try:
                article = entry.load()
            except ArticleLoadError:
                continue
            if len(article.text) > BACKGROUND_LIMIT:
                continue
            spans: list[Span] = []
            with self._extract_lock:
                for batch in extractor.extract_progressively(article.text):
                    spans.extend(batch)
            self.app.call_from_thread(self._counted, entry.key, spans)

    def _counted(self, key: str, spans: list[Span]) -> None:
        spans.sort(key=sort_key)
        self.extracted.setdefault(key, spans)
        self.article_list.set_counts(key, counts_of(spans))

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

    @on(EntityPanel.Chosen)
    def _entity_chosen(self, event: EntityPanel.Chosen) -> None:
        view = self.view
        mentions = event.group.indices
        if view.cursor in mentions:
            position = (mentions.index(view.cursor) + 1) % len(mentions)
            view.move_to(mentions[position], wrapped=position == 0)
        else:
            view.move_to(mentions[0])

    def on_key(self, event: object) -> None:
        """Keys typed in the filter box that move in the list (↑ ↓) or leave it (Esc)."""
        from textual import events

        if not isinstance(event, events.Key):
            return
        box = self.query_one("#article-filter", Input)
        if self.focused is box and event.key in ("up", "down"):
            self.article_list.action_cursor(1 if event.key == "down" else -1)
            event.stop()
        elif self.focused is box and event.key == "escape":
            box.value = ""
            self.article_list.focus()
            event.stop()
        elif self.focused is self.query_one("#search", Input) and event.key == "escape":
            self._close_search()
            event.stop()


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
