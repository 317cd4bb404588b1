"""The reader's side of the corpus: opening the views, jumping between articles by entity, the index as
the extraction cache, and keeping the index in step with each save.

One :class:`CorpusLink` belongs to the reader screen, which calls it from a few one-line actions; it
calls back down only through the reader's public methods (:meth:`ReaderScreen.open_at`, ``notify``,
``push_screen``) and posts its workers' answers to the UI thread. Every index query runs in a thread
worker; the corpus package is imported only when an index exists, so a reader without one pays nothing,
and the views' own parts only when a view opens (none is needed before the first paint).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from textual.screen import Screen

from tui.annotation.extraction import CorpusIndexes, ExtractorHolder
from tui.annotation.workspace import AnnotationWorkspace, update_index
from tui.model import Annotation, AnnotationSet, Article, ArticleEntry, Span
from tui.store import AnnotationStore
from tui.store.files import canonical_key

if TYPE_CHECKING:
    from tui.annotation import AnnotationController
    from tui.screens.corpus_common import CorpusSource, OpenTarget
    from tui.widgets.article_view import ArticleView

VIEWS = ("search", "entities", "quotes", "numbers")
"""The corpus views by the name their key passes."""


class Reader(Protocol):
    """What the link needs of the reader screen (its public side)."""

    entries: list[ArticleEntry]
    workspace: AnnotationWorkspace
    extractor: ExtractorHolder
    controller: AnnotationController
    article: Article | None

    @property
    def view(self) -> ArticleView: ...  # pragma: no cover - protocol

    def open_at(self, key: str, offset: int | None = None) -> bool: ...  # pragma: no cover - protocol


@dataclass(frozen=True, slots=True)
class Place:
    """Where the reader was before a jump: an article (its reader key) and the cursor's offset."""

    key: str
    offset: int | None


class CorpusLink:
    """The reader's access to the corpus (see the module docstring).

    Args:
        screen: The reader screen (a :class:`Reader`; the link runs its workers on it).
        model: The ``--model`` option, to know which model's suggestions the index must hold.
    """

    def __init__(self, screen: Screen[None], model: str | None = None) -> None:
        self.screen = screen
        self.model = model
        self.indexes = CorpusIndexes()
        """Every store's index, opened once: the views and the cache read through it."""
        self.back_stack: list[Place] = []
        """Where ``ctrl+o`` goes back to, most recent last."""
        self._keys: dict[str, str] | None = None
        self.unfinished_builds: set[Path] = set()
        """Store folders whose index build from a view was stopped (the views offer it again)."""
        self._writing = threading.Lock()
        self._latest: tuple[AnnotationStore, Article, AnnotationSet, tuple[str, str] | None] | None = None
        """The newest saved snapshot not yet written to the index."""

    @property
    def reader(self) -> Reader:
        """The reader screen as the protocol it meets."""
        return self.screen  # type: ignore[return-value]

    # where the index is ------------------------------------------------------------------------------
    def store(self) -> AnnotationStore | None:
        """The store of the open article, else of the first path (the index lives in its folder)."""
        reader = self.reader
        if reader.controller.session is not None:
            return reader.controller.session.store
        stores = reader.workspace.stores
        if stores:
            return stores[0]
        first = next(iter(reader.entries), None)
        return reader.workspace.store_for(first) if first is not None else None

    def source(self) -> CorpusSource | None:
        """The index the views read (``None``: the reader has no store at all), with the build a view
        offers when there is none yet: the reader's paths kept in that store, with the reader's model."""
        store = self.store()
        if store is None:
            return None
        from tui.screens.corpus_build import ReaderIndexBuild  # the views' parts: not before the first paint
        from tui.screens.corpus_common import CorpusSource

        folder = store.folder.absolute()
        paths = tuple(s.path for s in self.reader.workspace.settings if s.store.folder.absolute() == folder)
        builder = (
            ReaderIndexBuild(store, paths, self.reader.extractor, self.model, self.unfinished_builds)
            if paths
            else None
        )
        return CorpusSource(self.indexes, store, builder)

    # the views -------------------------------------------------------------------------------------------
    def show(self, name: str) -> None:
        """Push a corpus view over the reader; Enter there opens an article here."""
        source = self.source()
        if source is None:
            self.screen.notify("No articles are open, so there is no corpus index.", timeout=4)
            return
        self.screen.app.push_screen(make_view(name, source), self.open_target)

    def open_target(self, target: OpenTarget | None) -> None:
        """Open what a view chose (remembering where the reader was, for ``ctrl+o``)."""
        if target is None:
            return
        key = self.reader_key(target.key)
        if key is None:
            self.screen.notify(
                f"“{target.title}” is indexed but not among the articles opened now.", timeout=5
            )
            return
        self._remember()
        self.reader.open_at(key, target.offset)

    def reader_key(self, indexed: str) -> str | None:
        """The reader's key for an article the index names by its canonical key."""
        if self._keys is None:
            workspace = self.reader.workspace
            self._keys = {
                canonical_key(e.key, workspace.store_for(e).root): e.key for e in self.reader.entries
            }
        return self._keys.get(indexed)

    def _remember(self) -> None:
        article = self.reader.article
        if article is not None:
            current = self.reader.view.current
            self.back_stack.append(Place(article.key, current.start if current is not None else None))
            del self.back_stack[:-50]

    def back(self) -> None:
        """``ctrl+o``: back to the article (and place) before the last jump."""
        if not self.back_stack:
            self.screen.notify("Nothing to go back to.", timeout=2)
            return
        place = self.back_stack.pop()
        self.reader.open_at(place.key, place.offset)

    # jumping by entity -------------------------------------------------------------------------------
    def jump(self, direction: int) -> None:
        """Open the next (or previous) article by date that mentions the entity under the cursor."""
        reader = self.reader
        current: Annotation | None = reader.view.current
        article = reader.article
        store = self.store()
        if article is None or store is None or current is None or current.kind != "entity":
            self.screen.notify("Put the cursor on an entity first (]).", timeout=3)
            return
        key = canonical_key(article.key, store.root)
        span = current.span
        from tui.screens.corpus_common import CorpusSource, OpenTarget

        source = CorpusSource(self.indexes, store)

        def find() -> None:
            from tui.corpus import CorpusError, ident_of_name

            try:
                index = source.index()
                ident = index.ident_at(key, span.start, span.end) or ident_of_name(span.text)
                found = index.neighbour(ident, key, forward=direction > 0)
            except CorpusError as error:
                self._later(self.screen.notify, str(error), severity="warning", timeout=6)
                return
            if found is None:
                way = "after" if direction > 0 else "before"
                self._later(
                    self.screen.notify, f"No article {way} this one mentions “{span.text}”.", timeout=4
                )
                return
            self._later(self.open_target, OpenTarget(found.article.key, found.start, found.article.title))

        self.screen.run_worker(find, thread=True, exclusive=True, group="corpus-jump", exit_on_error=False)

    # the index as the extraction cache ---------------------------------------------------------------
    def indexed_spans(self, store: AnnotationStore, article: Article) -> list[Span] | None:
        """The model's spans for ``article`` from its store's index, or ``None`` when the index does not
        hold them for this text, model and extractor version. The reader's load worker calls it beside
        reading the article, so an indexed article's text and highlights come in one frame (finding the
        expected identity imports tui.corpus and reads the model's meta.json: never on the UI thread)."""
        identity = self.reader.extractor.expected_identity(self.model)
        return self.indexes.cached_spans(store, article, identity)

    # saves ---------------------------------------------------------------------------------------------
    def saved(self) -> None:
        """An autosave finished: update the open article's rows in the index (in a worker)."""
        session = self.reader.controller.session
        if session is None or not self.indexes.has_index(session.store):
            return
        model, version = session.model, session.extractor_version
        identity = (model, version) if model and version else None
        self._latest = (session.store, session.article, session.annotations.snapshot(), identity)

        def write() -> None:
            with self._writing:  # one write at a time; a burst of saves writes only the newest
                latest, self._latest = self._latest, None
                if latest is None:
                    return
                problem = update_index(*latest)
            if problem is not None:
                self._later(self.screen.notify, problem, severity="warning", timeout=6)

        self.screen.run_worker(write, thread=True, group="corpus-update", exit_on_error=False)

    def close(self) -> None:
        """Close the indexes (the reader is closing)."""
        self.indexes.close()

    def _later(self, function: Callable[..., object], *args: object, **kwargs: object) -> None:
        """Run ``function`` on the UI thread (from a worker); dropped once the app has stopped."""
        with contextlib.suppress(RuntimeError):
            self.screen.app.call_from_thread(function, *args, **kwargs)


def make_view(name: str, source: CorpusSource) -> Screen[OpenTarget | None]:
    """The corpus view called ``name`` (one of :data:`VIEWS`)."""
    from tui.screens.corpus_entities import CorpusEntitiesScreen
    from tui.screens.corpus_numbers import CorpusNumbersScreen
    from tui.screens.corpus_quotes import CorpusSpeakersScreen
    from tui.screens.corpus_search import CorpusSearchScreen

    views: dict[str, Callable[[CorpusSource], Screen[OpenTarget | None]]] = {
        "search": CorpusSearchScreen,
        "entities": CorpusEntitiesScreen,
        "quotes": CorpusSpeakersScreen,
        "numbers": CorpusNumbersScreen,
    }
    return views[name](source)
