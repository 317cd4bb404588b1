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

PRONOUNS: Final = frozenset({"he", "she", "him", "her"})
"""Pronouns that stand for one named person ("they" is mostly a group, "I" and "we" the writer)."""

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

MALE_TITLES: Final = frozenset(
    "mr mr. sir lord king prince count baron duke emperor monsieur m. father brother uncle".split()  # noqa: SIM905
)
FEMALE_TITLES: Final = frozenset(
    """mrs mrs. ms ms. miss lady queen princess countess baroness duchess empress madame mme mme.
    mademoiselle mlle mlle. mother sister aunt""".split()  # noqa: SIM905
)
PRONOUN_GENDER: Final = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


def _title_gender(words: list[str]) -> str | None:
    for word in words:
        lowered = word.lower()
        if lowered in MALE_TITLES:
            return "m"
        if lowered in FEMALE_TITLES:
            return "f"
    return None


class NameResolver:
    """Looks up fuller names among the PERSON entities of one text."""

    def __init__(self, text: str, entities: Sequence[Span], quoted: Sequence[tuple[int, int]] = ()) -> None:
        """Index the PERSON entities of ``text``.

        Args:
            text: the whole text.
            entities: the caller's entities over it.
            quoted: ``(start, end)`` of the quotations: people named inside them are talked about, not
                present, so pronouns are never resolved to them (their names still help expand surnames).
        """
        people = sorted((e for e in entities if e.label == "PERSON"), key=lambda e: e.start)
        self._text = text
        self._people = people
        self._starts = [e.start for e in people]
        bounds = sorted(quoted)
        quote_starts = [b[0] for b in bounds]

        def inside(person: Span) -> bool:
            index = bisect.bisect_right(quote_starts, person.start) - 1
            return index >= 0 and person.start < bounds[index][1]

        self._narrative = [p for p in people if not inside(p)]
        self._narrative_starts = [p.start for p in self._narrative]
        self._genders = self._learn_genders()

    def _learn_genders(self) -> dict[str, str]:
        """Gender of each name, from a title ("Princess Mary") or the pronoun opening the next sentence.

        "Anna Mikháylovna came out last. She approached Pierre." votes Anna Mikháylovna female. Votes
        are counted per name (titles dropped) and the majority kept; a title outweighs pronoun votes.
        """
        votes: dict[str, list[int]] = {}
        titled: dict[str, str] = {}
        text = self._text
        for person in self._people:
            words = _words(person.text)
            key = " ".join(_core(words))
            before = text[max(0, person.start - 14) : person.start].split()[-1:]
            gender = _title_gender([*before, *words[:-1]])
            if gender is not None:
                titled.setdefault(key, gender)
                continue
            sentence = self._sentence_start(person.start)
            if len(text[sentence : person.start].split()) > 2:
                continue  # not the subject of its sentence
            end = min(
                (i for i in (text.find(m, person.end) for m in (". ", "? ", "! ")) if i >= 0), default=-1
            )
            if end < 0 or "\n" in text[person.end : end]:
                continue
            following = text[end + 2 : end + 12].split()[:1]
            pronoun = PRONOUN_GENDER.get(following[0].lower()) if following else None
            if pronoun is not None:
                tally = votes.setdefault(key, [0, 0])
                tally[0 if pronoun == "m" else 1] += 1
        genders = {key: ("m" if m > f else "f") for key, (m, f) in votes.items() if m != f}
        genders.update(titled)
        return genders

    def _fits(self, person: Span, gender: str | None) -> bool:
        """Whether a person can be referred to by a pronoun of ``gender`` (unknown genders fit all)."""
        if gender is None:
            return True
        known = self._genders.get(" ".join(_core(_words(person.text))))
        if known is None:
            known = self._genders.get(self.name_of(person))
        return known is None or known == gender

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
            gender = PRONOUN_GENDER.get(lowered)
            index = bisect.bisect_left(self._narrative_starts, start)
            earlier = [p for p in self._narrative[max(0, index - 50) : index] if self._fits(p, gender)]
            if not earlier:
                return recent_speakers[-1][1] if recent_speakers else None
            sentence = self._sentence_start(start)
            in_sentence = [p for p in earlier if p.start >= sentence]
            if in_sentence:
                return self.name_of(in_sentence[0])
            latest = earlier[-1]
            if recent_speakers and recent_speakers[-1][0] >= latest.start:
                return recent_speakers[-1][1]
            sentence = self._sentence_start(latest.start)
            first = next((p for p in earlier if p.start >= sentence), latest)
            return self.name_of(first)
        words = _words(mention)
        if len(_core(words)) == 1 and words[0][:1].isupper():
            return self.fullest(mention, start)
        return None
