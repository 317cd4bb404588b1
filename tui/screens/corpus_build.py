"""Building the corpus index from the reader, for a view that finds none.

:class:`ReaderIndexBuild` is the :class:`~tui.widgets.corpus_pane.Builder` the corpus views are given:
it runs the same UI-free build as ``gloss index`` (:class:`tui.corpus.build.IndexBuild`) over the paths
the reader was opened on that share the store, with the extractor the reader has already loaded
(through :class:`tui.scale.InProcessEngine`: loading a second spaCy model would cost seconds and
hundreds of MB). Only while the reader's model is still loading does the build start its own, as
``gloss index --jobs 1`` would. The suggestions are recorded under the reader's extractor identity, so
the reader is then served from the index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from tui.annotation.extraction import CorpusIndexes, ExtractorHolder
from tui.store import AnnotationStore
from tui.widgets.corpus_pane import BuildFailed
from tui.wording import counted

if TYPE_CHECKING:
    from tui.extract import Extractor
    from tui.scale import Engine


@dataclass(frozen=True, slots=True)
class ReaderIndexBuild:
    """Builds one store's index from the reader (see the module docstring)."""

    store: AnnotationStore
    paths: tuple[Path, ...]
    """The reader's command-line paths whose articles are kept in ``store``."""
    extractor: ExtractorHolder
    """The reader's extractor, once loaded (and its convention and identity)."""
    model: str | None = None
    """The reader's ``--model`` (for the build's own engine while the reader's model loads)."""
    stopped: set[Path] = field(default_factory=set)
    """Store folders whose build from a view was stopped (Esc) before it finished: their index is
    partial, so the views offer the build again (shared by the reader's builders, one per view; a set's
    add and discard are atomic, and only the build's worker writes it)."""

    def missing(self) -> str | None:
        """Why the views offer the build: no index yet (a stat), or only the part a stopped build
        wrote; ``None`` when the index is there."""
        if self._folder in self.stopped:
            return f"the index in {self.store.folder} is unfinished (its build was stopped)"
        if not CorpusIndexes.has_index(self.store):
            return f"No corpus index in {self.store.folder} yet (gloss index PATHS builds one from the shell)"
        return None

    @property
    def _folder(self) -> Path:
        return self.store.folder.absolute()

    def describe(self) -> str:
        """``seeds`` (the paths the build would index)."""
        return ", ".join(path.name or str(path) for path in self.paths)

    def run(self, progress: Callable[[int, int], None]) -> str:
        """Build the index (call from a worker thread); returns the build's summary line.

        Raises:
            BuildFailed: no model, the engine did not start, or the index cannot be written. What was
                committed before stays: the next build carries on.
            BuildStopped: ``progress`` stopped it (the view closed); the views offer it again.
        """
        from tui.corpus import CorpusError
        from tui.corpus.build import IndexBuild
        from tui.extract import ModelNotFoundError
        from tui.scale import EngineError

        try:
            model, version, engine = self._engine()
            build = IndexBuild(
                self.store, model=model, extractor_version=version, open_engine=engine, progress=progress
            )
            self.stopped.add(self._folder)  # until it finishes: a stop or a crash leaves a partial index
            report = build.run(list(self.paths))
        except (CorpusError, EngineError, ModelNotFoundError) as error:
            raise BuildFailed(str(error)) from error
        self.stopped.discard(self._folder)
        summary = report.summary()
        return f"{summary}; {counted(len(report.problems), 'problem')}" if report.problems else summary

    def _engine(self) -> tuple[str, str, Callable[[], AbstractContextManager[Engine]]]:
        """The model name and extractor version to record, and the engine to extract with."""
        from tui.scale import InProcessEngine, open_engine

        holder = self.extractor
        loaded = holder.extractor
        if loaded is not None and hasattr(loaded, "extract_many"):
            model, version = holder.identity()
            engine = InProcessEngine(cast("Extractor", loaded))

            @contextmanager
            def shared() -> Iterator[Engine]:
                yield engine

            return model, version, shared
        if holder.failed or loaded is not None:
            raise BuildFailed("the reader has no spaCy model to extract with (see gloss index --help)")
        identity = holder.expected_identity(self.model)
        if identity is None:
            raise BuildFailed("no spaCy model is installed (see gloss index --help)")

        def own() -> AbstractContextManager[Engine]:
            return open_engine("local", jobs=1, model=self.model, convention=holder.convention)

        return identity[0], identity[1], own
