"""Moving between spans: next/previous of any kind, of one kind, of one label, of the same entity.

The reader's jump keys are pure functions of the spans in reading order and the current position, so
they are tested here without any UI. :class:`SpanIndex` is built once per annotation version and answers
every jump with a binary search in a precomputed list, so that jumping to a mention far away in a book
costs the same as jumping to the next one.

"Same entity" means the same text, or the same person written more or less fully: in a text that names
"Kim Jong Un", a later "Kim" or "Kim’s" is a mention of him (:func:`entity_keys`). Only people are merged
by name parts; "Korea" is not "North Korea".

No Textual, no spaCy: plain data only.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from tui.model.intervals import IntervalIndex
from tui.model.records import Annotation
from tui.model.span import Span

MERGED_BY_NAME_PARTS = frozenset({"PERSON"})
"""Labels whose short mentions ("Putin") are merged with a fuller name ("Vladimir Putin")."""

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def normalise_mention(text: str) -> str:
    """The comparison form of a mention: case-folded, spaces collapsed, no possessive, no "the".

    Only used to compare mentions; the text shown and saved is always the span's own text.
    """
    norm = _SPACES.sub(" ", text).strip().casefold()
    norm = _POSSESSIVE.sub("", norm).strip()
    if norm.startswith("the "):
        norm = norm[4:]
    return norm or text.casefold()


def _contains(words: Sequence[str], part: Sequence[str]) -> bool:
    """Whether ``part`` occurs as a contiguous run in ``words``."""
    n = len(part)
    return any(list(words[i : i + n]) == list(part) for i in range(len(words) - n + 1))


def person_aliases(names: Counter[str]) -> dict[str, str]:
    """Map each normalised person name to the fullest name it is part of.

    Args:
        names: normalised names with how often each occurs.

    Returns:
        ``{"kim": "kim jong un", "kim jong un": "kim jong un", ...}``. A part that belongs to several
        full names goes to the most mentioned one (then the longest, then alphabetical), which is what a
        reader of one article nearly always means.
    """
    order = sorted(names, key=lambda n: (-len(n.split()), -names[n], n))
    heads: list[str] = []
    by_word: dict[str, list[str]] = defaultdict(list)
    alias: dict[str, str] = {}
    for name in order:
        words = name.split()
        candidates = {h for w in words for h in by_word.get(w, ()) if _contains(h.split(), words)}
        if candidates:
            alias[name] = max(candidates, key=lambda h: (names[h], len(h), h))
            continue
        alias[name] = name
        heads.append(name)
        for word in set(words):
            by_word[word].append(name)
    return alias


_normalised = lru_cache(maxsize=65_536)(normalise_mention)
""":func:`normalise_mention`, remembered: an article (and a corpus) repeats the same few names."""


def entity_keys(spans: Sequence[Span], person_key: Callable[[str], str] = _normalised) -> list[str]:
    """One key per span; spans with the same key are mentions of the same thing.

    Entities: the normalised text, people merged with their fullest name. Numbers: label and text.
    Quotes: the speaker's name when known (quotes by the same person), else the quote itself.

    Args:
        person_key: the comparison form of a person's name or a speaker (the corpus index strips
            titles first, so that "President Xi Jinping" is Xi Jinping across articles).
    """
    people: Counter[str] = Counter(person_key(s.text) for s in spans if s.label in MERGED_BY_NAME_PARTS)
    alias = person_aliases(people)
    keys: list[str] = []
    for number, span in enumerate(spans):
        if span.kind == "entity":
            norm = person_key(span.text) if span.label in MERGED_BY_NAME_PARTS else _normalised(span.text)
            keys.append("entity:" + alias.get(norm, norm))
        elif span.kind == "number":
            keys.append(f"number:{span.label}:{_normalised(span.text)}")
        else:
            speaker = span.speaker_name or (span.speaker.text if span.speaker else None)
            if speaker:
                norm = person_key(speaker)
                keys.append("quote:" + alias.get(norm, norm))
            else:
                keys.append(f"quote:#{number}")
    return keys


class Move(NamedTuple):
    """Where a jump lands: an index into the spans, and whether it wrapped around the text's end."""

    target: int
    """Index of the span it lands on."""
    wrapped: bool
    """Whether it went past the end (or start) of the text and continued from the other end."""


Scope = Callable[[Span], bool]
"""A predicate choosing which spans a linear :func:`step` may land on."""


def step(
    spans: Sequence[Span],
    current: int | None,
    *,
    forward: bool = True,
    where: Scope | None = None,
    origin: int = 0,
    wrap: bool = True,
) -> Move | None:
    """The next (or previous) span after ``current`` that satisfies ``where``: the plain linear version.

    Args:
        spans: spans in reading order.
        current: index of the current span, or ``None`` when there is no cursor yet.
        forward: direction.
        where: which spans count (all when ``None``).
        origin: with no cursor, the text offset to search from (e.g. the top of the visible text).
        wrap: continue from the other end of the text.

    Returns:
        The move, or ``None`` when no span satisfies ``where``.
    """
    n = len(spans)
    if current is None:
        first_at_origin = next((i for i, s in enumerate(spans) if s.start >= origin), n)
        order = (
            list(range(first_at_origin, n)) + list(range(first_at_origin))
            if forward
            else list(range(first_at_origin - 1, -1, -1)) + list(range(n - 1, first_at_origin - 1, -1))
        )
        boundary = n - first_at_origin if forward else first_at_origin
    else:
        order = (
            list(range(current + 1, n)) + list(range(current + 1))
            if forward
            else list(range(current - 1, -1, -1)) + list(range(n - 1, current - 1, -1))
        )
        boundary = n - current - 1 if forward else current
    for position, index in enumerate(order):
        if position >= boundary and not wrap:
            return None
        if where is None or where(spans[index]):
            return Move(index, position >= boundary)
    return None


@dataclass(frozen=True, slots=True)
class EntityGroup:
    """One distinct entity (or number, or speaker's quotes) with all its mentions, for the entity panel."""

    key: str
    """Shared by all its mentions (see :func:`entity_keys`)."""
    label: str
    """The label most of its mentions have."""
    kind: str
    name: str
    """The fullest way the text writes it."""
    indices: tuple[int, ...]
    """Indices of its mentions in reading order."""


def display_name(mentions: Sequence[Span]) -> str:
    """The fullest written form among mentions (a quote's: its speaker), without a possessive."""
    if not mentions:
        return ""
    first = mentions[0]
    if first.kind == "quote":
        return first.speaker_name or (first.speaker.text if first.speaker else "unknown speaker")
    forms = {s.text for s in mentions}  # a few distinct forms, even for a name mentioned 2,000 times
    name = max(forms, key=lambda t: (len(t.split()), len(t), t))
    name = _SPACES.sub(" ", name).strip()
    return name[: -len(m.group(0))].rstrip() if (m := _POSSESSIVE.search(name)) and len(name) > 2 else name


class SpanIndex:
    """Spans in reading order with lookup lists for constant-time-ish jumps of every kind.

    Build one per (annotation version, highlight filter); it holds only ints and the spans it was given.
    """

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans: list[Span] = list(spans)
        """The spans in reading order (the caller keeps them sorted)."""
        self.starts = [s.start for s in self.spans]
        """Start offsets, for binary search by position."""
        self.keys = entity_keys(self.spans)
        """Entity key of each span (see :func:`entity_keys`)."""
        self._by_kind: dict[str, list[int]] = defaultdict(list)
        self._by_label: dict[str, list[int]] = defaultdict(list)
        self._by_key: dict[str, list[int]] = defaultdict(list)
        for index, span in enumerate(self.spans):
            self._by_kind[span.kind].append(index)
            self._by_label[span.label].append(index)
            self._by_key[self.keys[index]].append(index)
        self._all = list(range(len(self.spans)))
        self.intervals = IntervalIndex(self.spans)
        """Which spans cover an offset (the same index the annotation set and the view use)."""
        self._names: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self.spans)

    def members(
        self, *, kind: str | None = None, label: str | None = None, key: str | None = None
    ) -> list[int]:
        """Indices of the spans of one kind, label or entity key (all spans when none is given)."""
        if key is not None:
            return self._by_key.get(key, [])
        if label is not None:
            return self._by_label.get(label, [])
        if kind is not None:
            return self._by_kind.get(kind, [])
        return self._all

    def at_offset(self, offset: int) -> int | None:
        """The innermost span covering a text offset (the last-starting one), if any."""
        return self.intervals.last_covering(offset)

    def step(
        self,
        current: int | None,
        *,
        forward: bool = True,
        kind: str | None = None,
        label: str | None = None,
        key: str | None = None,
        origin: int = 0,
        wrap: bool = True,
    ) -> Move | None:
        """Like :func:`step`, restricted to one kind, label or entity key, in O(log n)."""
        members = self.members(kind=kind, label=label, key=key)
        if not members:
            return None
        if current is None:
            first_at_origin = bisect_left(self.starts, origin)
            position = bisect_left(members, first_at_origin) - (0 if forward else 1)
        else:
            position = bisect_right(members, current) if forward else bisect_left(members, current) - 1
        if 0 <= position < len(members):
            return Move(members[position], False)
        if not wrap:
            return None
        return Move(members[0] if forward else members[-1], True)

    def same_entity(self, current: int, *, forward: bool = True) -> Move | None:
        """Next or previous mention of the current span's entity, wrapping around."""
        return self.step(current, forward=forward, key=self.keys[current])

    def name_of(self, key: str) -> str:
        """The fullest way the text writes the entity with this key (for the status line)."""
        if key not in self._names:
            mentions = [self.spans[i] for i in self._by_key.get(key, [])]
            self._names[key] = display_name(mentions)
        return self._names[key]

    def rank(self, index: int, *, label: str | None = None, key: str | None = None) -> tuple[int, int]:
        """``(n, total)``: the span is the n-th (1-based) of ``total`` with this label or entity key."""
        members = self.members(label=label, key=key)
        return bisect_left(members, index) + 1, len(members)

    def groups(self) -> list[EntityGroup]:
        """Distinct entities, numbers and quoting speakers with their mentions, most mentioned first."""
        result: list[EntityGroup] = []
        for key, indices in self._by_key.items():
            mentions = [self.spans[i] for i in indices]
            label = Counter(s.label for s in mentions).most_common(1)[0][0]
            result.append(EntityGroup(key, label, mentions[0].kind, self.name_of(key), tuple(indices)))
        result.sort(key=lambda g: (-len(g.indices), g.indices[0]))
        return result


def match_target(covering: Sequence[tuple[int, Annotation]]) -> int | None:
    """Which of the spans over a search match the keys act on: one in play, then the shortest.

    Args:
        covering: ``(position, annotation)`` of the shown spans over the match's first character.

    Returns:
        The chosen position, or ``None`` when no span covers the match.
    """
    if not covering:
        return None
    return min(covering, key=lambda pa: (pa[1].status == "rejected", pa[1].end - pa[1].start))[0]
