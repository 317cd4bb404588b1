"""The records an annotation history is made of: :class:`Annotation`, :class:`Change` and :class:`Edit`.

They live apart from :class:`~tui.model.annotations.AnnotationSet` because the store and the exporters
read and write them without needing the set's editing rules. All three are
frozen, so the undo history can share them with the reader's caches without copies, and all three turn
into plain JSON (the store saves the history so that undo works after reopening an article).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Literal, TypeAlias

from tui.model.span import Span

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
    """``model`` when the extractor suggested it, ``human`` when a person added it."""
    status: Status = "suggested"
    """A person's decision; rejected spans are kept (dimmed) so that they stay rejected after a merge."""
    note: str = ""
    updated: str = ""
    """When it was last changed (ISO 8601, UTC)."""

    @classmethod
    def suggestion(cls, number: int, span: Span, updated: str) -> Annotation:
        """The ``number``-th model suggestion of an article (id ``m<number>``, status suggested).

        The one place that spells the id scheme of suggestions, shared by
        :meth:`AnnotationSet.from_suggestions` and the reader's chunk-by-chunk extraction.
        """
        return cls(id=f"m{number}", span=span, source="model", status="suggested", updated=updated)

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

    @property
    def is_reviewed(self) -> bool:
        """A person has had a say on it: accepted, rejected or made it (merges never override these)."""
        return self.status != "suggested" or self.source == "human"

    def evolve(self, **changes: Any) -> Annotation:
        """Return a changed copy stamped with the current time."""
        changes.setdefault("updated", now_iso())
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        """The annotation file's span object: the span's fields plus id, source, status, note, updated."""
        data = self.span.to_json()
        data.update(id=self.id, source=self.source, status=self.status, note=self.note, updated=self.updated)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Annotation:
        """Inverse of :meth:`to_json`.

        Raises:
            ValueError, KeyError, TypeError: on a malformed object (the store reports them as corrupt).
        """
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

    def to_json(self) -> dict[str, Any]:
        """``{"before": ..., "after": ...}``, compacted when one annotation changed in place.

        A status or note change of one annotation is stored as the new state plus only the fields it
        had before (``was``) and the fields it did not have (``was_missing``): "accept all" on a book
        then costs one annotation per change in the file, not two.
        """
        before = self.before.to_json() if self.before else None
        after = self.after.to_json() if self.after else None
        if before is None or after is None or before["id"] != after["id"]:
            return {"before": before, "after": after}
        was = {k: v for k, v in before.items() if after.get(k, _MISSING) != v}
        missing = [k for k in after if k not in before]
        data: dict[str, Any] = {"after": after, "was": was}
        if missing:
            data["was_missing"] = missing
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Change:
        """Inverse of :meth:`to_json` (both the full and the compacted form)."""
        after = data.get("after")
        if "was" in data:
            if not isinstance(after, dict) or not isinstance(data["was"], dict):
                raise ValueError("a compacted change needs 'after' and 'was' objects")
            gone = set(data.get("was_missing") or ())
            restored = {k: v for k, v in after.items() if k not in gone}
            restored.update(data["was"])
            before: dict[str, Any] | None = restored
        else:
            before = data["before"]
        return cls(
            Annotation.from_json(before) if before is not None else None,
            Annotation.from_json(after) if after is not None else None,
        )


_MISSING = object()


@dataclass(frozen=True, slots=True)
class Edit:
    """One undoable step: a description for the status line and the changes it made."""

    description: str
    changes: tuple[Change, ...]

    def inverted(self) -> Edit:
        """The edit that undoes this one (changes reversed and inverted)."""
        return Edit(self.description, tuple(c.inverted() for c in reversed(self.changes)))

    def to_json(self) -> dict[str, Any]:
        """``{"description": ..., "changes": [...]}``."""
        return {"description": self.description, "changes": [c.to_json() for c in self.changes]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Edit:
        """Inverse of :meth:`to_json`."""
        return cls(str(data["description"]), tuple(Change.from_json(c) for c in data["changes"]))
