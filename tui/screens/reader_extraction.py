"""Extraction for the reader screen: the open article first, chunk by chunk, then the visible ones.

The spaCy pipeline is shared by two thread workers (the open article, and counting the articles around
the list's highlight), so each chunk is extracted under one lock; a newly opened article therefore
waits at most for one small chunk. Annotations are made in the worker as chunks arrive, and the
navigation index is built there too, so the UI thread only swaps finished objects in.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator
from typing import Protocol

from textual import work
from textual.worker import get_current_worker

from tui.model import Annotation, AnnotationSet, Article, ArticleLoadError, Span, sort_key
from tui.model.navigation import SpanIndex
from tui.model.records import now_iso
from tui.screens.reader_actions import ReaderActions
from tui.widgets.article_list import Counts

PAINT_EVERY = 0.3
"""Seconds between repaints of highlights in the first seconds of extracting a long article."""

PAINT_QUICKLY_FOR = 3.0
"""For how long (seconds) to repaint every :data:`PAINT_EVERY`; then every :data:`PAINT_EVERY_LATER`."""

PAINT_EVERY_LATER = 2.0
"""Seconds between repaints later on: each repaint rebuilds the indexes over every span so far."""

FREEZE_ABOVE = 200_000
"""Articles longer than this (characters) have their objects frozen out of garbage collection."""

BACKGROUND_LIMIT = 100_000
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


class ReaderExtraction(ReaderActions):
    """The reader screen's extraction workers and the seam where spans become annotations."""

    def __init__(self) -> None:
        super().__init__()
        self.extracted: dict[str, list[Span]] = {}
        """Spans of every article extracted so far, by key: reopening is instant."""
        self.extraction_state = ""
        """What the right of the status line says about extraction."""
        self._extract_lock = threading.Lock()

    def annotations_for(self, article: Article, spans: list[Span]) -> AnnotationSet:
        """The annotation set of an article from its extracted spans (the seam for saved annotations)."""
        return AnnotationSet.from_suggestions(article.text, spans)

    def _show_spans(self, article: Article, spans: list[Span]) -> None:
        """Make the open article's annotations from its spans and show them."""
        self.annotations = self.annotations_for(article, spans)
        self.refresh_highlights()

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
                Annotation.suggestion(len(spans) + n, s, stamp) for n, s in enumerate(batch)
            )
            spans.extend(batch)
            interval = PAINT_EVERY if last_paint - started < PAINT_QUICKLY_FOR else PAINT_EVERY_LATER
            first = len(annotations) == len(batch)  # the top of the text: paint it at once
            if batch and (first or time.monotonic() - last_paint > interval):
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
            chunks = extractor.extract_progressively(article.text)
            while not worker.is_cancelled:
                with self._extract_lock:  # chunk by chunk: an article being opened goes first
                    batch = next(chunks, None)
                if batch is None:
                    self.app.call_from_thread(self._counted, entry.key, spans)
                    break
                spans.extend(batch)

    def _counted(self, key: str, spans: list[Span]) -> None:
        spans.sort(key=sort_key)
        self.extracted.setdefault(key, spans)
        self.article_list.set_counts(key, counts_of(spans))
