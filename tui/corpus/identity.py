"""Which mentions name the same thing, within an article and across the corpus.

Within one article the reader's own rules decide (:func:`tui.model.navigation.entity_keys`: case folded,
possessives and "the" dropped, a person's short name merged with the fullest name the article gives).
Before those rules run, a person's titles are stripped ("President Xi Jinping" is "Xi Jinping"). Across
articles, mentions are one entity when their full names agree: "Xi" is merged with "Xi Jinping" only in
an article that names him in full, never on a guess across the corpus.

On top of that, a person can merge two entities or split one (:class:`EntityMerges`), saved beside the
annotations as ``entity-merges.json`` (see :data:`MERGES_FILE`).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from tui.model import Span
from tui.model.navigation import MERGED_BY_NAME_PARTS, normalise_mention, person_aliases


def word_set(words: str) -> frozenset[str]:
    """The white-space separated words of ``words`` (long word lists read better as prose)."""
    return frozenset(words.split())


TITLES = word_set(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady president vice prime minister premier
    chancellor secretary general gen senator sen rep representative congressman congresswoman governor
    gov mayor chairman chairwoman chair leader king queen prince princess emperor empress sheikh
    ayatollah pope cardinal bishop archbishop rev reverend father judge justice ambassador commissioner
    captain capt colonel col lieutenant lt sergeant sgt major maj admiral chief director ceo former
    deputy foreign defence defense finance interior state supreme opposition party
    """
)
"""Words stripped from the front of a person's name (with a trailing full stop), lower case."""

PRONOUNS = word_set("he she they i we you it him her them his hers their one")
"""Speakers that name nobody by themselves: a quote attributed only to these has no speaker."""

MERGES_FILE = "entity-merges.json"
"""The person's merges and splits, in the store folder; the format is in :class:`EntityMerges`."""

MERGES_FORMAT = "gloss-entity-merges"

_TITLE_PREFIX = re.compile(r"^\s*(\S+?)\.?\s+")


def strip_titles(text: str) -> str:
    """``"President Xi Jinping"`` → ``"Xi Jinping"``; a name that is only a title stays as it is."""
    if text.split(" ", 1)[0].rstrip(".").casefold() not in TITLES:
        return text  # nearly every name: no regular expression needed
    rest = text
    while (match := _TITLE_PREFIX.match(rest)) and match.group(1).casefold() in TITLES:
        rest = rest[match.end() :]
    return rest if rest.strip() else text


SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")
"""Entities that can stand for a speaker written as a description ("Labour's Shadow Home Secretary
Yvette Cooper"): the last person inside it, else the last organisation or place."""


IDENTITY_CACHE = 65_536
"""Written names whose comparison form is remembered: a corpus repeats the same few thousand names in
every article, and folding them is most of the cost of indexing an article's spans."""


_normalised = lru_cache(maxsize=IDENTITY_CACHE)(normalise_mention)
"""The comparison form of any other entity's name, remembered for the same reason."""


@lru_cache(maxsize=IDENTITY_CACHE)
def _person_key(text: str) -> str:
    """The comparison form of a person's name or a speaker: titles stripped, then normalised."""
    return normalise_mention(strip_titles(text))


def article_identities(spans: Sequence[Span]) -> list[str | None]:
    """The identity of each span of one article: an entity's name, a quote's speaker, else ``None``.

    Entities and speakers share one space, so a speaker's quotes and mentions meet under one name. A
    speaker written with a description around the name is the named entity inside it. The names are
    the reader's own "same entity" keys (:func:`tui.model.navigation.entity_keys`, whose rules this
    follows step for step: people merged with the fullest name the article gives through
    :func:`~tui.model.navigation.person_aliases`) with titles stripped from people and speakers. It
    makes the identities directly rather than through the keys' ``kind:`` strings, and leaves numbers
    out: this runs for every span of a build.
    """
    people = Counter(_person_key(s.text) for s in spans if s.label in MERGED_BY_NAME_PARTS)
    alias = person_aliases(people)
    identities: list[str | None] = []
    named = []
    for span in spans:
        kind = span.kind
        if kind == "number":
            identities.append(None)
            continue
        if kind == "entity":
            label = span.label
            norm = _person_key(span.text) if label in MERGED_BY_NAME_PARTS else _normalised(span.text)
            ident = alias.get(norm, norm)
            identities.append(ident)
            if label in SPEAKER_LABELS:
                named.append((span.start, span.end, label, ident))
            continue
        speaker = span.speaker_name or (span.speaker.text if span.speaker else None)
        if speaker:
            norm = _person_key(speaker)
            identities.append(alias.get(norm, norm))
        else:
            identities.append(None)  # entity_keys' "#n": a quote with no speaker
    starts = [item[0] for item in named]
    for index, span in enumerate(spans):
        if span.kind in ("entity", "number"):
            continue
        name = identities[index]
        if span.speaker is not None and not span.speaker_name:
            inside = named[bisect_left(starts, span.speaker.start) : bisect_left(starts, span.speaker.end)]
            inside = [item for item in inside if item[1] <= span.speaker.end]
            for label in SPEAKER_LABELS:
                chosen = [item for item in inside if item[2] == label]
                if chosen:
                    name = chosen[-1][3]
                    break
        if name is not None and (name.startswith("#") or name in PRONOUNS):
            name = None
        identities[index] = name
    return identities


def display_name(forms: Iterable[tuple[str, int]]) -> str:
    """The name to show for an entity: the commonest of its fullest written forms, titles stripped.

    Args:
        forms: each written form with how many mentions use it.
    """
    best: tuple[int, int, str] | None = None
    for form, count in forms:
        cleaned = normalise_spaces(strip_titles(form))
        cleaned = re.sub(r"(?:['’]s|['’])$", "", cleaned) if len(cleaned) > 2 else cleaned
        candidate = (len(cleaned.split()), count, cleaned)
        if best is None or candidate > best:
            best = candidate
    return best[2] if best else ""


def normalise_spaces(text: str) -> str:
    """Runs of white space as one space (names broken over lines), ends trimmed."""
    return " ".join(text.split())


def ident_of_name(name: str) -> str:
    """The identity a typed name looks up (``gloss corpus mentions "President Xi Jinping"``)."""
    return normalise_mention(strip_titles(name))


@dataclass
class Split:
    """Mentions of ``ident`` in ``articles`` (canonical keys) belong to another entity, ``into``."""

    ident: str
    articles: list[str]
    into: str


@dataclass
class EntityMerges:
    """A person's corrections to the identity rules, saved as ``entity-merges.json`` in the store.

    The file::

        {"format": "gloss-entity-merges", "version": 1,
         "merges": {"xi": "xi jinping"},
         "splits": [{"ident": "john smith", "articles": ["sport/a.txt"], "into": "john smith (footballer)"}]}

    Identities are the normalised names the index shows (``gloss corpus entities --json`` prints them as
    ``ident``). ``merges`` maps an identity to the one it is part of; a split moves the mentions of an
    identity in the listed articles (keys as in the annotation files) to a new identity. Splits apply
    first, then merges (followed to the end of a chain). The exporters copy this file with the
    annotations so a merge survives a move to another machine.
    """

    merges: dict[str, str] = field(default_factory=dict)
    splits: list[Split] = field(default_factory=list)

    @classmethod
    def load(cls, folder: Path) -> EntityMerges:
        """The merges saved in ``folder`` (none when the file is absent).

        Raises:
            ValueError: the file exists but is not a valid merges file (the message names it).
        """
        file = folder / MERGES_FILE
        try:
            raw = file.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls()
        except OSError as error:
            raise ValueError(f"{file}: cannot be read ({error.strerror})") from error
        try:
            return cls.from_json(json.loads(raw))
        except ValueError as error:
            raise ValueError(f"{file}: not a valid entity merges file ({error})") from error

    @classmethod
    def from_json(cls, data: Any) -> EntityMerges:
        """Merges from the file's JSON object.

        Raises:
            ValueError: the object is not a merges file.
        """
        try:
            if data.get("format") != MERGES_FORMAT:
                raise ValueError("not a gloss-entity-merges file")
            merges = {str(k): str(v) for k, v in dict(data.get("merges", {})).items()}
            splits = [
                Split(str(s["ident"]), [str(a) for a in s["articles"]], str(s["into"]))
                for s in data.get("splits", [])
            ]
        except (TypeError, KeyError, AttributeError) as error:
            raise ValueError(str(error)) from error
        return cls(merges, splits)

    def to_json(self) -> dict[str, Any]:
        """The file's JSON object."""
        return {
            "format": MERGES_FORMAT,
            "version": 1,
            "merges": dict(sorted(self.merges.items())),
            "splits": [{"ident": s.ident, "articles": s.articles, "into": s.into} for s in self.splits],
        }

    def save(self, folder: Path) -> Path:
        """Write the file atomically into ``folder``; returns it."""
        from tui.store.files import atomic_write

        file = folder / MERGES_FILE
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(file, (json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n").encode())
        return file

    def merge(self, ident: str, into: str) -> None:
        """Make ``ident`` a part of ``into`` (a merge of an entity into itself is refused)."""
        if self.resolve(into, None) == ident or ident == into:
            raise ValueError(f"cannot merge {ident!r} into {into!r}: that would make a loop")
        self.merges[ident] = into

    def split(self, ident: str, articles: Sequence[str], into: str) -> None:
        """Move the mentions of ``ident`` in ``articles`` to a new entity ``into``."""
        self.splits.append(Split(ident, list(articles), into))
        self.merges.pop(into, None)

    def resolve(self, ident: str, article: str | None) -> str:
        """The identity a mention with the text-derived ``ident`` in ``article`` ends up with."""
        if article is not None:
            for split in self.splits:
                if split.ident == ident and article in split.articles:
                    ident = split.into
                    break
        seen = {ident}
        while (target := self.merges.get(ident)) is not None and target not in seen:
            seen.add(target)
            ident = target
        return ident

    def touched(self) -> set[str]:
        """Every identity the corrections mention, on either side."""
        names = set(self.merges) | set(self.merges.values())
        for split in self.splits:
            names.update((split.ident, split.into))
        return names

    def is_empty(self) -> bool:
        """Whether there is nothing to correct."""
        return not self.merges and not self.splits
