"""Extraction for the reader as a plain job: the open article chunk by chunk, and the articles around it.

:meth:`Extraction.article` is a generator of :class:`Progress` events ending in one :class:`Finished`;
the reader's worker only loops over it and posts a message per event (toolong's ``ScanProgress`` /
``ScanComplete``), so what is painted when is decided here and tested without a screen.

Annotations are made here as chunks arrive, so that a repaint only wraps the list made so far: building
them all again at every repaint would cost quadratic time on a book. The navigation index of the final
spans is built here too, off the UI thread.

Two workers share one extractor (the open article, and counting the articles around the list's
highlight). Each chunk is taken under one lock, so a newly opened article waits at most for one small
chunk of another; the lock stays here until :class:`tui.extract.Extractor` guards itself.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from tui.model import Annotation, Article, Span, sort_key
from tui.model.navigation import SpanIndex
from tui.model.records import now_iso
from tui.store import AnnotationStore, text_sha256
from tui.store.files import canonical_key
from tui.wording import counted

if TYPE_CHECKING:
    from tui.corpus import CorpusIndex

PAINT_EVERY = 0.3
"""Seconds between repaints of highlights in the first seconds of extracting a long article."""

PAINT_QUICKLY_FOR = 3.0
"""For how long (seconds) to repaint every :data:`PAINT_EVERY`; then every :data:`PAINT_EVERY_LATER`."""

PAINT_EVERY_LATER = 2.0
"""Seconds between repaints later on: each repaint rebuilds the indexes over every span so far."""

BACKGROUND_LIMIT = 100_000
"""Articles longer than this (characters) are not extracted in the background, only when opened."""


class SpanSource(Protocol):
    """What the reader needs from an extractor (:class:`tui.extract.Extractor` or a test's fake)."""

    model_name: str

    def extract_progressively(self, text: str) -> Iterator[list[Span]]:
        """Spans chunk by chunk, in text order."""
        ...  # pragma: no cover - protocol


@dataclass(frozen=True, slots=True)
class Progress:
    """Some chunks of an article are extracted."""

    article: Article
    annotations: list[Annotation]
    """Every suggestion so far (a copy the UI may keep)."""
    done: float
    """How far through the text extraction is, 0 to 1."""


@dataclass(frozen=True, slots=True)
class Finished:
    """An article is extracted: its spans in reading order and their navigation index."""

    article: Article
    spans: list[Span]
    index: SpanIndex



def served_from_index(span_count: int) -> str:
    """The status line's right side for an article whose spans came from the corpus index."""
    return f"{counted(span_count, 'highlight')} · from the corpus index"


class ExtractorHolder:
    """The extractor once it has loaded, and what the status line says about it until then.

    The model is loaded only when a reader needs it (issue 13): an article the corpus index serves is
    painted without spaCy ever being imported. The reader calls :meth:`need` when it is about to wait for
    the model (nothing cached, the index cannot serve), which starts the load through :attr:`on_needed`,
    once.
    """

    def __init__(self, convention: str | Callable[[], str] = "ontonotes") -> None:
        self.extractor: SpanSource | None = None
        """Set once the model has loaded."""
        self._convention = convention
        self._convention_lock = threading.Lock()
        self._state = "loading model…"
        self.failed = False
        """The model could not be loaded: reading goes on without highlights."""
        self.expected: tuple[str, str] | None = None
        """The model and extractor version the loaded extractor will have, when known before it loads
        (suggestions served from the corpus index are recorded under it)."""
        self.on_needed: Callable[[], None] | None = None
        """Starts loading the model (the app's loader); ``None``: whoever made the holder loads it."""
        self.requested = False
        """The model has been asked for (it is loading, loaded or failed)."""

    @property
    def convention(self) -> str:
        """The entity convention the extractor is loaded in (``[extract] convention`` of gloss.toml).

        Given as a function, it is found on first use: reading it imports ``tui.extract`` (its
        patterns take tens of milliseconds to compile), which only the model's load and the suggestions'
        identity need, both after the text is on screen and mostly in a worker.
        """
        with self._convention_lock:
            if callable(self._convention):
                self._convention = self._convention()
            return self._convention

    @property
    def state(self) -> str:
        """What the status line says about the model."""
        return self._state

    def need(self) -> None:
        """Start loading the model unless it is loaded, loading or failed."""
        if self.extractor is None and not self.failed and not self.requested and self.on_needed is not None:
            self.requested = True
            self.on_needed()

    def loaded(self, extractor: SpanSource) -> None:
        """The model is ready."""
        self.extractor, self._state, self.requested = extractor, extractor.model_name, True

    def failed_to_load(self) -> None:
        """No model (it could not load, or its process stopped): say so on the status line."""
        self.extractor = None
        self.failed, self._state, self.requested = True, "no model: reading without highlights", True

    def describe(self, span_count: int) -> str:
        """Right side of the status line once an article is extracted (or served: without a model asked
        for, every span shown came from the corpus index)."""
        if self.extractor is None and not self.requested and self.on_needed is not None:
            return served_from_index(span_count)
        return f"{counted(span_count, 'highlight')} · {self._state}"

    def identity(self) -> tuple[str, str]:
        """The model name and extractor version recorded with suggestions."""
        extractor = self.extractor
        if extractor is None and self.expected is not None:
            return self.expected  # served from the index: no import of tui.extract on the UI thread
        from tui.extract.identity import extractor_version  # neither spaCy nor the rules

        name = extractor.model_name if extractor is not None else "none"
        return name, str(getattr(extractor, "version", extractor_version(self.convention)))

    def expected_identity(self, model: str | None) -> tuple[str, str] | None:
        """The identity suggestions would be recorded under: the loaded extractor's, else the one the
        pipeline named ``model`` (``None``: the default) would have, found without importing spaCy.

        ``None`` when the model failed to load or is not installed (nothing can be current then).
        """
        if self.extractor is not None:
            return self.identity()
        if self.failed:
            return None
        if self.expected is None:
            from tui.extract.identity import ModelNotFoundError, extractor_version, model_identity

            try:
                self.expected = model_identity(model), extractor_version(self.convention)
            except ModelNotFoundError:
                return None
        return self.expected


class Extraction:
    """Runs one extractor for the reader's workers (see the module's docstring)."""

    def __init__(self, extractor: SpanSource, clock: Callable[[], float] = time.monotonic) -> None:
        self.extractor = extractor
        self._clock = clock
        self._lock = threading.Lock()

    def _chunks(self, text: str, cancelled: Callable[[], bool]) -> Iterator[list[Span]]:
        chunks = self.extractor.extract_progressively(text)
        while not cancelled():
            with self._lock:
                batch = next(chunks, None)
            if batch is None:
                return
            yield batch

    def article(self, article: Article, cancelled: Callable[[], bool]) -> Iterator[Progress | Finished]:
        """Extract the open article: progress at once, then now and then, then the finished spans.

        The first chunk (the top of the text) is reported as soon as it is there; later ones every
        :data:`PAINT_EVERY` seconds, and after :data:`PAINT_QUICKLY_FOR` seconds every
        :data:`PAINT_EVERY_LATER`, because each repaint re-indexes every span so far.
        """
        spans: list[Span] = []
        annotations: list[Annotation] = []
        stamp = now_iso()
        started = last_paint = self._clock()
        yield Progress(article, [], 0.0)
        for batch in self._chunks(article.text, cancelled):
            batch.sort(key=sort_key)
            annotations.extend(Annotation.suggestion(len(spans) + n, s, stamp) for n, s in enumerate(batch))
            spans.extend(batch)
            interval = PAINT_EVERY if last_paint - started < PAINT_QUICKLY_FOR else PAINT_EVERY_LATER
            first = len(annotations) == len(batch)
            if batch and (first or self._clock() - last_paint > interval):
                done = batch[-1].end / max(1, len(article.text))
                yield Progress(article, annotations[:], done)
                last_paint = self._clock()
        if not cancelled():
            spans.sort(key=sort_key)
            yield Finished(article, spans, SpanIndex(spans))

    def count(self, text: str, cancelled: Callable[[], bool]) -> list[Span] | None:
        """Every span of a text, chunk by chunk (an article being opened goes first); ``None`` if
        cancelled."""
        spans: list[Span] = []
        for batch in self._chunks(text, cancelled):
            spans.extend(batch)
        if cancelled():
            return None
        spans.sort(key=sort_key)
        return spans


INDEX_FILE = "index.sqlite"
"""The corpus index's file name in a store folder (``tui.corpus.INDEX_NAME``; spelled here so that a
reader without an index never imports the corpus package)."""


class CorpusIndexes:
    """The corpus index of each store folder, opened once and shared: the reader's extraction cache and
    the corpus views read through the same connection (it is guarded by a lock, and never blocks
    ``gloss index`` or the autosave's writes: WAL)."""

    def __init__(self) -> None:
        self._open: dict[Path, CorpusIndex | None] = {}
        self._lock = threading.Lock()

    @staticmethod
    def has_index(store: AnnotationStore) -> bool:
        """Whether the store folder holds an index file (a stat: cheap on the UI thread)."""
        return (store.folder / INDEX_FILE).is_file()

    def index_for(self, store: AnnotationStore) -> CorpusIndex | None:
        """The store's index, opened on first use (call from a worker); ``None`` when there is none or
        it cannot be read (the reader then extracts with the model as before)."""
        folder = store.folder.absolute()
        with self._lock:
            if folder in self._open and self._open[folder] is not None:
                return self._open[folder]
            if not self.has_index(store):
                return None
            from tui.corpus import CorpusError, CorpusIndex

            try:
                index: CorpusIndex | None = CorpusIndex(folder / INDEX_FILE)
            except CorpusError:
                index = None
            self._open[folder] = index
            return index

    def cached_spans(
        self, store: AnnotationStore, article: Article, identity: tuple[str, str] | None
    ) -> list[Span] | None:
        """The model's spans for ``article`` from the index, when it was indexed from exactly this text
        by this model and extractor version (``identity``); ``None`` otherwise (call from a worker)."""
        if identity is None:
            return None
        index = self.index_for(store)
        if index is None:
            return None
        from tui.corpus import CorpusError

        model, version = identity
        try:
            spans = index.cached_spans(
                canonical_key(article.key, store.root), text_sha256(article.text), version, model
            )
        except CorpusError:
            return None
        return sorted(spans, key=sort_key) if spans is not None else None

    def close(self) -> None:
        """Close every open index (the last connection to close leaves each as one file again)."""
        with self._lock:
            for index in self._open.values():
                if index is not None:
                    index.close()
            self._open.clear()

