"""One interval index for every "which spans touch this stretch of text?" question.

The annotation set (merging, labelling occurrences), the article view (drawing a line, the mouse) and
navigation (the span under a click) all ask it, so they share this one index and one meaning of a range:
``overlapping(start, end)`` is every item with at least one character in ``[start, end)``, and an empty
range overlaps nothing; ``covering(offset)`` is every item over ``text[offset]``.

Items are kept sorted by start; a binary search finds the candidates, looking back by the longest
item's length because a quotation can start several lines before the line being drawn. One long
quotation (War and Peace has one of 7,483 characters) would make every line look back that far, over a
hundred short spans each time, so items longer than :data:`LONG_ITEM` are searched apart: short ones
with a short look-back, long ones (a few hundred in a whole novel) with the long one. No Textual.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Generic, Protocol, TypeVar


class HasOffsets(Protocol):
    """Anything with ``start`` and ``end`` offsets (a span, an annotation, a search match)."""

    @property
    def start(self) -> int: ...  # pragma: no cover - protocol

    @property
    def end(self) -> int: ...  # pragma: no cover - protocol


T = TypeVar("T", bound=HasOffsets)

LONG_ITEM = 256
"""Items longer than this many characters are searched apart from the others (see the module docstring)."""


class _Group:
    """Some of the index's items (all short, or all long): their positions, starts and ends, by start."""

    __slots__ = ("ends", "longest", "positions", "starts")

    def __init__(self, positions: list[int], items: Sequence[HasOffsets]) -> None:
        self.positions = positions
        self.starts = [items[i].start for i in positions]
        self.ends = [items[i].end for i in positions]
        self.longest = max((items[i].end - items[i].start for i in positions), default=0)

    def overlapping(self, start: int, end: int) -> list[int]:
        """Positions of this group's items with a character in ``[start, end)`` (non-empty), in order."""
        first = bisect_left(self.starts, start - self.longest)
        last = bisect_left(self.starts, end)
        ends = self.ends[first:last]
        return [p for p, e in zip(self.positions[first:last], ends, strict=True) if e > start]


class IntervalIndex(Generic[T]):
    """Items in reading order, searchable by the range of text they overlap.

    Args:
        items: The items, already sorted by start (every caller has them in reading order; the index
            keeps the caller's order so that positions it returns index the caller's list).
    """

    def __init__(self, items: Sequence[T]) -> None:
        self.items: Sequence[T] = items
        self.starts = [item.start for item in items]
        """Start offsets, for binary search."""
        self.longest = max((item.end - item.start for item in items), default=0)
        short: list[int] = []
        long: list[int] = []
        for position, item in enumerate(items):
            (long if item.end - item.start > LONG_ITEM else short).append(position)
        self._short = _Group(short, items)
        self._long = _Group(long, items) if long else None

    def __len__(self) -> int:
        return len(self.items)

    def positions(self, start: int, end: int) -> list[int]:
        """Positions (into :attr:`items`) of the items overlapping ``[start, end)``, in order."""
        if end <= start or not self.items:
            return []
        found = self._short.overlapping(start, end)
        if self._long is not None and (long := self._long.overlapping(start, end)):
            found = sorted(found + long)  # both in order: positions are the caller's order
        return found

    def overlapping(self, start: int, end: int) -> list[T]:
        """Items with at least one character in ``[start, end)``, in reading order (none if empty)."""
        items = self.items
        return [items[i] for i in self.positions(start, end)]

    def covering(self, offset: int) -> list[T]:
        """Items over the character ``text[offset]``."""
        return self.overlapping(offset, offset + 1)

    def last_covering(self, offset: int) -> int | None:
        """Position of the last-starting item over ``text[offset]`` (the innermost), if any."""
        position = bisect_right(self.starts, offset) - 1
        items = self.items
        for index in range(position, -1, -1):
            item = items[index]
            if item.end > offset:
                return index
            if item.start < offset - self.longest:
                break
        return None
