"""Resolving a quotation's speaker mention ("she", "Kim", "Mr. Burman") to the fullest earlier name.

Works on the caller's entity spans only (no model): a bare surname or a title and surname is matched
against earlier PERSON names ending in the same word, and a personal pronoun is taken to be the most
recent person named before it, preferring one who has already been quoted.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Final

from tui.model import Span

PRONOUNS: Final = frozenset({"he", "she", "him", "her", "they", "them"})
"""Third-person pronouns that stand for a named speaker (first and second person are left alone)."""

TITLES: Final = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "miss",
        "dr",
        "dr.",
        "prof",
        "prof.",
        "sen",
        "sen.",
        "senator",
        "rep",
        "rep.",
        "representative",
        "gov",
        "gov.",
        "governor",
        "president",
        "gen",
        "gen.",
        "general",
        "col",
        "col.",
        "lt",
        "lt.",
        "capt",
        "capt.",
        "sgt",
        "sgt.",
        "judge",
        "justice",
        "mayor",
        "chief",
        "secretary",
        "minister",
        "ambassador",
        "prince",
        "princess",
        "count",
        "countess",
        "king",
        "queen",
        "sir",
        "lord",
        "lady",
        "father",
        "rev",
        "rev.",
        "pope",
        "chairman",
        "chairwoman",
    ]
)
"""Words before a surname that do not make it a fuller name."""

_POSSESSIVE: Final = ("’s", "'s", "’", "'")


def _words(name: str) -> list[str]:
    for suffix in _POSSESSIVE:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return name.split()


def _core(words: list[str]) -> list[str]:
    """The name without leading titles."""
    index = 0
    while index < len(words) - 1 and words[index].lower() in TITLES:
        index += 1
    return words[index:]


_SENTENCE_BREAKS: Final = (". ", "? ", "! ", "\n", ".” ", '." ')


class NameResolver:
    """Looks up fuller names among the PERSON entities of one text."""

    def __init__(self, text: str, entities: Sequence[Span]) -> None:
        people = sorted((e for e in entities if e.label == "PERSON"), key=lambda e: e.start)
        self._text = text
        self._people = people
        self._starts = [e.start for e in people]

    def person_at(self, start: int, end: int) -> Span | None:
        """A PERSON entity overlapping ``start..end``."""
        index = bisect.bisect_left(self._starts, end)
        for person in reversed(self._people[max(0, index - 3) : index]):
            if person.start < end and start < person.end:
                return person
        return None

    def _sentence_start(self, offset: int) -> int:
        found = (self._text.rfind(mark, 0, offset) for mark in _SENTENCE_BREAKS)
        return max(
            (index + len(mark) for index, mark in zip(found, _SENTENCE_BREAKS, strict=True) if index >= 0),
            default=0,
        )

    def fullest(self, mention: str, before: int) -> str | None:
        """The latest earlier name of more words that shares the mention's surname.

        The surname may be the last word ("Kim" → "Youngjun Kim") or, for names written family name
        first, the first ("Xi" → "Xi Jinping").
        """
        words = _core(_words(mention))
        if not words:
            return None
        surname = words[-1]
        index = bisect.bisect_left(self._starts, before)
        for person in reversed(self._people[:index]):
            if person.end > before:
                continue
            candidate = _core(_words(person.text))
            if len(candidate) > len(words) and surname in (candidate[-1], candidate[0]):
                return " ".join(candidate)
        return None

    def name_of(self, person: Span) -> str:
        """The fullest form of a PERSON mention's name (titles dropped)."""
        return self.fullest(person.text, person.start) or " ".join(_core(_words(person.text)))

    def resolve(self, mention: str, start: int, recent_speakers: Sequence[tuple[int, str]]) -> str | None:
        """The fullest name for a speaker mention that is a pronoun or a bare (titled) surname.

        A pronoun is taken to stand for the first person named earlier in its own sentence (the
        subject, in news copy: "Xi hosted Putin …, where he hailed …"); failing that, for the latest
        speaker quoted if no one else was named since, else for the first person of the sentence that
        named someone last.

        Args:
            mention: the speaker text as written.
            start: where the mention starts.
            recent_speakers: ``(offset, full name)`` of speakers resolved earlier, in text order.
        """
        lowered = mention.lower()
        if lowered in PRONOUNS:
            index = bisect.bisect_left(self._starts, start)
            if not index:
                return recent_speakers[-1][1] if recent_speakers else None
            sentence = self._sentence_start(start)
            in_sentence = [p for p in self._people[:index] if p.start >= sentence]
            if in_sentence:
                return self.name_of(in_sentence[0])
            latest = self._people[index - 1]
            if recent_speakers and recent_speakers[-1][0] >= latest.start:
                return recent_speakers[-1][1]
            sentence = self._sentence_start(latest.start)
            first = next((p for p in self._people[:index] if p.start >= sentence), latest)
            return self.name_of(first)
        words = _words(mention)
        if len(_core(words)) == 1 and words[0][:1].isupper():
            return self.fullest(mention, start)
        return None
