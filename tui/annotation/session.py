"""The open article's annotations: loaded from its file, merged with suggestions, edited, autosaved.

The reader makes one :class:`ArticleSession` per opened article, in a worker (:meth:`ArticleSession.open`
reads the file), then runs edits through :meth:`ArticleSession.edit` on the UI thread. Every edit is
one undoable step of the
:class:`~tui.model.AnnotationSet` and is handed to an :class:`~tui.store.Autosaver`, which writes it within
a second; :meth:`ArticleSession.close` saves what is pending before the article (or the app) closes.

Three rules keep work safe:

- An article nobody has touched gets no file: suggestions alone are saved only once a file exists or a
  person made an edit, so opening an article does not mark it as annotated.
- The file records the extractor's model and version only after a *complete* merge, so a file saved
  while suggestions were still arriving is never mistaken for one whose suggestions are current.
- A file that cannot be read is never written over: edits stay in memory until the person chooses to
  :meth:`~ArticleSession.start_fresh` (the old file is set aside under a new name).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from tui.model import (
    AnnotationSet,
    Article,
    Edit,
    LabelConfig,
    MergeResult,
    Span,
    merge_suggestions,
)
from tui.store import (
    AnnotationStore,
    Autosaver,
    CorruptAnnotationsError,
    LoadedAnnotations,
    SaveResult,
    StoreError,
)
from tui.wording import counted

ErrorHandler = Callable[[StoreError], None]
"""Told about a failed save; called on the saving thread (or the caller's, from :meth:`close`)."""

T = TypeVar("T")


class ArticleSession:
    """One open article's annotations and the saver that keeps them on disk."""

    def __init__(
        self,
        article: Article,
        store: AnnotationStore,
        labels: LabelConfig,
        *,
        loaded: LoadedAnnotations | None = None,
        corrupt: CorruptAnnotationsError | None = None,
        on_error: ErrorHandler | None = None,
        on_saved: Callable[[int], None] | None = None,
        delay: float = 0.3,
    ) -> None:
        self.article = article
        self.store = store
        self.labels = labels
        self.loaded = loaded
        """What the store found when the article was opened (``None``: no file, or an unreadable one)."""
        self.corrupt = corrupt
        """The unreadable annotation file, until the person starts fresh: nothing is saved meanwhile."""
        self.annotations = loaded.annotations if loaded is not None else AnnotationSet(article.text)
        """The article's annotations; the reader shows this set and the view keys its caches on it."""
        self.model: str | None = loaded.model if loaded is not None else None
        """The model recorded in the file: the saved one until a complete merge with the current one."""
        self.extractor_version: str | None = loaded.extractor_version if loaded is not None else None
        self.has_file = loaded is not None
        """Whether the article has a file (or will have one: a person edited it)."""
        self.unsaved_while_blocked = False
        """Edits were made while the unreadable file blocked saving."""
        self.saver = Autosaver(self._save, delay=delay, on_error=on_error, on_saved=on_saved)

    @classmethod
    def open(
        cls,
        article: Article,
        store: AnnotationStore,
        labels: LabelConfig,
        *,
        on_error: ErrorHandler | None = None,
        on_saved: Callable[[int], None] | None = None,
        delay: float = 0.3,
    ) -> ArticleSession:
        """Read the article's saved annotations (call from a worker: it reads a file).

        A corrupt file does not raise: the session opens empty with :attr:`corrupt` set.
        """
        loaded: LoadedAnnotations | None = None
        corrupt: CorruptAnnotationsError | None = None
        try:
            loaded = store.load(article)
        except CorruptAnnotationsError as error:
            corrupt = error
        return cls(
            article,
            store,
            labels,
            loaded=loaded,
            corrupt=corrupt,
            on_error=on_error,
            on_saved=on_saved,
            delay=delay,
        )

    # saving ----------------------------------------------------------------------------------------
    on_report: Callable[[SaveResult], None] | None = None
    """Told (on the saving thread) when a save merged another writer's edits or kept a conflict copy."""

    def _save(self, annotations: AnnotationSet) -> SaveResult:
        result = self.store.save_reporting(
            self.article, annotations, model=self.model, extractor_version=self.extractor_version
        )
        if result.notable and self.on_report is not None:
            self.on_report(result)
        return result

    @property
    def saving_blocked(self) -> bool:
        """Whether saves are held back because the existing file could not be read."""
        return self.corrupt is not None

    def _changed(self, *, by_person: bool = True) -> None:
        if by_person:
            self.has_file = True
        if not self.has_file:
            return
        if self.corrupt is not None:
            self.unsaved_while_blocked = True
            return
        self.saver.changed(self.annotations)

    def start_fresh(self) -> str:
        """Set the unreadable file aside (``NAME.corrupt-TIMESTAMP.json``) and save what is on screen.

        Returns:
            The new name of the old file, for the status line.

        Raises:
            StoreWriteError: the file could not be renamed (it stays; saving stays blocked).
        """
        if self.corrupt is None:
            return ""
        target = self.store.set_aside(self.corrupt.path)
        self.corrupt = None
        self.has_file = True
        self.unsaved_while_blocked = False
        self.saver.changed(self.annotations)
        self.saver.flush()
        return str(target)

    def flush(self) -> bool:
        """Save what is pending now (before an export reads the files); returns whether it is saved."""
        return self.saver.flush()

    def close(self) -> bool:
        """Stop autosaving and save what is pending, synchronously; returns whether all is saved."""
        return self.saver.close()

    # suggestions -----------------------------------------------------------------------------------
    def suggestions_current(self, model: str, extractor_version: str) -> bool:
        """Whether the saved file already holds this extractor's complete suggestions (skip extracting).

        Not when the text changed since it was saved: what was added has no suggestions yet, so the
        article is extracted again and the fresh spans merged in (decisions kept, by the merge rules).
        """
        if self.loaded is None or self.loaded.text_changed:
            return False
        return (self.model, self.extractor_version) == (model, extractor_version)

    def merge(
        self, spans: Iterable[Span], *, model: str, extractor_version: str, complete: bool
    ) -> MergeResult:
        """Merge the extractor's spans into what was saved (rejected ones stay rejected).

        Args:
            complete: ``False`` for the first chunks of a long article (nothing is dropped as stale);
                ``True`` for the whole output, which then counts as this model's suggestions.
        """
        result = merge_suggestions(self.annotations, spans, drop_stale=complete)
        if complete:
            self.model, self.extractor_version = model, extractor_version
        if result.added or result.dropped or result.refreshed or complete:
            self._changed(by_person=False)
        return result

    def notices(self) -> list[str]:
        """What the person should know about the saved file: spans that could not be placed, lost speaker
        links, history that could not be kept (the text changed), and conflict copies kept aside."""
        loaded = self.loaded
        if loaded is None:
            return []
        messages: list[str] = []
        if loaded.unplaced:
            names = ", ".join(f"{a.label} “{a.span.text}”" for a in loaded.unplaced[:5])
            more = f" and {len(loaded.unplaced) - 5} more" if len(loaded.unplaced) > 5 else ""
            messages.append(
                f"The text changed: {len(loaded.unplaced)} saved span(s) could not be placed and are kept "
                f"in {loaded.file.name}: {names}{more}"
            )
        if loaded.lost_speakers:
            lost = len(loaded.lost_speakers)
            messages.append(
                f"{counted(lost, 'quote lost its', 'quotes lost their')} speaker link (the text changed)"
            )
        if loaded.history_dropped:
            messages.append("The text changed since it was annotated: earlier undo history is not available")
        if loaded.moved:
            moved = counted(loaded.moved, "span was", "spans were")
            messages.append(f"{moved} found again at a new place in the changed text")
        return messages

    # edits (call on the UI thread) -----------------------------------------------------------------
    def edit(self, operation: Callable[[AnnotationSet], T]) -> T:
        """Run one operation on the annotations (``lambda a: a.accept(id)``, ``a.undo()``…) and save
        the change within a second if it changed anything; returns what the operation returned.

        Every edit goes through here, so no edit can forget to be saved, and the set's own methods
        stay the one list of what a person can do.
        """
        version = self.annotations.version
        result = operation(self.annotations)
        if self.annotations.version != version:
            self._changed()
        return result

    @property
    def last_edit(self) -> Edit | None:
        """The step undo would take back (its description tells the person what happened)."""
        return self.annotations.undo_stack[-1] if self.annotations.undo_stack else None
