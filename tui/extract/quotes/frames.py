"""Condensed paragraphs for parsing: the words around quotations, with each quotation shrunk to a stub.

The dependency parser is the expensive part of the pipeline, and the words inside a quotation never name
its speaker. So the attribution step parses only the paragraphs that hold quotations (and a paragraph
ending in a colon just before one, or a paragraph after a lone quotation that points back at it, as
in "That was how X put it"), and in them replaces every quotation by a short stub that keeps its
marks and final punctuation (``“Quote,” said Caddell.``). The parser then sees the reporting clause in
the shape it was trained on, at a fraction of the cost; on dialogue-heavy books that is most of the
saving. A :class:`Frame` maps offsets in the condensed text back to the original.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Final

from tui.extract.quotes.marks import QuoteRegion

STUB_WORD: Final = "Quote"
"""What stands for a quotation's words in the condensed text (a capitalised noun parses well)."""

WINDOW: Final = 250
"""Characters of context kept on each side of a quotation inside a long paragraph (bounds parse cost)."""

MAX_FRAME: Final = 20_000
"""Longest condensed frame before a new one starts (keeps far below spaCy's ``max_length``)."""

_FINAL_PUNCTUATION: Final = ",.?!;:—–-…"

_NESTED_CLOSING: Final = "’'"
"""Single marks that close a quotation nested at the very end of the outer one."""

POINTING_BACK: Final = frozenset({"that", "this", "those", "these", "so", "such"})
"""First words of a paragraph that attributes the quotation standing alone just before it."""


@dataclass(slots=True)
class Frame:
    """One condensed paragraph (or a few adjacent ones) and the map back to the original text.

    Attributes:
        text: the condensed text that is parsed.
        pieces: ``(condensed_start, original_start, length, quote_index)`` for every run of characters;
            ``quote_index`` is -1 for text kept as it was, else the index of the quotation the stub
            stands for (stub characters map to that quotation's start).
        quotes: indices (into the caller's region list) of the quotations inside this frame.
    """

    text: str = ""
    pieces: list[tuple[int, int, int, int]] = field(default_factory=list)
    quotes: list[int] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)

    def add_text(self, original: str, original_start: int) -> None:
        """Append a run of original text."""
        if original:
            self.pieces.append((len(self.text), original_start, len(original), -1))
            self._starts.append(len(self.text))
            self.text += original

    def add_stub(self, stub: str, original_start: int, quote_index: int) -> None:
        """Append the stub that stands for quotation ``quote_index``."""
        self.pieces.append((len(self.text), original_start, len(stub), quote_index))
        self._starts.append(len(self.text))
        self.text += stub
        self.quotes.append(quote_index)

    def piece_at(self, offset: int) -> tuple[int, int, int, int]:
        """The piece holding condensed ``offset``."""
        return self.pieces[max(0, bisect.bisect_right(self._starts, offset) - 1)]

    def quote_at(self, offset: int) -> int:
        """Index of the quotation whose stub holds ``offset``, or -1 outside stubs."""
        return self.piece_at(offset)[3]

    def to_original(self, offset: int) -> int:
        """Original offset of condensed ``offset`` (stub characters map to the quotation's start)."""
        start, original, _, quote = self.piece_at(offset)
        return original if quote >= 0 else original + offset - start


def stub_for(text: str, region: QuoteRegion) -> str:
    """The stub for one quotation: its marks and the punctuation that ends its words."""
    body = text[region.start : region.end]
    opening = body[:2] if body.startswith(("``", "''")) else body[:1]
    closing = ""
    if region.closed:
        closing = body[-2:] if body.endswith("''") else body[-1:]
    # A nested quotation closing with the outer one ("…, ‘darn it,’”) still ends in its comma.
    inner = body[len(opening) : len(body) - len(closing)].rstrip().rstrip(_NESTED_CLOSING).rstrip()
    final = inner[-1] if inner and inner[-1] in _FINAL_PUNCTUATION else ""
    # Straight marks are normalised to curly ones so the parser cannot misread their direction.
    return f"“{STUB_WORD}{final}”" if closing else f"“{STUB_WORD}{final}"


def build_frames(text: str, regions: list[QuoteRegion], paragraphs: list[tuple[int, int]]) -> list[Frame]:
    """Condensed frames for every paragraph that holds a quotation (plus a colon-ended lead-in).

    Args:
        text: the whole text.
        regions: quotations in reading order.
        paragraphs: ``(start, end)`` of every non-blank line, in order.
    """
    starts = [p[0] for p in paragraphs]

    def paragraph_of(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    # Group quotations by the run of paragraphs they touch; overlapping runs merge into one frame.
    groups: list[tuple[int, int, list[int]]] = []
    for index, region in enumerate(regions):
        first, last = paragraph_of(region.start), paragraph_of(max(region.start, region.end - 1))
        if last + 1 < len(paragraphs) and _alone(text, region, paragraphs[first], paragraphs[last]):
            following = text[paragraphs[last + 1][0] : paragraphs[last + 1][1]].split(maxsplit=1)
            if following and following[0].lower() in POINTING_BACK:
                last += 1  # “…”⏎⏎That was how Oskar Brandt summed up the deal.
        lead = text[paragraphs[first - 1][0] : paragraphs[first - 1][1]].rstrip() if first > 0 else ""
        if lead.endswith(":") and text[paragraphs[first][0] : region.start].strip() == "":
            first -= 1
        if groups and first <= groups[-1][1]:
            old_first, old_last, members = groups[-1]
            groups[-1] = (old_first, max(old_last, last), [*members, index])
        else:
            groups.append((first, last, [index]))

    frames: list[Frame] = []
    for first, last, members in groups:
        frame = Frame()
        position = _cut_before(text, paragraphs[first][0], regions[members[0]].start)
        end = paragraphs[last][1]
        for index in members:
            region = regions[index]
            if frame.quotes and (region.start - position > 2 * WINDOW or len(frame.text) > MAX_FRAME):
                # A long stretch without quotations: end this frame and start another near the next one.
                frame.add_text(text[position : _cut_after(text, position, region.start)], position)
                frames.append(frame)
                frame = Frame()
                position = _cut_before(text, position, region.start)
            frame.add_text(text[position : region.start], position)
            stub = stub_for(text, region)
            # 'said,“Look' or '“…”said' would be one token to the parser: the stub brings its own space.
            if region.start > 0 and _glued(text[region.start - 1]):
                stub = " " + stub
            if region.end < len(text) and text[region.end].isalnum():
                stub += " "
            frame.add_stub(stub, region.start, index)
            position = region.end
        frame.add_text(text[position : _cut_after(text, position, end)], position)
        frames.append(frame)
    return frames


def _glued(character: str) -> bool:
    """Whether a quotation mark written right after ``character`` would be read as part of its word."""
    return character.isalnum() or character in ",.;:"


def _alone(text: str, region: QuoteRegion, first: tuple[int, int], last: tuple[int, int]) -> bool:
    """Whether a quotation is all there is of its paragraphs (nothing but space around it)."""
    return not text[first[0] : region.start].strip() and not text[region.end : last[1]].strip(" \t.,")


def _cut_before(text: str, floor: int, offset: int) -> int:
    """Where to start the context kept before ``offset``: at most :data:`WINDOW` characters back."""
    if offset - floor <= WINDOW:
        return floor
    space = text.find(" ", offset - WINDOW, offset)
    return space + 1 if space >= 0 else offset - WINDOW


def _cut_after(text: str, offset: int, ceiling: int) -> int:
    """Where to stop the context kept after ``offset``: at most :data:`WINDOW` characters on."""
    if ceiling - offset <= WINDOW:
        return ceiling
    space = text.rfind(" ", offset, offset + WINDOW)
    return space if space > offset else offset + WINDOW
