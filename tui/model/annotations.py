"""Annotations: spans plus a person's decisions about them, with undo and redo.

An :class:`AnnotationSet` holds one article's annotations. Every change goes through
:meth:`AnnotationSet.apply` as a list of :class:`Change` objects (before/after pairs), which makes undo
and redo exact, lets the history be saved with the annotations (undo works after reopening), and gives
the reader a :attr:`AnnotationSet.version` counter to key its render caches on.

No Textual, no spaCy: this is plain data, saved by :mod:`tui.store`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Literal, TypeAlias

from tui.model.span import Span, sort_key

Status: TypeAlias = Literal["suggested", "accepted", "rejected"]
Source: TypeAlias = Literal["model", "human"]
STATUSES: tuple[Status, ...] = ("suggested", "accepted", "rejected")
SOURCES: tuple[Source, ...] = ("model", "human")


def now_iso() -> str:
    """Current UTC time as ISO 8601 with seconds, the form saved in annotation files."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class Annotation:
    """A span with its provenance, review status and note."""

    id: str
    """Unique within the article; stable across saves (undo history refers to it)."""
    span: Span
    source: Source = "model"
    status: Status = "suggested"
    note: str = ""
    updated: str = ""
    """When it was last changed (ISO 8601, UTC)."""

    @property
    def start(self) -> int:
        """Shortcut for ``span.start``."""
        return self.span.start

    @property
    def end(self) -> int:
        """Shortcut for ``span.end``."""
        return self.span.end

    @property
    def label(self) -> str:
        """Shortcut for ``span.label``."""
        return self.span.label

    @property
    def kind(self) -> str:
        """Shortcut for ``span.kind``."""
        return self.span.kind

    @property
    def is_kept(self) -> bool:
        """Accepted or added by a person: what exports include by default."""
        return self.status == "accepted" or (self.source == "human" and self.status != "rejected")

    def evolve(self, **changes: Any) -> Annotation:
        """Return a changed copy stamped with the current time."""
        changes.setdefault("updated", now_iso())
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        """The annotation file's span object: the span's fields plus id, source, status, note, updated."""
        data = self.span.to_json()
        data.update(
            id=self.id, source=self.source, status=self.status, note=self.note, updated=self.updated
        )
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Annotation:
        """Inverse of :meth:`to_json`."""
        own = {"id", "source", "status", "note", "updated"}
        span = Span.from_json({k: v for k, v in data.items() if k not in own})
        source = data.get("source", "model")
        status = data.get("status", "suggested")
        if source not in SOURCES:
            raise ValueError(f"unknown source {source!r}")
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        return cls(
            id=str(data["id"]),
            span=span,
            source=source,
            status=status,
            note=str(data.get("note") or ""),
            updated=str(data.get("updated") or ""),
        )


@dataclass(frozen=True, slots=True)
class Change:
    """One annotation's state before and after an edit (``None``: it did not / no longer exists)."""

    before: Annotation | None
    after: Annotation | None

    def inverted(self) -> Change:
        """The change that undoes this one."""
        return Change(self.after, self.before)


@dataclass(frozen=True, slots=True)
class Edit:
    """One undoable step: a description for the status line and the changes it made."""

    description: str
    changes: tuple[Change, ...]

    def inverted(self) -> Edit:
        """The edit that undoes this one (changes reversed and inverted)."""
        return Edit(self.description, tuple(c.inverted() for c in reversed(self.changes)))


class AnnotationSet:
    """All annotations of one article, kept in reading order, with an undo/redo history."""

    def __init__(
        self,
        text: str,
        annotations: Iterable[Annotation] = (),
        undo_stack: Sequence[Edit] = (),
        redo_stack: Sequence[Edit] = (),
    ) -> None:
        self.text = text
        """The article text the offsets index into."""
        self._by_id: dict[str, Annotation] = {a.id: a for a in annotations}
        self._ordered: list[Annotation] | None = None
        self.undo_stack: list[Edit] = list(undo_stack)
        self.redo_stack: list[Edit] = list(redo_stack)
        self.version = 0
        """Bumped on every change; caches of rendered text key on it."""
        self._ids = itertools.count(self._next_free_id())

    @classmethod
    def from_suggestions(cls, text: str, spans: Iterable[Span]) -> AnnotationSet:
        """A fresh set where every extracted span is a model suggestion."""
        stamp = now_iso()
        anns = [
            Annotation(id=f"m{n}", span=s, source="model", status="suggested", updated=stamp)
            for n, s in enumerate(sorted(spans, key=sort_key))
        ]
        return cls(text, anns)

    def _next_free_id(self) -> int:
        numbers = [int(i[1:]) for i in self._by_id if i[1:].isdigit()]
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
        return self._ordered

    def spans(self, *, include_rejected: bool = True) -> list[Span]:
        """The spans in reading order."""
        return [a.span for a in self.ordered if include_rejected or a.status != "rejected"]

    def unreviewed(self) -> int:
        """How many suggestions still wait for a decision."""
        return sum(1 for a in self._by_id.values() if a.status == "suggested")

    # changing --------------------------------------------------------------------------------------
    def apply(self, description: str, changes: Iterable[Change]) -> Edit | None:
        """Apply changes as one undoable step; returns the edit, or ``None`` if nothing changed."""
        edit = Edit(description, tuple(c for c in changes if c.before != c.after))
        if not edit.changes:
            return None
        self._apply_changes(edit.changes)
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
