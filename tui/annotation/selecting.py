"""A stretch of text being selected with the keyboard, to become a new span or a span's new bounds.

Like Vim's visual mode: one edge of the selection moves (the end, until ``o`` switches to the start),
by a word (``w`` forward, ``b`` back) or by a character (``l``/``h``). Moving by words keeps whole words
(:func:`~tui.model.snap_to_words`); moving by characters is how a person asks for a boundary inside a
word. The helpers that do the work are the pure functions of :mod:`tui.model.selection`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

from tui.model import grow_by_char, grow_by_word, shrink_by_char, shrink_by_word, snap_to_words, word_at
from tui.model.selection import Side, next_word

SelectionPurpose: TypeAlias = Literal["add", "resize"]
"""``add``: a new span (a label is asked for); ``resize``: new bounds for :attr:`Selection.target`."""


@dataclass(slots=True)
class Selection:
    """Offsets ``[start, end)`` of the text being selected, and which edge the keys move."""

    text: str
    start: int
    end: int
    side: Side = "end"
    purpose: SelectionPurpose = "add"
    target: str | None = None
    """For a resize: the id of the annotation whose bounds change."""

    @classmethod
    def at(cls, text: str, start: int, end: int | None = None) -> Selection:
        """A selection of the words covering ``text[start:end]`` (the word at ``start`` when no end).

        Starting between words takes the next word, so a selection never starts empty.
        """
        if end is None or end <= start:
            found = word_at(text, start) or next_word(text, start)
            start, end = found if found is not None else (start, min(len(text), start + 1))
        start, end = snap_to_words(text, start, end)
        if start >= end:  # only spaces: one character, so that there is something to see
            end = min(len(text), start + 1)
        return cls(text, start, end)

    @property
    def selected(self) -> str:
        """The selected text."""
        return self.text[self.start : self.end]

    @property
    def is_empty(self) -> bool:
        """Nothing selected (only possible on an empty text)."""
        return self.start >= self.end

    def switch_side(self) -> None:
        """Make the other edge the one that moves (Vim's ``o`` in visual mode)."""
        self.side = "start" if self.side == "end" else "end"

    def by_word(self, direction: int) -> None:
        """Move the moving edge one word right (``direction > 0``) or left, keeping at least one word."""
        grow = (direction > 0) == (self.side == "end")
        move = grow_by_word if grow else shrink_by_word
        self.start, self.end = move(self.text, self.start, self.end, self.side)

    def by_char(self, direction: int) -> None:
        """Move the moving edge one character right or left, keeping at least one character."""
        grow = (direction > 0) == (self.side == "end")
        move = grow_by_char if grow else shrink_by_char
        self.start, self.end = move(self.text, self.start, self.end, self.side)

    def describe(self) -> str:
        """``“Victory Day” (end moves)`` for the status line."""
        shown = " ".join(self.selected.split())
        if len(shown) > 40:
            shown = shown[:39] + "…"
        return f"“{shown}” ({self.side} moves)"
