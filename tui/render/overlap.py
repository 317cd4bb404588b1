"""Finding the annotations that touch a display line, fast, for the article view (no Textual).

The view draws only the lines on screen; each asks "which spans overlap ``text[start:end]``?". Spans are
kept sorted by start, so a binary search finds the candidates; quotes can be long and start several
lines earlier, so the search looks back by the longest span's length.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Generic, Protocol, TypeVar


class HasOffsets(Protocol):
    """Anything with ``start`` and ``end`` offsets (a Span, an Annotation, a search match)."""

    @property
    def start(self) -> int: ...  # pragma: no cover - protocol

    @property
    def end(self) -> int: ...  # pragma: no cover - protocol


T = TypeVar("T", bound=HasOffsets)


class OverlapLookup(Generic[T]):
    """Items sorted by start, searchable by the range of text they overlap."""

    def __init__(self, items: Sequence[T]) -> None:
        self.items: list[T] = sorted(items, key=lambda item: (item.start, -item.end))
        self.starts = [item.start for item in self.items]
        self.longest = max((item.end - item.start for item in self.items), default=0)

    def __len__(self) -> int:
        return len(self.items)

    def overlapping(self, start: int, end: int) -> list[T]:
        """Items with at least one character in ``[start, end)``, in reading order.

        An empty range (a blank display line) overlaps nothing.
        """
        if end <= start or not self.items:
            return []
        first = bisect_left(self.starts, start - self.longest)
        last = bisect_left(self.starts, end)
        return [item for item in self.items[first:last] if item.end > start]
