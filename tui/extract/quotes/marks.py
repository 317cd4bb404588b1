"""Finding the stretches of text between quotation marks, without any model.

This is the lexical half of the quotation finder (:mod:`tui.extract.quotes` does attribution). It pairs
marks in one linear pass over the text, so it costs next to nothing even on a book, and it is written
for the ways real news copy gets quotation marks wrong:

* three families of marks: curly ``“ ”``, straight ``"`` (which looks the same at both ends) and the
  ``''…''`` (or ````…''``) of some wire services;
* news style quotes running over several paragraphs reopen the mark at each paragraph without closing the
  previous one; that is one quotation from the first opening mark to the final closing one;
* single marks (``’08``, ``voters’``, ``‘faithful slave,’``) are apostrophes or nested quotes and never
  start or end a top-level quotation, so they cannot throw the pairing off;
* an unbalanced mark must not lose the rest of the document: the state is resynchronised at every
  paragraph end unless the next paragraph continues the quotation.

Offsets are Python ``str`` indices into the text exactly as given (end-exclusive, marks included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

Family = Literal["curly", "straight", "wire"]
"""Which kind of mark opened a quotation; a quotation is closed by a mark of its own family."""

Role = Literal["open", "close", "either"]
"""What a mark can do, judged from its glyph and the characters around it."""

DOUBLE_MARKS: Final = ('"', "“", "”", "``", "''")
"""Double quotation marks of every family (two apostrophes or backticks count as one double mark)."""

SINGLE_MARKS: Final = ("'", "‘", "’")
"""Single marks: apostrophes or nested quotations in body text, quotations only in a headline."""

QUOTE_MARKS: Final = (*DOUBLE_MARKS, "‘", "’", "«", "»")
"""Every glyph that can open or close a quotation; text with none of them holds no quotation."""

OPENING_MARKS: Final = frozenset({'"', "“", "‘", "'", "«", "`"})
"""Characters that can open a quotation at the start of a paragraph."""

MARK_CHARACTERS: Final = "".join(sorted({c for mark in (*QUOTE_MARKS, *SINGLE_MARKS) for c in mark}))
"""Every character of a quotation mark, for stripping marks off a span."""

_MARKS: Final = re.compile("|".join(re.escape(m) for m in sorted(DOUBLE_MARKS, key=len, reverse=True)))
"""Finds the double marks (the two-character wire marks first)."""

_OPENER_BEFORE: Final = frozenset("([{—–-/\u00a0")
"""Characters after which a straight mark opens a quotation (besides whitespace and the text start)."""

MAX_DEPTH: Final = 3
"""Deepest nesting followed; deeper marks are treated as noise (real quotes nest at most twice)."""


@dataclass(frozen=True, slots=True)
class QuoteRegion:
    """One quotation as found between marks.

    Attributes:
        start: offset of the opening mark.
        end: offset just past the closing mark (or past the last character before the paragraph end
            when the closing mark is missing).
        closed: whether a closing mark was found; unclosed regions are cut at a paragraph end.
        paragraphs: how many paragraphs the quotation runs over.
    """

    start: int
    end: int
    closed: bool
    paragraphs: int = 1


@dataclass(slots=True)
class _Mark:
    start: int
    end: int
    family: Family
    role: Role


def _classify(text: str, match: re.Match[str]) -> _Mark:
    """Decide a mark's family and what it can do from its glyph and its neighbours."""
    glyph, start, end = match.group(), match.start(), match.end()
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    if glyph == "“":
        # A “ followed by a space is a miskeyed closing mark ("foo,“ he said"), unless a space comes
        # before it too ('Henry said. “ You know, …'): then it opens, with a stray space.
        miskeyed = after.isspace() and not before.isspace()
        return _Mark(start, end, "curly", "close" if miskeyed else "open")
    if glyph == "”":
        opens = (before.isspace() or before in _OPENER_BEFORE) and not after.isspace()
        return _Mark(start, end, "curly", "open" if opens else "close")
    if glyph == "``":
        return _Mark(start, end, "wire", "open")
    family: Family = "wire" if glyph == "''" else "straight"
    opener = before.isspace() or before in _OPENER_BEFORE
    closer = after.isspace() or (not after.isalnum() and after not in "“‘`")
    if opener and not closer:
        return _Mark(start, end, family, "open")
    if closer and not opener:
        return _Mark(start, end, family, "close")
    return _Mark(start, end, family, "either")


_FEET_AND_INCHES: Final = re.compile(r"\b\d[’']\d{1,2}$")
"""A height in feet before a double mark: the mark is its inches ("he’s like 6’2”,” Rubio said)."""


def _is_inches(text: str, start: int) -> bool:
    """Whether the double mark at ``start`` is the inch sign of a height, not a quotation mark."""
    return (
        start > 0
        and text[start - 1].isdigit()
        and _FEET_AND_INCHES.search(text, max(0, start - 5), start) is not None
    )


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Start and end of every non-blank line (Gloss treats each line as a paragraph)."""
    bounds: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        if stripped.strip():
            bounds.append((pos, pos + len(stripped)))
        pos += len(line)
    return bounds


def _continues(first: _Mark | None, para_start: int, text: str, family: Family) -> str:
    """How the paragraph after an unclosed quotation relates to it.

    Returns ``"reopen"`` when it starts with an opening mark (news style for a quotation running on),
    ``"run-on"`` when its first mark closes the quotation (texts with one sentence per line), or ``""``.
    """
    if first is None:
        return ""
    lead = text[para_start : first.start]
    if not lead.strip() and first.role in ("open", "either") and first.family == family:
        return "reopen"
    if first.role == "close" and first.family == family:
        return "run-on"
    return ""


def find_quote_regions(text: str) -> list[QuoteRegion]:
    """All top-level quotations in ``text`` in reading order (nested quotations stay inside them)."""
    paragraphs = paragraph_bounds(text)
    marks_by_paragraph = [
        [_classify(text, m) for m in _MARKS.finditer(text, a, b) if not _is_inches(text, m.start())]
        for a, b in paragraphs
    ]
    regions: list[QuoteRegion] = []
    stack: list[_Mark] = []
    spanned = 1
    skip_first = False
    for index, ((_, para_end), marks) in enumerate(zip(paragraphs, marks_by_paragraph, strict=True)):
        for position, mark in enumerate(marks):
            if skip_first and position == 0:
                continue  # the reopening mark of a quotation running over paragraphs
            if not stack:
                if mark.role != "close":
                    stack.append(mark)
                    spanned = 1
                continue
            top = stack[-1]
            # An ambiguous straight mark closes a quotation of its own family and opens a nested one
            # inside another family; two straight quotations are never nested in practice, so an
            # opening straight mark inside a straight quotation closes it too.
            closes = mark.role == "close" or (
                mark.family == top.family and (mark.role == "either" or top.family != "curly")
            )
            if closes:
                stack.pop()
                if not stack:
                    regions.append(QuoteRegion(top.start, mark.end, True, spanned))
            elif len(stack) < MAX_DEPTH:
                stack.append(mark)
        skip_first = False
        if not stack:
            continue
        following = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
        next_first = (
            marks_by_paragraph[index + 1][0]
            if following is not None and marks_by_paragraph[index + 1]
            else None
        )
        how = _continues(next_first, following, text, stack[0].family) if following is not None else ""
        if how:
            del stack[1:]
            spanned += 1
            skip_first = how == "reopen"
            continue
        # Resynchronise: the quotation (or a stray mark) ends with its paragraph.
        opener = stack[0]
        end = para_end
        while end > opener.end and text[end - 1].isspace():
            end -= 1
        if end > opener.end:
            regions.append(QuoteRegion(opener.start, end, False, spanned))
        stack.clear()
    return regions


_HEADLINE_SINGLE: Final = re.compile(r"(?:(?<=^)|(?<=[\s:—–(]))[‘'](?=\w)(.+?)(?<=\S)[’'](?![\w’'])")
"""A single-quoted stretch in a headline: opens before a word, closes after one, never inside a word."""

MAX_HEADLINE: Final = 200
"""Longest first line still read as a headline."""


def find_headline_quotes(text: str) -> list[QuoteRegion]:
    """Quotations in single marks in the headline (news style quotes in headlines with ‘…’).

    Only the first non-blank line is searched: in body text single marks are apostrophes or nested
    quotations far more often than quotations of their own.
    """
    bounds = paragraph_bounds(text)
    if not bounds or bounds[0][1] - bounds[0][0] > MAX_HEADLINE:
        return []
    start, end = bounds[0]
    return [QuoteRegion(m.start(), m.end(), True) for m in _HEADLINE_SINGLE.finditer(text, start, end)]
