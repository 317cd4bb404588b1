"""Wrapping an article's text into display lines once per width (no Textual: plain offsets).

The article view draws a line by slicing the text between two offsets, so the layout is only two lists
of ints: for War and Peace (3.2 MB, ~65,000 display lines) it is built in tens of milliseconds and takes
a few megabytes. Offsets are never changed: a display line is ``text[start:end]`` exactly, with
characters that a terminal cannot show in one cell (tabs, control characters) replaced only when drawn.

Paragraphs are the text's own lines. When the text has no blank lines between paragraphs (most news
articles put one paragraph per line), an empty display line is added after each paragraph so that they
read as paragraphs; short lines without closing punctuation are marked as headings.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from rich.cells import cell_len, get_character_cell_size

HEADING_MAX = 90
"""Longest paragraph (in characters) that may be taken for a heading."""

_SENTENCE_END = tuple(".!?:;,…”\"'’)]")

_NOT_ONE_CELL = re.compile(
    "[\u0000-\u001f\u0300-\u036f\u1100-\u115f\u200b-\u200f\u2e80-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe00-\ufe0f\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U0001f000-\U0001faff"
    "\U00020000-\U0003fffd]"
)
"""Characters that may not take exactly one cell (wide East Asian, emoji, combining, control). A line
without any is measured by its length, which keeps wrapping a book fast; others are measured per char."""


def one_cell_each(line: str) -> bool:
    """Whether every character of ``line`` takes one terminal cell (the common, fast case)."""
    return line.isascii() or _NOT_ONE_CELL.search(line) is None


def is_heading(paragraph: str) -> bool:
    """A short line that does not end like a sentence: a headline or a subheading."""
    stripped = paragraph.strip()
    return 0 < len(stripped) <= HEADING_MAX and not stripped.endswith(_SENTENCE_END) and " " in stripped


def _break_ascii(text: str, start: int, end: int, width: int, out: list[tuple[int, int]]) -> None:
    """Greedy word wrap of ``text[start:end]`` where one character is one cell."""
    position = start
    while end - position > width:
        cut = text.rfind(" ", position, position + width + 1)
        if cut <= position:
            out.append((position, position + width))
            position += width
            continue
        out.append((position, cut))
        position = cut + 1
    out.append((position, end))


def _break_cells(text: str, start: int, end: int, width: int, out: list[tuple[int, int]]) -> None:
    """Greedy word wrap measuring each character's cells (wide CJK characters, emoji)."""
    position = start
    while position < end:
        cells = 0
        last_space = -1
        index = position
        while index < end:
            size = get_character_cell_size(text[index])
            if cells + size > width:
                break
            if text[index] == " ":
                last_space = index
            cells += size
            index += 1
        if index >= end:
            out.append((position, end))
            return
        if last_space > position:
            out.append((position, last_space))
            position = last_space + 1
        else:
            index = max(index, position + 1)
            out.append((position, index))
            position = index


@dataclass(slots=True)
class Layout:
    """Display lines of one text at one width: ``text[starts[y]:ends[y]]`` is line ``y``."""

    width: int
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    headings: set[int] = field(default_factory=set)
    """Display lines that belong to a heading paragraph."""

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """The display line showing the character at ``offset`` (the last line for the text's end)."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def lines_of(self, start: int, end: int) -> range:
        """Display lines covered by ``text[start:end]``."""
        return range(self.line_of(start), self.line_of(max(start, end - 1)) + 1)

    @property
    def max_width(self) -> int:
        """Widest line in characters (an upper bound of its cells for wrapped text)."""
        return self.width


def wrap(text: str, width: int) -> Layout:
    """Wrap ``text`` to ``width`` cells, keeping its paragraphs and headings.

    Args:
        text: the article text exactly as read.
        width: cells available for text (at least 1).
    """
    width = max(1, width)
    layout = Layout(width)
    starts = layout.starts
    ends = layout.ends
    headings = layout.headings
    pieces: list[tuple[int, int]] = []
    lines = text.split("\n")
    spaced = "\n\n" in text.strip() or "\n\r\n" in text
    last = len(lines) - 1
    position = 0
    for number, line in enumerate(lines):
        size = len(line)
        end = position + size
        if size and line[-1] == "\r":
            end -= 1
            line = line[:-1]
        simple = one_cell_each(line)
        if size <= width and (simple or cell_len(line) <= width):
            starts.append(position)
            ends.append(end)
            first = len(starts) - 1
        else:
            pieces.clear()
            if simple:
                _break_ascii(text, position, end, width, pieces)
            else:
                _break_cells(text, position, end, width, pieces)
            first = len(starts)
            starts.extend(p[0] for p in pieces)
            ends.extend(p[1] for p in pieces)
        if size <= HEADING_MAX and is_heading(line):
            standalone = not spaced or (
                (number == 0 or not lines[number - 1].strip())
                and (number == last or not lines[number + 1].strip())
            )
            if standalone:
                headings.update(range(first, len(starts)))
        position += size + 1
        if not spaced and number < last and line.strip():
            starts.append(position)
            ends.append(position)
    while len(starts) > 1 and starts[-1] == ends[-1] and not text[ends[-2] :].strip():
        starts.pop()
        ends.pop()
    return layout
