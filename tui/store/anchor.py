"""Finding spans again after an article's text changed under its annotations.

Each span is looked for by its own text and a few characters of context on either side (taken from the
old text when the file kept it, else saved with the span). The expected place is the old offset shifted
by however far the previous span moved, so an edit early in the article costs one comparison per span.
A span that cannot be placed with confidence is returned as unplaced, never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tui.model import Annotation, Span, Speaker

CONTEXT_CHARS = 16
"""Characters of context kept on each side of a span for re-anchoring."""

MIN_CONTEXT = 4
"""Context characters that must match to choose between several occurrences (a lone space is not
evidence)."""


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

    Returns ``None`` when the needle is gone, or when it occurs several times and no occurrence shares
    at least ``MIN_CONTEXT`` characters of context with the old place (a guess would be worse than
    asking the person).
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
    if len(candidates) > 1 and _score(text, best, needle, context) < min(MIN_CONTEXT, full):
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
    for annotation, context in annotations:
        span = annotation.span
        at = find_again(new_text, span.text, context, span.start + shift)
        if at is None:
            result.unplaced.append(annotation)
            continue
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
        result.placed.append(annotation if span == annotation.span else _replace_span(annotation, span))
    return result


def _replace_span(annotation: Annotation, span: Span) -> Annotation:
    """The annotation at its new place; ``updated`` is kept (a person did not change it)."""
    return annotation.evolve(span=span, updated=annotation.updated)
