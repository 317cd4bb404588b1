"""Hard-wrapped text: paragraphs whose lines were broken at a fixed width, joined back for reading.

Wire copy and plain-text mail are often wrapped at 70–80 columns, so a line break falls anywhere,
inside a name ("Ronald T.⏎Merriweather", "Baton⏎Rouge") or a quotation. Gloss otherwise treats a line
break as a boundary (a name never crosses one, each line is a paragraph); in a wrapped paragraph those
breaks mean nothing. :func:`unwrap` finds such paragraphs by their shape and returns the text with
their inner line breaks turned into spaces, same length, so every offset stays valid.
"""

from __future__ import annotations

import re
from typing import Final

MIN_LINES: Final = 3
"""Fewer lines than this say nothing about a wrapping width."""

WIDTH_RANGE: Final = (55, 100)
"""Wrapping widths seen in practice; longer lines are paragraphs of their own, shorter ones lists."""

RAGGEDNESS: Final = 16
"""How much shorter than the longest a wrapped line may be (a long word goes to the next line)."""

SHARE: Final = 0.75
"""Share of a paragraph's lines (the last excepted) that must end near its width."""

_BLOCK: Final = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")
_SENTENCE_END: Final = tuple('.!?:;"”’)')


def unwrap(text: str) -> str:
    """``text`` with the line breaks inside hard-wrapped paragraphs replaced by spaces (same length)."""
    parts: list[str] = []
    position = 0
    for block in _BLOCK.finditer(text):
        parts.append(text[position : block.start()])
        body = block.group()
        parts.append(_join(body) if is_wrapped(body) else body)
        position = block.end()
    parts.append(text[position:])
    joined = "".join(parts)
    return joined if len(joined) == len(text) else text


def is_wrapped(block: str) -> bool:
    """Whether a block of consecutive non-blank lines is one paragraph wrapped at a fixed width.

    Most of its lines (the last excepted) end within a few columns of the longest, the longest is a
    wrapping width, most lines end inside a sentence and a third of them start with a lower-case word
    (the middle of a sentence): a text with one sentence per line, a table or a list of headlines does
    not look like that.
    """
    lines = block.rstrip("\n").split("\n")
    if len(lines) < MIN_LINES:
        return False
    body = [line.rstrip() for line in lines[:-1]]
    width = max(len(line) for line in body)
    if not WIDTH_RANGE[0] <= width <= WIDTH_RANGE[1]:
        return False
    near = sum(1 for line in body if len(line) >= width - RAGGEDNESS)
    inside = sum(1 for line in body if not line.endswith(_SENTENCE_END))
    continued = sum(1 for line in lines[1:] if line[:1].islower())
    return near >= SHARE * len(body) and inside * 2 >= len(body) and continued * 3 >= len(lines) - 1


def _join(block: str) -> str:
    """The block with every line break but the last turned into a space (``\\r`` too)."""
    ending = len(block) - len(block.rstrip("\r\n"))
    inner = block[: len(block) - ending].replace("\r\n", "  ").replace("\n", " ")
    return inner + block[len(block) - ending :]
