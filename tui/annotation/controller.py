"""The open article's annotation work, without a screen: one owner for its set and its rules.

The reader screen asks an :class:`AnnotationController` for everything about the open article's
annotations and calls it from its actions; the article view is handed :attr:`AnnotationController.annotations`
to draw. Nothing else holds the set, so nothing can show a stale copy of it.

It opens the article's :class:`~tui.annotation.ArticleSession` (in the screen's load worker), adopts it on
the UI thread, merges the extractor's spans as they arrive (only the new ones each time, so a book does
not cost quadratic time), and closes the session (saving what is pending) when another article opens.
The rules a person meets while annotating are here so that they are tested without Textual:

- relabelling a rejected span adds the person's label as a span of its own (the rejection stays on
  record, so the model's label never comes back);
- a quote's speaker is chosen among PERSON and ORG spans, the one it is linked to first, else the one
  nearest before the quote;
- after a search, the keys act on the span at the match, preferring one still in play over a rejected one,
  then the shortest;
- new bounds make a suggestion accepted (:meth:`~tui.model.AnnotationSet.set_bounds`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from tui.annotation.session import ArticleSession, ErrorHandler
from tui.annotation.workspace import AnnotationWorkspace
from tui.model import (
    SPEAKER_LABELS,
    Annotation,
    AnnotationSet,
    Article,
    ArticleEntry,
    Edit,
    LabelConfig,
    Span,
    Status,
)

T = TypeVar("T")


@dataclass(slots=True)
class SpeakerChoice:
    """A quote whose speaker is being chosen, the candidates and which one is offered."""

    quote: Annotation
    candidates: list[Annotation]
    position: int = 0

    @property
    def current(self) -> Annotation:
        """The candidate offered now."""
        return self.candidates[self.position]

    def step(self, direction: int) -> None:
        """Offer the next (previous) candidate, wrapping around."""
        self.position = (self.position + direction) % len(self.candidates)


@dataclass(slots=True)
class Opened:
    """What a just-adopted session means for the person: notices to show, a corrupt file to decide on."""

    notices: list[str] = field(default_factory=list)
    corrupt_path: str | None = None


def speaker_choice(annotations: AnnotationSet, quote: Annotation) -> SpeakerChoice | None:
    """The speakers a quote can be linked to, starting with its speaker or the nearest one before it.

    Returns:
        ``None`` when the article has no PERSON or ORG span still in play.
    """
    candidates = [
        a for a in annotations if a.kind == "entity" and a.label in SPEAKER_LABELS and a.status != "rejected"
    ]
    if not candidates:
        return None
    linked = quote.span.speaker
    position = next(
        (i for i, a in enumerate(candidates) if linked and (a.start, a.end) == (linked.start, linked.end)),
        None,
    )
    if position is None:
        before = [i for i, a in enumerate(candidates) if a.end <= quote.start]
        position = before[-1] if before else 0
    return SpeakerChoice(quote, candidates, position)


def match_target(covering: Sequence[tuple[int, Annotation]]) -> int | None:
    """Which of the spans over a search match the keys act on: one in play, then the shortest.

    Args:
        covering: ``(position, annotation)`` of the shown spans over the match's first character.

    Returns:
        The chosen position, or ``None`` when no span covers the match.
    """
    if not covering:
        return None
    return min(covering, key=lambda pa: (pa[1].status == "rejected", pa[1].end - pa[1].start))[0]


def quote_around(annotations: AnnotationSet, annotation: Annotation) -> Annotation | None:
    """The quote itself, or the first quote the span stands in (``s`` chooses its speaker)."""
    if annotation.kind == "quote":
        return annotation
    around = [a for a in annotations.overlapping(annotation.start, annotation.end) if a.kind == "quote"]
    return around[0] if around else None


class AnnotationController:
    """The open article's session and every change a person makes to its annotations.

    Args:
        workspace: Where each article's annotations are saved and which labels it uses.
        on_error: Told about a failed save (on the saver's thread).
        on_saved: Told about a completed save (on the saver's thread).
    """

    def __init__(
        self,
        workspace: AnnotationWorkspace,
        *,
        on_error: ErrorHandler | None = None,
        on_saved: Callable[[int], None] | None = None,
    ) -> None:
        self.workspace = workspace
        self.session: ArticleSession | None = None
        """The open article's session (``None`` while none is open)."""
        self._on_error = on_error
        self._on_saved = on_saved
        self._merged = 0
        """How many of the extraction's progressive annotations are merged into the session."""

    # the session's life ----------------------------------------------------------------------------
    def open(self, entry: ArticleEntry, article: Article) -> ArticleSession:
        """Read the article's saved annotations (call from a worker: it reads a file)."""
        return ArticleSession.open(
            article,
            self.workspace.store_for(entry),
            self.workspace.labels_for(entry),
            on_error=self._on_error,
            on_saved=self._on_saved,
        )

    def adopt(self, session: ArticleSession) -> Opened:
        """Make a just-opened session the open one (UI thread); says what the person should be told."""
        if self.session is not None and self.session is not session:
            self.close()
        self.session = session
        self._merged = 0
        corrupt = str(session.corrupt.path) if session.corrupt is not None else None
        return Opened(session.notices(), corrupt)

    def close(self) -> bool:
        """Save what is pending and stop autosaving the open article; returns whether all is saved."""
        session, self.session = self.session, None
        return session.close() if session is not None else True

    def is_open(self, article: Article) -> bool:
        """Whether ``article`` is the one whose session is open."""
        return self.session is not None and self.session.article.key == article.key

    @property
    def annotations(self) -> AnnotationSet | None:
        """The open article's annotations (the one set the view draws)."""
        return self.session.annotations if self.session is not None else None

    @property
    def labels(self) -> LabelConfig | None:
        """The labels offered for the open article."""
        return self.session.labels if self.session is not None else None

    # extraction meets saved work -------------------------------------------------------------------
    def suggestions_saved(self, model: str, version: str) -> list[Span] | None:
        """The model's spans from the saved file when they are this extractor's (skip extracting)."""
        session = self.session
        if session is None or not session.suggestions_current(model, version):
            return None
        return [a.span for a in session.annotations if a.source == "model"]

    def merge_progress(
        self, article: Article, so_far: Sequence[Annotation], *, model: str, version: str
    ) -> bool:
        """Merge the spans extracted so far that are new since the last call.

        Returns:
            Whether anything was merged (``False`` too when ``article`` is not the open one).
        """
        if not self.is_open(article):
            return False
        fresh, self._merged = so_far[self._merged :], len(so_far)
        if not fresh:
            return False
        assert self.session is not None
        self.session.merge([a.span for a in fresh], model=model, extractor_version=version, complete=False)
        return True

    def merge_complete(self, article: Article, spans: Sequence[Span], *, model: str, version: str) -> bool:
        """Merge the extractor's whole output: it now counts as this model's suggestions."""
        if not self.is_open(article):
            return False
        assert self.session is not None
        self.session.merge(spans, model=model, extractor_version=version, complete=True)
        return True

    # edits -----------------------------------------------------------------------------------------
    def _edit(self, operation: Callable[[AnnotationSet], T]) -> T:
        if self.session is None:
            raise LookupError("no article is open")
        return self.session.edit(operation)

    def accept(self, annotation_id: str) -> Annotation:
        """Mark a span correct."""
        return self._edit(lambda a: a.accept(annotation_id))

    def reject(self, annotation_id: str) -> Annotation:
        """Mark a span wrong; it stays, dimmed, and stays rejected after a reload."""
        return self._edit(lambda a: a.reject(annotation_id))

    def review_remaining(self, status: Status, label: str | None = None) -> int:
        """Accept or reject every remaining suggestion (of one label, or all); returns how many."""
        return self._edit(lambda a: a.review_remaining(status, label=label))

    def relabel(self, annotation_id: str, label: str) -> Annotation | None:
        """Give a span the person's label; returns the annotation that now carries it.

        A rejected span keeps its rejection and the label becomes a span of its own ("not PRODUCT, but
        GPE"); the same label again accepts the span; custom labels keep their declared kind.
        """
        session = self.session
        annotation = session.annotations.get(annotation_id) if session is not None else None
        if session is None or annotation is None:
            return None
        if annotation.status == "rejected":
            return self.add_span(annotation.start, annotation.end, label)
        if label == annotation.label:
            return self.accept(annotation_id)
        kind = session.labels.kind_for(label)
        return self._edit(lambda a: a.relabel(annotation_id, label, kind=kind))

    def add_span(self, start: int, end: int, label: str) -> Annotation:
        """Add a person's span over ``text[start:end]`` (an existing identical one is accepted)."""
        assert self.session is not None
        kind = self.session.labels.kind_for(label)
        return self._edit(lambda a: a.add_span(start, end, label, kind=kind))

    def set_bounds(self, annotation_id: str, start: int, end: int) -> Annotation:
        """Move a span's boundaries (a suggestion becomes accepted)."""
        return self._edit(lambda a: a.set_bounds(annotation_id, start, end))

    def delete(self, annotation_id: str) -> None:
        """Delete a span (undoable)."""
        self._edit(lambda a: a.delete(annotation_id))

    def set_note(self, annotation_id: str, note: str) -> Annotation:
        """Attach, change or (``""``) clear a span's note."""
        return self._edit(lambda a: a.set_note(annotation_id, note))

    def link_speaker(self, quote_id: str, speaker_id: str | None) -> Annotation:
        """Say which entity span said a quote (``None`` unlinks)."""
        return self._edit(lambda a: a.link_speaker(quote_id, speaker_id))

    def label_occurrences(self, annotation_id: str) -> list[Annotation]:
        """Label every other occurrence of a span's text the same way; returns the spans added."""
        return self._edit(lambda a: a.label_occurrences(annotation_id))

    def undo(self) -> Edit | None:
        """Undo the last step (also one saved before the article was reopened)."""
        return self._edit(lambda a: a.undo())

    def redo(self) -> Edit | None:
        """Redo the last undone step."""
        return self._edit(lambda a: a.redo())

    # questions the screen asks ---------------------------------------------------------------------
    def speaker_choice(self, annotation: Annotation) -> SpeakerChoice | str | None:
        """The speaker choice for the quote at (or around) ``annotation``.

        Returns:
            The choice; or a one-line reason when there is no quote there or no speaker to choose.
        """
        annotations = self.annotations
        if annotations is None:
            return None
        quote = quote_around(annotations, annotation)
        if quote is None:
            return "Put the cursor on a quotation first (} jumps to the next one)."
        choice = speaker_choice(annotations, quote)
        if choice is None:
            return "No PERSON or ORG span to choose: add one first (v, then a label)."
        return choice
