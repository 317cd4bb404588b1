"""Pure helpers for making selections on an article's text with the keyboard.

The reader keeps a selection as a ``(start, end)`` pair of offsets (end-exclusive) and calls these to
snap it to words or to grow and shrink it. They are plain functions of the text so they can be tested
without a UI and reused by the command line.

A *word* is a run of letters and digits, joined by inner apostrophes, hyphens, dots, commas or ``&``
when a word character follows (so ``15,000``, ``U.S``, ``Xi's``, ``co-operate`` and ``AT&T`` are one word
each, while a trailing full stop or comma is not part of the word before it).
"""

from __future__ import annotations

from typing import Literal, TypeAlias

Side: TypeAlias = Literal["start", "end"]
"""Which edge of a selection moves when it grows or shrinks."""

JOINERS = frozenset("'’-.,&_")
"""Characters that join two word characters into one word."""


def is_word_char(char: str) -> bool:
    """Letters, digits (any script) count as word characters."""
    return char.isalnum()


def _is_possessive(text: str, index: int) -> bool:
    """Whether the apostrophe at ``index`` starts a possessive ``'s`` (``Putin's`` → ``Putin`` + ``'s``)."""
    after = index + 2
    return text[index + 1 : after] in ("s", "S") and (after >= len(text) or not is_word_char(text[after]))


def _in_word(text: str, index: int) -> bool:
    """Whether ``text[index]`` belongs to a word (a joiner counts only between word characters)."""
    if not 0 <= index < len(text):
        return False
    char = text[index]
    if is_word_char(char):
        return True
    if char in "'’" and _is_possessive(text, index):
        return False
    return (
        char in JOINERS
        and 0 < index < len(text) - 1
        and is_word_char(text[index - 1])
        and is_word_char(text[index + 1])
    )


def word_at(text: str, index: int) -> tuple[int, int] | None:
    """The ``(start, end)`` of the word containing ``text[index]``, or ``None`` if it is not in one."""
    if not _in_word(text, index):
        return None
    start, end = index, index + 1
    while start > 0 and _in_word(text, start - 1):
        start -= 1
    while end < len(text) and _in_word(text, end):
        end += 1
    return start, end


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a selection to whole words and trim whitespace at its edges.

    A selection inside or across words grows to cover each word it touches; leading and trailing
    spaces are dropped. A selection of only spaces or punctuation is returned clamped but otherwise
    unchanged, so a person can still select a lone ``“`` or ``%`` when asked not to snap.
    """
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    if start > end:
        start, end = end, start
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return start, end
    if (word := word_at(text, start)) is not None:
        start = word[0]
    if (word := word_at(text, end - 1)) is not None:
        end = word[1]
    return start, end


def next_word(text: str, index: int) -> tuple[int, int] | None:
    """The first word that ends after ``index`` and starts at or after it (``None`` at the end)."""
    i = index
    while i < len(text) and not _in_word(text, i):
        i += 1
    return word_at(text, i) if i < len(text) else None


def previous_word(text: str, index: int) -> tuple[int, int] | None:
    """The last word that ends at or before ``index`` (``None`` at the start)."""
    i = min(index, len(text)) - 1
    while i >= 0 and not _in_word(text, i):
        i -= 1
    return word_at(text, i) if i >= 0 else None


def grow_by_word(text: str, start: int, end: int, side: Side = "end") -> tuple[int, int]:
    """Extend one edge of the selection over the next word in that direction."""
    if side == "end":
        word = next_word(text, end)
        return (start, word[1]) if word else (start, end)
    word = previous_word(text, start)
    return (word[0], end) if word else (start, end)


def shrink_by_word(text: str, start: int, end: int, side: Side = "end") -> tuple[int, int]:
    """Pull one edge back by a word, never below one word (or one character) of selection."""
    if side == "end":
        word = previous_word(text, end)
        if word is not None and word[0] > start:
            new_end = word[0]
            while new_end > start + 1 and not _in_word(text, new_end - 1):
                new_end -= 1
            return start, new_end
        return start, end
    word = next_word(text, start)
    if word is not None and word[1] < end:
        new_start = word[1]
        while new_start < end - 1 and not _in_word(text, new_start):
            new_start += 1
        return new_start, end
    return start, end


def grow_by_char(text: str, start: int, end: int, side: Side = "end") -> tuple[int, int]:
    """Extend one edge by one character (clamped to the text)."""
    if side == "end":
        return start, min(len(text), end + 1)
    return max(0, start - 1), end


def shrink_by_char(text: str, start: int, end: int, side: Side = "end") -> tuple[int, int]:
    """Pull one edge back by one character, keeping at least one character selected."""
    if end - start <= 1:
        return start, end
    return (start, end - 1) if side == "end" else (start + 1, end)


def whole_word_occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of ``needle`` in ``text`` where it is not part of a longer word.

    The check applies only at an edge of ``needle`` that is itself a word character: ``U.S.`` matches
    before a space, ``Kursk`` matches in ``Kursk's`` (a possessive ends the word) but not in ``Kurskaya``.
    """
    if not needle:
        return []
    found: list[int] = []
    check_left, check_right = is_word_char(needle[0]), is_word_char(needle[-1])
    i = text.find(needle)
    while i != -1:
        end = i + len(needle)
        left_ok = not check_left or i == 0 or not _in_word(text, i - 1)
        right_ok = not check_right or end == len(text) or not _in_word(text, end)
        if left_ok and right_ok:
            found.append(i)
        i = text.find(needle, i + 1)
    return found
