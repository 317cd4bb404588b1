"""Finding spans again after an article's text changed under its annotations.

Each span is looked for by its own text and a few characters of context on either side (taken from the
old text when the file kept it, else saved with the span). The expected place is the old offset shifted
by however far the previous span moved, so an edit early in the article costs one comparison per span.
A span is placed by its text *and* its context: an occurrence whose surroundings share too little with
the old place is not the same mention (the person's decision was about that sentence, not about the
string), so a span whose own text or neighbourhood was rewritten is returned as unplaced, never moved
to another occurrence and never dropped. Two spans of one kind are never placed on the same offsets:
the one whose context matches better keeps the place, the other is unplaced.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tui.model import Annotation, Span, Speaker

CONTEXT_CHARS = 16
"""Characters of context kept on each side of a span for re-anchoring."""

MIN_CONTEXT = 6
"""Context characters that must match before a span is placed anywhere but at its full-context place,
even at its only occurrence: a lone space or comma is not evidence that it is the same mention."""


@dataclass(slots=True)
class AnchorResult:
    """Where the spans went."""

    placed: list[Annotation] = field(default_factory=list)
    moved: int = 0
    """How many placed spans now have different offsets."""
    unplaced: list[Annotation] = field(default_factory=list)
    lost_speakers: list[str] = field(default_factory=list)
    """Ids of quotes whose speaker link could not be found again (the link was removed)."""


def context_of(text: str, start: int, end: int) -> tuple[str, str]:
    """The ``CONTEXT_CHARS`` characters before and after ``text[start:end]``."""
    return text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def _score(text: str, at: int, needle: str, context: tuple[str, str]) -> int:
    left, right = context_of(text, at, at + len(needle))
    return _common_suffix(left, context[0]) + _common_prefix(right, context[1])


def _occurrences(text: str, needle: str) -> list[int]:
    found, i = [], text.find(needle)
    while i != -1:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


def find_again(text: str, needle: str, context: tuple[str, str], expected: int) -> int | None:
    """The new start of ``needle``: the occurrence whose context matches best, nearest to ``expected``.

    Returns ``None`` when the needle is gone, or when no occurrence shares at least ``MIN_CONTEXT``
    characters of context with the old place (a guess would be worse than asking the person). Without
    any saved context (files from before contexts were kept) the best occurrence is taken.
    """
    if not needle:
        return None
    full = len(context[0]) + len(context[1])
    if text.startswith(needle, expected) and _score(text, expected, needle, context) == full:
        return expected
    candidates = _occurrences(text, needle)
    if not candidates:
        return None
    best = max(candidates, key=lambda at: (_score(text, at, needle, context), -abs(at - expected)))
    if _score(text, best, needle, context) < min(MIN_CONTEXT, full):
        return None
    return best


def _move_speaker(text: str, speaker: Speaker, shift: int) -> Speaker | None:
    """The speaker's new place: shifted with its quote, else its nearest occurrence."""
    at = speaker.start + shift
    if not text.startswith(speaker.text, at):
        near = [i for i in _occurrences(text, speaker.text) if abs(i - at) <= 2000]
        if not near:
            return None
        at = min(near, key=lambda i: abs(i - at))
    return Speaker(at, at + len(speaker.text), speaker.text)


def reanchor(annotations: Iterable[tuple[Annotation, tuple[str, str]]], new_text: str) -> AnchorResult:
    """Place each ``(annotation, (left, right) context)`` in ``new_text`` (given in reading order)."""
    result = AnchorResult()
    shift = 0
    placed: list[Annotation | None] = []
    """In reading order; ``None`` where a span lost its place to one whose context matches better."""
    taken: dict[tuple[str, int, int], tuple[int, int]] = {}
    """(kind, start, end) → (context score, index in ``placed``) of the span placed there."""
    for annotation, context in annotations:
        span = annotation.span
        at = find_again(new_text, span.text, context, span.start + shift)
        if at is None:
            result.unplaced.append(annotation)
            continue
        place = (span.kind, at, at + len(span.text))
        score = _score(new_text, at, span.text, context)
        if place in taken:
            if taken[place][0] >= score:
                result.unplaced.append(annotation)
                continue
            loser = placed[taken[place][1]]
            assert loser is not None
            result.unplaced.append(loser)
            placed[taken[place][1]] = None
        moved_by = at - span.start
        if moved_by:
            shift = moved_by
            span = span.evolve(start=at, end=at + len(span.text))
            result.moved += 1
        if span.speaker is not None:
            speaker = _move_speaker(new_text, span.speaker, moved_by)
            if speaker is None:
                result.lost_speakers.append(annotation.id)
            span = span.evolve(speaker=speaker)
        taken[place] = (score, len(placed))
        placed.append(annotation if span == annotation.span else _replace_span(annotation, span))
    result.placed = [a for a in placed if a is not None]
    result.unplaced.sort(key=lambda a: (a.start, a.end, a.id))
    return result


def _replace_span(annotation: Annotation, span: Span) -> Annotation:
    """The annotation at its new place; ``updated`` is kept (a person did not change it)."""
    return annotation.evolve(span=span, updated=annotation.updated)
