"""Annotations: spans plus a person's decisions about them, with undo and redo.

An :class:`AnnotationSet` holds one article's annotations. Every change goes through
:meth:`AnnotationSet.apply` as a list of :class:`Change` objects (before/after pairs), which makes undo
and redo exact, lets the history be saved with the annotations (undo works after reopening), and gives
the reader a :attr:`AnnotationSet.version` counter to key its render caches on. The operations a person
performs (accept, relabel, add…) are inherited from :class:`~tui.model.editing.AnnotationEditing`.

No Textual, no spaCy: this is plain data, saved by :mod:`tui.store`.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from tui.model.editing import AnnotationEditing
from tui.model.records import (
    SOURCES,
    STATUSES,
    Annotation,
    Change,
    Edit,
    Source,
    Status,
    now_iso,
)
from tui.model.span import Span, sort_key

__all__ = [
    "SOURCES",
    "STATUSES",
    "Annotation",
    "AnnotationSet",
    "Change",
    "Edit",
    "Source",
    "Status",
    "now_iso",
]


class AnnotationSet(AnnotationEditing):
    """All annotations of one article, kept in reading order, with an undo/redo history."""

    def __init__(
        self,
        text: str,
        annotations: Iterable[Annotation] = (),
        undo_stack: Sequence[Edit] = (),
        redo_stack: Sequence[Edit] = (),
        unplaced: Iterable[Annotation] = (),
    ) -> None:
        self.text = text
        """The article text the offsets index into."""
        self._by_id: dict[str, Annotation] = {a.id: a for a in annotations}
        self._ordered: list[Annotation] | None = None
        self._starts: list[int] = []
        self._longest = 0
        self.undo_stack: list[Edit] = list(undo_stack)
        self.redo_stack: list[Edit] = list(redo_stack)
        self.unplaced: list[Annotation] = list(unplaced)
        """Spans that could not be found again after the article's text changed. They are not shown in
        the text (their offsets mean nothing now) but are saved with the file until a person discards
        them with :meth:`discard_unplaced`, so nothing is ever dropped silently."""
        self.version = 0
        """Bumped on every change; caches of rendered text key on it."""
        self.origin: object = object()
        """Identity shared by a set and its snapshots: lets the store ignore an older snapshot of the
        same set that arrives after a newer one was saved."""
        self._ids = itertools.count(self._next_free_id())

    @classmethod
    def from_suggestions(cls, text: str, spans: Iterable[Span]) -> AnnotationSet:
        """A fresh set where every extracted span is a model suggestion."""
        stamp = now_iso()
        anns = [Annotation.suggestion(n, s, stamp) for n, s in enumerate(sorted(spans, key=sort_key))]
        return cls(text, anns)

    def snapshot(self) -> AnnotationSet:
        """A cheap copy to hand to a saving thread (annotations are immutable; containers are copied).

        Take it on the thread that edits (the UI thread), then save it from a worker. It costs a dict
        and list copy (about 10 ms for a 45,000-span book, well under 1 ms for an article).
        """
        copy = AnnotationSet.__new__(AnnotationSet)
        copy.text = self.text
        copy._by_id = dict(self._by_id)
        copy._ordered = self._ordered  # never mutated in place, only replaced
        copy._starts = self._starts
        copy._longest = self._longest
        copy.undo_stack = list(self.undo_stack)
        copy.redo_stack = list(self.redo_stack)
        copy.unplaced = list(self.unplaced)
        copy.version = self.version
        copy.origin = self.origin
        next_id = next(self._ids)
        self._ids = itertools.count(next_id)
        copy._ids = itertools.count(next_id)
        return copy

    def _next_free_id(self) -> int:
        """One past the highest number in any id ever used, history included, so that redoing an
        undone "add" after a reload can never collide with a span added since."""
        in_history = (
            a.id
            for edit in itertools.chain(self.undo_stack, self.redo_stack)
            for change in edit.changes
            for a in (change.before, change.after)
            if a is not None
        )
        known = itertools.chain(self._by_id, (a.id for a in self.unplaced), in_history)
        numbers = [int(i[1:]) for i in known if i[1:].isdigit()]
        return max(numbers, default=-1) + 1

    def new_id(self, prefix: str = "h") -> str:
        """A fresh id (``h`` for human-made spans, ``m`` for model suggestions)."""
        while True:
            candidate = f"{prefix}{next(self._ids)}"
            if candidate not in self._by_id:
                return candidate

    # reading ---------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Annotation]:
        return iter(self.ordered)

    def __contains__(self, annotation_id: object) -> bool:
        return annotation_id in self._by_id

    def get(self, annotation_id: str) -> Annotation | None:
        """The annotation with this id, if it exists."""
        return self._by_id.get(annotation_id)

    @property
    def ordered(self) -> list[Annotation]:
        """All annotations in reading order (cached until the next change)."""
        if self._ordered is None:
            self._ordered = sorted(self._by_id.values(), key=lambda a: (*sort_key(a.span), a.id))
            self._starts = [a.start for a in self._ordered]
            self._longest = max((a.end - a.start for a in self._ordered), default=0)
        return self._ordered

    def spans(self, *, include_rejected: bool = True) -> list[Span]:
        """The spans in reading order."""
        return [a.span for a in self.ordered if include_rejected or a.status != "rejected"]

    def unreviewed(self) -> int:
        """How many suggestions still wait for a decision."""
        return sum(1 for a in self._by_id.values() if a.status == "suggested")

    def overlapping(self, start: int, end: int) -> list[Annotation]:
        """Annotations sharing at least one character with ``[start, end)`` (or touching ``start`` when
        the range is empty), in reading order. Uses a bisect, so it is cheap on book-sized sets."""
        ordered = self.ordered
        hi = bisect.bisect_left(self._starts, max(end, start + 1))
        lo = bisect.bisect_left(self._starts, start - self._longest)
        return [a for a in ordered[lo:hi] if a.end > start]

    def at(self, offset: int, *, include_rejected: bool = True) -> Annotation | None:
        """The innermost annotation covering ``text[offset]`` (the shortest; an entity inside a quote)."""
        covering = [
            a for a in self.overlapping(offset, offset + 1) if include_rejected or a.status != "rejected"
        ]
        return min(covering, key=lambda a: (a.end - a.start, a.start), default=None)

    def next_after(self, offset: int, *, status: Status | None = None) -> Annotation | None:
        """The first annotation starting after ``offset`` (optionally only those with ``status``)."""
        ordered = self.ordered
        for annotation in ordered[bisect.bisect_right(self._starts, offset) :]:
            if status is None or annotation.status == status:
                return annotation
        return None

    def previous_before(self, offset: int, *, status: Status | None = None) -> Annotation | None:
        """The last annotation starting before ``offset`` (optionally only those with ``status``)."""
        ordered = self.ordered
        for annotation in reversed(ordered[: bisect.bisect_left(self._starts, offset)]):
            if status is None or annotation.status == status:
                return annotation
        return None

    # changing --------------------------------------------------------------------------------------
    def apply(self, description: str, changes: Iterable[Change], *, record: bool = True) -> Edit | None:
        """Apply changes as one undoable step; returns the edit, or ``None`` if nothing changed.

        Args:
            record: ``False`` applies the changes without adding them to the history (used when fresh
                extractor suggestions are merged in: that is not something a person would undo).
        """
        edit = Edit(description, tuple(c for c in changes if c.before != c.after))
        if not edit.changes:
            return None
        self._apply_changes(edit.changes)
        if record:
            self.undo_stack.append(edit)
            self.redo_stack.clear()
        return edit

    def undo(self) -> Edit | None:
        """Undo the last edit; returns it (``None`` when there is nothing to undo)."""
        if not self.undo_stack:
            return None
        edit = self.undo_stack.pop()
        self._apply_changes(edit.inverted().changes)
        self.redo_stack.append(edit)
        return edit

    def redo(self) -> Edit | None:
        """Redo the last undone edit; returns it (``None`` when there is nothing to redo)."""
        if not self.redo_stack:
            return None
        edit = self.redo_stack.pop()
        self._apply_changes(edit.changes)
        self.undo_stack.append(edit)
        return edit

    def _apply_changes(self, changes: Iterable[Change]) -> None:
        for change in changes:
            if change.before is not None:
                self._by_id.pop(change.before.id, None)
            if change.after is not None:
                self._by_id[change.after.id] = change.after
        self._ordered = None
        self.version += 1

    def discard_unplaced(self, ids: Iterable[str] | None = None) -> int:
        """Forget unplaced spans (all, or those with ``ids``) after a person has seen them.

        Not undoable (they are not in the text); returns how many were discarded.
        """
        keep = [] if ids is None else [a for a in self.unplaced if a.id not in set(ids)]
        discarded = len(self.unplaced) - len(keep)
        self.unplaced = keep
        self.version += 1
        return discarded

    def place_unplaced(self, annotation_id: str, start: int, end: int) -> Annotation:
        """Put an unplaced span back into the text at ``start..end`` (its text follows the article).

        The placing is an undoable step; undoing it removes the span from the text again (redo brings
        it back), while it no longer appears in :attr:`unplaced`.

        Raises:
            KeyError: no unplaced span has this id. ValueError: the offsets are outside the text.
        """
        annotation = next((a for a in self.unplaced if a.id == annotation_id), None)
        if annotation is None:
            raise KeyError(f"no unplaced span with id {annotation_id!r}")
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}..{end} is outside the text (0..{len(self.text)})")
        span = annotation.span.evolve(start=start, end=end, text=self.text[start:end], speaker=None)
        placed = annotation.evolve(span=span)
        if placed.id in self._by_id:  # an id taken since (cannot happen with new_id, but be safe)
            placed = replace(placed, id=self.new_id(placed.id[:1] or "h"))
        self.unplaced = [a for a in self.unplaced if a.id != annotation_id]
        self.apply(f"place {annotation.label} “{annotation.span.text}”", [Change(None, placed)])
        return placed

    # common edits ----------------------------------------------------------------------------------
    def add(self, span: Span, *, status: Status = "accepted", note: str = "") -> Annotation:
        """Add a person's span; returns the new annotation."""
        ann = Annotation(self.new_id(), span, "human", status, note, now_iso())
        self.apply(f"add {span.label} “{span.text}”", [Change(None, ann)])
        return ann

    def remove(self, annotation_id: str) -> None:
        """Delete a span (undoable)."""
        ann = self._by_id[annotation_id]
        self.apply(f"delete {ann.label} “{ann.span.text}”", [Change(ann, None)])

    delete = remove

    def update(self, annotation_id: str, description: str, **changes: Any) -> Annotation:
        """Change fields of one annotation (``status``, ``note``, ``span``…) as one step."""
        before = self._by_id[annotation_id]
        after = before.evolve(**changes)
        self.apply(description, [Change(before, after)])
        return after

    def set_status(self, ids: Iterable[str], status: Status, description: str) -> int:
        """Accept or reject several annotations as one step; returns how many changed."""
        changes = [
            Change(a, a.evolve(status=status))
            for i in ids
            if (a := self._by_id.get(i)) is not None and a.status != status
        ]
        self.apply(description, changes)
        return len(changes)
